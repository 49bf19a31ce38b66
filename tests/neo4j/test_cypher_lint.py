"""tools/cypher-lint/lint.mjs: Neo4j's own parser over .cypher files.

Needs Node.js and `npm ci` in tools/cypher-lint; skipped without them unless
LINEAGE_REQUIRE_NEO4J_TESTS=1 (CI), where a missing linter is a failure.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

LINT_DIR = Path(__file__).resolve().parents[2] / "tools" / "cypher-lint"
FIXTURES = LINT_DIR / "fixtures"


@pytest.fixture(scope="module")
def lint(missing):
    installed = (LINT_DIR / "node_modules" / "@neo4j-cypher" / "language-support").is_dir()
    if shutil.which("node") is None or not installed:
        missing("the Cypher linter needs node and `npm ci` in tools/cypher-lint")

    def run(*files: Path | str) -> subprocess.CompletedProcess:
        return subprocess.run(
            ["node", str(LINT_DIR / "lint.mjs"), *map(str, files)], capture_output=True, text=True, timeout=60
        )

    return run


def test_a_clean_file_with_comments_parameters_and_two_statements_passes(lint):
    result = lint(FIXTURES / "good.cypher")
    assert (result.returncode, result.stdout) == (0, "")


def test_each_diagnostic_is_reported_at_its_line_and_column(lint):
    bad = FIXTURES / "bad.cypher"
    result = lint(bad)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    # bad.cypher line 5 is "RETRN p.name;", line 6 "MATCH (p:Project) RETURN q;" (q at column 26)
    assert lines[0].startswith(f"{bad}:5:1: error: Invalid input 'RETRN'")
    assert f"{bad}:6:26: error: Variable `q` not defined" in lines


def test_console_commands_are_errors_and_usage_errors_exit_2(lint, tmp_path):
    console = tmp_path / "console.cypher"
    console.write_text(':param unit => "x";\nRETURN $unit;\n', encoding="utf-8")
    result = lint(console)
    assert result.returncode == 1 and f"{console}:1:1: error:" in result.stdout
    assert lint().returncode == 2
    assert lint(tmp_path / "missing.cypher").returncode == 2


def test_the_loaders_own_statements_pass_neo4js_parser(lint, tmp_path, parsed):
    """The Cypher the loader builds (schema, the one statement per disclosure) is Neo4j 5 Cypher too, not just ArcadeDB's."""
    from lineage.checks import run_checks
    from lineage.neo4jdb import loader, schema
    from lineage.neo4jdb.rows import disclosure_rows

    d = parsed("001")
    write, _ = loader.write_statement(disclosure_rows(d, run_checks(d)))
    statements = [*schema.STATEMENTS, write]
    target = tmp_path / "loader.cypher"
    target.write_text(";\n".join(statements) + ";\n", encoding="utf-8")
    result = lint(target)
    assert (result.returncode, result.stdout) == (0, "")


def test_every_library_query_names_only_labels_types_and_properties_the_loader_writes(lint, tmp_path, parsed):
    """Linted against the schema of the seeds as loaded, a misspelt label or property is a diagnostic."""
    import json

    from lineage.checks import run_checks
    from lineage.neo4jdb.rows import disclosure_rows

    labels, types, keys = set(), set(), set()
    for number in ("000", "001", "002", "003", "004"):
        d = parsed(number)
        rows = disclosure_rows(d, run_checks(d))
        for label, nodes in rows.nodes.items():
            labels.add(label)
            keys.update(k for node in nodes for k in node)
        for rels in rows.rels:
            types.add(rels.type)
            keys.update(k for rel in rels.rows for k in rel["props"])
    schema = tmp_path / "schema.json"
    schema.write_text(json.dumps({"labels": sorted(labels), "relationshipTypes": sorted(types),
                                  "propertyKeys": sorted(keys)}), encoding="utf-8")
    queries = sorted((LINT_DIR.parents[1] / "cypher").glob("*.cypher"))
    assert queries
    result = lint("--schema", schema, *queries)
    assert (result.returncode, result.stdout) == (0, "")
    # and the check bites: a misspelt property and label are reported
    typo = tmp_path / "typo.cypher"
    typo.write_text("MATCH (p:Projet)-[f:FLOWS_TO]->() RETURN f.amountMinr\n", encoding="utf-8")
    result = lint("--schema", schema, typo)
    assert result.returncode == 1
    assert "Label Projet is not present in the database" in result.stdout
    assert "amountMinr is not present in the database" in result.stdout
