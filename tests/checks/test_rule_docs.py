"""docs/rules.md and `lineage rules` are generated from the registry and the case files."""

from pathlib import Path

from click.testing import CliRunner

from lineage.checks.casebook import load_cases
from lineage.checks.reference import rule_reference
from lineage.checks.registry import RULES, all_rules

ROOT = Path(__file__).resolve().parents[2]


def test_docs_rules_md_is_the_generated_reference():
    # regenerate with: lineage rules --markdown > docs/rules.md
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == rule_reference(markdown=True)


def test_lineage_rules_lists_every_rule_with_its_cases():
    from lineage_cli.main import cli

    all_rules()
    result = CliRunner().invoke(cli, ["rules"])
    assert result.exit_code == 0
    for rule_id in RULES:
        assert f"\n{rule_id}  " in "\n" + result.output, rule_id
        for case in load_cases(rule_id):
            assert f"case: {case.name} — " in result.output, (rule_id, case.name)


def test_every_rule_documents_a_real_example():
    # the docstring is the rule's documentation: a summary and an example with something quoted or a line cited
    for rule in all_rules():
        doc = type(rule).__doc__ or ""
        assert "Example" in doc and ("line" in doc or "「" in doc or '"' in doc), rule.id
