"""Neo4j Browser links: the editor text a link carries is the library query with its parameters written in
as literals. Run on the Bolt test server it returns exactly what the parameterised query returns, and it
passes Neo4j's own parser."""

from __future__ import annotations

import subprocess
from urllib.parse import parse_qs, urlsplit

import pytest

from lineage.neo4jdb import catalog
from lineage.neo4jdb.browser_links import BrowserLinks, query_text

from tests.neo4j.test_cypher_lint import LINT_DIR, lint  # noqa: F401  (the fixture)
from tests.neo4j.test_queries import EXAMPLES


def test_a_link_opens_browser_beside_the_bolt_server_with_the_query_in_its_editor():
    links = BrowserLinks("neo4j://db.example.org:7687", database="budgets", override="")
    url = links.disclosure("2024/渠县科学技术协会/部门预算")
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("http", "db.example.org:7474", "/browser/")
    query = parse_qs(parts.query)
    assert query["cmd"] == ["edit"] and query["dbms"] == ["neo4j://db.example.org:7687"] and query["db"] == ["budgets"]
    editor = query["arg"][0]
    assert editor.startswith("// A disclosure's full flow trace")
    assert "d.id = '2024/渠县科学技术协会/部门预算'" in editor and "$disclosure" not in editor.split("\n", 2)[2]
    assert not BrowserLinks(None, override="") and BrowserLinks(None, override="").disclosure("x") is None


def test_findings_link_to_their_rule_familys_query():
    links = BrowserLinks("bolt://localhost:7687", override="")
    editor = lambda url: parse_qs(urlsplit(url).query)["arg"][0]  # noqa: E731
    assert "cypher/node_imbalance.cypher" in editor(links.finding("GR01", "d"))
    assert "cypher/double_counts.cypher" in editor(links.finding("DC01", "d"))
    assert "cypher/orphans.cypher" in editor(links.finding("OR01", "d"))
    assert "'143.09'" in editor(links.finding("BL02", "d", "143.09"))


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_the_linked_text_returns_what_the_parameterised_query_returns(name, seeds_in_neo4j, neo4j_driver, neo4j_server):
    q = catalog.get(name)
    run = lambda text, params: [r.data() for r in neo4j_driver.execute_query(text, params, database_=neo4j_server.database)[0]]  # noqa: E731
    expected = run(q.text, q.bind(EXAMPLES[name]))
    assert run(query_text(name, EXAMPLES[name]), {}) == expected


def test_the_linked_texts_pass_neo4js_parser(lint, tmp_path):  # noqa: F811  (lint: skips or fails without the linter)
    files = []
    for name, given in EXAMPLES.items():
        path = tmp_path / f"{name}.cypher"
        path.write_text(query_text(name, given) + "\n", encoding="utf-8")
        files.append(str(path))
    # its own run, not lint(): 13 s of CPU for the ten files, which a busy machine stretches past lint()'s 60 s
    result = subprocess.run(["node", str(LINT_DIR / "lint.mjs"), *files], capture_output=True, text=True, timeout=600)
    assert (result.returncode, result.stdout) == (0, "")
