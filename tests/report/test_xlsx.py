"""`--format xlsx` for check, compare, trace and projects: read the workbook back and compare its numbers
with the same command's JSON (and with the documents where a figure is quoted)."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from click.testing import CliRunner

from lineage.report.xlsx import read_back
from lineage_cli.main import cli


def _run(seeds_store, tmp_path, *args: str):
    """The workbook of `lineage ARGS --format xlsx -o FILE` and the parsed `--format json` of the same command."""
    out = tmp_path / "out.xlsx"
    runner = CliRunner()
    book = runner.invoke(cli, [*args, "--store", str(seeds_store), "--format", "xlsx", "-o", str(out)])
    as_json = runner.invoke(cli, [*args, "--store", str(seeds_store), "--format", "json"])
    assert book.exit_code == as_json.exit_code, book.output
    return read_back(out), json.loads(as_json.stdout)


def _num(value) -> Decimal:
    """A numeric cell as the exact amount it holds (Excel keeps 15 significant digits: enough for any printed amount)."""
    assert isinstance(value, (int, float)), f"{value!r} is not a number"
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


def test_trace_workbook_holds_the_traces_numbers(seeds_store, tmp_path):
    """渠县 (001): 2060701 机构运行 143.09 (表1-2 line 564), wholly 基本支出."""
    book, trace = _run(seeds_store, tmp_path, "trace", "渠县")
    header, *rows = book["流向"]
    assert header[4] == "金额（万元）" and header[5] == "占比（%）"
    expected = []
    for s in trace["stages"]:
        for step in s["steps"]:
            expected.append((s["name"], step["name"], Decimal(step["amount"]), step["line"]))
            expected += [(s["name"], c["name"], Decimal(c["amount"]), c["line"]) for c in step["children"] if c["share"] is not None]
    assert [(r[0], r[2], _num(r[4]), r[6]) for r in rows] == expected
    assert ("收入 → 功能科目", "机构运行", Decimal("143.09"), 564) in expected
    stages = book["阶段"][1:]
    assert [(_num(r[1]), _num(r[2])) for r in stages] == [(Decimal(s["inflow"]), Decimal(s["outflow"])) for s in trace["stages"]]


def test_check_workbook_has_a_findings_sheet_with_evidence(seeds_store, tmp_path):
    book, report = _run(seeds_store, tmp_path, "check", "渠县")
    assert set(book) == {"概况", "问题", "证据"}
    (summary,) = book["概况"][1:]
    assert summary[0] == "2024/渠县科学技术协会/部门预算" and summary[4] == "否"  # DC01: line 201's 734.24 is 367.12 twice
    findings = report["disclosures"][0]["findings"]
    header, *rows = book["问题"]
    assert len(rows) == len(findings)
    for row, f in zip(rows, findings):
        assert row[2] == f["code"]
        for cell, shown in ((row[6], f["expected"]), (row[7], f["found"])):  # a number, or a label (a name, a 目录 line)
            assert cell == shown if isinstance(cell, str) or cell is None else _num(cell) == Decimal(shown)
        assert row[9] == ", ".join(str(e["line"]) for e in f["evidence"])
    dc01 = next(r for r in rows if r[2] == "DC01")
    assert (_num(dc01[6]), _num(dc01[7])) == (Decimal("367.12"), Decimal("734.24"))
    evidence = book["证据"][1:]
    assert len(evidence) == sum(len(f["evidence"]) for f in findings)
    assert [r[6] for r in evidence if r[0] == dc01[0]] == [201, 685]


def test_compare_workbook_puts_each_units_unit_in_its_header(seeds_store, tmp_path):
    book, comp = _run(seeds_store, tmp_path, "compare", "渠县", "重庆")
    header, *rows = book["比较"]
    assert header == ["项目", "渠县科学技术协会 2024（万元）", "渠县科学技术协会 2024 占支出总计（%）",
                      "重庆市科学技术协会 2024（万元）", "重庆市科学技术协会 2024 占支出总计（%）"]
    for row, r in zip(rows, comp["rows"]):
        assert row[0] == r["label"].strip()
        assert [None if v is None else _num(v) for v in row[1::2]] == [None if v is None else Decimal(v) for v in r["values"]]
        assert [None if v is None else _num(v) for v in row[2::2]] == [None if v is None else Decimal(v) for v in r["shares"]]
    assert _num(rows[1][1]) == Decimal("367.12")  # 支出总计 of 001, line 485


def test_projects_workbook_lists_amounts_and_indicators(seeds_store, tmp_path):
    book, projects = _run(seeds_store, tmp_path, "projects", "--limit", "5")
    header, *rows = book["项目"]
    assert header[2] == "金额（万元）"
    assert [(r[0], _num(r[2]), r[6]) for r in rows] == [(p["project"], Decimal(p["amount"]), len(p["indicators"])) for p in projects]
    assert len(book["指标"]) - 1 == sum(len(p["indicators"]) for p in projects)


def test_xlsx_is_refused_on_a_terminal_and_never_half_written(seeds_store, tmp_path, monkeypatch):
    import click

    from lineage_cli import xlsx_output

    class Terminal:
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(xlsx_output.sys, "stdout", Terminal())
    with pytest.raises(click.exceptions.Exit) as refused:
        xlsx_output.emit_xlsx([], None)
    assert refused.value.exit_code == 2
    monkeypatch.undo()
    missing_dir = tmp_path / "no-such-dir" / "t.xlsx"
    failed = CliRunner().invoke(cli, ["trace", "渠县", "--store", str(seeds_store), "--format", "xlsx", "-o", str(missing_dir)])
    assert failed.exit_code == 2 and "no-such-dir" in failed.stderr and not missing_dir.exists()
