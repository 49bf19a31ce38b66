"""A 决算's lineage graph: actual flows, each edge with its phase, and carry-over in and out of 收入.

shanghai-putuo-guihuaziyuan-2024-juesuan.pdf, amounts in 万元 as printed: 收入决算表 (page 9) 合计 row
"合计 9746.50 9746.50" (本年收入合计, 财政拨款收入); 支出决算表 (pages 10-11) "合计 9759.38 5377.64 4381.74";
收入支出决算总表 (page 7) "年初结转和结余 112.88 | 年末结转和结余 100.00", "总计 9859.38 | 总计 9859.38".
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from lineage.checks import run_checks
from lineage.graph import names as N
from lineage.graph.build import build_graph
from lineage.graph.conservation import flows, imbalances, total
from lineage.graph.trace import trace
from tests.juesuan_pair import JUESUAN, juesuan_as_read

ID = "2024/上海市普陀区规划和自然资源局/部门决算"


@pytest.fixture(scope="module")
def juesuan():
    return juesuan_as_read()


@pytest.fixture(scope="module")
def g(juesuan):
    return build_graph([juesuan])


def node(*parts: str) -> str:
    return N.node_id(ID, *parts)


def test_every_flow_of_a_juesuan_is_actual_and_of_a_budget_planned(g, parsed):
    phases = {e[N.PHASE] for _, _, e in g.edges(data=True) if e[N.LABEL] == N.FLOW}
    assert phases == {"actual"}
    assert (g.nodes[ID][N.PHASE], g.nodes[ID]["kind"]) == ("actual", "部门决算")
    budget = build_graph([parsed("001")])
    assert {e[N.PHASE] for _, _, e in budget.edges(data=True) if e[N.LABEL] == N.FLOW} == {"budget"}


def test_sources_functions_and_pools_are_read_from_the_juesuan_tables(g):
    income = node("pool", "收入")
    sources = {g.nodes[a]["name"]: e[N.AMOUNT] for a, _, e in g.in_edges(income, data=True)}
    # 收入决算表 合计 row: 财政拨款收入 9746.50 (page 9); 年初结转和结余 112.88 (page 7)
    assert sources == {"财政拨款收入": Decimal("9746.50"), "年初结转和结余": Decimal("112.88")}
    # 支出决算表 (page 10) "2080505 机关事业单位基本养老保险缴费支出 446.11 446.11 0.00": 本年支出合计 into the
    # functional subject, all of it on to 基本支出
    fn = node("fn", "2080505")
    assert g.get_edge_data(income, fn, key=N.FLOW)[N.AMOUNT] == Decimal("446.11")
    assert g.get_edge_data(fn, node("pool", "基本支出"), key=N.FLOW)[N.AMOUNT] == Decimal("446.11")
    assert g.get_edge_data(income, fn, key=N.FLOW)[N.PROV].table == "actual_expenditure_summary"
    # the 合计 row's 基本支出 5377.64 and 项目支出 4381.74 (page 10) are what the pools receive
    assert total(flows(g, node("pool", "基本支出"), "in")) == Decimal("5377.64")
    assert total(flows(g, node("pool", "项目支出"), "in")) == Decimal("4381.74")


def test_carry_over_in_and_out_are_nodes_of_their_own_and_income_balances_as_the_total_table_does(g):
    income = node("pool", "收入")
    carry_in = node("src", "年初结转和结余")
    carry_out = node("carry", "年末结转和结余")
    assert (g.nodes[carry_in][N.CARRY], g.nodes[carry_out][N.CARRY]) == ("in", "out")
    assert g.get_edge_data(income, carry_out, key=N.FLOW)[N.AMOUNT] == Decimal("100.00")
    # 本年收入 9746.50 + 年初 112.88 = 9859.38 = 本年支出 9759.38 + 年末 100.00: the printed 总计 of both sides
    assert total(flows(g, income, "in")) == total(flows(g, income, "out")) == Decimal("9859.38")
    assert not [i for i in imbalances(g, ID) if i.node == income]
    stages = trace(g, ID)
    assert stages[0].inflow == Decimal("9859.38") and stages[1].balanced


def test_without_its_carry_over_lines_the_juesuans_income_gap_is_no_error(parsed):
    """A 决算 whose carry-over lines are not in the graph: 收入 receives 9746.50 and pays 9759.38, an honest
    12.88 (年初 112.88 − 年末 100.00) that GR01 reports as an info, never as an error."""
    from lineage.parse.disclosure import parse_file

    bare = parse_file(JUESUAN)
    if any(r.values for r in bare.table("actual_income_expenditure_summary").rows):
        bare = bare.model_copy(update={"tables": [
            t.model_copy(update={"rows": []}) if t.kind == "actual_income_expenditure_summary" else t for t in bare.tables]})
    gr01 = [f for f in run_checks(bare, ["GR01"]) if "收入" in f.message]
    assert [(f.severity, f.expected, f.found) for f in gr01] == [("info", Decimal("9746.50"), Decimal("9759.38"))]
    # a budget's unbalanced 收入 stays an error where the tables disagree beyond rounding: see GR01's cases


def test_no_error_level_graph_finding_on_the_juesuan(juesuan):
    assert [f for f in run_checks(juesuan, ["GR01"]) if f.severity == "error"] == []
