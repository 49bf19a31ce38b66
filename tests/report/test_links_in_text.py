"""With a Neo4j server configured (NEO4J_URI), the text reports end with Neo4j Browser links, one per line;
without one they print none."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from click.testing import CliRunner

from lineage_cli.main import cli


def _links(seeds_store, monkeypatch, *args: str, uri: str | None = "neo4j://localhost:7687") -> list[str]:
    monkeypatch.delenv("NEO4J_BROWSER_URL", raising=False)
    if uri:
        monkeypatch.setenv("NEO4J_URI", uri)
    else:
        monkeypatch.delenv("NEO4J_URI", raising=False)
    result = CliRunner().invoke(cli, [*args, "--store", str(seeds_store)])
    assert result.exit_code in (0, 1), result.output
    return [line for line in result.stdout.splitlines() if line.startswith("Neo4j Browser · ")]


def _editor(line: str) -> str:
    return parse_qs(urlsplit(line.split(": ", 1)[1]).query)["arg"][0]


def test_trace_compare_projects_and_check_print_the_matching_query(seeds_store, monkeypatch):
    (trace,) = _links(seeds_store, monkeypatch, "trace", "渠县")
    assert trace.startswith("Neo4j Browser · flow_trace: http://localhost:7474/browser/?cmd=edit&arg=")
    assert "cypher/flow_trace.cypher with $disclosure = '2024/渠县科学技术协会/部门预算'" in _editor(trace)
    (compare,) = _links(seeds_store, monkeypatch, "compare", "渠县", "凉山州")
    assert "$a = '2024/渠县科学技术协会/部门预算', $b = '2024/凉山州科学技术协会/部门预算'" in _editor(compare)
    (projects,) = _links(seeds_store, monkeypatch, "projects", "--limit", "3")
    assert "cypher/largest_projects.cypher with $limit = 3, $disclosure = ''" in _editor(projects)
    check = _links(seeds_store, monkeypatch, "check", "渠县", "凉山州")
    assert [line.split(" (", 1)[1].split(")")[0] for line in check] == ["2024/渠县科学技术协会/部门预算", "2024/凉山州科学技术协会/部门预算"]
    assert _links(seeds_store, monkeypatch, "trace", "渠县", uri=None) == []
    assert _links(seeds_store, monkeypatch, "check", "渠县", uri=None) == []
