"""The Neo4j connection options shared by `load`, `query` (and their environment variables).

Precedence: the option, then the environment variable, then the default.
A connection problem is one line on stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

import click

from lineage.neo4jdb.loader import DEFAULT_USER, Neo4jError, Target, connect

from .common import fail_input


def neo4j_options(required: bool):
    """--neo4j URI and its credentials; `required` for commands that only talk to Neo4j."""
    uri_help = "Neo4j address, e.g. neo4j://localhost:7687, bolt://host:7687 or neo4j+s://xxxx.databases.neo4j.io."
    if not required:
        uri_help += " Without it, the embedded store is used."

    def decorate(f):
        for option in reversed([
            click.option("--neo4j", "neo4j_uri", envvar="NEO4J_URI", required=required, metavar="URI",
                         help=uri_help + " [env: NEO4J_URI]"),
            click.option("--neo4j-user", envvar="NEO4J_USER", default=DEFAULT_USER, show_default=True,
                         help="[env: NEO4J_USER]"),
            click.option("--neo4j-password", envvar="NEO4J_PASSWORD", default="",
                         help="Prefer the environment variable: options show in the process list. [env: NEO4J_PASSWORD]"),
            click.option("--neo4j-database", envvar="NEO4J_DATABASE", default=None,
                         help="Database name; default: the server's default database. [env: NEO4J_DATABASE]"),
        ]):
            f = option(f)
        return f

    return decorate


def target(uri: str, user: str, password: str, database: str | None) -> Target:
    return Target(uri=uri, user=user, password=password, database=database or None)


@contextmanager
def driver_for(t: Target) -> Iterator:
    """A connected driver, closed afterwards; Neo4jError becomes a one-line error and exit 2."""
    try:
        driver = connect(t)
    except Neo4jError as exc:
        raise fail_input(str(exc))
    try:
        yield driver
    finally:
        driver.close()
