"""The explanation text (情况说明) as claims: every stated amount, share, change, count.

Readers believe the prose more than the tables, so each figure it states
becomes a `Claim` the checks can compare with the tables. A figure's subject
is the wording printed closest before it (lineage.parse.claims_vocab); a
figure with no wording of its own takes the subject just stated ("…408.29 万元，
占 35.13%" is a share of 上年结转), and the first figure of a sentence may take
the subject of the heading or subject-only sentence above it ("（二）公务接待费"
/ "2023 年预算安排 0.66 万元"). A change that names nothing is the change of the subject just
changed ("增加47.15万元，增长1.02%"), else just stated, else named earlier in its sentence; a sentence
that opens with the comparison ("…主要用于审计事务。与上年相比减少17.08万元") continues the subject the
sentence before it stated last.

Changes keep what the text states: "比 2022 年预算数 187.09 万元减少 28.23 万元"
is one change claim with value 28.23, previous 187.09 and previous_year 2022;
a previous value stated without a difference ("较2023年0.20万元预算变化不大")
becomes an amount claim for that earlier year; "与 2022 年预算持平" is a flat
change of 0. Values are recorded as printed and never recomputed; a figure
that cannot be read, or an amount without any subject, is reported as a
problem with its line.

`scope` records the total a part is listed under ("其中：…", "支出包括：…" after
"财政拨款收支预算总数…"), so the checks know that 科学技术支出 under the fiscal
total and under 一般公共预算当年拨款 are different figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Optional

from lineage.amounts import AMOUNT_RE, parse_amount
from lineage.model import Claim
from lineage.parse.claims_execution import ExecutionContext, note_subject, read_execution
from lineage.parse.claims_text import Sentence, explanation_spans, sentences
from lineage.parse.claims_vocab import CURRENT, STANDALONE, Match, find_subject
from lineage.read import Document

Problems = list[tuple[int, str]]

# A figure: a minus sign is part of it ("-12.00万元"); a number glued to Latin letters
# ("1e309", "V2") is not one.
_FIGURE = re.compile(r"(?<![\d.,A-Za-z])(?P<num>-?\d[\d,]*(?:\.\d+)*)(?![\dA-Za-z])(?P<gap>\s*)(?P<unit>万元|元|%|个|辆|台)?")
_FLAT = re.compile(r"(基本)?(持平|没有变化|无变化|保持不变)")
# "单价100万元(含)以上的设备0台": a threshold, not a figure of the budget.
_NOT_A_FIGURE_AFTER = re.compile(r"\s*([(（]含[)）])?\s*(左右|以上|以下|以内)")
_VERB = re.compile(r"(增加|减少|增长|下降|降低|上升|减|增)了?\s*$")
_INCREASE = ("增加", "增长", "上升", "增")
# "比 2022 年预算数 187.09 万元", "比上年预算2,920.59万元,减少878.04万元" (烟台): the year compared with.
_COMPARED = re.compile(r"(比|较|与|同)\s*(?:(?P<year>20\d\d)\s*年度?|上一?年度?|去年)[^，；。、,;]*$")
_YEAR = re.compile(r"(20\d\d)\s*年(?!底)")
# A sentence about one project (项目概述/年度预算安排 sheets, 国家信访局 page 29) states that project's
# figures; the document-level subjects it uses ("一般公共预算", "上年结转") are not the unit's totals.
_ONE_PROJECT = re.compile(r"(该|本|此)项目")
# "财政拨款收、支总预算": the 、 between 收 and 支 joins two words of one name, it ends no clause.
_CLAUSE_END = re.compile(r".*(?:[，；：,;:]|(?<!收)、|其中)", re.S)
# What an amount's clause may say and still name nothing: "2025年当年预算执行数为", "2026年预算安排".
_BARE_AMOUNT = re.compile(r"\s*(20\d\d\s*年度?)?\s*(当年|年初)?\s*(预算|决算)(执行数|安排|数)?\s*(为|是)?\s*")
# "主要用于:行政单位的基本支出。" says what money is for; it names no subject for the sentence after it.
_USES = re.compile(r"\s*(主要)?用于")
# A sentence that opens with the comparison ("与上年相比减少17.08万元", 苏州) states the change of the
# subject the sentence before it stated last.
# What a change's clause may say besides its verb and still name nothing: "与上年相比", "比2025年执行",
# "较2025年年初预算", "同比".
# "较上一度" (上海 规划和自然资源局 2024 决算 line 399, 上一年度 misprinted) too.
_BARE_CHANGE = re.compile(r"\s*((与|同|比|较)\s*(上|去|20\d\d)[^，；,;]*?|同比)?\s*(各|分别)?\s*")


def _bare(clause: str, verb: re.Match) -> bool:
    """Whether a change's clause says nothing but its verb and a comparison ("比上年增加")."""
    return bool(_BARE_CHANGE.fullmatch(clause[: len(clause) - len(verb.group(0))]))


