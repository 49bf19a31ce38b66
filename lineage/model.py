"""The data model of one parsed disclosure.

Everything a parser produces lands here, and nothing here is computed: a
`Row` holds what the document prints, a `Problem` holds what the parser could
not decide or could not read. The checks (lineage.checks) compare these
values; they never live in the model.

Amounts are `Decimal` parsed from the printed text, so "150.00" stays
"150.00" (its printed scale is part of the evidence). Every amount carries its
provenance through the `Row` it sits in: the disclosure's source file, the
table (kind + printed number), the row index and the line number(s).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal, Optional

from pydantic import BaseModel, Field

Scheme = Literal["functional", "economic"]
AmountUnit = Literal["万元", "元"]
# Budgets (预算) and the final accounts (决算) the same units publish, for a 部门
# (the department with its units) or a single 单位.
DisclosureKind = Literal["部门预算", "单位预算", "部门决算", "单位决算"]

# Row roles: what a printed row is, as far as the layout tells.
#   total        the table's own 合计/总计 row
#   total_repeat a bare repetition of the total row (the PDFs print it twice)
#   unit         the row naming the unit (单位/部门) with its amounts
#   subject      a classified row (functional or economic code, or a class name)
#   project      a project row (项目支出表)
#   item         a labelled line of a two-sided summary table (收支总表)
# "subtotal": a row totalling part of its table, named by the vocabulary (TableSpec.subtotals:
# the 基本支出决算表's 人员经费合计 / 公用经费合计); neither an item nor the table's total.
RowRole = Literal["total", "total_repeat", "unit", "subject", "project", "item", "subtotal"]


class Source(BaseModel):
    """The file a disclosure was read from."""

    path: str
    sha256: str
    encoding: str = "utf-8"


class Provenance(BaseModel):
    """Where one amount was printed. Used as evidence in findings."""

    file: str
    table: Optional[str] = None  # table kind, or None for explanation text
    table_number: Optional[str] = None
    row: Optional[int] = None  # index of the row in Table.rows
    line: int
    page: Optional[int] = None  # PDF page of the line; None for text files
    text: str = ""


class Row(BaseModel):
    """One printed row of a budget table.

    `values` maps a column name (from `Table.columns`) to the amount printed
    in it. A blank cell is simply absent. When the layout lost the cell
    positions and the table's arithmetic does not decide which column a value
    belongs to, `ambiguous` is true, `values` holds only the placements that
    all candidates agree on, and `candidates` lists every placement that
    satisfies the arithmetic.
    """

    index: int
    line: int
    lines: list[int] = Field(default_factory=list)  # every line the row spans
    page: Optional[int] = None  # PDF page of `line`; None for text files
    role: RowRole = "subject"
    side: Optional[Literal["income", "expenditure"]] = None  # two-sided tables
    code: Optional[str] = None  # digits only, e.g. "2060701", "30102"
    code_printed: Optional[str] = None  # as printed, e.g. "206 07 01"
    scheme: Optional[Scheme] = None
    code_garbled: bool = False  # printed code cannot be read (e.g. "3 0")
    name: str = ""
    unit_code: Optional[str] = None
    values: dict[str, Decimal] = Field(default_factory=dict)
    printed: list[str] = Field(default_factory=list)  # amounts in print order
    ambiguous: bool = False
    candidates: list[dict[str, Decimal]] = Field(default_factory=list)
    note: Optional[str] = None  # how a placement was decided, when not by position
    depth: Optional[int] = None  # indentation level as printed, when the layout shows it (RawRow.depth)
    code_line: Optional[int] = None  # a code not printed on this row: the line that prints it with this name
    # A two-sided summary printing one side several times, each panel classifying the same money another
    # way (西安 表1: 支出 by function | by 部门预算 economic class | by 政府预算 economic class): the heading of
    # the further panel this row belongs to. None on a side's first panel, which alone states the side.
    panel: Optional[str] = None
    # What the columns describing the row print (TableSpec.describing, 项目类别 …): header → text as printed
    # (西安 政府采购: {"采购目录": "C05040300保安服务", "数量": "1"}); also in `note`, for people.
    described: dict[str, str] = Field(default_factory=dict)


class Table(BaseModel):
    """One budget table as printed."""

    kind: str
    number: Optional[str] = None  # printed number: "1-1", "3", "一", "表十二"
    title: str
    line: int
    end_line: int
    page: Optional[int] = None  # PDF page of the title line; None for text files
    empty: bool = False  # the document says the table has no content
    # The unit its amounts are printed in, from the table's own 单位 line ("单位：元");
    # None when the table prints none (then the disclosure's amount_unit applies).
    unit: Optional[AmountUnit] = None
    columns: list[str] = Field(default_factory=list)
    rows: list[Row] = Field(default_factory=list)
    duplicate_of: Optional[int] = None  # line of an earlier copy of this table


class ContentsEntry(BaseModel):
    """One table the document's own contents list (目录) names, as printed.

    `kind` is None for a title the vocabulary does not know; `number` is the
    entry's printed number ("1", "1-1", "七") when it has one: in some templates
    (Shanghai) the 目录 is the only place a table's number is printed.
    """

    line: int
    title: str
    kind: Optional[str] = None
    number: Optional[str] = None
    printed: Optional[int] = None  # the line the table it names is printed at; None when it is not
    page: Optional[int] = None  # PDF page of `line`; None for text files


class CoveredUnit(BaseModel):
    """A unit a 部门 document says it covers (本部 and its 下属单位), with its line."""

    line: int
    name: str


class Problem(BaseModel):
    """Something the parser could not read or decide, with its place."""

    file: str
    line: int
    message: str
    page: Optional[int] = None  # PDF page of the line; None for text files
    table: Optional[str] = None
    severity: Literal["error", "warning", "info"] = "warning"


class Indicator(BaseModel):
    """One performance indicator (绩效指标) as printed.

    Levels left blank because they repeat the row above are filled from that
    row and `inherited` lists which were. `project` is the index of the
    project in its PerformanceTable, or None when the text does not support
    attributing it (then it sits in `unattributed`).
    """

    line: int
    lines: list[int] = Field(default_factory=list)
    level1: Optional[str] = None  # 一级指标: 产出指标, 效益指标 …
    level2: Optional[str] = None  # 二级指标: 数量指标 …
    level3: str = ""  # 三级指标: the indicator itself
    operator: Optional[str] = None  # normalised: = ≥ ≤ > < 定性
    value: Optional[str] = None  # 指标值 as printed
    unit: Optional[str] = None  # 度量单位
    weight: Optional[Decimal] = None  # 权重
    direction: Optional[str] = None  # 正向 / 反向, where printed
    core: Optional[bool] = None  # 是否核心 (core indicator), where printed
    inherited: list[str] = Field(default_factory=list)
    # An unattributed indicator: the lines of the projects it may belong to, and what the
    # text does say (which indicators belong together, why the project stays open).
    candidates: list[int] = Field(default_factory=list)
    note: Optional[str] = None


class ProjectTarget(BaseModel):
    """A project's performance target: its money, goal and indicators."""

    line: int
    lines: list[int] = Field(default_factory=list)
    code: Optional[str] = None  # e.g. 51340022T000000278902
    name: str
    unit_name: Optional[str] = None
    amount: Optional[Decimal] = None
    goal: Optional[str] = None
    indicators: list[Indicator] = Field(default_factory=list)


