"""`lineage rules`: the rule reference, generated from the registry so it cannot go stale."""

from __future__ import annotations

import click

from lineage.checks.reference import rule_reference

from .common import emit


@click.command("rules")
@click.option("--markdown", is_flag=True, help="Markdown, for the docs (docs/rules.md is this output).")
def rules_cmd(markdown: bool) -> None:
    """List every check rule: id, default severity, name, summary and its pass/fail cases.

    \b
    Examples:
      lineage rules
      lineage rules --markdown > docs/rules.md
    """
    emit(rule_reference(markdown), None)