_OPENS_COMPARED = re.compile(r"\s*(与|同|比|较)\s*(上年|上一年|去年|20\d\d\s*年)")
# "预算数（基本支出）为 289.04": the bracket says which kind of money, not the subject.
_MONEY_KIND_NOTE = re.compile(r"(?<=预算数)\s*[(（](基本支出|项目支出)[)）]")
# "占财政性资金(人员类和运转类中的公用经费项目支出除外)总额的比例为100%" (苏州): a note of what a total
# leaves out or takes in names no subject of its own.
_NOTE = re.compile(r"[(（][^()（）]*(除外|不含|含|包括)[^()（）]*[)）]")
# "支出包括：", "财政拨款支出…包括": a list of 科目 (not "项目支出…具体包括:", a list of projects).
_SPENDING_LIST = re.compile(r"(?<!项目)支出[^。；;]*包括")
# A wording run into the name before it ("轨道交通运行经费"): inside a list of projects, the project's name.
_RUN_INTO = re.compile(r".*[\u4e00-\u9fff](?<![年度的为是及和中其])$", re.S)
# "214)281.37": stray text glued to a figure by the PDF extraction.
_STRAY = re.compile(r"(?<![(（\d])(\d+)\s*[)）](?=\s*\d)")
_COUNT_UNITS = ("个", "辆", "台")
_TOTALS = {
    "income_total", "expenditure_total", "fiscal_total", "gp_total", "fund_total", "soe_total",
    "three_public", "procurement", "performance_projects",
}
# Subjects that stand on their own: never a part of the running total (会议费 follows the 三公 in the
# text and in their table, but is no part of it).
_UNSCOPED = _TOTALS | {"operating_costs", "performance_departments"} | set(STANDALONE.values())


@dataclass(frozen=True)
class _Subject:
    key: str
    scope: Optional[str]
    label: str

    @property
    def path(self) -> str:
        """The subject as a scope for its parts: "gp_total/basic" for 一般公共预算基本支出."""
        return f"{self.scope}/{self.key}" if self.scope else self.key


@dataclass
class _Figure:
    value: Decimal
    unit: str
    start: int
    end: int
    note: Optional[str] = None  # how the figure was read, when not as printed


@dataclass
class _Pending:
    """A previous-year value waiting for the difference that may follow it."""

    figure: _Figure
    subject: _Subject
    year: int
    lines: list[int]


@dataclass
class _State:
    """What the text has established so far: the running total and the subject above."""

    year: Optional[int]
    parent: Optional[_Subject] = None
    carried: Optional[_Subject] = None
    last: Optional[_Subject] = None  # the subject of the last amount the sentence before stated
    projects: list[int] = field(default_factory=list)  # lines of figures naming single projects under 项目支出
    claims: list[Claim] = field(default_factory=list)
    problems: Problems = field(default_factory=list)


def _years(text: str) -> tuple[Optional[int], Optional[int]]:
    """(year the text is about, year it compares with), the last of each.

    >>> _years("2023 年一般公共预算当年拨款 584.91 万元，比 2022 年预算数")
    (2023, 2022)
    """
    about = compared = None
    for m in _YEAR.finditer(text):
        before = text[max(0, m.start() - 3) : m.start()]
        if re.search(r"(比|较|与|同)\s*$", before):
            compared = int(m.group(1))
        elif not re.search(r"(截至|截止)\s*$", before):
            about = int(m.group(1))
    return about, compared


