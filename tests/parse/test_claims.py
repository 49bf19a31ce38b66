"""Claims read from the explanation text (情况说明) of each seed.

Every expected value below was read from the seed text at the line quoted
(line = the line the figure itself is printed on).
"""

from decimal import Decimal

import pytest

from lineage.parse.claims import read_claims
from lineage.read import read_document
from tests.conftest import seed_path

YEARS = {"000": 2023, "001": 2024, "002": 2023, "003": 2024, "004": 2024}  # from each title page


@pytest.fixture(scope="module")
def claims():
    cache = {}

    def get(prefix):
        if prefix not in cache:
            cache[prefix] = read_claims(read_document(seed_path(prefix)), YEARS[prefix])
        return cache[prefix]

    return get


def _find(found, line, subject, kind="amount", **attrs):
    """The one claim at this line about this subject of this kind, checked against attrs."""
    hits = [c for c in found if c.line == line and c.subject == subject and c.kind == kind]
    assert hits, f"no {kind} claim about {subject} at line {line}"
    for c in hits:
        if all(getattr(c, k) == v for k, v in attrs.items()):
            return c
    raise AssertionError(f"{subject}@{line}: {[(c.value, c.year, c.previous, c.of, c.scope) for c in hits]} != {attrs}")


def _check(found, expected):
    for line, subject, kind, value, *extra in expected:
        attrs = extra[0] if extra else {}
        _find(found, line, subject, kind, value=Decimal(value), **attrs)


def _per_subject(found):
    """(line, subject, value) of every functional 类/款/项 amount claim (function:<7 digits> or a name path)."""
    return {
        (c.line, c.subject, c.value)
        for c in found
        if c.kind == "amount" and (c.subject.startswith("function:") and len(c.subject) == 16 or c.subject.count("/") == 2)
    }


# ---------------------------------------------------------------- 000 (flattened, 2023)

def test_000_totals_sources_split(claims):
    found, problems = claims("000")
    _check(found, [
        # 1851: "2023 年收支预算总数 1162.13 万元,比 2022 年" / 1853: "收支预算总数增加 219.59万元"
        (1851, "income_total", "amount", "1162.13", {"year": 2023}),
        (1853, "income_total", "change", "219.59", {"direction": "increase", "previous_year": 2022, "previous": None}),
        # 1859-1865: 收入预算 1162.13；上年结转 408.29 占 35.13%；一般公共预算拨款收入 584.91 占 50.33%；
        # 事业收入 168.73 占 14.52%；其他收入 0.2 占 0.02%
        (1859, "income_total", "amount", "1162.13"),
        (1861, "source:上年结转", "amount", "408.29", {"scope": "income_total"}),
        (1861, "source:上年结转", "share", "35.13", {"of": "income_total", "unit": "%"}),
        (1863, "source:一般公共预算拨款收入", "amount", "584.91"),
        (1863, "source:一般公共预算拨款收入", "share", "50.33"),
        (1863, "source:事业收入", "amount", "168.73"),
        (1865, "source:事业收入", "share", "14.52"),
        (1865, "source:其他收入", "amount", "0.2"),
        (1865, "source:其他收入", "share", "0.02"),
        # 1869-1873: 支出预算 1162.13；基本支出 406.12 占 34.95%；项目支出 756.01 占 65.05%
        (1869, "expenditure_total", "amount", "1162.13"),
        (1871, "basic", "amount", "406.12", {"scope": "expenditure_total"}),
        (1871, "basic", "share", "34.95", {"of": "expenditure_total"}),
        (1871, "project", "amount", "756.01"),
        (1873, "project", "share", "65.05"),
        # 1877-1879: 财政拨款收支预算总数 870.22 万元,比 2022 年…增加 196.47
        (1879, "fiscal_total", "amount", "870.22"),
        (1879, "fiscal_total", "change", "196.47", {"direction": "increase", "previous_year": 2022}),
        # 1884-1886: 本年一般公共预算拨款收入 584.91 万元、上年结转 285.31万元 (under the fiscal total)
        (1884, "source:一般公共预算拨款收入", "amount", "584.91", {"scope": "fiscal_total"}),
        (1886, "source:上年结转", "amount", "285.31", {"scope": "fiscal_total"}),
        (1886, "function_name:科学技术支出", "amount", "751.72", {"scope": "fiscal_total"}),
        # 1896-1898: 一般公共预算当年拨款 584.91 万元，比 2022 年预算数增加 183.4 万元
        (1898, "gp_total", "amount", "584.91"),
        (1898, "gp_total", "change", "183.4", {"previous_year": 2022}),
        # 1906: 科学技术支出 466.41 万元，占 79.74% (of the 当年拨款 above)
        (1906, "function_name:科学技术支出", "amount", "466.41", {"scope": "gp_total"}),
        (1906, "function_name:科学技术支出", "share", "79.74", {"of": "gp_total"}),
        # 1957-1967: 一般公共预算基本支出 325.91；人员经费 307.21；公用经费 18.7
        (1959, "basic", "amount", "325.91", {"scope": "gp_total"}),
        (1961, "personnel", "amount", "307.21"),
        (1967, "public", "amount", "18.7"),
    ])
    assert _find(found, 1865, "source:其他收入").value.as_tuple() == Decimal("0.2").as_tuple()  # as printed
    assert _find(found, 1861, "source:上年结转").lines == [1861]
    assert problems == []


