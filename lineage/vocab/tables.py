"""Table kinds as data: how each is titled, its columns, sums, sides, unit and facts.

Provinces print the same tables under many titles ("部门收支总表", "单位收支总表",
"重庆市科学技术协会部门收支总表", Shanghai's "2026年部门财务收支预算总表") and
numberings (表1, 公开表 1-1, 表一, only in the 目录). The kind name is what the
rest of the project uses; a title is only evidence. One `TableSpec` per kind
holds everything known about it, so parse, checks, graph and report read the
same facts, and a new province's wording is a new title variant or synonym
here, not code in a parser.

`SPECS` is in recognition order: a title is matched against the specs from
first to last, so the more specific titles come first ("一般公共预算财政拨款
基本支出决算表" before "支出决算表", "财政拨款收支预算总表" before "收支预算总表").

Column keys of the 部门决算 tables (phase="actual"), which the model, graph and
compare code read by these names:

* balances — ``年初结转和结余``, ``本年收入``, ``本年支出``, ``年末结转和结余``
  (政府性基金/国有资本经营 决算表; ``本年支出`` is the 合计 under 本年支出, its parts
  ``基本支出``/``项目支出``); a row obeys 年初 + 本年收入 − 本年支出 = 年末 (`balance`).
* budget/actual pairs — ``<item>/预算数`` and ``<item>/决算数``: one pair per item
  (`pairs`), the item being the budget table's own canonical column, so the
  决算's 三公 table reads "合计/预算数", "合计/决算数", "因公出国（境）费用/决算数",
  "公务用车购置及运行费/小计/决算数", "公务用车购置及运行费/公务用车购置费/预算数",
  "公务用车购置及运行费/公务用车运行费/决算数", "公务接待费/预算数" … and
  ``gp_three_public``'s "公务接待费" is compared with "公务接待费/预算数".
* one-amount tables — ``决算数`` (收入支出决算总表 both sides, the income side of
  财政拨款收入支出决算总表, each panel of 一般公共预算财政拨款基本支出决算表).
* by fund — ``合计``, ``一般公共预算财政拨款``, ``政府性基金预算财政拨款``,
  ``国有资本经营预算财政拨款`` (the expenditure side of 财政拨款收入支出决算总表).
* by use — ``合计``/``本年支出合计``/``本年收入合计`` with ``基本支出``, ``项目支出``,
  ``上缴上级支出``, ``经营支出``, ``对附属单位补助支出`` and the income sources
  ``财政拨款收入``, ``上级补助收入``, ``事业收入``, ``经营收入``, ``附属单位上缴收入``, ``其他收入``.

Rows keep their printed names: the summary's "年初结转和结余", "使用非财政拨款结余",
"结余分配", "年末结转和结余" rows, the 基本支出 table's footer rows "人员经费合计"
and "公用经费合计" (role "total"), a 合计 row printed above its class rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Literal, Optional

Group = Literal["money", "performance"]
Phase = Literal["budget", "actual"]
Scheme = Literal["functional", "economic"]


@dataclass(frozen=True)
class TableSpec:
    kind: str
    label: str  # the kind's usual Chinese title, for reports
    # Regexes searched in the title with spaces removed; unit-name, year, 部门/单位
    # prefixes and numbering around them do not matter.
    titles: tuple[str, ...]
    # Regexes that make a matching title another table ("基本支出总表" is not the 支出总表,
    # "一般公共预算支出表（按经济分类）" not the functional one): then this spec does not name it.
    excludes: tuple[str, ...] = ()
    group: Group = "money"
    phase: Phase = "budget"
    # Canonical columns in printed order; `optional` ones count only when a header
    # names them (a layout that lost its header falls back to the others).
    columns: tuple[str, ...] = ()
    optional: frozenset[str] = frozenset()
    synonyms: tuple[tuple[str, str], ...] = ()  # this table's own header words → column
    # (total column, part columns): the arithmetic every row obeys.
    sums: tuple[tuple[str, tuple[str, ...]], ...] = ()
    two_sided: bool = False  # income on the left, expenditure on the right (收支总表)
    scheme: Optional[Scheme] = None  # what a row code classifies when its first digit does not say
    unit: str = "万元"  # the unit this table is usually printed in (its 单位 line decides)
    # Quantities the table states: column of its 合计 row → fact key (shared with Claim.subject).
    total_facts: dict[str, str] = field(default_factory=dict)
    # Column of its item rows that states a functional subject, and the fact key prefix.
    row_facts: Optional[tuple[str, str]] = None
    # Budget/actual pairs printed under each item (决算's 三公 table: 预算数 | 决算数 under every
    # item): the columns are "<item>/<member>" for each item of `columns`' items (see the docstring).
    pairs: tuple[str, ...] = ()
    # (opening, income, spending, closing) columns of a row that carries a balance forward:
    # opening + income − spending = closing (决算's fund tables: 年初结转和结余 … 年末结转和结余).
    balance: Optional[tuple[str, str, str, str]] = None
    # Rows totalling part of the table by economic class, printed without a code (the 基本支出
    # 决算表's footer "人员经费合计 | 公用经费合计"): (name regex, classes it totals, fact key).
    # Such a row is role "subtotal", neither an item nor the table's total.
    subtotals: tuple[tuple[str, tuple[str, ...], str], ...] = ()
    # The fund the table's money is in (一般公共预算 for the gp tables), for a table that splits each
    # column by fund (深圳 表9: every 三公 item under 一般公共预算 | 政府性基金预算 | 国有资本经营预算):
    # its own fund's part is the column itself, another fund's "<column>/<fund>" (see FUNDS).
    fund: Optional[str] = None
    # Header words (regexes, whole cell) of label columns that describe an item rather than name it
    # (政府采购: 采购方式, 数量, 规格型号): printed beside the name, kept on the row's note.
    describing: tuple[str, ...] = ()
    # Its rows name what is bought or done (a project, an item), not the subject their code classifies:
    # a row's name is no name of its code (LB02 compares none).
    names_items: bool = False
    # Items sorted by a national catalogue printed beside them, in a describing column: (its header,
    # ((entry regex, fact key), …)). When every catalogued item names a kind and together they make up
    # the 合计, each kind's sum is a fact of the table (0 for a kind no item is).
    catalogue: Optional[tuple[str, tuple[tuple[str, str], ...]]] = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "_compiled", tuple(re.compile(t) for t in self.titles))
        object.__setattr__(self, "_excluded", tuple(re.compile(t) for t in self.excludes))

    def names(self, title: str) -> bool:
        """Whether a title (spaces removed) names this kind."""
        return any(p.search(title) for p in self._compiled) and not any(  # type: ignore[attr-defined]
            p.search(title) for p in self._excluded  # type: ignore[attr-defined]
        )

    @property
    def base_columns(self) -> list[str]:
        """The columns a table of this kind has when its header is lost."""
        return [c for c in self.columns if c not in self.optional]


_FUNDS = ("一般公共预算拨款", "政府性基金安排", "国有资本经营预算安排")
# 苏州's 收入总表 prints 上年结转结余 as a group: 小计 and one column per fund.
_CARRIED = ("上年结转/一般公共预算结转", "上年结转/政府性基金预算结转", "上年结转/国有资本经营预算结转",
            "上年结转/财政专户管理资金结转", "上年结转/单位资金结转")
_CARRIED_WORDS = tuple((rf"^上年结转结?余?{c.split('/')[1][:-2]}(拨款)?(收入)?$", c) for c in _CARRIED)
_GROUPS = ("当年财政拨款安排", "提前通知专项转移支付", "上年结转安排")


def _fiscal_by_economic() -> tuple[tuple[str, ...], tuple[tuple[str, tuple[str, ...]], ...]]:
    """财政拨款支出预算表（部门经济分类科目）: three groups × funds × 小计/基本/项目."""
    cols = ["总计"]
    sums = [("总计", tuple(f"{g}/合计" for g in _GROUPS))]
    for group in _GROUPS:
        cols.append(f"{group}/合计")
        funds = _FUNDS + (("上年应返还额度结转",) if group == "上年结转安排" else ())
        sums.append((f"{group}/合计", tuple(f"{group}/{f}/小计" for f in funds)))
        for fund in funds:
            base = f"{group}/{fund}"
            cols += [f"{base}/小计", f"{base}/基本支出", f"{base}/项目支出"]
            sums.append((f"{base}/小计", (f"{base}/基本支出", f"{base}/项目支出")))
    return tuple(cols), tuple(sums)


_FBE_COLUMNS, _FBE_SUMS = _fiscal_by_economic()

# The funding source (收入总表 column) that pays each 表2-1 column group: carry-over groups come out
# of 上年结转; the year's own and the advance-notified appropriations out of the fund's income column.
FISCAL_CARRY_OVER_GROUPS = ("上年结转安排",)
FISCAL_FUND_SOURCES = {
    "一般公共预算拨款": "一般公共预算拨款收入", "政府性基金安排": "政府性基金预算拨款收入",
    "国有资本经营预算安排": "国有资本经营预算拨款收入", "上年应返还额度结转": "上年结转",
}
FISCAL_PARTS = ("基本支出", "项目支出")


def fiscal_source(group: str, fund: str) -> str:
    """The funding source a 表2-1 column's money comes from.

    >>> fiscal_source("上年结转安排", "一般公共预算拨款"), fiscal_source("当年财政拨款安排", "政府性基金安排")
    ('上年结转', '政府性基金预算拨款收入')
    """
    return "上年结转" if group in FISCAL_CARRY_OVER_GROUPS else FISCAL_FUND_SOURCES.get(fund, fund)


def fiscal_column_order(group: str, fund: str, part: str) -> int:
    """Where a 表2-1 column is printed (left to right); unknown columns last.

    >>> fiscal_column_order("当年财政拨款安排", "一般公共预算拨款", "项目支出") < fiscal_column_order("上年结转安排", "一般公共预算拨款", "基本支出")
    True
    """
    column = f"{group}/{fund}/{part}"
    return _FBE_COLUMNS.index(column) if column in _FBE_COLUMNS else len(_FBE_COLUMNS)

_SOURCES = (
    "上年结转", "一般公共预算拨款收入", "政府性基金预算拨款收入", "国有资本经营预算拨款收入",
    "财政专户管理资金收入", "事业收入", "事业单位经营收入", "其他收入", "上级补助收入",
    "附属单位上缴收入", "用事业基金弥补收支差额", "使用非财政拨款结余",  # 烟台 prints the latter (2024 template)
)
_THREE_PUBLIC = (
    "合计", "因公出国（境）费用", "公务用车购置及运行费/小计", "公务用车购置及运行费/公务用车购置费",
    "公务用车购置及运行费/公务用车运行费", "公务接待费",
)
_THREE_PUBLIC_SUMS = (
    ("合计", ("因公出国（境）费用", "公务用车购置及运行费/小计", "公务接待费")),
    ("公务用车购置及运行费/小计", ("公务用车购置及运行费/公务用车购置费", "公务用车购置及运行费/公务用车运行费")),
)
# Shanghai heads the car columns "小计 购置费 运行费" under "公务用车购置及运行费".
_CAR_WORDS = (
    (r"^(公务用车)?购置费$", "公务用车购置及运行费/公务用车购置费"),
    (r"^(公务用车)?运行(维护)?费$", "公务用车购置及运行费/公务用车运行费"),
)


def _three_public_facts(prefix: str) -> dict[str, str]:
    keys = ("three_public", "three_public.abroad", "three_public.car", "three_public.car_purchase",
            "three_public.car_running", "three_public.reception")
    return {col: prefix + key for col, key in zip(_THREE_PUBLIC, keys)}


_BY_FUNCTION = ("合计", "基本支出", "项目支出")

# ---- 决算 vocabulary (see the module docstring for the column keys)
_PAIR = ("预算数", "决算数")


def _paired(items: tuple[str, ...], members: tuple[str, ...] = _PAIR) -> tuple[str, ...]:
    """"<item>/预算数", "<item>/决算数" (or another fund's part) for each item, in printed order."""
    return tuple(f"{item}/{member}" for item in items for member in members)


def _paired_sums(item_sums: tuple[tuple[str, tuple[str, ...]], ...],
                 members: tuple[str, ...] = _PAIR) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The items' arithmetic holds for the 预算数 and the 决算数 (or each fund's parts) alike."""
    return tuple((f"{t}/{m}", tuple(f"{p}/{m}" for p in parts)) for m in members for t, parts in item_sums)


# The funds a table may split its columns by (TableSpec.fund), as the vocabulary names them.
FUNDS = ("一般公共预算", "政府性基金预算", "国有资本经营预算")
# 深圳 表9 财政拨款“三公”经费支出表: each item by fund; the 一般公共预算 part is gp_three_public's own column.
_OTHER_FUNDS = FUNDS[1:]


_BY_FUND = ("合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款")
_BALANCE = ("年初结转和结余", "本年收入", "本年支出", "年末结转和结余")
_BALANCE_COLUMNS = ("年初结转和结余", "本年收入", "本年支出", "基本支出", "项目支出", "年末结转和结余")
# Header words of the 决算 tables (a header cell wrapped over lines is read joined).
_ACTUAL_WORDS = (
    (r"^(决算数|金额)$", "决算数"),
    (r"^年初(财政拨款)?结转和?结余$", "年初结转和结余"),
    (r"^年末(财政拨款)?结转和?结余$", "年末结转和结余"),
    (r"^本年收入(合计)?$", "本年收入"),
    (r"^本年支出(合计)?$", "本年支出"),
    (r"^一般公共预算(财政拨款)?$", "一般公共预算财政拨款"),
    (r"^政府性基金(预算)?(财政拨款)?$", "政府性基金预算财政拨款"),
    (r"^国有资本经营(预算)?(财政拨款)?$", "国有资本经营预算财政拨款"),
)
# 部门经济分类 classes in 人员经费 (工资福利支出, 对个人和家庭的补助) and in 公用经费 (the rest a
# basic expenditure can use: 商品和服务支出, 债务利息, 资本性支出 (基本建设 and other), 对企业补助, 其他支出).
_PERSONNEL_CLASSES = ("301", "303")
_PUBLIC_CLASSES = ("302", "307", "309", "310", "312", "313", "399")
_PROCUREMENT = ("政府采购/小计", "政府采购/中小企业", "政府采购/小型微型企业")
# 合计 = 基本 + 项目, 基本 = 人员 + 公用: tables of expenditure by class (苏州 公开05表, 深圳 表8).
_BY_BASIC_PARTS = ("合计", "基本支出", "基本支出/人员经费", "基本支出/公用经费", "项目支出")
_BY_BASIC_PARTS_SUMS = (("合计", ("基本支出", "项目支出")), ("基本支出", ("基本支出/人员经费", "基本支出/公用经费")))
# 陕西 heads them "人员经费支出 | 公用经费支出 | 专项业务经费支出" with no 基本支出 group.
_SHAANXI_PARTS = ((r"^人员经费支出$", "基本支出/人员经费"), (r"^公用经费支出$", "基本支出/公用经费"))
# Expenditure tables by funding source (深圳 表4/表5, 烟台 公开表10/11): the 收入总表's columns, with the
# 财政拨款 小计 over its funds and 单位资金 over 事业收入 … 其他收入 where printed as one column.
_UNIT_FUNDS = ("事业收入", "事业单位经营收入", "上级补助收入", "附属单位上缴收入", "其他收入")
_BY_SOURCE = ("财政拨款收入", "一般公共预算拨款收入", "政府性基金预算拨款收入", "国有资本经营预算拨款收入",
              "财政专户管理资金收入", "单位资金") + _UNIT_FUNDS + ("使用非财政拨款结余", "上年结转")
_BY_SOURCE_SUMS = (
    ("合计", tuple(c for c in _BY_SOURCE)),
    ("财政拨款收入", ("一般公共预算拨款收入", "政府性基金预算拨款收入", "国有资本经营预算拨款收入")),
    ("单位资金", _UNIT_FUNDS),
)
_BY_SOURCE_WORDS = (
    (r"^财政拨款(收入)?$", "财政拨款收入"), (r"^一般公共预算(拨款)?$", "一般公共预算拨款收入"),
    (r"^政府性基金(预算)?(拨款)?$", "政府性基金预算拨款收入"), (r"^国有资本经营(预算)?(拨款)?$", "国有资本经营预算拨款收入"),
    (r"^财政专户管理资金$", "财政专户管理资金收入"), (r"^单位资金$", "单位资金"),
    (r"^使用非财政(拨款)?结余$", "使用非财政拨款结余"),
)
# 政府采购预算表 (see its spec): 苏州 heads its 资金来源 "一般公共预算资金 | 政府性基金 | 其他资金 |
# 上年结转和结余资金" and its total "总计"; 西安 its one amount "预算金额". 其他资金 is every source
# beside the fiscal ones, where a template prints no finer split.
_PROCUREMENT_FUNDS = ("其他资金",)
_PROCUREMENT_WORDS = (
    (r"^(预算)?金额$|^预算数$", "合计"), (r"^一般公共预算(拨款)?资金$", "一般公共预算拨款收入"),
    (r"^政府性基金(预算)?资金$", "政府性基金预算拨款收入"), (r"^国有资本经营预算资金$", "国有资本经营预算拨款收入"),
    (r"^上年结转(和|及)?结余(资金)?$", "上年结转"), (r"^其他资金$", "其他资金"),
)
# The three kinds of purchase the national 政府采购品目分类目录 sorts every item into (A 货物, B 工程,
# C 服务): a row naming one totals the items under it, and states what the text calls 政府采购货物预算 ….
_PROCUREMENT_KINDS = (("货物", "procurement.goods"), ("工程", "procurement.works"), ("服务", "procurement.services"))
_Q = "[“\"”]?"  # the quotes around 三公, printed or not

SPECS: list[TableSpec] = [
    # ---------------------------------------------------------------- 决算 (final accounts)
    TableSpec(
        "actual_fiscal_summary", "财政拨款收入支出决算总表", (r"财政拨款收入支出决算总表",),
        phase="actual", two_sided=True,
        # Income side: 决算数; expenditure side: 合计 and one column per fund.
        columns=("决算数",) + _BY_FUND, synonyms=_ACTUAL_WORDS,
        sums=(("合计", _BY_FUND[1:]),),
    ),
    TableSpec(
        "actual_income_expenditure_summary", "收入支出决算总表", (r"收入支出决算总表",),
        phase="actual", two_sided=True, columns=("决算数",), synonyms=_ACTUAL_WORDS,
    ),
    TableSpec(
        "actual_gp_basic_by_economic", "一般公共预算财政拨款基本支出决算表",
        (r"一般公共预算财政拨款基本支出决算(明细)?表",),
        # Two code panels side by side (工资福利/对个人和家庭 | 商品和服务/资本性), each its own rows;
        # the footer's 人员经费合计 / 公用经费合计 total the classes named here.
        phase="actual", scheme="economic", columns=("决算数",), synonyms=_ACTUAL_WORDS,
        subtotals=((r"^人员经费(合计)?$", _PERSONNEL_CLASSES, "personnel"),
                   (r"^公用经费(合计)?$", _PUBLIC_CLASSES, "public")),
    ),
    TableSpec(
        "actual_gp_projects", "一般公共预算财政拨款项目支出决算表", (r"一般公共预算财政拨款项目支出决算表",),
        phase="actual", scheme="functional", columns=("合计",),
    ),
    TableSpec(
        "actual_three_public", "财政拨款“三公”经费支出决算表",
        (rf"(财政拨款|一般公共预算财政拨款){_Q}三公{_Q}经费支出决算表",),
        phase="actual", pairs=_PAIR, columns=_paired(_THREE_PUBLIC), sums=_paired_sums(_THREE_PUBLIC_SUMS),
        synonyms=_CAR_WORDS + ((r"^公务用车购置及运行(维护)?费$", "公务用车购置及运行费"),),
        total_facts={f"{col}/决算数": key for col, key in _three_public_facts("").items()},
    ),
    TableSpec(
        "actual_gp_by_function", "一般公共预算财政拨款支出决算表", (r"一般公共预算财政拨款支出决算(明细)?表",),
        phase="actual", scheme="functional", columns=_BY_FUNCTION, sums=(("合计", ("基本支出", "项目支出")),),
        total_facts={"合计": "gp_total", "基本支出": "gp_basic", "项目支出": "gp_project"},
        row_facts=("合计", "gp.function"),
    ),
    TableSpec(
        "actual_fund", "政府性基金预算财政拨款收入支出决算表", (r"政府性基金预算财政拨款(收入)?支出决算表",),
        phase="actual", scheme="functional", columns=_BALANCE_COLUMNS, synonyms=_ACTUAL_WORDS,
        sums=(("本年支出", ("基本支出", "项目支出")),), balance=_BALANCE,
    ),
    TableSpec(
        "actual_soe", "国有资本经营预算财政拨款收入支出决算表", (r"国有资本经营预算财政拨款(收入)?支出决算表",),
        phase="actual", scheme="functional", columns=_BALANCE_COLUMNS, synonyms=_ACTUAL_WORDS,
        sums=(("本年支出", ("基本支出", "项目支出")),), balance=_BALANCE,
    ),
    TableSpec(
        "actual_income_summary", "收入决算表", (r"收入决算表",), phase="actual", scheme="functional",
        columns=("本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"),
        synonyms=((r"^本年收入(合计)?$", "本年收入合计"), (r"^财政拨款收入$", "财政拨款收入"),
                  (r"^(事业单位)?经营收入$", "经营收入")),
        sums=(("本年收入合计", ("财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入")),),
        total_facts={"本年收入合计": "income_total", "财政拨款收入": "fiscal.income_total"},
    ),
    TableSpec(
        "actual_expenditure_summary", "支出决算表", (r"支出决算表",), phase="actual", scheme="functional",
        columns=("本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"),
        synonyms=((r"^本年支出(合计)?$", "本年支出合计"), (r"^经营支出$", "经营支出")),
        sums=(("本年支出合计", ("基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出")),),
        total_facts={"本年支出合计": "expenditure_total", "基本支出": "basic", "项目支出": "project"},
        row_facts=("本年支出合计", "function"),
    ),
    # ---------------------------------------------------------------- 预算 (budgets)
    TableSpec(
        "fund_three_public", "政府性基金预算“三公”经费支出预算表",
        (rf"政府性基金预算{_Q}三公{_Q}经费支出(预算)?表",),
        columns=_THREE_PUBLIC, synonyms=_CAR_WORDS, sums=_THREE_PUBLIC_SUMS,
        total_facts=_three_public_facts("fund."),
    ),
    TableSpec(
        "gp_three_public", "一般公共预算“三公”经费支出预算表",
        (rf"(一般公共预算|财政拨款)(拨款)?(预算)?{_Q}三公{_Q}经费支出(预算)?表",
         rf"{_Q}三公{_Q}经费和机关运行经费(支出)?预算表",  # Shanghai: 三公 + 机关运行经费, in 万元
         # 苏州 公开09表, 西安 表13: 会议费 and 培训费 beside the 三公 (not parts of its 合计)
         rf"{_Q}三公{_Q}经费[、及和]*会议费[、和及]?培训费(支出)?(预算)?表"),
        columns=_THREE_PUBLIC + ("机关运行经费", "会议费", "培训费", "总计") + _paired(_THREE_PUBLIC, _OTHER_FUNDS),
        optional=frozenset({"机关运行经费", "会议费", "培训费", "总计"} | set(_paired(_THREE_PUBLIC, _OTHER_FUNDS))),
        fund="一般公共预算",
        # 福州 prints the table transposed: "3、公务用车购置及运行费 25.31" is the car columns' 小计.
        synonyms=_CAR_WORDS + ((r"^机关运行经费(预算数?)?$", "机关运行经费"), (rf"^{_Q}三公{_Q}经费合计$", "合计"),
                               (r"^公务用车购置及运行(维护)?费$", "公务用车购置及运行费/小计"),
                               (r"^会议费$", "会议费"), (r"^培训费$", "培训费")),
        sums=_THREE_PUBLIC_SUMS + (("总计", ("合计", "会议费", "培训费")),)  # 西安: 总计 over 三公 and the two
        + _paired_sums(_THREE_PUBLIC_SUMS, _OTHER_FUNDS),
        # 深圳's 政府性基金预算 parts are the fund's 三公 (facts combines them into the 财政拨款 三公).
        total_facts={**_three_public_facts(""), "机关运行经费": "operating_costs",
                     "会议费": "economic_name:会议费", "培训费": "economic_name:培训费",
                     **{f"{col}/政府性基金预算": key for col, key in _three_public_facts("fund.").items()}},
    ),
    TableSpec(
        "gp_basic_by_function", "一般公共预算基本支出表（按功能分类）",
        (r"一般公共预算基本支出(明细|预算)?表[(（]按(支出)?功能分类",),  # 西安 表7
        scheme="functional", columns=("合计", "人员经费", "公用经费"), sums=(("合计", ("人员经费", "公用经费")),),
    ),
    TableSpec(
        "gp_basic_by_economic", "一般公共预算基本支出预算表",
        (r"一般公共预算(财政拨款)?基本支出(预算)?表",
         r"一般公共预算基本支出(部门预算)?经济分类(预算)?表",
         r"一般公共预算基本支出明细表[(（]按(支出)?经济分类"),  # 西安 表8
        scheme="economic", columns=("合计", "人员经费", "公用经费"), sums=(("合计", ("人员经费", "公用经费")),),
        synonyms=((r"^预算数$", "合计"),),  # 福州 九: one 预算数 column
        total_facts={"合计": "gp_basic", "人员经费": "personnel", "公用经费": "public"},
        row_facts=("合计", "economic"),  # economic:303 对个人和家庭的补助: texts count it apart from 人员经费
    ),
    TableSpec(
        "gp_projects", "一般公共预算项目支出预算表", (r"一般公共预算(财政拨款)?项目支出(预算)?表",),
        scheme="functional", columns=("金额",), total_facts={"金额": "gp_project"}, names_items=True,
    ),
    TableSpec(
        "gp_by_economic", "一般公共预算支出表（按经济分类）",
        (r"一般公共预算支出(预算)?表[(（]按(支出)?经济分类",  # 深圳 表8
         r"一般公共预算支出经济分类(情况|预算)?表",  # 福州 八
         r"一般公共预算支出明细表[(（]按(支出)?经济分类"),  # 西安 表6
        scheme="economic", columns=_BY_BASIC_PARTS, optional=frozenset({"基本支出/人员经费", "基本支出/公用经费"}),
        synonyms=((r"^预算数$", "合计"),) + _SHAANXI_PARTS, sums=_BY_BASIC_PARTS_SUMS,
    ),
    TableSpec(
        "fiscal_by_function", "财政拨款支出表（按功能分类）",
        (r"财政拨款支出(预算)?表[(（]按?(支出)?功能(分类)?(科目)?[)）]",),  # 苏州 公开05表
        scheme="functional", columns=_BY_BASIC_PARTS, optional=frozenset({"基本支出/人员经费", "基本支出/公用经费"}),
        synonyms=_SHAANXI_PARTS, sums=_BY_BASIC_PARTS_SUMS,
    ),
    # 基本支出 of all funds by economic class: 深圳 表4 基本支出总表 and 烟台 公开表10 基本支出预算情况表 by
    # source; 苏州 公开06表 财政拨款基本支出表（经济科目） by 人员/公用经费.
    TableSpec(
        "basic_by_economic", "基本支出预算表（按经济分类）",
        (r"^(部门|单位)?基本支出(预算)?总?表$", r"财政拨款基本支出(预算)?表[(（]按?(支出)?经济(分类)?(科目)?[)）]"),
        scheme="economic", columns=("合计", "人员经费", "公用经费") + _BY_SOURCE,
        optional=frozenset(("人员经费", "公用经费") + _BY_SOURCE), synonyms=_BY_SOURCE_WORDS,
        sums=(("合计", ("人员经费", "公用经费")),) + _BY_SOURCE_SUMS,
    ),
    # The projects of all funds: 深圳 表5 项目支出总表, 烟台 公开表11 项目支出预算情况表 (by source), 陕西's
    # 专项业务经费支出表 (西安 表10, one 项目金额). Rows are projects, often without codes.
    TableSpec(
        "projects", "项目支出预算表",
        (r"^(部门|单位)?项目支出(预算)?总?表$", r"专项业务经费支出(预算)?表"),
        columns=("合计",) + _BY_SOURCE, optional=frozenset(_BY_SOURCE),
        synonyms=((r"^项目金额$", "合计"),) + _BY_SOURCE_WORDS, sums=_BY_SOURCE_SUMS,
    ),
    TableSpec(
        "fiscal_by_economic", "财政拨款支出预算表（经济分类）",
        (r"财政拨款支出预算表[(（](部门|政府)?经济分类科目[)）]",),
        scheme="economic", columns=_FBE_COLUMNS, sums=_FBE_SUMS, total_facts={"总计": "fiscal_total"},
    ),
    TableSpec(
        "gp_by_function", "一般公共预算支出预算表",
        (r"一般公共预算(财政拨款)?支出(预算)?表", r"一般公共预算支出功能分类(预算)?表",
         r"一般公共预算(财政)?拨款支出(预算)?表",  # 福州 五、一般公共预算拨款支出预算表
         r"一般公共预算支出明细表[(（]按(支出)?功能分类"),  # 西安 表5
        excludes=(r"按(支出)?经济分类",),
        # 苏州 (公开07表) splits 基本支出 into 小计/人员经费/公用经费 under one group cell.
        scheme="functional", columns=("合计", "基本支出", "基本支出/人员经费", "基本支出/公用经费", "项目支出",
                                      "当年财政拨款安排", "上年结转安排"),
        optional=frozenset({"基本支出/人员经费", "基本支出/公用经费"}), synonyms=_SHAANXI_PARTS,
        sums=(("合计", ("基本支出", "项目支出")), ("合计", ("当年财政拨款安排", "上年结转安排")),
              ("基本支出", ("基本支出/人员经费", "基本支出/公用经费"))),
        total_facts={"合计": "gp_total", "当年财政拨款安排": "gp_current", "基本支出": "gp_basic",
                     "项目支出": "gp_project", "上年结转安排": "gp_carryover"},
        row_facts=("合计", "gp.function"),
    ),
    TableSpec(
        "fund_by_function", "政府性基金预算支出预算表",
        (r"政府性基金(预算)?支出(预算)?表", r"政府性基金预算支出功能分类(预算)?表",
         r"政府性基金(预算)?拨款支出(预算)?表"),  # 福州 六
        scheme="functional", columns=_BY_FUNCTION, sums=(("合计", ("基本支出", "项目支出")),),
        total_facts={"合计": "fund_total", "基本支出": "fund_basic", "项目支出": "fund_project"},
        row_facts=("合计", "fund.function"),
    ),
    TableSpec(
        "soe_by_function", "国有资本经营预算支出预算表",
        (r"国有资本经营预算支出(预算)?表", r"国有资本经营预算支出功能分类(预算)?表",
         r"国有资本经营预算拨款支出(预算)?表"),  # 福州 七
        scheme="functional", columns=_BY_FUNCTION, sums=(("合计", ("基本支出", "项目支出")),),
        total_facts={"合计": "soe_total"},
    ),
    # 苏州 公开12表 一般公共预算机关运行经费支出预算表: 机关运行经费 by economic class.
    TableSpec(
        "operating_costs", "机关运行经费预算表", (r"机关运行经费(支出)?(预算)?表",),
        scheme="economic", columns=("合计",), synonyms=((r"^机关运行经费(支出|预算数?)?$", "合计"),),
        total_facts={"合计": "operating_costs"},
    ),
    TableSpec(
        "fiscal_summary", "财政拨款收支总表", (r"财政拨款收支(预算)?总表",),
        two_sided=True, columns=("预算数", "合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"),
        sums=(("合计", ("一般公共预算", "政府性基金预算", "国有资本经营预算")),),
    ),
    # 陕西 表9 部门综合预算政府性基金收支表: the fund's own two-sided summary (income | expenditure by
    # function, by 部门预算 and by 政府预算 economic class), printed even when empty (目录: 是 / 不涉及).
    TableSpec(
        "fund_summary", "政府性基金收支表", (r"政府性基金(预算)?(拨款)?收支(预算)?总?表",),
        two_sided=True, columns=("预算数",),
    ),
    # 陕西 表11 部门综合预算财政拨款上年结转资金支出表: last year's carried-over appropriations, by project
    # (预算项目名称 | 金额 | 功能分类科目 | 政府经济分类科目 | 项目类别 | 资金性质 | 备注).
    TableSpec(
        "carryover_projects", "财政拨款上年结转资金支出表", (r"财政拨款上年结转(结余)?(资金)?支出(预算)?表",),
        columns=("金额",),
    ),
    TableSpec(
        "income_expenditure_summary", "收支总表", (r"(部门|单位)?收支总表", r"收支预算总表"),
        two_sided=True, columns=("预算数",),
    ),
    TableSpec(
        "income_summary", "收入总表", (r"(部门|单位)?收入总表", r"收入预算总表"),
        # 苏州 splits 合计 into 本年收入 (小计 + funds) and 上年结转结余 (小计 + funds).
        columns=("合计",) + _SOURCES + ("财政拨款收入", "本年收入") + _CARRIED,
        optional=frozenset({"财政拨款收入", "使用非财政拨款结余", "本年收入"} | set(_CARRIED)),
        # Under "本年收入 / 财政拨款" 深圳 heads the funds without 收入: "一般公共预算拨款", "国有资本经营预算拨款".
        synonyms=((r"^财政拨款收入$", "财政拨款收入"), (r"^一般公共预算(拨款)?$", "一般公共预算拨款收入"),
                  (r"^事业收入[(（]不含教育收费[)）]$", "事业收入"),  # 烟台
                  (r"^本年收入(合计)?$", "本年收入"), (r"^财政专户管理资金$", "财政专户管理资金收入")) + _CARRIED_WORDS + (
                  (r"^政府性基金(预算)?(拨款)?$", "政府性基金预算拨款收入"),
                  (r"^国有资本经营(预算)?(拨款)?$", "国有资本经营预算拨款收入")),
        sums=(("合计", _SOURCES + ("财政拨款收入",)),
              ("财政拨款收入", ("一般公共预算拨款收入", "政府性基金预算拨款收入", "国有资本经营预算拨款收入")),
              ("本年收入", tuple(c for c in _SOURCES if c != "上年结转")), ("上年结转", _CARRIED)),
        total_facts={"合计": "income_total", **{c: f"source:{c}" for c in _SOURCES},
                     **{c: f"carryover:{c.split('/')[1][:-2]}" for c in _CARRIED}},  # claims: 上年结转结余的单位资金
    ),
    TableSpec(
        "expenditure_summary", "支出总表", (r"(部门|单位)?支出总表", r"支出预算总表"),
        excludes=(r"(基本|项目)支出(预算)?总表",),
        # The national 支出总表 prints 事业单位经营支出 too (福州, 苏州, 国家信访局); some templates drop it.
        # 深圳 adds the year's 政府采购 share beside the sum: its 小计 and the parts reserved for
        # small and medium / small and micro enterprises (not parts of 合计).
        # 陕西's 部门综合预算支出总表 (西安 表3) prints each unit's expenditure by funding source instead:
        # 合计 | 一般公共预算拨款 (小计, 其中…) | 政府性基金拨款 | 事业收入 … (the by-source columns).
        scheme="functional", columns=("合计", "基本支出", "项目支出", "事业单位经营支出", "上缴上级支出",
                                      "对附属单位补助支出") + _PROCUREMENT + _BY_SOURCE,
        optional=frozenset({"事业单位经营支出"} | set(_PROCUREMENT) | set(_BY_SOURCE)),
        synonyms=((r".*政府采购项目中?预留给中小企业", "政府采购/中小企业"),
                  (r".*政府采购项目中?预留给小型、?微型企业", "政府采购/小型微型企业")) + _BY_SOURCE_WORDS,
        sums=(("合计", ("基本支出", "项目支出", "事业单位经营支出", "上缴上级支出", "对附属单位补助支出")),)
        + _BY_SOURCE_SUMS,
        total_facts={"合计": "expenditure_total", "基本支出": "basic", "项目支出": "project",
                     **{c: f"use:{c}" for c in ("事业单位经营支出", "上缴上级支出", "对附属单位补助支出")},
                     # 深圳's 政府采购 小计: "纳入2026年部门预算的政府采购项目共有7,558.99万元" (page 15 line 290)
                     "政府采购/小计": "procurement", "政府采购/中小企业": "procurement.reserved_sme",
                     "政府采购/小型微型企业": "procurement.reserved_small"},
        row_facts=("合计", "function"),
    ),
    # The national framework's 政府采购预算表: what a department plans to buy, as items (苏州 公开13表
    # 政府采购支出表: 采购品目大类 货物/工程/服务 › unit › 品目, by 资金来源; 西安 表12 部门综合预算政府采购
    # 预算表: 采购项目 with 采购目录 and 预算金额, in 元) or by functional subject (烟台 公开表12 政府采购预算
    # 表: 类/款/项 by source, like 公开表10/11). Its 合计 is the 政府采购预算总额 the text states; the
    # 货物/工程/服务 rows are the text's 政府采购货物/工程/服务预算.
    TableSpec(
        "procurement", "政府采购预算表", (r"政府采购(支出)?(预算)?(情况)?表", r"政府采购[(（][^)）]*[)）]预算表"),
        columns=("合计",) + _BY_SOURCE + _PROCUREMENT_FUNDS, optional=frozenset(_BY_SOURCE + _PROCUREMENT_FUNDS),
        synonyms=_PROCUREMENT_WORDS + _BY_SOURCE_WORDS,
        sums=(("合计", _BY_SOURCE + _PROCUREMENT_FUNDS),) + _BY_SOURCE_SUMS[1:],
        # The text's "其中一般公共预算拨款政府采购 594 万元" (重庆) is the 一般公共预算 column's, not the 合计's.
        total_facts={"合计": "procurement", "一般公共预算拨款收入": "gp.procurement"},
        subtotals=tuple((rf"^{words}(类|采购)?(小计|合计)?$", (), key) for words, key in _PROCUREMENT_KINDS),
        # 西安 prints the catalogue entry ("C05040300保安服务") beside the 采购项目 that names the row.
        describing=(r"^采购(组织)?(方式|形式)$", r"^采购目录$", r"^(采购)?数量$", r"^计量单位$", r"^单价$",
                    r"^规格(型号)?$", r"^(实施|计划)?采购(时间|日期)$"),
        names_items=True,  # 西安: "2014004 接待中心安保服务" is an item paid from 信访业务
        # 西安's 采购目录 "C05040300保安服务": the 政府采购品目分类目录 code's letter is the kind of purchase
        catalogue=(r"^采购(目录|品目)(编码|代码)?$",
                   tuple((rf"^{letter}\d", key) for letter, (_, key) in zip("ABC", _PROCUREMENT_KINDS))),
    ),
    # ---------------------------------------------------------------- performance targets
    TableSpec("special_fund_performance", "重点专项资金绩效目标表",
              (r"重点专项资金绩效目标表", r"^专项资金总体绩效目标表$"), group="performance"),  # 西安 表16
    TableSpec(
        "department_performance", "部门整体支出绩效目标表",
        (r"(部门|单位)(（单位）|\(单位\))?整体(支出)?绩效目标(申报)?表",), group="performance",
    ),
    TableSpec(
        "project_performance", "项目支出绩效目标表",
        (r"(部门|单位)?(预算)?(项目支出|项目|一般性项目)绩效目标表",
         r"专项业务经费绩效目标表",  # 陕西 (西安 表14): 专项业务经费 are its projects
         # One project's own card, titled by the project (国家信访局 "信息化运行维护绩效目标表"): checked
         # last, after the department-wide and special-fund tables.
         r"^[^表]{2,30}绩效目标(申报)?表$"),
        group="performance",
    ),
]

BY_KIND: dict[str, TableSpec] = {s.kind: s for s in SPECS}

# Every title names a 表, so a line without one cannot be a title: the locator
# skips most of a document's lines on this test alone.
TITLE_WORD = "表"
assert all(TITLE_WORD in t for s in SPECS for t in s.titles), "a title without 表 breaks locate's shortcut"

MONEY_KINDS = [s.kind for s in SPECS if s.group == "money"]
PERFORMANCE_KINDS = [s.kind for s in SPECS if s.group == "performance"]
TWO_SIDED = frozenset(s.kind for s in SPECS if s.two_sided)
KIND_LABELS: dict[str, str] = {s.kind: s.label for s in SPECS}


def spec(kind: str) -> Optional[TableSpec]:
    """The spec of a kind, or None for a kind the vocabulary does not hold."""
    return BY_KIND.get(kind)


def label(kind: str, fallback: str = "") -> str:
    """A kind's Chinese label for reports (the fallback, else the kind, when unknown)."""
    s = BY_KIND.get(kind)
    return s.label if s else (fallback or kind)


