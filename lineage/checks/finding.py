"""Findings are data first: code, severity, expected/found with unit, subjects, evidence.

The message is rendered from the fields, so a program can use the fields and
a person the sentence. `pairs()` flattens a report to (code, line) pairs,
which makes "what must be reported / what must stay quiet" tests one-liners.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal, Optional

from pydantic import BaseModel, Field

from lineage.model import Provenance

Severity = Literal["error", "warning", "info"]


class Subject(BaseModel):
    code: Optional[str] = None
    name: str = ""


class Finding(BaseModel):
    code: str  # rule id, e.g. BL01
    rule: str  # dotted rule name, e.g. balances.table_total
    severity: Severity
    message: str
    disclosure: str  # disclosure id
    unit: Optional[str] = None  # 万元 / 元 / % / 个 — the unit of expected and found
    expected: Optional[Decimal] = None
    found: Optional[Decimal] = None
    # What is expected and found when it is not an amount: a name, a 目录 line, a list of 类.
    expected_label: Optional[str] = None
    found_label: Optional[str] = None
    subjects: list[Subject] = Field(default_factory=list)
    evidence: list[Provenance] = Field(default_factory=list)

    @property
    def lines(self) -> list[int]:
        return [e.line for e in self.evidence]


def pairs(findings: list[Finding]) -> set[tuple[str, int]]:
    """(code, line) for every evidence line of every finding."""
    return {(f.code, e.line) for f in findings for e in f.evidence}
