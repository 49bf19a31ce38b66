"""Every query of the Cypher library (cypher/*.cypher), run on the Bolt test server against the five seeds.

Expected figures come from reading the documents (line numbers in the
comments); each query is also held against what the library reports for the
same thing (lineage trace, lineage compare, the GR01/DC01/OR01 findings of
lineage check), so Cypher and CLI cannot drift apart.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest

from lineage.graph import names as N
from lineage.graph.build import build_graph
from lineage.report.compare import compare
from lineage.graph.trace import FISCAL_STAGE, trace
from lineage.neo4jdb import catalog

QX = "2024/渠县科学技术协会/部门预算"  # 001
LS = "2024/凉山州科学技术协会/部门预算"  # 003
CQ = "2024/重庆市科学技术协会/部门预算"  # 004

# Parameters each query is run with in test_every_query_runs_and_returns_rows: a new query needs an entry.
EXAMPLES = {
    "amount_to_source": {"amount": "143.09"},
    "budget_vs_actual": {"unit": "渠县"},
    "compare_units_economic": {"a": "凉山", "b": "重庆", "kuan": "true"},
    "compare_units_function": {"a": "凉山", "b": "重庆"},
    "disclosures": {},
    "double_counts": {},
    "economic_by_source": {"disclosure": "渠县"},
    "flow_trace": {"disclosure": "渠县"},
    "largest_projects": {},
    "node_imbalance": {},
    "orphans": {},
    "subject_across_units": {"code": "20607"},
}


@pytest.fixture(scope="module")
def query(seeds_in_neo4j, neo4j_driver, neo4j_server):
    """``query(name, k="text", …)``: run a library query with --param-like text values; rows as dicts."""

    def run(name: str, **given: str) -> list[dict]:
        q = catalog.get(name)
        records, _, _ = neo4j_driver.execute_query(q.text, q.bind(given), database_=neo4j_server.database)
        return [record.data() for record in records]

    return run


def minor(text: str) -> int:
    return int(Decimal(text) * 100)


def test_every_query_runs_and_returns_rows(query):
    names = [q.name for q in catalog.all_queries()]
    assert sorted(names) == sorted(EXAMPLES), "every query in cypher/ needs example parameters here"
    for name in names:
        assert query(name, **EXAMPLES[name]), f"{name} returned no rows on the seeds"


def test_every_header_example_binds_its_parameters():
    for q in catalog.all_queries():
        assert q.examples, q.name
        for example in q.examples:
            assert example.startswith(f"lineage query {q.name}")
            given = dict(part.split("=", 1) for part in example.split(" --param ")[1:])
            q.bind(given)  # raises on an unknown or a missing parameter


# --- flow_trace ---------------------------------------------------------------------------------------------


def test_flow_trace_of_001_shows_the_printed_amounts_at_their_lines(query):
    rows = query("flow_trace", disclosure="渠县")
    assert {r["disclosure"] for r in rows} == {QX}
    assert [r["stage"] for r in rows] == sorted(r["stage"] for r in rows)  # pipeline order
    by = {(r["from"], r["to"]): r for r in rows}
    # line 531, 收入总表 合计: 367.12 = 233.12 一般公共预算拨款收入 + 134.00 政府性基金预算拨款收入
    general = by[("一般公共预算拨款收入", "收入")]
    assert (general["amountMinor"], general["amount"], general["line"], general["share"]) == (23312, "233.12", 531, "63.50")
    assert by[("政府性基金预算拨款收入", "收入")]["share"] == "36.50"  # 134.00 / 367.12 = 36.500…%
    # line 564: 2060701 机构运行 143.09, of 收入's outflow 367.11 (lines 564-588): 38.977…% → 38.98
    run = by[("收入", "机构运行")]
    assert (run["toCode"], run["amount"], run["line"], run["share"], run["unit"]) == ("2060701", "143.09", 564, "38.98", "万元")
    # line 788: 30101 基本工资 43.91
    wage = by[("基本支出", "基本工资")]
    assert (wage["toCode"], wage["amountMinor"], wage["line"], wage["stageName"]) == ("30101", 4391, 788, "基本支出 → 经济科目")
    # line 862: the one project, 2024年老科协专项工作经费 56.05, of 项目支出 190.05 (line 197; 56.05 + the
    # 134.00 of 政府性基金 money that the 一般公共预算 project table does not itemise): 29.49%
    project = by[("项目支出", "2024年老科协专项工作经费")]
    assert (project["amount"], project["line"], project["share"]) == ("56.05", 862, "29.49")
    assert by[("项目支出", "项目支出（未细化）")]["amount"] == "134.00" and by[("项目支出", "项目支出（未细化）")]["derived"]


def _trace_steps(d) -> Counter:
    """(stage, from, to, amount, share, line) of every money step `lineage trace` shows."""
    g = build_graph([d])
    steps: Counter = Counter()
    for stage in trace(g, d.id, depth=4):  # the FLOWS_TO stages; 表2-1's FUNDS: test_economic_by_source_*
        source = None if stage.node == "sources" else g.nodes[stage.node]["name"]
        for step in stage.steps:
            steps[(stage.name, source or step.name, "收入" if source is None else step.name,
                   str(step.amount), None if step.share is None else str(step.share), step.line)] += 1
            if g.nodes[step.target][N.LABEL] == N.FUNCTION:
                for child in step.children:
                    steps[("功能科目 → 基本/项目", step.name, child.name, str(child.amount),
                           None if child.share is None else str(child.share), child.line)] += 1
    return steps


@pytest.mark.parametrize("number", ["000", "001", "002", "003", "004"])
def test_flow_trace_agrees_with_lineage_trace(query, seeds_in_neo4j, number):
    d, _ = seeds_in_neo4j[number]
    rows = query("flow_trace", disclosure=d.id)
    got = Counter((r["stageName"], r["from"], r["to"], r["amount"], r["share"], r["line"]) for r in rows)
    assert got == _trace_steps(d)


@pytest.mark.parametrize("number", ["000", "001"])
def test_economic_by_source_agrees_with_the_fiscal_stage_of_lineage_trace(query, seeds_in_neo4j, number):
    d, _ = seeds_in_neo4j[number]
    rows = query("economic_by_source", disclosure=d.id)
    got = Counter((r["subject"], f"{r['source']} · {r['fiscalGroup']}/{r['fund']}/{r['part']}", r["amount"], r["line"]) for r in rows)
    (fiscal,) = [s for s in trace(build_graph([d]), d.id) if s.node == FISCAL_STAGE]
    assert got == Counter((step.name, c.name, str(c.amount), c.line) for step in fiscal.steps for c in step.children)


def test_economic_by_source_of_001_reads_office_expenses(query):
    rows = query("economic_by_source", disclosure="渠县")
    office = sorted((r["source"], r["part"], r["amountMinor"]) for r in rows if r["code"] == "30201")
    # 001 line 705: "302 01 214001 办公费 75.65 75.65 59.65 3.60 56.05 16.00 16.00"
    assert office == [("一般公共预算拨款收入", "基本支出", 360), ("一般公共预算拨款收入", "项目支出", 5605),
                      ("政府性基金预算拨款收入", "项目支出", 1600)]


def test_flow_trace_of_003_splits_functional_subjects_into_basic_and_project(query):
    rows = query("flow_trace", disclosure="凉山")
    split = {(r["from"], r["to"]): r for r in rows if r["stage"] == 3}
    # line 144: 机构运行 289.04 all 基本支出; line 148: 其他科学技术普及支出 228.00 all 项目支出
    assert split[("机构运行", "基本支出")]["amount"] == "289.04"
    assert split[("机构运行", "基本支出")]["share"] == "100.00"
    assert split[("其他科学技术普及支出", "项目支出")]["line"] == 148


# --- compare_units_function / compare_units_economic ---------------------------------------------------------


def test_compare_by_function_of_003_and_004_reads_the_documents(query):
    rows = {(r["level"], r["code"]): r for r in query("compare_units_function", a="凉山", b="重庆")}
    # 003 lines 144-149: 289.04 + 12.00 + 2.80 + 12.00 + 228.00 + 26.57 = 570.41 of 753.70 (line 141) = 75.68 %
    # 004 line 229: 206 科学技术支出 9,814.73 of 11,993.56 (line 225) = 81.83 %
    assert (rows[("类", "206")]["aAmount"], rows[("类", "206")]["aShare"]) == ("570.41", "75.68")
    assert (rows[("类", "206")]["bAmount"], rows[("类", "206")]["bShare"]) == ("9814.73", "81.83")
    # 004 line 227: 20129 群众团体事务 1,220.75; 003 has no 201 at all
    assert rows[("款", "20129")]["aMinor"] is None and rows[("款", "20129")]["bMinor"] == 122075
    # 003 line 149: 20699 only in 003, 26.57
    assert rows[("款", "20699")]["aAmount"] == "26.57" and rows[("款", "20699")]["bAmount"] is None


def test_a_unit_compared_with_itself_is_counted_once(query):
    # 003 lines 144-149: 类 206 570.41 — not twice that when a and b name the same disclosure
    for name in ("compare_units_function", "compare_units_economic"):
        rows = query(name, a="凉山", b="凉山州科学技术协会")
        assert rows and all(r["aMinor"] == r["bMinor"] for r in rows), name
    rows = {(r["level"], r["code"]): r for r in query("compare_units_function", a="凉山", b="凉山")}
    assert rows[("类", "206")]["aAmount"] == "570.41"


@pytest.mark.parametrize("a,b", [("003", "004"), ("001", "003"), ("000", "002")])
def test_compare_by_function_agrees_with_lineage_compare(query, seeds_in_neo4j, a, b):
    da, db = seeds_in_neo4j[a][0], seeds_in_neo4j[b][0]
    library = {label: (values, pcts) for label, values, pcts in compare([da, db]).lines if label[:2] in ("类 ", "款 ")}
    rows = query("compare_units_function", a=da.id, b=db.id)
    got = {
        f"{r['level']} {r['code']}": (
            [None if m is None else Decimal(m) / 100 for m in (r["aMinor"], r["bMinor"])],
            [None if s is None else Decimal(s) for s in (r["aShare"], r["bShare"])],
        )
        for r in rows
    }
    assert got == {label: (list(values), list(pcts)) for label, (values, pcts) in library.items()}


def test_compare_by_economic_class_of_003_and_004(query):
    rows = {(r["level"], r["code"]): r for r in query("compare_units_economic", a="凉山", b="重庆", kuan="true")}
    # 302 商品和服务支出: 003 line 328 57.33; 004 line 144 514.44
    assert (rows[("类", "302")]["aAmount"], rows[("类", "302")]["bAmount"]) == ("57.33", "514.44")
    # 303 对个人和家庭的补助: 003 line 344 78.87; 004 line 167 289.65 (= 18.53 + 13.44 + 9.80 + 247.88, lines 171-174)
    assert (rows[("类", "303")]["aAmount"], rows[("类", "303")]["bAmount"]) == ("78.87", "289.65")
    # 301 is the sum of the items the graph holds, not the printed subtotal:
    # 003 prints 336.14 (line 298), but its 30102 津贴补贴 40.21 (line 300) has items 5.38 + 1.04 + 33.80 = 40.22
    # (lines 301-303) and 30112 2.26 (line 320) has 0.21 + 0.33 + 1.73 = 2.27 (lines 321-323): 336.16.
    assert rows[("类", "301")]["aAmount"] == "336.16"
    assert rows[("款", "30102")]["aAmount"] == "40.22"
    # 004 prints 301 工资福利支出 2,476.03 (line 132); its 款 lines 133-143 add up to 2,476.04.
    assert rows[("类", "301")]["bAmount"] == "2476.04"
    # 003 has 30111 公务员医疗补助缴费 9.70 (line 317), 004 none
    assert rows[("款", "30111")]["aAmount"] == "9.70" and rows[("款", "30111")]["bMinor"] is None
    # shares are of the items' whole: 003 336.16 + 57.33 + 78.87 = 472.36 → 57.33 / 472.36 = 12.137 % → 12.14
    assert rows[("类", "302")]["aShare"] == "12.14"


@pytest.mark.parametrize("a,b", [("003", "004"), ("001", "002")])
def test_compare_by_economic_class_agrees_with_the_library_graph(query, seeds_in_neo4j, a, b):
    da, db = seeds_in_neo4j[a][0], seeds_in_neo4j[b][0]
    expected: dict = {}
    for side, d in (("a", da), ("b", db)):
        g = build_graph([d])
        basic = N.node_id(d.id, "pool", "基本支出")
        for _, target, e in g.out_edges(basic, data=True):
            code = g.nodes[target].get("code")
            if e.get(N.LABEL) == N.FLOW and g.nodes[target][N.LABEL] == N.ECONOMIC:
                for prefix in (code[:3], code[:5]):
                    expected[(prefix, side)] = expected.get((prefix, side), 0) + int(e[N.AMOUNT] * 100)
    rows = query("compare_units_economic", a=da.id, b=db.id, kuan="true")
    got = {(r["code"], side): r[f"{side}Minor"] for r in rows for side in "ab" if r[f"{side}Minor"] is not None}
    assert got == expected


# --- subject_across_units --------------------------------------------------------------------------------------


def test_subject_across_units_20607(query, seeds_in_neo4j):
    rows = {r["disclosure"]: r for r in query("subject_across_units", code="20607")}
    # 003 lines 144-148: 289.04 (基本) + 12.00 + 2.80 + 12.00 + 228.00 (项目) = 543.84
    assert (rows[LS]["inflow"], rows[LS]["basicMinor"], rows[LS]["projectMinor"]) == ("543.84", 28904, 25480)
    assert rows[LS]["sources"] == ["一般公共预算拨款收入 753.70"]  # line 127
    # 004 line 230: 20607 科学技术普及 9,814.73 = 1,419.26 基本 + 8,395.47 项目
    assert (rows[CQ]["inflowMinor"], rows[CQ]["basicMinor"], rows[CQ]["projectMinor"]) == (981473, 141926, 839547)
    # 001 lines 564, 566: 143.09 + 56.05; its funding (line 531) 233.12 and 134.00
    assert rows[QX]["subjects"] == ["2060701 机构运行 143.09", "2060799 其他科学技术普及支出 56.05"]
    assert sorted(rows[QX]["sources"]) == ["一般公共预算拨款收入 233.12", "政府性基金预算拨款收入 134.00"]
    # the same 款 figures as lineage compare
    library = compare([seeds_in_neo4j[n][0] for n in ("000", "001", "002", "003", "004")])
    values = next(v for label, v, _ in library.lines if label == "款 20607")
    ids = [seeds_in_neo4j[n][0].id for n in ("000", "001", "002", "003", "004")]
    assert {i: Decimal(rows[i]["inflowMinor"]) / 100 for i in rows} == {i: v for i, v in zip(ids, values) if v is not None}


def test_subject_across_units_by_item_code(query):
    rows = {r["disclosure"]: r for r in query("subject_across_units", code="2060701")}
    # 机构运行: 001 line 564 143.09, 003 line 144 289.04, 004 line 231 1,419.26
    assert {d: r["inflow"] for d, r in rows.items()} == {QX: "143.09", LS: "289.04", CQ: "1419.26"}


# --- node_imbalance -----------------------------------------------------------------------------------------


def test_node_imbalance_reads_the_documents(query):
    rows = {(r["disclosure"], r["node"]): r for r in query("node_imbalance")}
    # 003: 收入 gets 753.70 (line 127); its subjects (lines 144-158) add up to 753.71, although line 141 prints
    # 合计 753.70 beside 基本 472.34 + 项目 281.37 = 753.71.
    income = rows[(LS, "收入")]
    assert (income["inflow"], income["outflow"], income["diff"], income["severity"]) == ("753.70", "753.71", "0.01", "warning")
    # 003 基本支出: 472.34 in (lines 144-158); the economic items add up to 472.36 (40.22 and 2.27, see above): 0.02 over 43 flows
    basic = rows[(LS, "基本支出")]
    assert (basic["diffMinor"], basic["n"], basic["severity"]) == (2, 43, "warning")
    # 001: 367.12 in (line 531), subjects 367.11 out (lines 564-588)
    assert rows[(QX, "收入")]["diff"] == "-0.01"


def test_node_imbalance_agrees_with_gr01(query, seeds_in_neo4j):
    # GR01 gives a rounding-band imbalance as info (BL02/HI01 already warn of the printed rounding);
    # the query grades it by the band alone: warning.
    expected = Counter(
        (d.id, f.message.split("「")[1].split("」")[0], str(f.expected), str(f.found),
         "warning" if f.severity == "info" else f.severity)
        for d, findings in seeds_in_neo4j.values() for f in findings if f.code == "GR01"
    )
    got = Counter((r["disclosure"], r["node"], r["inflow"], r["outflow"], r["severity"]) for r in query("node_imbalance"))
    assert expected and got == expected


def test_node_imbalance_filters_one_disclosure(query):
    assert {r["disclosure"] for r in query("node_imbalance", disclosure="渠县")} == {QX}


# --- orphans ------------------------------------------------------------------------------------------------


def test_orphans_contain_every_or01_project(query, seeds_in_neo4j):
    for d, findings in seeds_in_neo4j.values():
        rows = query("orphans", disclosure=d.id)
        without = Counter((r["name"], r["line"]) for r in rows if r["kind"] == "project without indicators")
        # OR01's warnings name one project each; its infos fold carried-over projects or note a renamed target
        or01 = Counter((f.subjects[0].name, f.evidence[0].line) for f in findings if f.code == "OR01" and f.severity == "warning")
        assert not or01 - without, d.id  # OR01 ⊆ projects without indicators
        if d.id == LS:
            # 003: 学术交流活动业务经费 12.00 (line 373) has no Project indicators in the graph; its target is
            # printed as 学术交流业务经费 12.00 (line 447): OR01 says so at info.
            assert without == Counter({("学术交流活动业务经费", 373): 1})
            (note,) = [f for f in findings if f.code == "OR01"]
            assert note.severity == "info" and [e.line for e in note.evidence] == [373, 447]


def test_orphans_of_001_and_002(query):
    rows = query("orphans", disclosure="渠县")
    # line 564 prints 143.09 twice with its columns lost; the text (lines 195-197: 基本支出 177.07, 项目支出
    # 190.05) decides the 支出总表's columns, so every functional subject passes its money on to a pool.
    assert not any(r["kind"] in ("receives but passes nothing on", "passes on but receives nothing") for r in rows)
    assert not any(r["kind"] == "project without indicators" for r in rows)  # 9 indicators, lines 1462-1478
    # 002 line 401: 2023年科普专项 150.00; its target is printed under another name (科普专项经费 150.00, line 434)
    rows = query("orphans", disclosure="成华")
    project = next(r for r in rows if r["kind"] == "project without indicators")
    assert (project["name"], project["amountMinor"], project["line"]) == ("2023年科普专项", 15000, 401)


def test_orphans_list_targets_without_project_as_or02_does(query, seeds_in_neo4j):
    rows = query("orphans", disclosure="渠县")
    targets = [(r["name"], r["amountMinor"], r["line"]) for r in rows if r["kind"] == "target without project"]
    # 001 绩效目标表: 定额公用经费（行政） 7.20 (lines 1250-1253), 定额公用经费（事业） 4.80 (1289-1292),
    # 公务用车运行维护费 3.00 (1327-1330), 2024年科普专项工作经费 134.00 (1365-1368): none is in 表3-2,
    # whose only project is 2024年老科协专项工作经费 (line 862), the one target (line 1424) with a Project node.
    assert sorted(targets, key=lambda t: t[2]) == [
        ("定额公用经费（行政）", 720, 1250), ("定额公用经费（事业）", 480, 1289),
        ("公务用车运行维护费", 300, 1327), ("2024年科普专项工作经费", 13400, 1365),
    ]
    for d, findings in seeds_in_neo4j.values():
        rows = query("orphans", disclosure=d.id)
        listed = {(r["name"], r["line"]) for r in rows if r["kind"] == "target without project"}
        or02 = {(f.subjects[0].name, f.evidence[0].line) for f in findings if f.code == "OR02" and f.subjects}
        assert or02 <= listed, d.id
        indicators = sorted(r["line"] for r in rows if r["kind"] == "indicator without project")
        or04 = sorted(e.line for f in findings if f.code == "OR04" for e in f.evidence)
        assert indicators == or04, d.id
    # 000's flattened 绩效目标表 prints indicator lines apart from their projects (line 780 onwards)
    assert any(f.code == "OR04" for f in seeds_in_neo4j["000"][1])


# --- double_counts ------------------------------------------------------------------------------------------


def test_double_counts_show_dc01_of_001(query, seeds_in_neo4j):
    rows = query("double_counts", disclosure="渠县")
    dc01 = [r for r in rows if r["kind"] == "DC01 finding"]
    # line 201: 财政拨款收支预算总数 734.24 万元 = 2 × 367.12
    assert len(dc01) == 1 and dc01[0]["amounts"] == ["367.12", "734.24"] and 201 in dc01[0]["lines"]
    found = [f for f in seeds_in_neo4j["001"][1] if f.code == "DC01"]
    assert [(str(f.expected), str(f.found), [e.line for e in f.evidence]) for f in found] == [
        (r["amounts"][0], r["amounts"][1], r["lines"]) for r in dc01
    ]


def test_double_counts_show_a_repeated_project_name_of_000(query):
    rows = query("double_counts", disclosure="四川省科技交流中心")
    repeated = [r for r in rows if r["kind"] == "project name repeated"]
    # lines 595, 627, 643: 交流中心2020年度四川省科技计划项目专项资金 71.64, 3.11, 18.14 (codes 2069999, 2060902, 2060404)
    assert [(r["name"], r["amounts"], r["lines"]) for r in repeated] == [
        ("交流中心2020年度四川省科技计划项目专项资金", ["71.64", "3.11", "18.14"], [595, 627, 643])
    ]


def test_double_counts_of_all_disclosures_hold_every_dc01(query, seeds_in_neo4j):
    rows = [r for r in query("double_counts") if r["kind"] == "DC01 finding"]
    expected = sum(f.code == "DC01" for _, findings in seeds_in_neo4j.values() for f in findings)
    assert len(rows) == expected


# --- amount_to_source ---------------------------------------------------------------------------------------


def test_amount_to_source_finds_the_printed_row_and_its_findings(query, seeds_in_neo4j):
    rows = query("amount_to_source", amount="143.09")
    # only 001 prints 143.09: line 564, 2060701 机构运行 in 支出总表 (公开表 1-2), twice: 合计 (from 收入)
    # and 基本支出 (on to the pool)
    assert sorted((r["from"], r["to"]) for r in rows) == [("收入", "机构运行"), ("机构运行", "基本支出")]
    row = next(r for r in rows if r["to"] == "机构运行")
    assert (row["disclosure"], row["line"], row["table"], row["tableNumber"], row["to"], row["code"]) == (
        QX, 564, "expenditure_summary", "1-2", "机构运行", "2060701"
    )
    assert row["file"].startswith("001_") and "机构运行" in row["printed"] and "143.09" in row["printed"]
    cited = {f"{f.code} {f.severity}: {f.message}" for f in seeds_in_neo4j["001"][1] if 564 in [e.line for e in f.evidence]}
    assert cited and set(row["findings"]) == cited


def test_amount_to_source_ignores_thousands_separators_and_filters_units(query):
    # 004 lines 226-228: 201 / 20129 / 2012901 all print 1,220.75; only the leaf 2012901 (line 228) makes flows:
    # 合计 from 收入, and 基本支出 (the same 1,220.75 in the next column) on to the pool
    rows = query("amount_to_source", amount="1,220.75", unit="重庆")
    assert sorted((r["line"], r["from"], r["to"], r["code"]) for r in rows) == [
        (228, "收入", "行政运行", "2012901"), (228, "行政运行", "基本支出", "2012901"),
    ]
    assert query("amount_to_source", amount="1,220.75", unit="渠县") == []


# --- largest_projects ---------------------------------------------------------------------------------------


def test_largest_projects_with_indicators(query):
    rows = query("largest_projects", limit="3")
    # 002 line 401 2023年科普专项 150.00 (its target, line 434, names it 科普专项经费); 003 line 375 凉山州级科普专项经费 128.00;
    # 000 line 609 四川省科普基地信息服务体系建设及应用 76.24
    assert [(r["project"], r["amount"], r["line"]) for r in rows] == [
        ("2023年科普专项", "150.00", 401), ("凉山州级科普专项经费", "128.00", 375),
        ("四川省科普基地信息服务体系建设及应用", "76.24", 609),
    ]
    assert rows[0]["withoutIndicators"] and not rows[1]["withoutIndicators"]
    (qx,) = query("largest_projects", disclosure="渠县")
    # line 862: 2024年老科协专项工作经费 56.05; its 9 indicators at lines 1462-1478, first 老科协开展科普活动 ≥ 90 场次
    assert (qx["project"], qx["amountMinor"], qx["indicatorCount"]) == ("2024年老科协专项工作经费", 5605, 9)
    assert qx["indicators"][0] == "老科协开展科普活动 ≥ 90 场次" and qx["unresolved"] == []
    # 000 line 603: 四川省网络科普传播平台建设及应用 60.00; its 绩效目标表 page (lines 776-1020) leaves 19
    # indicators (lines 780-816) open between it and four other projects: unresolved, never its own
    web = next(r for r in query("largest_projects", limit="100", disclosure="四川省科技交流中心")
               if r["project"] == "四川省网络科普传播平台建设及应用")
    assert (web["indicatorCount"], len(web["unresolved"]), web["unresolved"][0]) == (0, 19, "任务目标完成时限 = 1 年")


# --- disclosures --------------------------------------------------------------------------------------------


def test_disclosures_overview(query, seeds_in_neo4j):
    rows = {r["disclosure"]: r for r in query("disclosures")}
    # printed 支出总计 of the 收支总表: 001 367.12 (line 485), 003 753.70 (line 115), 004 11,993.56 (表六 line 207)
    assert (rows[QX]["total"], rows[LS]["total"], rows[CQ]["totalMinor"]) == ("367.12", "753.70", 1199356)
    # 001's 绩效目标表 (lines 1235-1480) names five projects; four are not in 表3-2 (see the orphans test)
    assert (rows[QX]["projects"], rows[QX]["targetsWithoutProject"]) == (1, 4)
    for d, findings in seeds_in_neo4j.values():
        tables = [pt for pt in d.performance.tables if pt.duplicate_of is None]
        printed = sum(len(p.indicators) for pt in tables for p in pt.projects) + sum(len(pt.unattributed) for pt in tables)
        assert rows[d.id]["indicators"] == printed, d.id  # every indicator read is in the graph
        assert rows[d.id]["unattributedIndicators"] == sum(len(f.evidence) for f in findings if f.code == "OR04"), d.id
        counts = Counter(f.severity for f in findings)
        assert (rows[d.id]["errors"], rows[d.id]["warnings"], rows[d.id]["infos"]) == (
            counts["error"], counts["warning"], counts["info"]
        )


def test_every_disclosure_expands_in_browser_within_its_neighbour_limit(query, seeds_in_neo4j, neo4j_driver, neo4j_server):
    """Browser shows at most 100 neighbours of a node (maxNeighbours): a Disclosure's pools must not drown in findings."""
    records, _, _ = neo4j_driver.execute_query(
        "MATCH (d:Disclosure) RETURN d.id AS id, COUNT { (d)--() } AS neighbours, "
        "COUNT { (d)<-[:OF_DISCLOSURE]-(:Pool) } AS pools, "
        "COUNT { (d)<-[:OF_DISCLOSURE]-(:CheckReport)<-[:FOUND_IN]-(:Finding) } AS findings",
        database_=neo4j_server.database,
    )
    for r in records:
        d, findings = seeds_in_neo4j[next(n for n, (x, _) in seeds_in_neo4j.items() if x.id == r["id"])]
        assert r["neighbours"] < 100 and r["pools"] == 3, r["id"]
        # findings hang from the CheckReport, one click further: however many, they do not count here
        assert r["findings"] == len(findings), r["id"]


