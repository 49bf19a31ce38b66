"""Fixtures for the report tests: the seeds store (shared with the CLI tests), reports written by the
command as a user runs it, and a headless Chromium to open them in.

Without Chromium the browser tests are skipped, unless LINEAGE_REQUIRE_BROWSER_TESTS=1 is set (CI
sets it in .ci/run, after installing Debian's chromium-headless-shell), in which case they fail: a CI
run must never pass by skipping them. Screenshots go to artifacts/report/ (ignored by git; CI keeps it).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from lineage_cli.main import cli
from tests.cli.conftest import seeds_store  # noqa: F401  (the fixture, shared)
from tests.conftest import ROOT

from .chromium import Chromium, find_chromium

REQUIRE_ENV = "LINEAGE_REQUIRE_BROWSER_TESTS"
ARTIFACTS = Path(os.environ.get("LINEAGE_ARTIFACTS", ROOT / "artifacts")) / "report"

# The seeds by a part of their unit name, as a user names them (file prefix → unit).
SEED_UNITS = {"000": "四川省科技交流中心", "001": "渠县", "002": "成华区", "003": "凉山州", "004": "重庆市"}


def invoke(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="session")
def trace_json(seeds_store):  # noqa: F811
    """``trace_json("渠县")``: what `lineage trace UNIT --format json` prints, parsed."""
    return lambda unit: json.loads(invoke("trace", unit, "--store", str(seeds_store), "--format", "json"))


@pytest.fixture(scope="session")
def html_report(seeds_store, tmp_path_factory):  # noqa: F811
    """``html_report("渠县", ...)``: the path of `lineage report UNIT... --html FILE`, written once per set of units."""
    folder = tmp_path_factory.mktemp("html-reports")
    made: dict[tuple[str, ...], Path] = {}

    def make(*units: str) -> Path:
        if units not in made:
            path = folder / f"report-{len(made)}.html"
            CliRunner().invoke(cli, ["report", *units, "--store", str(seeds_store), "--html", str(path)], catch_exceptions=False)
            assert path.exists()
            made[units] = path
        return made[units]

    return make


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session (a fresh profile, no network)."""
    executable = find_chromium()
    if executable is None:
        reason = "no Chromium (apt-get install chromium-headless-shell)"
        if os.environ.get(REQUIRE_ENV) == "1":
            pytest.fail(f"{reason}, and {REQUIRE_ENV}=1 requires the browser tests to run")
        pytest.skip(reason)
    with Chromium(executable) as b:
        yield b