def columns(kind: str) -> list[str]:
    """Every canonical column of a kind, in printed order."""
    s = BY_KIND.get(kind)
    return list(s.columns) if s else []


def sums(kind: str, printed: Optional[Iterable[str]] = None) -> list[tuple[str, list[str]]]:
    """The arithmetic of a kind: (total column, [part columns]).

    Given the columns a table prints, a part that is itself the sum of printed parts counts
    once, through its parts: 烟台's 收入总表 prints "财政拨款收入 / 小计" beside its three funds,
    and 合计 adds the funds, not the funds and their 小计.

    >>> sums("income_summary", ["合计", "财政拨款收入", "一般公共预算拨款收入", "事业收入"])[0][1][:3]
    ['上年结转', '一般公共预算拨款收入', '政府性基金预算拨款收入']

    A part not printed whose parts are counts through them: 西安 prints 人员经费支出 and 公用经费支出
    but no 基本支出 beside 专项业务经费支出 (项目支出).

    >>> sums("gp_by_function", ["合计", "基本支出/人员经费", "基本支出/公用经费", "项目支出"])[0]
    ('合计', ['基本支出/人员经费', '基本支出/公用经费', '项目支出'])
    """
    s = BY_KIND.get(kind)
    if not s:
        return []
    out = [(t, list(parts)) for t, parts in s.sums]
    if printed is None:
        return out
    cols = set(printed)
    under = {t: [p for p in parts if p in cols] for t, parts in out}  # a column's printed parts

    def counted_through_parts(part: str, siblings: list[str]) -> bool:
        return part in cols and bool(under.get(part)) and all(p in siblings for p in under[part])

    def through(part: str, siblings: list[str]) -> list[str]:
        """A part not printed, whose own parts are (西安: 人员经费 + 公用经费, no 基本支出), counts through them."""
        if part in cols or not under.get(part):
            return [part]
        return [p for p in under[part] if p not in siblings]

    return [(t, list(dict.fromkeys(q for p in parts if not counted_through_parts(p, parts) for q in through(p, parts))))
            for t, parts in out]