def test_000_three_public_procurement_performance(claims):
    found, _ = claims("000")
    _check(found, [
        # 1973-1977: "三公"经费财政拨款预算数 4.46万元，其中：公务接待费 0.46万元，公务用车购置及运行维护费 4 万元，
        # 因公出国（境）经费 0万元
        (1975, "three_public", "amount", "4.46"),
        (1975, "three_public.reception", "amount", "0.46", {"scope": "three_public"}),
        (1977, "three_public.car", "amount", "4"),
        (1977, "three_public.abroad", "amount", "0"),
        # 1978: "（一）公务接待费与 2022 年预算持平。" 1984: 公务用车购置及运行维护费与 2022 年预算持平
        (1978, "three_public.reception", "change", "0", {"direction": "flat", "previous_year": 2022}),
        (1984, "three_public.car", "change", "0", {"direction": "flat"}),
        # 1990: 公务用车购置费 0万元; 1994: 公务用车运行维护费 4 万元
        (1990, "three_public.car_purchase", "amount", "0"),
        (1994, "three_public.car_running", "amount", "4"),
        # 2022-2025: 政府采购预算 13.9；货物 10.5；工程 0；服务 3.4
        (2022, "procurement", "amount", "13.9"),
        (2024, "procurement.goods", "amount", "10.5"),
        (2025, "procurement.works", "amount", "0"),
        (2025, "procurement.services", "amount", "3.4"),
        # 2043-2049: 绩效目标管理的项目 19 个，涉及预算 875.32；人员类 2 个 347.57；运转类 6 个 152.05；特定目标类 11 个 375.7
        (2045, "performance_projects", "count", "19", {"unit": "个"}),
        (2045, "performance_projects", "amount", "875.32"),
        (2045, "performance_projects.personnel", "count", "2"),
        (2047, "performance_projects.personnel", "amount", "347.57"),
        (2047, "performance_projects.operating", "count", "6"),
        (2049, "performance_projects.specific", "count", "11"),
        (2049, "performance_projects.specific", "amount", "375.7"),
    ])
    # 2031 "截至 2022 年底 … 共有车辆 2辆" is about the stock at the end of 2022, but the budget year is kept:
    # "截至" does not make a claim year.
    assert _find(found, 2031, "vehicles", "count").year == 2023


