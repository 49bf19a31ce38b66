"""The 2024 决算 of 上海市普陀区规划和自然资源局 (data/pdf/shanghai-putuo-guihuaziyuan-2024-juesuan.pdf) and the
unit's 2024 预算 as that 决算 states it, for the budget-vs-actual tests (report, graph, Neo4j, CLI).

The unit's 2024 预算 is not among the data, so it is built from what the 决算 itself prints as the budget: the
年初预算 of each 项 in the text of 五(三) (PDF pages 22-23, "年初预算为 452.40 万元，支出决算为 446.11 万元，
完成年初预算的 98.61%") and the 预算数 columns of the 三公 table (page 17). Tables the parser does not read yet
are filled as printed (`with_three_public_pairs`, `with_carry_over`), and left as parsed once it does.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from lineage.model import Disclosure, Row, Source, Table

ROOT = Path(__file__).resolve().parents[1]
JUESUAN = ROOT / "data" / "pdf" / "shanghai-putuo-guihuaziyuan-2024-juesuan.pdf"
UNIT = "上海市普陀区规划和自然资源局"

# 五(三), pages 22-23: each 项's 年初预算 as the text states it (万元).
PLANNED_ITEMS = {
    "2080501": ("行政单位离退休", "54.53"),
    "2080502": ("事业单位离退休", "28.11"),
    "2080505": ("机关事业单位基本养老保险缴费支出", "452.40"),
    "2080506": ("机关事业单位职业年金缴费支出", "226.25"),
    "2080599": ("其他行政事业单位养老支出", "0.88"),  # the text calls it 机关事业单位退休人员活动费支出
    "2101101": ("行政单位医疗", "42.73"),
    "2101102": ("事业单位医疗", "196.40"),
    "2120101": ("行政运行", "1115.48"),
    "2120201": ("城乡社区规划与管理", "3110.14"),
    "2200150": ("事业运行", "4477.33"),
    "2200199": ("其他自然资源事务支出", "45.00"),
    "2210201": ("住房公积金", "289.59"),
    "2210203": ("购房补贴", "171.49"),
}
# "一般公共预算财政拨款支出年初预算为 10210.34 万元" (page 22; its 项 above add up to 10210.33).
PLANNED_TOTAL = "10210.34"
# 三公 table, page 17, the 预算数 of each pair: 合计 2.85, 出国 0.00, 车 0.00 (0.00, 0.00), 接待 2.85.
PLANNED_THREE_PUBLIC = {
    "合计": "2.85", "因公出国（境）费用": "0.00", "公务用车购置及运行费/小计": "0.00",
    "公务用车购置及运行费/公务用车购置费": "0.00", "公务用车购置及运行费/公务用车运行费": "0.00", "公务接待费": "2.85",
}
# ... and its 决算数: 0.39, 0.00, 0.00, 0.00, 0.00, 0.39.
SPENT_THREE_PUBLIC = {
    "合计": "0.39", "因公出国（境）费用": "0.00", "公务用车购置及运行费/小计": "0.00",
    "公务用车购置及运行费/公务用车购置费": "0.00", "公务用车购置及运行费/公务用车运行费": "0.00", "公务接待费": "0.39",
}


def _values(d: dict[str, str], suffix: str = "") -> dict[str, Decimal]:
    return {k + suffix: Decimal(v) for k, v in d.items()}


def planned_budget(juesuan: Disclosure) -> Disclosure:
    """The unit's 2024 部门预算 as the 决算 states it: 一般公共预算 by 项 and 三公, in 万元."""
    rows = [Row(index=0, line=1, role="total", name="合计", values={"合计": Decimal(PLANNED_TOTAL)})]
    rows += [Row(index=i, line=i + 1, code=code, name=name, scheme="functional", values={"合计": Decimal(amount)})
             for i, (code, (name, amount)) in enumerate(PLANNED_ITEMS.items(), start=1)]
    return Disclosure(
        id=f"2024/{UNIT}/部门预算", unit_name=UNIT, year=2024, kind="部门预算", amount_unit="万元", layout="test",
        source=Source(path="planned-from-juesuan.txt", sha256="0" * 64),
        tables=[
            Table(kind="gp_by_function", title="一般公共预算支出预算表", line=1, end_line=20, columns=["合计"], rows=rows),
            Table(kind="gp_three_public", title="一般公共预算“三公”经费支出预算表", line=30, end_line=31,
                  columns=list(PLANNED_THREE_PUBLIC),
                  rows=[Row(index=0, line=31, role="total", name="合计", values=_values(PLANNED_THREE_PUBLIC))]),
        ],
    )


def with_three_public_pairs(juesuan: Disclosure) -> Disclosure:
    """The 决算 with its 三公 table's pairs as read (until its rows are read by the parser, as printed on page 17)."""
    if juesuan.table("actual_three_public").rows:
        return juesuan
    t = juesuan.table("actual_three_public")
    columns = [c + s for c in PLANNED_THREE_PUBLIC for s in ("/预算数", "/决算数")]
    values = {**_values(PLANNED_THREE_PUBLIC, "/预算数"), **_values(SPENT_THREE_PUBLIC, "/决算数")}
    filled = t.model_copy(update={"columns": columns, "rows": [
        Row(index=0, line=t.line + 5, page=t.page, role="total", name="合计", values=values)]})
    return juesuan.model_copy(update={"tables": [filled if x is t else x for x in juesuan.tables]})


# 收入支出决算总表, page 7: "年初结转和结余 112.88 | 年末结转和结余 100.00", "总计 9859.38 | 总计 9859.38".
CARRY = {"income": ("年初结转和结余", "112.88"), "expenditure": ("年末结转和结余", "100.00")}


def with_carry_over(juesuan: Disclosure) -> Disclosure:
    """The 决算 with its 收入支出决算总表's carry-over lines (as printed on page 7, until the parser reads them)."""
    t = juesuan.table("actual_income_expenditure_summary")
    if any(r.values for r in t.rows):
        return juesuan
    rows = [Row(index=i, line=t.line + 20, page=t.page, role="item", side=side, name=name,
                values={"决算数": Decimal(amount)}) for i, (side, (name, amount)) in enumerate(CARRY.items())]
    filled = t.model_copy(update={"rows": rows})
    return juesuan.model_copy(update={"tables": [filled if x is t else x for x in juesuan.tables]})


def juesuan_as_read() -> Disclosure:
    """The parsed 决算, with the tables the parser does not read yet filled as printed."""
    from lineage.parse.disclosure import parse_file

    return with_carry_over(with_three_public_pairs(parse_file(JUESUAN)))
