"""`lineage load`: parse, check and keep disclosures in the embedded store, or in Neo4j."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import click
from rich.progress import Progress

from lineage.checks import run_checks
from lineage.checks.finding import Finding
from lineage.model import Disclosure
from lineage.parse.disclosure import parse_file
from lineage.read import InputError
from lineage.store import Store, store_path

from .common import EXIT_FINDINGS, expand_paths, fail_input, stderr, store_option
from .neo4j_options import driver_for, neo4j_options, target


@dataclass
class Run:
    """What one load did: per-file errors, and the disclosures read with their findings."""

    bad: list[str] = field(default_factory=list)
    loaded: list[tuple[Disclosure, list[Finding]]] = field(default_factory=list)
    outcome: Counter = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)

    def read(self, files: list[Path], progress: Progress) -> Iterator[tuple[Disclosure, list[Finding]]]:
        """Parse and check each file; unreadable files are noted and skipped."""
        task = progress.add_task("loading", total=len(files))
        for f in files:
            try:
                d = parse_file(f)
            except InputError as exc:
                self.bad.append(str(exc))
            else:
                findings = run_checks(d)
                self.loaded.append((d, findings))
                yield d, findings
            progress.advance(task)


@click.command("load")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@store_option
@neo4j_options(required=False)
@click.option("--fail-on-error/--no-fail-on-error", default=False, show_default=True,
              help="Exit 1 when any loaded disclosure has error-level findings.")
def load_cmd(paths, store, neo4j_uri, neo4j_user, neo4j_password, neo4j_database, fail_on_error) -> None:
    """Parse, check and store disclosures (files or folders of *.txt and *.pdf).

    Without --neo4j the embedded store (no server) is used: one SQLite file.
    Loading the same file twice changes nothing; a corrected version of a
    disclosure (same unit, year and kind) replaces the old one.

    With --neo4j (or NEO4J_URI, unless --store is given) the lineage graph goes to Neo4j instead: each
    disclosure in one transaction that replaces its old subgraph, so a failed
    or interrupted load never leaves half a disclosure. Constraints and
    indexes are created first if missing.

    A file that cannot be read is reported with its name and line; the others
    are still loaded (exit 2 at the end).

    \b
    Examples:
      lineage load data/seeds
      lineage load data/seeds --store /tmp/audit.db
      NEO4J_PASSWORD=secret lineage load data/seeds --neo4j neo4j://localhost:7687
      NEO4J_URI=neo4j+s://xxxx.databases.neo4j.io NEO4J_PASSWORD=… lineage load data/seeds
    """
    files = expand_paths(paths)
    if not files:
        raise fail_input(f"{' '.join(paths)}: no *.txt or *.pdf files found")
    if store and neo4j_uri is not None:
        source = click.get_current_context().get_parameter_source("neo4j_uri")
        if source != click.core.ParameterSource.ENVIRONMENT:
            raise fail_input("give --store or --neo4j, not both")
        neo4j_uri = None  # an explicit --store wins over NEO4J_URI from the environment
    run = Run()
    with Progress(console=stderr, transient=True, disable=len(files) < 3) as progress:
        if neo4j_uri is not None:  # also "": an empty --neo4j is an error, not a quiet fall-back to the store
            where = _into_neo4j(run, files, progress, target(neo4j_uri, neo4j_user, neo4j_password, neo4j_database))
        else:
            where = _into_store(run, files, progress, store_path(store))
    _report(run, where, fail_on_error)


def _into_store(run: Run, files: list[Path], progress: Progress, path: Path) -> str:
    st = None  # opened at the first readable disclosure: a mistyped path leaves no empty store behind
    try:
        for d, findings in run.read(files, progress):
            st = st or Store(path, create=True)
            run.outcome[st.put(d, findings)] += 1
    finally:
        if st is not None:
            st.close()
            run.notes += [f"{new}: replaced {i}, which came from another file ({old})"
                          for i, old, new in st.replaced_files]
    return f"{path}: {run.outcome['added']} added, {run.outcome['replaced']} replaced, {run.outcome['unchanged']} unchanged"


def _into_neo4j(run: Run, files: list[Path], progress: Progress, t) -> str:
    from lineage.neo4jdb.loader import Neo4jError, load
    from lineage.neo4jdb.rows import disclosure_rows

    with driver_for(t) as driver:
        try:
            results = load(
                driver, (disclosure_rows(d, findings) for d, findings in run.read(files, progress)), t.database,
                on_loaded=lambda r: run.outcome.update(["replaced" if r.replaced else "added"]),
            )
        except Neo4jError as exc:
            raise fail_input(str(exc))
    nodes, rels = sum(r.nodes for r in results), sum(r.relationships for r in results)
    return (f"{t.uri}: {run.outcome['added']} added, {run.outcome['replaced']} replaced "
            f"({nodes} node rows, {rels} relationship rows written)")


def _report(run: Run, where: str, fail_on_error: bool) -> None:
    severities: Counter[str] = Counter(x.severity for _, findings in run.loaded for x in findings)
    for d, findings in run.loaded:
        errors = sum(1 for x in findings if x.severity == "error")
        total = next((r.values.get("合计") for t in d.tables if t.kind == "expenditure_summary" for r in t.rows if r.role == "total"), None)
        stderr.print(
            f"  {d.unit_name} {d.year} {d.kind}: {len(d.tables)} tables"
            + (f", 支出合计 {total} {d.amount_unit}" if total is not None else "")
            + f", {errors} errors, {len(findings) - errors} other findings",
            highlight=False,
        )
    for message in run.notes:
        click.echo(click.style("note:", fg="yellow") + f" {message}", err=True)
    for message in run.bad:
        click.echo(click.style("error:", fg="red") + f" {message}", err=True)
    stderr.print(
        f"{where}; findings: {severities['error']} errors, {severities['warning']} warnings. See: lineage check",
        highlight=False,
    )
    if run.bad:
        raise click.exceptions.Exit(2)
    if fail_on_error and severities["error"]:
        raise click.exceptions.Exit(EXIT_FINDINGS)
