"""What `lineage check` must report on the seeds, and what must stay quiet.

Every expectation was found by reading the document (line numbers cited),
not copied from the checker's output. Each seed's error-level findings are
pinned as a whole set: a new error on a seed fails a test until someone has
read the document and added it here with its lines. TB01/TB02 (tables
missing, numbering) belong to the table vocabulary and are pinned with it.
"""

from decimal import Decimal

import pytest

from lineage.checks import pairs, run_checks

TABLE_RULES = {"TB01", "TB02"}


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


def own_errors(fs):
    return {(code, line) for code, line in errors(fs) if code not in TABLE_RULES}


# -- every error-level finding, seed by seed, as read in the document ----------------------------

def test_000_errors(findings):
    assert own_errors(findings("000")) == set()


def test_000_project_count_is_unconfirmed_not_wrong(findings):
    # line 2045: "开展绩效目标管理的项目19个" = 人员类2 + 运转类6 + 特定目标类11 (lines 2045-2049); the
    # 绩效目标表 (from line 776) lists 13 targets: their 预算数 at lines 864, 901, 912, 972, 1020, 1094,
    # 1138, 1157, 1172, 1188, 1208, 1243, 1265 add up to the table's printed 470.70 (line 778); 表3-2
    # lists 23 projects. 人员类/运转类 items are 基本支出 the tables need not print, and 13 lies between
    # the 11 特定目标类 and the 19: no contradiction, only information.
    nr04 = [f for f in findings("000") if f.code == "NR04"]
    assert [(f.severity, f.evidence[0].line, f.found) for f in nr04] == [("info", 2045, Decimal("19"))]


def test_001_errors(findings):
    assert own_errors(findings("001")) == {
        # line 201: 财政拨款收支预算总数 734.24 万元 = 2 × 367.12 (表2 line 604).
        ("DC01", 201),
        # lines 385-389: 项目2个, but 人员类1个 + 运转类2个 + 特定目标类0个 = 3.
        ("NR04", 385),
        # the 一般公共预算 increase: 6.86 (line 181), 13.72 (line 205), 32.12 from 201.00 (line 219).
        ("NR05", 181),
        # lines 173-177: 支出包括 一般公共服务支出、教育支出 … — 表1 funds neither (only 科学技术 199.14
        # line 421, 社保 16.16, 卫生健康 7.40, 城乡社区 134.00 line 433, 农林水 1.20, 住房保障 9.22).
        ("LB05", 173),
    }


def test_002_errors(findings):
    assert own_errors(findings("002")) == {
        # line 133: 医疗卫生与计划生育支出, while the tables print 卫生健康支出 (line 239).
        ("LB04", 133),
        # line 163: 部门整体 target "涉及一般公共预算 150 万元"; its 部门整体支出绩效目标表 states
        # 资金总额 350.22 (line 486), as do 收支总表 (line 264).
        ("NR07", 163),
    }


def test_003_errors(findings):
    assert own_errors(findings("003")) == {
        # line 66: 下属预算单位1个，其中行政单位1个、…0个、其他事业单位1个 = 2 (lines 69-70 list two).
        ("NR08", 66),
        # line 601: a block with no name, 3.56 and the indicators of 州本级体检经费（行政） (line 605);
        # the table's 35 blocks add up to 757.28 against its printed 753.70 (line 446).
        ("DC02", 601),
        # line 210 (表五): 合计 753.70, class rows 工资福利支出 336.14 (213) + 对个人和家庭的补助 78.87 (243)
        # = 415.01: no 商品和服务支出 row is printed.
        ("HI02", 210),
        # line 667: "2023 年支出预算 753.70" in the 2024 disclosure (753.70 is 2024's, line 115);
        # line 705: "2023年预算数（项目支出）为26.57" — 2024's 2069999 (line 149).
        ("LB01", 667), ("LB01", 705),
        # line 705: 2069999 called 科学技术普及(99) 其他科学技术普及支出(99); the table prints
        # 其他科学技术支出 (line 149) and 科学技术普及 is 款 07 (line 691).
        ("LB03", 705),
        # line 717: 款 21011 called 行政单位医疗 (its 项's name); lines 719-723: 行政事业单位医疗.
        ("LB03", 717),
        # lines 813-817: 20805 called 行政事业单位离退休; lines 709-715: 行政事业单位养老支出.
        ("LB04", 813),
        # line 771: 机关运行经费 57.33, 增加 6.03, 增加 10.5%: 6.03 / 51.30 = 11.75%; 10.5% is on 57.33.
        ("NR06", 771),
        # line 627: 部门整体 资金总额 300.569 against the budget's 753.70 (收支总表 line 115).
        ("NR07", 617),
    }