class PerformanceTable(BaseModel):
    kind: str  # project_performance | special_fund_performance
    line: int
    end_line: int
    empty: bool = False
    duplicate_of: Optional[int] = None  # line of the earlier copy when printed twice
    total: Optional[Decimal] = None  # a unit/department total row, where printed
    # Printed one card per project (福州, 国家信访局, 西安): a document prints cards for the projects it
    # chooses, so the cards' amounts add up to no table's figure.
    cards: bool = False
    # The projects the document chose to show (cards, a 重点项目 list): their amounts add up to no table's figure.
    selection: bool = False
    projects: list[ProjectTarget] = Field(default_factory=list)
    unattributed: list[Indicator] = Field(default_factory=list)


class Task(BaseModel):
    line: int
    name: str
    content: str = ""


class DepartmentTarget(BaseModel):
    """部门整体支出绩效目标: total, its split, annual tasks, indicators."""

    line: int
    end_line: int
    total: Optional[Decimal] = None
    split: dict[str, Decimal] = Field(default_factory=dict)  # 财政拨款, 其他资金, 基本支出 …
    split_unit: Optional[AmountUnit] = None  # 001 prints this table in 元
    goal: Optional[str] = None
    tasks: list[Task] = Field(default_factory=list)
    indicators: list[Indicator] = Field(default_factory=list)