def test_000_per_subject_sentences(claims):
    found, _ = claims("000")
    assert _per_subject(found) == {
        (1916, "function_name:科学技术支出/技术研究与开发/机构运行", Decimal("207.41")),  # 1914-1916
        (1922, "function_name:科学技术支出/其他科学技术支出/其他科学技术支出", Decimal("164")),  # 1920-1922
        (1928, "function_name:科学技术支出/技术研究与开发/其他技术研究与开发支出", Decimal("95")),  # 1926-1928
        (1935, "function_name:社会保障和就业支出/行政事业单位养老支出/机关事业单位职业年金缴费支出", Decimal("18.5")),
        (1941, "function_name:社会保障和就业支出/行政事业单位养老支出/机关事业单位基本养老保险缴费支出", Decimal("37")),
        (1945, "function_name:卫生健康支出/行政事业单位医疗/事业单位医疗", Decimal("33")),  # 1943-1945
        (1951, "function_name:住房保障支出/住房改革支出/住房公积金", Decimal("30")),  # 1949-1951
    }
    # the claim keeps every line the wrapped sentence spans (1931-1935)
    c = _find(found, 1935, "function_name:社会保障和就业支出/行政事业单位养老支出/机关事业单位职业年金缴费支出")
    assert c.lines == [1931, 1933, 1935] and c.year == 2023


def test_000_stops_at_glossary(claims):
    found, _ = claims("000")
    assert max(c.line for c in found) <= 2049  # 2050: 第四部分 名词解释
    assert min(c.line for c in found) >= 1835  # 1835: 2023 年单位预算情况说明


# ---------------------------------------------------------------- 001 (flattened, 2024)

def test_001_totals_sources_split(claims):
    found, _ = claims("001")
    _check(found, [
        # 177-179: 2024年收入预算 367.12万元，比2023年预算收入360.26万元，增加6.86万元
        (179, "income_total", "amount", "367.12"),
        (179, "income_total", "change", "6.86", {"previous": Decimal("360.26"), "previous_year": 2023, "direction": "increase"}),
        # 187-191: 一般公共预算拨款收入233.12万元，占63.50%；政府性基金安排支出134.00万元，占36.50%
        (189, "source:一般公共预算拨款收入", "amount", "233.12", {"scope": "income_total"}),
        (189, "source:一般公共预算拨款收入", "share", "63.50", {"of": "income_total"}),
        (191, "source:政府性基金预算拨款收入", "amount", "134.00"),
        (191, "source:政府性基金预算拨款收入", "share", "36.50"),
        # 195-197: 支出预算 367.12；基本支出 177.07 占 48.23%；项目支出 190.05 占 51.77%
        (195, "expenditure_total", "amount", "367.12"),
        (197, "basic", "amount", "177.07"),
        (197, "basic", "share", "48.23"),
        (197, "project", "amount", "190.05"),
        (197, "project", "share", "51.77"),
        # 201-203: 财政拨款收支预算总数 734.24 万元 (twice the tables' 367.12), 比…720.52 万元增加 13.72万元
        (201, "fiscal_total", "amount", "734.24"),
        (203, "fiscal_total", "change", "13.72", {"previous": Decimal("720.52"), "previous_year": 2023}),
        # 217-219: 当年拨款233.12万元，比2023年预算数的201.00万元，增加32.12万元，增长15.98%
        (217, "gp_total", "amount", "233.12"),
        (219, "gp_total", "change", "32.12", {"previous": Decimal("201.00")}),
        (219, "gp_total", "change", "15.98", {"unit": "%", "direction": "increase"}),
        # 291-303: 一般公共预算基本支出177.07万元，人员经费162.07万元，公用经费15.00万元
        (291, "basic", "amount", "177.07", {"scope": "gp_total"}),
        (293, "personnel", "amount", "162.07"),
        (303, "public", "amount", "15.00"),
        # 359-363: 机关运行经费…15.00万元，比2023年…15.34万元，变化不大 (a previous value, no difference)
        (361, "operating_costs", "amount", "15.00", {"year": 2024}),
        (363, "operating_costs", "amount", "15.34", {"year": 2023}),
    ])


