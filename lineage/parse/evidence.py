"""What the rest of a disclosure says about the cells the flattened layout lost.

`placement` places a row's printed amounts by its own table's arithmetic. Often
that leaves several placements, and another part of the same document prints
the quantity that decides: 表3 prints the 一般公共预算 total that 表2's 本年支出
splits by fund, 表3-1 prints the 一般公共预算 基本支出 of every economic subject
that 表2-1 splits by group and fund, the explanation text lists which economic
subjects make up 人员经费 and which 公用经费. Each such statement is a `Pin`: the
sum of some cells of one row equals a figure printed elsewhere (a cell the other
table leaves blank is a zero). A pin keeps the candidates that agree with it
and the row's note names where it came from; a pin no candidate agrees with
decides nothing (the checks report that disagreement, the parser does not).

Economic 类 rows printed by name only ("  工资福利支出" in 表2-1) take their code
from the document itself, where another table prints it ("301 工资福利支出").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from fnmatch import fnmatchcase
from typing import Iterator, Optional

from lineage.model import Disclosure, Row, Table
from lineage.parse.codes import ECONOMIC
from lineage.parse.reconcile import ORDINAL
from lineage.read import compact
from lineage.tableview import item_rows, total_row, undetermined
from lineage.vocab import spec



def _economic(table: Table) -> bool:
    """A table whose rows the vocabulary says are economic subjects (表2-1, 表3-1 …)."""
    s = spec(table.kind)
    return s is not None and s.scheme == ECONOMIC


@dataclass
class Pin:
    """The cells `columns` of `row` add up to `value`, as `where` prints it."""

    table: Table
    row: Row
    columns: tuple[str, ...]
    value: Decimal
    where: str  # "表3第478行", "说明第293行"


# ---------------------------------------------------------------- codes by name


def codes_from_names(d: Disclosure) -> None:
    """Give an economic row printed by name only the code the document prints with that name.

    A name printed with two different codes decides nothing. The row keeps
    `code_printed` None and records the line in `code_line`.
    """
    printed: dict[str, set[str]] = {}
    line_of: dict[tuple[str, str], int] = {}
    for t in d.tables:
        if not _economic(t):
            continue
        for r in item_rows(t):
            if r.code and r.scheme == ECONOMIC and not r.code_garbled:
                key = compact(r.name)
                printed.setdefault(key, set()).add(r.code)
                line_of.setdefault((key, r.code), r.line)
    for t in d.tables:
        if not _economic(t):
            continue
        for r in item_rows(t):
            codes = printed.get(compact(r.name), set())
            if r.code is None and not r.code_printed and len(codes) == 1:
                r.code = next(iter(codes))
                r.scheme = ECONOMIC  # type: ignore[assignment]
                r.code_line = line_of[(compact(r.name), r.code)]


# ---------------------------------------------------------------- reading other tables


def stated(table: Optional[Table], row: Optional[Row], column: str) -> Optional[Decimal]:
    """The amount a placed cell holds (blank = 0); None when unknown or not a column of the table.

    An empty table (此表无数据) states zero for its total.
    """
    if table is None or table.duplicate_of is not None:
        return None
    if table.empty and row is None:
        return Decimal(0) if column in table.columns or not table.columns else None
    if row is None or column not in table.columns or column in undetermined(row):
        return None
    return row.values.get(column, Decimal(0))


def _where(table: Table, row: Optional[Row]) -> str:
    number = f"表{table.number}" if table.number else table.title
    return f"{number}第{row.line}行" if row is not None else f"{number}（第{table.line}行：无数据）"


# Same quantity in two tables, about their 合计 rows: (table, its row, its cells as
# column patterns — "*" is any 当年/提前通知/上年结转 group —, other table, its column).
# 表2's 本年支出 is the heading of its expenditure side.
SAME_TOTALS: list[tuple[str, str, str, str, str]] = [
    ("fiscal_summary", "heading", "一般公共预算", "gp_by_function", "合计"),
    ("fiscal_summary", "heading", "政府性基金预算", "fund_by_function", "合计"),
    ("fiscal_summary", "heading", "国有资本经营预算", "soe_by_function", "合计"),
    ("fiscal_by_economic", "total", "*/一般公共预算拨款/小计", "gp_by_function", "合计"),
    ("fiscal_by_economic", "total", "当年财政拨款安排/一般公共预算拨款/小计", "gp_by_function", "当年财政拨款安排"),
    ("fiscal_by_economic", "total", "上年结转安排/一般公共预算拨款/小计", "gp_by_function", "上年结转安排"),
    ("fiscal_by_economic", "total", "*/一般公共预算拨款/基本支出", "gp_by_function", "基本支出"),
    ("fiscal_by_economic", "total", "*/一般公共预算拨款/项目支出", "gp_by_function", "项目支出"),
    ("fiscal_by_economic", "total", "*/一般公共预算拨款/基本支出", "gp_basic_by_economic", "合计"),
    ("fiscal_by_economic", "total", "*/一般公共预算拨款/项目支出", "gp_projects", "金额"),
    ("fiscal_by_economic", "total", "*/政府性基金安排/小计", "fund_by_function", "合计"),
    ("fiscal_by_economic", "total", "*/政府性基金安排/基本支出", "fund_by_function", "基本支出"),
    ("fiscal_by_economic", "total", "*/政府性基金安排/项目支出", "fund_by_function", "项目支出"),
    ("fiscal_by_economic", "total", "*/国有资本经营预算安排/小计", "soe_by_function", "合计"),
]

# Same quantity for one economic subject: 表2-1's cells of a subject, and the 表3-1 row of it.
SAME_SUBJECTS: list[tuple[str, str, str, str]] = [
    ("fiscal_by_economic", "*/一般公共预算拨款/基本支出", "gp_basic_by_economic", "合计"),
]

# Tables whose rows other tables pin: placed once those tables are.
PINNED_KINDS = {kind for kind, *_ in SAME_TOTALS} | {kind for kind, *_ in SAME_SUBJECTS}



def _heading(table: Table) -> Optional[Row]:
    """The first expenditure heading ("一、本年支出") of a two-sided table."""
    return next((r for r in table.rows if r.side == "expenditure" and r.printed and ORDINAL.match(r.name)
                 and "支出" in r.name), None)


def _cells(table: Table, pattern: str) -> tuple[str, ...]:
    return tuple(c for c in table.columns if fnmatchcase(c, pattern))


def _usable(d: Disclosure, kind: str) -> Optional[Table]:
    t = d.table(kind)
    return t if t is not None and t.duplicate_of is None else None


def table_pins(d: Disclosure) -> Iterator[Pin]:
    """Pins from another table printing the same total or the same subject's amount."""
    for kind, which, pattern, other_kind, column in SAME_TOTALS:
        table, other = _usable(d, kind), _usable(d, other_kind)
        if table is None or other is None:
            continue
        row = _heading(table) if which == "heading" else total_row(table)
        cells = _cells(table, pattern)
        source = None if other.empty else total_row(other)
        value = stated(other, source, column)
        if row is not None and cells and value is not None:
            yield Pin(table, row, cells, value, _where(other, source))
    for kind, pattern, other_kind, column in SAME_SUBJECTS:
        table, other = _usable(d, kind), _usable(d, other_kind)
        if table is None or other is None or other.empty:
            continue
        cells = _cells(table, pattern)
        match = _matcher(item_rows(other), item_rows(table))
        for row in item_rows(table):
            source = match(row)
            value = stated(other, source, column)
            if source is not None and cells and value is not None:
                yield Pin(table, row, cells, value, _where(other, source))