class Performance(BaseModel):
    tables: list[PerformanceTable] = Field(default_factory=list)
    department: Optional[DepartmentTarget] = None


# "execution": a 决算 statement of budget against actual ("年初预算为 X 万元，支出决算为 Y 万元，完成年初
# 预算的 Z%"): value = 决算数, previous = 预算数, rate = the stated %, direction = "决算数小于/大于/等于预算数".
ClaimKind = Literal["amount", "share", "change", "count", "execution"]


class Claim(BaseModel):
    """A figure stated in the explanation text (情况说明), as data.

    `subject` is a stable key the checks understand, e.g. "income_total",
    "expenditure_total", "fiscal_total", "gp_total", "basic", "project",
    "personnel", "public", "three_public", "three_public.abroad",
    "three_public.car", "three_public.car_purchase", "three_public.car_running",
    "three_public.reception", "operating_costs" (机关运行经费), "procurement",
    "procurement.goods|works|services", "source:<income column>",
    "function:<code>" (类/款/项 by code), "function_name:<名称>" (by name when no
    code is printed), "project_count", "performance_projects", "carryover:<fund>" (a part
    of 上年结转), "carryforward" (年终结转结余), "use:<支出总表 column>" (事业单位经营支出 …),
    "economic_name:<名称>" (会议费, 培训费, 委托业务费, 对个人和家庭的补助),
    "economic_class:<3xx>" / "gov_economic_class:<5xx>" (a 类 of the 部门/政府预算支出经济分类).
    A change keeps the stated difference (`value`), the stated previous value
    (`previous`) and direction, so the arithmetic can be checked.
    """

    line: int
    lines: list[int] = Field(default_factory=list)
    page: Optional[int] = None  # PDF page of `line`; None for text files
    text: str  # the sentence (or clause) the figure comes from
    subject: str
    subject_label: str = ""  # the words the text uses
    kind: ClaimKind
    value: Decimal
    unit: str  # 万元, 元, %, 个, 辆 …
    year: Optional[int] = None
    previous: Optional[Decimal] = None  # for changes: the stated previous value
    previous_year: Optional[int] = None
    direction: Optional[Literal["increase", "decrease", "flat"]] = None
    of: Optional[str] = None  # for shares: the subject it is a share of
    # The total a part is listed under ("fiscal_total" for 科学技术支出 listed after
    # 财政拨款收支预算总数; "gp_total/basic" for 人员经费), None for a total itself.
    scope: Optional[str] = None
    note: Optional[str] = None  # how the figure was read, when not as printed (a unit not printed)
    rate: Optional[Decimal] = None  # execution: the stated rate of the budget executed (完成预算的 %)


class Disclosure(BaseModel):
    """A parsed disclosure: identity, tables and parse problems."""

    id: str
    unit_name: str
    unit_code: Optional[str] = None
    year: Optional[int] = None
    kind: DisclosureKind = "部门预算"
    amount_unit: AmountUnit = "万元"
    layout: str
    source: Source
    tables: list[Table] = Field(default_factory=list)
    # The template family its tables follow (lineage.vocab.families), None when unknown.
    family: Optional[str] = None
    # Tables the document's own contents list (目录) names, in printed order.
    contents: list[ContentsEntry] = Field(default_factory=list)
    # Tables printed under a title the vocabulary does not know: reported, never read.
    unrecognised: list[ContentsEntry] = Field(default_factory=list)
    # Units a 部门 document says it covers ("本部门预算包括…"), in printed order.
    covers: list[CoveredUnit] = Field(default_factory=list)
    performance: Performance = Field(default_factory=Performance)
    claims: list[Claim] = Field(default_factory=list)
    problems: list[Problem] = Field(default_factory=list)

    def table(self, kind: str) -> Optional[Table]:
        """The first table of this kind, or None."""
        for t in self.tables:
            if t.kind == kind and t.duplicate_of is None:
                return t
        return None