def test_001_three_public_and_performance(claims):
    found, _ = claims("001")
    _check(found, [
        # 313-317: "三公"经费财政拨款预算数11.19万元，其中：公务接待费0.19万元，公务用车购置及运行维护费11.00万元，
        # 因公出国（境）经费0万元
        (313, "three_public", "amount", "11.19"),
        (315, "three_public.reception", "amount", "0.19"),
        (317, "three_public.car", "amount", "11.00"),
        (317, "three_public.abroad", "amount", "0"),
        (335, "three_public.car_purchase", "amount", "0"),  # 335: 公务用车购置费0万元
        (341, "three_public.car_running", "amount", "11"),  # 341: 公务用车运行维护费11万元
        # 385-391: 绩效目标管理的项目2个 … 人员类项目1个 … 运转类项目2个 … 特定目标类项目0个 (1+2+0 = 3 ≠ 2)
        (385, "performance_projects", "count", "2"),
        (387, "performance_projects.personnel", "count", "1"),
        (389, "performance_projects.operating", "count", "2"),
        (389, "performance_projects.specific", "count", "0"),
    ])


def test_001_per_subject_sentences_lost_their_subjects(claims):
    found, problems = claims("001")
    # 259: "…事业单位医疗（项）2024年预算数为2.67万元": only the 项 name survived the extraction
    _find(found, 261, "function_name:事业单位医疗", value=Decimal("2.67"))
    assert _per_subject(found) == set()
    # 233-287: "2024年预算数为143.09万元" etc. with the (类)(款)(项) text missing: reported, not guessed
    lines = {line for line, msg in problems if "no subject" in msg}
    assert {233, 239, 253, 255, 259, 265, 271, 285, 287} <= lines
    assert not any(c.line in (233, 239, 253) for c in found)


# ---------------------------------------------------------------- 002 (tab-separated, 2023)

def test_002_totals_sources_split_three_public(claims):
    found, problems = claims("002")
    _check(found, [
        (67, "fiscal_total", "amount", "350.22"),  # 67: 财政拨款收支总预算 350.22 万元
        # 73: 当年拨款 350.22 万元，比 2022 年预算数 522.55 万元减少 172.33 万元，下降 32.98%
        (73, "gp_total", "amount", "350.22"),
        (73, "gp_total", "change", "172.33", {"previous": Decimal("522.55"), "direction": "decrease"}),
        (73, "gp_total", "change", "32.98", {"unit": "%", "direction": "decrease"}),
        # 77: 科学技术（206）支出 308.86 万元，占 88.19%
        (77, "function:206", "amount", "308.86", {"scope": "gp_total"}),
        (77, "function:206", "share", "88.19", {"of": "gp_total"}),
        (135, "income_total", "amount", "350.22"),  # 135: 收支总预算 350.22 万元
        (139, "income_total", "amount", "350.22"),  # 139: 收入预算 350.22 万元，其中：一般公共预算拨款收入 350.22 万元，占 100%
        (139, "source:一般公共预算拨款收入", "amount", "350.22"),
        (139, "source:一般公共预算拨款收入", "share", "100"),
        # 143: 本年支出总计 350.22 万元，其中：基本支出预算 200.22 万元，占 57.17%；部门项目支出预算 150 万元，占 42.83%
        (143, "expenditure_total", "amount", "350.22"),
        (143, "basic", "amount", "200.22"),
        (143, "basic", "share", "57.17"),
        (143, "project", "amount", "150"),
        (143, "project", "share", "42.83"),
        # 113-125: the 三公 parts sit under their own headings
        (115, "three_public.abroad", "amount", "0"),
        (115, "three_public.abroad", "change", "0", {"direction": "flat", "previous_year": 2022}),
        (119, "three_public.reception", "amount", "0.66"),
        (123, "three_public.car", "amount", "2"),
        (125, "three_public.car_running", "amount", "2"),
        (149, "operating_costs", "amount", "15.17"),  # 149: 机关运行经费，合计 15.17 万元
    ])
    assert problems == []