def test_largest_projects_agrees_with_lineage_projects(query, seeds_in_neo4j):
    from lineage.graph.projects import largest_projects

    g = build_graph([d for d, _ in seeds_in_neo4j.values()])
    library = [(p.project, str(p.amount), p.line, p.disclosure, len(p.indicators)) for p in largest_projects(g, 10)]
    rows = query("largest_projects", limit="10")
    assert [(r["project"], r["amount"], r["line"], r["disclosure"], r["indicatorCount"]) for r in rows] == library


def test_subject_across_units_agrees_with_lineage_subject(query, seeds_in_neo4j):
    from lineage.graph.subject import subject_across_units

    g = build_graph([d for d, _ in seeds_in_neo4j.values()])
    for code in ("206", "20607", "2060701", "208"):
        library = {x.disclosure: (x.inflow, x.basic, x.project, x.other, x.subjects, sorted(x.sources))
                   for x in subject_across_units(g, code)}
        rows = {r["disclosure"]: (Decimal(r["inflowMinor"]) / 100, Decimal(r["basicMinor"]) / 100,
                                  Decimal(r["projectMinor"]) / 100, Decimal(r["otherMinor"]) / 100, r["subjects"], sorted(r["sources"]))
                for r in query("subject_across_units", code=code)}
        assert rows == library, code
