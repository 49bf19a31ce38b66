"""深圳市交通运输局（本级）2026 部门预算 (data/pdf/more/shenzhen-jiaotong-2026.pdf), 广东's template.

Expected values are read from the PDF (`pdftotext -layout -f P -l P`), page numbers as the PDF counts them.
深圳 prints no 合计 row: the row of its 预算单位 column ("深圳市交通运输局（本级）") states the total.
"""

from __future__ import annotations

import pytest

from lineage.parse.disclosure import parse_file
from tests.parse.pdf_rows import PDF, D, row, table, values

FILE = PDF / "more" / "shenzhen-jiaotong-2026.pdf"


@pytest.fixture(scope="module")
def shenzhen():
    return parse_file(FILE)


def test_identity(shenzhen):
    # Page 1: "深圳市交通运输局（本级）2026 年部门预算"
    assert (shenzhen.year, shenzhen.kind) == (2026, "部门预算")
    assert shenzhen.unit_name.startswith("深圳市交通运输局")


def test_income_total_is_the_unit_row(shenzhen):
    # Page 26 (表2 收入总表): "深圳市交通运输局（本级） 388,763.56 384,396.78 4,165.00 0.00 0.00 0.00 0.00 0.00 0.00
    # 0.00 201.78" under 收入总计 | 本年收入/财政拨款/一般公共预算拨款 | 政府性基金预算拨款 | 国有资本经营预算拨款 |
    # 财政专户管理资金 | 单位资金 (事业收入 事业单位经营收入 上级补助收入 附属单位上缴收入 其他收入) | 上年结余、结转
    (total,) = [r for r in table(shenzhen, "income_summary").rows if r.role == "total"]
    v = values(total)
    assert (v["合计"], v["一般公共预算拨款收入"], v["政府性基金预算拨款收入"], v["国有资本经营预算拨款收入"],
            v["上年结转"]) == (D("388,763.56"), D("384,396.78"), D("4,165.00"), D("0.00"), D("201.78"))
    assert v["上级补助收入"] == v["其他收入"] == D("0.00")


def test_expenditure_summary_rows_and_procurement_columns(shenzhen):
    # Page 27 (表3 支出总表): "深圳市交通运输局（本级） 388,763.56 11,826.97 376,936.60 0.00 0.00 0.00 7,558.99
    # 2,726.35 131.67" — the last three under "2026 年政府采购项目": 小计, 中小企业, 小型、微型企业
    t = table(shenzhen, "expenditure_summary")
    (total,) = [r for r in t.rows if r.role == "total"]
    assert values(total) == {
        "合计": D("388,763.56"), "基本支出": D("11,826.97"), "项目支出": D("376,936.60"), "事业单位经营支出": D("0.00"),
        "对附属单位补助支出": D("0.00"), "上缴上级支出": D("0.00"), "政府采购/小计": D("7,558.99"),
        "政府采购/中小企业": D("2,726.35"), "政府采购/小型微型企业": D("131.67")}
    # "205 教育支出 41.99 2.00 39.99 0.00 …"; "2080505 机关事业单位基本养老保险缴费支出 611.41 611.41 0.00 …"
    # (its name wrapped over two lines around the amounts)
    assert [values(row(shenzhen, "expenditure_summary", code=c))["合计"] for c in ("205", "208", "2080505")] == [
        D("41.99"), D("1,260.37"), D("611.41")]
    assert row(shenzhen, "expenditure_summary", code="2080505").name == "机关事业单位基本养老保险缴费支出"
    # The page numbers "- 24 -" … are no rows.
    assert not [r for r in t.rows if r.role == "total_repeat"]


def test_income_equals_expenditure_and_the_documents_figures(shenzhen):
    # Page 24 (表1 收支总表): "本年支出合计 388,763.56"; page 22 text: "部门预算收入 388,763.56 万元 … 部门预算支出
    # 388,763.56 万元"
    income = [r for r in table(shenzhen, "income_summary").rows if r.role == "total"][0].values["合计"]
    spent = [r for r in table(shenzhen, "expenditure_summary").rows if r.role == "total"][0].values["合计"]
    assert income == spent == D("388,763.56")


def test_no_errors(shenzhen):
    from lineage.checks import run_checks

    assert [f for f in run_checks(shenzhen) if f.severity == "error"] == []


