"""One self-contained HTML file: each disclosure's money flow as a Sankey, its flow table and its findings,
and for several units their comparison as charts beside the table.

The page opens offline: the chart library (Apache ECharts, `assets/echarts.min.js`,
copied from the npm package pinned in tools/echarts) and the page's own script and
styles are written into the file, the data as one JSON block. Every amount in the
data is the exact printed string (Decimal); the chart's link widths are integer
counts of 0.01 of the document's unit, so they are exact to the cent too.

The flow table is `lineage trace` stage by stage (the same `trace()` call), so the
page and `lineage trace --format json` cannot disagree; the browser test checks
what Chromium actually shows against that JSON.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from datetime import datetime, timezone
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any, Optional

import networkx as nx

from lineage import __version__
from lineage.amounts import percent, printed
from lineage.checks.finding import Finding
from lineage.graph import build_graph
from lineage.graph import names as N
from lineage.graph.trace import Stage, trace
from lineage.model import Disclosure, Provenance
from lineage.neo4jdb.browser_links import BrowserLinks
from lineage.execution import ExecutionSet, execution
from lineage.report.compare import Comparison, compare
from lineage.report.execution_view import records
from lineage.report.html_flow import LEVELS, Flow, flow
from lineage.vocab import KIND_LABELS

SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}


def _asset(name: str) -> str:
    return resources.files("lineage.report").joinpath("assets", name).read_text(encoding="utf-8")


def _minor(amount: Decimal) -> int | float:
    """Link width: an integer count of 0.01 of the unit (exact), or the amount itself if printed finer."""
    scaled = amount * 100
    return int(scaled) if scaled == scaled.to_integral_value() else float(amount)


def _flow_json(f: Flow) -> dict[str, Any]:
    value_in: dict[str, Decimal] = {}
    value_out: dict[str, Decimal] = {}
    for link in f.links:
        value_out[link.source] = value_out.get(link.source, Decimal(0)) + link.amount
        value_in[link.target] = value_in.get(link.target, Decimal(0)) + link.amount
    return {
        "nodes": [
            {"id": n.id, "label": n.label, "kind": n.kind, "depth": n.depth, "undisclosed": n.undisclosed, "leaves": n.leaves,
             "inflow": printed(value_in[n.id]) if n.id in value_in else None,
             "outflow": printed(value_out[n.id]) if n.id in value_out else None}
            for n in f.nodes
        ],
        "links": [
            {"source": l.source, "target": l.target, "value": _minor(l.amount), "amount": printed(l.amount),
             "share": printed(l.share) if l.share is not None else None,
             "shareTotal": printed(l.share_total) if l.share_total is not None else None,
             "lines": l.lines, "pages": l.pages, "tables": l.tables, "derived": l.derived, "note": l.note}
            for l in f.links if l.amount > 0  # a Sankey cannot draw a negative or empty flow; the table lists it
        ],
    }


def _stages_json(g: nx.MultiDiGraph, stages: list[Stage]) -> list[dict[str, Any]]:
    """The trace's stages as the flow table shows them: each step, and what a functional subject passes on."""
    out = []
    for s in stages:
        rows = []
        for step in s.steps:
            edge_from = step.target if s.node == "sources" else s.node  # a source's flow runs into 收入
            edge_to = N.node_id(g.nodes[step.target][N.DISC], "pool", "收入") if s.node == "sources" else step.target
            rows.append(_step_json(g, step, s.name.split(" → ")[0], g.get_edge_data(edge_from, edge_to, key=N.FLOW)))
            if g.nodes[step.target].get(N.LABEL) == N.FUNCTION:
                rows += [_step_json(g, child, step.name, g.get_edge_data(step.target, child.target, key=N.FLOW), parent=step.target)
                         for child in step.children]
        out.append({"node": s.node, "name": s.name, "inflow": printed(s.inflow), "outflow": printed(s.outflow),
                    "balanced": s.balanced, "rows": rows})
    return out


def _step_json(g: nx.MultiDiGraph, step, source: str, edge: Optional[dict], parent: Optional[str] = None) -> dict[str, Any]:
    """One row of the flow table; `edge` is the flow it shows (its provenance gives the PDF page)."""
    prov = (edge or {}).get(N.PROV)
    return {"target": step.target, "parent": parent, "from": source, "name": step.name, "code": step.code,
            "amount": printed(step.amount), "share": printed(step.share) if step.share is not None else None,
            "line": step.line, "page": prov.page if prov else None,
            "derived": step.derived, "estimate": step.estimate,
            "indicators": len(step.children) if g.nodes[step.target].get(N.LABEL) == N.PROJECT else None}


