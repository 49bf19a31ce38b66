"""The query library's header format: what `lineage query` and the Browser guide read from cypher/*.cypher."""

from __future__ import annotations

import pytest

from lineage.neo4jdb import catalog

TEXT = """// Title: Largest projects
// The projects with the most money.
// Param: $limit int = 10 — at most this many
// Param: $disclosure string — a disclosure id or part of a unit name
// Param: $flagged bool = false — only projects without indicators
// Example: lineage query largest --param disclosure=渠县
MATCH (p:Project) RETURN p LIMIT $limit
"""


def test_the_header_gives_title_description_params_and_examples():
    q = catalog.parse_query("largest", TEXT)
    assert q.title == "Largest projects"
    assert q.description == "The projects with the most money."
    assert [(p.name, p.type, p.default) for p in q.params] == [
        ("limit", "int", "10"), ("disclosure", "string", None), ("flagged", "bool", "false")]
    assert q.examples == ("lineage query largest --param disclosure=渠县",)
    assert q.text == TEXT  # header comments are Cypher comments: the whole file runs


def test_bind_converts_texts_and_fills_defaults():
    q = catalog.parse_query("largest", TEXT)
    assert q.bind({"disclosure": "渠县", "limit": "3"}) == {"limit": 3, "disclosure": "渠县", "flagged": False}
    assert q.bind({"disclosure": "x' OR 1=1 //", "flagged": "TRUE"})["flagged"] is True


@pytest.mark.parametrize("given, message", [
    ({}, "parameter disclosure is required"),
    ({"disclosure": "a", "limit": "ten"}, "--param limit=ten: expected int"),
    ({"disclosure": "a", "flagged": "yes"}, "--param flagged=yes: expected bool"),
    ({"disclosure": "a", "limt": "3"}, "unknown parameter limt (takes: limit, disclosure, flagged)"),
])
def test_bind_errors_name_the_parameter(given, message):
    with pytest.raises(catalog.QueryError, match=message.replace("(", r"\(").replace(")", r"\)")):
        catalog.parse_query("largest", TEXT).bind(given)


def test_a_header_without_title_or_with_an_unreadable_param_line_is_refused():
    with pytest.raises(catalog.QueryError, match="x.cypher: the header has no '// Title:' line"):
        catalog.parse_query("x", "// Param: $a string — a\nRETURN 1", "x.cypher")
    with pytest.raises(catalog.QueryError, match="cannot read the parameter line"):
        catalog.parse_query("x", "// Title: t\n// Param: limit int\nRETURN 1", "x.cypher")


def test_every_file_in_cypher_has_a_readable_header_and_an_example_per_query():
    queries = catalog.all_queries()
    assert queries, "cypher/ holds no query"
    for q in queries:
        assert q.examples, f"{q.file}: no '// Example:' line"
        assert any(f"lineage query {q.name}" in e for e in q.examples), f"{q.file}: no 'lineage query {q.name}' example"


def test_get_names_the_known_queries_when_the_name_is_wrong():
    with pytest.raises(catalog.QueryError, match="no query named 'nope' in cypher/ \\(known: .*flow_trace"):
        catalog.get("nope")
