"""What loading or checking one disclosure yields, in the small form that crosses processes and feeds reports.

A national corpus is tens of thousands of disclosures: the commands keep one
of these per disclosure (a few hundred bytes), never the parsed documents.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import NamedTuple, Optional

from lineage.checks.finding import Finding
from lineage.model import Disclosure


@dataclass(frozen=True)
class Summary:
    """A disclosure in one line: who, which file, what was read, findings by severity (the store's summary columns)."""

    id: str
    unit_name: str
    unit_code: Optional[str]
    year: Optional[int]
    kind: str
    amount_unit: str
    path: str
    sha256: str
    tables: int
    total: Optional[str]  # 支出合计 as printed (部门支出总表's total row), in amount_unit
    errors: int
    warnings: int
    infos: int

    @classmethod
    def of(cls, d: Disclosure, findings: list[Finding]) -> "Summary":
        return cls(*summary_values(d, findings))

    def line(self) -> str:
        """`lineage load`'s line for this disclosure."""
        return (f"{self.unit_name} {self.year} {self.kind}: {self.tables} tables"
                + (f", 支出合计 {self.total} {self.amount_unit}" if self.total is not None else "")
                + f", {self.errors} errors, {self.warnings + self.infos} other findings")


def summary_values(d: Disclosure, findings: list[Finding]) -> tuple:
    """Summary's fields, in order."""
    severities = Counter(f.severity for f in findings)
    total = next((r.values.get("合计") for t in d.tables if t.kind == "expenditure_summary"
                  for r in t.rows if r.role == "total"), None)
    return (d.id, d.unit_name, d.unit_code, d.year, d.kind, d.amount_unit, d.source.path, d.source.sha256,
            len(d.tables), str(total) if total is not None else None,
            severities["error"], severities["warning"], severities["info"])


class Checked(NamedTuple):
    """One disclosure's findings as the check reports show them."""

    id: str
    unit_name: str
    year: Optional[int]
    file: str
    findings: list[Finding]

    @classmethod
    def of(cls, d: Disclosure, findings: list[Finding]) -> "Checked":
        return cls(d.id, d.unit_name, d.year, d.source.path, findings)