def test_002_per_subject_sentences(claims):
    found, _ = claims("002")
    assert _per_subject(found) == {
        (81, "function:2060101", Decimal("158.86")),  # 81: 科学技术支出（206）科学技术管理事务（01）行政运行（01）
        (85, "function:2060702", Decimal("150")),  # 83-85: …科学技术普及（07）科普活动（02） / 预算数为 150 万元
        (87, "function:2080505", Decimal("13.87")),
        (89, "function:2080506", Decimal("6.93")),
        (91, "function:2089999", Decimal("0.17")),
        (93, "function:2101101", Decimal("7.37")),
        (95, "function:2101103", Decimal("0.48")),
        (95, "function:2101103", Decimal("0.54")),  # 95: "与 2022 年预算 0.54 万元" — the 2022 figure
        (97, "function:2101199", Decimal("0.08")),
        (99, "function:2210201", Decimal("12.45")),
    }
    _find(found, 81, "function:2060101", "change", value=Decimal("28.23"), previous=Decimal("187.09"), previous_year=2022)
    _find(found, 95, "function:2101103", value=Decimal("0.54"), year=2022)
    # 97: "与 2022 年预算 0.09 基本持平" (no unit printed after 0.09)
    _find(found, 97, "function:2101199", "change", value=Decimal("0"), previous=Decimal("0.09"), direction="flat")


def test_002_unit_not_printed_is_noted(claims):
    """97: "预算数为 0.08 万元，与 2022 年预算 0.09 基本持平" prints no unit after 0.09:
    it is read in the 万元 of the 0.08 it is compared with, and the claim says so.
    119: "2023 年预算安排 0.66 万元，与 2022 年度持平" prints its unit: no note."""
    found, _ = claims("002")
    flat97 = _find(found, 97, "function:2101199", "change", previous=Decimal("0.09"))
    assert flat97.unit == "万元" and "0.09" in flat97.note and "未印单位" in flat97.note
    assert _find(found, 97, "function:2101199", value=Decimal("0.08")).note is None
    assert [(c.kind, c.note) for c in found if c.line == 119] == [("amount", None), ("change", None)]


# ---------------------------------------------------------------- 003 (tab-separated, 2024)

def test_003_totals_sources_split(claims):
    found, problems = claims("003")
    _check(found, [
        (659, "income_total", "amount", "753.70"),  # 659: 2024 年收支总预算 753.70 万元，…增加 139.19 万元
        (659, "income_total", "change", "139.19", {"previous_year": 2023}),
        # 663: 收入预算 753.70 万元，其中：上年结转 0 万元，占 0%；一般公共预算拨款收入 753.70 万元，占 100%
        (663, "income_total", "amount", "753.70"),
        (663, "source:上年结转", "amount", "0"),
        (663, "source:上年结转", "share", "0"),
        (663, "source:一般公共预算拨款收入", "amount", "753.70"),
        (663, "source:一般公共预算拨款收入", "share", "100"),
        # 667: "2023 年支出预算 753.70 万元" in the 2024 disclosure: recorded as 2023, as printed
        (667, "expenditure_total", "amount", "753.70", {"year": 2023}),
        (667, "basic", "amount", "472.34"),
        (667, "basic", "share", "62.67"),
        (667, "project", "amount", "281.37"),  # printed "214)281.37"
        (667, "project", "share", "37.33"),
        (671, "fiscal_total", "amount", "753.70"),
        (681, "gp_total", "amount", "753.70"),
        (685, "function_name:机构运行", "amount", "289.04", {"scope": "gp_total"}),  # 685: 支出包括：机构运行 289.04 万元、占 38.3%
        (685, "function_name:机构运行", "share", "38.3", {"of": "gp_total"}),
        (687, "function_name:其他科学技术支出", "amount", "26.57"),
        (731, "basic", "amount", "472.34", {"scope": "gp_total"}),  # 729-731
        (733, "personnel", "amount", "415.01"),
        (735, "public", "amount", "57.33"),
        # 739: "三公"经费 9.89 万元，其中：因公出国（境）经费 0 万元，公务接待费 0.19 万元，公车运行维护费 9.7 万元
        (739, "three_public", "amount", "9.89"),
        (739, "three_public.abroad", "amount", "0"),
        (739, "three_public.reception", "amount", "0.19"),
        (739, "three_public.car_running", "amount", "9.7"),
        (743, "three_public.reception", "change", "0", {"direction": "flat", "previous_year": 2023}),
        (747, "three_public.car", "change", "9", {"unit": "%", "direction": "decrease"}),  # 747: 较 2023 年预算下降 9%
        (771, "operating_costs", "change", "6.03", {"direction": "increase"}),  # 771: 57.33 万元, 比 2023 年预算增加 6.03 万元
        (779, "procurement", "amount", "7.28"),
        (779, "procurement.goods", "amount", "7.28"),
        (789, "performance_projects", "count", "15"),
    ])
    stray = [msg for line, msg in problems if line == 667]
    assert len(stray) == 1 and "214)" in stray[0]


