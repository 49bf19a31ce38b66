"""`lineage load`: parse, check and keep disclosures in the embedded store (or Neo4j)."""

from __future__ import annotations

from collections import Counter

import click
from rich.progress import Progress

from lineage.checks import run_checks
from lineage.parse.disclosure import parse_file
from lineage.read import InputError
from lineage.store import Store, store_path

from .common import EXIT_FINDINGS, expand_paths, fail_input, stderr, store_option


@click.command("load")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@store_option
@click.option("--fail-on-error/--no-fail-on-error", default=False, show_default=True,
              help="Exit 1 when any loaded disclosure has error-level findings.")
def load_cmd(paths, store, fail_on_error) -> None:
    """Parse, check and store disclosures (files or folders of *.txt).

    The embedded store (no server) is used: one SQLite file. Loading the same
    file twice changes nothing; a corrected version of a disclosure (same
    unit, year and kind) replaces the old one. A file that cannot be read is
    reported with its name and line; the others are still loaded.

    \b
    Examples:
      lineage load data/seeds
      lineage load data/seeds --store /tmp/audit.db
      LINEAGE_STORE=/tmp/audit.db lineage check
    """
    files = expand_paths(paths)
    if not files:
        raise fail_input(f"{' '.join(paths)}: no *.txt files found")
    outcome: Counter[str] = Counter()
    severities: Counter[str] = Counter()
    bad: list[str] = []
    rows = []
    with Store(store_path(store)) as st, Progress(console=stderr, transient=True, disable=len(files) < 3) as progress:
        task = progress.add_task("loading", total=len(files))
        for f in files:
            try:
                d = parse_file(f)
            except InputError as exc:
                bad.append(str(exc))
                progress.advance(task)
                continue
            findings = run_checks(d)
            outcome[st.put(d, findings)] += 1
            severities.update(x.severity for x in findings)
            rows.append((d, findings))
            progress.advance(task)
    for d, findings in rows:
        errors = sum(1 for x in findings if x.severity == "error")
        total = next((r.values.get("合计") for t in d.tables if t.kind == "expenditure_summary" for r in t.rows if r.role == "total"), None)
        stderr.print(
            f"  {d.unit_name} {d.year} {d.kind}: {len(d.tables)} tables"
            + (f", 支出合计 {total} {d.amount_unit}" if total is not None else "")
            + f", {errors} errors, {len(findings) - errors} other findings",
            highlight=False,
        )
    for message in bad:
        click.echo(click.style("error:", fg="red") + f" {message}", err=True)
    stderr.print(
        f"{store_path(store)}: {outcome['added']} added, {outcome['replaced']} replaced, {outcome['unchanged']} unchanged; "
        f"findings: {severities['error']} errors, {severities['warning']} warnings. See: lineage check",
        highlight=False,
    )
    if bad:
        raise click.exceptions.Exit(2)
    if fail_on_error and severities["error"]:
        raise click.exceptions.Exit(EXIT_FINDINGS)
