"""The national framework's 政府采购预算表, read in each template that prints it.

Three templates of data/pdf/more: 苏州 (公开13表 政府采购支出表: 货物/服务 › unit › 品目, by 资金来源),
烟台 (公开表12 政府采购预算表: 类/款/项 by source) and 西安 (表12 部门综合预算政府采购（资产配置、购买服务）
预算表: 采购项目 with 采购目录, 数量 and 预算金额, in 元). Expected values are read from the PDF text
(page and line as `lineage parse` numbers them; pdftotext -layout shows the same lines).
"""

from __future__ import annotations

import dataclasses

import pytest

from lineage.checks import run_checks
from lineage.checks.facts import gather
from lineage.parse.disclosure import parse_document, parse_file
from lineage.read import read_document
from lineage.tableview import leaves
from tests.parse.pdf_rows import PDF, D, table, values

MORE = PDF / "more"


@pytest.fixture(scope="module")
def suzhou():
    return parse_file(MORE / "suzhou-shenji-2026.pdf")


@pytest.fixture(scope="module")
def yantai():
    return parse_file(MORE / "yantai-renshe-2026.pdf")


@pytest.fixture(scope="module")
def xian():
    return parse_file(MORE / "xian-xinfang-2026.pdf")


def rows_of(d):
    return [(r.role, r.name, values(r)) for r in table(d, "procurement").rows]


def test_suzhou_items_by_kind_of_purchase_and_source(suzhou):
    # Page 22, line 453-455: "采购品目大类 专项名称 经济科目 采购品目名称 采购组织形式 | 资金来源 (一般公共预算资金
    # 政府性基金 其他资金 上年结转和结余资金) | 总计"; line 456 "合计 188.50 188.50" (一般公共预算资金, 总计)
    t = table(suzhou, "procurement")
    assert (t.page, t.unit) == (22, "万元")
    assert t.columns == ["合计", "一般公共预算拨款收入", "政府性基金预算拨款收入", "上年结转", "其他资金"]
    both = lambda amount: {"一般公共预算拨款收入": D(amount), "合计": D(amount)}  # noqa: E731
    rows = rows_of(suzhou)
    # Lines 456-468: 合计; 货物 5.50 (苏州市审计局 5.50: 定额 办公费 复印纸 集中采购 1.30, 设备购置 办公设备购置
    # 便携式计算机 集中采购 4.20); 服务 183.00 (物业管理费 … 13.00, 区域重点项目协审经费 委托业务费 审计服务 170.00)
    assert rows[0] == ("total", "合计", both("188.50"))
    assert [(role, name) for role, name, _ in rows if role == "subtotal"] == [("subtotal", "货物"), ("subtotal", "服务")]
    assert ("subject", "定额 办公费 复印纸", both("1.30")) in rows
    assert ("subject", "区域重点项目协审经费 委托业务费 审计服务", both("170.00")) in rows
    # 采购组织形式 describes the item; it is kept beside the row, not in its name
    (paper,) = [r for r in t.rows if r.line == 461]
    assert paper.note == "采购组织形式：集中采购"


def test_yantai_functional_rows_by_source(yantai):
    # Page 31 (公开表12 政府采购预算表), lines 648-653: "科目编码 (类 款 项) 科目名称 合计 | 财政拨款 (小计 一般公共预算
    # 政府性基金预算 国有资本经营预算) | 财政专户管理资金 | 单位资金 | 上年结转 | 使用非财政拨款结余"
    t = table(yantai, "procurement")
    assert (t.number, t.page) == ("12", 31)
    # Line 654: "合 计 1,710.15 1,677.14 1,677.14 33.01" — 33.01 under 单位资金 (x 666, header x 640-678)
    (total,) = [r for r in t.rows if r.role == "total"]
    assert values(total) == {"合计": D("1,710.15"), "财政拨款收入": D("1,677.14"),
                             "一般公共预算拨款收入": D("1,677.14"), "单位资金": D("33.01")}
    # Line 661: "99 其他人力资源和社会保障管理事务支出 883.55 850.54 850.54 33.01"
    (other,) = [r for r in t.rows if r.code == "2080199"]
    assert values(other) == {"合计": D("883.55"), "财政拨款收入": D("850.54"),
                             "一般公共预算拨款收入": D("850.54"), "单位资金": D("33.01")}
    # Lines 657-661: the 项 rows 532.40 + 41.00 + 213.70 + 39.50 + 883.55 = 1,710.15, the 合计
    leaves = [r for r in t.rows if r.code and len(r.code) == 7]
    assert sum(r.values["合计"] for r in leaves) == total.values["合计"]


