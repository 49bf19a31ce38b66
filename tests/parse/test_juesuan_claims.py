"""The 决算's 情况说明 as claims (data/pdf/shanghai-putuo-guihuaziyuan-2024-juesuan.pdf, pages 20-28).

Execution statements ("年初预算为 X 万元，支出决算为 Y 万元，完成年初预算的 Z%。决算数小于
预算数…") are one claim each, under the 类/款/项 or the “三公” item they explain; the other
figures are read as in a 预算. Every value below is read in the PDF (lines cited).
"""

from decimal import Decimal

import pytest

from lineage.parse.disclosure import parse_file
from tests.parse.pdf_rows import PDF, D


@pytest.fixture(scope="module")
def claims():
    return parse_file(PDF / "shanghai-putuo-guihuaziyuan-2024-juesuan.pdf").claims


def _executions(claims):
    return {c.subject: c for c in claims if c.kind == "execution"}


def test_execution_of_each_item(claims):
    ex = _executions(claims)
    # p21: "一般公共预算财政拨款支出年初预算为 10210.34 万元，支出决算为 9746.50 万元，完成年初预算的 95.45%。
    # 决算数小于预算数的主要原因：…"
    c = ex["gp_total"]
    assert (c.previous, c.value, c.rate, c.direction) == (D("10210.34"), D("9746.50"), D("95.45"), "decrease")
    # p22: "3、社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）。…年初预算为
    # 452.40 万元，支出决算为 446.11 万元，完成年初预算的 98.61%。决算数小于预算数的主要原因：…"
    c = ex["function_name:社会保障和就业支出/行政事业单位养老支出/机关事业单位基本养老保险缴费支出"]
    assert (c.previous, c.value, c.rate, c.direction) == (D("452.40"), D("446.11"), D("98.61"), "decrease")
    # p22: "1、…行政单位离退休（项）。…年初预算为 54.53 万元，支出决算为 54.53 万元，完成年初预算的 100.00%。
    # 决算数同预算数持平。"
    c = ex["function_name:社会保障和就业支出/行政事业单位养老支出/行政单位离退休"]
    assert (c.previous, c.value, c.rate, c.direction) == (D("54.53"), D("54.53"), D("100.00"), "flat")
    # p22: "5、…机关事业单位退休人员活动费支出（项）。…年初预算为 0.88 万元，支出决算为 0.88 万元。完成年初预算的
    # 100.00%。" — the rate is its own sentence here; the comparison "决算数同预算数持平" follows.
    c = ex["function_name:社会保障和就业支出/行政事业单位养老支出/机关事业单位退休人员活动费支出"]
    assert (c.previous, c.value, c.direction) == (D("0.88"), D("0.88"), "flat")
    assert len([c for c in claims if c.kind == "execution" and c.subject.startswith("function_name:")]) == 13


def test_three_public_execution(claims):
    ex = _executions(claims)
    # p25: "“三公”经费财政拨款支出年初预算为 2.85 万元，支出决算为 0.39 万元，完成预算的 13.68%，其中：因公出国（境）费
    # 决算为 0.00 万元，完成预算的 0.00%；公务用车购置及运行维护费支出决算为 0.00 万元，完成预算的 0.00%；公务接待费支出
    # 决算为 0.39 万元，完成预算的 13.68%。2024 年度“三公”经费支出决算数小于预算数的主要原因：…"
    c = ex["three_public"]
    assert (c.previous, c.value, c.rate, c.direction) == (D("2.85"), D("0.39"), D("13.68"), "decrease")
    c = ex["three_public.reception"]
    assert (c.previous, c.value, c.rate) == (None, D("0.39"), D("13.68"))
    assert (ex["three_public.abroad"].value, ex["three_public.car"].value) == (Decimal("0.00"), Decimal("0.00"))


def test_execution_figures_are_not_read_twice(claims):
    # "支出决算为 54.53" was read as a total expenditure of 54.53 before the 决算 reader.
    assert not [c for c in claims if c.kind == "amount" and c.subject == "expenditure_total" and c.value < 9000]
    # p20/p24: the ordinary figures are still claims: "本年支出合计 9759.38 万元", "人员经费 4896.98 万元".
    amounts = {(c.subject, c.value) for c in claims if c.kind == "amount"}
    assert ("expenditure_total", D("9759.38")) in amounts and ("personnel", D("4896.98")) in amounts
    # p20 line 406 "本年支出合计 9759.38 万元，其中：基本支出 5377.64 万元" (all funds) and p24 line 494
    # "一般公共预算财政拨款基本支出 5377.64 万元": the second keeps its 一般公共预算 scope.
    basic = {c.line: c.scope for c in claims if c.kind == "amount" and c.subject == "basic" and c.value == D("5377.64")}
    assert basic == {406: "expenditure_total", 494: "gp_total"}


def test_the_budget_the_rate_names():
    # Some templates state both budgets: "年初预算为 A，调整预算为 B，支出决算为 C，完成调整预算的 D%" — the rate is
    # measured on B, so B is the claim's 预算数 (C / B = 110 / 120 = 91.67%).
    from lineage.parse.claims_execution import ExecutionContext, read_execution
    from lineage.parse.claims_text import Sentence

    t = "一般公共预算财政拨款支出年初预算为 100.00 万元，调整预算为 120.00 万元，支出决算为 110.00 万元，完成调整预算的 91.67%。"
    (c,), rest = read_execution(Sentence(t, [1] * len(t)), t, ExecutionContext(), 2024)
    assert (c.subject, c.previous, c.value, c.rate) == ("gp_total", D("120.00"), D("110.00"), D("91.67"))
    assert not any(ch.isdigit() for ch in rest)  # neither budget is read again as another figure
