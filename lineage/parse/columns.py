"""Column schemas of the money tables: canonical names, header synonyms, arithmetic.

A table's printed header decides which columns it has (the municipal 一般公共预算
支出表 splits 基本/项目, the provincial one 当年/上年结转); the canonical names
let the checks compare columns across layouts. `SUMS` is the arithmetic each
table obeys: (total column, [part columns]). The flattened layout, which lost
blank cells, uses it to place values; the checks use it to report imbalances.
"""

from __future__ import annotations

import re

_FUNDS = ["一般公共预算拨款", "政府性基金安排", "国有资本经营预算安排"]
_GROUPS = ["当年财政拨款安排", "提前通知专项转移支付", "上年结转安排"]


def _fiscal_by_economic_columns() -> tuple[list[str], list[tuple[str, list[str]]]]:
    cols = ["总计"]
    sums: list[tuple[str, list[str]]] = [("总计", [f"{g}/合计" for g in _GROUPS])]
    for group in _GROUPS:
        cols.append(f"{group}/合计")
        funds = _FUNDS + (["上年应返还额度结转"] if group == "上年结转安排" else [])
        sums.append((f"{group}/合计", [f"{group}/{f}/小计" for f in funds]))
        for fund in funds:
            base = f"{group}/{fund}"
            cols += [f"{base}/小计", f"{base}/基本支出", f"{base}/项目支出"]
            sums.append((f"{base}/小计", [f"{base}/基本支出", f"{base}/项目支出"]))
    return cols, sums


_FBE_COLS, _FBE_SUMS = _fiscal_by_economic_columns()

# Canonical columns per kind, in printed order.
COLUMNS: dict[str, list[str]] = {
    "income_expenditure_summary": ["预算数"],
    "income_summary": [
        "合计", "上年结转", "一般公共预算拨款收入", "政府性基金预算拨款收入",
        "国有资本经营预算拨款收入", "财政专户管理资金收入", "事业收入", "事业单位经营收入",
        "其他收入", "上级补助收入", "附属单位上缴收入", "用事业基金弥补收支差额",
    ],
    "expenditure_summary": ["合计", "基本支出", "项目支出", "上缴上级支出", "对附属单位补助支出"],
    "fiscal_summary": ["预算数", "合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"],
    "fiscal_by_economic": _FBE_COLS,
    "gp_by_function": ["合计", "基本支出", "项目支出", "当年财政拨款安排", "上年结转安排"],
    "gp_basic_by_economic": ["合计", "人员经费", "公用经费"],
    "gp_projects": ["金额"],
    "gp_three_public": [
        "合计", "因公出国（境）费用", "公务用车购置及运行费/小计", "公务用车购置及运行费/公务用车购置费",
        "公务用车购置及运行费/公务用车运行费", "公务接待费",
    ],
    "fund_by_function": ["合计", "基本支出", "项目支出"],
    "soe_by_function": ["合计", "基本支出", "项目支出"],
}
COLUMNS["fund_three_public"] = COLUMNS["gp_three_public"]

SUMS: dict[str, list[tuple[str, list[str]]]] = {
    "income_summary": [("合计", COLUMNS["income_summary"][1:])],
    "expenditure_summary": [("合计", COLUMNS["expenditure_summary"][1:])],
    "fiscal_summary": [("合计", ["一般公共预算", "政府性基金预算", "国有资本经营预算"])],
    "fiscal_by_economic": _FBE_SUMS,
    "gp_by_function": [("合计", ["基本支出", "项目支出"]), ("合计", ["当年财政拨款安排", "上年结转安排"])],
    "gp_basic_by_economic": [("合计", ["人员经费", "公用经费"])],
    "gp_three_public": [
        ("合计", ["因公出国（境）费用", "公务用车购置及运行费/小计", "公务接待费"]),
        ("公务用车购置及运行费/小计", ["公务用车购置及运行费/公务用车购置费", "公务用车购置及运行费/公务用车运行费"]),
    ],
    "fund_by_function": [("合计", ["基本支出", "项目支出"])],
    "soe_by_function": [("合计", ["基本支出", "项目支出"])],
}
SUMS["fund_three_public"] = SUMS["gp_three_public"]

# Header words → canonical column (after removing spaces). Checked in order.
_SYNONYMS: list[tuple[str, str]] = [
    (r"^(总计|合计|小计)$", "合计"),
    (r"^上年结转(安排)?$", "上年结转"),
    (r"^一般公共预算(拨款)?收入$", "一般公共预算拨款收入"),
    (r"^政府性基金(预算)?(拨款)?收入$", "政府性基金预算拨款收入"),
    (r"^国有资本经营(预算)?(拨款)?收入$", "国有资本经营预算拨款收入"),
    (r"^财政专户管理资金(收入)?$", "财政专户管理资金收入"),
    (r"^事业收入$", "事业收入"),
    (r"^事业单位经营收入$", "事业单位经营收入"),
    (r"^其他收入$", "其他收入"),
    (r"^上级补助收入$", "上级补助收入"),
    (r"^附属单位上缴收入$", "附属单位上缴收入"),
    (r"^用事业基金弥补收支差额$", "用事业基金弥补收支差额"),
    (r"^基本支出$", "基本支出"),
    (r"^项目支出$", "项目支出"),
    (r"^上缴上级支出$", "上缴上级支出"),
    (r"^对附属单位补助支出$", "对附属单位补助支出"),
    (r"^当年财政拨款安排$", "当年财政拨款安排"),
    (r"^人员经费$", "人员经费"),
    (r"^公用经费$", "公用经费"),
    (r"^金额$", "金额"),
    (r"^预算数$", "预算数"),
    (r"^一般公共预算$", "一般公共预算"),
    (r"^政府性基金预算$", "政府性基金预算"),
    (r"^国有资本经营预算$", "国有资本经营预算"),
    (r"^因公出国[(（]境[)）]费(用)?$", "因公出国（境）费用"),
    (r"^公务用车购置费$", "公务用车购置及运行费/公务用车购置费"),
    (r"^公务用车运行(维护)?费$", "公务用车购置及运行费/公务用车运行费"),
    (r"^公务接待费$", "公务接待费"),
]
_SYN = [(re.compile(p), c) for p, c in _SYNONYMS]


def canonical_column(header: str) -> str | None:
    """The canonical column a printed header cell names.

    >>> canonical_column("一般公 共预算 拨款收 入")
    '一般公共预算拨款收入'
    >>> canonical_column("当 年 财 政 拨 款 安 排")
    '当年财政拨款安排'
    """
    compact = re.sub(r"\s+", "", header)
    for pattern, col in _SYN:
        if pattern.match(compact):
            return col
    return None

