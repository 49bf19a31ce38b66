"""NR / DC / LB: the explanation text against the tables.

A claim is compared with the facts of its subject (lineage.checks.facts). A
claim whose subject no table states, or whose scope the text leaves open
(a 类 named without its code may mean all funds, 财政拨款 or 一般公共预算),
is not reported: only disagreement with a table that states the same
quantity is.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Iterable, Iterator

from lineage.amounts import rounding_band
from lineage.checks.facts import Fact, Facts, gather
from lineage.checks.finding import Finding, Subject
from lineage.checks.registry import Rule, register
from lineage.checks.walk import performance_tables
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
}


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
    return found


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


def contradicted_amounts(d: Disclosure) -> Iterator[tuple[Claim, Fact]]:
    """This year's amounts in the text that no table stating their subject prints.

    Each comes with the fact it is compared with (the first of its subject).
    Only claims in the tables' unit are compared: a figure in 元 says nothing
    about a table in 万元.
    """
    facts = gather(d)
    for c in current_year_claims(d, "amount"):
        if c.unit != d.amount_unit:
            continue
        found = any_scope(facts, c)
        if found and all(f.value != c.value for f in found):
            yield c, found[0]


@register
class ClaimedAmount(Rule):
    """An amount stated in the explanation text differs from the tables.

    Example (002 line 105): "人员经费 168.74 万元" while 一般公共预算基本支出
    预算表 prints 人员经费 185.04 (line 354). Compared exactly (the text may
    drop trailing zeros: "0.2万元" = 0.20). An amount exactly twice the
    tables' is left to DC01, which names the cause.
    """

    id = "NR01"
    name = "narrative.amount"
    template = "说明第 {line} 行「{label}」{found}{unit}，{table} 为 {expected}{unit}（差 {diff}）"

    def check(self, d: Disclosure) -> Iterable[Finding]:
        for c, ref in contradicted_amounts(d):
            if ref.value * 2 == c.value:
                continue  # reported by DC01, which names the cause
            severity = None
            if ref.derived and abs(ref.value - c.value) <= rounding_band(len(ref.evidence), ref.value, c.value):
                severity = "warning"
            elif c.subject.startswith("function_name:"):
                # A 类 named without its code: the text does not say which scope
                # (all funds, 财政拨款, 一般公共预算当年) it means — unresolved, not an error.
                severity = "info"
            yield self.finding(
                d, expected=ref.value, found=c.value, line=c.line, label=c.subject_label or c.subject,
                table=ref.label, subjects=[Subject(name=c.subject_label or c.subject)],
                evidence=[claim_evidence(d, c)] + ref.evidence, severity=severity,
            )


@register
class ClaimCountsTwice(Rule):
    """A total in the text is exactly twice what the tables show: money counted twice.

    Example (001 line 201): 财政拨款收支预算总数 734.24 万元 = 2 × 367.12, the
    total of 财政拨款收支预算总表 — income and expenditure added together.
    """

    id = "DC01"
    name = "doublecount.claim_twice_table"
    template = "说明第 {line} 行「{label}」{found}{unit} 恰为 {table} {expected}{unit} 的两倍：同一笔钱计算了两次"

    def check(self, d: Disclosure) -> Iterable[Finding]:
        for c, ref in contradicted_amounts(d):
            if ref.value * 2 == c.value:
                yield self.finding(
                    d, expected=ref.value, found=c.value, line=c.line,
                    label=c.subject_label or c.subject, table=ref.label,
                    evidence=[claim_evidence(d, c)] + ref.evidence,
                )


# Totals a share may have been computed on, when not the one the text names.
BASES = ("expenditure_total", "income_total", "fiscal_total", "gp_total", "gp_current")


def _round_to(value: Decimal, like: Decimal) -> Decimal:
    exp = like.as_tuple().exponent
    quantum = Decimal(1).scaleb(exp if isinstance(exp, int) else 0)
    return value.quantize(quantum, rounding=ROUND_HALF_UP)


@register
class ClaimedShare(Rule):
    """A stated share (占 x%) differs from the share recomputed from the stated amounts.

    Example (000 line 1861): 上年结转 408.29 万元 "占 35.13%" of 1162.13 —
    408.29 / 1162.13 = 35.133…% rounds to 35.13: correct. The share is
    recomputed from the claim's own amount and the total it is a share of, and
    rounded to the decimals the text prints; any other value is reported.
    """

    id = "NR02"
    name = "narrative.share"
    template = "说明第 {line} 行「{label}」占比写作 {found}%，按 {amount}/{total} 计算为 {expected}%"

    def check(self, d: Disclosure) -> Iterable[Finding]:
        facts = gather(d)
        amounts = {(c.subject, c.line): c for c in d.claims if c.kind == "amount"}
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
            expected = _round_to(amount.value * 100 / total, c.value)
            if expected != c.value:
                bases = [f.value for key in BASES for f in facts.get(key) if f.value]
                other = next((b for b in bases if _round_to(amount.value * 100 / b, c.value) == c.value), None)
                yield self.finding(
                    d, expected=expected, found=c.value, unit="%", line=c.line,
                    label=c.subject_label or c.subject, amount=amount.value, total=total,
                    severity="warning" if other is not None else None,
                    evidence=[claim_evidence(d, c)],
                )


@register
class ClaimedChange(Rule):
    """A stated change does not match the stated current and previous values.

    Example (001 line 179): "收入预算367.12万元，比2023年预算收入360.26万元，增加
    6.86万元" — 367.12 − 360.26 = 6.86: consistent. Checked only when the text
    states both the previous value and the difference.
    """

    id = "NR03"
    name = "narrative.change"
    template = "说明第 {line} 行「{label}」：{current} − {previous} = {expected}，文中写作 {found}"

    def check(self, d: Disclosure) -> Iterable[Finding]:
        for c in d.claims:
            if c.kind != "change" or c.previous is None or c.unit not in ("万元", "元") or c.direction == "flat":
                continue  # "基本持平" is a judgement, not a figure
            current = next(
                (a for a in d.claims if a.kind == "amount" and a.subject == c.subject and abs(a.line - c.line) <= 3),
                None,
            )
            if current is None:
                continue
            sign = Decimal(-1) if c.direction == "decrease" else Decimal(1)
            expected = (current.value - c.previous) * sign
            if expected != c.value:
                yield self.finding(
                    d, expected=expected, found=c.value, line=c.line, label=c.subject_label or c.subject,
                    current=current.value, previous=c.previous, evidence=[claim_evidence(d, c)],
                )


@register
class ClaimedCount(Rule):
    """A count in the text (项目个数) differs from the tables or from its own parts.

    Example (001 line 385): "开展绩效目标管理的项目2个 … 人员类项目1个 … 运转类项目2个
    … 特定目标类项目0个" — the parts add up to 3, not 2; and the 项目支出绩效
    目标表 lists its own number of projects.
    """

    id = "NR04"
    name = "narrative.count"
    template = "说明第 {line} 行「{label}」{found} 个，{source} 为 {expected} 个"

    def check(self, d: Disclosure) -> Iterable[Finding]:
        counts = [c for c in d.claims if c.kind == "count"]
        totals = [c for c in counts if c.subject == "performance_projects"]
        for total in totals:
            parts = [c for c in counts if c.subject.startswith("performance_projects.") and abs(c.line - total.line) <= 6]
            if parts:
                s = sum((p.value for p in parts), Decimal(0))
                if s != total.value:
                    yield self.finding(
                        d, expected=s, found=total.value, unit="个", line=total.line, label="项目个数",
                        source="各类项目个数之和", evidence=[claim_evidence(d, total)] + [claim_evidence(d, p) for p in parts],
                    )
            tables = performance_tables(d, "project_performance")
            if tables:
                n = sum(len(pt.projects) for pt in tables)
                if n and Decimal(n) != total.value:
                    yield self.finding(
                        d, expected=Decimal(n), found=total.value, unit="个", line=total.line, label="项目个数",
                        source="项目支出绩效目标表", evidence=[claim_evidence(d, total)],
                    )


@register
class WrongYear(Rule):
    """The text speaks of another year where it states this year's figures.

    Example (003 line 667): a 2024 disclosure says "2023 年支出预算 753.70 万元"
    — the amount is 2024's. Only amount claims about totals are considered, and
    a year other than the disclosure's (and not a stated comparison) is reported.
    """

    id = "LB01"
    name = "labels.wrong_year"
    severity = "warning"
    template = "说明第 {line} 行写作 {claim_year} 年，本公开为 {year} 年预算"

    def check(self, d: Disclosure) -> Iterable[Finding]:
        if d.year is None:
            return
        facts = gather(d)
        for c in d.claims:
            if c.kind != "amount" or c.year is None or c.year == d.year:
                continue
            found = facts_for(facts, c.subject)
            if found and any(f.value == c.value for f in found):
                yield self.finding(
                    d, line=c.line, claim_year=c.year, year=d.year, unit="", evidence=[claim_evidence(d, c)],
                )


