"""What `lineage parse` prints: the documented JSON shape and a text summary."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table as RichTable

from lineage.amounts import printed
from lineage.model import Disclosure
from lineage.vocab import KIND_LABELS
from lineage.report.jsonable import plain


def disclosure_json(d: Disclosure) -> dict[str, Any]:
    """The parse JSON of one file (documented in README, "lineage parse")."""
    return {
        "disclosure": {
            "id": d.id,
            "unit_name": d.unit_name,
            "unit_code": d.unit_code,
            "year": d.year,
            "kind": d.kind,
            "amount_unit": d.amount_unit,
            "layout": d.layout,
            "family": d.family,
            "covers": plain(d.covers),
            "source": {"path": d.source.path, "sha256": d.source.sha256, "encoding": d.source.encoding},
        },
        "contents": plain(d.contents),
        "tables": [
            {
                "kind": t.kind,
                "number": t.number,
                "title": t.title,
                "line": t.line,
                "end_line": t.end_line,
                "page": t.page,
                "empty": t.empty,
                "unit": t.unit,
                "duplicate_of": t.duplicate_of,
                "columns": t.columns,
                "rows": [
                    {
                        "code": r.code,
                        "code_printed": r.code_printed,
                        "scheme": r.scheme,
                        "name": r.name,
                        "unit_code": r.unit_code,
                        "role": r.role,
                        "side": r.side,
                        "panel": r.panel,
                        "line": r.line,
                        "lines": r.lines,
                        "page": r.page,
                        "values": {k: printed(v) for k, v in r.values.items()},
                        "ambiguous": r.ambiguous,
                        "candidates": plain(r.candidates),
                        "note": r.note,
                    }
                    for r in t.rows
                ],
            }
            for t in d.tables
        ],
        "performance": plain(d.performance),
        "claims": plain(d.claims),
        "problems": [plain(p) for p in d.problems],
    }


def _total_of(table) -> str:
    for r in table.rows:
        if r.role == "total" and r.values:
            first = next(iter(r.values.values()))
            return printed(first)
    return ""


def print_summary(d: Disclosure, console: Console) -> None:
    """Tables found, rows per table, totals, problems — for a person at a terminal."""
    console.print(
        f"[bold]{d.unit_name}[/bold] {d.year or '?'} {d.kind}  "
        f"[dim]{d.source.path} · layout {d.layout} · 金额单位 {d.amount_unit}[/dim]"
    )
    view = RichTable(show_header=True, header_style="bold", box=None, pad_edge=False)
    for col in ("表", "kind", "标题", "行", "rows", "合计", "单位", "ambiguous"):
        view.add_column(col, justify="right" if col in ("行", "rows", "合计", "ambiguous") else "left")
    for t in d.tables:
        ambiguous = sum(1 for r in t.rows if r.ambiguous)
        view.add_row(
            t.number or "",
            t.kind,
            KIND_LABELS.get(t.kind, t.title) + (" (空)" if t.empty else "") + (" (重复)" if t.duplicate_of else ""),
            str(t.line),
            str(len(t.rows)),
            _total_of(t),
            t.unit or "",
            str(ambiguous) if ambiguous else "",
        )
    console.print(view)
    perf = d.performance
    n_projects = sum(len(pt.projects) for pt in perf.tables if pt.duplicate_of is None)
    n_ind = sum(len(p.indicators) for pt in perf.tables if pt.duplicate_of is None for p in pt.projects)
    n_un = sum(len(pt.unattributed) for pt in perf.tables if pt.duplicate_of is None)
    console.print(f"绩效目标: {n_projects} projects, {n_ind} indicators, {n_un} unattributed · 说明文字: {len(d.claims)} claims")
    if d.problems:
        console.print(f"[yellow]{len(d.problems)} problems[/yellow]")
        for p in d.problems[:20]:
            where = f"{p.file}:{p.line}" + (f" (p.{p.page})" if p.page else "")
            console.print(f"  [yellow]{where}[/yellow] {p.message}")
        if len(d.problems) > 20:
            console.print(f"  … {len(d.problems) - 20} more (use --format json)")
