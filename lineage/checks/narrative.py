"""NR / DC / LB: the explanation text against the tables.

A claim is compared with every quantity its words may reasonably mean (its
*definitions*): the facts of its subject in each scope the text leaves open
(a 类 named without its code may mean all funds, 财政拨款 or 一般公共预算),
the known alternative definitions of a total (财政拨款, 一般公共预算当年, all
funds; this year's money with or without 上年结转) and of 人员经费 (with or
without 对个人和家庭的补助, which many texts list apart). A claim is reported
only when none of them reconciles, and the message names what was tried.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import Iterable, Iterator, Optional

from lineage.amounts import convert, rounding_band, same_amount
from lineage.checks.context import CheckContext
from lineage.checks.facts import Fact, Facts
from lineage.checks.finding import Finding, Subject
from lineage.checks.registry import Rule, register
from lineage.model import Claim, Disclosure, Provenance

# Claim subject → fact keys that state the same quantity (first found wins).
SUBJECT_FACTS: dict[str, tuple[str, ...]] = {
    "gp_total": ("gp_current", "gp_total"),
    "gp_current": ("gp_current", "gp_total"),
    "fiscal_total": ("fiscal_total",),
}

# The text often states a quantity of a narrower scope under the same words
# (基本支出 of 一般公共预算, 上年结转 of 财政拨款): a claim agrees with the tables
# when it equals the quantity in any of these scopes.
SCOPES: dict[str, tuple[str, ...]] = {
    "basic": ("gp_basic",),
    "project": ("gp_project",),
    "income_total": ("fiscal_total",),
    "expenditure_total": ("fiscal_total",),
}

# A part listed under a named total (Claim.scope) means that total's part.
SCOPED: dict[tuple[str, str], str] = {
    ("fund_total", "basic"): "fund_basic",
    ("fund_total", "project"): "fund_project",
    ("gp_total", "basic"): "gp_basic",
    ("gp_total", "project"): "gp_project",
    # 政府采购 of 一般公共预算拨款 (重庆 "其中一般公共预算拨款政府采购594万元：政府采购货物预算2万元…"): the
    # 政府采购预算表's 一般公共预算 column, never its 合计
    ("gp_total", "procurement"): "gp.procurement",
    ("gp_total/procurement", "procurement.goods"): "gp.procurement.goods",
    ("gp_total/procurement", "procurement.works"): "gp.procurement.works",
    ("gp_total/procurement", "procurement.services"): "gp.procurement.services",
}

# The totals a text calls 收入/支出/财政拨款/一般公共预算 loosely: any of them, with
# or without the carry-over, is a reading the words allow. (key, carry-over key, label)
TOTALS: tuple[tuple[str, Optional[str], str], ...] = (
    ("income_total", "source:上年结转", "收支总额（全部资金）"),
    ("expenditure_total", "source:上年结转", "收支总额（全部资金）"),
    ("fiscal_total", "fiscal.source:上年结转", "财政拨款总额"),
    ("gp_total", "gp_carryover", "一般公共预算拨款"),
    ("gp_current", None, "一般公共预算当年拨款"),
    ("grand_total", None, "收支总计（含年初结转和结余）"),  # a 决算's 总计
)
TOTAL_SUBJECTS = {"income_total", "expenditure_total", "fiscal_total", "gp_total", "gp_current"}


@dataclass
class Definition:
    """One quantity a claim's words may mean, with where the tables state it."""

    label: str
    value: Decimal
    evidence: list[Provenance] = field(default_factory=list)
    derived: bool = False
    n_parts: int = 1
    unit: str = ""  # the unit of the table(s) stating it

    def states(self, value: Decimal, unit: str) -> bool:
        """Whether a figure of the text (in `unit`) states this quantity: equal when printed in
        the same unit, equal after rounding to the coarser precision when not (a 万元 text
        against a 元 table, Shanghai)."""
        return same_amount(value, unit, self.value, self.unit or unit)


def any_scope(facts: Facts, c: Claim) -> list[Fact]:
    """Facts of the claim's subject in every scope its words may mean.

    Empty when a table states the quantity in a column the parser could not
    determine: the claim is then unresolved, not contradicted.
    """
    subject = SCOPED.get((c.scope or "", c.subject), c.subject)
    found = list(facts_for(facts, subject))
    if not found and subject in facts.unresolved:
        return []
    for alt in SCOPES.get(subject, ()):
        found += facts.get(alt)
    found += facts.get("fiscal." + subject)
    if subject.startswith("function:"):
        # A code names the 类/款/项, not the funds: under "一般公共预算拨款支出情况" (福州) the text
        # states the 一般公共预算 figure, under 支出总表's heading all funds.
        found += [f for prefix in ("gp.", "fund.") for f in facts.get(prefix + subject) if f not in found]
        found += [f for f in class_by_name(facts, subject, c.subject_label) if f not in found]
    return found


