"""LB: labels — years, subject names and codes, as the tables print them.

The tables are the document's own code list: a 项 printed as "2069999 其他科学
技术支出" tells what the text must call 2069999. No official list ships (see
../shared/classification/README.md); renamed classes the documents show are
listed in `RENAMED`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal
from typing import Iterable, Optional

from lineage.checks.context import CheckContext
from lineage.checks.finding import Finding, Subject
from lineage.checks.narrative import claim_evidence, facts_for
from lineage.checks.registry import Rule, register
from lineage.tableview import evidence, item_rows
from lineage.model import Claim, Disclosure, Provenance
from lineage.vocab import spec

# Functional classes renamed in the national classification, as documents still print them:
# old name → (code, current name). 210 was 医疗卫生与计划生育支出 until 2019 (002 line 133);
# 20805 was 行政事业单位离退休 before it became 行政事业单位养老支出 (003 line 813 against its
# own lines 709–715).
RENAMED: dict[str, tuple[str, str]] = {
    "医疗卫生与计划生育支出": ("210", "卫生健康支出"),
    "行政事业单位离退休": ("20805", "行政事业单位养老支出"),
}
_RENAMED_PATTERNS = {old: re.compile(re.escape(old) + (r"" if code == "210" else r"\s*[(（]"))
                     for old, (code, _) in RENAMED.items()}


# The expenditure classes (类) a 部门收支总表 lists, as 002 prints its template (lines 230–259):
# the names a "支出包括：…" list is read against. A flattened layout drops the blank ones.
CLASS_NAMES = (
    "一般公共服务支出", "外交支出", "国防支出", "公共安全支出", "教育支出", "科学技术支出",
    "文化旅游体育与传媒支出", "社会保障和就业支出", "社会保险基金支出", "卫生健康支出", "节能环保支出",
    "城乡社区支出", "农林水支出", "交通运输支出", "资源勘探工业信息等支出", "商业服务业等支出", "金融支出",
    "援助其他地区支出", "自然资源海洋气象等支出", "住房保障支出", "粮油物资储备支出", "国有资本经营预算支出",
    "灾害防治及应急管理支出", "预备费", "其他支出", "转移性支出", "债务还本支出", "债务付息支出",
    "债务发行费用支出", "抗疫特别国债安排的支出",
)


def name_key(name: str) -> str:
    return re.sub(r"[\s()（）]", "", name)


@register
class CodeTwoNames(Rule):
    """One classification code printed with two different names in the tables of one disclosure.

    Example (003): 2060704 is "学术交流活动" in 支出总表 (line 147) but "学术交流活动的"
    in 一般公共预算支出预算表 (line 272). Names are compared without spaces and
    bracket width; tables whose rows name projects or items bought (TableSpec.names_items) are skipped.
    """

    id = "LB02"
    name = "labels.code_two_names"
    severity = "warning"
    template = "科目 {code} 名称不一致：{names}"

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        d = ctx.d
        seen: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        for t in ctx.tables:
            if (s := spec(t.kind)) and s.names_items:
                continue
            for r in item_rows(t):
                # Only full codes name one subject: "301 02" rows of 2-1 list items under one 款.
                if r.code and r.name and not (t.kind == "fiscal_by_economic" and len(r.code) <= 5):
                    seen[r.code][name_key(r.name)].append((t, r))
        for code, names in sorted(seen.items()):
            if len(names) > 1:
                rows = [pair for pairs in names.values() for pair in pairs]
                printed = sorted(pairs[0][1].name for pairs in names.values())
                yield self.finding(
                    d, code=code, names=" / ".join(printed), unit="", expected_label=printed[0], found_label=printed[-1],
                    subjects=[Subject(code=code, name=n) for n in printed],
                    evidence=[e for t, r in rows for e in evidence(d, t, [r])],
                )


@register
class WrongYear(Rule):
    """The text speaks of another year where it states this year's figures.

    Example (003 line 667): a 2024 disclosure says "2023 年支出预算 753.70 万元"
    — the amount is 2024's (支出总表 line 141). Only amounts a table states for
    this year are considered, and not when the same line also states the
    amount for this year (a comparison "2023年…，2024年…" is no mistake).
    Expected is the disclosure's year, found the year printed.
    """

    id = "LB01"
    name = "labels.wrong_year"
    template = "说明第 {line} 行写作 {found} 年，本公开为 {expected} 年预算（{amount}{money_unit} 是本年数）"

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        d = ctx.d
        if d.year is None:
            return
        reported: set[int] = set()
        for c in d.claims:
            if c.kind != "amount" or c.year is None or c.year == d.year or c.line in reported:
                continue
            found = facts_for(ctx.facts, c.subject)
            if not found or all(f.value != c.value for f in found):
                continue
            if any(o.line == c.line and o.year == d.year and o.subject == c.subject for o in d.claims):
                continue
            reported.add(c.line)
            yield self.finding(
                d, expected=Decimal(d.year), found=Decimal(c.year), unit="", line=c.line, amount=c.value,
                money_unit=c.unit, evidence=[claim_evidence(d, c)] + found[0].evidence,
            )


# "科学技术支出（206）科学技术普及（07）其他科学技术普及支出（99）": names with their code parts.
_LEVELS = re.compile(r"([^()（）\d]+?)(?:[（(](?:类|款|项)?[)）])?[（(](\d{2,3})[)）]")


def labelled_levels(label: str) -> list[tuple[str, str]]:
    """(name, code) per level of a text label that prints codes in brackets.

    >>> labelled_levels("卫生健康支出(210)行政单位医疗(11)行政单位医疗(01)")
    [('卫生健康支出', '210'), ('行政单位医疗', '21011'), ('行政单位医疗', '2101101')]
    """
    out: list[tuple[str, str]] = []
    code = ""
    for name, part in _LEVELS.findall(label):
        if len(part) == 3:
            code = part
        elif code and len(part) == 2 and len(code) < 7:
            code += part
        else:
            return []
        out.append((name.strip("、，,。 .0123456789"), code))
    return out


def table_names(ctx: CheckContext) -> dict[str, tuple[str, Provenance]]:
    """Code → (name, where) for every functional code a table prints with a name."""
    names: dict[str, tuple[str, Provenance]] = {}
    for t in ctx.tables:
        if (s := spec(t.kind)) and s.names_items:
            continue
        for r in item_rows(t):
            if r.code and r.scheme == "functional" and r.name and r.code not in names:
                names[r.code] = (r.name, evidence(ctx.d, t, [r])[0])
    return names


def compatible(a: str, b: str) -> bool:
    """Two names of one subject: equal but for a trailing 支出 or 缴费支出 the text leaves out
    ("科学技术" for 科学技术支出, "机关事业单位职业年金" for 机关事业单位职业年金缴费支出).

    >>> compatible("科学技术", "科学技术支出"), compatible("行政单位医疗", "行政事业单位医疗")
    (True, False)
    >>> compatible("其他科学技术普及支出", "其他科学技术支出")
    False
    """
    ka, kb = (re.sub(r"(缴费)?(支出)?$", "", name_key(x)) for x in (a, b))
    return ka == kb


@register
class SubjectNameAndCode(Rule):
    """The text names a 类/款/项 with a code the tables print under another name, or gives one code two names.

    Example (003 line 705): "科学技术支出（206）科学技术普及（99）其他科学技术普及
    支出（99）" — the tables print 2069999 as 其他科学技术支出 (line 149), and the
    text itself calls 款 07 科学技术普及 (line 691): the names of 2060799 put on
    2069999. And line 717 "卫生健康支出（210）行政单位医疗（11）" gives 款 21011
    the name of its 项 2101101 (lines 719–723 call it 行政事业单位医疗). A level
    is reported when the tables print its code under another name, or when
    the text calls the code otherwise more often, or uses the name for another
    code more often. A shortened name ("科学技术(206)支出", "职业年金(06)") is
    the same name. One finding per text line.
    """

    id = "LB03"
    name = "labels.subject_name_code"
    template = "说明第 {line} 行的科目名称与编码不符：{detail}"

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        d = ctx.d
        printed = table_names(ctx)
        levels: list[tuple[Claim, str, str]] = []
        seen: set[tuple[int, str]] = set()
        for c in d.claims:
            if c.subject.startswith("function:"):
                for name, code in labelled_levels(c.subject_label):
                    if (c.line, code) not in seen:
                        seen.add((c.line, code))
                        levels.append((c, name, code))
        by_line: dict[int, list[tuple[str, list[Provenance], str, str]]] = defaultdict(list)
        first_claim: dict[int, Claim] = {}
        for c, name, code in levels:
            why = self._conflict(d, c, name, code, printed, levels)
            if why:
                by_line[c.line].append((*why, f"{code} {name}"))
                first_claim.setdefault(c.line, c)
        for line, whys in sorted(by_line.items()):
            c = first_claim[line]
            yield self.finding(
                d, line=line, detail="；".join(w[0] for w in whys), unit="",
                expected_label="；".join(w[2] for w in whys), found_label="；".join(w[3] for w in whys),
                evidence=[claim_evidence(d, c)] + [e for w in whys for e in w[1]],
            )

    @staticmethod
    def _conflict(
        d: Disclosure, c: Claim, name: str, code: str, printed: dict, levels: list
    ) -> Optional[tuple[str, list[Provenance], str]]:
        """Why one level's name and code do not go together, the evidence and what was expected; None if they do."""
        if code in printed:
            table_name, where = printed[code]
            if compatible(name, table_name):
                return None
            return f"{code} 写作「{name}」，表中为「{table_name}」", [where], table_name
        same_code = [(o, n) for o, n, k in levels if k == code and o.line != c.line]
        agree = [o for o, n in same_code if compatible(n, name)]
        differ = [(o, n) for o, n in same_code if not compatible(n, name)]
        if differ and len(differ) > len(agree):
            o, n = differ[0]
            return f"{code} 写作「{name}」，第 {o.line} 行等写作「{n}」", [claim_evidence(d, o)], n
        same_name = [(o, k) for o, n, k in levels if len(k) == len(code) and k != code and compatible(n, name)]
        mine = [o for o, n, k in levels if k == code and compatible(n, name) and o.line != c.line]
        if same_name and len(same_name) > len(mine):
            o, k = same_name[0]
            return f"「{name}」编码写作 {code}，第 {o.line} 行等为 {k}", [claim_evidence(d, o)], f"{k} {name}"
        return None


