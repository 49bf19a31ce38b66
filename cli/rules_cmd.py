"""`lineage rules`: the rule reference, generated from the registry so it cannot go stale."""

from __future__ import annotations

import click

from lineage.checks.registry import iter_rule_docs

from .common import emit


@click.command("rules")
@click.option("--markdown", is_flag=True, help="Markdown, for the docs.")
def rules_cmd(markdown: bool) -> None:
    """List every check rule: id, name, default severity and its documentation.

    \b
    Examples:
      lineage rules
      lineage rules --markdown > docs/rules.md
    """
    out = []
    for rule_id, name, severity, doc in iter_rule_docs():
        if markdown:
            out.append(f"### {rule_id} `{name}` ({severity})\n\n{doc}\n")
        else:
            summary = doc.splitlines()[0] if doc else ""
            out.append(f"{rule_id}  {severity:7s}  {name:40s}  {summary}")
    emit("\n".join(out), None)
