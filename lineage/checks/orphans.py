"""OR: money or targets that lead nowhere — projects without targets and the reverse."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterable

from lineage.checks.finding import Finding, Subject
from lineage.checks.registry import Rule, register
from lineage.checks.walk import performance_tables, target_evidence, targets
from lineage.tableview import evidence, item_rows, project_key
from lineage.model import Disclosure, Provenance, Row, Table


def project_rows(t: Table) -> list[Row]:
    """The projects of a 项目支出表: its coded item rows.

    An uncoded item row there is a heading above its projects (科普活动), not
    a project.
    """
    return [r for r in item_rows(t) if r.code]


@register
class ProjectWithoutTarget(Rule):
    """A project in the 项目支出表 has no performance target.

    Example: every project of 一般公共预算项目支出预算表 should appear in the
    项目支出绩效目标表 with its indicators; one that does not spends money with
    no stated result. Names are compared without spaces and punctuation.
    """

    id = "OR01"
    name = "orphans.project_without_target"
    severity = "warning"
    template = "项目「{project}」（{amount}{unit}）没有绩效目标"

    def check(self, d: Disclosure) -> Iterable[Finding]:
        t = d.table("gp_projects")
        keys = {project_key(p.name) for _, p in targets(d)}
        if t is None or not keys:
            return
        for r in project_rows(t):
            if project_key(r.name) not in keys:
                amount = next(iter(r.values.values()), None)
                yield self.finding(
                    d, project=r.name, amount=amount if amount is not None else "", subjects=[Subject(code=r.code, name=r.name)],
                    evidence=evidence(d, t, [r]),
                )


@register
class TargetWithoutProject(Rule):
    """A performance target names a project no money table lists.

    Example: a 绩效目标表 project that is not in 一般公共预算项目支出预算表 either
    is funded from elsewhere (then the tables should show it) or is not funded.
    Personnel (人员类) and operating (运转类) targets belong to 基本支出 and are
    not expected in the project table: their codes carry R or Y after the
    eight-digit unit code (003 line 508: 51340024R000010184587-州本级工资支出
    （行政）) and they are skipped.
    """

    id = "OR02"
    name = "orphans.target_without_project"
    severity = "warning"
    template = "绩效目标中的项目「{project}」（{amount}{unit}）不在项目支出表中"

    def check(self, d: Disclosure) -> Iterable[Finding]:
        t = d.table("gp_projects")
        if t is None:
            return
        keys = {project_key(r.name) for r in project_rows(t)}
        for pt, p in targets(d):
            if p.code and re.match(r"^\d{8}[RY]", p.code):
                continue  # personnel/operating targets belong to 基本支出
            if project_key(p.name) not in keys:
                yield self.finding(
                    d, project=p.name, amount=p.amount if p.amount is not None else "",
                    subjects=[Subject(code=p.code, name=p.name)], evidence=[target_evidence(d, pt, p)],
                )


@register
class WeightsNotHundred(Rule):
    """A project's indicator weights do not add up to 100.

    Example: a project whose indicators weigh 10 + 20 + 30 + 30 = 90. Only
    projects whose indicators all print a weight are summed.
    """

    id = "OR03"
    name = "orphans.weights"
    severity = "warning"
    template = "项目「{project}」指标权重合计 {found}，应为 100"

    def check(self, d: Disclosure) -> Iterable[Finding]:
        for pt, p in targets(d):
            weights = [i.weight for i in p.indicators]
            if not weights or any(w is None for w in weights):
                continue
            total = sum(weights, Decimal(0))  # type: ignore[arg-type]
            if total != 100:
                yield self.finding(
                    d, expected=Decimal(100), found=total, unit="", project=p.name,
                    evidence=[target_evidence(d, pt, p)],
                )


@register
class UnattributedIndicators(Rule):
    """Indicators the text does not tie to a project (unresolved, not guessed).

    Example: 000's flattened 绩效目标表 prints indicator lines apart from the
    project blocks, so some cannot be attributed from the text alone.
    """

    id = "OR04"
    name = "orphans.unattributed_indicators"
    severity = "warning"
    template = "{count} 个绩效指标无法对应到项目"

    def check(self, d: Disclosure) -> Iterable[Finding]:
        for pt in performance_tables(d):
            if pt.unattributed:
                yield self.finding(
                    d, count=len(pt.unattributed), unit="",
                    evidence=[Provenance(file=d.source.path, table=pt.kind, line=i.line, text=i.level3) for i in pt.unattributed],
                )


@register
class TargetAmountDiffers(Rule):
    """A project's 预算数 in its performance target differs from its amount in the 项目支出表.

    Example: 001 prints 2024年老科协专项工作经费 as 56.05 in 表3-2 (line 862)
    and as 56.05 in its 绩效目标表 (line 1424) — they agree, as they must: the
    target is set for the money the project table lists. Both are printed
    amounts, so they are compared exactly. A project listed twice in the money
    table (repeated names are separate grants) is compared with the sum of its
    rows, within the rounding band.
    """

    id = "OR05"
    name = "orphans.target_amount"
    template = "项目「{project}」绩效目标预算数 {found}{unit}，项目支出表 {expected}{unit}（差 {diff}）"

    def check(self, d: Disclosure) -> Iterable[Finding]:
        t = d.table("gp_projects")
        if t is None:
            return
        rows: dict[str, list[Row]] = {}
        for r in project_rows(t):
            if "金额" in r.values:
                rows.setdefault(project_key(r.name), []).append(r)
        for pt, p in targets(d):
            money = rows.get(project_key(p.name))
            if not money or p.amount is None:
                continue
            listed = sum((r.values["金额"] for r in money), Decimal(0))
            proof = evidence(d, t, money) + [target_evidence(d, pt, p)]
            f = self.agreement_finding(
                d, expected=listed, found=p.amount, summed=len(money) > 1, n_parts=len(money),
                project=p.name, evidence=proof,
            )
            if f:
                yield f