def _matcher(rows: list[Row], ours: list[Row]):
    """Find the row of `rows` for the same subject as a row of `ours`.

    By printed code when each table prints it once (names may vary: "公务员医疗
    补助" / "公务员医疗补助缴费"), else by a name printed once, whose code does not
    contradict (001's 表2-1 prints "301 12" on 医疗补助缴费, 表3-1 "301 12 3011201").
    """
    def index(rs: list[Row], key) -> dict[str, list[Row]]:
        out: dict[str, list[Row]] = {}
        for r in rs:
            if key(r):
                out.setdefault(key(r), []).append(r)
        return out

    printed = lambda r: r.code if r.code_printed else None  # noqa: E731
    by_code, our_codes = index(rows, printed), index(ours, printed)
    by_name = index(rows, lambda r: compact(r.name))

    def match(row: Row) -> Optional[Row]:
        same_code = by_code.get(printed(row) or "", [])
        if len(same_code) == 1 and len(our_codes[row.code]) == 1:  # type: ignore[index]
            return same_code[0]
        found = by_name.get(compact(row.name), [])
        if len(found) != 1:
            return None
        other = found[0]
        if row.code and other.code and not (other.code.startswith(row.code) or row.code.startswith(other.code)):
            return None
        return other

    return match


# ---------------------------------------------------------------- the explanation text


