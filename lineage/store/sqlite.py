"""A single-file store: one row per disclosure, replaced whole on reload.

SQLite (standard library) gives atomic transactions for free: a load that
fails half-way leaves the previous state. A disclosure is keyed by its id
(year/unit/kind), so loading a corrected version of a file replaces the old
one; loading an identical file (same sha256) changes nothing — unless the
findings were computed by another version of the parser and rules
(`checks_version`): then they are stale, and both `put` and `get` check the
disclosure again (re-parsing the file when it is still there unchanged)
rather than serve old messages.
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path
from typing import Iterator, Optional

from lineage.checks.finding import Finding
from lineage.checks.registry import checks_version
from lineage.model import Disclosure

DEFAULT_STORE = "lineage.db"
ENV_STORE = "LINEAGE_STORE"

SCHEMA = """
CREATE TABLE IF NOT EXISTS disclosures (
    id TEXT PRIMARY KEY,
    unit_name TEXT NOT NULL,
    unit_code TEXT,
    year INTEGER,
    path TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    loaded_at TEXT NOT NULL DEFAULT (datetime('now')),
    disclosure_json TEXT NOT NULL,
    findings_json TEXT NOT NULL,
    checked_with TEXT
);
"""


def store_path(option: Optional[str]) -> Path:
    """--store, else $LINEAGE_STORE, else lineage.db in the working directory."""
    return Path(option or os.environ.get(ENV_STORE) or DEFAULT_STORE)


class Store:
    def __init__(self, path: Path):
        self.path = path
        self.db = sqlite3.connect(path)
        self.db.executescript(SCHEMA)
        columns = {r[1] for r in self.db.execute("PRAGMA table_info(disclosures)")}
        if "checked_with" not in columns:  # a store written before findings were keyed on the tool's version
            with self.db:
                self.db.execute("ALTER TABLE disclosures ADD COLUMN checked_with TEXT")

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def put(self, d: Disclosure, findings: list[Finding]) -> str:
        """Store a disclosure; returns "unchanged", "replaced" or "added"."""
        row = self.db.execute("SELECT sha256, checked_with FROM disclosures WHERE id = ?", (d.id,)).fetchone()
        if row and row[0] == d.source.sha256 and row[1] == checks_version():
            return "unchanged"
        self._write(d, findings)
        return "replaced" if row else "added"

    def _write(self, d: Disclosure, findings: list[Finding]) -> None:
        with self.db:
            self.db.execute(
                "INSERT OR REPLACE INTO disclosures"
                " (id, unit_name, unit_code, year, path, sha256, disclosure_json, findings_json, checked_with)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    d.id, d.unit_name, d.unit_code, d.year, d.source.path, d.source.sha256,
                    d.model_dump_json(), json.dumps([f.model_dump(mode="json") for f in findings], ensure_ascii=False),
                    checks_version(),
                ),
            )

    def ids(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT id FROM disclosures ORDER BY id")]

    def find(self, key: str) -> list[str]:
        """Disclosure ids matching an id, a unit name (or part of it), or a unit code."""
        rows = self.db.execute(
            "SELECT id FROM disclosures WHERE id = ? OR unit_code = ? OR unit_name LIKE ? ORDER BY id",
            (key, key, f"%{key}%"),
        )
        return [r[0] for r in rows]

    def get(self, disclosure_id: str) -> tuple[Disclosure, list[Finding]]:
        row = self.db.execute(
            "SELECT disclosure_json, findings_json, checked_with FROM disclosures WHERE id = ?", (disclosure_id,)
        ).fetchone()
        if row is None:
            raise KeyError(disclosure_id)
        d = Disclosure.model_validate_json(row[0])
        if row[2] != checks_version():
            return self._recheck(d)
        return d, [Finding.model_validate(f) for f in json.loads(row[1])]

    def _recheck(self, d: Disclosure) -> tuple[Disclosure, list[Finding]]:
        """Findings of another tool version: parse the file again if it is unchanged, else
        check the stored disclosure again; store the result."""
        from lineage.checks import run_checks
        from lineage.checks.context import source_lines

        if source_lines(d) is not None:
            from lineage.parse.disclosure import parse_file

            fresh = parse_file(d.source.path)
            if fresh.id == d.id:
                d = fresh
        findings = run_checks(d)
        self._write(d, findings)
        return d, findings

    def all(self) -> Iterator[tuple[Disclosure, list[Finding]]]:
        for i in self.ids():
            yield self.get(i)
