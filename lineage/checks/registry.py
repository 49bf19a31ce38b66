"""The rule registry: one small class per rule, its metadata in one place.

A rule's docstring is its documentation (summary, a real example quoted from a
disclosure, what correct looks like, the tolerance) and its cases live in
`lineage/checks/cases/<ID>.yml` (small passing and failing disclosures, run by
one test harness); `lineage rules` and docs/rules.md are generated from the
registry and those files, so they cannot go stale. Ids are never reused or
renumbered. Rules are selected by id, case-insensitively; an unknown id is an
error, never a silent empty selection.
"""

from __future__ import annotations

import functools
import hashlib
import re
from decimal import Decimal
from pathlib import Path
from typing import ClassVar, Iterable, Iterator, Optional

from lineage.amounts import rounding_band
from lineage.checks.context import CheckContext
from lineage.checks.finding import Finding, Severity, Subject
from lineage.model import Disclosure, Provenance

RULES: dict[str, type["Rule"]] = {}


class UnknownRule(ValueError):
    """A rule id that is not in the registry (the message lists the known ids)."""


def register(cls: type["Rule"]) -> type["Rule"]:
    if cls.id in RULES:
        raise ValueError(f"rule id {cls.id} used twice")
    RULES[cls.id] = cls
    return cls


class Rule:
    id: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity] = "error"
    tables: ClassVar[tuple[str, ...]] = ()
    template: ClassVar[str]  # Chinese message, formatted with finding fields

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        raise NotImplementedError

    # helpers shared by rules ------------------------------------------------
    def finding(
        self,
        d: Disclosure,
        *,
        evidence: list[Provenance],
        expected: Optional[Decimal] = None,
        found: Optional[Decimal] = None,
        unit: Optional[str] = None,
        subjects: Optional[list[Subject]] = None,
        severity: Optional[Severity] = None,
        expected_label: Optional[str] = None,
        found_label: Optional[str] = None,
        **fields: object,
    ) -> Finding:
        """The rule's finding; `unit` defaults to the disclosure's amount unit, "" means none.

        `expected_label`/`found_label` say what is expected and found when it is
        not an amount (a name, a list of classes).
        """
        unit = d.amount_unit if unit is None else unit
        diff = None if expected is None or found is None else found - expected
        message = self.template.format(
            expected=_fmt(expected), found=_fmt(found), diff=_fmt(diff), unit=unit, **fields
        )
        return Finding(
            code=self.id, rule=self.name, severity=severity or self.severity, message=message,
            disclosure=d.id, unit=unit or None, expected=expected, found=found,
            expected_label=expected_label, found_label=found_label,
            subjects=subjects or [], evidence=evidence,
        )

    def sum_finding(
        self, d: Disclosure, *, expected: Decimal, found: Decimal, n_parts: int, **kw: object
    ) -> Optional[Finding]:
        """A finding when a printed total and the sum of its parts differ.

        Within the rounding band ((n + 1) half-units of the printed precision:
        × 0.005 for amounts printed to 0.01, × 0.5 for whole 元) the difference
        is a warning, beyond it an error; equal amounts give no finding.
        """
        if expected == found:
            return None
        severity: Severity = "warning" if abs(found - expected) <= rounding_band(n_parts, expected, found) else "error"
        return self.finding(d, expected=expected, found=found, severity=severity, **kw)  # type: ignore[arg-type]

    def agreement_finding(
        self, d: Disclosure, *, expected: Decimal, found: Decimal, summed: bool, n_parts: int, **kw: object
    ) -> Optional[Finding]:
        """A finding when two statements of one amount differ.

        Two printed amounts must be equal (any difference has the rule's
        severity); when either is a sum of printed amounts (`summed`), the
        rounding band of its `n_parts` applies as in `sum_finding`.
        """
        if summed:
            return self.sum_finding(d, expected=expected, found=found, n_parts=n_parts, **kw)
        if expected == found:
            return None
        return self.finding(d, expected=expected, found=found, **kw)  # type: ignore[arg-type]


def fold_rounding(findings: Iterable[Optional[Finding]]) -> list[Finding]:
    """Errors as they are; the rounding-sized warnings of one rule over one disclosure as one finding.

    One 0.01 printed in a total shows in every column, row and table that
    repeats it; the first warning keeps its figures and says how many more
    there are, with all their evidence lines.
    """
    kept = [f for f in findings if f is not None]
    warnings = [f for f in kept if f.severity == "warning"]
    if len(warnings) < 2:
        return kept
    first = warnings[0]
    seen, proof = set(), []
    for f in warnings:
        for e in f.evidence:
            if (e.table, e.line) not in seen:
                seen.add((e.table, e.line))
                proof.append(e)
    merged = first.model_copy(update={
        "message": f"{first.message}；另有 {len(warnings) - 1} 处同类舍入差异", "evidence": proof,
    })
    return [f for f in kept if f.severity != "warning"] + [merged]


