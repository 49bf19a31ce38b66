"""Findings for people (text), programs (JSON) and spreadsheets (CSV), written one disclosure at a time."""

from __future__ import annotations

import csv
import io
import tempfile
import textwrap
from collections import Counter
from typing import Any, Callable, Iterable

import click

from lineage.amounts import printed
from lineage.checks.finding import Finding
from lineage.report.jsonable import dumps
from lineage.results import Checked

SEVERITIES = ("error", "warning", "info")
STYLES = {"error": {"fg": "red"}, "warning": {"fg": "yellow"}, "info": {"dim": True}}


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
        "evidence": [{"file": e.file, "table": e.table, "row": e.row, "line": e.line, "page": e.page}
                     for e in f.evidence],
    }


def _where(e) -> str:
    """A line number as a person finds it: with its page for a PDF ("258@p17")."""
    return f"{e.line}@p{e.page}" if e.page else str(e.line)


def write_json(results: Iterable[Checked], write: Callable[[str], None]) -> Counter:
    """The documented JSON report (README, "lineage check"), one disclosure at a time; returns counts by severity.

    Validity and counts come first in the report but are known only at the end,
    so the disclosures are spooled to a temporary file (memory stays flat) and
    copied after them. The text is what json.dumps(report, indent=2) gives.
    """
    counts: Counter = Counter()
    with tempfile.TemporaryFile("w+", encoding="utf-8") as spool:
        n = 0
        for n, c in enumerate(results, 1):
            counts.update(f.severity for f in c.findings)
            entry = {
                "id": c.id, "unit_name": c.unit_name, "year": c.year, "file": c.file,
                "valid": not any(f.severity == "error" for f in c.findings),
                "findings": [finding_json(f) for f in c.findings],
            }
            spool.write((",\n" if n > 1 else "\n") + textwrap.indent(dumps(entry), "    "))
        head = {"valid": counts["error"] == 0, "counts": {s: counts[s] for s in SEVERITIES}}
        write(dumps(head)[:-2] + ',\n  "disclosures": [')
        spool.seek(0)
        for chunk in iter(lambda: spool.read(1 << 16), ""):
            write(chunk)
        write("\n  ]\n}\n" if n else "]\n}\n")
    return counts


def write_csv(results: Iterable[Checked], write: Callable[[str], None]) -> Counter:
    """One CSV line per finding; returns counts by severity."""
    counts: Counter = Counter()
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["disclosure", "code", "severity", "message", "unit", "expected", "found", "file", "lines"])
    for c in results:
        for f in c.findings:
            counts[f.severity] += 1
            w.writerow([
                c.id, f.code, f.severity, f.message, f.unit or "",
                printed(f.expected) if f.expected is not None else f.expected_label or "",
                printed(f.found) if f.found is not None else f.found_label or "",
                c.file, " ".join(str(e.line) for e in f.evidence),
            ])
        write(buf.getvalue())
        buf.seek(0)
        buf.truncate()
    write(buf.getvalue())
    return counts


def write_text(results: Iterable[Checked], write: Callable[[str], None], min_severity: str = "info",
               colour: bool = False) -> Counter:
    """For people: per disclosure a heading, then code, severity, lines and message per finding; returns counts.

    Columns are padded by character count (code, severity and lines are ASCII);
    the message comes last and is never measured, so thousands of findings
    print as fast as they are read.
    """
    style = click.style if colour else (lambda text, **_: text)
    shown_levels = SEVERITIES[: SEVERITIES.index(min_severity) + 1]
    counts: Counter = Counter()
    for n, c in enumerate(results):
        severities = Counter(f.severity for f in c.findings)
        counts.update(severities)
        out = ["\n" if n else ""]
        errors, warnings = f"{severities['error']} errors", f"{severities['warning']} warnings"
        out.append(f"{style(c.unit_name, bold=True)} {c.year} {style(c.file, dim=True)}  "
                   f"{style(errors, fg='red')}, {style(warnings, fg='yellow')}\n")
        shown = [f for f in c.findings if f.severity in shown_levels]
        if shown:
            lines = [",".join(_where(e) for e in f.evidence[:6]) + ("…" if len(f.evidence) > 6 else "") for f in shown]
            width = max(5, *(len(x) for x in lines))
            out.append(style(f"{'code':<5} {'sev':<7} {'lines':<{width}} message", bold=True) + "\n")
            for f, where in zip(shown, lines):
                out.append(f"{f.code:<5} {style(f'{f.severity:<7}', **STYLES[f.severity])} {where:<{width}} {f.message}\n")
        write("".join(out))
    return counts