def paragraph_from(lines: dict[int, str], start: int, at: int, stop: str = "。；;", limit: int = 8) -> tuple[str, list[int]]:
    """Text from column `at` of line `start` to the first stop character, across wrapped lines.

    Flattened PDFs wrap one sentence over several lines with blank lines between.
    """
    text, used = "", []
    for n in range(start, start + limit * 2):
        line = lines.get(n)
        if line is None:
            break
        part = "".join(line.split())[at:] if n == start else "".join(line.split())
        if not part:
            continue
        used.append(n)
        cut = next((i for i, ch in enumerate(part) if ch in stop), None)
        if cut is not None:
            return text + part[:cut], used
        text += part
        if len(used) >= limit:
            break
    return text, used


def class_vocabulary(ctx: CheckContext) -> tuple[set[str], dict[str, Provenance]]:
    """The 类 names the document's tables print, and those with money (name → where)."""
    names: set[str] = set(RENAMED) | set(CLASS_NAMES)
    money: dict[str, Provenance] = {}
    for t in ctx.tables:
        for r in t.rows:
            name = re.sub(r"^[一二三四五六七八九十]+、", "", "".join(r.name.split()))
            is_class = (r.side == "expenditure" and name in CLASS_NAMES) or (
                r.scheme == "functional" and r.code is not None and len(r.code) == 3
            )
            if not is_class or not name:
                continue
            names.add(name)
            if any(v for v in r.values.values()):
                money.setdefault(name, evidence(ctx.d, t, [r])[0])
    return names, money


