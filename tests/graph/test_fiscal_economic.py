"""表2-1 (财政拨款支出预算表（部门经济分类科目）) in the graph: FUNDS edges from the funding source that
pays each column group to the economic subject, in `lineage trace` and in the Neo4j rows.

Expected amounts are read from the documents; the printed lines are quoted next to them.
"""

from __future__ import annotations

import json
from decimal import Decimal

from click.testing import CliRunner

from lineage.graph import names as N
from lineage.graph.build import build_graph
from lineage.graph.conservation import flows, imbalances
from lineage.graph.trace import FISCAL_STAGE, trace
from lineage.neo4jdb.rows import disclosure_rows
from lineage_cli.main import cli
from tests.conftest import seed_path


def funds(g, d, code_prefix: str = "") -> dict[tuple[str, str, str, str, str], Decimal]:
    """(subject name, source name, group, fund, part) → amount, for subjects whose code starts with code_prefix."""
    out = {}
    for a, b, e in g.edges(data=True):
        if e[N.LABEL] == N.FUNDS and e[N.DISC] == d.id and (g.nodes[b].get("code") or "").startswith(code_prefix):
            out[(g.nodes[b]["name"], g.nodes[a]["name"], e[N.GROUP], e[N.FUND], e[N.PART])] = e[N.AMOUNT]
    return out


def by_fund_part(edges: dict) -> dict[tuple[str, str], Decimal]:
    out: dict[tuple[str, str], Decimal] = {}
    for (_, _, _, fund, part), amount in edges.items():
        out[(fund, part)] = out.get((fund, part), Decimal(0)) + amount
    return out


def test_001_office_expenses_by_source_group_and_part(parsed):
    d = parsed("001")
    g = build_graph([d])
    # 001 line 705: "302 01 214001 办公费 75.65 75.65 59.65 3.60 56.05 16.00 16.00" — 总计, 当年 合计,
    # 一般公共预算 小计/基本/项目, 政府性基金 小计/项目 (表1-1 line 535: this year's income is
    # 233.12 一般公共预算 and 134.00 政府性基金; nothing is carried over).
    assert funds(g, d, "30201") == {
        ("办公费", "一般公共预算拨款收入", "当年财政拨款安排", "一般公共预算拨款", "基本支出"): Decimal("3.60"),
        ("办公费", "一般公共预算拨款收入", "当年财政拨款安排", "一般公共预算拨款", "项目支出"): Decimal("56.05"),
        ("办公费", "政府性基金预算拨款收入", "当年财政拨款安排", "政府性基金安排", "项目支出"): Decimal("16.00"),
    }
    edge = next(e for a, b, e in g.edges(data=True) if e[N.LABEL] == N.FUNDS and e[N.AMOUNT] == Decimal("16.00"))
    assert (edge[N.PROV].line, edge[N.PROV].table) == (705, "fiscal_by_economic")


def test_001_class_rows_are_the_sums_of_their_subjects_edges(parsed):
    d = parsed("001")
    g = build_graph([d])
    # line 704: "商品和服务支出 180.50 180.50 76.50 20.45 56.05 104.00 104.00"
    assert by_fund_part(funds(g, d, "302")) == {
        ("一般公共预算拨款", "基本支出"): Decimal("20.45"), ("一般公共预算拨款", "项目支出"): Decimal("56.05"),
        ("政府性基金安排", "项目支出"): Decimal("104.00"),
    }
    # line 720: "对个人和家庭的补助 31.22 31.22 1.22 1.22 30.00 30.00"
    assert by_fund_part(funds(g, d, "303")) == {
        ("一般公共预算拨款", "基本支出"): Decimal("1.22"), ("政府性基金安排", "项目支出"): Decimal("30.00"),
    }
    # line 689: "工资福利支出 155.40 155.40 155.40 155.40"; its printed items (lines 691-702, the
    # 301 12 款 counted by its three items 0.28 + 0.41 + 0.22) add up to 155.41: one cent of rounding.
    assert by_fund_part(funds(g, d, "301")) == {("一般公共预算拨款", "基本支出"): Decimal("155.41")}
    # The class rows are sums, never edges of their own; 301 12's items join 表3-1's 3011201… subjects.
    names = {key[0] for key in funds(g, d)}
    assert not names & {"工资福利支出", "商品和服务支出", "对个人和家庭的补助", "其他社会保障缴费"}
    assert {g.nodes[b]["code"] for a, b, e in g.edges(data=True) if e[N.LABEL] == N.FUNDS
            and g.nodes[b]["name"] in ("医疗补助缴费", "工伤保险", "失业保险")} == {"3011201", "3011202", "3011203"}


def test_001_funds_edges_count_nothing_twice(parsed):
    d = parsed("001")
    g = build_graph([d])
    # FLOWS_TO is unchanged: the 一般公共预算 source still only feeds 收入 (233.12, 表1-1 line 535) …
    source = N.node_id(d.id, "src", "一般公共预算拨款收入")
    assert [e[N.AMOUNT] for e in flows(g, source, "out")] == [Decimal("233.12")]
    # … 办公费's FLOWS_TO is 表3-1's 3.60 (line 814) from the 基本支出 pool, and GR01 sees the same
    # imbalances it saw before 表2-1 joined the graph (the one-cent ones of 表1-2 and 表3-1).
    office = N.node_id(d.id, "ec", "30201")
    assert [e[N.AMOUNT] for e in flows(g, office, "in")] == [Decimal("3.60")]
    assert {i.node.rsplit("|", 1)[1] for i in imbalances(g, d.id)} == {"收入", "基本支出"}


