"""Findings for people (a coloured table), programs (JSON) and spreadsheets (CSV)."""

from __future__ import annotations

import csv
import io
from typing import Any

from rich.console import Console
from rich.table import Table as RichTable

from lineage.amounts import printed
from lineage.checks.finding import Finding
from lineage.model import Disclosure

COLOURS = {"error": "red", "warning": "yellow", "info": "dim"}


def finding_json(f: Finding) -> dict[str, Any]:
    """The documented JSON of one finding (README, "lineage check")."""
    return {
        "code": f.code,
        "rule": f.rule,
        "severity": f.severity,
        "message": f.message,
        "disclosure": f.disclosure,
        "unit": f.unit,
        "expected": printed(f.expected) if f.expected is not None else f.expected_label,
        "found": printed(f.found) if f.found is not None else f.found_label,
        "subjects": [s.model_dump() for s in f.subjects],
        "evidence": [{"file": e.file, "table": e.table, "row": e.row, "line": e.line} for e in f.evidence],
    }


def report_json(results: list[tuple[Disclosure, list[Finding]]]) -> dict[str, Any]:
    counts = {s: sum(1 for _, fs in results for f in fs if f.severity == s) for s in ("error", "warning", "info")}
    return {
        "valid": counts["error"] == 0,
        "counts": counts,
        "disclosures": [
            {
                "id": d.id, "unit_name": d.unit_name, "year": d.year, "file": d.source.path,
                "valid": not any(f.severity == "error" for f in fs),
                "findings": [finding_json(f) for f in fs],
            }
            for d, fs in results
        ],
    }


def report_csv(results: list[tuple[Disclosure, list[Finding]]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["disclosure", "code", "severity", "message", "unit", "expected", "found", "file", "lines"])
    for d, fs in results:
        for f in fs:
            w.writerow([
                d.id, f.code, f.severity, f.message, f.unit or "",
                printed(f.expected) if f.expected is not None else f.expected_label or "",
                printed(f.found) if f.found is not None else f.found_label or "",
                d.source.path, " ".join(str(e.line) for e in f.evidence),
            ])
    return buf.getvalue()


def print_findings(results: list[tuple[Disclosure, list[Finding]]], console: Console, min_severity: str = "info") -> None:
    order = ["error", "warning", "info"]
    for d, fs in results:
        shown = [f for f in fs if order.index(f.severity) <= order.index(min_severity)]
        errors = sum(1 for f in fs if f.severity == "error")
        warnings = sum(1 for f in fs if f.severity == "warning")
        console.print(f"[bold]{d.unit_name}[/bold] {d.year} [dim]{d.source.path}[/dim]  "
                      f"[red]{errors} errors[/red], [yellow]{warnings} warnings[/yellow]")
        if not shown:
            continue
        view = RichTable(box=None, show_header=True, header_style="bold", pad_edge=False)
        for col in ("code", "sev", "message", "lines"):
            view.add_column(col, overflow="fold")
        for f in shown:
            lines = ",".join(str(e.line) for e in f.evidence[:6]) + ("…" if len(f.evidence) > 6 else "")
            view.add_row(f.code, f"[{COLOURS[f.severity]}]{f.severity}[/]", f.message, lines)
        console.print(view)
        console.print()
