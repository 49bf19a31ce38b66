"""Neo4j Browser links that open a query of the library (cypher/) with its parameters filled in.

Browser reads two URL parameters for its editor: `cmd=edit&arg=QUERY` fills the
editor with a query, and `dbms=URI&db=NAME` fills the connection frame
(https://neo4j.com/docs/browser/operations/browser-url-parameters). Only one
`cmd` fits in a URL and Browser's multi-statement mode is off by default, so a
`:param` line cannot come first: the parameter values are written into the
query as Cypher literals instead, under a comment naming the library file and
the values. The query is otherwise the library's own text (its header
comments dropped: they would fill the editor).

Browser is served by the Neo4j server beside Bolt: http on 7474, https on 7473
for encrypted schemes (neo4j+s, bolt+s), and on Aura at the instance's own
https address. `NEO4J_BROWSER_URL` overrides the guess (a proxy, another port).
"""

from __future__ import annotations

import os
import re
from typing import Any, Optional
from urllib.parse import quote, urlsplit

from lineage.neo4jdb import catalog

BROWSER_URL_ENV = "NEO4J_BROWSER_URL"


def browser_base(uri: Optional[str], override: Optional[str] = None) -> Optional[str]:
    """Browser's address for a Bolt URI, or None without one.

    >>> browser_base("neo4j://localhost:7687")
    'http://localhost:7474/browser/'
    >>> browser_base("neo4j+s://abcd1234.databases.neo4j.io")
    'https://abcd1234.databases.neo4j.io/browser/'
    >>> browser_base("bolt+s://db.example.org:7687")
    'https://db.example.org:7473/browser/'
    >>> browser_base("neo4j://localhost:7687", "http://proxy/neo4j/browser")
    'http://proxy/neo4j/browser/'
    """
    override = override if override is not None else os.environ.get(BROWSER_URL_ENV)
    if override:
        return override.rstrip("/") + "/"
    if not uri:
        return None
    parts = urlsplit(uri)
    host = parts.hostname
    if not host:
        return None
    secure = parts.scheme.endswith("+s") or parts.scheme.endswith("+ssc")
    if host.endswith(".databases.neo4j.io"):
        return f"https://{host}/browser/"
    return f"{'https' if secure else 'http'}://{host}:{7473 if secure else 7474}/browser/"


def cypher_literal(value: Any) -> str:
    """A parameter value as a Cypher literal.

    >>> cypher_literal("渠县"), cypher_literal("it's"), cypher_literal(10), cypher_literal(False)
    ("'渠县'", "'it\\\\'s'", '10', 'false')
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return "'" + str(value).replace("\\", "\\\\").replace("'", "\\'") + "'"


def query_text(name: str, given: dict[str, str]) -> str:
    """The library query `name` with its parameters (given as text, defaults filled) written in as literals."""
    query = catalog.get(name)
    values = query.bind(given)
    body = "\n".join(line for line in query.text.splitlines() if not line.lstrip().startswith("//")).strip()
    for pname, value in values.items():
        body = re.sub(rf"\${pname}\b", lambda _m, v=value: cypher_literal(v), body)
    shown = ", ".join(f"${k} = {cypher_literal(v)}" for k, v in values.items())
    return f"// {query.title}\n// cypher/{name}.cypher" + (f" with {shown}" if shown else "") + "\n" + body


def query_url(base: str, name: str, given: dict[str, str], uri: Optional[str] = None, database: Optional[str] = None) -> str:
    """A Browser URL whose editor opens with the library query `name` (see query_text)."""
    url = f"{base}?cmd=edit&arg={quote(query_text(name, given), safe='')}"
    if uri:
        parts = urlsplit(uri)
        url += f"&dbms={quote(f'{parts.scheme}://{parts.hostname}' + (f':{parts.port}' if parts.port else ''), safe='')}"
    if database:
        url += f"&db={quote(database, safe='')}"
    return url


class BrowserLinks:
    """Browser links for one configured server; every method returns None when none is configured."""

    def __init__(self, uri: Optional[str], database: Optional[str] = None, override: Optional[str] = None):
        self.uri, self.database = uri, database
        self.base = browser_base(uri, override)

    def __bool__(self) -> bool:
        return self.base is not None

    def query(self, name: str, **given: str) -> Optional[str]:
        return query_url(self.base, name, given, self.uri, self.database) if self.base else None

    def disclosure(self, disclosure_id: str) -> Optional[str]:
        """The disclosure's flow, stage by stage (= lineage trace)."""
        return self.query("flow_trace", disclosure=disclosure_id)

    def finding(self, code: str, disclosure_id: str, found: Optional[str] = None) -> Optional[str]:
        """The query that shows what a finding is about: its rule family's query, else where its amount is printed."""
        family = code[:2]
        if family == "GR":
            return self.query("node_imbalance", disclosure=disclosure_id)
        if family == "DC":
            return self.query("double_counts", disclosure=disclosure_id)
        if family == "OR":
            return self.query("orphans", disclosure=disclosure_id)
        if found is not None:
            return self.query("amount_to_source", amount=found, unit=disclosure_id)
        return self.query("disclosures", disclosure=disclosure_id)

    def compare(self, a: str, b: str) -> Optional[str]:
        return self.query("compare_units_function", a=a, b=b)

    def projects(self, limit: int, disclosure: str = "") -> Optional[str]:
        return self.query("largest_projects", limit=str(limit), disclosure=disclosure)