def class_by_name(facts: Facts, subject: str, label: Optional[str]) -> list[Fact]:
    """A 类 the text names with its code ("社会保障和就业（208）支出", 002 line 77), as a two-sided
    summary prints it by name alone ("八、社会保障和就业支出 20.98", line 237): the text's own
    words tie the name to the code. Without it only the sum of the 项 rows (20.97) is compared."""
    if not label or len(subject) != len("function:") + 3:
        return []
    name = re.sub(r"[\s(（]+" + subject.split(":")[1] + r"[)）\s]*", "", label)
    return [f for prefix in ("", "fiscal.") for f in facts.get(f"{prefix}function_name:{name}")]


def definitions(facts: Facts, c: Claim) -> list[Definition]:
    """Every reading of the claim's subject the tables state (empty: nothing to compare)."""
    found = any_scope(facts, c)
    if not found:
        return []
    defs = [Definition(f"{f.label}", f.value, f.evidence, f.derived, len(f.evidence), f.unit) for f in found]
    subject = SCOPED.get((c.scope or "", c.subject), c.subject)
    if subject == "personnel":
        for f in found:
            for other in facts.get("economic:303"):
                if other.unit == f.unit:
                    defs.append(Definition(
                        f"{f.label}人员经费减对个人和家庭的补助 {other.value}", f.value - other.value,
                        f.evidence + other.evidence, True, 2, f.unit,
                    ))
    if subject in TOTAL_SUBJECTS:
        for key, carry_key, label in TOTALS:
            for f in facts.get(key):
                defs.append(Definition(f"{label}（{f.label}）", f.value, f.evidence, f.derived, len(f.evidence), f.unit))
                for carry in facts.get(carry_key) if carry_key else []:
                    if carry.value and carry.unit == f.unit:
                        defs.append(Definition(
                            f"{label}不含上年结转", f.value - carry.value, f.evidence + carry.evidence, True, 2, f.unit,
                        ))
    return defs


def tried(defs: list[Definition]) -> str:
    """The definitions a claim was compared with, for the message."""
    seen: list[str] = []
    for df in defs:
        text = f"{df.label} {df.value}"
        if text not in seen:
            seen.append(text)
    return "；".join(seen[:6])


def claim_evidence(d: Disclosure, c: Claim) -> Provenance:
    return Provenance(file=d.source.path, table=None, line=c.line, page=c.page, text=c.text[:120])


def facts_for(facts: Facts, subject: str) -> list[Fact]:
    for key in SUBJECT_FACTS.get(subject, (subject,)):
        found = facts.get(key)
        if found:
            return found
    if subject.startswith("function:"):
        code = subject.split(":", 1)[1]
        for prefix in ("function", "gp.function"):
            found = facts.get(f"{prefix}:{code}")
            if found:
                return found
    return []


def current_year_claims(d: Disclosure, kind: str) -> list[Claim]:
    return [c for c in d.claims if c.kind == kind and (c.year is None or c.year == d.year)]


def contradicted_amounts(ctx: CheckContext) -> Iterator[tuple[Claim, list[Definition]]]:
    """This year's amounts in the text that no reading of their subject in the tables gives.

    Each comes with the definitions it was compared with (the first is the
    tables' own statement of the subject). A figure in 万元 is set against a
    table in 元 by rounding the table's amount to the figure's printed
    precision (lineage.amounts.same_amount): Shanghai prints its tables in 元
    and its text in 万元.
    """
    d = ctx.d
    for c in current_year_claims(d, "amount"):
        if c.unit not in ("万元", "元"):
            continue
        defs = definitions(ctx.facts, c)
        if defs and not any(df.states(c.value, c.unit) for df in defs):
            yield c, defs


def doubled(c: Claim, defs: list[Definition]) -> Optional[Definition]:
    """The definition the claim is exactly twice of, if any (in the same unit)."""
    return next((df for df in defs if df.value and (df.unit or c.unit) == c.unit and df.value * 2 == c.value), None)


