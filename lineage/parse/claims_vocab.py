"""What a figure in the explanation text is about: words → subject keys.

The explanation text names its figures in many ways ("收支预算总数", "收支总预算",
"本年支出总计"; "公务用车运行维护费", "公车运行维护费"). `find_subject` looks for
every known wording in a piece of text and picks the one printed closest
before the figure (the match that ends last; the longest when two end
together), so "事业单位经营收入" wins over "收入" and "公务用车购置费" over
"公务用车".

Functional subjects are recognised three ways: a printed code path
"科学技术支出（206）科学技术管理事务（01）行政运行（01）" (→ function:2060101), a
name path "科学技术支出（类）技术研究与开发（款）机构运行（项）" (→
function_name:科学技术支出/技术研究与开发/机构运行), or a 类 name of the national
functional classification ("住房保障支出" → function_name:住房保障支出).
The subject keys are documented on `lineage.model.Claim`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple, Optional

from lineage.vocab import spec

# The subject of a figure introduced by "涉及预算 …" is the subject just stated.
CURRENT = "<current>"

_Q = "[“”\"']?"
_SRC = {c: f"source:{c}" for c in spec("income_summary").base_columns[1:]}  # type: ignore[union-attr]

# Items of the national economic classification the templates state apart, each on its own: 会议费 (30215)
# and 培训费 (30216) beside the 三公 (苏州 "一般公共预算拨款安排的会议费预算支出10万元"), 委托业务费 (30227,
# the central template: "委托业务费财政拨款预算1,391.68万元").
STANDALONE = {name: f"economic_name:{name}" for name in ("会议费", "培训费", "委托业务费")}

# (pattern, subject, scope): scope is the total the wording itself places the
# subject in ("一般公共预算基本支出" is the basic expenditure of gp_total).
_AMOUNT_WORDS: list[tuple[str, str, Optional[str]]] = [
    (r"收支预算总数|收支总预算|预算收支总数|收支预算总计|收支预算总额", "income_total", None),
    # "2026年收支预算191,394.79万元,比上年减少13,469.96万元" (烟台); not "总体收支预算" (a unit's, see _GENERIC_TOTAL)
    (r"收支预算", "income_total", None),
    (r"财政(拨款)?收支(预算)?总数|财政拨款收支总预算|财政拨款收支预算总额", "fiscal_total", None),
    # "其中：财政拨款收入 18,976.76 万元", "财政拨款支出预算 18,976.76 万元" (Shanghai's 编制说明)
    (r"财政拨款(收入|支出)(预算)?", "fiscal_total", None),
    # "财政拨款收、支总预算4,651.67万元", "财政拨款收、支总计各增加47.15万元" (苏州's 编制说明)
    (r"财政拨款收、支(总预算|总计|预算总数)", "fiscal_total", None),
    (r"收入预算|预算收入|本年收入|收入总计", "income_total", None),
    (r"支出预算|预算支出|本年支出总计|支出总计|本年支出", "expenditure_total", None),
    # "收入预算为2796.14万元 … 相应安排支出预算2796.14万元" (福州's 单位预算): the whole budget's spending
    (r"相应安排(的)?支出(预算)?", "expenditure_total", None),
    (r"一般公共预算当年拨款(收入|预算)?|一般公共预算财政拨款(收入|支出)?|一般公共预算拨款支出", "gp_total", None),
    # "本部门当年一般公共预算支出2,838.42万元,其中:" (西安)
    (r"(当年)?一般公共预算支出", "gp_total", None),
    (r"(本年)?一般公共预算(拨款)?收入|一般公共预算拨款|一般公共预算资金", _SRC["一般公共预算拨款收入"], None),
    # "上年结转项目196.50万元" (深圳, one item's carried-over projects): not the 上年结转 income
    (r"上年结转(一般公共预算拨款收入)?(?!项目)", _SRC["上年结转"], None),
    # The parts of 上年结转 by the money carried (收入总表's 上年结转 columns): "上年结转结余的一般公共预算
    # 收入0万元", "上年结转结余的单位资金0万元" (苏州) — a part, never the whole 上年结转.
    *[(rf"上年结转(结余)?的?{words}", f"carryover:{part}", None) for words, part in (
        (r"一般公共预算(拨款)?(收入)?", "一般公共预算"), (r"政府性基金(预算)?(拨款)?(收入)?", "政府性基金预算"),
        (r"国有资本经营(预算)?(拨款)?(收入)?", "国有资本经营预算"), (r"财政专户管理资金(收入)?", "财政专户管理资金"),
        (r"单位资金", "单位资金"))],
    (r"政府性基金(预算)?(拨款)?收入|政府性基金(预算)?拨款|政府性基金安排(支出)?", _SRC["政府性基金预算拨款收入"], None),
    (r"国有资本经营(预算)?(拨款)?收入|国有资本经营(预算)?拨款", _SRC["国有资本经营预算拨款收入"], None),
    (r"财政专户管理资金(收入)?", _SRC["财政专户管理资金收入"], None),
    (r"事业收入(资金)?", _SRC["事业收入"], None),
    (r"事业单位经营收入(资金)?", _SRC["事业单位经营收入"], None),
    (r"其他收入(资金)?", _SRC["其他收入"], None),
    (r"上级补助收入(资金)?", _SRC["上级补助收入"], None),
    (r"附属单位上缴收入(资金)?", _SRC["附属单位上缴收入"], None),
    (r"用事业基金弥补收支差额", _SRC["用事业基金弥补收支差额"], None),
    (r"使用非财政拨款结余", "source:使用非财政拨款结余", None),  # 烟台 (the 2024 template)
    (r"政府性基金预算(拨款安排的)?支出", "fund_total", None),
    (r"国有资本经营预算(拨款安排的)?支出", "soe_total", None),
    (r"基本支出(预算)?", "basic", None),
    # 支出总表's other uses beside 基本/项目支出: "事业单位经营支出0万元,占0%" (苏州)
    *[(words, f"use:{column}", None) for words, column in (
        (r"事业单位经营支出", "事业单位经营支出"), (r"上缴上级支出", "上缴上级支出"), (r"对附属单位补助支出", "对附属单位补助支出"))],
    # "年终结转结余为0万元" (苏州): what the year leaves unspent, 收支总表's expenditure side
    (r"年终结转结余|年末结转(和|结余)?", "carryforward", None),
    (r"项目支出(预算)?", "project", None),
    (r"一般公共预算(财政拨款)?基本支出", "basic", "gp_total"),
    (r"人员经费", "personnel", None),
    (r"公用经费", "public", None),
    (r"对个人和家庭的?补助(支出)?", "economic_name:对个人和家庭的补助", None),
    # "“三公”经费财政拨款支出决算数" (决算): the 三公 total, not the 财政拨款 total its words contain
    (rf"{_Q}三公{_Q}经费(财政拨款)?(支出)?(预算数|预算|决算数|决算)?", "three_public", None),
    (r"(因公)?出国[(（]境[)）](经费|费用|费)|因公出国出境(经费|费用)?", "three_public.abroad", None),
    (r"公务接待费", "three_public.reception", None),
    (r"公务用车购置(及|和)运行(维护)?费", "three_public.car", None),
    (r"公务用车购置费?", "three_public.car_purchase", None),
    (r"公务用车运行(维护)?(费|支出)?|公车运行(维护)?费|用车运行维护费", "three_public.car_running", None),
    (r"(机关)?运行经费", "operating_costs", None),
    *[(name, key, None) for name, key in STANDALONE.items()],
    (r"政府采购(预算)?(总额)?", "procurement", None),
    (r"一般公共预算拨款政府采购", "procurement", "gp_total"),
    (r"政府采购货物(预算)?", "procurement.goods", None),
    (r"政府采购工程(预算)?", "procurement.works", None),
    (r"政府采购服务(预算)?", "procurement.services", None),
    # "其中:拟采购货物支出5.5万元、拟采购工程支出0万元、拟采购服务支出183万元" (苏州)
    # "…政府采购项目共有7,558.99万元,其中:货物类项目23.00万元、工程类项目0.00万元、服务类项目…" (深圳)
    (r"拟?采购货物(支出|预算)?|货物类(项目|预算)", "procurement.goods", None),
    (r"拟?采购工程(支出|预算)?|工程类(项目|预算)", "procurement.works", None),
    (r"拟?采购服务(支出|预算)?|服务类(项目|预算)", "procurement.services", None),
    # 决算: money reserved for and won by small firms, parts of 政府采购 named apart from it
    (r"面向中小企业预留的?政府采购项目(预算)?(金额)?", "procurement.reserved_sme", None),
    (r"面向小微企业预留的?政府采购项目(预算)?(金额)?", "procurement.reserved_small", None),
    (r"预留给小型和微型企业的?政府采购项目(预算)?(金额)?", "procurement.reserved_small", None),  # 上海 2026 司法局 l300
    (r"由中小企业供应商中标或成交的?[，,]?\s*采购金额", "procurement.won_sme", None),
    (r"由小微企业供应商中标或成交的?[，,]?\s*采购金额", "procurement.won_small", None),
    (r"在其他政府采购项目中[，,]?\s*由中小企业供应商中标或成交的?[，,]?\s*采购金额", "procurement.won_sme_other", None),
    (r"(实行|开展|实施)了?绩效(目标)?管理", "performance_projects", None),
    # "本部门整体支出纳入绩效目标管理,涉及财政性资金…;本部门共7个项目纳入绩效目标管理,涉及…" (苏州)
    (r"整体支出纳入绩效(目标)?管理", "performance_departments", None),
    # "本部门绩效目标管理全覆盖,涉及当年一般公共预算拨款2838.42万元" (西安)
    (r"绩效(目标)?管理全覆盖", "performance_departments", None),
    (r"项目纳入绩效(目标)?管理", "performance_projects", None),
    # "涉及一般公共预算拨款 753.70 万元": the whole wording up to the figure.
    (r"涉及[^，；、。,;:：\d]{0,16}", CURRENT, None),
]
# Bare "收入"/"支出" ("收入比 2023 年减少 …") lose to every other wording.
# Only at the start of a clause: "其他科学技术普及支出" is a name, not "支出".
_CLAUSE_START = r"(?:^|(?<=[，；：。、,;:\s]))"
_WEAK_WORDS = [(_CLAUSE_START + "收入", "income_total", None), (_CLAUSE_START + "支出", "expenditure_total", None)]

_COUNT_WORDS: list[tuple[str, str, Optional[str]]] = [
    (r"绩效(目标)?管理的项目", "performance_projects", None),
    (r"绩效(目标)?管理的部门整体", "performance_departments", None),
    (r"人员类项目", "performance_projects.personnel", None),
    (r"运转类项目", "performance_projects.operating", None),
    (r"特定目标类项目", "performance_projects.specific", None),
    (r"现有公务用车|共有车辆|车辆保有量为?", "vehicles", None),
    (r"购置公务用车", "vehicles.purchase", None),
]

# 类 of the national functional classification (政府收支分类科目).
FUNCTION_CLASSES = [
    "一般公共服务", "外交", "国防", "公共安全", "教育", "科学技术", "文化旅游体育与传媒",
    "社会保障和就业", "卫生健康", "医疗卫生与计划生育", "节能环保", "城乡社区", "农林水",
    "交通运输", "资源勘探工业信息等", "商业服务业等", "金融", "援助其他地区",
    "自然资源海洋气象等", "住房保障", "粮油物资储备", "灾害防治及应急管理",
]
_NAME = r"[\u4e00-\u9fff]+"
_OPEN, _CLOSE = r"\s*[(（]\s*", r"\s*[)）]\s*"
# The level may follow each code: "公共安全支出(204类)司法(06款)行政运行(01项)" (上海 司法局 2026).
_CODE_PATH = re.compile(
    rf"(?P<a>{_NAME}){_OPEN}(?P<ca>\d{{3}})\s*类?{_CLOSE}(?P<b>{_NAME}){_OPEN}(?P<cb>\d{{2}})\s*款?{_CLOSE}"
    rf"(?P<c>{_NAME}){_OPEN}(?P<cc>\d{{2}})\s*项?{_CLOSE}"
)
_CLASS_CODE = re.compile(rf"(?P<a>{_NAME}){_OPEN}(?P<ca>\d{{3}})\s*类?{_CLOSE}(支出)?")
# The classification a 类 code belongs to, by its first digit: 2xx the functional classification of
# expenditure, 3xx the 部门预算支出经济分类, 5xx the 政府预算支出经济分类. 西安 states both economic ones
# ("对个人和家庭的补助(303)126.60万元" … "对个人和家庭的补助(509)126.60万元"); they are no 功能分类 codes
# and, stated for all of 一般公共预算, not the 基本支出 table's economic rows either.
_CLASS_SCHEMES = {"2": "function", "3": "economic_class", "5": "gov_economic_class"}
_NAME_PATH = re.compile(rf"(?P<a>{_NAME}){_OPEN}类{_CLOSE}(?P<b>{_NAME}){_OPEN}款{_CLOSE}(?P<c>{_NAME}){_OPEN}项[)）]")
_ITEM_NAME = re.compile(rf"(?P<c>{_NAME}){_OPEN}项[)）]")
# "住房保障支出", and "一般公共服务（类）支出" (国家信访局's 编制说明 marks the level so)
# A code printed before the name: "(二)2080501-行政单位离退休227.72万元" (福州), "2014099其他信访事务支出"
# (国家信访局), "[2010501]行政运行". Expenditure codes of the functional classification start with 2 and have
# 3 (类), 5 (款) or 7 (项) digits; without a dash or bracket only a 7-digit code is taken as one.
_CODE_NAME = re.compile(
    rf"(?<![\d.])(?:[\[【](?P<b>2\d{{2}}(?:\d{{2}}){{0,2}})[\]】]|(?P<d>2\d{{2}}(?:\d{{2}}){{0,2}})\s*[-－—–]|(?P<p>2\d{{6}}))"
    rf"(?!\d)\s*(?P<name>{_NAME})"
)
# The code printed after the name: "1.行政运行(2014001)1,373.32万元" (西安).
_ITEM_CODE = re.compile(rf"(?P<name>{_NAME}){_OPEN}(?P<code>2\d{{4}}(?:\d{{2}})?){_CLOSE}")
_CLASS_NAME = re.compile("(" + "|".join(FUNCTION_CLASSES) + r")(?:\s*[(（]类[)）]\s*)?支出")
_BEFORE_NAME = "年括中为是"  # characters that may precede a 类 name in a sentence


@dataclass(frozen=True)
class Match:
    subject: str
    scope: Optional[str]
    label: str  # the words as printed
    start: int
    end: int
    rank: int  # 2 functional path, 1 wording, 0 weak wording


def _strip_enumerator(name: str) -> str:
    return re.sub(r"^\s*\d+\s*[.、]\s*", "", name)


def _functional(text: str) -> list[Match]:
    out: list[Match] = []
    for m in _CODE_NAME.finditer(text):
        code = m.group("b") or m.group("d") or m.group("p")
        out.append(Match(f"function:{code}", None, m.group("name"), m.start(), m.end(), 2))
    if "(" not in text and "（" not in text:  # every pattern but the plain 类 name needs a bracket
        return _class_names(text, out)
    for m in _CODE_PATH.finditer(text):
        code = m.group("ca") + m.group("cb") + m.group("cc")
        if code.startswith("2"):
            out.append(Match(f"function:{code}", None, m.group(0).strip(), m.start(), m.end(), 2))
    for m in _NAME_PATH.finditer(text):
        path = "/".join(m.group(g) for g in "abc")
        out.append(Match(f"function_name:{path}", None, m.group(0).strip(), m.start(), m.end(), 2))
    for m in _ITEM_NAME.finditer(text):
        out.append(Match(f"function_name:{m.group('c')}", None, m.group(0).strip(), m.start(), m.end(), 1))
    for m in _ITEM_CODE.finditer(text):
        out.append(Match(f"function:{m.group('code')}", None, m.group(0).strip(), m.start(), m.end(), 2))
    for m in _CLASS_CODE.finditer(text):
        if (scheme := _CLASS_SCHEMES.get(m.group("ca")[0])):
            out.append(Match(f"{scheme}:{m.group('ca')}", None, m.group(0).strip(), m.start(), m.end(), 1))
    return _class_names(text, out)


def _class_names(text: str, out: list[Match]) -> list[Match]:
    for m in _CLASS_NAME.finditer(text):
        if m.start() and re.match(_NAME, text[m.start() - 1]) and text[m.start() - 1] not in _BEFORE_NAME:
            continue  # part of a longer name: "其他科学技术支出"
        out.append(Match(f"function_name:{m.group(1)}支出", None, m.group(0), m.start(), m.end(), 1))
    return out


class Words(NamedTuple):
    """The wordings of one kind with their patterns compiled once, and all of them as one pattern."""

    patterns: list[tuple[re.Pattern, str, Optional[str]]]
    any: re.Pattern  # matches where any wording does: most text before a figure names none (4 in 5 on the seeds)


def _compiled(words: list[tuple[str, str, Optional[str]]]) -> Words:
    """Every figure of the text tries them all, so they are compiled once."""
    return Words([(re.compile(pattern), subject, scope) for pattern, subject, scope in words],
                 re.compile("|".join(f"(?:{pattern})" for pattern, _, _ in words)))


_AMOUNT, _WEAK, _COUNT = _compiled(_AMOUNT_WORDS), _compiled(_WEAK_WORDS), _compiled(_COUNT_WORDS)


# The generic total wordings name the whole budget only when nothing qualifies them: in
# "会议费预算支出 10 万元", "“三公”经费支出预算", "政府性基金支出预算支出 0 万元", "政府采购支出预算总额"
# (苏州's 编制说明) a name runs straight into them and it is that name's figure, not the total's.
_GENERIC_TOTAL = re.compile(r"收入预算|预算收入|支出预算|预算支出|收入总计|支出总计|收支预算")
# Characters that may precede a generic total wording without qualifying it: function words and the
# last character of a unit's name ("…司法局收入预算", "…街道办事处收入预算", "…委员会支出预算",
# "…中心收入预算"). A unit is a 局/处/委/院/会/室/所/站/队/中心/馆/校/办/厅/部/社/团/署/府/园/场/台/
# 库/组/庭/宫 in the national naming of organs and institutions.
_BEFORE_TOTAL = "年度的为是总本及和" "门位局处委院会室所站队心馆校办厅部社团署府园场台库组庭宫"
# 基本支出/项目支出 run into a project's name are that project's ("深圳机场T2项目…初步设计评审项目支出304.16万元",
# 深圳); after the name of a fund or a qualifier they are the whole's ("一般公共预算基本支出", "财政拨款项目
# 支出", "一般性项目支出", "部分项目支出", "所有项目支出").
_GENERIC_PART = re.compile(r"(项目|基本)支出(预算)?")
_GENERIC = ((_GENERIC_TOTAL, _BEFORE_TOTAL), (_GENERIC_PART, _BEFORE_TOTAL + "款算性分对有"))


def _qualified(text: str, m: re.Match) -> bool:
    """A generic wording run into a preceding name ("接待费预算支出", "评审项目支出"): not the whole's.

    >>> find_subject("深圳机场T2项目非民航专业工程初步设计评审项目支出") is None
    True
    >>> find_subject("一般公共预算项目支出").subject
    'project'
    """
    if not m.start() or not re.match(_NAME, before := text[m.start() - 1]):
        return False
    return any(generic.fullmatch(m.group(0)) and before not in allowed for generic, allowed in _GENERIC)


def _words(text: str, words: Words, rank: int) -> list[Match]:
    if not words.any.search(text):  # one scan rules out every wording
        return []
    return [
        Match(subject, scope, m.group(0), m.start(), m.end(), rank)
        for pattern, subject, scope in words.patterns
        for m in pattern.finditer(text)
        if not _qualified(text, m)
    ]


def _unknown_name_end(text: str) -> int:
    """Where the last qualified total wording starts: the figure belongs to the name before it."""
    starts = [m.start() for generic, _ in _GENERIC for m in generic.finditer(text) if _qualified(text, m)]
    return max(starts, default=-1)


def find_subject(text: str, count: bool = False) -> Optional[Match]:
    """The subject named last in text (positions are relative to text).

    >>> find_subject("其中：事业单位经营收入").subject
    'source:事业单位经营收入'
    >>> find_subject("1、科学技术支出（206）科学技术管理事务（01）行政运行（01）预算数为").subject
    'function:2060101'
    >>> find_subject("科学技术（206）支出").subject
    'function:206'
    >>> find_subject("1、公共安全支出(204类)司法(06款)行政运行(01项)").subject
    'function:2040601'
    >>> find_subject("开展绩效目标管理的项目", count=True).subject
    'performance_projects'
    """
    if count:
        found = _words(text, _COUNT, 1)
    else:
        found = _words(text, _AMOUNT, 1) + _words(text, _WEAK, 0) + _functional(text)
    if not found:
        return None
    best = max(found, key=lambda m: (m.end, m.rank, m.end - m.start))
    if not count and best.end < _unknown_name_end(text):
        return None  # "一般公共预算拨款安排的会议费预算支出": 会议费, a subject the vocabulary does not know
    return Match(best.subject, best.scope, _strip_enumerator(best.label), best.start, best.end, best.rank)