def listed_names(text: str, vocabulary: set[str]) -> list[str]:
    """The vocabulary names a list spells out, longest match first.

    >>> listed_names("一般公共服务支出、社会保障和就业支出和住房保障支出", {"一般公共服务支出", "社会保障和就业支出", "住房保障支出"})
    ['一般公共服务支出', '社会保障和就业支出', '住房保障支出']
    """
    found, i = [], 0
    ordered = sorted(vocabulary, key=len, reverse=True)
    while i < len(text):
        match = next((n for n in ordered if text.startswith(n, i)), None)
        if match:
            found.append(match)
            i += len(match)
        else:
            i += 1
    return found


@register
class RenamedSubject(Rule):
    """The text uses the old name of a renamed functional class.

    Example (002 line 133): "支出包括：科学技术支出、社会保障和就业支出、医疗卫生与
    计划生育支出、住房保障支出" — 210 has been 卫生健康支出 since 2019, as the
    document's own tables print it (line 239). 003 lines 813–817 call 20805
    行政事业单位离退休, its name before it became 行政事业单位养老支出 (the text's
    own lines 709–715). Renames are listed where documents show them (no
    official code list ships). Reads the text lines (skipped when the source
    file is gone).
    """

    id = "LB04"
    name = "labels.renamed_subject"
    template = "说明第 {lines} 行使用旧科目名称「{old}」，{code} 现为「{new}」"

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        d = ctx.d
        if not ctx.lines:
            return
        compacted = {n: "".join(text.split()) for n, text in sorted(ctx.lines.items())}  # once, not per name
        for old, (code, new) in RENAMED.items():
            pattern = _RENAMED_PATTERNS[old]
            hits = [n for n, text in compacted.items() if old in text and pattern.search(text)]
            if hits:
                yield self.finding(
                    d, lines="、".join(map(str, hits)), old=old, code=code, new=new, unit="",
                    expected_label=new, found_label=old,
                    subjects=[Subject(code=code, name=new)],
                    evidence=[ctx.line_evidence(n) for n in hits],
                )


