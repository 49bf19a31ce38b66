"""NR: changes and restatements inside the explanation text.

The text states one quantity several times (the income side and the
expenditure side, the summary and the detail paragraph) and its change
against last year with a percentage. These rules check the text against
itself: every statement of one quantity agrees, and a percentage change is
the change over last year's base.
"""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal
from typing import Iterable, Iterator, NamedTuple, Optional

from lineage.checks.context import CheckContext
from lineage.checks.finding import Finding, Subject
from lineage.checks.narrative import claim_evidence, current_amount, definitions, round_to
from lineage.checks.registry import Rule, register
from lineage.model import Claim

# Subjects that name one quantity: the 一般公共预算 appropriation is also its income
# line; a budget's income total equals its expenditure total.
SAME_QUANTITY: tuple[frozenset[str], ...] = (
    frozenset({"gp_total", "gp_current", "source:一般公共预算拨款收入"}),
    frozenset({"income_total", "expenditure_total"}),
)


def quantity(subject: str) -> str:
    """One key for subjects that name the same quantity.

    >>> quantity("source:一般公共预算拨款收入") == quantity("gp_total")
    True
    """
    for group in SAME_QUANTITY:
        if subject in group:
            return min(group)
    return subject


def known(subject: str) -> bool:
    """A subject whose other names are known (SAME_QUANTITY), so its words need not match."""
    return any(subject in group for group in SAME_QUANTITY)


def words(c: Claim) -> str:
    """The words a claim names its quantity with: two statements are compared only when they
    use the same words, since one claim subject may gather several phrases (政府采购预算 and
    面向中小企业预留政府采购项目预算, Shanghai 万里 2025 lines 454, 456)."""
    return re.sub(r"[\s()（）“”\"]", "", c.subject_label or c.subject)


def one_per_sentence(claims: list[Claim]) -> list[Claim]:
    """The first claim of each sentence: two figures of one sentence are a whole and its part
    ("预留政府采购项目预算金额1928.48万元,其中,预留给小型和微型企业的…1349.94万元"), not a restatement."""
    seen: set[str] = set()
    out = []
    for c in claims:
        sentence = c.text or f"line {c.line}"
        if sentence not in seen:
            seen.add(sentence)
            out.append(c)
    return out


def scope_of(c: Claim) -> str:
    """The scope that tells two statements of a subject apart: 基本支出 of all funds is not
    基本支出 of 一般公共预算 (004 lines 25, 29); a total or an income line is one quantity
    whatever total it is listed under."""
    if c.subject.startswith("source:") or c.subject in ("income_total", "expenditure_total", "fiscal_total", "gp_total", "gp_current"):
        return ""
    return c.scope or ""


def signed(c: Claim) -> Decimal:
    return -c.value if c.direction == "decrease" else c.value


@register
class RestatedQuantity(Rule):
    """One quantity, or its change on last year, stated twice in the text with different values.

    Example (001): the increase of the 一般公共预算 appropriation is 6.86 万元 at
    line 181 ("主要是因一般公共预算资金增加6.86万元"), 13.72 万元 at line 205 and
    32.12 万元 at line 219 ("比2023年预算数的201.00万元，增加32.12万元"). Changes
    are compared with their sign; the 一般公共预算 appropriation and its income
    line are one quantity, as are a budget's income and expenditure totals.
    Other statements are compared only when the text uses the same words for
    them (one claim subject may gather several phrases: 政府采购预算 and
    面向中小企业预留政府采购项目预算), and amounts only for subjects no table
    states (NR01 compares the others with the tables). Exact: printed figures.
    """

    id = "NR05"
    name = "narrative.restated"
    template = "说明中「{label}」{what}前后不一：{values}"

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        d = ctx.d
        changes: dict[tuple[str, str, str], list[Claim]] = defaultdict(list)
        amounts: dict[tuple[str, str, str], list[Claim]] = defaultdict(list)
        for c in d.claims:
            if c.year not in (None, d.year) or c.unit not in ("万元", "元"):
                continue
            if c.kind == "change" and c.direction in ("increase", "decrease"):
                changes[(quantity(c.subject), scope_of(c), "" if known(c.subject) else words(c))].append(c)
            elif c.kind == "amount" and not definitions(ctx.facts, c):
                amounts[(c.subject, c.scope or "", words(c))].append(c)
        for claims in changes.values():
            claims = one_per_sentence(claims)
            if len({(signed(c), c.unit) for c in claims}) > 1:
                yield self._finding(ctx, claims, "的增减", lambda c: f"{'增加' if c.direction == 'increase' else '减少'} {c.value}")
        for claims in amounts.values():
            claims = one_per_sentence(claims)
            if len({(c.value, c.unit) for c in claims}) > 1:
                yield self._finding(ctx, claims, "", lambda c: f"{c.value}")

    def _finding(self, ctx: CheckContext, claims: list[Claim], what: str, show) -> Finding:
        d = ctx.d
        first = claims[0]
        other = next(c for c in claims[1:] if (signed(c), c.unit) != (signed(first), first.unit))
        values = "；".join(f"第 {c.line} 行{show(c)}{c.unit}" for c in claims)
        return self.finding(
            d, expected=signed(first), found=signed(other), unit=first.unit, label=first.subject_label or first.subject,
            severity="warning" if what and (_income_and_expenditure(first, other) or _with_and_without_carryover(first, other)) else None,
            what=what, values=values, subjects=[Subject(name=first.subject_label or first.subject)],
            evidence=[claim_evidence(d, c) for c in claims],
        )


