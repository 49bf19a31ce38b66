"""One file → one `Disclosure`: read, detect the layout, read tables, build the model."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Optional

from lineage.amounts import MAX_INTEGER_DIGITS, OVERLONG_RE, storage_problem
from lineage.model import ContentsEntry, Disclosure, Problem, Source, Table
from lineage.parse.build import build_table
from lineage.parse.claims import read_claims
from lineage.parse.layouts import detect_layout
from lineage.parse.locate import Anchor, find_anchors
from lineage.parse.metadata import read_metadata, stated_headings
from lineage.parse.performance import read_performance
from lineage.parse.placement import resolve_ambiguities
from lineage.parse.reconcile import total_differences
from lineage.read import Document, InputError, compact, read_document
from lineage.vocab import MONEY_KINDS
from lineage.vocab.families import identify
from lineage.vocab.titles import number_value
from lineage.vocab.units import unit_of_line


def disclosure_id(unit_name: str, year: int | None, kind: str, sha256: str) -> str:
    """Who, when and what: stable across versions of one disclosure, so a corrected file replaces the old one.

    The key is the unit's full name as the document states it (with its place:
    "渠县科学技术协会", not "县科学技术协会"), the year and the kind. A printed
    unit code is not enough on its own: codes such as 214001 are given by each
    county's or district's finance bureau and repeat across places. A file whose
    unit or year cannot be read is keyed by its content hash, so two such files
    never replace each other (a corrected version is then added, not replaced).

    >>> disclosure_id("渠县科学技术协会", 2024, "部门预算", "ab" * 32)
    '2024/渠县科学技术协会/部门预算'
    >>> disclosure_id("", 2024, "部门预算", "0123456789abcdef" * 4)
    'sha256:0123456789abcdef/部门预算'
    """
    if unit_name and year:
        return f"{year}/{unit_name}/{kind}"
    return f"sha256:{sha256[:16]}/{kind}"


def _same_unit(a: str, b: str) -> bool:
    """One unit named two ways: "成华区科学技术协会" and "成都市成华区科学技术协会本级"."""
    a, b = a.removesuffix("本级"), b.removesuffix("本级")
    return a in b or b in a


def _refuse_several(doc: Document, anchors: list[Anchor]) -> None:
    """InputError when the file holds several disclosures, naming the line where each starts.

    A disclosure starts at a heading stating its unit, year and kind; a file
    holds several when headings of different units of the same kind each come
    before money tables of their own. Read as one, their tables would be merged
    under one unit without a word (issue #12). A unit merely named in another's
    text has no tables of its own after it and does not count.
    """
    starts: list[tuple[int, str, int, str]] = []
    for line, name, year, kind in stated_headings(doc):
        same = [i for i, s in enumerate(starts) if _same_unit(name, s[1]) and (year, kind) == s[2:]]
        if not same:
            starts.append((line, name, year, kind))
        elif len(name) > len(starts[same[0]][1]):  # the fuller name: "渠县科学技术协会" over "县科学技术协会"
            starts[same[0]] = (starts[same[0]][0], name, year, kind)
    money = [a.line for a in anchors if a.kind in MONEY_KINDS and not a.in_contents]
    ends = [s[0] for s in starts[1:]] + [len(doc.lines) + 1]
    own = [s for s, end in zip(starts, ends) if any(s[0] < m < end for m in money)]
    if len(own) > 1 and len({s[3] for s in own}) == 1:
        listed = "; ".join(f"{name} {year} {kind} from line {line}" for line, name, year, kind in own)
        raise InputError(doc.path, f"holds {len(own)} disclosures ({listed}); split it into one file each", own[1][0])


def _identity_problems(doc: Document, unit_name: str, year: int | None, placeholder: str | None = None) -> list[Problem]:
    """Say so when the unit or the year could not be read (the disclosure is then keyed by its content).

    A blank template names a placeholder ("上海市 XX 局") where the unit goes: that is said as such.
    """
    missing = [what for what, value in (("单位名称", unit_name), ("年度", year)) if not value]
    if not missing:
        return []
    if placeholder and missing == ["单位名称"]:
        return [Problem(file=doc.path, line=1, severity="info", message=(
            f"未指明单位：文中只印模板占位「{placeholder}」（空白模板）；本文件以内容的 sha256 为标识"))]
    return [Problem(file=doc.path, line=1, message=(
        f"未能从封面、标题或说明读出{'和'.join(missing)}：本文件以内容的 sha256 为标识，"
        "更正后的文件将另行保存而不替换它"))]


def parse_file(path: str | Path) -> Disclosure:
    """Parse one disclosure text file. Raises InputError for input that is not one."""
    return parse_document(read_document(path))


def parse_document(doc: Document) -> Disclosure:
    """Parse a document already read (the checks can then take its lines instead of reading the file again)."""
    anchors = find_anchors(doc)
    meta = read_metadata(doc)
    if not any(a.kind for a in anchors) and not meta.year:
        raise InputError(doc.path, "not a budget disclosure: no budget table titles and no 20xx年部门/单位预算/决算 heading")
    _refuse_several(doc, anchors)
    layout = detect_layout(doc)
    raws = layout.read_tables(doc, anchors)
    disclosure = Disclosure(
        id=disclosure_id(meta.unit_name, meta.year, meta.kind, doc.sha256),
        unit_name=meta.unit_name,
        year=meta.year,
        kind=meta.kind,  # type: ignore[arg-type]
        amount_unit=meta.amount_unit,  # type: ignore[arg-type]
        layout=layout.NAME,
        source=Source(path=doc.path, sha256=doc.sha256, encoding=doc.encoding),
        covers=meta.covers,
    )
    for raw in raws:
        table, problems = build_table(raw)
        table.unit = table.unit or _unit_of(doc, table)  # type: ignore[assignment]
        disclosure.tables.append(table)
        disclosure.problems += [
            Problem(file=doc.path, line=line, message=msg, table=raw.kind) for line, msg in problems
        ]
    # Claims first: the text's column totals help decide placements the layout lost.
    claims, claim_problems = read_claims(doc, meta.year)
    disclosure.claims = claims
    resolve_ambiguities(disclosure)
    for table in disclosure.tables:
        disclosure.problems += [
            Problem(file=doc.path, line=diff.total.line, message=diff.message(), table=table.kind,
                    severity="warning" if diff.within_band else "error")
            for diff in total_differences(table)
        ]
    if not any(t.kind in MONEY_KINDS for t in disclosure.tables):
        first = next((a.line for a in anchors if a.kind), None)
        raise InputError(doc.path, "budget tables missing: no money table (收支总表, 支出总表 …) could be read", first)
    performance, perf_problems = read_performance(doc, anchors)
    disclosure.performance = performance
    disclosure.unrecognised = _unrecognised(anchors)
    disclosure.problems += [
        Problem(file=doc.path, line=u.line, severity="info",
                message=f"无法识别的表「{u.title}」（第 {u.line} 行）：词表中没有这种表，未读取")
        for u in disclosure.unrecognised
    ]
    _contents_and_family(disclosure, anchors)
    for kind, found in (("project_performance", perf_problems), (None, claim_problems)):
        disclosure.problems += [Problem(file=doc.path, line=line, message=msg, table=kind) for line, msg in found]
    codes = Counter(r.unit_code for t in disclosure.tables for r in t.rows if r.unit_code and len(r.unit_code) == 6)
    disclosure.unit_code = codes.most_common(1)[0][0] if codes else None
    disclosure.problems += unstorable(doc, disclosure) + _identity_problems(doc, meta.unit_name, meta.year, meta.placeholder)
    if doc.pages:
        _fill_pages(disclosure, doc)
    return disclosure


def _unit_of(doc: Document, table: Table) -> str | None:
    """The unit the table's own 单位 line states: the one nearest its title, within its lines.

    The 单位 line sits just above or below the title; a layout whose table ends
    at its title (no cells read) still gets the lines right under it.
    """
    first, last = max(1, table.line - 3), min(len(doc.lines), max(table.end_line, table.line + 4))
    found = [(abs(no - table.line), u) for no in range(first, last + 1)
             if (u := unit_of_line(doc.line(no).norm))]
    return min(found)[1] if found else None


def _contents_and_family(d: Disclosure, anchors: list[Anchor]) -> None:
    """The 目录 entries with where each is printed; the template family; numbers only the 目录 prints.

    Shanghai prints a table's number only in the 目录 ("4. 2026年部门财政拨款收支
    预算总表 ……"): an unnumbered table takes its 目录 number when that is the
    number its family gives the kind, so a 目录 that merely counts its lines
    (002: "二、部门收入总表" for the national 表1-1) numbers nothing.
    """
    printed: dict[str, int] = {}
    for kind, line in [(t.kind, t.line) for t in d.tables] + [(pt.kind, pt.line) for pt in d.performance.tables]:
        printed.setdefault(kind, line)
    if d.performance.department:
        printed.setdefault("department_performance", d.performance.department.line)
    unknown = {compact(u.title): u.line for u in d.unrecognised}
    for a in anchors:
        if a.in_contents and (a.kind or a.unknown):
            line = printed.get(a.kind) if a.kind else unknown.get(compact(a.title))
            d.contents.append(ContentsEntry(line=a.line, title=a.title, kind=a.kind,
                                            number=a.number or a.ordinal, printed=line))
    pairs = [(t.number, t.kind) for t in d.tables] + [(None, k) for k in printed]
    pairs += [(None, e.kind) for e in d.contents if e.kind]
    family = identify(pairs, d.kind)
    d.family = family.name if family else None
    if family is None:
        return
    numbers = {e.kind: e.number for e in family.tables if e.kind and e.number}
    listed = [a for a in anchors if a.in_contents and a.kind in numbers]
    # A 目录's own ordinals ("1."/"一、") number the tables only where they are the family's numbers
    # throughout; an explicit 表N/公开表N in the 目录 does on its own.
    ordinals = bool(listed) and all(
        a.ordinal and number_value(a.ordinal) == number_value(numbers[a.kind]) for a in listed  # type: ignore[index]
    )
    by_kind = {a.kind: a.number or (a.ordinal if ordinals else None) for a in listed}
    for t in d.tables:
        number = by_kind.get(t.kind)
        if t.number is None and number and number_value(number) == number_value(numbers[t.kind]):
            t.number = number


def _unrecognised(anchors: list[Anchor]) -> list[ContentsEntry]:
    """Each printed table title the vocabulary does not know, once, with its number.

    The number is on the title line or on a bare marker just before it ("表九"
    then "…政府采购预算明细表"), so the numbering check counts the table as printed.
    """
    seen: set[str] = set()
    found = []
    printed = [a for a in anchors if not a.in_contents]
    for i, a in enumerate(printed):
        if not a.unknown or compact(a.title) in seen:
            continue
        seen.add(compact(a.title))
        before = printed[i - 1] if i else None
        marker = before.number if before and before.kind is None and not before.unknown and not before.title else None
        found.append(ContentsEntry(line=a.line, title=a.title, number=a.number or marker))
    return found


def _fill_pages(disclosure: Disclosure, doc: Document) -> None:
    """Give every table, row, claim and problem of a PDF the page its line is printed on."""
    def page(line: int) -> int | None:
        return doc.line(line).page if 0 < line <= len(doc.lines) else None

    for table in disclosure.tables:
        table.page = page(table.line)
        for row in table.rows:
            row.page = page(row.line)
    for item in (*disclosure.claims, *disclosure.problems, *disclosure.contents, *disclosure.unrecognised):
        item.page = page(item.line)


def unstorable(doc: Document, d: Disclosure) -> list[Problem]:
    """Amounts no writer can store exactly (finer than 0.01), and numbers too long to be amounts.

    The parser records them as printed; the store keeps the exact string and
    Neo4j/CSV leave out the integer amountMinor. Each is a finding on its line
    (PA02) rather than a surprise in a writer.
    """
    found: dict[tuple[int, str], Optional[str]] = {}
    amounts = [(r.line, t.kind, v) for t in d.tables for r in t.rows for v in r.values.values()]
    amounts += [(p.line, pt.kind, p.amount) for pt in d.performance.tables for p in pt.projects if p.amount is not None]
    for line, kind, value in amounts:
        why = storage_problem(value)
        if why:
            found.setdefault((line, why), kind)
    for ln in doc.lines:
        for m in OVERLONG_RE.finditer(ln.norm):
            digits = len(m.group().partition(".")[0])
            found.setdefault((ln.no, f"数字 {m.group()[:20]}… 有 {digits} 位整数，超过金额的 {MAX_INTEGER_DIGITS} 位上限：不作金额读取"), None)
    return [Problem(file=doc.path, line=line, message=message, table=kind) for (line, message), kind in found.items()]
