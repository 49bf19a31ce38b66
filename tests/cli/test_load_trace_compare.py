"""lineage load / trace / compare on the seeds; expected amounts read from the documents."""

import json
import shutil

from click.testing import CliRunner

from lineage_cli.main import cli
from tests.conftest import SEEDS, seed_path


def run(*args, env=None):
    return CliRunner().invoke(cli, list(args), env=env)


def test_load_twice_changes_nothing_and_a_corrected_file_replaces(tmp_path):
    store = str(tmp_path / "s.db")
    first = run("load", str(SEEDS), "--store", store)
    assert first.exit_code == 0, first.output
    assert "5 added, 0 replaced, 0 unchanged" in first.output
    again = run("load", str(SEEDS), "--store", store)
    assert "0 added, 0 replaced, 5 unchanged" in again.output
    # A corrected version of 002 (same unit, year, kind; different bytes) replaces the old one.
    fixed = tmp_path / "002-corrected.txt"
    shutil.copy(seed_path("002"), fixed)
    fixed.write_text(fixed.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    third = run("load", str(fixed), "--store", store)
    assert "0 added, 1 replaced, 0 unchanged" in third.output


def test_trace_reconciles_001(tmp_path):
    store = str(tmp_path / "s.db")
    run("load", str(seed_path("001")), "--store", store)
    r = run("trace", "渠县", "--store", store, "--format", "json")
    assert r.exit_code == 0, r.output
    stages = json.loads(r.output)["stages"]
    # 001 表1-1 line 535: 367.12 = 233.12 一般公共预算 + 134.00 政府性基金.
    sources = {s["name"]: s["amount"] for s in stages[0]["steps"]}
    assert sources == {"一般公共预算拨款收入": "233.12", "政府性基金预算拨款收入": "134.00"}
    # 表1-2 lines 564-588: the 项 rows add up to 367.11 against the printed 367.12: the
    # 收入 pool does not balance by 0.01, and the trace says so rather than hiding it.
    income = stages[1]
    assert (income["inflow"], income["outflow"], income["balanced"]) == ("367.12", "367.11", False)


def test_compare_three_science_associations(tmp_path):
    store = str(tmp_path / "s.db")
    for seed in ("001", "002", "003"):
        run("load", str(seed_path(seed)), "--store", store)
    r = run("compare", "渠县", "成华区", "凉山州", "--store", store, "--format", "json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    rows = {row["label"].strip(): row["values"] for row in data["rows"]}
    # Totals: 001 line 485 (367.12), 002 line 264 (350.22), 003 line 115 (753.70).
    assert rows["支出总计"] == ["367.12", "350.22", "753.70"]
    # 三公: 001 表3-3 line 887 3.19; 002 line 412 2.66; 003 line 394 9.89.
    assert rows["“三公”经费"] == ["3.19", "2.66", "9.89"]
    # 公务接待: 0.19 (001 line 887), 0.66 (002 line 412), 0.19 (003 line 394).
    assert rows["公务接待"] == ["0.19", "0.66", "0.19"]
    # 类 212 城乡社区 only in 001 (line 578, 134.00).
    assert rows["类 212"] == ["134.00", None, None]
    assert "2120899" in data["only_in"]["渠县科学技术协会 2024"]