def test_basic_and_project_summaries_by_source(shenzhen):
    # Page 32 (表4 基本支出总表), under "支出项目类别 | 总计 | 财政拨款 (小计 一般公共预算拨款 …) | …":
    # "深圳市交通运输局（本级） 11,826.97 11,826.97 11,826.97 0.00 …" (the unit in place of 合计),
    # "工资福利支出 8,305.83 8,305.83 8,305.83", "基本工资 1,636.40 1,636.40 1,636.40"
    t = table(shenzhen, "basic_by_economic")
    assert (t.number, t.page) == ("4", 32)
    (total,) = [r for r in t.rows if r.role == "total"]
    assert (values(total)["合计"], values(total)["财政拨款收入"], values(total)["一般公共预算拨款收入"]) == (
        D("11,826.97"), D("11,826.97"), D("11,826.97"))
    assert values(row(shenzhen, "basic_by_economic", name="基本工资"))["合计"] == D("1,636.40")
    # Page 34 (表5 项目支出总表): the unit's total "376,936.6 / 0" and "175,400.5 / 9" wrap in their narrow cells;
    # "轨道交通管理 175,400.59 175,204.09 0.00 … 196.50" (196.50 under 上年结余、结转)
    t = table(shenzhen, "projects")
    (total,) = [r for r in t.rows if r.role == "total"]
    assert values(total)["合计"] == D("376,936.60") and values(total)["上年结转"] == D("201.78")
    rail = values(row(shenzhen, "projects", name="轨道交通管理"))
    assert (rail["合计"], rail["一般公共预算拨款收入"], rail["上年结转"]) == (D("175,400.59"), D("175,204.09"), D("196.50"))
    # The 24 projects (pages 34-36) add up to the total: 376,936.60
    assert sum(values(r)["合计"] for r in t.rows if r.role != "total") == D("376,936.60")
    # Wrapped names read whole: "安全生产和应急管理 / 专项经费 470.29"
    assert values(row(shenzhen, "projects", name="安全生产和应急管理专项经费"))["合计"] == D("470.29")


def test_general_budget_by_economic_class(shenzhen):
    # Page 43 (表8 一般公共预算支出表（按经济分类）): "深圳市交通运输局（本级） 384,598.56 11,826.97 372,771.60";
    # page 45: "31204 费用补贴 357,350.52 0.00 357,350.52"
    t = table(shenzhen, "gp_by_economic")
    (total,) = [r for r in t.rows if r.role == "total"]
    assert values(total) == {"合计": D("384,598.56"), "基本支出": D("11,826.97"), "项目支出": D("372,771.60")}
    assert values(row(shenzhen, "gp_by_economic", code="31204")) == {
        "合计": D("357,350.52"), "基本支出": D("0.00"), "项目支出": D("357,350.52")}
    # Pages 43-44: 302 商品和服务支出 18,054.72, its 30201 … 30299 add to 18,054.73 — a true rounding warning.
    from lineage.checks import run_checks

    hi = [f for f in run_checks(shenzhen) if f.code == "HI01"]
    assert [f.severity for f in hi] == ["warning"] and "18054.72" in hi[0].message


def test_three_public_years_as_rows_and_funds_as_columns(shenzhen):
    # Page 46 (表9 财政拨款“三公”经费支出表, 单位：万元): columns 总计 | 因公出国(境)费 | 公务接待费 | 公务用车购置及运行维护费
    # (小计 | 公务用车购置费 | 公务用车运行维护费), each split 一般公共预算 | 政府性基金预算 | 国有资本经营预算; rows under
    # "预算单位 | 年度": "深圳市交通运输局（本级） 2025年 176.01 0.00 0.00 129.80 0.00 0.00 15.11 0.00 0.00 31.10 …",
    # "2026年 147.90 0.00 0.00 115.00 0.00 0.00 5.10 0.00 0.00 27.80 0.00 0.00 0.00 0.00 0.00 27.80 0.00 0.00",
    # "增减变化金额 -28.11 … -3.30 0.00 0.00".
    t = table(shenzhen, "gp_three_public")
    (r,) = t.rows  # this year's row stands for the three printed lines
    assert (r.role, r.name, r.line, r.lines) == ("total", "深圳市交通运输局（本级）", 938, [937, 938, 939])
    assert {k: v for k, v in values(r).items() if "/政府性基金预算" not in k and "/国有资本经营预算" not in k} == {
        "合计": D("147.90"), "因公出国（境）费用": D("115.00"), "公务接待费": D("5.10"),
        "公务用车购置及运行费/小计": D("27.80"), "公务用车购置及运行费/公务用车购置费": D("0.00"),
        "公务用车购置及运行费/公务用车运行费": D("27.80")}
    assert values(r)["合计/政府性基金预算"] == D("0.00") and values(r)["公务接待费/国有资本经营预算"] == D("0.00")
    assert r.note.startswith("2026年；另列：2025年 176.01 0.00 0.00 129.80")
    assert "增减变化金额 -28.11" in r.note
    assert not [p for p in shenzhen.problems if p.page == 46]


def test_three_public_facts_come_from_the_table(shenzhen):
    # Page 16: "2026年财政拨款“三公”经费预算147.90万元"; "1.因公出国（境）费用。2026年预算数115.00万元";
    # "2.公务接待费。2026年预算数5.10万元" — the 一般公共预算 parts of 表9's 2026 row (page 46); its
    # 政府性基金预算 parts (0.00) make the 财政拨款 figure the same.
    from lineage.checks.facts import gather

    facts = gather(shenzhen)
    got = {k: facts.get(k)[0].value for k in ("three_public", "three_public.abroad", "three_public.reception",
                                               "fiscal.three_public")}
    assert got == {"three_public": D("147.90"), "three_public.abroad": D("115.00"),
                   "three_public.reception": D("5.10"), "fiscal.three_public": D("147.90")}