def _subject(m: Optional[Match], current: Optional[_Subject]) -> Optional[_Subject]:
    """The subject a match names; "涉及预算 …" names the current one."""
    if m is None:
        return None
    if m.subject == CURRENT:
        return current
    return _Subject(m.subject, m.scope, m.label)


def _clause(text: str) -> tuple[int, str]:
    """(offset, text) of the last clause: what follows the last ，；：、 or 其中."""
    m = _CLAUSE_END.match(text)
    offset = m.end() if m else 0
    return offset, text[offset:]


class _SentenceReader:
    """Turns the figures of one sentence into claims, in print order."""

    def __init__(self, state: _State, sentence: Sentence):
        self.state = state
        self.s = sentence
        self.text = self._clean(sentence.text)
        self.current: Optional[_Subject] = None
        self.changed: Optional[_Subject] = None  # the subject of a change just stated ("增加47.15万元,增长1.02%")
        self.pending: Optional[_Pending] = None
        self.first = True
        self.money_unit: Optional[str] = None  # 万元/元 of the last amount this sentence printed

    def _clean(self, text: str) -> str:
        """Blank out notes and stray text, keeping every character's position (and line)."""
        text = _MONEY_KIND_NOTE.sub(lambda m: " " * len(m.group(0)), text)
        for m in _STRAY.finditer(text):
            line = self.s.line_of[m.start()]
            stray = m.group(0).strip()
            self.state.problems.append((line, f"stray text {stray!r} printed before a figure; read the figure after it"))
        return _STRAY.sub(lambda m: " " * len(m.group(0)), text)

    def read(self) -> bool:
        """Read every figure; True when the sentence printed any (read or not)."""
        tokens = sorted(
            [("figure", m.start(), m) for m in _FIGURE.finditer(self.text)]
            + [("flat", m.start(), m) for m in _FLAT.finditer(self.text)],
            key=lambda t: t[1],
        )
        prev_end = 0
        printed = False
        for i, (kind, start, m) in enumerate(tokens):
            next_start = tokens[i + 1][1] if i + 1 < len(tokens) else len(self.text)
            if kind == "flat":
                read = self._flat(prev_end, m)
            else:
                read = self._figure(prev_end, m, self.text[m.end() : next_start])
            if read is not None:
                printed = True
                prev_end = max(prev_end, m.end())
        self._flush()
        return printed

    # -- one figure ---------------------------------------------------------

    def _figure(self, prev_end: int, m: re.Match, after: str) -> Optional[bool]:
        """Read one figure: True when it made a claim, None when the number is not a figure at all."""
        unit = m.group("unit") or ""
        seg = self.text[prev_end : m.start()]
        if _NOT_A_FIGURE_AFTER.match(after) or re.match(r"\s*年", self.text[m.end() :]):
            return None
        compared = _COMPARED.search(seg)
        verb = _VERB.search(seg)
        if not unit and not (compared and not verb):
            return None  # a code, an enumerator, a number without a unit
        num = m.group("num")
        value = parse_amount(num) if AMOUNT_RE.fullmatch(num) else None
        line = self.s.line_of[m.start()]
        if value is None:
            self.state.problems.append((line, f"malformed figure {num!r} {unit}: not a number"))
            return False
        note = None
        if not unit:
            # "预算数为 0.08 万元，与 2022 年预算 0.09 基本持平": a previous value printed
            # without a unit is read in the unit of the amount it is compared with, and
            # the claim's note says so; with no such amount it is no figure.
            if self.money_unit is None:
                return None
            unit = self.money_unit
            note = f"{num} 未印单位，按其所比较的前一金额的单位 {unit} 读取"
        if _ONE_PROJECT.search(self.text[: m.start()]):
            return False  # "拟安排该项目一般公共预算2,134.87万元": one project's money, not the unit's
        fig = _Figure(value, unit, m.start(), m.end(), note)
        about, compared_year = _years(self.text[: m.start()])
        year = about or self.state.year
        clause = _clause(seg)[1]
        named, start = self._named_before(prev_end, m.start(), unit in _COUNT_UNITS)
        listed = self._listed(clause)
        lines = self.s.lines(start, m.end())
        first, self.first = self.first, False
        if verb and named is not None and start < m.start() - len(clause) and not _bare(clause, verb):
            # "3.收支预算减少的主要原因,…三是市社保中心…补助收支缺口资金减少3430万元" (烟台): a change whose
            # clause has words of its own is theirs, not the subject the sentence named first
            named = None
        if unit in _COUNT_UNITS:
            if named is None:
                return False
            self._claim(fig, named, "count", year, lines)
            if named.key == "performance_projects":
                self._maybe_parent(named, after, first)
            return True
        if unit == "%":
            return self._percent(fig, seg, clause, verb, named, year, compared_year, lines)
        if verb:
            return self._change(fig, verb, clause, named, year, compared_year, lines)
        if compared:
            self._flush()
            subject = named or self.current
            if subject is None:
                self._no_subject(fig, clause, line)
                return False
            before = int(compared.group("year")) if compared.group("year") else (self.state.year or 0) - 1
            if before < 0:
                return False  # "比上年…" in a document whose year is unknown: no year to give the figure
            self.pending = _Pending(fig, subject, before, lines)
            return True
        self._flush()
        subject = named or listed or (self.state.carried if first else None)
        if subject is None and _BARE_AMOUNT.fullmatch(clause):
            # "…行政运行(01项)1672.67万元。…。2025年当年预算执行数为1690.69万元,2026年预算安排1672.67万元" (上海
            # 司法局 2026): another year's figure, or this year's again, of the subject just stated. A sentence
            # opening with this year's figure and no name starts another subject (001's items, names unprinted).
            subject = self.current or (self.state.last if first and year != self.state.year else None)
        if subject is None:
            self._no_subject(fig, clause, line)
            return False
        self._claim(fig, subject, "amount", year, lines)
        self._maybe_parent(subject, after, first and "包括" not in self.text[: m.start()])
        return True

    def _named_before(self, prev_end: int, fig_start: int, count: bool) -> tuple[Optional[_Subject], int]:
        """The subject worded before a figure, and where that wording starts.

        The last clause decides; the first figure of a sentence may also be
        named earlier in it ("收入预算：2024年年初预算数 11993.56").
        """
        offset, clause = _clause(self.text[prev_end:fig_start])
        base = prev_end + offset
        found = find_subject(clause, count)
        if found is None and self.first and not self._listed(clause):
            base, found = 0, find_subject(self.text[:fig_start], count)
        if found is not None and found.subject == CURRENT:
            # "…;本部门共7个项目纳入绩效目标管理,涉及财政性资金合计339.5万元" (苏州): a subject worded since the
            # figure before is the one 涉及 refers to; else the current one; else, with none,
            # "项目支出均实行了绩效管理，涉及…7247万元": the wording before 涉及 names it
            since = find_subject(self.text[prev_end : base + found.start], count)
            if since is not None and since.subject != CURRENT:
                base, found = prev_end, since
            elif self.current is None:
                base, found = 0, find_subject(self.text[: base + found.start], count)
        if found is not None and self._in_project_list() and _RUN_INTO.match(self.text[: base + found.start]):
            return None, fig_start  # "…轨道交通运行经费 100万元" in a list of projects: that project's money
        named = _subject(found, self.current)
        return named, (base + found.start if found and named else fig_start)

    def _in_project_list(self) -> bool:
        """Whether the figures read now are listed under 项目支出 ("项目支出376,936.60万元,具体包括:", 深圳)."""
        return self.state.parent is not None and self.state.parent.key == "project"

    def _percent(self, fig, seg, clause, verb, named, year, compared_year, lines) -> bool:
        share = re.search(r"占([^，；,;]*)$", seg)
        if share:
            if self.current is None:
                return False
            of = find_subject(_NOTE.sub("", share.group(1)))
            self._claim(fig, self.current, "share", year, lines, of=of.subject if of else self._scope(self.current))
            return True
        if verb:
            return self._change(fig, verb, clause, named, year, compared_year, lines)
        return False  # "满意度 92%" and the like: not a budget figure

    def _change(self, fig, verb_match, clause, named, year, compared_year, lines) -> bool:
        verb = verb_match.group(1)
        subject = named
        if subject is None and _bare(clause, verb_match):
            # "比上年增加…", "增长…%": no words of its own, so the subject is the one just changed or stated
            subject = self.changed or self.current or self._named_earlier(fig.start)
            if subject is None and _OPENS_COMPARED.match(self.text):
                subject = self.state.last
        if subject is None:  # "…,使用非财政拨款结余减少193万元" (烟台): words the vocabulary does not know
            self._no_subject(fig, clause, self.s.line_of[fig.start])
            return False
        previous = None
        if self.pending and self.pending.subject.key == subject.key and fig.unit == self.pending.figure.unit:
            previous = self.pending.figure.value
            lines = sorted(set(self.pending.lines + lines))
            self.pending = None
        direction = "increase" if verb in _INCREASE else "decrease"
        self._claim(
            fig, subject, "change", year, lines, previous=previous, previous_year=compared_year, direction=direction
        )
        self.changed = subject
        return True

    def _named_earlier(self, end: int) -> Optional[_Subject]:
        """A change with no subject of its own, none stated before it in its sentence but one named there:
        "科目为2014099其他信访事务支出,2026年预算数3,623.98为万元,比2025年执行减少21,519.26万元"
        (国家信访局: the figure between lacks its unit)."""
        found = find_subject(self.text[:end])
        return None if found is None or found.subject == CURRENT else _subject(found, None)

    def _flat(self, prev_end: int, m: re.Match) -> bool:
        """"与 2022 年预算持平": a change of 0 against the year compared with."""
        seg = self.text[prev_end : m.start()]
        compared = re.search(r"(比|较|与|同)\s*(?P<year>20\d\d)\s*年", seg)
        pending, self.pending = self.pending, None
        if not compared and not pending:
            return False
        before = seg[: compared.start()] if compared else ""
        subject = _subject(find_subject(_clause(before)[1]), self.current) if before.strip() else None
        subject = subject or (pending.subject if pending else None) or self.current or self.state.carried
        if subject is None:
            return False
        about, _ = _years(self.text[: m.start()])
        line = self.s.line_of[m.start()]
        lines = sorted(set((pending.lines if pending else []) + self.s.lines(prev_end, m.end())))
        if pending:
            fig = _Figure(Decimal(0), pending.figure.unit, m.start(), m.end(), pending.figure.note)
        elif self.money_unit:
            fig = _Figure(Decimal(0), self.money_unit, m.start(), m.end())
        else:  # "公务接待费与 2022 年预算持平": no amount printed, so no unit either
            fig = _Figure(Decimal(0), "万元", m.start(), m.end(), "持平且未印金额，单位按万元记")
        self._claim(
            fig, subject, "change", about or self.state.year, lines or [line],
            previous=pending.figure.value if pending else None,
            previous_year=int(compared.group("year")) if compared else pending.year,  # type: ignore[union-attr]
            direction="flat",
        )
        return True

    # -- helpers ------------------------------------------------------------

    def _listed(self, clause: str) -> Optional[_Subject]:
        """A name in a "支出包括：机构运行 289.04 万元、…" list is a functional subject.

        Only a list of 支出: "预算388,763.56万元,包括在职人员经费…、增人增资748.00万元" (深圳) lists kinds
        of money, not 科目."""
        if not _SPENDING_LIST.search(self.text[: self.text.find(clause) + len(clause)]):
            return None
        name = re.search(r"[\u4e00-\u9fff]+\s*$", clause)
        return _Subject(f"function_name:{name.group(0).strip()}", None, name.group(0).strip()) if name else None

    def _scope(self, subject: _Subject) -> Optional[str]:
        if subject.scope:
            return subject.scope
        parent = self.state.parent
        if parent is None or subject.key in _UNSCOPED or parent.key == subject.key:
            return None
        return parent.path

    def _maybe_parent(self, subject: _Subject, after: str, opens_sentence: bool) -> None:
        """A figure followed by "其中"/"：" heads the list after it; a total opening a sentence heads the text."""
        if re.match(r"[\s，,]*(其中|(具体)?包括[:：]|[:：])", after) or (opens_sentence and subject.key in _TOTALS):
            self.state.parent = subject

    def _flush(self) -> None:
        """A previous value with no difference after it is a claim about that year."""
        if self.pending:
            p, self.pending = self.pending, None
            self._claim(p.figure, p.subject, "amount", p.year, p.lines)

    def _no_subject(self, fig: _Figure, clause: str, line: int) -> None:
        # The figure has a subject the vocabulary does not know ("事业单位经营支出0万元，占0%"):
        # what follows ("占0%") is about it, not about the subject named before it.
        self.current = None
        if self._in_project_list():
            # "(五)项目支出376,936.60万元,具体包括:1.上级下达资金4,167.70万元…" (深圳): one project's money,
            # named by the project, not by a subject of the tables — noted once for the list
            self.state.projects.append(line)
            return
        printed = f"{fig.value}{fig.unit}"
        self.state.problems.append((line, f"{printed}: no subject is named before this figure ({clause.strip()!r})"))

    def _claim(self, fig: _Figure, subject: _Subject, kind: str, year, lines, **extra) -> None:
        extra.setdefault("of", None)
        # Counts of cars are not parts of money totals; counts of projects by category are.
        scoped = kind in ("amount", "change") or subject.key.startswith("performance_projects.")
        scope = self._scope(subject) if scoped else None
        self.state.claims.append(
            Claim(
                line=self.s.line_of[fig.start],
                lines=lines,
                text=self.s.text.strip(),
                subject=subject.key,
                subject_label=subject.label,
                kind=kind,  # type: ignore[arg-type]
                value=fig.value,
                unit=fig.unit,
                year=year,
                scope=scope,
                note=fig.note,
                **extra,
            )
        )
        if kind in ("amount", "count"):
            self.current = subject
            self.changed = None
        if fig.unit in ("万元", "元"):
            self.money_unit = fig.unit


