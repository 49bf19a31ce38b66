"""The rule registry: one small class per rule, its metadata in one place.

A rule's docstring is its documentation (summary, a real example quoted from a
disclosure, what correct looks like, the tolerance); `lineage rules` and the
README's rule reference are generated from this registry, so they cannot go
stale. Ids are never reused or renumbered.
"""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar, Iterable, Iterator, Optional

from lineage.amounts import rounding_band
from lineage.checks.finding import Finding, Severity, Subject
from lineage.model import Disclosure, Provenance

RULES: dict[str, type["Rule"]] = {}


def register(cls: type["Rule"]) -> type["Rule"]:
    if cls.id in RULES:
        raise ValueError(f"rule id {cls.id} used twice")
    RULES[cls.id] = cls
    return cls


class Rule:
    id: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity] = "error"
    tables: ClassVar[tuple[str, ...]] = ()
    template: ClassVar[str]  # Chinese message, formatted with finding fields

    def check(self, d: Disclosure) -> Iterable[Finding]:
        raise NotImplementedError

    # helpers shared by rules ------------------------------------------------
    def finding(
        self,
        d: Disclosure,
        *,
        evidence: list[Provenance],
        expected: Optional[Decimal] = None,
        found: Optional[Decimal] = None,
        unit: Optional[str] = None,
        subjects: Optional[list[Subject]] = None,
        severity: Optional[Severity] = None,
        **fields: object,
    ) -> Finding:
        """The rule's finding; `unit` defaults to the disclosure's amount unit, "" means none."""
        unit = d.amount_unit if unit is None else unit
        diff = None if expected is None or found is None else found - expected
        message = self.template.format(
            expected=_fmt(expected), found=_fmt(found), diff=_fmt(diff), unit=unit, **fields
        )
        return Finding(
            code=self.id, rule=self.name, severity=severity or self.severity, message=message,
            disclosure=d.id, unit=unit or None, expected=expected, found=found,
            subjects=subjects or [], evidence=evidence,
        )

    def sum_finding(
        self, d: Disclosure, *, expected: Decimal, found: Decimal, n_parts: int, **kw: object
    ) -> Optional[Finding]:
        """A finding when a printed total and the sum of its parts differ.

        Within the rounding band ((n + 1) half-units of the printed precision:
        × 0.005 for amounts printed to 0.01, × 0.5 for whole 元) the difference
        is a warning, beyond it an error; equal amounts give no finding.
        """
        if expected == found:
            return None
        severity: Severity = "warning" if abs(found - expected) <= rounding_band(n_parts, expected, found) else "error"
        return self.finding(d, expected=expected, found=found, severity=severity, **kw)  # type: ignore[arg-type]

    def agreement_finding(
        self, d: Disclosure, *, expected: Decimal, found: Decimal, summed: bool, n_parts: int, **kw: object
    ) -> Optional[Finding]:
        """A finding when two statements of one amount differ.

        Two printed amounts must be equal (any difference has the rule's
        severity); when either is a sum of printed amounts (`summed`), the
        rounding band of its `n_parts` applies as in `sum_finding`.
        """
        if summed:
            return self.sum_finding(d, expected=expected, found=found, n_parts=n_parts, **kw)
        if expected == found:
            return None
        return self.finding(d, expected=expected, found=found, **kw)  # type: ignore[arg-type]


def _fmt(v: Optional[Decimal]) -> str:
    return "" if v is None else format(v, "f")


def all_rules() -> list[Rule]:
    # Import the rule families so they register themselves.
    from lineage.checks import families  # noqa: F401

    return [cls() for _, cls in sorted(RULES.items())]


def run_checks(d: Disclosure, only: Optional[set[str]] = None) -> list[Finding]:
    findings: list[Finding] = []
    for rule in all_rules():
        if only and rule.id not in only:
            continue
        findings.extend(rule.check(d))
    return findings


def iter_rule_docs() -> Iterator[tuple[str, str, str, str]]:
    """(id, name, severity, docstring) for every rule, for generated docs."""
    for rule in all_rules():
        yield rule.id, rule.name, rule.severity, (type(rule).__doc__ or "").strip()