def test_xian_items_in_yuan_with_catalogue_and_quantity(xian):
    # Page 31 (表12), line 502 "单位：元"; line 505 "单位编码 采购项目 采购目录 购买服务内容 规格型号 数量 实施采购时间
    # 预算金额 说明"; line 508 "合计 6 3,786,500.00" (数量 6)
    t = table(xian, "procurement")
    assert (t.number, t.page, t.unit, t.columns) == ("12", 31, "元", ["合计"])
    (total,) = [r for r in t.rows if r.role == "total"]
    assert values(total) == {"合计": D("3,786,500.00")} and total.note == "数量：6"
    # Line 511: "201 40 04 接待中心安保服务 C05040300保安服务 详见合同 1 302 27 502 05 499,800.00": paid from
    # 2014004 信访业务; the 采购目录 entry, 规格型号 and 数量 describe it, the economic codes are a second classification
    (guard,) = [r for r in t.rows if r.line == 511]
    assert (guard.code, guard.name, values(guard)) == ("2014004", "接待中心安保服务", {"合计": D("499,800.00")})
    assert guard.note == "并列科目：302 27 502 05；采购目录：C05040300保安服务；规格型号：详见合同；数量：1"
    # Lines 511-516: the six items add up to the 合计
    items = [r for r in t.rows if r.line >= 511]
    assert sum(r.values["合计"] for r in items) == total.values["合计"]


def test_the_tables_state_what_the_text_calls_procurement(suzhou, yantai, xian):
    # 苏州 page 30, line 632: "2026年度政府采购支出预算总额188.5万元" — the table's 合计 188.50 (page 22, line 456);
    # its 货物 and 服务 rows (lines 457, 463) are the text's 拟采购货物支出 5.5 and 拟采购服务支出 183 (line 633), and
    # as they make up the 合计, the 工程 it does not print is the text's 拟采购工程支出 0
    facts = gather(suzhou)
    assert {k: [f.value for f in facts.get(k)] for k in
            ("procurement", "gp.procurement", "procurement.goods", "procurement.services", "procurement.works")} == {
        "procurement": [D("188.50")], "gp.procurement": [D("188.50")], "procurement.goods": [D("5.50")],
        "procurement.services": [D("183.00")], "procurement.works": [D("0")]}
    assert not [f for f in run_checks(suzhou, {"NR01"}) if f.line in (632, 633)]
    # 烟台 page 35, line 720 "2026年政府采购预算1,710.15万元"; 西安 page 15, line 162 "政府采购预算共378.65万元"
    assert [f.value for f in gather(yantai).get("procurement")] == [D("1,710.15")]
    assert [(f.value, f.unit) for f in gather(xian).get("procurement")] == [(D("3,786,500.00"), "元")]


def test_no_procurement_row_is_a_parse_problem(suzhou, yantai, xian):
    # Every amount sits under a header the vocabulary names: nothing left unplaced or noted as unread.
    for d in (suzhou, yantai, xian):
        assert not [p.message for p in d.problems if p.table == "procurement"]
        assert not [p.message for p in d.problems if "暂不读取" in p.message]


@pytest.mark.parametrize("says", ["无", "不涉及", "本部门不涉及政府采购预算"])
def test_an_empty_procurement_table_reads_empty(says):
    # 西安's 表12 (page 31) with its rows (lines 508-516) replaced by what an empty table prints instead (its 目录,
    # page 18 lines 194-201, marks empty tables "是 不涉及"): printed, empty, stating no 政府采购 figure.
    doc = read_document(MORE / "xian-xinfang-2026.pdf")
    page, rows = doc.pages[30], range(508, 517)
    first = next(w for w in page.words if w.line == 508)
    page.words = [w for w in page.words if w.line not in rows] + [dataclasses.replace(first, text=says, x0=300, x1=330)]
    for no in rows:
        doc.lines[no - 1] = doc.lines[no - 1]._replace(text=says if no == 508 else "", norm=says if no == 508 else "")
    d = parse_document(doc)
    t = d.table("procurement")
    assert (t.page, t.empty, t.rows) == (31, True, [])
    assert gather(d).get("procurement") == []


def test_suzhou_kinds_of_purchase_add_up_to_the_total(suzhou):
    # Page 22: 货物 5.50 (line 457) + 服务 183.00 (line 463) = 合计 188.50 (line 456), in 一般公共预算资金 and 总计
    # alike; the unit rows (458, 464) and items under them are not counted again.
    assert not [f for f in run_checks(suzhou, {"BL02", "BL03"}) if f.line in range(450, 469)]
    assert [r.name for r in leaves(table(suzhou, "procurement"))] == ["货物", "服务"]


