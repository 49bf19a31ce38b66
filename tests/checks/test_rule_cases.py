"""Every rule's YAML cases (lineage/checks/rule_cases/<ID>.yml), run by one harness.

Each case is a small disclosure written as data; it must give exactly the
findings its `expect` lists (code, severity, first evidence line, and the
expected/found figures where given) and nothing else from its rule.
"""

import pytest

from lineage.checks.casebook import load_cases
from lineage.checks.registry import RULES, all_rules, run_checks

all_rules()  # registers every family
CASES = [case for rule_id in sorted(RULES) for case in load_cases(rule_id)]


@pytest.mark.parametrize("case", CASES, ids=[f"{c.rule}: {c.name}" for c in CASES])
def test_case(case):
    found = run_checks(case.disclosure, only={case.rule}, lines=case.lines, related=case.related)
    got = sorted((f.code, f.severity, f.evidence[0].line if f.evidence else None) for f in found)
    want = sorted((e.get("code", case.rule), e["severity"], e.get("line")) for e in case.expect)
    assert got == want, [f.message for f in found]
    for e in case.expect:
        f = next(f for f in found if (f.severity, f.evidence[0].line if f.evidence else None) == (e["severity"], e.get("line")))
        for key in ("expected", "found"):
            if key in e:
                assert str(getattr(f, key)) == str(e[key]), (key, f.message)
        if "unit" in e:
            assert f.unit == e["unit"]
        for word in e.get("message_has", []):
            assert word in f.message, f.message


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_every_rule_has_a_passing_and_a_failing_case(rule_id):
    cases = load_cases(rule_id)
    assert any(c.passes for c in cases), f"{rule_id}: no case that must stay quiet"
    assert any(not c.passes for c in cases), f"{rule_id}: no case that must be reported"
