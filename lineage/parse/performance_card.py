"""Project performance targets printed as one card per project (PDF).

Many provinces print each project's 绩效目标表 as a form rather than a list (福州 单位预算,
国家信访局, 烟台): "项目名称 X", the 主管部门 and 实施单位, "资金总额 44.47", a 年度目标 paragraph,
then a grid "一级指标 | 二级指标 | 三级指标 | 指标值 (| 分值)" whose merged level cells and wrapped
names span several printed lines (read by lineage.parse.performance_grid).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Optional

from lineage.amounts import is_amount_cell, parse_amount
from lineage.model import DepartmentTarget, PerformanceTable, ProjectTarget, Task
from lineage.parse.performance_goals import list_rows
from lineage.parse.performance_grid import Columns, centre, is_header, read_grid, words_of
from lineage.read import Document, compact
from lineage.read.pdf import Word

Problems = list[tuple[int, str]]

_NAME = re.compile(r"^项目名称")
# Labels printed on the 项目名称 line after the name: the name stops there.
_AFTER_NAME = re.compile(r"^(主管部门|实施单位|项目编码|项目代码|项目类别|单位名称|预算单位)")
_AMOUNT = re.compile(r"资金总额")
_GOAL = re.compile(r"^(年度)?(总体)?目标")


def is_card(doc: Document, start: int, end: int) -> bool:
    """A PDF region whose projects are cards: a line opening with the label 项目名称 (not a list's
    header "项目名称 … 指标") and a grid headed 三级指标 / 指标值 below it."""
    norms = [compact(doc.line(n).norm) for n in range(start, end)]
    return bool(doc.pages) and any(_NAME.match(t) and "指标" not in t for t in norms) and any(map(is_header, norms))


def read_projects(doc: Document, kind: str, start: int, end: int) -> tuple[list[PerformanceTable], Problems]:
    """One table holding the region's projects, a project per card."""
    table = PerformanceTable(kind=kind, line=start, end_line=end - 1, cards=True)
    problems: Problems = []
    cards = [n for n in range(start, end) if _NAME.match(compact(doc.line(n).norm)) and "指标" not in doc.line(n).norm]
    for i, first in enumerate(cards):
        last = cards[i + 1] if i + 1 < len(cards) else end
        project, found = _card(doc, first, last)
        if not (project.name or project.amount is not None or project.indicators):
            continue  # a blank form (西安 表16: labels and level names, nothing filled in): the table is empty
        table.projects.append(project)
        problems += found
    return [table], problems


def _name(doc: Document, first: int) -> tuple[str, int]:
    """The project's name right of its 项目名称 label, and its line: on the label's line, or (福州: the
    name printed a little above the label, in the same cell) on the nearest line beside it."""
    words = words_of(doc, first)
    label = words[0]

    def named(line_words: list[Word]) -> str:
        out = []
        for w in line_words:
            text = compact(w.norm)
            if _AFTER_NAME.match(text):
                break
            out.append(_NAME.sub("", text))
        return "".join(out)

    same = named(words[1:] if compact(label.norm) == "项目名称" else words)
    if same:
        return same, first
    height = label.bottom - label.top
    beside = []
    for no in (first - 1, first + 1):
        ws = [w for w in words_of(doc, no) if w.x0 >= label.x1 - 1] if 0 < no <= len(doc.lines) else []
        if ws and abs((ws[0].top + ws[0].bottom) - (label.top + label.bottom)) / 2 < 2 * height:
            beside.append((ws[0].x0 - label.x1, no, named(ws)))
    if not beside:
        return "", first
    _, no, name = min(beside)
    return name, no


def _card(doc: Document, first: int, end: int) -> tuple[ProjectTarget, Problems]:
    name, name_line = _name(doc, first)
    project = ProjectTarget(line=name_line, lines=list(range(min(first, name_line), end)), name=name)
    header: Optional[int] = None
    for no in range(first + 1, end):
        norm = compact(doc.line(no).norm)
        if project.amount is None and _AMOUNT.search(norm):
            project.amount = _first_amount(words_of(doc, no), after=_AMOUNT)
        if is_header(norm):
            header = no
            break
    if header is None:
        return project, [(first, f"项目「{project.name}」的绩效目标表没有指标表头（三级指标/指标值），未读取指标")]
    project.goal = _labelled_goal(doc, first, header)
    project.indicators = read_grid(doc, header, end)
    return project, []


def _first_amount(words: list[Word], after: re.Pattern) -> Optional[Decimal]:
    seen = False
    for w in words:
        text = compact(w.norm)
        if after.search(text):
            seen = True
            rest = after.split(text, 1)[1].lstrip("：:")
            if rest and is_amount_cell(rest):
                return parse_amount(rest)
            continue
        if seen and is_amount_cell(text):
            return parse_amount(text)
    return None