def test_shenzhen_expenditure_summary_states_the_procurement_total():
    # 深圳 page 27 (表3 支出总表), line 513: "深圳市交通运输局（本级） 388,763.56 … 7,558.99 2,726.35 131.67" under
    # "2026年政府采购项目 / 小计 | 其中：…预留给中小企业的项目资金规模 | 其中：…预留给小型、微型企业的项目资金规模";
    # page 15 line 290-291: "纳入2026年部门预算的政府采购项目共有7,558.99万元"
    facts = gather(parse_file(MORE / "shenzhen-jiaotong-2026.pdf"))
    assert {k: [f.value for f in facts.get(k)] for k in
            ("procurement", "procurement.reserved_sme", "procurement.reserved_small")} == {
        "procurement": [D("7,558.99")], "procurement.reserved_sme": [D("2,726.35")],
        "procurement.reserved_small": [D("131.67")]}


def test_the_share_kept_for_small_firms_is_no_procurement_total():
    # 上海 普陀 司法局 2026, page 22 line 300: "面向中小企业预留政府采购项目预算金额1486.42万元,其中,预留给小型和微型
    # 企业的政府采购项目预算为1486.42万元": the second figure is the small and micro firms' share, not 政府采购预算
    # (line 298: 1486.42 too, by chance); 深圳-style tables state both apart.
    d = parse_file(PDF / "shanghai-putuo-sifaju-2026-bumen.pdf")
    assert [(c.subject, c.value) for c in d.claims if c.line == 300] == [
        ("procurement.reserved_sme", D("1486.42")), ("procurement.reserved_small", D("1486.42"))]


def test_a_number_describing_an_item_is_kept_beside_it():
    # 西安's 表12 (page 31) as a template printing 单价 where 西安 prints 数量 (header line 505, cells of lines
    # 508-516): the price says what an item is, it is no amount of the table; the row keeps its names and codes.
    doc = read_document(MORE / "xian-xinfang-2026.pdf")
    page = doc.pages[30]

    def priced(w):
        if w.line == 505 and w.norm == "数量":
            return dataclasses.replace(w, text="单价")
        if 508 <= w.line <= 516 and w.norm in ("1", "6") and 550 < w.x0 and w.x1 < 577:
            return dataclasses.replace(w, text="12.50", x0=w.x0 - 12)
        return w

    page.words = [priced(w) for w in page.words]
    t = parse_document(doc).table("procurement")
    (guard,) = [r for r in t.rows if r.line == 511]
    assert (guard.code, guard.name, values(guard)) == ("2014004", "接待中心安保服务", {"合计": D("499,800.00")})
    assert guard.note == "并列科目：302 27 502 05；另列：单价 12.50；采购目录：C05040300保安服务；规格型号：详见合同"


def test_xian_kinds_of_purchase_from_the_national_catalogue(xian):
    # Page 31, lines 511-516: every item's 采购目录 entry is a C (服务) code of the 政府采购品目分类目录
    # ("C05040300保安服务", "C16990000其他信息技术服务", … "C21020000房屋租赁服务") and the six make up the 合计
    # 3,786,500.00 元; page 15 lines 162-163: "政府采购货物类预算0.00万元、政府采购服务类预算378.65万元、政府采购工程类
    # 预算0.00万元".
    (guard,) = [r for r in table(xian, "procurement").rows if r.line == 511]
    assert guard.described == {"采购目录": "C05040300保安服务", "规格型号": "详见合同", "数量": "1"}
    facts = gather(xian)
    assert {k: [(f.value, f.unit) for f in facts.get(k)] for k in
            ("procurement.goods", "procurement.works", "procurement.services")} == {
        "procurement.goods": [(D("0"), "元")], "procurement.works": [(D("0"), "元")],
        "procurement.services": [(D("3,786,500.00"), "元")]}
    assert not [f for f in run_checks(xian, {"NR01"}) if f.line in (162, 163)]


def test_a_catalogue_that_does_not_cover_the_table_states_no_kind(xian):
    # One entry printed without its code (or items not adding up to the 合计): the kinds are unresolved.
    d = xian.model_copy(deep=True)
    (guard,) = [r for r in table(d, "procurement").rows if r.line == 511]
    guard.described["采购目录"] = "保安服务"
    facts = gather(d)
    assert facts.get("procurement.services") == [] and "procurement.services" in facts.unresolved
    assert [f.value for f in facts.get("procurement")] == [D("3,786,500.00")]
