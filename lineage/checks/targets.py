"""Performance target tables against the money: repeated blocks, table totals, department funds.

A 绩效目标表 that lists project amounts (Sichuan 项目支出绩效目标表, Chongqing 表十二
一般性项目绩效目标表) must add up to the project money the budget tables print,
and the 部门整体支出绩效目标表 states the department's whole budget.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterable, Optional

from lineage.amounts import rounding_band, same_amount
from lineage.checks.context import CheckContext
from lineage.checks.finding import Finding
from lineage.checks.narrative import claim_evidence, current_year_claims
from lineage.checks.orphans import is_basic_target
from lineage.checks.registry import Rule, register
from lineage.checks.walk import target_evidence
from lineage.model import PerformanceTable, ProjectTarget, Provenance


def signature(p: ProjectTarget) -> tuple:
    """What makes two target blocks the same block: amount and the indicators as printed
    (a row the block prints twice, as 003 line 611 repeats line 608, counts once)."""
    return (p.amount, frozenset((i.level3, i.operator, i.value, i.unit, i.weight) for i in p.indicators))


def repeats(pt: PerformanceTable) -> list[tuple[ProjectTarget, ProjectTarget]]:
    """(repeat, original) pairs: a block with the same amount and indicators as an earlier
    or later one, and no name of its own or the same name."""
    out = []
    for i, p in enumerate(pt.projects):
        if p.amount is None or not p.indicators:
            continue
        for q in pt.projects[i + 1:]:
            if signature(p) != signature(q):
                continue
            if not p.name.strip():
                out.append((p, q))
            elif not q.name.strip() or p.name == q.name:
                out.append((q, p))
    return out


def project_sum(pt: PerformanceTable, skip: Iterable[ProjectTarget] = ()) -> tuple[Decimal, int]:
    skipped = {id(p) for p in skip}
    amounts = [p.amount for p in pt.projects if p.amount is not None and id(p) not in skipped]
    return sum(amounts, Decimal(0)), len(amounts)


@register
class RepeatedTargetBlock(Rule):
    """A block of a performance table repeats another (same amount and indicators): counted twice.

    Example (003 line 601): a block with no project name, 3.56 万元 and the four
    indicators of 51340024Y000010284631-州本级体检经费（行政）(line 605). With it
    the table's projects add up to 757.28 against the printed total 753.70
    (line 446); without it to 753.72, within the rounding band. An error when
    the printed total shows the money counted twice, else a warning.
    """

    id = "DC02"
    name = "doublecount.repeated_target_block"
    template = "绩效目标表第 {line} 行「{name}」{amount}{unit} 与第 {other_line} 行「{other}」金额、指标完全相同：重复计列{totals}"

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        d = ctx.d
        for pt in ctx.performance_tables():
            pairs = repeats(pt)
            if not pairs:
                continue
            with_all, n = project_sum(pt)
            without, m = project_sum(pt, [p for p, _ in pairs])
            severity, totals, expected, found = "warning", "", None, None
            if pt.total is not None:
                expected, found = pt.total, with_all
                totals = f"（表列合计 {pt.total}，各项之和 {with_all}，去掉重复后 {without}）"
                if (abs(with_all - pt.total) > rounding_band(n, with_all, pt.total)
                        and abs(without - pt.total) <= rounding_band(m, without, pt.total)):
                    severity = "error"
            for p, q in pairs:
                yield self.finding(
                    d, line=p.line, name=p.name or "无名称", amount=p.amount, other_line=q.line, other=q.name,
                    totals=totals, expected=expected, found=found, severity=severity,  # type: ignore[arg-type]
                    evidence=[target_evidence(d, pt, p), target_evidence(d, pt, q)]
                    + ([Provenance(file=d.source.path, table=pt.kind, line=pt.line, text=f"合计 {pt.total}")] if pt.total is not None else []),
                )


def project_readings(ctx: CheckContext) -> list[tuple[Decimal, str]]:
    """The project money a target table may list, each with how the tables state it."""
    f = ctx.facts

    def first(key: str) -> Optional[Decimal]:
        found = f.get(key)
        return found[0].value if found else None

    out: list[tuple[Decimal, str]] = []
    for key, label in (("gp_project", "一般公共预算项目支出"), ("project", "项目支出（全部资金）"), ("fund_project", "政府性基金项目支出")):
        for fact in f.get(key):
            out.append((fact.value, f"{label}（{fact.label}）"))
    gp, fund, allp, carry = first("gp_project"), first("fund_project"), first("project"), first("gp_carryover")
    if gp is not None and fund:
        out.append((gp + fund, "一般公共预算与政府性基金项目支出之和"))
    if carry:
        for v, label in ((allp, "项目支出（全部资金）"), (gp, "一般公共预算项目支出")):
            if v is not None and v > carry:
                out.append((v - carry, f"{label}不含上年结转 {carry}"))
    for c in current_year_claims(ctx.d, "amount"):
        if c.subject in ("performance_projects", "performance_projects.specific") and c.unit == ctx.d.amount_unit:
            out.append((c.value, f"说明第 {c.line} 行所述绩效项目金额"))
    return out


def total_readings(ctx: CheckContext) -> list[tuple[Decimal, str]]:
    return [(fact.value, f"支出总额（{fact.label}）") for key in ("expenditure_total", "fiscal_total", "gp_total") for fact in ctx.facts.get(key)]


@register
class TargetTableAmounts(Rule):
    """A table listing project amounts does not add up to the project money of the budget tables.

    Example (004 表十二, lines 301–325): 服务创新驱动发展 364.00 + 提升科协系统能力
    479.62 + 服务科技工作者 1,737.20 + 服务公民科学素质提升 5,440.18 + 服务科学决策
    咨询 146.00 = 8,167.00, while 表二 prints 项目支出 7,247.00 (line 93), 表八
    8,395.47 (line 225) and the text says 7,247 万元 (line 45). The projects are
    tried against the 一般公共预算, all-funds and 政府性基金 project columns (with
    and without 上年结转: 000's targets add up to 756.01 − 285.31 = 470.70), the
    text's figure, and — when the table also lists 人员类/运转类 targets — the
    budget totals. A printed table total must equal its projects within the
    rounding band. Sums of printed amounts: within the band it agrees.
    """

    id = "XT02"
    name = "crosstable.target_table_amounts"
    template = "{table}所列项目金额之和 {found}{unit}，{what}"

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        d = ctx.d
        for pt in ctx.performance_tables():
            if not pt.projects or pt.cards or pt.selection:  # the projects chosen, no list of them all
                continue
            skip = [p for p, _ in repeats(pt)]
            s_all, n = project_sum(pt, skip)
            if not n:
                continue
            skipped = {id(p) for p in skip}
            projects = [p for p in pt.projects if id(p) not in skipped and p.amount is not None]
            s_proj = sum((p.amount for p in projects if not is_basic_target(p)), Decimal(0))  # type: ignore[misc]
            label = f"绩效目标表（第 {pt.line} 行）"
            proof = [target_evidence(d, pt, p) for p in projects]
            if pt.total is not None and not skip:
                f = self.sum_finding(
                    d, expected=pt.total, found=s_all, n_parts=n, table=label,
                    what=f"与表列合计 {pt.total}{d.amount_unit} 不符", evidence=proof,
                )
                if f:
                    yield f
                    continue
            readings = project_readings(ctx)
            if not readings:
                continue
            candidates = [(s_proj, readings), (s_all, readings + total_readings(ctx))]
            if any(abs(s - v) <= rounding_band(n, s, v) for s, rs in candidates for v, _ in rs):
                continue
            tried = "；".join(f"{what} {v}" for v, what in readings[:6])
            yield self.finding(
                d, expected=readings[0][0], found=s_all, table=label, what=f"与项目支出不符（已比较：{tried}）",
                evidence=proof,
            )


@register
class DepartmentTarget(Rule):
    """The 部门整体支出绩效目标表 states funds other than the department's budget or the text's.

    Example (003 line 627): 年度部门整体支出预算 资金总额 300.569 万元, while the
    department's budget is 753.70 (收支总表 line 115, 财政拨款 753.70); and 002
    line 163 says the 部门整体 target covers "一般公共预算 150 万元" while its
    own 部门整体支出绩效目标表 states 350.22 (line 486). The funds are tried as
    the all-funds, 财政拨款 and 一般公共预算 totals, within the coarser printed
    precision (`same_amount`): a table printed in 元 (001 line 987: 3671205.44 元)
    agrees with the tables' 367.12 万元, one in 万元 (西安 表15: 2838.42) with
    tables in 元 (28384234.71).
    """

    id = "NR07"
    name = "narrative.department_target"
    template = "部门整体支出绩效目标{where} {found}{unit}，{against} {expected}{unit}"

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        d = ctx.d
        dep = d.performance.department
        totals = total_readings(ctx) + [(fact.value, f"收入总额（{fact.label}）") for fact in ctx.facts.get("income_total")]
        dep_evidence = []
        if dep and dep.total is not None:
            dep_evidence = [Provenance(file=d.source.path, table="department_performance", line=dep.line, text=f"资金总额 {dep.total}")]
            total = in_table_unit(dep.total, dep.split_unit, d.amount_unit)
            unit = dep.split_unit or d.amount_unit
            if totals and not any(same_amount(dep.total, unit, v, d.amount_unit) for v, _ in totals):
                value, what = totals[0]
                yield self.finding(
                    d, where="表资金总额", found=total, expected=value, against=what,
                    evidence=dep_evidence + ctx.facts.get(_key_of(ctx, value))[0].evidence,
                )
        for c in current_year_claims(d, "amount"):
            if c.subject != "performance_departments" or c.unit != d.amount_unit:
                continue
            readings = ([(in_table_unit(dep.total, dep.split_unit, d.amount_unit), "部门整体支出绩效目标表资金总额")]
                        if dep and dep.total is not None else []) + totals
            if readings and all(v != c.value for v, _ in readings):
                value, what = readings[0]
                yield self.finding(
                    d, where=f"（说明第 {c.line} 行）", found=c.value, expected=value, against=what,
                    evidence=[claim_evidence(d, c)] + dep_evidence,
                )


def _key_of(ctx: CheckContext, value: Decimal) -> str:
    for key in ("expenditure_total", "fiscal_total", "gp_total", "income_total"):
        if any(f.value == value for f in ctx.facts.get(key)):
            return key
    return "expenditure_total"


def in_table_unit(amount: Decimal, unit: Optional[str], table_unit: str) -> Decimal:
    """An amount printed in 元 expressed in 万元 to 0.01, as the money tables print it; one in 万元
    expressed in 元.

    >>> in_table_unit(Decimal("3671205.44"), "元", "万元"), in_table_unit(Decimal("2838.42"), "万元", "元")
    (Decimal('367.12'), Decimal('28384200.00'))
    """
    if unit == "元" and table_unit == "万元":
        from lineage.checks.narrative import round_to

        return round_to(amount / 10000, Decimal("0.01"))
    if unit == "万元" and table_unit == "元":
        return amount * 10000
    return amount