def _finding_json(f: Finding, places: "_Places", links: BrowserLinks) -> dict[str, Any]:
    """A finding with its place in the flow: the money nodes its subjects name, else those its evidence lines print."""
    nodes = places.named(f)
    if not nodes:
        for e in f.evidence:
            nodes |= places.by_line.get(e.line, set())
    found = printed(f.found) if f.found is not None else None
    return {
        "code": f.code, "rule": f.rule, "severity": f.severity, "severityLabel": SEVERITY_ZH.get(f.severity, f.severity),
        "message": f.message, "unit": f.unit or "",
        "expected": printed(f.expected) if f.expected is not None else f.expected_label,
        "found": found if found is not None else f.found_label,
        "evidence": [{"line": e.line, "page": e.page, "table": _table_label(e)} for e in f.evidence],
        "nodes": sorted(nodes), "browser": links.finding(f.code, f.disclosure, found),
    }


def _table_label(e: Provenance) -> str:
    """How the findings table names where evidence is printed: 表1-2, the table's name, or 说明 (the text)."""
    if e.table is None:
        return "说明"
    return f"表{e.table_number}" if e.table_number else KIND_LABELS.get(e.table, e.table)


class _Places:
    """Where in a disclosure's flow a finding belongs: money nodes by printed line, by code and by name."""

    def __init__(self, g: nx.MultiDiGraph, disclosure_id: str):
        self.by_line: dict[int, set[str]] = {}
        self.by_code: dict[str, set[str]] = {}
        self.by_name: dict[str, set[str]] = {}
        for node, attrs in g.nodes(data=True):
            if attrs.get(N.DISC) == disclosure_id and attrs.get(N.LABEL) in N.MONEY_LABELS:
                if attrs.get("code"):
                    self.by_code.setdefault(attrs["code"], set()).add(node)
                self.by_name.setdefault(attrs.get("name", ""), set()).add(node)
        for a, b, e in g.edges(data=True):
            if e.get(N.LABEL) == N.FLOW and e.get(N.DISC) == disclosure_id and e.get(N.PROV):
                row_node = b if g.nodes[a].get(N.LABEL) == N.POOL else a  # the end that is the printed row
                self.by_line.setdefault(e[N.PROV].line, set()).add(row_node)

    def named(self, f: Finding) -> set[str]:
        out: set[str] = set()
        for s in f.subjects:
            out |= self.by_code.get(s.code, set()) if s.code else self.by_name.get(s.name, set())
        return out


@dataclass
class UnitReport:
    disclosure: Disclosure
    findings: list[Finding]


def _execution_json(sets: list[ExecutionSet]) -> list[dict[str, Any]]:
    """A 决算's execution tables: each set's title, its unit and its lines as records (amounts as exact strings)."""
    return [{"title": s.title, "budget": s.budget, "unit": s.lines[0].unit,
             "rows": [{**{k: printed(v) if isinstance(v, Decimal) else v for k, v in r.items()},
                       "actual_table_label": _table_label(e.actual.evidence) if e.actual else None}
                      for r, e in zip(records([s]), s.lines)]}
            for s in sets if s.lines]


def _unit_json(g: nx.MultiDiGraph, u: UnitReport, links: BrowserLinks, names: dict,
               sets: list[ExecutionSet] = ()) -> dict[str, Any]:  # type: ignore[assignment]
    d = u.disclosure
    stages = trace(g, d.id)
    flows = {level: _flow_json(flow(g, d, level, stages, names)) for level in LEVELS}
    places = _Places(g, d.id)
    counts = {s: sum(1 for f in u.findings if f.severity == s) for s in SEVERITY_ZH}
    return {
        "id": d.id, "unitName": d.unit_name, "year": d.year, "kind": d.kind, "amountUnit": d.amount_unit,
        "file": Path(d.source.path).name, "total": printed(stages[0].inflow) if stages[0].steps else None,
        "flows": flows, "stages": _stages_json(g, stages), "counts": counts,
        "findings": [_finding_json(f, places, links) for f in u.findings],
        "browser": links.disclosure(d.id),
        "execution": _execution_json([s for s in sets if s.actual == d.id]),
    }


def _to_wan(value: Optional[Decimal], unit: str) -> Optional[Decimal]:
    """An amount in 万元 (exact: 1 万元 = 10000 元), so units printed in 元 and 万元 share one axis."""
    if value is None:
        return None
    return value / 10000 if unit == "元" else value


