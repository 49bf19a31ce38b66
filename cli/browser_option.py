"""`--neo4j URI` for commands that do not talk to Neo4j but can point the reader to it: with a server
configured (option or NEO4J_URI), they print a Neo4j Browser link that opens the matching library query."""

from __future__ import annotations

import click

from lineage.neo4jdb.browser_links import BROWSER_URL_ENV, BrowserLinks

from .common import fail_input


def _address(ctx: click.Context, param: click.Parameter, uri: str | None) -> str | None:
    """A mistyped address is one line and exit 2 before any work, as in lineage load; empty means none."""
    if not uri:
        return None
    from lineage.neo4jdb.loader import Neo4jError, check_uri  # the driver loads only when an address is given

    try:
        check_uri(uri)
    except Neo4jError as exc:
        raise fail_input(str(exc))
    return uri


def browser_option(f):
    f = click.option("--neo4j-database", "browser_database", envvar="NEO4J_DATABASE", default=None, hidden=True)(f)
    return click.option(
        "--neo4j", "browser_uri", envvar="NEO4J_URI", default=None, metavar="URI", callback=_address,
        help=f"A Neo4j server holding the same disclosures (lineage load --neo4j): print Neo4j Browser links "
             f"that open the matching query of the library. [env: NEO4J_URI; Browser's address: ${BROWSER_URL_ENV}, "
             f"default http://HOST:7474/browser/]",
    )(f)


def links(uri: str | None, database: str | None) -> BrowserLinks:
    return BrowserLinks(uri, database)


def print_link(console, label: str, url: str | None) -> None:
    """One unwrapped line (a terminal keeps a long URL clickable only on one line); nothing without a server."""
    if url:
        console.print(f"Neo4j Browser · {label}: {url}", soft_wrap=True, markup=False, highlight=False)