def _goal_label(doc: Document, first: int, header: int) -> list[Word]:
    """The words of the card's 年度目标 label: one word ("年度目标", "总体目标"), or one character a line
    (国家信访局 "年 / 度 / 总 / 体 / 目 / 标", 西安 "年 / 度 / 目 / 标") at the card's left edge."""
    words = [w for no in range(first + 1, header) for w in words_of(doc, no)]
    whole = [w for w in words if _GOAL.fullmatch(compact(w.norm))]
    if whole:
        return whole[:1]
    singles = [w for w in words if len(compact(w.norm)) == 1]
    if not singles:
        return []
    x = min(w.x0 for w in singles)
    label = sorted((w for w in singles if abs(w.x0 - x) < 3), key=lambda w: w.top)
    return label if _GOAL.fullmatch("".join(compact(w.norm) for w in label)) else []


def _labelled_goal(doc: Document, first: int, header: int) -> Optional[str]:
    """The 年度目标 paragraph: the text right of its label, between the rules that close the label's
    cell (the label sits centred beside a paragraph of several lines). Without rules the cell's extent
    is unknown and only the text on the label's own line is read."""
    label = _goal_label(doc, first, header)
    if not label:
        return None
    page = doc.pages[doc.line(label[0].line).page - 1]
    centre = (label[0].x0 + label[0].x1) / 2
    crossing = [y for y, x0, x1 in page.hrules if x0 <= centre <= x1]
    above = [y for y in crossing if y <= label[0].top]
    below = [y for y in crossing if y >= label[-1].bottom]
    right = max(w.x1 for w in label)
    if above and below:
        top, bottom = max(above), min(below)
        words = [w for w in page.words if w.x0 > right and top <= (w.top + w.bottom) / 2 <= bottom]
    else:
        words = [w for w in words_of(doc, label[0].line) if w.x0 > right]
    return "".join(compact(w.norm) for w in sorted(words, key=lambda w: (w.line, w.x0))) or None


# The 部门整体 card's task list (西安 表15): "任务名称 | 主要内容 | 预算金额（万元）: 总额 财政拨款 其他资金".
_TASK_COLUMNS = ((re.compile(r"^任务名称$"), "name"), (re.compile(r"^主要内容$"), "content"),
                 (re.compile(r"^(总额|合计|小计)$"), "amount"), (re.compile(r"^财政拨款$"), "财政拨款"),
                 (re.compile(r"^其他资金$"), "其他资金"))
_TASK_TOTAL = re.compile(r"^(金额)?合计")


def is_department_card(doc: Document, start: int, end: int) -> bool:
    """A PDF 部门整体支出绩效目标表 printed as a form: its indicators under a grid header."""
    return bool(doc.pages) and any(is_header(compact(doc.line(n).norm)) for n in range(start, end))


def read_department(doc: Document, start: int, end: int) -> tuple[DepartmentTarget, Problems]:
    """The department-wide card: its tasks with their money, the 金额合计 row, the goal beside its
    label and the indicator grid."""
    target = DepartmentTarget(line=start, end_line=end - 1, split_unit="万元")
    header = next(n for n in range(start, end) if is_header(compact(doc.line(n).norm)))
    heading = next((n for n in range(start, header) if "任务名称" in compact(doc.line(n).norm)), None)
    if heading is not None:
        found = [(f, w) for no in (heading - 1, heading, heading + 1) for w in words_of(doc, no)
                 for p, f in _TASK_COLUMNS if p.match(compact(w.norm))]
        columns = Columns(found, doc.pages[doc.line(heading).page - 1])
        if "amount" in columns.centres:
            rows = list_rows(doc, columns, heading + 2, header, _TASK_TOTAL)
            target.tasks = [Task(line=r.line, name=r.texts.get("name", ""), content=r.texts.get("content", ""))
                            for r in rows]
            _task_total(doc, target, columns, heading + 2, header)
    target.goal = _labelled_goal(doc, start, header)
    target.indicators = read_grid(doc, header, end)
    return target, []


def _task_total(doc: Document, target: DepartmentTarget, columns: Columns, first: int, header: int) -> None:
    """The 金额合计 row under the tasks: the total and its 财政拨款 / 其他资金."""
    for no in range(first, header):
        if not _TASK_TOTAL.match(compact(doc.line(no).norm)):
            continue
        for w in words_of(doc, no):
            text = compact(w.norm)
            column = columns.field_of(centre(w))
            if is_amount_cell(text) and column == "amount":
                target.total = parse_amount(text)
            elif is_amount_cell(text) and column in ("财政拨款", "其他资金"):
                target.split[column] = parse_amount(text)
        return