def test_004_errors(findings):
    assert own_errors(findings("004")) == {
        # 表十二 (lines 301-325): 364.00 + 479.62 + 1,737.20 + 5,440.18 + 146.00 = 8,167.00, while 表二
        # prints 项目支出 7,247.00 (line 93), 表八 8,395.47 (line 225), the text 7,247 (line 45).
        ("XT02", 301),
    }


@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_at_most_fifteen_findings_at_warning_or_above(findings, seed):
    assert len([f for f in findings(seed) if f.severity != "info" and f.code not in TABLE_RULES]) <= 15


# -- figures of the errors --------------------------------------------------------------------

def test_001_fiscal_total_counted_twice(findings):
    (f,) = [f for f in findings("001") if f.code == "DC01"]
    assert f.evidence[0].line == 201 and str(f.found) == "734.24" and str(f.expected) == "367.12"


def test_001_change_stated_three_ways(findings):
    (f,) = [f for f in findings("001") if f.code == "NR05"]
    assert f.lines == [181, 205, 219] and (str(f.expected), str(f.found)) == ("6.86", "13.72")


def test_003_percent_on_this_year(findings):
    (f,) = [f for f in findings("003") if f.code == "NR06"]
    assert (str(f.expected), str(f.found), f.unit) == ("11.8", "10.5", "%")
    assert "按本年 57.33" in f.message


def test_003_department_target(findings):
    (f,) = [f for f in findings("003") if f.code == "NR07"]
    assert (str(f.found), str(f.expected)) == ("300.569", "753.70")


def test_004_project_table_names_what_it_tried(findings):
    (f,) = [f for f in findings("004") if f.code == "XT02"]
    assert (str(f.found), str(f.expected)) == ("8167.00", "7247.00")
    assert "8395.47" in f.message and "说明第 45 行" in f.message


def test_wrong_year_carries_expected_and_found(findings):
    f = next(f for f in findings("003") if f.code == "LB01" and f.evidence[0].line == 667)
    assert (f.expected, f.found) == (2024, 2023)


# -- what must stay quiet -----------------------------------------------------------------------

def test_002_personnel_without_transfers_to_households_is_no_error(findings):
    # line 105: 人员经费 168.74; line 109 lists 对个人和家庭的补助 16.30 apart; 表3-1 line 354 prints
    # 人员经费 185.04 = 168.74 + 16.30 (303 row, line 375). The definitions differ, the money agrees.
    assert not [f for f in findings("002") if f.code == "NR01" and f.evidence[0].line == 105]


def test_001_three_public_is_gp_plus_fund_and_stays_quiet(findings):
    # line 313: "三公"经费 11.19 = 表3-3 3.19 (line 887) + 表4-1 8.00 (line 940): consistent.
    assert not [f for f in findings("001") if f.code == "NR01" and f.evidence[0].line in (313, 317)]


def test_001_targets_listed_elsewhere_are_no_orphans(findings):
    # line 1365: 2024年科普专项工作经费 134.00 is 表4's 项目支出 134.00 (line 915); 定额公用经费 (lines 1250,
    # 1289) and 公务用车运行维护费 (1327) are 基本支出 running costs (7.20 + 4.80 + 3.00 = 公用经费 15.00).
    assert not [f for f in findings("001") if f.code == "OR02"]


def test_000_carried_over_projects_and_other_funds_fold_to_info(findings):
    fs = findings("000")
    # 14 projects of 表3-2 have no target; they add up to 285.31 = 表3 上年结转安排 (line 478).
    (carried,) = [f for f in fs if f.code == "OR01"]
    assert carried.severity == "info" and str(carried.found) == "285.31"
    # four targets are not in 表3-2: 78.00 + 44.98 + 48.72 + 40.00 = 211.70 = 756.01 − 544.31.
    (other,) = [f for f in fs if f.code == "OR02"]
    assert other.severity == "info" and str(other.found) == "211.70"


def test_000_fiscal_carryover_is_not_confused_with_all_funds(findings):
    # line 1886: 上年结转 285.31 is the 财政拨款 carry-over (表2 line 324), not 408.29 (表1 line 196).
    assert not [f for f in findings("000") if f.code in ("NR01", "BL02") and f.severity == "error"]


