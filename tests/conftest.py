"""Shared test fixtures: the bundled seed disclosures."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "data" / "seeds"


def seed_path(prefix: str, folder: Path = SEEDS) -> Path:
    """The bundled seed whose file name starts with prefix ("000" … "004"), or its copy in `folder`."""
    (path,) = folder.glob(f"{prefix}_*.txt")
    return path


@pytest.fixture(scope="session")
def parsed():
    """Parse each seed once per test session: parsed("003") -> Disclosure."""
    from lineage.parse.disclosure import parse_file

    cache = {}

    def get(prefix: str):
        if prefix not in cache:
            cache[prefix] = parse_file(seed_path(prefix))
        return cache[prefix]

    return get


def problems_at(disclosure, kind, line):
    """Messages of the parse problems recorded for one table at one line."""
    return [p.message for p in disclosure.problems if p.table == kind and p.line == line]
