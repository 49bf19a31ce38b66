"""Where an amount is printed: every table cell and explanation-text figure of that amount, with its line.

The embedded counterpart of cypher/amount_to_source.cypher: a reader holding
a figure (from a report, a finding, a newspaper) finds the rows that print it,
without a server. Amounts compare as numbers ("1,220.75" = 1220.75 = 1220.750),
never approximately.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Iterable, Optional

from lineage.checks.finding import Finding
from lineage.model import Disclosure
from lineage.vocab import KIND_LABELS


@dataclass
class Hit:
    disclosure: str
    file: str
    line: int
    where: str  # table number and title, or 说明 for the explanation text
    columns: list[str]  # the columns printing it ("?" when the layout lost which), or the claim's subject
    printed: str  # the row or sentence as read
    ambiguous: bool = False  # the column is one candidate among several
    findings: list[str] = field(default_factory=list)  # "BL02 warning: …" citing this line
    page: Optional[int] = None  # the PDF page of the line; None for text files


def where_printed(stored: Iterable[tuple[Disclosure, list[Finding]]], amount: Decimal, unit: Optional[str] = None) -> list[Hit]:
    """Every place `amount` is printed, in disclosures whose id or unit name contains `unit`."""
    hits: list[Hit] = []
    for d, findings in stored:
        if unit and unit not in d.id and unit not in d.unit_name:
            continue
        cited = _cited(findings)
        file = Path(d.source.path).name
        for t in d.tables:
            where = f"表{t.number or ''} {t.title}".strip() if t.title else KIND_LABELS.get(t.kind, t.kind)
            for r in t.rows:
                columns = _columns_printing(r.values, r.candidates, amount) if r.ambiguous else [
                    c for c, v in r.values.items() if v == amount]
                if columns:
                    printed = " ".join(filter(None, [r.code_printed, r.name, " ".join(r.printed)]))
                    hits.append(Hit(d.id, file, r.line, where, columns, printed, r.ambiguous, cited.get(r.line, []), r.page))
        for c in d.claims:
            if c.value == amount and c.unit == d.amount_unit:
                hits.append(Hit(d.id, file, c.line, "说明", [c.subject_label or c.subject], c.text, False,
                                cited.get(c.line, []), c.page))
    return sorted(hits, key=lambda h: (h.disclosure, h.line, h.where))


def _columns_printing(values: dict, candidates: list[dict], amount: Decimal) -> list[str]:
    """An ambiguous row: the one column all candidates agree on, else '?' when the amount is printed at all."""
    agreed = [c for c, v in values.items() if v == amount]
    if agreed:
        return agreed
    return ["?"] if any(v == amount for cand in candidates for v in cand.values()) else []


def _cited(findings: list[Finding]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for f in findings:
        for line in {e.line for e in f.evidence}:
            out.setdefault(line, []).append(f"{f.code} {f.severity}: {f.message}")
    return out
