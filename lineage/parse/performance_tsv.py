"""Performance tables printed as tab-separated rows (seeds 002, 003, 004).

The header row names the columns, but rows do not keep to them: a cell moves
a column left or right, a level left blank shifts the rest, a long goal wraps
onto its own line after a page break. So each row is read by content
(lineage.parse.performance_cells) and header positions are used only where
content cannot decide: the project name and amount of a template without
project codes, and where a wrapped fragment on a line of its own belongs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from decimal import Decimal
from typing import Optional

from lineage.amounts import TABLE_AMOUNT_RE, parse_amount
from lineage.model import DepartmentTarget, Indicator, PerformanceTable, ProjectTarget, Task
from lineage.parse import performance_cells as pc
from lineage.read import Document, compact

Problems = list[tuple[int, str]]

_CODE = re.compile(r"^(\d{8,}[A-Z]\d{6,})\s*-\s*(\S.*)$")
_UNIT = re.compile(r"^(\d{3,})\s*-\s*(\S.*)$")
_TAGS = re.compile(r"</?p>")


@dataclass
class Cell:
    col: int
    text: str  # as printed
    norm: str  # normalised, stripped

    @cached_property
    def kind(self) -> str:
        """What the cell holds; asked many times per row, so worked out once."""
        n = self.norm
        if pc.operator_of(n):
            return "op"
        if pc.direction_of(n):
            return "dir"
        if pc.level_of(n):
            return "level"
        if _CODE.match(n):
            return "code"
        if _UNIT.match(n):
            return "unit"
        if TABLE_AMOUNT_RE.match(n):
            return "amount"
        if n.isdigit():
            return "int"
        return "text"


def cells_of(doc: Document, no: int) -> list[Cell]:
    """The non-empty cells of a line, with their printed column index."""
    texts = doc.line(no).text.split("\t")
    norms = doc.line(no).norm.split("\t")
    return [Cell(i, t.strip(), n.strip()) for i, (t, n) in enumerate(zip(texts, norms)) if n.strip()]


class Header:
    """Column positions of a header row, by the words of its cells."""

    def __init__(self, cells: list[Cell]):
        self.words = {c.col: compact(c.norm) for c in cells}

    def col(self, *needles: str) -> Optional[int]:
        return next((i for i, w in sorted(self.words.items()) if any(n in w for n in needles)), None)

    @property
    def has_operator(self) -> bool:
        return self.col("指标性质") is not None

    @property
    def has_weight(self) -> bool:
        return self.col("权重") is not None

    @property
    def has_core(self) -> bool:
        return self.col("是否核心") is not None


def is_header(cells: list[Cell]) -> bool:
    words = {compact(c.norm) for c in cells}
    return bool(words & {"三级指标", "指标名称"}) or any(w.startswith("指标性质") for w in words)


def join_text(parts: list[str]) -> str:
    """Wrapped fragments of one cell, joined; CJK text gets no joining space."""
    return "".join(p.strip() for p in parts if p.strip())


def _find_operator(cells: list[Cell], header: Header) -> tuple[Optional[int], Optional[str], list[str]]:
    """(position in cells, operator, tail cells) of the row's operator, if any."""
    for i, c in enumerate(cells):
        if c.kind == "op":
            return i, pc.operator_of(c.norm), [x.text for x in cells[i + 1:]]
    if not header.has_operator:  # 指标值 cells like "=12场次": operator glued to the value
        for i, c in enumerate(cells):
            glued = pc.split_operator(c.norm) if c.kind == "text" else None
            if glued and i > 0:
                value, unit = pc.split_value_unit(glued[1])
                tail = [value] + ([unit] if unit else []) + [x.text for x in cells[i + 1:]]
                return i, glued[0], tail
    return None, None, []


def indicator_from(line: int, prefix: list[Cell], op: Optional[str], tail: list[str], header: Header,
                   previous: Optional[Indicator]) -> tuple[Indicator, list[str]]:
    """An indicator from the cells left of its operator (levels, name) and right of it.

    Blank levels repeat the row above (`previous`), unless this row's own
    level names could not be placed.
    """
    problems: list[str] = []
    levels = [c for c in prefix if c.kind == "level"]
    texts = [c for c in prefix if c.kind == "text"]
    name = texts[-1] if texts and (not levels or texts[-1].col > levels[-1].col) else None
    l1, l2, level_problem = pc.assign_levels([c.norm for c in levels])
    ind = Indicator(line=line, lines=[line], level1=l1, level2=l2, level3=compact(name.text) if name else "", operator=op)
    if level_problem:
        problems.append(level_problem)
    else:
        pc.inherit_levels(ind, previous)
    if name is None:
        problems.append("indicator has no name (三级指标) printed")
    if op is None:
        problems.append(f"indicator {ind.level3!r} has no operator (指标性质) and no value")
        return ind, problems
    fields, tail_problems = pc.read_tail(op, tail, header.has_weight, header.has_core)
    for key, value in fields.items():
        setattr(ind, key, value)
    problems += [f"indicator {ind.level3!r}: {p}" for p in tail_problems]
    return ind, problems


