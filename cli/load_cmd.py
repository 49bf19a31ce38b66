"""`lineage load`: parse, check and keep disclosures in the embedded store, or in Neo4j.

Files are parsed and checked in worker processes (lineage.workers), in input
order; this process is the one writer. Only each disclosure's Summary is kept
for the closing report, so memory stays flat however many files are loaded.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import Iterator

import click

from .common import EXIT_FINDINGS, expand_paths, fail_input, jobs_option, stderr, store_option
from .neo4j_options import driver_for, neo4j_options, target
from .progress import progress


@dataclass
class Run:
    """What one load did: per-file errors, one summary per disclosure read, outcomes (added/replaced/unchanged)."""

    files: list[Path]
    jobs: int
    bad: list[str] = field(default_factory=list)
    loaded: list = field(default_factory=list)  # lineage.results.Summary, in file order
    outcome: Counter = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)

    def results(self, task) -> Iterator:
        """task's result for each readable file, in file order, with a progress bar; unreadable files are noted."""
        from lineage.workers import Unreadable, over_files

        with progress(len(self.files), "loading") as advance:
            for result in over_files(task, self.files, self.jobs):
                advance()
                if isinstance(result, Unreadable):
                    self.bad.append(result.message)
                else:
                    yield result


@click.command("load")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@store_option
@neo4j_options(required=False)
@click.option("--fail-on-error/--no-fail-on-error", default=False, show_default=True,
              help="Exit 1 when any loaded disclosure has error-level findings.")
@jobs_option
def load_cmd(paths, store, neo4j_uri, neo4j_user, neo4j_password, neo4j_database, fail_on_error, jobs) -> None:
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

    Files are parsed and checked on every core (--jobs), stored in the order
    given, with a progress bar on stderr when the run takes over a second.

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
    from lineage.store import store_path

    run = Run(files, jobs)
    if neo4j_uri is not None:  # also "": an empty --neo4j is an error, not a quiet fall-back to the store
        where = _into_neo4j(run, target(neo4j_uri, neo4j_user, neo4j_password, neo4j_database))
    else:
        where = _into_store(run, store_path(store))
    _report(run, where, fail_on_error)


def _into_store(run: Run, path: Path) -> str:
    from lineage.store import Store
    from lineage.workers import store_record

    records = run.results(store_record)
    first = next(records, None)  # the store is created at the first readable disclosure, not for a mistyped path
    if first is not None:
        with Store(path, create=True) as st:
            for record, outcome in st.batch(chain([first], records)):
                run.loaded.append(record.summary())
                run.outcome[outcome] += 1
        run.notes += [f"{new}: replaced {i}, which came from another file ({old})" for i, old, new in st.replaced_files]
    return f"{path}: {run.outcome['added']} added, {run.outcome['replaced']} replaced, {run.outcome['unchanged']} unchanged"


def _into_neo4j(run: Run, t) -> str:
    from lineage.neo4jdb.loader import Neo4jError, load
    from lineage.workers import neo4j_rows

    def rows():
        for disclosure_rows, summary in run.results(neo4j_rows):
            run.loaded.append(summary)
            yield disclosure_rows

    def loaded(result) -> None:
        run.outcome.update(["replaced" if result.replaced else "added"])
        run.notes += [result.note] if result.note else []

    with driver_for(t) as driver:
        try:
            results = load(driver, rows(), t.database, on_loaded=loaded)
        except Neo4jError as exc:
            raise fail_input(str(exc))
    nodes, rels = sum(r.nodes for r in results), sum(r.relationships for r in results)
    return (f"{t.uri}: {run.outcome['added']} added, {run.outcome['replaced']} replaced "
            f"({nodes} node rows, {rels} relationship rows written)")


def _report(run: Run, where: str, fail_on_error: bool) -> None:
    for summary in run.loaded:
        stderr.print(f"  {summary.line()}", highlight=False)
    for message in run.notes:
        click.echo(click.style("note:", fg="yellow") + f" {message}", err=True)
    for message in run.bad:
        click.echo(click.style("error:", fg="red") + f" {message}", err=True)
    errors, warnings = sum(s.errors for s in run.loaded), sum(s.warnings for s in run.loaded)
    stderr.print(f"{where}; findings: {errors} errors, {warnings} warnings. See: lineage check", highlight=False)
    if run.bad:
        raise click.exceptions.Exit(2)
    if fail_on_error and errors:
        raise click.exceptions.Exit(EXIT_FINDINGS)
