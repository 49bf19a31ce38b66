"""Issue #12 item 2: one definition of a valid amount, shared by the parser and every writer.

An amount finer than 0.01 is kept exactly as printed, reported as a finding on its line,
and written without the integer amountMinor; a digit run too long to be an amount is
reported, never read and never rounded; nothing crashes a writer.
"""

from __future__ import annotations

import csv
import json
from decimal import Decimal

import pytest
from click.testing import CliRunner

from lineage.amounts import MAX_INTEGER_DIGITS, TABLE_AMOUNT_RE, parse_amount, storage_problem, to_minor
from lineage.checks import run_checks
from lineage.neo4jdb.rows import disclosure_rows
from lineage.parse.disclosure import parse_file
from lineage_cli.main import cli
from tests.conftest import seed_path

# 001 line 564: "206 07 01 214001  机构运行 143.09 143.09" (万元; 合计 and 基本支出).
LINE = 564


def variant(tmp_path, old: str, new: str, line: int = LINE, name: str = "001.txt"):
    lines = seed_path("001").read_text(encoding="utf-8").splitlines()
    assert old in lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_the_grammar():
    assert parse_amount("1,234.56") == Decimal("1234.56")
    assert parse_amount("(12.00)") == Decimal("-12.00") and parse_amount("-12.00") == Decimal("-12.00")
    for text in ("1e309", "12,34.00", "(-1.00)", "NaN", "Infinity", "1" * (MAX_INTEGER_DIGITS + 1) + ".00", ""):
        assert parse_amount(text) is None, text
    assert parse_amount("9" * MAX_INTEGER_DIGITS + ".99") is not None
    assert TABLE_AMOUNT_RE.match("143.0950") and not TABLE_AMOUNT_RE.match("143.09501")
    assert not TABLE_AMOUNT_RE.match("1" * 29 + ".00")
    assert to_minor(Decimal("143.09")) == 14309 and to_minor(Decimal("143.0900")) == 14309
    assert to_minor(Decimal("143.095")) is None and "3 位小数" in storage_problem(Decimal("143.095"))
    biggest = Decimal("9" * MAX_INTEGER_DIGITS + ".99")
    assert to_minor(biggest) == int("9" * MAX_INTEGER_DIGITS + "99") < 2**63  # fits Neo4j's 64-bit integer


@pytest.fixture
def three_decimals(tmp_path):
    return variant(tmp_path, "143.09 143.09", "143.095 143.095")


def test_three_decimals_are_kept_as_printed_and_reported_on_their_line(three_decimals):
    d = parse_file(three_decimals)
    (row,) = [r for t in d.tables if t.kind == "expenditure_summary" for r in t.rows if r.line == LINE]
    assert row.values["合计"] == Decimal("143.095")  # recorded as printed, never rounded
    (finding,) = {(f.code, f.message) for f in run_checks(d) if f.evidence and f.evidence[0].line == LINE
                  and "3 位小数" in f.message}
    assert finding[0] == "PA02"


def test_export_of_three_decimals_writes_the_exact_string_and_no_integer(tmp_path, three_decimals):
    out = tmp_path / "csv"
    r = CliRunner().invoke(cli, ["export", "--neo4j-csv", str(out), str(three_decimals)])
    assert r.exit_code == 0, r.output  # the audit: a traceback naming no file
    with open(out / "relationships" / "FLOWS_TO-Pool-FunctionalSubject.csv", encoding="utf-8", newline="") as fh:
        flows = [row for row in csv.DictReader(fh) if row["line:long"] == str(LINE)]
    assert [(f["amount:string"], f["amountMinor:long"]) for f in flows] == [("143.095", "")]


def test_load_and_check_of_three_decimals_keep_the_exact_value(tmp_path, three_decimals):
    store = tmp_path / "s.db"
    r = CliRunner().invoke(cli, ["load", str(three_decimals), "--store", str(store)])
    assert r.exit_code == 0, r.output
    r = CliRunner().invoke(cli, ["find", "143.095", "--store", str(store), "--format", "json"])
    assert r.exit_code == 0 and str(LINE) in r.stdout
    rows = disclosure_rows(parse_file(three_decimals), [])
    flows = [row["props"] for rels in rows.rels for row in rels.rows if row["props"].get("line") == LINE]
    assert flows and all(p["amount"] == "143.095" and "amountMinor" not in p for p in flows)


def test_a_400_digit_amount_is_reported_not_rounded(tmp_path):
    path = variant(tmp_path, "143.09 143.09", "1" + "0" * 400 + ".00 143.09")
    r = CliRunner().invoke(cli, ["check", str(path), "--format", "json"])
    assert r.exit_code in (0, 1), r.output
    findings = [f for d in json.loads(r.stdout)["disclosures"] for f in d["findings"]]
    assert any(f["code"] == "PA02" and "401 位整数" in f["message"] and f["evidence"][0]["line"] == LINE
               for f in findings)
    d = parse_file(path)
    assert all(abs(v) < 10**MAX_INTEGER_DIGITS for t in d.tables for r in t.rows for v in r.values.values())


def test_a_29_digit_figure_before_a_share_is_a_finding_not_a_crash(tmp_path):
    # 001 line 189: "共预算拨款收入233.12万元，占63.50%；政府性基金安排支出"
    path = variant(tmp_path, "233.12万元", "12345678901234567890123456789.12万元", line=189)
    r = CliRunner().invoke(cli, ["check", str(path), "--format", "json"])
    assert r.exit_code in (0, 1), r.output
    assert "Traceback" not in r.output
    messages = [f["message"] for d in json.loads(r.stdout)["disclosures"] for f in d["findings"]
                if f["evidence"] and f["evidence"][0]["line"] == 189]
    assert any("29 位整数" in m for m in messages), messages