def test_003_fifteen_projects_match_the_department_tasks(findings):
    # line 789: 绩效目标管理的项目15个; the 部门整体支出绩效目标表 lists 15 年度主要任务 (lines 630-646).
    assert not [f for f in findings("003") if f.code == "NR04"]


def test_002_renamed_project_is_a_note(findings):
    # 表3-2 line 401 "2023年科普专项" 150.00; its target is "科普专项经费" 150.00 (line 434).
    (f,) = [f for f in findings("002") if f.code == "OR01"]
    assert f.severity == "info" and {401, 434} <= set(f.lines)
    assert not [f for f in findings("002") if f.code == "OR02"]


def test_template_weights_fold_to_one_note_per_table(findings):
    # every target of 001's 绩效目标表 weighs 90 (e.g. lines 1262-1283: 20 + 30 + 20 + 20).
    (f,) = [f for f in findings("001") if f.code == "OR03"]
    assert f.severity == "info" and str(f.found) == "90" and len(f.evidence) == 5


def test_reader_notes_are_info_and_folded(findings):
    fs = findings("001")
    assert {f.severity for f in fs if f.code in ("PA01", "PA02", "OR04")} <= {"info"}
    # one PA01 per table, not per row
    pa01 = [f for f in fs if f.code == "PA01"]
    assert len(pa01) == len({f.evidence[0].table for f in pa01})
    # the 合计 row differences BL02 reports are not repeated as parse problems
    bl02_lines = {e.line for f in fs if f.code == "BL02" for e in f.evidence[:1]}
    assert not [f for f in fs if f.code == "PA02" and f.evidence[0].line in bl02_lines]


def test_rounding_difference_is_a_warning_not_an_error(findings):
    # 002 line 381: 商品和服务支出 20.48 but 5.30 + 15.17 = 20.47 (band for 2 parts: 0.015).
    (f,) = [f for f in findings("002") if f.code == "BL03"]
    assert f.severity == "warning" and 381 in f.lines


def test_003_two_names_for_one_code(findings):
    # 2060704 is 学术交流活动 (line 147) and 学术交流活动的 (line 272).
    (f,) = [f for f in findings("003") if f.code == "LB02"]
    assert {147, 272} <= set(f.lines)


def test_002_missing_tables_of_its_own_contents(findings):
    # 002 contents (lines 19, 22, 27, 29) list 收入总表, 经济分类表, 基金表, 国资表; none is printed.
    assert {("TB01", 19), ("TB01", 27)} <= pairs(findings("002"))


# -- changed documents ----------------------------------------------------------------------------

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


def test_a_claim_in_another_unit_is_compared_by_rounding(parsed):
    # 001 line 201 prints 734.24 万元 = 2 × 367.12 (表2 line 604): DC01. Written in 元, the 财政拨款 total
    # 3671200 元 states the tables' 367.12 万元 (Shanghai texts and tables differ in unit like this);
    # 734.24 元 states nothing the tables give, and is not "twice" 367.12 万元 either.
    d = parsed("001")
    assert run_checks(d, only={"DC01"})

    def in_yuan(value):
        claims = [c.model_copy(update={"unit": "元", "value": Decimal(value)}) if c.line == 201 and c.kind == "amount"
                  else c for c in d.claims]
        return [f for f in run_checks(d.model_copy(update={"claims": claims}), only={"NR01", "DC01"}) if f.lines[0] == 201]

    assert in_yuan("3671200") == []
    (f,) = in_yuan("734.24")
    assert (f.code, f.severity) == ("NR01", "error")


def test_personnel_that_no_definition_reconciles_is_an_error(parsed):
    # 002 line 105 with 160.00 instead of 168.74: neither 185.04 nor 185.04 − 16.30 gives it.
    d = parsed("002")
    claims = [c.model_copy(update={"value": Decimal("160.00")}) if c.line == 105 else c for c in d.claims]
    (f,) = [f for f in run_checks(d.model_copy(update={"claims": claims}), only={"NR01"}) if f.lines[0] == 105]
    assert f.severity == "error" and str(f.found) == "160.00" and "168.74" in f.message


def test_indicator_weights_are_not_money(findings):
    fs = findings("003")
    assert {f.unit for f in fs if f.code == "OR03"} == {None}
    # A missing table has no amount either (002 contents line 19: 部门收入总表, not printed): it counts
    # copies of the table (1 expected, 0 printed), in 张.
    assert {(f.unit, str(f.expected), str(f.found)) for f in findings("002") if f.code == "TB01"} == {("张", "1", "0")}
