"""Build the lineage graph of one or many disclosures.

Money lives on FLOWS_TO edges; each carries its amount (Decimal, in the
disclosure's amount unit), the disclosure, and the provenance of the printed
amount. Per disclosure:

    FundingSource --> Pool 收入 --> FunctionalSubject (项) --> Pool 基本支出 --> EconomicSubject
                                                           \\-> Pool 项目支出 --> Project --MEASURED_BY--> Indicator
                                                                                   Project --MAY_MEASURE {resolved: false}--> Indicator (one per candidate)
    FundingSource --FUNDS {group, fund, part}--> EconomicSubject   (表2-1: a second view, not FLOWS_TO)

Performance targets whose project no money table lists are Target nodes
(with their indicators); indicators the text does not tie to any project
hang from the Disclosure node, marked attributed=False.

A 决算 (final account) gives the same lineage of what was actually received
and spent, from its own tables (vocab.phases.LINEAGE), and every FLOWS_TO edge
carries its phase ("budget" or "actual"). Where the 决算 prints carry-over,
年初结转和结余 is a FundingSource flowing into 收入 and 年末结转和结余 a
node of its own that 收入 flows out to, so 收入 balances as the 决算总表 does:
本年收入 + 年初结转和结余 = 本年支出 + 年末结转和结余.

The disclosures give marginals only (how much each functional subject spends
on basic expenditure; how basic expenditure splits by economic class), so the
flow passes through explicit pool nodes instead of an invented joint split.
What a pool receives but the disclosure does not break down further (money
outside 一般公共预算, which the economic and project tables do not itemise)
flows to an explicit Unitemised node, marked derived. Shared dimension nodes
(funding kinds, the functional and economic code trees) link units, so
different units can be compared.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterable, Optional

import networkx as nx

from lineage.tableview import item_rows, leaves, project_key, provenance, source_column, strip_numbering, total_row
from lineage.graph import names as N
from lineage.graph.conservation import flows, total
from lineage.model import Disclosure, Indicator, Provenance, Row, Table
from lineage.vocab.phases import CARRY_IN, CARRY_OUT, LINEAGE, LineageTables, phase_of_kind
from lineage.vocab import sums
from lineage.vocab.tables import FISCAL_PARTS, fiscal_source


def _flow(g: nx.MultiDiGraph, d: Disclosure, a: str, b: str, amount: Decimal, prov: Optional[Provenance], derived: bool = False) -> None:
    if amount == 0:
        return
    g.add_edge(a, b, key=N.FLOW, **{N.LABEL: N.FLOW, N.AMOUNT: amount, N.DISC: d.id, N.PROV: prov, N.DERIVED: derived,
                                     N.PHASE: phase_of_kind(d.kind)})


def _node(g: nx.MultiDiGraph, node: str, label: str, d: Optional[Disclosure] = None, **attrs: object) -> str:
    if node not in g:
        g.add_node(node, **{N.LABEL: label, N.DISC: d.id if d else None}, **attrs)
    return node


def _code_tree(g: nx.MultiDiGraph, code: str, label: str) -> str:
    """The shared code node and its ancestors (类 ← 款 ← 项), linked by PART_OF."""
    node = f"{label}|{code}"
    _node(g, node, label, code=code)
    parent_len = {7: 5, 5: 3}.get(len(code)) if label == N.FUNCTION_CODE else (
        3 if len(code) == 5 else 5 if len(code) > 5 else None
    )
    if parent_len:
        parent = _code_tree(g, code[:parent_len], label)
        g.add_edge(node, parent, key=N.PART_OF, **{N.LABEL: N.PART_OF})
    return node


def add_disclosure(g: nx.MultiDiGraph, d: Disclosure) -> None:
    root = _node(g, d.id, N.DISCLOSURE, d, name=d.unit_name, year=d.year, unit=d.amount_unit, kind=d.kind,
                 phase=phase_of_kind(d.kind))
    tables = LINEAGE[phase_of_kind(d.kind)]
    income = _node(g, N.node_id(d.id, "pool", "收入"), N.POOL, d, name="收入")
    basic = _node(g, N.node_id(d.id, "pool", "基本支出"), N.POOL, d, name="基本支出")
    project = _node(g, N.node_id(d.id, "pool", "项目支出"), N.POOL, d, name="项目支出")
    for pool in (income, basic, project):
        g.add_edge(pool, root, key=N.OF_DISCLOSURE, **{N.LABEL: N.OF_DISCLOSURE})
    _sources(g, d, income, tables)
    _carry_over(g, d, income, tables)
    _functions(g, d, income, basic, project, tables)
    _economics(g, d, basic, tables)
    _fiscal_economics(g, d)
    _targets(g, d, _projects(g, d, project, tables))


def _printed_sources(d: Disclosure, tables: LineageTables) -> list[tuple[str, Decimal, Provenance]]:
    """Each funding source with its amount and where it is printed.

    From the 收入总表's 合计 row (a 决算's 收入决算表's 本年收入合计 row), one
    column per source; where a disclosure does not print it (its contents may
    still list it), from the income lines of the 部门收支总表, which name the
    same sources.
    """
    t = d.table(tables.income)
    total = total_row(t) if t else None
    if t and total:
        # The parts of 合计 as printed: a 财政拨款收入 小计 beside its funds (烟台) is no source of its own.
        parts = next((p for col, p in sums(t.kind, t.columns) if col == tables.income_total), [])
        return [(column, amount, provenance(d, t, total)) for column, amount in total.values.items() if column in parts]
    t = d.table(tables.summary)
    if not t:
        return []
    return [
        (source_column(r.name) or strip_numbering(r.name), next(iter(r.values.values())), provenance(d, t, r))
        for r in _summary_lines(t, "income") if not CARRY_IN.match(strip_numbering(r.name))
    ]


def _summary_lines(t: Table, side: str) -> list[Row]:
    return [r for r in t.rows if r.side == side and r.role == "item" and r.values]


def _carry_over(g: nx.MultiDiGraph, d: Disclosure, income: str, tables: LineageTables) -> None:
    """A 决算's carry-over as printed in its 收入支出决算总表: 年初结转和结余 (and 使用非财政拨款结余) flow into
    收入 from a FundingSource of that name; 年末结转和结余 (and 结余分配) flow out of 收入 to a node of their own."""
    t = d.table(tables.summary)
    if t is None or phase_of_kind(d.kind) != "actual":
        return
    for r in _summary_lines(t, "income"):
        name = strip_numbering(r.name)
        if CARRY_IN.match(name):
            src = _source(g, d, name)
            g.nodes[src][N.CARRY] = "in"
            _flow(g, d, src, income, next(iter(r.values.values())), provenance(d, t, r))
    for r in _summary_lines(t, "expenditure"):
        name = strip_numbering(r.name)
        if CARRY_OUT.match(name):
            target = _node(g, N.node_id(d.id, "carry", name), N.UNITEMISED, d, name=name, **{N.CARRY: "out"})
            _flow(g, d, income, target, next(iter(r.values.values())), provenance(d, t, r))


def _source(g: nx.MultiDiGraph, d: Disclosure, name: str) -> str:
    """The FundingSource node of `name`, classified as the shared FundingKind of that name."""
    src = N.node_id(d.id, "src", name)
    if src not in g:
        _node(g, src, N.SOURCE, d, name=name)
        kind = _node(g, f"{N.FUNDING_KIND}|{name}", N.FUNDING_KIND, name=name)
        g.add_edge(src, kind, key=N.CLASSIFIED_AS, **{N.LABEL: N.CLASSIFIED_AS})
    return src


def _sources(g: nx.MultiDiGraph, d: Disclosure, income: str, tables: LineageTables) -> None:
    for name, amount, prov in _printed_sources(d, tables):
        _flow(g, d, _source(g, d, name), income, amount, prov)


def _functions(g: nx.MultiDiGraph, d: Disclosure, income: str, basic: str, project: str, tables: LineageTables) -> None:
    t = d.table(tables.expenditure)
    if not t:
        return
    for r in leaves(t) or []:
        fn = _node(g, N.node_id(d.id, "fn", r.code or r.name), N.FUNCTION, d, name=r.name, code=r.code)
        if r.code:
            g.add_edge(fn, _code_tree(g, r.code, N.FUNCTION_CODE), key=N.CLASSIFIED_AS, **{N.LABEL: N.CLASSIFIED_AS})
        prov = provenance(d, t, r)
        _flow(g, d, income, fn, r.values.get(tables.expenditure_total, Decimal(0)), prov)
        _flow(g, d, fn, basic, r.values.get("基本支出", Decimal(0)), prov)
        _flow(g, d, fn, project, r.values.get("项目支出", Decimal(0)), prov)
        for other in tables.others:
            if r.values.get(other):
                target = _node(g, N.node_id(d.id, "unitemised", other), N.UNITEMISED, d, name=other)
                _flow(g, d, fn, target, r.values[other], prov)


def _residual(g: nx.MultiDiGraph, d: Disclosure, pool: str, name: str) -> None:
    inflow, outflow = total(flows(g, pool, "in")), total(flows(g, pool, "out"))
    if inflow > outflow:
        target = _node(g, N.node_id(d.id, "unitemised", name), N.UNITEMISED, d, name=f"{name}（未细化）")
        _flow(g, d, pool, target, inflow - outflow, None, derived=True)


def _economics(g: nx.MultiDiGraph, d: Disclosure, basic: str, tables: LineageTables) -> None:
    t = d.table(tables.economic)
    if t:
        for r in leaves(t) or []:
            ec = _node(g, N.node_id(d.id, "ec", r.code or ""), N.ECONOMIC, d, name=r.name, code=r.code)
            g.add_edge(ec, _code_tree(g, r.code or "", N.ECONOMIC_CODE), key=N.CLASSIFIED_AS, **{N.LABEL: N.CLASSIFIED_AS})
            _flow(g, d, basic, ec, r.values.get(tables.economic_amount, Decimal(0)), provenance(d, t, r))
    _residual(g, d, basic, "基本支出")


def _economic_node(g: nx.MultiDiGraph, d: Disclosure, code: Optional[str], name: str, known: dict[str, list[str]]) -> str:
    """The EconomicSubject a 表2-1 row names: the one 表3-1 already made when exactly one has its name and a
    code under the row's (001's 表2-1 prints "301 12" on 医疗补助缴费, 表3-1 "3011201"), else a new node."""
    same = [n for n in known.get(name, []) if not code or (g.nodes[n].get("code") or "").startswith(code)]
    if len(same) == 1:
        return same[0]
    node = N.node_id(d.id, "ec", code) if code else N.node_id(d.id, "ec", "", name)
    if node in g and g.nodes[node].get("name") != name:
        node = N.node_id(d.id, "ec", code or "", name)
    if node not in g:
        _node(g, node, N.ECONOMIC, d, name=name, code=code)
        if code:
            g.add_edge(node, _code_tree(g, code, N.ECONOMIC_CODE), key=N.CLASSIFIED_AS, **{N.LABEL: N.CLASSIFIED_AS})
        known.setdefault(name, []).append(node)
    return node


def _fiscal_economics(g: nx.MultiDiGraph, d: Disclosure) -> None:
    """表2-1 (财政拨款支出预算表（部门经济分类科目）): each funding source's money by economic subject.

    One FUNDS edge per leaf row and printed 基本支出/项目支出 cell, from the funding source that pays
    the cell's column group (vocab.tables.fiscal_source: 上年结转安排 → 上年结转, 当年财政拨款安排 →
    the fund's income column) to the row's economic subject, carrying the group, fund and part as
    printed; 小计/合计 cells are sums of these and class rows sums of their leaves, so neither
    becomes an edge.

    Why a FUNDS edge and not FLOWS_TO: the money of 表2-1 is the money that already flows
    收入 → functional subjects → 基本支出/项目支出 pools. Its 基本支出 cells of 一般公共预算 repeat
    表3-1 (the template makes 表3-1's 合计 equal them), and its 项目支出 cells are the 项目支出
    pool split by economic subject, which the pool already splits by project (表3-2). As FLOWS_TO
    they would count that money twice, so FLOWS_TO keeps 表3-1 for the 基本支出 pool (the table the
    pool's economic stage has always come from, and the only one printed by every template) and
    表2-1 stays a second, exact view of it: who pays which economic subject, from which group of the
    year's appropriations. Conservation (GR01) sums FLOWS_TO only; the FUNDS edges are checked
    against their own printed 总计 (`lineage trace`'s last stage), and 表2-1's rows against its
    合计 by the table rules. Rows left ambiguous by placement give no edge (their money shows as
    that stage's gap), and a table whose levels cannot be told gives none at all.
    """
    t = d.table("fiscal_by_economic")
    rows = leaves(t) if t else None
    if not t or not rows:
        return
    printed_total = total_row(t)
    if printed_total and "总计" in printed_total.values:
        g.nodes[d.id][N.FISCAL_TOTAL] = printed_total.values["总计"]
    known: dict[str, list[str]] = {}
    for node, attrs in g.nodes(data=True):
        if attrs.get(N.LABEL) == N.ECONOMIC and attrs.get(N.DISC) == d.id:
            known.setdefault(attrs.get("name", ""), []).append(node)
    for r in rows:
        if r.ambiguous:
            continue
        cells = [(column.split("/"), amount) for column, amount in r.values.items() if amount]
        cells = [(parts, amount) for parts, amount in cells if len(parts) == 3 and parts[2] in FISCAL_PARTS]
        if not cells:
            continue
        ec = _economic_node(g, d, r.code, r.name, known)
        prov = provenance(d, t, r)
        for (group, fund, part), amount in cells:
            g.add_edge(_source(g, d, fiscal_source(group, fund)), ec, key=f"{N.FUNDS}|{group}|{fund}|{part}", **{
                N.LABEL: N.FUNDS, N.AMOUNT: amount, N.DISC: d.id, N.PROV: prov, N.DERIVED: False,
                N.GROUP: group, N.FUND: fund, N.PART: part, N.PHASE: phase_of_kind(d.kind),
            })


def _projects(g: nx.MultiDiGraph, d: Disclosure, project_pool: str, tables: LineageTables) -> dict[str, str]:
    """Project nodes of the 项目支出表, fed by the 项目支出 pool; returns them by project_key(name)."""
    t = d.table(tables.projects)
    project_nodes: dict[str, str] = {}
    if t:
        for i, r in enumerate(x for x in item_rows(t) if x.code):
            node = _node(g, N.node_id(d.id, "proj", str(i)), N.PROJECT, d, name=r.name, code=r.code)
            project_nodes.setdefault(project_key(r.name), node)
            _flow(g, d, project_pool, node, r.values.get(tables.project_amount, Decimal(0)), provenance(d, t, r))
    _residual(g, d, project_pool, "项目支出")
    return project_nodes


def _indicator(g: nx.MultiDiGraph, d: Disclosure, node: str, ind: Indicator, attributed: bool) -> str:
    return _node(
        g, node, N.INDICATOR, d, name=ind.level3, level1=ind.level1, level2=ind.level2, value=ind.value,
        unit=ind.unit, operator=ind.operator, weight=ind.weight, core=ind.core, line=ind.line, attributed=attributed,
    )


def _targets(g: nx.MultiDiGraph, d: Disclosure, project_nodes: dict[str, str]) -> None:
    """Performance targets: a project's indicators hang from its Project node; a target no money table
    lists becomes a Target node, and indicators the text does not tie to a project hang from the
    disclosure (attributed false), so nothing printed is lost and nothing is guessed.

    Where the document narrows an unattributed indicator down to a few projects without saying which
    (000's flattened 绩效目标表: five projects on its first page, eight on its second), each candidate
    gets a MAY_MEASURE edge to it, resolved false, with the parser's reason: the ambiguity is visible
    on every project it concerns, and no MEASURED_BY is invented."""
    for pt in d.performance.tables:
        if pt.duplicate_of is not None:
            continue
        by_line: dict[int, str] = {}
        for p in pt.projects:
            target = dict(goal=p.goal, budget=p.amount, target_line=p.line)
            node = project_nodes.get(project_key(p.name))
            if node is None:
                node = _node(g, N.node_id(d.id, "target", str(p.line)), N.TARGET, d, name=p.name, code=p.code)
                g.add_edge(node, d.id, key=N.OF_DISCLOSURE, **{N.LABEL: N.OF_DISCLOSURE})
            g.nodes[node].update({k: v for k, v in target.items() if v is not None})
            by_line[p.line] = node
            for j, ind in enumerate(p.indicators):
                ind_node = _indicator(g, d, N.node_id(d.id, "ind", str(p.line), str(j)), ind, attributed=True)
                g.add_edge(node, ind_node, key=N.MEASURED_BY, **{N.LABEL: N.MEASURED_BY})
        for j, ind in enumerate(pt.unattributed):
            ind_node = _indicator(g, d, N.node_id(d.id, "ind", "unattributed", str(pt.line), str(j)), ind, attributed=False)
            g.add_edge(ind_node, d.id, key=N.OF_DISCLOSURE, **{N.LABEL: N.OF_DISCLOSURE})
            for line in ind.candidates:
                if line in by_line:
                    g.add_edge(by_line[line], ind_node, key=N.MAY_MEASURE,
                               **{N.LABEL: N.MAY_MEASURE, N.RESOLVED: False, N.REASON: ind.note})


def build_graph(disclosures: Iterable[Disclosure]) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for d in disclosures:
        add_disclosure(g, d)
    return g
