"""Funding sources of the lineage graph: from the 收入总表, or from the 部门收支总表 where no 收入总表 is printed."""

from __future__ import annotations

from decimal import Decimal

import pytest

from lineage.graph import names as N
from lineage.graph.build import build_graph


def sources(d) -> list[tuple[str, Decimal, int]]:
    g = build_graph([d])
    income = N.node_id(d.id, "pool", "收入")
    return sorted(
        ((g.nodes[s]["name"], e[N.AMOUNT], e[N.PROV].line) for s, _, e in g.in_edges(income, data=True) if e[N.LABEL] == N.FLOW),
        key=lambda x: (x[2], x[0]),
    )


def test_a_printed_income_summary_gives_the_sources(parsed):
    # 001 line 531, 收入总表 合计 row: 367.12 = 233.12 一般公共预算拨款收入 + 134.00 政府性基金预算拨款收入
    assert sources(parsed("001")) == [
        ("一般公共预算拨款收入", Decimal("233.12"), 531), ("政府性基金预算拨款收入", Decimal("134.00"), 531)]


@pytest.mark.parametrize("number, expected", [
    # 004 prints no 表七 收入总表; 表六 部门收支总表 lines 208-216: 一般公共预算资金 10,527.11,
    # 事业收入资金 345.92, 其他收入资金 1,120.53 (合计 11,993.56, line 207)
    ("004", [("一般公共预算拨款收入", Decimal("10527.11"), 208), ("事业收入", Decimal("345.92"), 212),
             ("其他收入", Decimal("1120.53"), 216)]),
    # 002 prints no 收入总表 either; its 部门收支总表 line 230: 一、一般公共预算拨款收入 350.22
    ("002", [("一般公共预算拨款收入", Decimal("350.22"), 230)]),
])
def test_without_an_income_summary_the_sources_come_from_the_income_lines_of_the_summary(parsed, number, expected):
    assert sources(parsed(number)) == expected
