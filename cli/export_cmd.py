"""`lineage export --neo4j-csv DIR`: files for neo4j-admin's offline import, for very large first loads."""

from __future__ import annotations

from pathlib import Path

import click
from rich.progress import Progress

from lineage.checks import run_checks
from lineage.neo4jdb.csv_export import (
    IMPORT_SCRIPT, NODES_DIR, RELS_DIR, SCHEMA_FILE, CsvExport, DuplicateDisclosure, check_target, import_command,
    staged,
)
from lineage.neo4jdb.rows import disclosure_rows
from lineage.parse.disclosure import parse_file
from lineage.read import InputError

from .common import EXIT_INPUT, expand_paths, fail_input, stderr


@click.command("export")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--neo4j-csv", "csv_dir", required=True, metavar="DIR", type=click.Path(file_okay=False),
              help="Write CSV files for `neo4j-admin database import full` into DIR.")
@click.option("--force", is_flag=True,
              help="Replace DIR if it holds an earlier export (its .lineage-export marker); never any other folder.")
@click.option("--database", default="neo4j", show_default=True,
              help="Database name in the printed neo4j-admin command.")
def export_cmd(paths, csv_dir, force, database) -> None:
    """Parse and check disclosures (files or folders of *.txt and *.pdf) and write them as neo4j-admin CSV files.

    For very large first loads: `neo4j-admin database import full` builds a new
    Neo4j 5 database from these files offline, far faster than loading over
    Bolt. The graph is the one `lineage load --neo4j` writes (same rows),
    except that an empty list (a finding without evidence lines) is absent:
    neo4j-admin cannot import one. Later changes go through `lineage load
    --neo4j`, which replaces a disclosure's subgraph.

    DIR gets nodes/<Label>.csv, relationships/<TYPE>-<Start>-<End>.csv,
    import.sh (the neo4j-admin command, also printed) and schema.cypher (the
    constraints and indexes, to run after the import) and .lineage-export
    (the marker). DIR is written atomically: the new export is staged next to
    it and swapped in whole. An existing non-empty DIR is replaced only with
    --force, and only when it is an earlier export (holds the marker), not the
    working directory and holds none of the inputs.

    A file that cannot be read, or a second file for the same disclosure, is
    reported with its name; the others are still exported (exit 2 at the end).

    \b
    Examples:
      lineage export --neo4j-csv /tmp/budget-csv data/seeds
      sh /tmp/budget-csv/import.sh budget        # as the neo4j user, database stopped
      cypher-shell -d budget -f /tmp/budget-csv/schema.cypher
    """
    if not database.strip():
        raise click.BadParameter("an empty database name", param_hint="'--database'")
    target = Path(csv_dir)
    files = expand_paths(paths)
    if not files:
        raise fail_input(f"{' '.join(paths)}: no *.txt or *.pdf files found")
    refusal = check_target(target, force, [Path(p) for p in paths] + files)
    if refusal:
        raise fail_input(refusal)
    bad: list[str] = []
    with staged(target) as stage, Progress(console=stderr, transient=True, disable=len(files) < 3) as progress:
        export = CsvExport(stage)
        task = progress.add_task("exporting", total=len(files))
        for f in files:
            try:
                d = parse_file(f)
                export.add(disclosure_rows(d, run_checks(d)), str(f))
            except (InputError, DuplicateDisclosure) as exc:
                bad.append(str(exc))
            progress.advance(task)
        if len(bad) == len(files):
            for message in bad:
                click.echo(click.style("error:", fg="red") + f" {message}", err=True)
            raise fail_input(f"{target}: nothing to export, left unchanged")
        summary = export.finish()
    stderr.print(
        f"{target}: {summary.disclosures} disclosures, {summary.count(NODES_DIR)} nodes in "
        f"{sum(f.kind == NODES_DIR for f in summary.files)} files, {summary.count(RELS_DIR)} relationships in "
        f"{sum(f.kind == RELS_DIR for f in summary.files)} files. Import (Neo4j 5, database stopped or new), "
        f"or run {target / IMPORT_SCRIPT} [DATABASE]:", highlight=False)
    click.echo(import_command(summary, database, target), err=True)
    stderr.print(f"then, with the database started: cypher-shell -d {database} -f {target / SCHEMA_FILE}",
                 highlight=False)
    for message in bad:
        click.echo(click.style("error:", fg="red") + f" {message}", err=True)
    if bad:
        raise click.exceptions.Exit(EXIT_INPUT)