def _income_and_expenditure(a: Claim, b: Claim) -> bool:
    """One change stated for the appropriation's income, the other for its expenditure.

    Expenditure also spends last year's carry-over, so the two changes differ whenever the
    carry-over did (福州 单位预算 page 26: "一般公共预算拨款收入增加129.07万元" and
    "一般公共预算拨款支出…比上年增加166.68万元"): a warning, not an error.
    """
    sides = {"收入" in (c.subject_label or "") or c.subject.startswith("source:") for c in (a, b)}
    return len(sides) == 2 and any("支出" in (c.subject_label or "") for c in (a, b))


def _with_and_without_carryover(a: Claim, b: Claim) -> bool:
    """One change stated for the 当年 appropriation, the other for the fund's money (资金).

    The 资金 of a fund includes last year's carry-over, which the 当年拨款 leaves out
    (001 line 173: "收入包括：一般公共预算拨款收入、政府性基金预算拨款收入与上年结转"), so
    their changes differ whenever the carry-over did (001 line 181: "一般公共预算资金增加6.86万元";
    line 219: "一般公共预算当年拨款233.12万元，比2023年预算数的201.00万元，增加32.12万元"):
    a warning, not an error.
    """
    labels = [c.subject_label or "" for c in (a, b)]
    return any("当年" in x for x in labels) and any("资金" in x and "当年" not in x for x in labels)


def money_change(d, c: Claim) -> Optional[Claim]:
    """The change in money stated with a percentage change: same subject, same or previous line."""
    return next(
        (m for m in d.claims if m.kind == "change" and m.subject == c.subject and m.unit in ("万元", "元")
         and 0 <= c.line - m.line <= 1 and m.direction == c.direction),
        None,
    )


@register
class ChangePercent(Rule):
    """A stated percentage change is not the change over last year's amount.

    Example (003 line 771): "机关运行经费财政拨款 57.33 万元, 比 2023 年预算增加
    6.03 万元, 增加 10.5%" — last year's base is 57.33 − 6.03 = 51.30 and
    6.03 / 51.30 = 11.75%; 10.5% is 6.03 / 57.33, computed on this year. The
    base is the stated previous amount, or this year's amount less the change.
    Within the band the printed figures' rounding allows (amounts to 0.01,
    the percentage to its printed decimals) the difference is a warning (002
    line 99: 3.91 / 16.36 = 23.90%, printed 23.89%); beyond it an error.
    """

    id = "NR06"
    name = "narrative.change_percent"
    template = "说明第 {line} 行「{label}」变动 {change}{money_unit}，按上年 {previous}{money_unit} 计算为 {expected}%，文中写作 {found}%{note}"

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        d = ctx.d
        for c in d.claims:
            if c.kind != "change" or c.unit != "%" or c.direction not in ("increase", "decrease"):
                continue
            m = money_change(d, c)
            if m is None or not m.value:
                continue
            previous = m.previous
            current = current_amount(d, m)
            if previous is None:
                if current is None:
                    continue
                previous = current.value - signed(m)
            if previous <= 0:
                continue
            expected = round_to(m.value * 100 / previous, c.value)
            if expected == c.value:
                continue
            exp = c.value.as_tuple().exponent
            half_quantum = Decimal(1).scaleb(exp if isinstance(exp, int) else 0) / 2
            low = (m.value - Decimal("0.01")) * 100 / (previous + Decimal("0.005")) - half_quantum
            high = (m.value + Decimal("0.01")) * 100 / (previous - Decimal("0.005")) + half_quantum
            within = low <= c.value <= high
            note = ""
            if current is not None and current.value and round_to(m.value * 100 / current.value, c.value) == c.value:
                note = f"（{c.value}% 是按本年 {current.value} 计算的）"
            yield self.finding(
                d, expected=expected, found=c.value, unit="%", line=c.line, label=c.subject_label or c.subject,
                change=m.value, money_unit=m.unit, previous=previous, note=note,
                severity="warning" if within else None,
                evidence=[claim_evidence(d, c)] + ([claim_evidence(d, current)] if current and current.line != c.line else []),
            )