def _fmt(v: Optional[Decimal]) -> str:
    return "" if v is None else format(v, "f")


def _load() -> None:
    # Import the rule families so they register themselves.
    from lineage.checks import families  # noqa: F401


def all_rules() -> list[Rule]:
    _load()
    return [cls() for _, cls in sorted(RULES.items())]


def resolve(ids: Iterable[str]) -> set[str]:
    """Registry ids for user-given ids, case-insensitively; UnknownRule for any other.

    >>> sorted(resolve(["nr01", " BL02 "]))
    ['BL02', 'NR01']
    """
    _load()
    wanted = {i.strip().upper() for i in ids if i.strip()}
    unknown = sorted(wanted - set(RULES))
    if unknown:
        raise UnknownRule(f"unknown rule id {', '.join(unknown)}; known: {', '.join(sorted(RULES))} (see lineage rules)")
    return wanted


def run_checks(
    d: Disclosure, only: Optional[Iterable[str]] = None, lines: Optional[dict[int, str]] = None,
    related: Iterable[Disclosure] = (), pages: Optional[dict[int, int]] = None,
) -> list[Finding]:
    """Every rule (or the ids in `only`) over one disclosure, sharing one CheckContext.

    `lines` (and `pages`, each line's PDF page) give the document's lines when the caller already
    has them; otherwise the context reads them from the source file on first use.
    `related` are other disclosures of the unit at hand (its 预算 for a 决算), for the XD rules.
    """
    selected = resolve(only) if only else None
    ctx = CheckContext(d, lines, list(related), pages)
    findings: list[Finding] = []
    for rule in all_rules():
        if selected is None or rule.id in selected:
            findings.extend(rule.check(ctx))
    return findings


# What produces a stored disclosure and its findings: the parser and the rule families, with every
# lineage module they import (at the top or inside a function). Changing anything else (the store,
# reports, exports, Neo4j, the CLI, the rules' case files) leaves stored findings valid.
PRODUCERS = ("lineage.parse.disclosure", "lineage.checks.registry", "lineage.checks.families")
_FROM = re.compile(r"from[ \t]+(lineage[\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[^\n]*)")
_IMPORT = re.compile(r"import[ \t]+(lineage[\w.]*)")


def _module_file(root: Path, module: str) -> Optional[Path]:
    base = root.joinpath(*module.split(".")[1:])
    return next((f for f in (base.with_suffix(".py"), base / "__init__.py") if f.is_file()), None)


def _imported(text: str) -> Iterator[str]:
    """The lineage modules a source text may import: `from P import a, b` names P and P.a, P.b
    (a name that is not a module is dropped by the caller); docstrings may add a harmless extra."""
    yield from _IMPORT.findall(text)
    for package, names in _FROM.findall(text):
        yield package
        for name in re.findall(r"^\s*(\w+)", re.sub(r"#[^\n]*", "", names.strip("()")).replace(",", "\n"), re.M):
            yield f"{package}.{name}"


def producer_files(root: Optional[Path] = None) -> list[Path]:
    """The source files of PRODUCERS and of every lineage module they import, transitively.

    >>> names = {p.name for p in producer_files()}
    >>> {"placement.py", "changes.py", "build.py"} <= names, {"sqlite.py", "loader.py"} & names
    (True, set())
    """
    root = root or Path(__file__).resolve().parents[1]  # the lineage package
    todo, seen = list(PRODUCERS), {}
    while todo:
        module = todo.pop()
        if module in seen or (path := _module_file(root, module)) is None:
            continue
        seen[module] = path
        todo.append(module.rpartition(".")[0])  # a package's __init__ runs first
        todo += _imported(path.read_text(encoding="utf-8"))
    return sorted(set(seen.values()))


@functools.lru_cache(maxsize=1)
def checks_version() -> str:
    """A key that changes whenever the findings for an unchanged file may change.

    The hash of the source of what produced them (`producer_files`: the
    parser, the rules, the vocabulary, the graph they build, the model): a
    stored result checked under another key is stale. Cheap: the ~60 files
    are read once per process.
    """
    return source_key(Path(__file__).resolve().parents[1])


def source_key(root: Path) -> str:
    """The hash of the producer files under `root` (a lineage package), their names included."""
    digest = hashlib.sha256()
    for path in producer_files(root):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def iter_rule_docs() -> Iterator[tuple[str, str, str, str]]:
    """(id, name, severity, docstring) for every rule, for generated docs."""
    for rule in all_rules():
        yield rule.id, rule.name, rule.severity, (type(rule).__doc__ or "").strip()
