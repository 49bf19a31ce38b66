"""Performance tables in flattened text (seeds 000, 001): blank cells gone, cells wrapped.

Each cell's text wraps at its column width onto lines of its own, so a
project prints as its name lines, an amount line ("7.20"), its goal lines,
then indicator lines ("产出指标 数量指标 科目调整次数 ≤ 5 次 20") whose name
and direction ("反向指" / "标") may wrap too. Inside a page the text order
may be scrambled (000): names, goals and indicators of different projects in
separate runs. So an indicator is attributed to a project only when it
follows that project's name, amount and goal on the same page with nothing
between; a column header, a note or a unit block ends the attribution, and
indicators read without a project go to the table's `unattributed`.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Optional

from lineage.amounts import TABLE_AMOUNT_RE, parse_amount
from lineage.model import DepartmentTarget, Indicator, PerformanceTable, ProjectTarget, Task
from lineage.parse import performance_cells as pc
from lineage.parse.locate import title_of_line
from lineage.read import Document, compact

Problems = list[tuple[int, str]]
Line = tuple[int, str, str]  # (line number, normalised text, printed text)

_TOTAL = re.compile(r"^\d{3,}-\S+\s+((?:\d{1,3}(?:,\d{3})+|\d+)\.\d+)$")
_UNIT = re.compile(r"^\d{6,}-\S")
_UNIT_END = re.compile(r"(会|局|委|中心|办|院|所|站|馆|部|处|室|队|校|协|厅|社|团)$")
_DIRECTION = re.compile(r"^(正向|反向)(指标?)?$")
_SENTENCE_END = ("。", "；", ";")


def content_lines(doc: Document, start: int, end: int) -> list[Line]:
    """Non-empty lines, without vertical labels (部/门/整/体… one character a line, three or more)."""
    lines = [(n, doc.line(n).norm.strip(), doc.line(n).text.strip()) for n in range(start, end)]
    lines = [ln for ln in lines if ln[1]]
    keep: list[Line] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and len(lines[j][1]) == 1:
            j += 1
        if j - i >= 3:
            i = j
            continue
        keep.append(lines[i])
        i += 1
    return keep


def _is_header(norm: str) -> bool:
    c = compact(norm)
    return ("项目名称" in c and "指标" in c) or "一级指标二级指标" in c


def _operator_split(norm: str) -> Optional[tuple[str, str, list[str]]]:
    """(text before, operator, tokens after) when a whitespace-separated token is an operator."""
    tokens = norm.split()
    for i, t in enumerate(tokens):
        op = pc.operator_of(t)
        if op:
            return " ".join(tokens[:i]), op, tokens[i + 1:]
    return None


def _paragraph_end(lines: list[Line]) -> int:
    """How many of these wrapped lines belong to a paragraph that started first.

    A paragraph ends at its last line ending a sentence (。); without one, at
    its first line clearly shorter than the line before (the short last line
    of a wrapped cell). The lines after it belong to the next cell.
    """
    ends = [i for i, ln in enumerate(lines) if ln[1].endswith(_SENTENCE_END)]
    if ends:
        return ends[-1] + 1
    for i in range(1, len(lines)):
        if len(lines[i][1]) < len(lines[i - 1][1]) - 2:
            return i + 1
    return len(lines)


class IndicatorRun:
    """Reads indicator lines: level and name text may precede the operator line, direction may follow."""

    def __init__(self, problems: Problems, has_weight: bool = True):
        self.has_weight = has_weight
        self.pending: list[Line] = []
        self.last: Optional[Indicator] = None
        self.open_direction = False  # "反向指" read, its "标" may follow
        self.problems = problems  # shared with the table reader

    def direction_fragment(self, norm: str) -> bool:
        """Consume "正向指标" / "反向指" / "标" lines that belong to the last indicator."""
        if self.open_direction and norm == "标":
            self.open_direction = False
            return True
        m = _DIRECTION.match(compact(norm))
        if not m or self.last is None or self.pending:
            return False
        if self.last.direction:
            return False
        self.last.direction = m.group(1)
        self.open_direction = m.group(2) != "指标"
        return True

    def indicator(self, line: Line, before: str, op: str, tail: list[str]) -> Indicator:
        no = line[0]
        text = "".join(compact(ln[1]) for ln in self.pending) + compact(before)
        levels, name = pc.peel_levels(text)
        l1, l2, level_problem = pc.assign_levels(levels)
        ind = Indicator(line=no, lines=[ln[0] for ln in self.pending] + [no], level1=l1, level2=l2,
                        level3=name, operator=op)
        if level_problem:
            self.problems.append((no, level_problem))
        else:
            pc.inherit_levels(ind, self.last)
        if not name:
            self.problems.append((no, "indicator has no name (三级指标) printed"))
        fields, found = pc.read_tail(op, tail, self.has_weight)
        for key, value in fields.items():
            setattr(ind, key, value)
        self.problems += [(no, f"indicator {name!r}: {p}") for p in found]
        self.pending = []
        self.open_direction = False
        self.last = ind
        return ind


class _ProjectReader:
    def __init__(self, kind: str, start: int):
        self.kind = kind
        self.tables: list[PerformanceTable] = [PerformanceTable(kind=kind, line=start, end_line=start)]
        self.problems: Problems = []
        self.run = IndicatorRun(self.problems)
        self.project: Optional[ProjectTarget] = None
        self.goal: Optional[list[Line]] = None  # lines after a project's amount, while reading its goal
        self.unit: Optional[str] = None
        self.unit_open = False
        self.header_line = start
        self.after_header = False  # the previous line was a column header

    @property
    def table(self) -> PerformanceTable:
        return self.tables[-1]

    def line(self, ln: Line) -> None:
        no, norm, text = ln
        self.table.end_line = no
        after_header, self.after_header = self.after_header, False
        if self.unit_open:
            self.unit = (self.unit or "") + compact(text)
            self.unit_open = not _UNIT_END.search(norm) and len(self.unit) < 40
            return
        if _is_header(norm):
            self._break(no)
            self.header_line, self.after_header = no, True
        elif norm.startswith(("注:", "金额单位", "单位:")) or title_of_line(norm)[0]:
            if norm.startswith("注:"):
                self._break(no)
        elif _TOTAL.match(norm):
            self._total(no, _TOTAL.match(norm).group(1))
        elif TABLE_AMOUNT_RE.match(norm):
            self._amount(no, norm, first_row=after_header)
        elif _UNIT.match(norm):
            self._break(no)
            self.unit = compact(text)
            self.unit_open = not _UNIT_END.search(norm)
        elif self.goal is None and self.run.direction_fragment(norm):
            self.run.last.lines.append(no)
        elif _operator_split(norm):
            self._close_goal()
            before, op, tail = _operator_split(norm)
            ind = self.run.indicator(ln, before, op, tail)
            if self.project is None:
                self.table.unattributed.append(ind)
            else:
                self.project.indicators.append(ind)
                self.project.lines += ind.lines
        elif self.goal is not None and pc.peel_levels(norm)[0]:
            self._close_goal()
            self.run.pending.append(ln)
        elif self.goal is not None:
            self.goal.append(ln)
        else:
            self.run.pending.append(ln)

    def _break(self, no: int) -> None:
        """A page header, note or unit block: what follows is not attributed to the last project."""
        self._close_goal()
        self._orphan(self.run.pending)
        self.run.pending = []
        self.project = None

    def _orphan(self, lines: list[Line]) -> None:
        if lines:
            words = "".join(compact(ln[1]) for ln in lines)
            self.problems.append((lines[0][0], f"text with no project or indicator (lines {lines[0][0]}-{lines[-1][0]}): {words[:30]}"))

    def _close_goal(self, keep: int | None = None) -> list[Line]:
        """End the current goal; lines past `keep` are returned (they start the next cell)."""
        if self.goal is None:
            return []
        lines = self.goal if keep is None else self.goal[:keep]
        rest = [] if keep is None else self.goal[keep:]
        if lines and self.project is not None:
            self.project.goal = (self.project.goal or "") + "".join(compact(ln[2]) for ln in lines)
            self.project.lines += [ln[0] for ln in lines]
        self.goal = None
        return rest

    def _total(self, no: int, amount: str) -> None:
        t = self.table
        if t.projects or t.unattributed or t.total is not None:
            self.tables.append(PerformanceTable(kind=self.kind, line=self.header_line, end_line=no))
            self.unit = None
            self.problems.append((no, f"the table starts again at line {self.header_line}"))
        self.table.total = parse_amount(amount)
        self.project = None
        self.goal = None
        self.run = IndicatorRun(self.problems)

    def _amount(self, no: int, norm: str, first_row: bool) -> None:
        """An amount line: the project whose name precedes it, or (first after a header, nameless) the total."""
        if self.goal is not None:
            name_lines = self._close_goal(_paragraph_end(self.goal))
        else:
            cut = _paragraph_end(self.run.pending) if any(
                ln[1].endswith(_SENTENCE_END) for ln in self.run.pending) else 0
            self._orphan(self.run.pending[:cut])
            name_lines = self.run.pending[cut:]
        self.run.pending = []
        amount = parse_amount(norm)
        name = "".join(compact(ln[2]) for ln in name_lines)
        t = self.table
        if not name and (first_row or not (t.projects or t.unattributed or t.total is not None)):
            self._total(no, norm)
            self.problems.append((no, f"{norm} printed with no name in the table's first row: read as the unit total"))
            return
        last = t.projects[-1] if t.projects else None
        if name and last is not None and last.name == name and last.amount == amount:
            self.project = last  # the project continues on a new page
            last.lines += [ln[0] for ln in name_lines] + [no]
        else:
            if not name:
                self.problems.append((no, f"amount {norm} printed without a project name; read as a project with no name"))
            self.project = ProjectTarget(line=name_lines[0][0] if name_lines else no,
                                         lines=[ln[0] for ln in name_lines] + [no],
                                         name=name, unit_name=self.unit, amount=amount)
            t.projects.append(self.project)
        self.run = IndicatorRun(self.problems)
        self.goal = []

    def finish(self) -> None:
        self._break(self.table.end_line)
        for t in self.tables:
            place_orphans(t)
            for p in t.projects:
                if not p.indicators:
                    self.problems.append((p.line, f"project {p.name!r}: no indicator printed next to it"))


def _runs(table: PerformanceTable) -> list[tuple[list[Indicator], list[ProjectTarget]]]:
    """Each run of unattributed indicators with the projects printed after it, before the next run.

    Some extractors print a page's indicator column before its project cells
    (000: lines 780-816, then the projects 858-1014); the page's projects are
    the ones without indicators printed between this run and the next.
    """
    orphans = sorted(table.unattributed, key=lambda i: i.line)
    bare = [p for p in table.projects if not p.indicators]
    runs: list[list[Indicator]] = []
    for ind in orphans:
        if runs and not any(runs[-1][-1].line < p.line < ind.line for p in table.projects):
            runs[-1].append(ind)
        else:
            runs.append([ind])
    out = []
    for k, run in enumerate(runs):
        until = runs[k + 1][0].line if k + 1 < len(runs) else table.end_line + 1
        out.append((run, [p for p in bare if run[-1].line < p.line < until]))
    return out


def weight_groups(weights: list[Decimal], n: int) -> list[int] | None:
    """Where a run of weights splits into n consecutive groups of equal sum (the start of each), or None.

    Every project's indicator weights add up to the same score, so the split is
    where the running sum reaches each n-th of the total; with positive weights
    there is at most one.

    >>> weight_groups([Decimal(w) for w in (10, 20, 30, 30, 40, 20, 30)], 2)
    [0, 4]
    >>> weight_groups([Decimal(w) for w in (10, 20, 40)], 2) is None
    True
    """
    total = sum(weights, Decimal(0))
    if n < 1 or not weights or any(w <= 0 for w in weights):
        return None
    share = total / n
    starts, running = [0], Decimal(0)
    for i, w in enumerate(weights[:-1]):
        running += w
        if running == share * len(starts):
            starts.append(i + 1)
    return starts if len(starts) == n and running + weights[-1] == total else None


def place_orphans(table: PerformanceTable) -> None:
    """Attach or describe the indicators printed apart from their projects, per indicator.

    A run followed by exactly one project without indicators belongs to it.
    Followed by several, the run is split where the weights say a project's
    indicators end (`weight_groups`); which project each group belongs to the
    text does not say (000 prints a page's indicators before its project
    cells, and not in their order: 1026 购置办公设备 opens the run, 1259
    办公设备购置建设 closes the projects), so each indicator keeps the projects
    it may belong to and a note, and stays unattributed.
    """
    for run, projects in _runs(table):
        lines = [p.line for p in projects]
        where = "、".join(str(n) for n in lines)
        if len(projects) == 1:
            project = projects[0]
            for ind in run:
                table.unattributed.remove(ind)
                ind.note = f"本页唯一未列指标的项目（第{project.line}行），指标印在其前（第{run[0].line}–{run[-1].line}行）"
            project.indicators = run + project.indicators
            project.lines += [n for ind in run for n in ind.lines]
            continue
        if not projects:
            continue
        weights = [ind.weight for ind in run]
        starts = weight_groups(weights, len(projects)) if None not in weights else None  # type: ignore[arg-type]
        for g, ind in enumerate(run):
            ind.candidates = lines
            if starts is None:
                ind.note = f"属于第{where}行项目之一，文本未定"
                continue
            k = max(i for i, s in enumerate(starts) if s <= g)
            group = run[starts[k]:(starts[k + 1] if k + 1 < len(starts) else len(run))]
            score = sum((i.weight for i in group), Decimal(0))  # type: ignore[misc]
            ind.note = (f"与第{group[0].line}–{group[-1].line}行的指标同属一个项目（权重合计{score}），"
                        f"属于第{where}行项目之一，文本未定")


def read_projects(doc: Document, kind: str, start: int, end: int) -> tuple[list[PerformanceTable], Problems]:
    """The project-performance table (and any repeated copies of it) in lines start..end-1."""
    reader = _ProjectReader(kind, start)
    for ln in content_lines(doc, start, end):
        reader.line(ln)
    reader.finish()
    return reader.tables, reader.problems


def read_department(doc: Document, start: int, end: int) -> tuple[DepartmentTarget, Problems]:
    """部门整体支出绩效目标表 in flattened text: funds, goal, tasks, indicators."""
    target = DepartmentTarget(line=start, end_line=start)
    problems: Problems = []
    lines = content_lines(doc, start, end)
    section = None
    task: Optional[Task] = None
    run = IndicatorRun(problems)
    for ln in lines:
        no, norm, text = ln
        target.end_line = no
        c = compact(norm)
        if section is None and ("(元)" in c or "(万元)" in c):
            target.split_unit = "元" if "(元)" in c else "万元"
        if c.startswith(("其他说明",)):
            section = "end"
        elif c.startswith(("整体绩效目标", "年度总体目标", "当年整体绩效目标")):
            section, target.goal = "goal", compact(text)[len(c.split("目标")[0]) + 2:]
        elif c.startswith("年度主要任务"):
            section, task = "tasks", None
            name = compact(text)[len("年度主要任务"):]
            if name:
                task = Task(line=no, name=name)
                target.tasks.append(task)
        elif c.startswith("年度绩效指标"):
            section = "indicators"
        elif section == "end":
            continue
        elif len(norm.split()) >= 2 and all(TABLE_AMOUNT_RE.match(t) for t in norm.split()):
            _read_split(target, no, norm.split(), problems)
        elif section == "goal":
            target.goal = (target.goal or "") + compact(text)
        elif section == "tasks":
            if c.startswith("任务名称"):
                continue
            if task is None:
                task = Task(line=no, name=compact(text))
                target.tasks.append(task)
            else:
                task.content += compact(text)
        elif section == "indicators" and not _is_header(norm):
            if run.direction_fragment(norm):
                continue
            split = _operator_split(norm)
            if split:
                target.indicators.append(run.indicator(ln, *split))
            else:
                run.pending.append(ln)
    return target, problems


def _read_split(target: DepartmentTarget, no: int, tokens: list[str], problems: Problems) -> None:
    """预算支出总额, then 基本支出 and 项目支出 each as 合计 followed by its printed parts.

    Blank cells are gone, so a part's column (财政拨款/专户资金/单位资金) is
    not known; only the two group totals are placed, and only when each
    group's parts add up to its 合计 and the groups to the total.
    """
    amounts = [parse_amount(t) for t in tokens]
    target.total = amounts[0]
    groups: list[Decimal] = []
    i = 1
    while i < len(amounts):
        head, parts, i = amounts[i], Decimal(0), i + 1
        while i < len(amounts) and parts < head:
            parts += amounts[i]
            i += 1
        if parts != head:
            break
        groups.append(head)
    if len(groups) == 2 and sum(groups) == target.total:
        target.split = {"基本支出": groups[0], "项目支出": groups[1]}
        problems.append((no, "基本支出/项目支出 read from the flattened amounts; the source columns of their parts are not printed apart"))
    else:
        problems.append((no, f"fund amounts {' '.join(tokens)} could not be placed in 基本支出/项目支出"))
