"""000's 绩效目标表: what the print decides about its 47 indicators, and how the rest stays visible.

Reading 000 (lines 776-1303): the table is printed over two pages, each opened by the header row
"单位名称 项目名称 预算数 年度目标 一级指标 …" (lines 776 and 1024). The flattened text puts each page's
indicator rows in one block (lines 780-816: 19 indicators; lines 1026-1084: 28) and the project cells
(name, 预算数, 年度目标) of that page after or around it: five projects on the first page (lines 858
四川省网络科普传播平台建设及应用 60.00, 895 中医药大会成果展示及科技对接服务 78.00, 909 四川科普发展情况研究 9.00,
962 面向川渝国际技术转移服务一体化协同的服务系统及应用 30.00, 1014 四川省战略科技人才培养研究 12.00) and
eight on the second (lines 1088-1259). The weights split each block into runs of 90 (five and eight
runs), but the project cells are not printed in the runs' order (the first page prints 60.00's cells
at line 858, before 78.00's at 895; the goal of 12.00 at line 818, its name at 1014) and nothing
printed pairs a run with a project. So the page decides the candidates and nothing decides more:
no indicator is attached (MEASURED_BY), each gets a MAY_MEASURE edge from every candidate.
"""

from __future__ import annotations

from collections import Counter

from lineage.checks.registry import run_checks
from lineage.graph import names as N
from lineage.graph.build import build_graph
from lineage.graph.projects import largest_projects
from lineage.neo4jdb.rows import disclosure_rows

FIRST_PAGE = {"四川省网络科普传播平台建设及应用", "中医药大会成果展示及科技对接服务", "四川科普发展情况研究",
              "面向川渝国际技术转移服务一体化协同的服务系统及应用", "四川省战略科技人才培养研究"}
SECOND_PAGE = {"四川省科普与国际创新活动和项目管理", "中日科技服务创新合作研究等项目2023", "单位运转项目(不可细化)",
               "中医药大会科技对接服务", "成渝地区一带一路科技交流大会与技术转移服务",
               "四川省科技交流中心办公区厕所排污管道更换改造", "2023年院所基本科研业务费", "四川省科技交流中心办公设备购置建设"}


def edges(g, label):
    return [(a, b, e) for a, b, e in g.edges(data=True) if e[N.LABEL] == label]


def test_000_indicators_stay_open_between_the_projects_of_their_page(parsed):
    d = parsed("000")
    g = build_graph([d])
    assert edges(g, N.MEASURED_BY) == []  # nothing printed ties any indicator to one project
    candidates: dict[int, set[str]] = {}
    for a, b, e in edges(g, N.MAY_MEASURE):
        assert e[N.RESOLVED] is False and "文本未定" in e[N.REASON]
        assert g.nodes[b]["attributed"] is False
        candidates.setdefault(g.nodes[b]["line"], set()).add(g.nodes[a]["name"])
    first = [line for line in candidates if line < 892]
    second = [line for line in candidates if line > 1024]
    # lines 780-816 step 2: 19 indicators; lines 1026-1084: 28 (1068-1072 is one, its name wrapped)
    assert (len(first), len(second), len(candidates)) == (19, 28, 47)
    assert all(candidates[line] == FIRST_PAGE for line in first)
    assert all(candidates[line] == SECOND_PAGE for line in second)
    # the reason says what the print does tell: line 780 (weight 10) opens a run of weight 90 with 782-786
    (reason,) = {e[N.REASON] for a, b, e in edges(g, N.MAY_MEASURE) if g.nodes[b]["line"] == 780}
    assert "第780–786行" in reason and "权重合计90" in reason


def test_projects_list_their_unresolved_indicators_and_the_other_candidates(parsed):
    d = parsed("000")
    rows = {r.project: r for r in largest_projects(build_graph([d]), limit=100)}
    # 项目支出表 line 603: 四川省网络科普传播平台建设及应用 60.00, a first-page project of the 绩效目标表
    web = rows["四川省网络科普传播平台建设及应用"]
    assert web.indicators == []
    assert len(web.unresolved) == 19 and web.unresolved[0] == "任务目标完成时限 = 1 年（第780行）"
    assert set(web.candidates) == FIRST_PAGE - {web.project}
    # a carried-over project (OR01: 14 without target, 285.31) has neither
    carried = rows["交流中心2020年度四川省科技计划项目专项资金"]
    assert (carried.indicators, carried.unresolved, carried.candidates) == ([], [], [])


def test_001_indicators_hang_from_their_project_and_nothing_is_left_open(parsed):
    d = parsed("001")
    g = build_graph([d])
    assert edges(g, N.MAY_MEASURE) == []
    # 001 line 862: 2024年老科协专项工作经费 56.05, nine indicators (lines 1462-1478)
    (project,) = [n for n, a in g.nodes(data=True) if a.get("name") == "2024年老科协专项工作经费" and a[N.LABEL] == N.PROJECT]
    assert sum(1 for a, b, e in edges(g, N.MEASURED_BY) if a == project) == 9


def test_neo4j_rows_and_or04_carry_the_open_indicators(parsed):
    d = parsed("000")
    rows = disclosure_rows(d, [])
    may = [r for r in rows.rels if r.type == N.MAY_MEASURE]
    # 19 indicators × 5 first-page projects + 28 × 8 second-page ones; projects the 项目支出表 does not
    # list (OR02: 4 of them) are Target nodes
    assert sum(len(r.rows) for r in may) == 19 * 5 + 28 * 8
    assert {(r.start, r.end) for r in may} == {(N.PROJECT, N.INDICATOR), (N.TARGET, N.INDICATOR)}
    assert all(row["props"]["resolved"] is False and row["props"]["reason"] for r in may for row in r.rows)
    indicators = [row for row in rows.nodes[N.INDICATOR]]
    assert Counter(row["attributed"] for row in indicators) == Counter({False: 47})
    (or04,) = run_checks(d, only=["OR04"])
    assert sorted(e.line for e in or04.evidence) == sorted(row["line"] for row in indicators)
