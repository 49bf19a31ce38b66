"""Each rule's small passing and failing cases, kept as YAML beside the rules.

`rule_cases/<ID>.yml` holds a list of cases: a name, a small disclosure
written as data (only the tables, rows, claims, targets and text lines the
rule reads; everything else defaults), and the findings it must give
(`expect: []` for a case that must stay quiet). One test harness runs them
all (tests/checks/test_rule_cases.py), and `lineage rules` / docs/rules.md
list them, the way sqlfluff keeps its rule cases in YAML.

    - name: sides differ
      disclosure:
        tables:
          - kind: income_expenditure_summary
            columns: [预算数]
            rows:
              - {line: 10, side: income, name: 收入总计, values: {预算数: "367.12"}}
              - {line: 11, side: expenditure, name: 支出总计, values: {预算数: "367.00"}}
      expect:
        - {code: BL01, severity: error, line: 10, expected: "367.12", found: "367.00"}

`text` (a block of lines, numbered from 1) stands for the document's lines
for the rules that read sentences; `related` (disclosures written the same
way) for the other disclosures of the unit the cross-document rules (XD) read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from lineage.model import Disclosure
from lineage.read.text import normalise

CASES_DIR = Path(__file__).with_name("rule_cases")


@dataclass
class Case:
    rule: str
    name: str
    disclosure: Disclosure
    lines: Optional[dict[int, str]]
    expect: list[dict[str, Any]] = field(default_factory=list)
    related: list[Disclosure] = field(default_factory=list)

    @property
    def passes(self) -> bool:
        """A case that must give no finding."""
        return not self.expect


def case_file(rule_id: str) -> Path:
    return CASES_DIR / f"{rule_id}.yml"


def load_cases(rule_id: str) -> list[Case]:
    """The cases of one rule ([] when it has no case file)."""
    import yaml

    path = case_file(rule_id)
    if not path.exists():
        return []
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return [_case(rule_id, i, c) for i, c in enumerate(raw)]


def _case(rule_id: str, i: int, raw: dict[str, Any]) -> Case:
    name = raw.get("name", f"case {i + 1}")
    text = raw.get("text")
    lines = {n + 1: normalise(line) for n, line in enumerate(text.splitlines())} if text is not None else None
    related = [_disclosure(rule_id, f"{i + 1}/related/{j + 1}", r) for j, r in enumerate(raw.get("related") or [])]
    return Case(rule_id, name, _disclosure(rule_id, str(i + 1), raw.get("disclosure") or {}), lines,
                list(raw.get("expect") or []), related)


def _disclosure(rule_id: str, key: str, raw: dict[str, Any]) -> Disclosure:
    data = dict(raw)
    data.setdefault("id", f"case/{rule_id}/{key}")
    data.setdefault("unit_name", "案例单位")
    data.setdefault("year", 2024)
    data.setdefault("layout", "case")
    data.setdefault("source", {"path": f"{rule_id}.yml", "sha256": "case"})
    data["tables"] = [_table(t) for t in data.get("tables", [])]
    data["claims"] = [_claim(c) for c in data.get("claims", [])]
    perf = data.get("performance") or {}
    perf["tables"] = [_target_table(t) for t in perf.get("tables", [])]
    if perf.get("department"):
        perf["department"] = {"line": 1, "end_line": 1, **perf["department"]}
    data["performance"] = perf
    return Disclosure.model_validate(data)


def _table(t: dict[str, Any]) -> dict[str, Any]:
    rows = []
    for i, r in enumerate(t.get("rows", [])):
        row = {"index": i, "line": t.get("line", 1) + i + 1, **r}
        if "values" in row:
            row["values"] = {k: str(v) for k, v in row["values"].items()}
        row.setdefault("role", "total" if str(row.get("name", "")).replace(" ", "") in ("合计", "总计") else "subject")
        rows.append(row)
    last = max([r["line"] for r in rows] + [t.get("line", 1)])
    return {"title": t.get("kind", ""), "line": 1, "end_line": last, **t, "rows": rows}


def _claim(c: dict[str, Any]) -> dict[str, Any]:
    claim = {"text": "", "kind": "amount", "unit": "万元", **c}
    claim["value"] = str(claim["value"])
    if "previous" in claim:
        claim["previous"] = str(claim["previous"])
    return claim


def _target_table(t: dict[str, Any]) -> dict[str, Any]:
    projects = []
    for i, p in enumerate(t.get("projects", [])):
        project = {"line": t.get("line", 1) + 10 * (i + 1), "name": "", **p}
        project["indicators"] = [
            {"line": project["line"] + j + 1, **ind} for j, ind in enumerate(project.get("indicators", []))
        ]
        projects.append(project)
    return {"kind": "project_performance", "line": 1, "end_line": 1, **t, "projects": projects}