def _claims(d: Disclosure, kind: str = "amount"):
    for c in d.claims:
        if c.kind == kind and c.unit == d.amount_unit and (not d.year or c.year == d.year):
            yield c


_LISTED = re.compile(r"主要(?:包括|用于|是)[:：](.+?)(?:等(?:支出)?)?[。；;]?$")
_SPLIT = re.compile(r"[、，,；;]")


def listed_names(text: str) -> list[str]:
    """Names the text lists after 主要包括 (each also split at 和, since 和 joins the last one).

    >>> listed_names("公用经费15.00万元,主要包括:办公费、水费和其他商品服务支出。")
    ['办公费', '水费和其他商品服务支出', '水费', '其他商品服务支出']
    """
    m = _LISTED.search(compact(text))
    if not m:
        return []
    pieces = [p for p in _SPLIT.split(m.group(1)) if p]
    return pieces + [x for p in pieces if "和" in p for x in p.split("和") if x]


def _same_name(listed: str, name: str) -> bool:
    """A listed name and a row name for the same subject: equal without 和, or one a longer prefix of the other.

    >>> _same_name("其他商品服务支出", "其他商品和服务支出"), _same_name("公务员医疗补助", "公务员医疗补助缴费")
    (True, True)
    >>> _same_name("奖金", "奖金津贴")
    False
    """
    a, b = listed.replace("和", ""), compact(name).replace("和", "")
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return len(short) >= 4 and long.startswith(short)


# Claim subjects whose text lists the economic subjects in one column of 表3-1.
LISTS: list[tuple[str, str, str]] = [
    ("personnel", "gp_basic_by_economic", "人员经费"),
    ("public", "gp_basic_by_economic", "公用经费"),
]


def list_pins(d: Disclosure) -> Iterator[Pin]:
    """A subject the text lists under 人员经费 only (or 公用经费 only) has its 合计 in that column."""
    by_table: dict[str, dict[str, tuple[list[str], int]]] = {}
    for subject, kind, column in LISTS:
        for c in _claims(d):
            names = listed_names(c.text) if c.subject == subject else []
            if names:
                by_table.setdefault(kind, {})[column] = (names, c.line)
    for kind, lists in by_table.items():
        table = _usable(d, kind)
        if table is None or len(lists) < 2:
            continue
        for row in item_rows(table):
            total = row.values.get("合计")
            if not row.ambiguous or total is None:
                continue
            hits = [col for col, (names, _) in lists.items() if any(_same_name(n, row.name) for n in names)]
            if len(hits) == 1:
                yield Pin(table, row, (hits[0],), total, f"说明第{lists[hits[0]][1]}行")


def function_pins(d: Disclosure) -> Iterator[Pin]:
    """The text's amount for a 项 of the 一般公共预算当年拨款 is that row's 当年财政拨款安排 cell.

    Only when the text's own total says 当年 ("一般公共预算当年拨款584.91万元"):
    then "…机关事业单位职业年金缴费支出（项）2023 年预算数为 18.5万元" under it
    is this year's money, not the 上年结转.
    """
    table = _usable(d, "gp_by_function")
    column = "当年财政拨款安排"
    if table is None or column not in table.columns:
        return
    if not any(c.subject == "gp_total" and "当年" in c.subject_label for c in _claims(d)):
        return
    names: dict[str, list[Row]] = {}
    for r in item_rows(table):
        names.setdefault(compact(r.name), []).append(r)
    for c in _claims(d):
        if c.scope != "gp_total":
            continue
        if c.subject.startswith("function:"):
            rows = [r for r in item_rows(table) if r.code == c.subject.split(":", 1)[1]]
        elif c.subject.startswith("function_name:") and "/" in c.subject:
            rows = names.get(compact(c.subject.rsplit("/", 1)[1]), [])
        else:
            continue
        if len(rows) == 1:
            yield Pin(table, rows[0], (column,), c.value, f"说明第{c.line}行")
