"""Column vocabulary: the words a printed header uses for each canonical column.

Headers differ by province and template ("一般公共预算拨款收入", "一般公共预算
收入", "因公出国（境）费", "因公出国(境)费用"); the canonical names are what
the table specs (lineage.vocab.tables) list and what the checks compare. A
header is matched after removing the spaces PDF extraction puts inside words.
Adding a province's wording means adding a synonym here, not code in a parser.
"""

from __future__ import annotations

import re
from typing import Optional

from lineage.read import compact

# Header words → canonical column, whole cell, checked in order. These hold for
# every table; words that mean a column only in some tables (the 决算 tables'
# "本年收入", Shanghai's "财政拨款收入") are a table spec's own `synonyms`.
SYNONYMS: list[tuple[str, str]] = [
    (r"^(收入|支出)?(总计|合计|小计)$", "合计"),  # 深圳: "收入总计", "支出总计" head the total column
    # 福州: "上年结转/结余"; 深圳: "上年结余、结转"
    (r"^上年结转(安排|结余|和结余)?$|^上年结余[、和]?结转$", "上年结转"),
    (r"^一般公共预算(拨款)?收入$", "一般公共预算拨款收入"),
    (r"^政府性基金(预算)?(拨款)?收入$", "政府性基金预算拨款收入"),
    (r"^国有资本经营(预算)?(拨款)?收入$", "国有资本经营预算拨款收入"),
    (r"^财政专户管理资金(收入)?$", "财政专户管理资金收入"),
    (r"^事业收入$", "事业收入"),
    (r"^事业单位经营收入$", "事业单位经营收入"),
    (r"^其他收入$", "其他收入"),
    (r"^上级补助收入$", "上级补助收入"),
    (r"^对?附属单位上缴收入$", "附属单位上缴收入"),  # 陕西 表2/表3 head it "对附属单位上缴收入"
    (r"^用事业基金弥补收支差额$", "用事业基金弥补收支差额"),
    (r"^使用非财政拨款结余$", "使用非财政拨款结余"),
    (r"^基本支出$", "基本支出"),
    (r"^项目支出$|^专项业务经费(支出)?$", "项目支出"),  # 陕西 calls project expenditure 专项业务经费
    (r"^事业单位经营支出$", "事业单位经营支出"),
    (r"^上缴上级支出$", "上缴上级支出"),
    (r"^对附属单位补助支出$", "对附属单位补助支出"),
    (r"^当年财政拨款安排$", "当年财政拨款安排"),
    (r"^人员(经费|支出|经费支出)$", "人员经费"),  # 烟台: "人员支出 | 日常公用支出" under 基本支出; 西安 "人员经费支出"
    (r"^(日常)?公用(经费|支出|经费支出)$", "公用经费"),
    (r"^金额$", "金额"),
    (r"^预算数$", "预算数"),
    (r"^一般公共预算$", "一般公共预算"),
    (r"^政府性基金预算$", "政府性基金预算"),
    (r"^国有资本经营预算$", "国有资本经营预算"),
    (r"^因公出国[(（]境[)）]经?费(用)?$", "因公出国（境）费用"),  # 烟台: "因公出国（境）经费"
    (r"^公务用车购置经?费$", "公务用车购置及运行费/公务用车购置费"),
    (r"^公务用车运行(维护)?费$", "公务用车购置及运行费/公务用车运行费"),
    (r"^公务接待费$", "公务接待费"),
]
_SYN = [(re.compile(p), c) for p, c in SYNONYMS]

# Group words of multi-line headers → the group names used in the column paths
# ("当年财政拨款安排/一般公共预算拨款/基本支出").
GROUP_SYNONYMS: list[tuple[str, str]] = [
    (r"^(本级)?当年财政拨款(预算)?安排$", "当年财政拨款安排"),
    (r"提前通知专项转移支付", "提前通知专项转移支付"),
    (r"^上年结转(安排)?$", "上年结转安排"),
    (r"^(20\d\d年)?政府采购(项目)?$", "政府采购"),
    (r"^公务用车购置及运行(维护)?费$", "公务用车购置及运行费"),  # 烟台, 深圳: "…运行维护费 / 小计"  # 深圳 支出总表: "2026年政府采购项目 / 小计"
]
_GROUP = [(re.compile(p), name) for p, name in GROUP_SYNONYMS]


def canonical_column(header: str, extra: tuple[tuple[str, str], ...] = ()) -> Optional[str]:
    """The canonical column a printed header cell names; `extra` (a table's own words) first.

    >>> canonical_column("一般公 共预算 拨款收 入")
    '一般公共预算拨款收入'
    >>> canonical_column("当 年 财 政 拨 款 安 排")
    '当年财政拨款安排'
    >>> canonical_column("因公出国(境)费")
    '因公出国（境）费用'
    >>> canonical_column("购置费", (("^(公务用车)?购置费$", "公务用车购置及运行费/公务用车购置费"),))
    '公务用车购置及运行费/公务用车购置费'
    """
    words = compact(header)
    for pattern, col in extra:
        if re.match(pattern, words):
            return col
    for pattern, col in _SYN:
        if pattern.match(words):
            return col
    return None


def header_group(text: str) -> str:
    """A multi-line header's group word in its canonical form (else the words themselves).

    >>> header_group("本级当年财政拨款预算安排")
    '当年财政拨款安排'
    """
    words = compact(text)
    for pattern, name in _GROUP:
        if pattern.search(words):
            return name
    return words