def _goal_fragments(prefix: list[Cell]) -> list[str]:
    """Text cells left of the levels and the indicator name: wrapped goal text."""
    levels = [c.col for c in prefix if c.kind == "level"]
    texts = [c for c in prefix if c.kind == "text"]
    if texts and (not levels or texts[-1].col > levels[-1]):
        texts = texts[:-1]  # the indicator name
    limit = min(levels) if levels else None
    return [c.text for c in texts if limit is None or c.col < limit]


class _ProjectReader:
    """State while reading one project-performance table row by row."""

    def __init__(self, doc: Document, table: PerformanceTable):
        self.doc = doc
        self.table = table
        self.header: Optional[Header] = None
        self.unit: Optional[str] = None
        self.project: Optional[ProjectTarget] = None
        self.last: Optional[Indicator] = None
        self.problems: Problems = []

    def row(self, no: int, cells: list[Cell]) -> None:
        if is_header(cells):
            self.header = Header(cells)
            return
        if self.header is None:
            return
        k, op, tail = _find_operator(cells, self.header)
        prefix = cells if k is None else cells[:k]
        rest = self._project_cells(no, prefix, has_indicator=k is not None)
        if k is not None:
            self._indicator(no, rest, op, tail)
        elif any(c.kind in ("level", "dir") for c in cells):
            self._indicator(no, rest, None, [])
        else:
            self._continuation(no, rest)

    def _project_cells(self, no: int, prefix: list[Cell], has_indicator: bool) -> list[Cell]:
        """Start a project when the row prints one; return the cells not used for it."""
        units = [c for c in prefix if c.kind == "unit"]
        code = next((c for c in prefix if c.kind == "code"), None)
        amounts = [c for c in prefix if c.kind == "amount"]
        used: list[Optional[Cell]] = list(units)
        positional = None if code else self._positional_project(prefix)
        if code:
            m = _CODE.match(code.text) or _CODE.match(code.norm)
            amount = next((c for c in amounts if c.col > code.col), None)
            self._start(no, compact(m.group(2)), m.group(1), amount, units)
            used += [code, amount]
        elif positional:
            self._start(no, compact(positional[0].text), None, positional[1], units)
            used += list(positional)
        elif units and amounts and not has_indicator and len(prefix) == 2:
            self._total(no, amounts[0], units[0])
            return []
        elif amounts:
            self.problems.append((no, f"amount {amounts[0].text} printed without a project code or name; "
                                      "read as a project with no name"))
            self._start(no, "", None, amounts[0], units)
            used.append(amounts[0])
        if units:
            self.unit = compact(units[-1].text)
        return [c for c in prefix if c not in used and c.kind != "int"]

    def _positional_project(self, cells: list[Cell]) -> Optional[tuple[Cell, Cell]]:
        """(name, amount) cells of a template without project codes (002, 004)."""
        name_col = self.header.col("项目名称")
        amount_col = self.header.col("预算数", "预算金额")
        by_col = {c.col: c for c in cells}
        name, amount = by_col.get(name_col), by_col.get(amount_col)
        if name and amount and name.kind == "text" and amount.kind == "amount":
            return name, amount
        return None

    def _start(self, no: int, name: str, code: Optional[str], amount: Optional[Cell], units: list[Cell]) -> None:
        unit = compact(units[0].text) if units else self.unit
        self.project = ProjectTarget(line=no, lines=[no], code=code, name=name, unit_name=unit,
                                     amount=parse_amount(amount.norm) if amount else None)
        if amount is None:
            self.problems.append((no, f"project {name!r} has no amount printed"))
        self.table.projects.append(self.project)
        self.last = None

    def _total(self, no: int, amount: Cell, unit: Cell) -> None:
        if self.table.total is None and not self.table.projects:
            self.table.total = parse_amount(amount.norm)
        else:
            self.problems.append((no, f"unit row {unit.text} {amount.text} after the projects started; not read"))

    def _add_goal(self, no: int, parts: list[str]) -> None:
        if not parts:
            return
        if self.project is None:
            self.problems.append((no, f"goal text with no project: {join_text(parts)[:30]}"))
            return
        self.project.goal = join_text([self.project.goal or ""] + parts)
        if no not in self.project.lines:
            self.project.lines.append(no)

    def _indicator(self, no: int, prefix: list[Cell], op: Optional[str], tail: list[str]) -> None:
        self._add_goal(no, _goal_fragments(prefix))
        ind, problems = indicator_from(no, prefix, op, tail, self.header, self.last)
        self.problems += [(no, p) for p in problems]
        if self.last is not None and pc.same_indicator(ind, self.last):
            self.problems.append((no, f"indicator {ind.level3!r} repeats the row at line {self.last.line}"))
        if self.project is None:
            self.table.unattributed.append(ind)
        else:
            self.project.indicators.append(ind)
            if no not in self.project.lines:
                self.project.lines.append(no)
        self.last = ind

    def _continuation(self, no: int, cells: list[Cell]) -> None:
        """A line of wrapped fragments: goal text, or the rest of the last indicator's name or value."""
        goal_col = self.header.col("年度目标", "绩效目标")
        name_col = self.header.col("三级指标", "指标名称")
        value_col = self.header.col("指标值")
        goal: list[str] = []
        for c in cells:
            if goal_col is not None and c.col <= goal_col:
                goal.append(c.text)
            elif self.last is not None and c.col == name_col:
                self.last.level3 += compact(c.text)
                self.last.lines.append(no)
            elif self.last is not None and c.col == value_col and self.last.value is not None:
                self.last.value += c.text
                self.last.lines.append(no)
            else:
                self.problems.append((no, f"text fragment {c.text[:30]!r} in column {c.col} could not be placed"))
        self._add_goal(no, goal)


