"""LB: labels — the same code printed with two names inside one disclosure."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Iterable

from lineage.checks.finding import Finding, Subject
from lineage.checks.registry import Rule, register
from lineage.checks.walk import tables
from lineage.tableview import evidence, item_rows
from lineage.model import Disclosure


def name_key(name: str) -> str:
    return re.sub(r"[\s()（）]", "", name)


@register
class CodeTwoNames(Rule):
    """One classification code printed with two different names in the same disclosure.

    Example (003): 2060704 is "学术交流活动" in 支出总表 (line 147) but "学术交流活动的"
    in 一般公共预算支出预算表 (line 272). Names are compared without spaces and
    bracket width; project tables (whose rows are projects) are skipped.
    """

    id = "LB02"
    name = "labels.code_two_names"
    severity = "warning"
    template = "科目 {code} 名称不一致：{names}"

    def check(self, d: Disclosure) -> Iterable[Finding]:
        seen: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        for t in tables(d):
            if t.kind == "gp_projects":
                continue
            for r in item_rows(t):
                # Only full codes name one subject: "301 02" rows of 2-1 list items under one 款.
                if r.code and r.name and not (t.kind == "fiscal_by_economic" and len(r.code) <= 5):
                    seen[r.code][name_key(r.name)].append((t, r))
        for code, names in sorted(seen.items()):
            if len(names) > 1:
                rows = [pair for pairs in names.values() for pair in pairs]
                yield self.finding(
                    d, code=code, names=" / ".join(sorted(pairs[0][1].name for pairs in names.values())), unit="",
                    subjects=[Subject(code=code, name=n) for n in names],
                    evidence=[e for t, r in rows for e in evidence(d, t, [r])],
                )
