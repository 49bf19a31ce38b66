"""A 决算's execution statements: budget against actual, as the text states them.

The national 部门决算 情况说明 explains every 项 and the “三公” money in one pattern:
"年初预算为 452.40 万元，支出决算为 446.11 万元，完成年初预算的 98.61%。决算数小于预算数的
主要原因：…". Read by the ordinary claim reader, "支出决算为 446.11" would be a total
expenditure and "年初预算为" a subject-less figure; read here, each is one `execution`
claim: value = 决算数, previous = 预算数, rate = the stated %, direction = the comparison
sentence ("决算数小于预算数" → decrease, "大于" → increase, "持平/等于" → flat).

The subject is the wording before the figures in the same sentence ("“三公”经费财政拨款支出
年初预算为 …", "其中：因公出国（境）费决算为 …"), else the 类/款/项 path the text named
last ("1、社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休（项）。").
The figures read here are blanked out of the sentence, so the ordinary reader does not
read them a second time under another subject.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Optional

from lineage.amounts import parse_amount
from lineage.model import Claim
from lineage.parse.claims_text import Sentence
from lineage.parse.claims_vocab import Match, find_subject

_FIG = r"(?P<v>-?\d[\d,]*(?:\.\d+)?)"
_BUDGET = re.compile(rf"(?P<which>年初|调整后?的?)?预算(数)?为\s*{_FIG}\s*万元")
_ACTUAL = re.compile(rf"决算(数)?为\s*{_FIG}\s*万元")
_RATE = re.compile(rf"完成(?P<which>年初|调整后?的?)?预算(数)?的\s*{_FIG}\s*%")
_DIRECTION = re.compile(r"决算数?(?P<w>大于|高于|超过|小于|低于|等于|同预算数?持平|与预算数?持平|持平)")
_WORDS = {"大于": "increase", "高于": "increase", "超过": "increase", "小于": "decrease", "低于": "decrease"}
_SEGMENT_END = re.compile(r"[；;]|其中[:：]?")


@dataclass
class ExecutionContext:
    """What the text named before: the 类/款/项 path an execution sentence without its own subject is about."""

    subject: Optional[Match] = None
    claims: list[Claim] = field(default_factory=list)  # those read so far, for a comparison sentence after them


def _value(m: re.Match) -> Optional[Decimal]:
    return parse_amount(m.group("v"))


def read_execution(s: Sentence, text: str, ctx: ExecutionContext, year: Optional[int]) -> tuple[list[Claim], str]:
    """The execution claims of one sentence and its text with their figures blanked out.

    >>> from lineage.parse.claims_text import Sentence
    >>> t = "年初预算为 452.40 万元，支出决算为 446.11 万元，完成年初预算的 98.61%。"
    >>> ctx = ExecutionContext(find_subject("3、社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）"))
    >>> (c,), rest = read_execution(Sentence(t, [7] * len(t)), t, ctx, 2024)
    >>> (c.subject, str(c.previous), str(c.value), str(c.rate), any(ch.isdigit() for ch in rest))
    ('function_name:社会保障和就业支出/行政事业单位养老支出/机关事业单位基本养老保险缴费支出', '452.40', '446.11', '98.61', False)
    """
    claims: list[Claim] = []
    blank = list(text)
    start = 0
    actuals = list(_ACTUAL.finditer(text))
    for i, actual in enumerate(actuals):
        end = actuals[i + 1].start() if i + 1 < len(actuals) else len(text)
        rate = _RATE.search(text, actual.end(), end)
        if rate and _SEGMENT_END.search(text, actual.end(), rate.start()):
            rate = None  # "…决算为 0.00 万元；公务接待费…完成预算的" belongs to the next item
        budgets = list(_BUDGET.finditer(text, start, actual.start()))
        # "年初预算为 A，调整预算为 B，…完成调整预算的": the budget the rate names, else the one stated last
        which = (rate.group("which") or "")[:2] if rate else ""
        budget = next((b for b in reversed(budgets) if which and (b.group("which") or "")[:2] == which),
                      budgets[-1] if budgets else None)
        head = budget.start() if budget else actual.start()
        seg_start = max([start] + [m.end() for m in _SEGMENT_END.finditer(text, start, head)])
        named = find_subject(text[seg_start:head]) or find_subject(text[start:head])
        subject = named or ctx.subject
        value = _value(actual)
        if subject is None or value is None:
            start = actual.end()
            continue
        spans = [m for m in (*budgets, actual, rate) if m]
        lines = sorted({s.line_of[k] for m in spans for k in range(m.start(), m.end())})
        claim = Claim(
            line=s.line_of[actual.start()], lines=lines, text=s.text.strip(), subject=subject.subject,
            subject_label=subject.label, kind="execution", value=value, unit="万元", year=year,
            previous=_value(budget) if budget else None, rate=_value(rate) if rate else None,
        )
        claims.append(claim)
        for m in spans:
            blank[m.start():m.end()] = " " * (m.end() - m.start())
        start = (rate or actual).end()
    for m in _DIRECTION.finditer(text):
        word = m.group("w")
        direction = _WORDS.get(word, "flat")
        named = find_subject(text[:m.start()])
        target = next((c for c in reversed(claims or ctx.claims) if named is None or c.subject == named.subject), None)
        if target is not None and target.direction is None:
            target.direction = direction  # type: ignore[assignment]
            target.lines = sorted(set(target.lines) | {s.line_of[m.start()]})
    ctx.claims += claims
    return claims, "".join(blank)


def note_subject(ctx: ExecutionContext, text: str) -> None:
    """Remember a 类/款/项 path the text names (a sentence or heading introducing one 项)."""
    m = find_subject(text)
    if m is not None and m.rank == 2:
        ctx.subject = m
