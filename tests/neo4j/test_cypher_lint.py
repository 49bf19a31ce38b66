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
    """The Cypher the loader builds (schema, delete, UNION ALL writes) is Neo4j 5 Cypher too, not just ArcadeDB's."""
    from lineage.checks import run_checks
    from lineage.neo4jdb import loader, schema
    from lineage.neo4jdb.rows import disclosure_rows

    d = parsed("001")
    writes = [statement for statement, _ in loader.write_statements(disclosure_rows(d, run_checks(d)))]
    assert len(writes) == 2  # all labels in one statement, all relationship shapes in another
    statements = [*schema.STATEMENTS, loader.DELETE, *writes]
    target = tmp_path / "loader.cypher"
    target.write_text(";\n".join(statements) + ";\n", encoding="utf-8")
    result = lint(target)
    assert (result.returncode, result.stdout) == (0, "")
