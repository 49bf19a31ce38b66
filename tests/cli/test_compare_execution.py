"""`lineage compare` on a 预算 and its 决算: execution (预算数, 决算数, 差额, rate) in text, JSON, CSV and XLSX.

The store holds the real 决算 (shanghai-putuo-guihuaziyuan-2024-juesuan.pdf) and the unit's 2024 预算 as the
决算 itself states it (tests/report/test_execution.py: its text's 年初预算 per 项, its 三公 table's 预算数).
"""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from lineage_cli.main import cli
from tests.juesuan_pair import juesuan_as_read, planned_budget


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    from lineage.checks import run_checks
    from lineage.store import Store

    juesuan = juesuan_as_read()
    path = tmp_path_factory.mktemp("execution") / "s.db"
    with Store(path, create=True) as st:
        st.put(juesuan, run_checks(juesuan))
        budget = planned_budget(juesuan)
        st.put(budget, run_checks(budget))
    return str(path)


def run(*args):
    return CliRunner().invoke(cli, list(args))


def test_one_name_takes_the_units_budget_and_final_account_and_shows_execution(store):
    r = run("compare", "普陀区规划和自然资源局", "--store", store, "--format", "json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert data["units"] == ["上海市普陀区规划和自然资源局 2024 部门决算", "上海市普陀区规划和自然资源局 2024 部门预算"]
    by = {(x["budget_disclosure"], x["section"], x["level"], x["code"] or x["name"]): x for x in data["execution"]}
    pair = "2024/上海市普陀区规划和自然资源局/部门预算"
    # 2120201 城乡社区规划与管理: "年初预算为 3110.14 万元，支出决算为 2739.56 万元，完成年初预算的 88.08%" (page 23)
    line = by[(pair, "一般公共预算财政拨款支出", "项", "2120201")]
    assert (line["budget"], line["actual"], line["difference"], line["rate"], line["unit"]) == (
        "3110.14", "2739.56", "-370.58", "88.08", "万元")
    assert (line["actual_table"], line["actual_page"]) == ("actual_gp_by_function", 14)
    # the 决算's own 三公 预算数 2.85 → 决算数 0.39 (page 17), with no 预算 involved
    own = by[(None, "财政拨款“三公”经费支出决算表", "合计", "合计")]
    assert (own["budget"], own["actual"], own["rate"]) == ("2.85", "0.39", "13.68")
    # the 决算's 三公 预算数 is the 预算's: no XD01, and no finding of any other rule in the execution view
    assert data["execution_findings"] == []


def test_execution_as_csv_and_text(store):
    r = run("compare", "普陀区规划和自然资源局", "--store", store, "--format", "csv", "--execution")
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader(io.StringIO(r.output)))
    total = next(x for x in rows if x["section"] == "一般公共预算财政拨款支出" and x["level"] == "合计" and x["name"] == "合计")
    assert (total["budget"], total["actual"], total["rate"]) == ("10210.34", "9746.50", "95.46")
    text = run("compare", "普陀区规划和自然资源局", "--store", store)
    assert text.exit_code == 0, text.output
    assert "预算执行" in text.output and "88.08%" in text.output


def test_execution_sheet_in_the_workbook(store, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "c.xlsx"
    r = run("compare", "普陀区规划和自然资源局", "--store", store, "--format", "xlsx", "-o", str(out))
    assert r.exit_code == 0, r.output
    book = load_workbook(out)
    assert book.sheetnames == ["比较", "仅一方有", "执行"]
    sheet = book["执行"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, [c.value for c in row])) for row in sheet.iter_rows(min_row=2)]
    line = next(x for x in rows if x["编码"] == "2080505" and x["部分"] == "一般公共预算财政拨款支出")
    # "年初预算为 452.40 万元，支出决算为 446.11 万元，完成年初预算的 98.61%" (page 22)
    assert (line["预算数（万元）"], line["决算数（万元）"], line["执行率（%）"]) == (452.4, 446.11, 98.61)


def test_check_sets_a_stored_juesuan_against_its_stored_budget(tmp_path):
    """XD01: the 决算's 三公 预算数 2.85 (page 17) against a 预算 that planned 3.00 (as if adjusted during the year)."""
    from decimal import Decimal

    from lineage.checks import run_checks
    from lineage.store import Store

    juesuan = juesuan_as_read()
    budget = planned_budget(juesuan)
    t = budget.table("gp_three_public")
    row = t.rows[0].model_copy(update={"values": {**t.rows[0].values, "合计": Decimal("3.00"), "公务接待费": Decimal("3.00")}})
    budget = budget.model_copy(update={"tables": [x if x is not t else t.model_copy(update={"rows": [row]}) for x in budget.tables]})
    path = str(tmp_path / "s.db")
    with Store(tmp_path / "s.db", create=True) as st:
        st.put(juesuan, run_checks(juesuan))
        st.put(budget, run_checks(budget))
    r = run("check", "2024/上海市普陀区规划和自然资源局/部门决算", "--store", path, "--rule", "XD01", "--format", "json")
    assert r.exit_code == 0, r.output  # info only: an adjusted budget is no error
    found = [f for d in json.loads(r.output)["disclosures"] for f in d["findings"]]
    assert sorted((f["code"], f["severity"], f["expected"], f["found"]) for f in found) == [
        ("XD01", "info", "3.00", "2.85"), ("XD01", "info", "3.00", "2.85")]  # 合计 and 公务接待费
    alone = run("check", "2024/上海市普陀区规划和自然资源局/部门预算", "--store", path, "--rule", "XD01", "--format", "json")
    assert [f for d in json.loads(alone.output)["disclosures"] for f in d["findings"]] == []
    compared = json.loads(run("compare", "普陀区规划和自然资源局", "--store", path, "--format", "json").output)
    assert sorted((f["code"], f["expected"], f["found"]) for f in compared["execution_findings"]) == [
        ("XD01", "3.00", "2.85"), ("XD01", "3.00", "2.85")]