def table_lines(doc: Document, start: int, end: int) -> tuple[list[int], int]:
    """Lines of a table from its title up to (not including) end.

    After the header, the first non-empty line without a tab ends the table
    (a note such as 备注 or the next section's prose). Returns the lines with
    cells and the last line of the table.
    """
    rows: list[int] = []
    seen_header = False
    last = start
    for no in range(start, end):
        text = doc.line(no).norm
        if not text.strip():
            continue
        if "\t" not in text:
            if seen_header:
                break
            continue
        cells = cells_of(doc, no)
        seen_header = seen_header or is_header(cells)
        rows.append(no)
        last = no
    return rows, last


def read_projects(doc: Document, kind: str, start: int, end: int) -> tuple[PerformanceTable, Problems]:
    rows, last = table_lines(doc, start, end)
    table = PerformanceTable(kind=kind, line=start, end_line=last)
    reader = _ProjectReader(doc, table)
    for no in rows:
        reader.row(no, cells_of(doc, no))
    if reader.header is None:
        reader.problems.append((start, "no header row (指标名称/三级指标) found"))
    for p in table.projects:
        if not p.indicators:
            reader.problems.append((p.line, f"project {p.name!r} has no indicators (table cut off?)"))
    return table, reader.problems


def read_department(doc: Document, start: int, end: int) -> tuple[DepartmentTarget, Problems]:
    """部门整体支出绩效目标表: funds and their split, goal, tasks, indicators."""
    rows, last = table_lines(doc, start, end)
    target = DepartmentTarget(line=start, end_line=last)
    problems: Problems = []
    split_labels: Optional[list[str]] = None
    state = None
    header: Optional[Header] = None
    previous: Optional[Indicator] = None
    for no in rows:
        cells = cells_of(doc, no)
        words = [compact(c.norm) for c in cells]
        if any("资金总额" in w for w in words):
            split_labels = [w for w in words if "预算" not in w]
            state = None
        elif split_labels and all(c.kind == "amount" for c in cells):
            _read_split(target, no, split_labels, cells, problems)
            split_labels = None
        elif any(w.endswith("总体目标") or w.endswith("整体绩效目标") for w in words):
            target.goal = _TAGS.sub("", join_text([c.text for c in cells[1:]]))
            state = None
        elif "任务名称" in words:
            state = "tasks"
        elif is_header(cells) or "一级指标" in words:
            header, state = Header(cells), "indicators"
        elif state == "tasks":
            parts = [c for c in cells if compact(c.norm) != "年度主要任务"]
            if parts:
                target.tasks.append(Task(line=no, name=compact(parts[0].text), content=join_text([c.text for c in parts[1:]])))
        elif state == "indicators":
            k, op, tail = _find_operator(cells, header)
            prefix = cells if k is None else cells[:k]
            ind, found = indicator_from(no, [c for c in prefix if c.kind != "int"], op, tail, header, previous)
            problems += [(no, p) for p in found]
            target.indicators.append(ind)
            previous = ind
    return target, problems


def _read_split(target: DepartmentTarget, no: int, labels: list[str], cells: list[Cell], problems: Problems) -> None:
    """资金总额 / 财政拨款 / 其他资金: labels and amounts are matched in printed order."""
    if len(labels) != len(cells):
        problems.append((no, f"{len(cells)} amounts for {len(labels)} fund labels ({'、'.join(labels)}); split not read"))
        return
    for label, cell in zip(labels, cells):
        amount = parse_amount(cell.norm)
        if label == "资金总额":
            target.total = amount
        else:
            target.split[label] = amount if amount is not None else Decimal(0)
