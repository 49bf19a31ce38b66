"""The 基本支出 and 项目支出 pools of a flattened disclosure, once the text has decided the 支出总表's columns."""

from __future__ import annotations

from decimal import Decimal

from lineage.graph import names as N
from lineage.graph.build import build_graph


def inflow(g, node) -> list[tuple[str, Decimal]]:
    return sorted((g.nodes[a]["name"], e[N.AMOUNT]) for a, _, e in g.in_edges(node, data=True) if e[N.LABEL] == N.FLOW)


def test_001_functional_subjects_feed_the_basic_and_project_pools(parsed):
    d = parsed("001")
    g = build_graph([d])
    basic = inflow(g, N.node_id(d.id, "pool", "基本支出"))
    project = inflow(g, N.node_id(d.id, "pool", "项目支出"))
    # 部门支出总表 lines 564-588, each subject printing its amount twice (合计 and one column):
    assert project == [("其他国有土地使用权出让收入安排的支出", Decimal("134.00")), ("其他科学技术普及支出", Decimal("56.05"))]
    assert sum(a for _, a in project) == Decimal("190.05")  # = the printed 项目支出 total, line 558
    assert len(basic) == 8 and ("机构运行", Decimal("143.09")) in basic
    # 143.09 + 15.25 + 0.91 + 3.40 + 2.67 + 1.32 + 1.20 + 9.22 = 177.06, printed 177.07 (line 558): rounding
    assert sum(a for _, a in basic) == Decimal("177.06")