def test_003_per_subject_sentences(claims):
    found, _ = claims("003")
    assert _per_subject(found) == {
        (691, "function:2060701", Decimal("289.04")),  # 691: …（206）科学技术普及（07）机构运行（01）。…（基本支出）为 289.04
        (693, "function:2060702", Decimal("12")),
        (695, "function:2060703", Decimal("2.8")),
        (699, "function:2060704", Decimal("12")),
        (701, "function:2060799", Decimal("228")),
        (705, "function:2069999", Decimal("26.57")),  # 705: 科学技术普及（99）其他科学技术普及支出（99）, "2023年预算数"
        (709, "function:2080501", Decimal("80.86")),
        (711, "function:2080502", Decimal("2.35")),
        (713, "function:2080505", Decimal("32.68")),
        (715, "function:2080506", Decimal("16.34")),
        (717, "function:2101101", Decimal("8.26")),
        (719, "function:2101102", Decimal("2.81")),
        (721, "function:2101103", Decimal("9.36")),
        (723, "function:2101199", Decimal("3.07")),
        (725, "function:2210201", Decimal("27.57")),  # 725: "住房公积金（01），2024年预算数…为27.57万元"
    }
    assert _find(found, 705, "function:2069999").year == 2023  # printed "2023年预算数" in the 2024 text


# ---------------------------------------------------------------- 004 (municipal, 2024)

