"""`lineage check`: findings for stored units or directly for files; exit 1 on errors."""

from __future__ import annotations

from pathlib import Path

import click

from lineage.checks import run_checks
from lineage.checks.registry import UnknownRule, resolve
from lineage.report.findings_view import print_findings, report_csv, report_json
from lineage.report.jsonable import dumps
from lineage.store import Store, store_path

from .common import (
    EXIT_FINDINGS, emit, expand_paths, fail_input, format_option, input_errors, output_option, readable, report_bad,
    store_option, text_report,
)


@click.command("check")
@click.argument("targets", nargs=-1)
@click.option("--rule", "rules", multiple=True,
              help="Only these rule ids (repeatable, any case), e.g. --rule BL02; an unknown id is a usage error (exit 2). See lineage rules.")
@click.option("--min-severity", type=click.Choice(["error", "warning", "info"]), default="info", show_default=True,
              help="Text view: hide findings below this severity (JSON and CSV keep all).")
@store_option
@format_option(("text", "json", "csv"))
@output_option
def check_cmd(targets, rules, min_severity, store, fmt, output) -> None:
    """Report what disagrees in disclosures, with the lines as evidence.

    TARGETS are files or folders (parsed and checked directly), or stored units
    (an id, a unit name or part of it, or a unit code). With no TARGETS, every
    stored disclosure. Exit code 0: no error-level findings; 1: errors found;
    2: bad input (a file that cannot be read is named and the others are
    still checked; no readable disclosure at all is never "valid").

    \b
    Examples:
      lineage check data/seeds/001_5e9ab6be9bc004b4.txt
      lineage check data/seeds --format json -o findings.json
      lineage check 渠县 --rule NR01 --rule DC01
      lineage check --min-severity error
    """
    results = []
    try:
        only = resolve(rules) if rules else None
    except UnknownRule as exc:
        raise click.BadParameter(str(exc), param_hint="--rule")
    bad: list[str] = []
    with input_errors():
        for target in targets or ():
            if Path(target).exists():
                results += [(d, run_checks(d, only)) for d in readable(expand_paths((target,)), bad)]
            elif not store_path(store).exists():
                raise fail_input(f"{target}: no such file or folder (and no store {store_path(store)} to look it up in)")
            else:
                with Store(store_path(store)) as st:
                    ids = st.find(target)
                    if not ids:
                        raise fail_input(f"{target}: no such file, and no stored unit matches (see lineage load)")
                    for i in ids:
                        d, findings = st.get(i)
                        results.append((d, [f for f in findings if not only or f.code in only]))
        if not targets:
            with Store(store_path(store)) as st:
                results = [(d, [f for f in fs if not only or f.code in only]) for d, fs in st.all()]
            if not results:
                raise fail_input(f"{store_path(store)}: the store is empty; run lineage load PATH first")
    if not results:
        report_bad(bad, 0)
    if fmt == "json":
        emit(dumps(report_json(results)), output)
    elif fmt == "csv":
        emit(report_csv(results), output)
    else:
        with text_report(output, 140) as console:
            print_findings(results, console, min_severity)
    report_bad(bad, len(results))
    if any(f.severity == "error" for _, fs in results for f in fs):
        raise click.exceptions.Exit(EXIT_FINDINGS)