@register
class ClaimedAmount(Rule):
    """An amount stated in the explanation text differs from every reading of the tables.

    Example (003 line 671): "卫生健康支出 23.49 万元" agrees with 财政拨款收支预算总表
    (line 180); a text saying 25.49 there would be reported. Before reporting,
    the known alternative definitions are tried: 002 line 105 says "人员经费
    168.74 万元" while 一般公共预算基本支出预算表 prints 人员经费 185.04 (line 354)
    — but the text lists 对个人和家庭的补助 16.30 apart (line 109) and
    185.04 − 16.30 = 168.74, so nothing is reported. Totals are tried as all
    funds, 财政拨款 and 一般公共预算当年, with and without 上年结转. Compared
    exactly (the text may drop trailing zeros: "0.2万元" = 0.20); against a sum
    of printed amounts, within the rounding band it is a warning. A 类 named
    without its code is only an info (the text does not say which funds), and
    so is a figure whose sentence states the same subject again with a figure
    that agrees (the words name two quantities). An amount exactly twice the
    tables' is left to DC01, which names the cause.
    """

    id = "NR01"
    name = "narrative.amount"
    template = "说明第 {line} 行「{label}」{printed}，{table} 为 {expected}{unit}（差 {diff}；已比较：{tried}）"

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        d = ctx.d
        for c, defs in contradicted_amounts(ctx):
            if doubled(c, defs):
                continue  # reported by DC01, which names the cause
            ref = defs[0]
            severity = None
            if ref.derived and abs(ref.value - c.value) <= rounding_band(ref.n_parts, ref.value, c.value):
                severity = "warning"
            elif c.subject.startswith("function_name:"):
                # A 类 named without its code: the text does not say which scope
                # (all funds, 财政拨款, 一般公共预算当年) it means — unresolved, not an error.
                severity = "info"
            elif any(o is not c and o.kind == "amount" and o.subject == c.subject and o.year == c.year
                     and (o.text == c.text or abs(o.line - c.line) <= 3)
                     and any(df.states(o.value, o.unit) for df in defs) for o in d.claims):
                # The same sentence states the subject again, and that figure agrees: this one names
                # another quantity in the same words (Shanghai 司法局 2026 line 83: "一般公共预算拨款支出
                # 预算9628.22万元 … 政府性基金拨款支出预算0万元") — the reading is unsure, not the document.
                # Or the next sentence restates it differently (司法局 lines 112–113: "住房公积金(01项)208.8万元
                # … 2026年预算安排201.50万元"): the text contradicts itself, which NR09 reports; the tables
                # agree with the text's headline.
                severity = "info"
            unit = ref.unit or c.unit
            yield self.finding(
                d, expected=ref.value, found=convert(c.value, c.unit, unit), unit=unit, line=c.line,
                label=c.subject_label or c.subject, printed=f"{c.value}{c.unit}",
                table=ref.label, tried=tried(defs), subjects=[Subject(name=c.subject_label or c.subject)],
                evidence=[claim_evidence(d, c)] + ref.evidence, severity=severity,
            )


@register
class ClaimCountsTwice(Rule):
    """A total in the text is exactly twice what the tables show: money counted twice.

    Example (001 line 201): 财政拨款收支预算总数 734.24 万元 = 2 × 367.12, the
    total of 财政拨款收支预算总表 — income and expenditure added together.
    Only when no reading of the subject gives the stated amount.
    """

    id = "DC01"
    name = "doublecount.claim_twice_table"
    template = "说明第 {line} 行「{label}」{found}{unit} 恰为 {table} {expected}{unit} 的两倍：同一笔钱计算了两次"

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        d = ctx.d
        for c, defs in contradicted_amounts(ctx):
            ref = doubled(c, defs)
            if ref:
                yield self.finding(
                    d, expected=ref.value, found=c.value, line=c.line,
                    label=c.subject_label or c.subject, table=ref.label,
                    evidence=[claim_evidence(d, c)] + ref.evidence,
                )


# Totals a share may have been computed on, when not the one the text names.
BASES = ("expenditure_total", "income_total", "fiscal_total", "gp_total", "gp_current")


def round_to(value: Decimal, like: Decimal, rounding: str = ROUND_HALF_UP) -> Decimal:
    """value rounded half-up (or as `rounding` says) to the decimals `like` is printed with.

    >>> round_to(Decimal("10.5178"), Decimal("10.5"))
    Decimal('10.5')
    """
    exp = like.as_tuple().exponent
    quantum = Decimal(1).scaleb(exp if isinstance(exp, int) else 0)
    return value.quantize(quantum, rounding=rounding)


def truncated_to(value: Decimal, like: Decimal) -> Decimal:
    """value cut (not rounded) to the decimals `like` is printed with: how some templates print a rate.

    >>> truncated_to(Decimal("99.868"), Decimal("99.86"))
    Decimal('99.86')
    """
    return round_to(value, like, ROUND_DOWN)