def _heading(state: _State, s: Sentence) -> None:
    """A heading names the subject of the text below it; a top-level one resets the running total."""
    subject = _subject(find_subject(s.text), None)
    state.last = None
    if s.top:
        state.parent = None
    if subject and subject.key in _TOTALS | {"basic"}:
        state.parent = subject
    state.carried = subject


def read_claims(doc: Document, year: int | None) -> tuple[list[Claim], Problems]:
    """Every figure stated in the explanation sections of doc, and what could not be read.

    year is the disclosure's year: the year of a claim whose sentence names none. A 决算's
    execution statements ("年初预算为 … 支出决算为 … 完成年初预算的 …%") are read first
    (lineage.parse.claims_execution), the rest of the sentence as usual.
    """
    claims: list[Claim] = []
    problems: Problems = []
    for first, last in explanation_spans(doc):
        state = _State(year)
        execution = ExecutionContext()
        said = list(sentences(doc, first, last))
        # Execution statements are 决算 wording: a span that never says 决算 (every 预算's) has none,
        # and skips looking for them and for the 项 each sentence names (a third of its claim reading).
        executes = any("决算" in s.text for s in said)
        for s in said:
            if executes:
                note_subject(execution, s.text)
            if s.heading:
                _heading(state, s)
                continue
            executed, rest = read_execution(s, s.text, execution, year) if executes else ([], s.text)
            state.claims += executed
            if executed:
                s = Sentence(rest, s.line_of, s.heading, s.top)
            reader = _SentenceReader(state, s)
            printed = reader.read()
            # A sentence that names a subject but prints no figure names the one below it; one that names none
            # ("主要用于:…。") leaves the subject last stated to the sentence after it.
            state.carried = None if printed or _USES.match(reader.text) else _subject(find_subject(reader.text), None)
            if printed or state.carried:
                state.last = reader.current
        claims += state.claims
        problems += state.problems
        if state.projects:
            problems.append((state.projects[0], f"{len(state.projects)} figures under 项目支出 (lines {state.projects[0]}–"
                             f"{state.projects[-1]}) name single projects, not subjects of the tables: not compared"))
    return claims, problems
