"""What the rules walk over: each table and performance target once.

A document may print a table twice (000 prints its 绩效目标表 from line 776
and again from line 1307). The parser marks the later copy `duplicate_of`;
TB02 reports it, and every other rule walks the first copy only, so nothing
is counted twice.
"""

from __future__ import annotations

from typing import Iterator, Optional

from lineage.model import Disclosure, PerformanceTable, Provenance, ProjectTarget, Table


def tables(d: Disclosure) -> list[Table]:
    """The disclosure's tables without the second copies."""
    return [t for t in d.tables if t.duplicate_of is None]


def performance_tables(d: Disclosure, kind: Optional[str] = None) -> list[PerformanceTable]:
    """The performance tables (of one kind, when given) without the second copies."""
    return [pt for pt in d.performance.tables if pt.duplicate_of is None and kind in (None, pt.kind)]


def targets(d: Disclosure) -> Iterator[tuple[PerformanceTable, ProjectTarget]]:
    """Every project target with the table it is printed in."""
    for pt in performance_tables(d):
        for p in pt.projects:
            yield pt, p


def target_evidence(d: Disclosure, pt: PerformanceTable, p: ProjectTarget) -> Provenance:
    """Where a project target is printed: the line of its name."""
    return Provenance(file=d.source.path, table=pt.kind, line=p.line, text=p.name)