@register
class ClaimedShare(Rule):
    """A stated share (占 x%) differs from the share recomputed from the stated amounts.

    Example (000 line 1861): 上年结转 408.29 万元 "占 35.13%" of 1162.13 —
    408.29 / 1162.13 = 35.133…% rounds to 35.13: correct. The share is
    recomputed from the claim's own amount and the total it is a share of, and
    rounded to the decimals the text prints. When every wrong share of one
    paragraph is right against another total (001 lines 223–229: shares of
    the 一般公共预算 paragraph computed on all funds, 367.12), they are one
    warning naming that total; a share cut instead of rounded (上海市普陀区规划和
    自然资源局 2024 决算 line 417: 9746.50/9759.38 = 99.868%, "占本年支出合计的
    99.86%") is a warning; a share no total explains is an error.
    """

    id = "NR02"
    name = "narrative.share"
    template = "说明第 {line} 行「{label}」占比写作 {found}%，按 {amount}/{total} 计算为 {expected}%{note}"

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        d = ctx.d
        facts = ctx.facts
        amounts = {(c.subject, c.line): c for c in d.claims if c.kind == "amount"}
        folded: dict[tuple[str, Decimal], list[tuple[Claim, Decimal, Decimal, Decimal]]] = {}
        for c in current_year_claims(d, "share"):
            if not c.of:
                continue
            amount = amounts.get((c.subject, c.line)) or next(
                (a for a in d.claims if a.kind == "amount" and a.subject == c.subject and abs(a.line - c.line) <= 2), None
            )
            total_claim = next((a for a in d.claims if a.kind == "amount" and a.subject == c.of and a.line <= c.line), None)
            stated = facts_for(facts, c.of)
            total = total_claim.value if total_claim else (stated[0].value if stated else None)
            if amount is None or not total:
                continue
            expected = round_to(amount.value * 100 / total, c.value)
            if expected == c.value:
                continue
            bases = [f.value for key in BASES for f in facts.get(key) if f.value]
            other = next((b for b in bases if round_to(amount.value * 100 / b, c.value) == c.value), None)
            if other is None and truncated_to(amount.value * 100 / total, c.value) == c.value:
                # 99.868% printed 99.86: the template cuts the share instead of rounding it (a habit, not a contradiction)
                yield self.finding(
                    d, expected=expected, found=c.value, unit="%", line=c.line, severity="warning",
                    note="（截断而非四舍五入）", label=c.subject_label or c.subject, amount=amount.value, total=total,
                    evidence=[claim_evidence(d, c)],
                )
            elif other is None:
                yield self.finding(
                    d, expected=expected, found=c.value, unit="%", line=c.line, note="",
                    label=c.subject_label or c.subject, amount=amount.value, total=total,
                    evidence=[claim_evidence(d, c)],
                )
            else:
                folded.setdefault((c.of, other), []).append((c, expected, amount.value, total))
        for (_, base), group in folded.items():
            c, expected, amount, total = group[0]
            lines = sorted({g[0].line for g in group})
            yield self.finding(
                d, expected=expected, found=c.value, unit="%", line=c.line, severity="warning",
                label=c.subject_label or c.subject, amount=amount, total=total,
                note=f"；第 {lines[0]}–{lines[-1]} 行 {len(group)} 个占比都是按 {base} 而非 {total} 计算的",
                evidence=[claim_evidence(d, g[0]) for g in group],
            )


@register
class ClaimedChange(Rule):
    """A stated change does not match the stated current and previous values.

    Example (001 line 179): "收入预算367.12万元，比2023年预算收入360.26万元，增加
    6.86万元" — 367.12 − 360.26 = 6.86: consistent. Checked only when the text
    states both the previous value and the difference. Exact: all three are
    printed amounts.
    """

    id = "NR03"
    name = "narrative.change"
    template = "说明第 {line} 行「{label}」：{current} − {previous} = {expected}，文中写作 {found}"

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        d = ctx.d
        for c in d.claims:
            if c.kind != "change" or c.previous is None or c.unit not in ("万元", "元") or c.direction == "flat":
                continue  # "基本持平" is a judgement, not a figure
            current = current_amount(d, c)
            if current is None:
                continue
            sign = Decimal(-1) if c.direction == "decrease" else Decimal(1)
            expected = (current.value - c.previous) * sign
            if expected != c.value:
                yield self.finding(
                    d, expected=expected, found=c.value, line=c.line, label=c.subject_label or c.subject,
                    current=current.value, previous=c.previous, evidence=[claim_evidence(d, c)],
                )


def current_amount(d: Disclosure, c: Claim) -> Optional[Claim]:
    """The amount a change is stated against: same subject, in money, within three lines."""
    return next(
        (a for a in d.claims
         if a.kind == "amount" and a.subject == c.subject and a.unit in ("万元", "元") and abs(a.line - c.line) <= 3),
        None,
    )
