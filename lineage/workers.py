"""Parse and check files in worker processes; results come back in the order the files were given.

Parsing and checking is CPU work on one file at a time, so files are spread
over processes (one per core by default). A worker sends back only what the
caller keeps: a store `Record` (compressed, built in the worker), Neo4j rows,
or a `Checked` report; never a parsed document to be held. The caller (one
writer) consumes results in input order, so output and exit codes do not
depend on which worker finished first. At most a few results per worker are
in flight, so memory stays flat however many files there are.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
from collections import deque
from functools import partial
from pathlib import Path
from typing import Callable, Iterable, Iterator, NamedTuple, TypeVar, Union

from lineage.checks import all_rules, run_checks
from lineage.parse.disclosure import parse_document
from lineage.read import InputError, read_document
from lineage.results import Checked, Summary
from lineage.store.sqlite import Record

T = TypeVar("T")
R = TypeVar("R")


class Unreadable(NamedTuple):
    """A file that is not a readable disclosure: InputError's one-line message (file and line)."""

    message: str


Outcome = Union[R, Unreadable]

AHEAD = 4  # results in flight per worker: keeps both cores busy, bounds what waits in memory

all_rules()  # imports every rule family (and networkx) here, before forking, so workers share it instead of each importing it


def default_jobs() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def never() -> bool:
    return False


def ordered(task: Callable[[T], R], items: Iterable[T], jobs: int, stop: Callable[[], bool] = never) -> Iterator[R]:
    """task(item) for each item, in item order, on `jobs` processes (in this one when jobs is 1).

    Once stop() is true no item is started: the results already computed are
    yielded (in order, up to the first one still running) and the rest are
    abandoned, their workers killed, so a caller that stops gets its answer
    within a tenth of a second, not after the files in flight.
    """
    items = list(items)
    jobs = min(jobs, len(items))
    if jobs <= 1:
        for item in items:
            if stop():
                return
            yield task(item)
        return
    # fork: workers start at once with the modules already imported (spawn would import everything again).
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    # Objects alive now are shared with the forked workers: frozen, the workers' garbage collector never
    # scans them (3-4 ms a disclosure of full collections) nor writes to their pages (copy-on-write).
    gc.freeze()
    try:
        pool = context.Pool(jobs, initializer=_ignore_interrupt)
    finally:
        gc.unfreeze()  # this process keeps collecting as before
    with pool:  # leaving it terminates the workers
        pending: deque = deque()
        for item in items:
            if stop():
                break
            pending.append(pool.apply_async(task, (item,)))
            while len(pending) >= jobs * AHEAD or (pending and pending[0].ready()):
                if not _wait(pending[0], stop):
                    break
                yield pending.popleft().get()
        while pending and _wait(pending[0], stop):
            yield pending.popleft().get()


def _wait(result, stop: Callable[[], bool]) -> bool:
    """Wait for a result, looking at stop() ten times a second; False when stopped before it was ready."""
    while not result.ready():
        if stop():
            return False
        result.wait(0.1)
    return True


def _ignore_interrupt() -> None:
    """Ctrl-C is the parent's to handle (it stops the pool); workers would each print a traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _guarded(task: Callable[[Path], R], path: Path) -> Outcome:
    try:
        return task(path)
    except InputError as exc:  # sent back as text: an exception with its own __init__ does not unpickle
        return Unreadable(str(exc))


def over_files(task: Callable[[Path], R], files: list[Path], jobs: int, stop: Callable[[], bool] = never
               ) -> Iterator[Outcome]:
    """task(file) for each file in order; an unreadable file gives an Unreadable instead of stopping the run."""
    return ordered(partial(_guarded, task), files, jobs, stop)


def _parsed(path: Path, only: frozenset[str] | None = None):
    """Parse and check one file, reading it once: the rules that quote the text get the lines the parser read
    (left to themselves they read the file again, and a PDF's pages again: 0.1-0.5 s)."""
    doc = read_document(path)
    d = parse_document(doc)
    return d, run_checks(d, only, lines={line.no: line.norm for line in doc.lines},
                         pages={line.no: line.page for line in doc.lines if line.page})


def store_record(path: Path) -> Record:
    """Parse and check one file into a store Record."""
    return Record.of(*_parsed(path))


def neo4j_rows(path: Path):
    """Parse and check one file into its Neo4j rows and its Summary."""
    from lineage.neo4jdb.rows import disclosure_rows  # networkx and the driver: only when loading Neo4j

    d, findings = _parsed(path)
    return disclosure_rows(d, findings), Summary.of(d, findings)


def checked(path: Path, only: frozenset[str] | None = None) -> Checked:
    """Parse and check one file: its Checked report (only the rules in `only`, when given)."""
    return Checked.of(*_parsed(path, only))
