"""`lineage load`: parse, check and keep disclosures in the embedded store, or in Neo4j.

Files are parsed and checked in worker processes (lineage.workers), in input
order; this process is the one writer. Only each disclosure's Summary is kept
for the closing report, so memory stays flat however many files are loaded.
"""

from __future__ import annotations

import signal
import threading
import time
from collections import Counter, deque
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import Iterator, Optional

import click

from .common import EXIT_FINDINGS, expand_paths, fail_input, jobs_option, report_bad, stderr, store_option
from .crash import EXIT_INTERRUPTED
from .neo4j_options import driver_for, neo4j_options, target
from .progress import progress


SMALL_RUN = 20  # files: a run this small prints a line per disclosure without -v
EXIT_STOPPED = 4  # --deadline reached before every file was loaded


class Stop:
    """When to stop taking files: at Ctrl-C, or once --deadline seconds have passed."""

    def __init__(self, deadline: Optional[float]):
        self.deadline = deadline
        self.at = None if deadline is None else time.monotonic() + deadline
        self.reason: Optional[str] = None  # "deadline" or "interrupt"

    def __call__(self) -> bool:
        if self.reason is None and self.at is not None and time.monotonic() >= self.at:
            self.reason = "deadline"
        return self.reason is not None

    @contextmanager
    def on_interrupt(self) -> Iterator[None]:
        """While inside, Ctrl-C stops taking files (what is done is kept); a second Ctrl-C stops at once."""
        if threading.current_thread() is not threading.main_thread():
            yield
            return

        def handler(signum, frame) -> None:
            if self.reason == "interrupt":
                raise KeyboardInterrupt
            self.reason = "interrupt"

        previous = signal.signal(signal.SIGINT, handler)
        try:
            yield
        finally:
            signal.signal(signal.SIGINT, previous)


@dataclass
class Run:
    """What one load did: per-file errors, findings counted per disclosure, outcomes (added/replaced/unchanged)."""

    files: list[Path]
    jobs: int
    stop: Stop
    lines: bool  # print a line per disclosure as it is loaded
    taken: int = 0  # files read so far, in order (the rest were not loaded when the run stopped)
    bad: list[str] = field(default_factory=list)
    errors: int = 0
    warnings: int = 0
    outcome: Counter = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)

    def results(self, task) -> Iterator:
        """task's result for each readable file, in file order, with a progress bar; unreadable files are noted."""
        from lineage.workers import Unreadable, over_files

        with progress(len(self.files), "loading") as advance:
            for result in over_files(task, self.files, self.jobs, self.stop):
                self.taken += 1
                advance()
                if isinstance(result, Unreadable):
                    self.bad.append(result.message)
                else:
                    yield result

    def loaded(self, summary, outcome: str) -> None:
        """One disclosure written (its store row committed or its Neo4j transaction done)."""
        self.outcome[outcome] += 1
        self.errors += summary.errors
        self.warnings += summary.warnings
        if self.lines:
            stderr.print(f"  {summary.line()}", highlight=False)


@click.command("load")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@store_option
@neo4j_options(required=False)
@click.option("--fail-on-error/--no-fail-on-error", default=False, show_default=True,
              help="Exit 1 when any loaded disclosure has error-level findings.")
@jobs_option
@click.option("--deadline", type=click.FloatRange(min=0, min_open=True), default=None, metavar="SECONDS",
              help=f"Stop taking files after this many seconds: what is loaded by then is kept, the files "
                   f"not loaded are named, exit {EXIT_STOPPED}.")
@click.option("--verbose", "-v", is_flag=True,
              help=f"A line per disclosure as it is loaded (the default for runs of up to {SMALL_RUN} files).")
def load_cmd(paths, store, neo4j_uri, neo4j_user, neo4j_password, neo4j_database, fail_on_error, jobs,
             deadline, verbose) -> None:
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
    A run of more than 20 files prints its summary and problems only (-v
    for a line per disclosure).

    Ctrl-C (or --deadline) stops taking files: the disclosures already
    parsed are written, the others are named as not loaded, and the run
    exits 130 (4 for --deadline). Nothing is half-written; loading the same
    files again picks up where it stopped (loaded ones are unchanged). A
    second Ctrl-C stops at once, keeping what was committed.

    \b
    Examples:
      lineage load data/seeds
      lineage load data/seeds --store /tmp/audit.db
      lineage load /data/sichuan-2024 --deadline 600 -v
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

    run = Run(files, jobs, Stop(deadline), lines=verbose or len(files) <= SMALL_RUN)
    try:
        with run.stop.on_interrupt():
            if neo4j_uri is not None:  # also "": an empty --neo4j is an error, not a quiet fall-back to the store
                where = _into_neo4j(run, target(neo4j_uri, neo4j_user, neo4j_password, neo4j_database))
            else:
                where = _into_store(run, store_path(store))
    except KeyboardInterrupt:  # the second Ctrl-C: committed disclosures are kept, the rest is not loaded
        run.stop.reason = "interrupt"
        where = f"{sum(run.outcome.values())} disclosures written before the second Ctrl-C"
    _report(run, where, fail_on_error)


def _into_store(run: Run, path: Path) -> str:
    from lineage.store import Store
    from lineage.workers import store_record

    records = run.results(store_record)
    first = next(records, None)  # the store is created at the first readable disclosure, not for a mistyped path
    if first is not None:
        with Store(path, create=True) as st:
            for record, outcome in st.batch(chain([first], records)):
                run.loaded(record, outcome)
        run.notes += [f"{new}: replaced {i}, which came from another file ({old})" for i, old, new in st.replaced_files]
    return f"{path}: {run.outcome['added']} added, {run.outcome['replaced']} replaced, {run.outcome['unchanged']} unchanged"


def _into_neo4j(run: Run, t) -> str:
    from lineage.neo4jdb.loader import Neo4jError, load
    from lineage.workers import neo4j_rows

    sent: deque = deque()  # summaries of the disclosures handed to the loader, not yet written

    def rows():
        for disclosure_rows, summary in run.results(neo4j_rows):
            sent.append(summary)
            yield disclosure_rows

    def loaded(result) -> None:
        run.loaded(sent.popleft(), "replaced" if result.replaced else "added")
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
    for message in run.notes:
        click.echo(click.style("note:", fg="yellow") + f" {message}", err=True)
    if run.bad and not any(run.outcome.values()) and not run.stop.reason:
        report_bad(run.bad, read=0)  # nothing readable: no store was created, and "0 added" would read as a load
    for message in run.bad:
        click.echo(click.style("error:", fg="red") + f" {message}", err=True)
    stderr.print(f"{where}; findings: {run.errors} errors, {run.warnings} warnings. See: lineage check",
                 highlight=False)
    if run.stop.reason:
        why = "Ctrl-C" if run.stop.reason == "interrupt" else f"--deadline {run.stop.deadline:g} s"
        left = run.files[run.taken:]
        named = ", ".join(map(str, left)) if len(left) <= 10 else f"{left[0]} … {left[-1]}"
        click.echo(click.style("stopped:", fg="yellow")
                   + f" by {why} after {run.taken} of {len(run.files)} files; not loaded: {len(left)} files"
                   + (f" ({named}, in the order given)" if left else ""), err=True)
        raise click.exceptions.Exit(EXIT_INTERRUPTED if run.stop.reason == "interrupt" else EXIT_STOPPED)
    if run.bad:
        raise click.exceptions.Exit(2)
    if fail_on_error and run.errors:
        raise click.exceptions.Exit(EXIT_FINDINGS)
