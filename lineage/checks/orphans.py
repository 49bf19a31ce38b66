"""OR: money or targets that lead nowhere — projects without targets and the reverse.

A target is an orphan only when no table of the document lists it: the
project table by name (or by a renamed name with the same amount), the
政府性基金 table by amount, the basic-expenditure running costs (人员类 and
运转类 targets: codes with R or Y after the unit code, names such as
定额公用经费), and the projects other funds pay for (when the targets the
一般公共预算 tables do not list add up to exactly the projects of other funds).
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal
from difflib import SequenceMatcher
from typing import Iterable, Optional

from lineage.checks.context import CheckContext
from lineage.checks.finding import Finding, Subject
from lineage.checks.registry import Rule, register
from lineage.checks.walk import target_evidence
from lineage.tableview import evidence, item_rows, project_key
from lineage.model import PerformanceTable, ProjectTarget, Provenance, Row, Table

# Words that make a target a running cost of 基本支出 (人员类/运转类), not a 项目支出 project.
BASIC_WORDS = (
    "公用经费", "运行维护费", "工资", "离退休", "离休", "退休", "体检", "工会经费", "福利费", "人员经费",
    "社会保障缴费", "住房公积金", "养老保险", "医疗保险", "目标绩效", "人员类", "运转",
)


def project_rows(t: Table) -> list[Row]:
    """The projects of a 项目支出表: its coded item rows.

    An uncoded item row there is a heading above its projects (科普活动), not
    a project.
    """
    return [r for r in item_rows(t) if r.code]


def is_basic_target(p: ProjectTarget) -> bool:
    """A 人员类/运转类 target: an R/Y code after the unit code, or a running-cost name.

    >>> is_basic_target(ProjectTarget(line=1, name="定额公用经费（行政）"))
    True
    >>> is_basic_target(ProjectTarget(line=1, name="x", code="51340024R000010184587"))
    True
    """
    if p.code and re.match(r"^\d{8}[RY]", p.code):
        return True
    return any(w in p.name for w in BASIC_WORDS)


def name_key(name: str) -> str:
    """project_key without a leading year: 2023年科普专项 and 科普专项经费 share 科普专项."""
    return re.sub(r"^20\d\d年度?", "", project_key(name))


def similar(a: str, b: str) -> bool:
    """Two project names that are the same project named differently.

    >>> similar("学术交流活动业务经费", "51340022T000000278902-学术交流业务经费")
    True
    >>> similar("2023年科普专项", "科普专项经费")
    True
    >>> similar("科普宣传活动业务经费", "学术交流活动业务经费")
    False
    """
    ka, kb = name_key(a), name_key(b)
    if not ka or not kb:
        return False
    if min(len(ka), len(kb)) >= 4 and (ka in kb or kb in ka):
        return True
    return SequenceMatcher(None, ka, kb).ratio() >= 0.85


def row_amount(r: Row) -> Optional[Decimal]:
    return r.values.get("金额", next(iter(r.values.values()), None))


class Matching:
    """Projects of the 项目支出表 paired with targets: by name, then renamed with equal amounts."""

    def __init__(self, ctx: CheckContext):
        t = ctx.d.table("gp_projects")
        self.table = t
        self.rows = project_rows(t) if t is not None else []
        self.targets = list(ctx.targets())
        by_key = {project_key(p.name) for _, p in self.targets}
        row_keys = {project_key(r.name) for r in self.rows}
        self.unmatched_rows = [r for r in self.rows if project_key(r.name) not in by_key]
        self.unmatched_targets = [(pt, p) for pt, p in self.targets if project_key(p.name) not in row_keys]
        self.renamed: list[tuple[Row, PerformanceTable, ProjectTarget]] = []
        for r in list(self.unmatched_rows):
            pair = next(
                ((pt, p) for pt, p in self.unmatched_targets
                 if p.amount is not None and p.amount == row_amount(r) and similar(r.name, p.name)),
                None,
            )
            if pair:
                self.renamed.append((r, *pair))
                self.unmatched_rows.remove(r)
                self.unmatched_targets.remove(pair)


def first_fact(ctx: CheckContext, key: str) -> Optional[Decimal]:
    found = ctx.facts.get(key)
    return found[0].value if found else None


@register
class ProjectWithoutTarget(Rule):
    """A project in the 项目支出表 has no performance target.

    Example: every project of 一般公共预算项目支出预算表 should appear in the
    项目支出绩效目标表 with its indicators; one that does not spends money with
    no stated result. Names are compared without spaces and punctuation; a
    project whose target has another name but the same amount (002: 项目表
    "2023年科普专项" 150.00, line 401; 目标 "科普专项经费" 150.00, line 434) is an
    info. When the projects without target add up to exactly the table's
    上年结转安排 (000: 14 projects, 285.31, 表3 line 478), they are carried-over
    money whose targets were set in their first year: one info.
    """

    id = "OR01"
    name = "orphans.project_without_target"
    severity = "warning"
    template = "项目「{project}」（{amount}{unit}）{what}"

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        d = ctx.d
        m = Matching(ctx)
        if m.table is None or not m.targets:
            return
        for r, pt, p in m.renamed:
            yield self.finding(
                d, project=r.name, amount=row_amount(r) or "", what=f"的绩效目标名为「{p.name}」（金额相同）",
                expected_label=r.name, found_label=p.name,
                severity="info", subjects=[Subject(code=r.code, name=r.name)],
                evidence=evidence(d, m.table, [r]) + [target_evidence(d, pt, p)],
            )
        if not m.unmatched_rows:
            return
        total = sum((row_amount(r) or Decimal(0) for r in m.unmatched_rows), Decimal(0))
        carry = first_fact(ctx, "gp_carryover")
        if carry and total == carry and len(m.unmatched_rows) > 1:
            yield self.finding(
                d, project=f"{m.unmatched_rows[0].name} 等 {len(m.unmatched_rows)} 个", amount=total,
                what=f"没有绩效目标；合计恰为上年结转安排 {carry}，是以前年度结转的项目", severity="info",
                expected=carry, found=total, evidence=evidence(d, m.table, m.unmatched_rows),
            )
            return
        for r in m.unmatched_rows:
            yield self.finding(
                d, project=r.name, amount=row_amount(r) or "", what="没有绩效目标",
                expected_label="绩效目标表列出该项目", found_label="未列出",
                subjects=[Subject(code=r.code, name=r.name)], evidence=evidence(d, m.table, [r]),
            )


def fund_amounts(ctx: CheckContext) -> set[Decimal]:
    """Amounts the 政府性基金 table prints in its 项目支出 (or 合计) column."""
    t = ctx.d.table("fund_by_function")
    if t is None:
        return set()
    return {r.values[c] for r in t.rows for c in ("项目支出", "合计") if c in r.values and r.values[c]}


@register
class TargetWithoutProject(Rule):
    """A performance target names a project no table of the document lists.

    Example: a 绩效目标表 project that is not in 一般公共预算项目支出预算表 either
    is funded from elsewhere (then the tables should show it) or is not funded.
    Not orphans: 人员类/运转类 targets of 基本支出 (003 line 508:
    51340024R000010184587-州本级工资支出（行政）; 001 line 1250: 定额公用经费（行政）),
    a target whose amount the 政府性基金 table prints (001 line 1365:
    2024年科普专项工作经费 134.00 = 表4 line 915), and targets that add up to
    exactly the projects other funds pay for (000: four targets, 211.70 =
    支出总表 项目支出 756.01 − 项目支出表 544.31), reported as one info.
    """

    id = "OR02"
    name = "orphans.target_without_project"
    severity = "warning"
    template = "绩效目标中的项目「{project}」（{amount}{unit}）{what}"

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        d = ctx.d
        m = Matching(ctx)
        if m.table is None:
            return
        funds = fund_amounts(ctx)
        left = [
            (pt, p) for pt, p in m.unmatched_targets
            if p.name.strip() and not is_basic_target(p) and not (p.amount is not None and p.amount in funds)
        ]
        if not left:
            return
        total = sum((p.amount or Decimal(0) for _, p in left), Decimal(0))
        all_funds, gp = first_fact(ctx, "project"), first_fact(ctx, "gp_project")
        listed = sum((row_amount(r) or Decimal(0) for r in m.rows), Decimal(0))
        other = (all_funds - (listed or gp or Decimal(0)) - (first_fact(ctx, "fund_project") or Decimal(0))) if all_funds else None
        if other and total == other:
            yield self.finding(
                d, project=f"{left[0][1].name} 等 {len(left)} 个", amount=total, severity="info",
                what=f"不在一般公共预算项目支出表中；合计恰为其他资金安排的项目支出（{all_funds} − {listed}）",
                expected=other, found=total, evidence=[target_evidence(d, pt, p) for pt, p in left],
            )
            return
        for pt, p in left:
            yield self.finding(
                d, project=p.name, amount=p.amount if p.amount is not None else "", what="不在项目支出表中",
                expected_label="项目支出表或政府性基金表列出该项目", found_label="未列出",
                subjects=[Subject(code=p.code, name=p.name)], evidence=[target_evidence(d, pt, p)],
            )


@register
class WeightsNotHundred(Rule):
    """A project's indicator weights do not add up to 100.

    Example (003 line 597): 州本级退休人员公用经费（事业退休） weighs 20 + 30 + 20 +
    20 = 90. When every target of a table weighs the same other total (all of
    001's and 003's targets sum to 90: the template keeps 10 points for 预算执行率),
    it is the template's habit: one info for the table with the count. A
    target that differs from both 100 and its table's habit is a warning. Only
    targets whose indicators all print a weight are summed.

    Templates that print one card per project (西安, 国家信访局: a table of one
    target each) show their habit across the cards: the cards of a kind are
    judged together, so ten cards weighing 90 are one info, and one card weighing
    80 among them is a warning rather than a habit of its own.
    """

    id = "OR03"
    name = "orphans.weights"
    severity = "warning"
    template = "{subject}指标权重合计 {found}，应为 100{note}"

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        d = ctx.d
        groups: dict[object, list[tuple[PerformanceTable, ProjectTarget, Decimal]]] = {}
        for pt in ctx.performance_tables():
            key = pt.line if len(pt.projects) > 1 else ("cards", pt.kind)
            for p in pt.projects:
                weights = [i.weight for i in p.indicators]
                if weights and all(w is not None for w in weights):
                    groups.setdefault(key, []).append((pt, p, sum(weights, Decimal(0))))  # type: ignore[arg-type]
        for totals in groups.values():
            habit, n = Counter(t for *_, t in totals).most_common(1)[0]
            usual = habit != 100 and n * 2 > len(totals)
            if usual:
                same = [(pt, p) for pt, p, t in totals if t == habit]
                tables = sorted({pt.line for pt, _ in same})
                where = f"第 {tables[0]} 行" if len(tables) == 1 else f"第 {tables[0]} 行起 {len(tables)} 张"
                yield self.finding(
                    d, expected=Decimal(100), found=habit, unit="", severity="info",
                    subject=f"绩效目标表（{where}）{len(same)}/{len(totals)} 个项目",
                    note="：模板惯例（如预留 10 分给预算执行率），合并为一条",
                    evidence=[target_evidence(d, pt, p) for pt, p in same],
                )
            for pt, p, t in totals:
                if t != 100 and not (usual and t == habit):
                    yield self.finding(
                        d, expected=Decimal(100), found=t, unit="", subject=f"项目「{p.name}」", note="",
                        evidence=[target_evidence(d, pt, p)],
                    )


@register
class UnattributedIndicators(Rule):
    """Indicators the text does not tie to a project (a reader note, not a finding about the document).

    Example: 000's flattened 绩效目标表 prints indicator lines apart from the
    project blocks, so some cannot be attributed from the text alone. One
    info per table. Where the print narrows an indicator down to a few
    projects (000: the five or eight of its page) they are its candidates,
    said in the message and drawn in the graph as MAY_MEASURE (resolved
    false); the indicator stays unattributed all the same.
    """

    id = "OR04"
    name = "orphans.unattributed_indicators"
    severity = "info"
    template = "{count} 个绩效指标无法对应到项目{open}"

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        d = ctx.d
        for pt in ctx.performance_tables():
            if pt.unattributed:
                narrowed = sum(1 for i in pt.unattributed if len(i.candidates) > 1)
                yield self.finding(
                    d, count=len(pt.unattributed), unit="",
                    open=f"（其中 {narrowed} 个在几个候选项目之间未定）" if narrowed else "",
                    # each indicator's line says what the text does tell (its group, the projects it may belong to)
                    evidence=[Provenance(file=d.source.path, table=pt.kind, line=i.line,
                                         text=f"{i.level3}：{i.note}" if i.note else i.level3) for i in pt.unattributed],
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

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        d = ctx.d
        t = d.table("gp_projects")
        if t is None:
            return
        rows: dict[str, list[Row]] = {}
        for r in project_rows(t):
            if "金额" in r.values:
                rows.setdefault(project_key(r.name), []).append(r)
        for pt, p in ctx.targets():
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