def _comparison_json(comp: Comparison, units: list[UnitReport], links: BrowserLinks,
                     names: dict[tuple[str, str], str]) -> dict[str, Any]:
    rows = [{"label": label, "values": [None if v is None else printed(v) for v in values],
             "shares": [None if s is None else printed(s) for s in shares]} for label, values, shares in comp.lines]
    by_label = {label.strip(): (values, shares) for label, values, shares in comp.lines}

    def wan(label: str) -> list[Optional[str]]:
        values = by_label.get(label, ([None] * len(comp.units), None))[0]
        return [None if v is None else printed(_to_wan(v, u)) for v, u in zip(values, comp.amount_unit)]

    classes = [label for label, _, _ in comp.lines if label.startswith("类 ")]
    return {
        "units": comp.units, "amountUnits": comp.amount_unit, "rows": rows, "onlyIn": comp.only_in,
        "charts": {
            "totals": wan("支出总计"),
            "classes": [{"label": _class_label(c, names), "shares": [None if s is None else printed(s) for s in by_label[c][1]]}
                        for c in classes],
            "basic": [None if s is None else printed(s) for s in by_label["基本支出"][1]],
            "project": [None if s is None else printed(s) for s in by_label["项目支出"][1]],
            "threePublic": {k: wan(k) for k in ("因公出国（境）", "公务用车购置及运行", "公务接待")},
        },
        "browser": links.compare(units[0].disclosure.id, units[1].disclosure.id) if len(units) > 1 else None,
    }


def _class_label(label: str, names: dict[tuple[str, str], str]) -> str:
    """"类 206" as the chart legend shows it: with the name a unit prints for 206, if any.

    >>> _class_label("类 206", {("functional", "206"): "科学技术支出"}), _class_label("类 208", {})
    ('206 科学技术支出', '类 208')
    """
    code = label.split()[-1]
    return f"{code} {names[('functional', code)]}" if ("functional", code) in names else label


def _shared_names(disclosures: list[Disclosure]) -> dict[tuple[str, str], str]:
    """Subject names by code, from every disclosure of the report: a 类 one unit leaves unnamed another may name."""
    from lineage.report.html_flow import subject_names

    out: dict[tuple[str, str], str] = {}
    for d in disclosures:
        for key, name in subject_names(d).items():
            out.setdefault(key, name)
    return out


def _with_related_findings(u: UnitReport, disclosures: list[Disclosure]) -> UnitReport:
    """A unit's findings plus the cross-document ones (XD: a 决算 against its 预算) when the report holds both."""
    from lineage.checks.cross_document import with_related

    extra = with_related(u.disclosure, [d for d in disclosures if d is not u.disclosure])
    return UnitReport(u.disclosure, u.findings + extra) if extra else u


def report_data(units: list[UnitReport], links: Optional[BrowserLinks] = None) -> dict[str, Any]:
    """Everything the page shows, as JSON-ready data (amounts as exact strings)."""
    links = links or BrowserLinks(None)
    disclosures = [u.disclosure for u in units]
    units = [_with_related_findings(u, disclosures) for u in units]
    g = build_graph(disclosures)
    names = _shared_names(disclosures)
    sets = execution(disclosures)
    return {
        "generated": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "version": __version__,
        "levels": list(LEVELS),
        "units": [_unit_json(g, u, links, names, sets) for u in units],
        "comparison": _comparison_json(compare(disclosures), units, links, names) if len(units) > 1 else None,
    }


def _script_json(data: Any) -> str:
    """JSON safe inside a <script> element (no '</' can close it)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def render_html(units: list[UnitReport], links: Optional[BrowserLinks] = None) -> str:
    """The report as one HTML document with everything it needs inside."""
    data = report_data(units, links)
    first = units[0].disclosure
    title = (f"{first.unit_name} {first.year or ''} {first.kind} 资金流向报告" if len(units) == 1
             else f"{len(units)} 个单位的预算比较与资金流向报告")
    return (
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<meta name=\"generator\" content=\"budget-lineage {html.escape(__version__)}\">\n"
        f"<title>{html.escape(title)}</title>\n"
        f"<style>\n{_asset('report.css')}\n</style>\n</head>\n<body>\n"
        f"<header><h1>{html.escape(title)}</h1><p class=\"meta\" id=\"meta\"></p></header>\n"
        "<main id=\"report\"><noscript>本报告的图表需要 JavaScript；表格数据见下方 JSON。</noscript></main>\n"
        f"<script type=\"application/json\" id=\"lineage-data\">{_script_json(data)}</script>\n"
        # The library's licence header stays in the minified file; LICENSE and NOTICE ship beside it.
        f"<script>\n{_asset('echarts.min.js')}\n</script>\n"
        f"<script>\n{_asset('report.js')}\n</script>\n"
        "</body>\n</html>\n"
    )


def default_name(disclosures: list[Disclosure]) -> str:
    """The file name when --html gives none: unit and year, or the units compared.

    >>> from lineage.model import Disclosure, Source
    >>> d = Disclosure(id="x", unit_name="渠县科学技术协会", year=2024, layout="flat", source=Source(path="a.txt", sha256=""))
    >>> default_name([d])
    '渠县科学技术协会-2024-资金流向.html'
    """
    d = disclosures[0]
    stem = f"{d.unit_name}-{d.year or '未知年度'}" if len(disclosures) == 1 else f"{d.unit_name}等{len(disclosures)}个单位-比较"
    return "".join(c for c in stem if c not in '/\\:*?"<>|') + ("-资金流向.html" if len(disclosures) == 1 else ".html")
