"""Both phases of one unit and year in Neo4j, and cypher/budget_vs_actual.cypher over them (ArcadeDB's Bolt server).

The 决算 is the real 2024 one of 上海市普陀区规划和自然资源局; its 预算 is built from what the 决算 prints as
budget (tests/juesuan_pair.py). For the 类/款/项 of all funds the budget also needs a 支出总表: it is taken as
the 一般公共预算 年初预算 of each 项 the 决算 text states, since this unit's income is all 财政拨款 (收入决算表,
page 9: 本年收入合计 9746.50 = 财政拨款收入 9746.50). Actual amounts are the 支出决算表's (pages 10-11).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from lineage.checks import run_checks
from lineage.neo4jdb import catalog
from lineage.neo4jdb.loader import load
from lineage.neo4jdb.rows import disclosure_rows
from tests.juesuan_pair import juesuan_as_read, planned_budget

BUDGET = "2024/上海市普陀区规划和自然资源局/部门预算"
ACTUAL = "2024/上海市普陀区规划和自然资源局/部门决算"


def with_all_funds(budget):
    """The budget with a 支出总表 equal to its 一般公共预算 table (合计 column only: no 基本/项目 split is stated)."""
    gp = budget.table("gp_by_function")
    summary = gp.model_copy(update={"kind": "expenditure_summary", "title": "部门支出总表"})
    return budget.model_copy(update={"tables": budget.tables + [summary]})


@pytest.fixture(scope="module")
def pair_in_neo4j(neo4j_driver, neo4j_server):
    juesuan = juesuan_as_read()
    budget = with_all_funds(planned_budget(juesuan))
    neo4j_driver.execute_query("MATCH (n) DETACH DELETE n", database_=neo4j_server.database)
    load(neo4j_driver, [disclosure_rows(d, run_checks(d)) for d in (budget, juesuan)], neo4j_server.database)

    def run(query: str, **params) -> list[dict]:
        records, _, _ = neo4j_driver.execute_query(query, params, database_=neo4j_server.database)
        return [r.data() for r in records]

    return run


def test_both_phases_of_one_unit_and_year_are_kept_side_by_side(pair_in_neo4j):
    rows = pair_in_neo4j(
        "MATCH (d:Disclosure)-[:PUBLISHED_BY]->(u:Unit) RETURN d.id AS id, d.phase AS phase, d.year AS year, "
        "u.name AS unit ORDER BY phase DESC")
    assert rows == [
        {"id": BUDGET, "phase": "budget", "year": 2024, "unit": "上海市普陀区规划和自然资源局"},
        {"id": ACTUAL, "phase": "actual", "year": 2024, "unit": "上海市普陀区规划和自然资源局"},
    ]
    flows = pair_in_neo4j("MATCH ()-[f:FLOWS_TO]->() RETURN f.disclosure AS d, collect(DISTINCT f.phase) AS phases "
                          "ORDER BY d DESC")
    assert flows == [{"d": BUDGET, "phases": ["budget"]}, {"d": ACTUAL, "phases": ["actual"]}]
    # carry-over out of the 决算's 收入: 年末结转和结余 100.00 万元 (page 7)
    out = pair_in_neo4j("MATCH (:Pool {disclosure: $d, name: '收入'})-[f:FLOWS_TO]->(n:Unitemised {carryOver: 'out'}) "
                        "RETURN n.name AS name, f.amountMinor AS minor, f.unit AS unit", d=ACTUAL)
    assert out == [{"name": "年末结转和结余", "minor": 10000, "unit": "万元"}]


def test_budget_vs_actual_per_item_class_pool_and_three_public(pair_in_neo4j):
    q = catalog.get("budget_vs_actual")
    rows = pair_in_neo4j(q.text, **q.bind({"unit": "普陀区规划", "year": "2024"}))
    by = {(r["part"], r["subject"]): r for r in rows}
    # 2080505: 年初预算 452.40, 支出决算 446.11, "完成年初预算的 98.61%" (page 22)
    r = by[("项", "2080505")]
    assert (r["budget"], r["actual"], r["rate"], r["budgetUnit"], r["actualUnit"]) == ("452.40", "446.11", "98.61", "万元", "万元")
    assert r["rateBasisPoints"] == 9861
    # 2101101 行政单位医疗: 42.73 → 40.35, "完成年初预算的 94.43%" (page 23)
    assert (by[("项", "2101101")]["budget"], by[("项", "2101101")]["actual"], by[("项", "2101101")]["rate"]) == (
        "42.73", "40.35", "94.43")
    # 类 208 summed over its 项: budget 54.53 + 28.11 + 452.40 + 226.25 + 0.88 = 762.17; actual 754.75 (page 10);
    # 754.75 / 762.17 = 99.026…%
    assert (by[("类", "208")]["budget"], by[("类", "208")]["actual"], by[("类", "208")]["rate"]) == ("762.17", "754.75", "99.03")
    # 基本/项目: the 决算's pools (支出决算表 合计 row: 5377.64 and 4381.74); the budget states no split: null
    assert (by[("基本/项目", "基本支出")]["actual"], by[("基本/项目", "基本支出")]["budget"]) == ("5377.64", None)
    assert by[("基本/项目", "项目支出")]["actual"] == "4381.74"
    # 三公 (page 17): budget 2.85 (the 预算's), the 决算's own 预算数 2.85, 决算数 0.39: 13.68% both ways
    t = by[("三公", "合计")]
    assert (t["budget"], t["ownBudget"], t["actual"], t["rate"], t["ownRate"]) == ("2.85", "2.85", "0.39", "13.68", "13.68")
    assert by[("三公", "公务接待费")]["actual"] == "0.39" and by[("三公", "因公出国（境）费用")]["rate"] is None


def test_budget_vs_actual_agrees_with_lineage_compare(pair_in_neo4j):
    """The query's 项 and 三公 rows are the execution lines of `lineage compare` (lineage.execution) for the same pair."""
    from lineage.execution import between

    juesuan = juesuan_as_read()
    lines = between(with_all_funds(planned_budget(juesuan)), juesuan)
    q = catalog.get("budget_vs_actual")
    rows = {(r["part"], r["subject"]): r for r in pair_in_neo4j(q.text, **q.bind({"unit": ACTUAL}))}
    for e in lines:
        if e.section == "支出（全部资金）" and e.level == "项":
            key = ("项", e.code)
        elif e.section == "“三公”经费":
            key = ("三公", e.name)
        else:
            continue
        row = rows[key]
        assert (Decimal(row["budget"]), Decimal(row["actual"])) == (e.budget_value, e.actual_value), key
        assert (None if row["rate"] is None else Decimal(row["rate"])) == e.rate, key
