"""The money flow of one disclosure as Sankey nodes and links, for the HTML report.

Read from `lineage.graph.trace` (the same stages `lineage trace` prints), so the
picture and the trace cannot disagree: funding sources → 收入 → functional
subjects → 基本支出/项目支出 (and money a subject passes on unitemised) →
economic subjects and projects → whether a project has performance
indicators. Functional and economic subjects can be drawn at 类, 款 or 项
level: the leaves are summed exactly (Decimal) into their 类/款 code.

Pools and 未细化 remainders are joints the disclosure does not print as rows
of their own (a pool is the sum of what enters it; a remainder is derived as
a difference), so they are marked `undisclosed` and drawn distinctly.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Optional

import networkx as nx

from lineage.amounts import percent
from lineage.graph import names as N
from lineage.graph.trace import FISCAL_STAGE, Stage, trace
from lineage.model import Disclosure

LEVELS = {"类": 3, "款": 5, "项": None}  # code length a subject is summed to (None: as printed)
# Above 项 level, projects beyond the largest few are drawn as one node (their sum, exact), so the
# labels of a long 项目支出表 stay readable; the 项 level and the flow table list every project.
SHOWN_PROJECTS = 8

# Sankey columns, left to right.
DEPTH = {N.SOURCE: 0, "income": 1, N.FUNCTION: 2, N.POOL: 3, N.ECONOMIC: 4, N.PROJECT: 4, "indicators": 5}



@dataclass
class FlowNode:
    id: str
    label: str
    kind: str  # a node label of lineage.graph.names, or "indicators"
    depth: int
    undisclosed: bool = False  # a pool or a derived remainder: no printed row of its own
    leaves: list[str] = field(default_factory=list)  # graph node ids summed into this node


@dataclass
class FlowLink:
    source: str
    target: str
    amount: Decimal
    lines: list[int] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)
    tables: list[str] = field(default_factory=list)
    derived: bool = False
    share: Optional[Decimal] = None  # percent of what leaves the source node
    share_total: Optional[Decimal] = None  # percent of 收入
    note: str = ""


@dataclass
class Flow:
    level: str
    nodes: list[FlowNode]
    links: list[FlowLink]


def subject_names(d: Disclosure) -> dict[tuple[str, str], str]:
    """(scheme, code) → the name printed beside it in any table (the first one printed)."""
    out: dict[tuple[str, str], str] = {}
    for t in d.tables:
        for r in t.rows:
            if r.code and r.scheme and r.name:
                out.setdefault((r.scheme, r.code), r.name.strip())
    return out


class _Builder:
    """Collects nodes and sums links by (source, target) at one level."""

    def __init__(self, g: nx.MultiDiGraph, d: Disclosure, level: str, names: Optional[dict[tuple[str, str], str]]):
        self.g, self.d, self.cut = g, d, LEVELS[level]
        self.names = names if names is not None else subject_names(d)
        self.grouped: set[str] = set()  # projects drawn as one "其余 N 个项目" node
        self.nodes: dict[str, FlowNode] = {}
        self.links: dict[tuple[str, str], FlowLink] = {}

    def node(self, graph_id: str) -> str:
        """The displayed node for a graph node (a 类/款 node sums its subjects)."""
        attrs = self.g.nodes[graph_id]
        label, code = attrs.get(N.LABEL), attrs.get("code")
        name = attrs.get("name", graph_id)
        if label in (N.FUNCTION, N.ECONOMIC) and code and self.cut and len(code) > self.cut:
            scheme = "functional" if label == N.FUNCTION else "economic"
            code = code[: self.cut]
            node_id = N.node_id(self.d.id, "fn" if label == N.FUNCTION else "ec", code)
            name = self.names.get((scheme, code), "类" if len(code) == 3 else "款")
        elif graph_id in self.grouped:
            node_id = N.node_id(self.d.id, "proj", "others")
            name = f"其余 {len(self.grouped)} 个项目"
        else:
            node_id = graph_id
        if node_id not in self.nodes:
            kind = "income" if graph_id.endswith("|pool|收入") else label
            shown = f"{code} {name}".strip() if label in (N.FUNCTION, N.ECONOMIC) and code else name
            self.nodes[node_id] = FlowNode(
                node_id, shown, label, DEPTH.get(kind, DEPTH[N.POOL]),
                undisclosed=label in (N.POOL, N.UNITEMISED),
            )
            if label == N.UNITEMISED:  # a column right of what feeds it: a pool's remainder beside its items
                feeders = [a for a, _, e in self.g.in_edges(graph_id, data=True) if e.get(N.LABEL) == N.FLOW]
                self.nodes[node_id].depth = 1 + max((DEPTH.get(self.g.nodes[a].get(N.LABEL), 2) for a in feeders), default=2)
        if graph_id not in self.nodes[node_id].leaves:
            self.nodes[node_id].leaves.append(graph_id)
        return node_id

    def link(self, source: str, target: str, amount: Decimal, line: Optional[int], derived: bool = False) -> None:
        key = (self.node(source), self.node(target))
        link = self.links.setdefault(key, FlowLink(*key, Decimal(0)))
        link.amount += amount
        link.derived = link.derived or derived
        prov = self._provenance(source, target)
        if prov is not None:
            for attr, value in (("lines", prov.line), ("pages", prov.page)):
                if value is not None and value not in getattr(link, attr):
                    getattr(link, attr).append(value)
            table = f"表{prov.table_number}" if prov.table_number else (prov.table or "")
            if table and table not in link.tables:
                link.tables.append(table)
        elif line is not None and line not in link.lines:
            link.lines.append(line)

    def _provenance(self, source: str, target: str):
        data = self.g.get_edge_data(source, target, key=N.FLOW)
        return data.get(N.PROV) if data else None


def flow(g: nx.MultiDiGraph, d: Disclosure, level: str = "类", stages: Optional[list[Stage]] = None,
         names: Optional[dict[tuple[str, str], str]] = None) -> Flow:
    """The Sankey of disclosure `d` at `level` (类, 款 or 项), from its trace stages.

    `names`: subject names by (scheme, code), for 类/款 codes the disclosure prints no name for
    (default: the names `d` prints).
    """
    stages = stages if stages is not None else trace(g, d.id)
    b = _Builder(g, d, level, names)
    measured: dict[str, list[str]] = defaultdict(list)  # indicator bucket → its projects
    income = N.node_id(d.id, "pool", "收入")
    projects = sorted((step for s in stages for step in s.steps if g.nodes[step.target].get(N.LABEL) == N.PROJECT),
                      key=lambda step: -step.amount)
    if LEVELS[level] and len(projects) > SHOWN_PROJECTS + 1:
        b.grouped = {step.target for step in projects[SHOWN_PROJECTS:]}
    for stage in stages:
        if stage.node == FISCAL_STAGE:  # a second view of money the pools already carry: drawn, it would count twice
            continue
        source = income if stage.node == "sources" else stage.node
        for step in stage.steps:
            if stage.node == "sources":
                b.link(step.target, income, step.amount, step.line, step.derived)
                continue
            b.link(source, step.target, step.amount, step.line, step.derived)
            label = g.nodes[step.target].get(N.LABEL)
            if label == N.FUNCTION:
                for child in step.children:
                    b.link(step.target, child.target, child.amount, child.line, child.derived)
            elif label == N.PROJECT:
                state = _indicator_state(g, step.target, step.children)
                bucket = N.node_id(d.id, "indicators", state)
                b.nodes.setdefault(bucket, FlowNode(bucket, "", "indicators", DEPTH["indicators"]))
                measured[bucket].append(step.target)
                key = (b.node(step.target), bucket)
                link = b.links.setdefault(key, FlowLink(*key, Decimal(0)))
                link.amount += step.amount
                if step.target in b.grouped:
                    link.note = f"其余项目中{BUCKET_TEXT[state]}的部分"
                elif state == "yes":
                    link.note = f"{len(step.children)} 项绩效指标"
                elif state == "unresolved":
                    link.note = f"{len(_candidates(g, [step.target]))} 项候选绩效指标（文件未写明属于哪个项目）"
                else:
                    link.note = BUCKET_TEXT[state]
    _label_indicator_buckets(g, b.nodes, measured)
    out_of: dict[str, Decimal] = defaultdict(Decimal)
    for link in b.links.values():
        out_of[link.source] += link.amount
    whole = sum((l.amount for l in b.links.values() if l.target == income), Decimal(0))
    for link in b.links.values():
        link.share = percent(link.amount, out_of[link.source])
        link.share_total = percent(link.amount, whole)
    return Flow(level, list(b.nodes.values()), list(b.links.values()))


# Where a project's money ends in the Sankey: at its indicators, at indicators the document ties to it only as one
# of several candidate projects (MAY_MEASURE, resolved false), or at none. "无绩效指标" for a project with
# candidates would state as fact what the document leaves open.
BUCKET_TEXT = {"yes": "有绩效指标", "unresolved": "绩效指标未定", "no": "无绩效指标"}


def _indicator_state(g: nx.MultiDiGraph, project: str, measured_by: list) -> str:
    if measured_by:
        return "yes"
    if any(e.get(N.LABEL) == N.MAY_MEASURE for _, _, e in g.out_edges(project, data=True)):
        return "unresolved"
    return "no"


def _candidates(g: nx.MultiDiGraph, projects: list[str]) -> set[str]:
    """The indicators these projects may measure (one indicator may be a candidate of several)."""
    return {b for p in projects for _, b, e in g.out_edges(p, data=True) if e.get(N.LABEL) == N.MAY_MEASURE}


def _label_indicator_buckets(g: nx.MultiDiGraph, nodes: dict[str, FlowNode], measured: dict[str, list[str]]) -> None:
    """"有绩效指标（2 个项目，18 项指标）" / "绩效指标未定（9 个项目，47 项候选指标）" / "无绩效指标（1 个项目）":
    counts, not money, end the flow."""
    for bucket, projects in measured.items():
        state = bucket.rsplit("|", 1)[1]
        if state == "unresolved":
            count = f"，{len(_candidates(g, projects))} 项候选指标"
        else:
            n = sum(1 for p in projects for _, _, e in g.out_edges(p, data=True) if e.get(N.LABEL) == N.MEASURED_BY)
            count = f"，{n} 项指标" if n else ""
        nodes[bucket].label = f"{BUCKET_TEXT[state]}（{len(projects)} 个项目{count}）"
