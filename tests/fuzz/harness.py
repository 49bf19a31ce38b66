"""Everything a user can do with one file, and what counts as a crash.

A crash is any exception other than InputError (the one-line "this file cannot
be read" every command turns into exit 2), and any command exit code other
than 0, 1 or 2: 3 is the internal-error code of cli/crash.py.
"""

from __future__ import annotations

import shutil
import tempfile
import traceback
from pathlib import Path
from typing import Optional

from click.testing import CliRunner

from lineage.checks import run_checks
from lineage.graph import build_graph
from lineage.graph.projects import largest_projects
from lineage.graph.trace import trace
from lineage.neo4jdb.csv_export import CsvExport
from lineage.neo4jdb.rows import disclosure_rows
from lineage.parse.disclosure import parse_file
from lineage.read import InputError
from lineage.report.compare import compare
from lineage.report.jsonable import dumps
from lineage.report.parse_view import disclosure_json
from lineage.store import Store
from lineage_cli.main import cli


def exercise(path: Path, work: Path, with_cli: bool = True) -> str:
    """Parse, check, report, graph, trace, compare, store, export one file.

    Returns "read", or "refused" when the file is not a readable disclosure
    (InputError: a fine answer). Raises on anything else.
    """
    if with_cli:
        result = CliRunner().invoke(cli, ["check", str(path), "--format", "json"])
        if result.exit_code not in (0, 1, 2):
            raise AssertionError(f"lineage check exited {result.exit_code}: {result.output[-500:]}") from (
                result.exception if not isinstance(result.exception, SystemExit) else None)
    try:
        d = parse_file(path)
    except InputError:
        return "refused"
    findings = run_checks(d)
    dumps(disclosure_json(d))
    g = build_graph([d])
    try:
        trace(g, d.id)
    except KeyError:
        pass  # no 收入 pool: trace reports "nothing to trace" for it
    largest_projects(g)
    compare([d, d])
    rows = disclosure_rows(d, findings)
    out = work / "csv"
    out.mkdir()
    try:
        export = CsvExport(out)
        export.add(rows, str(path))
        export.finish()
    finally:
        shutil.rmtree(out)
    with Store(work / "store.db", create=True) as st:
        st.put(d, findings)
        st.get(d.id)
    return "read"


def outcome(name: str, data: bytes, with_cli: bool = True) -> tuple[str, Optional[str]]:
    """("read" | "refused", None) when the file is handled; ("crash", traceback) when not.

    A PDF is read once, without the CLI: reading one takes 50 times as long as a text seed.
    """
    with_cli = with_cli and not name.endswith(".pdf")
    with tempfile.TemporaryDirectory(prefix="lineage-fuzz-") as tmp:
        path = Path(tmp) / (name if name.endswith(".pdf") else Path(name).stem + ".txt")
        path.write_bytes(data)
        try:
            return exercise(path, Path(tmp), with_cli), None
        except Exception:  # noqa: BLE001 - a fuzzer reports every kind of failure
            return "crash", traceback.format_exc()
