"""`lineage query`: run one query of the Cypher library (cypher/) against Neo4j."""

from __future__ import annotations

import click
import neo4j

from lineage.neo4jdb import catalog
from lineage.report.jsonable import dumps
from lineage.report.records_view import cell, plain_value

from .common import csv_text, emit, fail_input, format_option, output_option, text_report, text_table
from .neo4j_options import driver_for, neo4j_options, target


def _params(pairs: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise fail_input(f"--param {pair}: expected NAME=VALUE, e.g. --param disclosure=渠县")
        out[key] = value
    return out


def _list_queries(fmt: str) -> str:
    """The library's queries: for people a line each with its parameters; JSON or CSV for programs."""
    queries = catalog.all_queries()
    if fmt == "json":
        return dumps([{"name": q.name, "title": q.title, "file": q.file,
                       "params": [{"name": p.name, "type": p.type, "default": p.default, "help": p.help}
                                  for p in q.params]} for q in queries])
    if fmt == "csv":
        return csv_text(["name", "title", "params"], ([q.name, q.title, " ".join(p.name for p in q.params)]
                                                     for q in queries))
    lines = []
    for q in queries:
        params = " ".join(f"{p.name}={p.default}" if p.default is not None else f"{p.name}=…" for p in q.params)
        lines.append(f"{q.name:<26} {q.title}" + (f"\n{'':<26} params: {params}" if params else ""))
    return "\n".join(lines)


@click.command("query")
@click.argument("name", required=False)
@click.option("--param", "-p", "pairs", multiple=True, metavar="NAME=VALUE", help="A query parameter; repeat for several.")
@click.option("--list", "list_only", is_flag=True, help="List the queries of the library with their parameters.")
@neo4j_options(required=False)
@format_option(("text", "json", "csv"))
@output_option
def query_cmd(name, pairs, list_only, neo4j_uri, neo4j_user, neo4j_password, neo4j_database, fmt, output) -> None:
    """Run a query of the Cypher library (cypher/NAME.cypher) against Neo4j and print its rows.

    Parameters are declared in each file's header (`// Param:`); values given
    with --param are converted to the declared type, and parameters with a
    default may be left out. The server is --neo4j or NEO4J_URI (see `lineage
    load --help`). Amounts come back as integers of 0.01 of their unit
    (amountMinor) and as exact strings.

    \b
    Examples:
      lineage query --list
      lineage query flow_trace --param disclosure=渠县
      lineage query largest_projects -p limit=5 --format csv -o projects.csv
      lineage query node_imbalance --format json
    """
    try:
        if list_only or not name:
            emit(_list_queries(fmt), output)
            return
        query = catalog.get(name)
        params = query.bind(_params(pairs))
    except catalog.QueryError as exc:
        raise fail_input(str(exc))
    if neo4j_uri is None:
        raise fail_input("no Neo4j address: give --neo4j URI or set NEO4J_URI (lineage query needs a server)")
    t = target(neo4j_uri, neo4j_user, neo4j_password, neo4j_database)
    with driver_for(t) as driver:
        try:
            records, summary, keys = driver.execute_query(query.text, params, database_=t.database)
        except (neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError) as exc:
            detail = getattr(exc, "message", None) or str(exc) or type(exc).__name__
            raise fail_input(f"{query.file or name}: Neo4j at {t.uri} refused the query ({detail.splitlines()[0]})")
    rows = [[record[k] for k in keys] for record in records]
    if fmt == "json":
        emit(dumps([{k: plain_value(v) for k, v in zip(keys, row)} for row in rows]), output)
    elif fmt == "csv":
        emit(csv_text(keys, ([cell(v) for v in row] for row in rows)), output)
    else:
        view = text_table(*((k, "right" if k.endswith("Minor") or k in {"amount", "share"} else "left") for k in keys))
        for row in rows:
            view.add_row(*[cell(v) for v in row])
        with text_report(output, 200) as console:
            console.print(view)
            console.print(f"({len(rows)} rows)")
