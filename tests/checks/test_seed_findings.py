"""What `lineage check` must report on the seeds, and what must stay quiet.

Every expectation was found by reading the document (line numbers cited),
not copied from the checker's output.
"""

import pytest

from lineage.checks import pairs, run_checks


@pytest.fixture(scope="module")
def findings(parsed):
    cache = {}

    def get(seed):
        if seed not in cache:
            cache[seed] = run_checks(parsed(seed))
        return cache[seed]

    return get


def errors(fs):
    return {(f.code, f.evidence[0].line if f.evidence else None) for f in fs if f.severity == "error"}


def test_001_fiscal_total_counted_twice(findings):
    # 001 line 201: 财政拨款收支预算总数 734.24 万元; 表2 (line 604) totals 367.12 = 734.24 / 2.
    (f,) = [f for f in findings("001") if f.code == "DC01"]
    assert f.severity == "error" and f.evidence[0].line == 201
    assert str(f.found) == "734.24" and str(f.expected) == "367.12"


def test_001_project_count_disagrees_with_its_parts(findings):
    # 001 lines 385-391: 项目2个, but 人员类1个 + 运转类2个 + 特定目标类0个 = 3.
    assert ("NR04", 385) in errors(findings("001"))


def test_001_three_public_is_gp_plus_fund_and_stays_quiet(findings):
    # 001 line 313: "三公"经费 11.19 = 表3-3 3.19 (line 887) + 表4-1 8.00 (line 940): consistent.
    assert not [f for f in findings("001") if f.code == "NR01" and f.evidence[0].line in (313, 317)]


def test_000_project_count_in_text_disagrees_with_targets(findings):
    # 000 line 2043-2049: 19 个项目 (2 + 6 + 11); the 绩效目标表 (from line 776) lists 13 projects: their
    # 预算数 at lines 864, 901, 912, 972, 1020, 1094, 1138, 1157, 1172, 1188, 1208, 1243, 1265 add up to
    # the table's printed 470.70 (line 778).
    (f,) = [f for f in findings("000") if f.code == "NR04"]
    assert f.evidence[0].line == 2045 and str(f.found) == "19" and str(f.expected) == "13"


def test_000_fiscal_carryover_is_not_confused_with_all_funds(findings):
    # 000 line 1886: 上年结转 285.31 is the 财政拨款 carry-over (表2 line 324), not 408.29 (表1 line 196).
    assert not [f for f in findings("000") if f.code == "NR01" and f.severity == "error"]
    assert not [f for f in findings("000") if f.code == "BL02" and f.severity == "error"]


def test_002_personnel_in_text_disagrees_with_basic_table(findings):
    # 002 line 105: 人员经费 168.74 万元; 表3-1 line 354 prints 人员经费 185.04.
    (f,) = [f for f in findings("002") if f.code == "NR01" and f.evidence[0].line == 105]
    assert f.severity == "error" and str(f.found) == "168.74" and str(f.expected) == "185.04"


def test_002_missing_tables_of_its_own_contents(findings):
    # 002 contents (lines 19, 22, 27, 29) list 收入总表, 经济分类表, 基金表, 国资表; none is printed.
    missing = {f.message.split("（")[0] for f in findings("002") if f.code == "TB01"}
    assert "缺少「收入总表」" in missing
    assert "缺少「政府性基金预算支出预算表」" in missing
    assert "缺少「一般公共预算支出预算表」" not in missing  # printed at line 323
    # The evidence is the contents-list entry: 二、部门收入总表 (line 19), 十、政府性基金… (line 27).
    assert {("TB01", 19), ("TB01", 27)} <= pairs(findings("002"))


def test_002_rounding_difference_is_a_warning_not_an_error(findings):
    # 002 line 381: 商品和服务支出 20.48 but 5.30 + 15.17 = 20.47 (band for 2 parts: 0.015).
    (f,) = [f for f in findings("002") if f.code == "BL03" and f.evidence[0].line == 381]
    assert f.severity == "warning"


def test_003_wrong_year_and_two_names_for_one_code(findings):
    fs = findings("003")
    # line 667: "2023 年支出预算 753.70 万元" in the 2024 disclosure.
    assert ("LB01", 667) in pairs(fs)
    # 2060704 is 学术交流活动 (line 147) and 学术交流活动的 (line 272).
    (f,) = [f for f in fs if f.code == "LB02"]
    assert {147, 272} <= set(f.lines)


def test_004_rounding_only(findings):
    fs = findings("004")
    # 表二 (line 93): 1,220.75 + 8,383.31 + 600.64 + 150.96 + 171.44 = 10,527.10 vs 10,527.11.
    assert ("BL02", 93) in {(f.code, f.evidence[0].line) for f in fs if f.severity == "warning"}
    # Apart from the tables it does not print (表七, 表九 …), nothing is an error.
    assert {code for code, _ in errors(fs)} <= {"TB01"}


def test_target_amounts_agree_with_the_project_table_and_a_changed_one_is_an_error(findings, parsed):
    # 001: 2024年老科协专项工作经费 56.05 in 表3-2 (line 862) and 56.05 in the 绩效目标表 (line 1424);
    # 003: 凉山州级科普专项经费 128.00 (line 375) and 128.00 (line 482) — every seed's targets agree.
    for seed in ("000", "001", "002", "003", "004"):
        assert not [f for f in findings(seed) if f.code == "OR05"], seed
    d = parsed("001")
    table = d.performance.tables[0]
    target = next(p for p in table.projects if p.name == "2024年老科协专项工作经费")
    changed = d.model_copy(update={"performance": d.performance.model_copy(update={"tables": [
        table.model_copy(update={"projects": [
            p.model_copy(update={"amount": p.amount + 1}) if p is target else p for p in table.projects]})]})})
    (f,) = run_checks(changed, only={"OR05"})
    assert (f.severity, str(f.expected), str(f.found), f.lines) == ("error", "56.05", "57.05", [862, 1424])


def test_a_claim_in_another_unit_is_not_compared_with_the_tables(parsed):
    # 001 line 201 prints 734.24 万元 = 2 × 367.12 (表2 line 604): DC01. The same figure in 元 is
    # 0.073424 万元, neither the tables' amount nor twice it: NR01 and DC01 must both stay quiet.
    d = parsed("001")
    assert run_checks(d, only={"DC01"})
    claims = [c.model_copy(update={"unit": "元"}) if c.line == 201 and c.kind == "amount" else c for c in d.claims]
    changed = d.model_copy(update={"claims": claims})
    assert not [f for f in run_checks(changed, only={"NR01", "DC01"}) if f.evidence[0].line == 201]


def test_indicator_weights_are_not_money(findings):
    # 003 line 597-600: 州本级退休人员公用经费（事业退休） weighs 20 + 30 + 20 + 20 = 90 points, not 万元.
    (f,) = [f for f in findings("003") if f.code == "OR03" and f.lines == [597]]
    assert (str(f.expected), str(f.found), f.unit) == ("100", "90", None)
    # A missing table has no amount either (002 contents line 19: 部门收入总表, not printed): it counts
    # copies of the table (1 expected, 0 printed), in 张.
    assert {(f.unit, str(f.expected), str(f.found)) for f in findings("002") if f.code == "TB01"} == {("张", "1", "0")}
