"""`lineage check`: findings for stored units or directly for files; exit 1 on errors.

The report streams: one disclosure's findings at a time, from the store's
findings column (no stored document is decompressed) or from worker processes
parsing files, in the order the targets were given.
"""

from __future__ import annotations

from collections import Counter
from contextlib import nullcontext
from functools import partial
from pathlib import Path
from typing import Iterator

import click

from .common import (
    EXIT_FINDINGS, colour_report, emit_stream, expand_paths, fail_input, format_option, input_errors, jobs_option,
    on_disk, output_option, report_bad, same_file, store_option, unique,
)
from .browser_option import browser_option, links, print_link
from .progress import progress
from .xlsx_output import FORMATS_WITH_XLSX, emit_xlsx


@click.command("check")
@click.argument("targets", nargs=-1)
@click.option("--rule", "rules", multiple=True,
              help="Only these rule ids (repeatable, any case), e.g. --rule BL02; an unknown id is a usage error (exit 2). See lineage rules.")
@click.option("--min-severity", type=click.Choice(["error", "warning", "info"]), default="info", show_default=True,
              help="Text view: hide findings below this severity (JSON and CSV keep all).")
@store_option
@format_option(FORMATS_WITH_XLSX)
@output_option
@jobs_option
@browser_option
def check_cmd(targets, rules, min_severity, store, fmt, output, jobs, browser_uri, browser_database) -> None:
    """Report what disagrees in disclosures, with the lines as evidence.

    TARGETS are files or folders (parsed and checked directly, on every core:
    --jobs), or stored units (an id, a unit name or part of it, or a unit
    code). With no TARGETS, every stored disclosure. Exit code 0: no
    error-level findings; 1: errors found; 2: bad input (a file that cannot be
    read is named and the others are still checked; no readable disclosure at
    all is never "valid").

    \b
    Examples:
      lineage check data/seeds/001_5e9ab6be9bc004b4.txt
      lineage check data/seeds --format json -o findings.json
      lineage check data/seeds --format xlsx -o findings.xlsx
      lineage check 渠县 --rule NR01 --rule DC01
      lineage check --min-severity error
    """
    from lineage.checks.registry import UnknownRule, resolve
    from lineage.store import Store, store_path

    try:
        only = frozenset(resolve(rules)) if rules else None
    except UnknownRule as exc:
        raise click.BadParameter(str(exc), param_hint="--rule")
    if only is not None and not only:  # --rule "$UNSET": no rule at all, never every rule
        raise click.BadParameter("an empty rule id; see lineage rules", param_hint="--rule")
    bad: list[str] = []
    needs_store = not targets or not all(on_disk(t) for t in targets)
    with input_errors():
        if targets and needs_store and not store_path(store).exists():
            missing = next(t for t in targets if not on_disk(t))
            raise fail_input(f"{missing}: no such file or folder (and no store {store_path(store)} to look it up in)")
    with input_errors(), (Store(store_path(store)) if needs_store else nullcontext()) as st:
        plan = _plan(targets, st)
        results = _results(plan, st, only, jobs, bad)
        if fmt == "xlsx":
            counts = _xlsx(results, output, links(browser_uri, browser_database))
        else:
            counts = _stream(results, fmt, output, min_severity, links(browser_uri, browser_database))
    report_bad(bad, read=1)
    if counts["error"]:
        raise click.exceptions.Exit(EXIT_FINDINGS)


def _xlsx(results: Iterator, output: str | None, browser) -> Counter:
    """The workbook holds every finding at once: the results are gathered, then written."""
    from lineage.report.xlsx import check_sheets

    gathered = list(results)
    emit_xlsx(check_sheets(gathered, browser), output)
    return Counter(f.severity for c in gathered for f in c.findings)


def _stream(results: Iterator, fmt: str, output: str | None, min_severity: str, browser) -> Counter:
    """JSON, CSV or text, one disclosure at a time; the text ends with a Browser link per disclosure."""
    from lineage.report.findings_view import write_csv, write_json, write_text

    shown: list[str] = []
    if browser:
        results = (shown.append(c.id) or c for c in results)
    with emit_stream(output) as write:
        if fmt == "json":
            return write_json(results, write)
        if fmt == "csv":
            return write_csv(results, write)
        counts = write_text(results, write, min_severity, colour_report(output))
        for disclosure in shown:
            write(f"Neo4j Browser · disclosures ({disclosure}): {browser.query('disclosures', disclosure=disclosure)}\n")
        return counts


def _plan(targets: tuple[str, ...], st) -> list[Path | str]:
    """What to report, in order: files (Path) and stored disclosure ids (str)."""
    if not targets:
        ids = st.ids()
        if not ids:
            raise fail_input(f"{st.path}: the store is empty; run lineage load PATH first")
        return list(ids)
    plan: list[Path | str] = []
    for target in targets:
        if on_disk(target):
            plan += expand_paths((target,))
            continue
        ids = st.find(target)
        if not ids:
            raise fail_input(f"{target}: no such file, and no stored unit matches (see lineage load)")
        plan += ids
    return unique(plan, lambda item: same_file(item) if isinstance(item, Path) else item)


def _results(plan: list[Path | str], st, only: frozenset[str] | None, jobs: int, bad: list[str]) -> Iterator:
    """Checked reports in plan order: files from worker processes, stored ones from the store."""
    from lineage.checks.cross_document import with_stored_budget
    from lineage.results import Checked
    from lineage.workers import Unreadable, checked, over_files

    files = over_files(partial(checked, only=only), [p for p in plan if isinstance(p, Path)], jobs)
    stored = st.reports([p for p in plan if isinstance(p, str)]) if st else iter(())
    read = 0
    with progress(len(plan), "checking") as advance:
        for item in plan:
            result = next(files) if isinstance(item, Path) else next(stored)
            advance()
            if isinstance(result, Unreadable):
                bad.append(result.message)
                continue
            read += 1
            if not isinstance(item, Path):  # a stored 决算 against its stored 预算 (XD rules)
                result = Checked(*result[:4], with_stored_budget(st, item, list(result.findings)))
            if only and not isinstance(item, Path):
                yield Checked(*result[:4], [f for f in result.findings if f.code in only])
            else:
                yield result
    if bad and not read:
        report_bad(bad, read)  # before the report is written: no readable disclosure is never "valid"