# Shanghai's 项 explanations: "（06项）91.97万元。主要用于：…。2025年当年预算执行数为77.99万元，2026年预算安排
# 91.97万元，比2025年预算执行数增加17.66%。" — the headline amount, last year's, this year's and the change.
_NUMBER = r"[\d,]+(?:\.\d+)?"
_CHANGE = re.compile(
    rf"预算执行数为(?P<a>{_NUMBER})万元[,，]?\s*\d{{4}}年预算安排(?P<b>{_NUMBER})万元[,，]?\s*"
    r"比\d{4}年预算执行数(?P<dir>增加|减少)(?P<p>\d+(?:\.\d+)?)%"
)
_HEADLINE = re.compile(rf"[(（]\d{{2}}项[)）]\s*(?P<x>{_NUMBER})万元")
_HEADLINE_REACH = 200  # characters between the headline and its sentence, with no other 万元 amount between


class ItemSentence(NamedTuple):
    """One 项's sentence: last year's (a) and this year's (b) amounts, the change (dir, p), the headline amount (x)."""

    a: str
    b: str
    dir: str
    p: str
    x: Optional[str]
    start: int  # where the headline (else last year's amount) starts in the joined text
    end: int


def item_sentences(text: str) -> Iterator[ItemSentence]:
    """The template's sentences, each with the headline amount printed before it, when one is near.

    The sentence is found first and its headline looked for behind it: one pattern with an
    optional headline and a 200-character gap was tried at every character of the document
    (60 ms a disclosure, more than every other rule together).

    >>> [s.x for s in item_sentences("（06项）91.97万元。主要用于：办案。2025年当年预算执行数为77.99万元，"
    ...                                "2026年预算安排91.97万元，比2025年预算执行数增加17.66%。")]
    ['91.97']
    """
    searched = 0
    for m in _CHANGE.finditer(text):
        headline = None
        for h in _HEADLINE.finditer(text, max(searched, m.start() - _HEADLINE_REACH - 40), m.start()):
            headline = h  # the last one: any earlier headline has this one's 万元 between it and the sentence
        if headline is not None and (m.start() - headline.end() > _HEADLINE_REACH
                                     or "万元" in text[headline.end():m.start()]):
            headline = None
        yield ItemSentence(m["a"], m["b"], m["dir"], m["p"], headline["x"] if headline else None,
                           headline.start("x") if headline else m.start("a"), m.end())
        searched = m.end()


def _dec(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def joined(lines: dict[int, str]) -> tuple[str, list[int]]:
    """The document as one string (wrapped sentences joined) and the line of each character."""
    text, where = [], []
    for n, line in sorted(lines.items()):
        part = "".join(line.split())
        text.append(part)
        where += [n] * len(part)
    return "".join(text), where


@register
class ItemChange(Rule):
    """A 项 explained with last year's and this year's amounts whose figures disagree.

    Example (上海市普陀区司法局 2026, lines 112–113): "住房公积金（01项）208.8万元 …
    2025年当年预算执行数为198.34万元，2026年预算安排201.50万元，比2025年预算执行数增加
    5.27%" — the same 项 is 208.8 and 201.50, and 208.8 / 198.34 is the 5.27%;
    lines 105–106: 91.97 against 77.99 is 17.93%, not the 17.66% printed (the
    figure of the line before). The percentage is the change over last year's
    amount; within the band the figures' rounding allows it is a warning.
    Reads the text lines (the template's sentence, skipped when the source is
    gone).
    """

    id = "NR09"
    name = "narrative.item_change"
    template = "说明第 {line} 行：{detail}"

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        d = ctx.d
        if not ctx.lines:
            return
        text, where = joined(ctx.lines)
        for m in item_sentences(text):
            a, b, p = _dec(m.a), _dec(m.b), _dec(m.p)
            x = _dec(m.x) if m.x else None
            sign = Decimal(-1) if m.dir == "减少" else Decimal(1)
            lines = sorted({where[i] for i in range(m.start, m.end)})
            proof = [ctx.line_evidence(n) for n in lines]
            details, expected, found, severity = [], None, None, "warning"
            if x is not None and x != b:
                details.append(f"同一项目写作 {x} 万元和 {b} 万元")
                expected, found, severity = x, b, "error"
            if a <= 0:
                continue
            candidates = [b] + ([x] if x is not None else [])
            if not any(round_to((v - a) * sign * 100 / a, p) == p for v in candidates):
                actual = round_to((b - a) * 100 / a, p)
                low = ((b - a) * sign - Decimal("0.01")) * 100 / (a + Decimal("0.005"))
                high = ((b - a) * sign + Decimal("0.01")) * 100 / (a - Decimal("0.005"))
                quantum = Decimal(1).scaleb(p.as_tuple().exponent) / 2  # type: ignore[arg-type]
                within = low - quantum <= p <= high + quantum
                details.append(f"按上年 {a} 万元、本年 {b} 万元计算变动 {actual}%，文中写作{m.dir} {p}%")
                if expected is None:
                    expected, found = actual, p * sign
                if not within:
                    severity = "error"
            if details:
                yield self.finding(
                    d, line=lines[0], detail="；".join(details), expected=expected, found=found,
                    unit="万元" if details[0].startswith("同一") else "%", severity=severity, evidence=proof,
                )