def test_000_carry_over_reaches_its_economic_subjects(parsed):
    d = parsed("000")
    g = build_graph([d])
    carried = {k[0]: v for k, v in funds(g, d).items() if k[1] == "上年结转"}
    # 000 lines 393-413: the 上年结转安排 columns (合计, 一般公共预算拨款 小计, 项目支出) of each row,
    # e.g. line 399 "咨询费 40.19 23.48 23.48 23.48 16.71 16.71 16.71".
    assert carried == {
        "其他商品和服务支出": Decimal("176.17"), "咨询费": Decimal("16.71"), "劳务费": Decimal("32.67"),
        "差旅费": Decimal("24.67"), "印刷费": Decimal("4.05"), "会议费": Decimal("28.59"), "委托业务费": Decimal("2.45"),
    }
    assert sum(carried.values()) == Decimal("285.31")  # line 387: 上年结转安排 合计 285.31
    # 咨询费 prints no code anywhere in 000: its subject keeps the name only (no code is invented).
    assert {g.nodes[b].get("code") for a, b, e in g.edges(data=True)
            if e[N.LABEL] == N.FUNDS and g.nodes[b]["name"] == "咨询费"} == {None}


def test_trace_has_a_fiscal_stage_that_adds_up_to_the_printed_total(parsed):
    d = parsed("000")
    stages = trace(build_graph([d]), d.id)
    fiscal = stages[-1]
    # 000 line 387: "合    计 870.22 …" is 表2-1's 总计; its leaf rows add up to it exactly.
    assert (fiscal.node, fiscal.name, fiscal.inflow, fiscal.outflow) == (
        FISCAL_STAGE, "财政拨款 → 经济科目（表2-1）", Decimal("870.22"), Decimal("870.22"))
    travel = next(s for s in fiscal.steps if s.code == "30211")
    # line 403: "差旅费 46.17 21.50 21.50 8.70 12.80 24.67 24.67 24.67"
    assert [(c.name, c.amount) for c in travel.children] == [
        ("一般公共预算拨款收入 · 当年财政拨款安排/一般公共预算拨款/基本支出", Decimal("8.70")),
        ("一般公共预算拨款收入 · 当年财政拨款安排/一般公共预算拨款/项目支出", Decimal("12.80")),
        ("上年结转 · 上年结转安排/一般公共预算拨款/项目支出", Decimal("24.67")),
    ]
    assert travel.amount == Decimal("46.17") and travel.line == 403
    assert len(trace(build_graph([d]), d.id, depth=4)) == 4


def test_trace_command_from_carry_over_is_exact(tmp_path):
    store = str(tmp_path / "s.db")
    runner = CliRunner()
    assert runner.invoke(cli, ["load", str(seed_path("000")), "--store", store]).exit_code == 0
    r = runner.invoke(cli, ["trace", "四川省科技交流中心", "--from", "上年结转", "--store", store, "--format", "json"])
    assert r.exit_code == 0, r.output
    fiscal = json.loads(r.output)["stages"][-1]
    # 表2-1 names the source of every cell, so this stage is no proportional estimate: 285.31 (line 387).
    assert (fiscal["inflow"], fiscal["outflow"], fiscal["balanced"]) == ("285.31", "285.31", True)
    meeting = next(s for s in fiscal["steps"] if s["name"] == "会议费")  # line 409: … 28.59 28.59 28.59
    assert (meeting["amount"], meeting["estimate"], meeting["line"]) == ("28.59", False, 409)


def test_neo4j_rows_carry_the_funds_relationships(parsed):
    d = parsed("001")
    rows = disclosure_rows(d, [])
    (rels,) = [r for r in rows.rels if r.type == N.FUNDS]
    assert (rels.start, rels.end) == (N.SOURCE, N.ECONOMIC)
    office = sorted((r["props"]["fund"], r["props"]["part"], r["props"]["amountMinor"], r["props"]["line"])
                    for r in rels.rows if r["end"] == N.node_id(d.id, "ec", "30201"))
    # line 705: 3.60 and 56.05 一般公共预算, 16.00 政府性基金, in 0.01 万元
    assert office == [("一般公共预算拨款", "基本支出", 360, 705), ("一般公共预算拨款", "项目支出", 5605, 705),
                      ("政府性基金安排", "项目支出", 1600, 705)]
    assert {r["props"]["group"] for r in rels.rows} == {"当年财政拨款安排"}
    assert all(r["props"]["unit"] == "万元" and r["props"]["table"] == "fiscal_by_economic" for r in rels.rows)
    # line 711: 302 15 会议费 7.00, all 政府性基金 项目支出, which 表3-1 does not list: its caption is what FUNDS it
    (meeting,) = [n for n in rows.nodes[N.ECONOMIC] if n["id"] == N.node_id(d.id, "ec", "30215")]
    assert (meeting["name"], meeting["total"]) == ("会议费", "7.00")
