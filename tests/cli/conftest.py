"""Shared by the command-line tests: the seeds loaded once into an embedded store."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from lineage_cli.main import cli
from tests.conftest import SEEDS


@pytest.fixture(scope="session")
def seeds_store(tmp_path_factory):
    """A store file holding the five seeds, as `lineage load data/seeds --store FILE` leaves it."""
    path = tmp_path_factory.mktemp("seeds-store") / "lineage.db"
    result = CliRunner().invoke(cli, ["load", str(SEEDS), "--store", str(path)])
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture
def run_json(seeds_store):
    """``run_json("find", "143.09")``: a command on the seeds store with --format json, its output parsed."""

    def run(*args: str):
        result = CliRunner().invoke(cli, [*args, "--store", str(seeds_store), "--format", "json"])
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    return run