def test_004_totals_sources_split_three_public(claims):
    found, problems = claims("004")
    _check(found, [
        # 21-23: 收入预算：2024年年初预算数 11993.56 万元，其中：一般公共预算拨款 10527.11 … 事业收入资金 345.92 …
        # 其他收入资金 1120.53 万元；收入比 2023 年减少 975.29 万元
        (21, "income_total", "amount", "11993.56"),
        (21, "source:一般公共预算拨款收入", "amount", "10527.11"),
        (21, "source:政府性基金预算拨款收入", "amount", "0"),
        (21, "source:事业收入", "amount", "345.92"),
        (23, "source:附属单位上缴收入", "amount", "0"),
        (23, "source:其他收入", "amount", "1120.53"),
        (23, "income_total", "change", "975.29", {"direction": "decrease", "previous_year": 2023}),
        (23, "source:事业收入", "change", "281.42", {"direction": "increase"}),
        (25, "expenditure_total", "amount", "11993.56"),
        (25, "function_name:科学技术支出", "amount", "9814.73", {"scope": "expenditure_total"}),
        (25, "basic", "change", "135.35", {"direction": "increase"}),
        (25, "project", "change", "1110.64", {"direction": "decrease"}),
        # 29: 一般公共预算财政拨款支出 10527.11 万元 … 其中：基本支出 3280.11 万元，比 2023 年增加 289.42 万元；
        # 项目支出 7247 万元，比 2023 年减少 1415.4 万元
        (29, "gp_total", "amount", "10527.11"),
        (29, "basic", "amount", "3280.11", {"scope": "gp_total"}),
        (29, "basic", "change", "289.42", {"scope": "gp_total"}),
        (29, "project", "amount", "7247", {"scope": "gp_total"}),
        (29, "project", "change", "1415.4", {"direction": "decrease"}),
        # 37: "三公"经费预算116万元，较2023年无变化。其中：因公出国（境）费用20万元，比2023年增加5万元…；公务接待费42万元，
        # 比2023年减少2万元…；公务用车运行维护费54万元，比2023年减少3万元…；公务用车购置费0万元，较2023年无变化
        (37, "three_public", "amount", "116"),
        (37, "three_public", "change", "0", {"direction": "flat", "previous_year": 2023}),
        (37, "three_public.abroad", "amount", "20", {"scope": "three_public"}),
        (37, "three_public.abroad", "change", "5", {"direction": "increase"}),
        (37, "three_public.reception", "amount", "42"),
        (37, "three_public.reception", "change", "2", {"direction": "decrease"}),
        (37, "three_public.car_running", "amount", "54"),
        (37, "three_public.car_purchase", "amount", "0"),
        (37, "three_public.car_purchase", "change", "0", {"direction": "flat"}),
        (41, "operating_costs", "amount", "333.94"),
        # 43: 政府采购预算总额600.16万元：货物8.16、工程417、服务175；其中一般公共预算拨款政府采购594万元：货物2 …
        (43, "procurement", "amount", "600.16", {"scope": None}),
        (43, "procurement.goods", "amount", "8.16", {"scope": "procurement"}),
        (43, "procurement", "amount", "594", {"scope": "gp_total"}),
        (43, "procurement.goods", "amount", "2", {"scope": "gp_total/procurement"}),
    ])
    assert _per_subject(found) == set()  # 004 prints no 类/款/项 sentences
    assert problems == []


# ---------------------------------------------------------------- bad and odd input

def _doc(tmp_path, text):
    path = tmp_path / "x.txt"
    path.write_text(text, encoding="utf-8")
    return read_document(path)


def test_sentence_without_a_figure_gives_no_claim(tmp_path):
    doc = _doc(tmp_path, "2024 年部门预算情况说明\n一、收支预算情况说明\n按照综合预算的原则，所有收入和支出均纳入部门预算管理。\n")
    assert read_claims(doc, 2024) == ([], [])


def test_malformed_figure_is_a_problem_not_a_crash(tmp_path):
    doc = _doc(
        tmp_path,
        "2024 年部门预算情况说明\n"
        "一、收支预算情况说明\n"
        "2024 年收入预算 1.162.13 万元，其中：事业收入 12.50 万元，\n"
        "占 1.08%。\n",
    )
    found, problems = read_claims(doc, 2024)
    assert [(line, "1.162.13" in msg) for line, msg in problems] == [(3, True)]
    # the readable figures of the same sentence are still read, with the wrapped lines kept
    assert [(c.subject, c.kind, c.value, c.line) for c in found] == [
        ("source:事业收入", "amount", Decimal("12.50"), 3),
        ("source:事业收入", "share", Decimal("1.08"), 4),
    ]


def test_text_after_the_glossary_is_not_read(tmp_path):
    doc = _doc(tmp_path, "部门预算情况说明\n收入预算 10.00 万元。\n第四部分 名词解释\n收入预算 99.00 万元。\n")
    found, _ = read_claims(doc, None)
    assert [(c.line, c.value, c.year) for c in found] == [(2, Decimal("10.00"), None)]