@register
class ListedClasses(Rule):
    """The text's list of expenditure classes (支出包括：…) differs from the classes the tables fund.

    Example (001 lines 173–177): "支出包括：一般公共服务支出、教育支出、社会保障和就业
    支出、卫生健康支出、农林水支出和住房保障支出" — the tables fund neither 一般公共
    服务支出 nor 教育支出 (收支总表 lines 411, 419 are blank), and the list leaves
    out 科学技术支出 199.14 and 城乡社区支出 134.00. Only names the tables print
    as classes are read; an old class name counts as its new one (LB04 reports
    it). A listed class with no money is an error; a class with money left out
    of the list alone is a warning. Reads the text lines.
    """

    id = "LB05"
    name = "labels.listed_classes"
    template = "说明第 {line} 行列出的支出类级科目与表不符：{detail}"

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        d = ctx.d
        if not ctx.lines:
            return
        vocabulary, money = class_vocabulary(ctx)
        if not money:
            return
        renamed = {old: new for old, (_, new) in RENAMED.items()}
        for n, text in sorted(ctx.lines.items()):
            compact = "".join(text.split())
            at = compact.find("支出包括")
            if at < 0:
                continue
            body, used = paragraph_from(ctx.lines, n, at + len("支出包括"), stop="。；;，,")
            listed = {renamed.get(x, x) for x in listed_names(body.lstrip(":："), vocabulary)}
            if not listed:
                continue
            extra = sorted(listed - set(money))
            missing = sorted(set(money) - listed)
            if not extra and not missing:
                continue
            parts = []
            if extra:
                parts.append("列出但表中无金额：" + "、".join(extra))
            if missing:
                parts.append("表中有金额但未列出：" + "、".join(missing))
            yield self.finding(
                d, line=n, detail="；".join(parts), unit="", severity=None if extra else "warning",
                expected_label="、".join(sorted(money)), found_label="、".join(sorted(listed)),
                evidence=[ctx.line_evidence(m) for m in used]
                + [money[m] for m in missing],
            )
