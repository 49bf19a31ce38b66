"""A single-file store: one row per disclosure, replaced whole on reload.

SQLite (standard library) gives atomic transactions for free: a load that
fails half-way leaves the previous state. A disclosure is keyed by its id
(year/unit/kind), so loading a corrected version of a file replaces the old
one; loading an identical file (same sha256) changes nothing — unless its
findings were computed by another version of the parser and rules
(`checks_version`): then they are stale. `put` stores the new findings, and
`get` checks the disclosure again (re-parsing the file when it is still there
unchanged) rather than serve old messages, writing the result back when the
store is open for writing.

Only `lineage load` creates a store (`create=True`); every other command opens
an existing one read-only, so a mistyped name never leaves an empty
lineage.db behind. Whatever goes wrong with the file (not a database, damaged,
read-only, in a missing folder, a stored row that no longer reads) is a
StoreError: one line naming the store, never a traceback.
"""

from __future__ import annotations

import json
import os
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional

from pydantic import ValidationError

from lineage.checks.finding import Finding
from lineage.checks.registry import checks_version
from lineage.model import Disclosure
from lineage.read import InputError

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


class StoreError(InputError):
    """The store file cannot be used; the message names it and says why in one line."""


def _reason(exc: sqlite3.Error) -> str:
    """What an SQLite error means for the user of a store file."""
    text = str(exc)
    if "not a database" in text:
        return "not a lineage store (the file is not an SQLite database)"
    if "malformed" in text or "corrupt" in text:
        return "the store file is damaged (truncated or overwritten); load the files again into a new store"
    if "readonly" in text or "read-only" in text:
        return "the store is read-only: cannot write to it"
    if "unable to open" in text:
        return "cannot open the store (its folder is missing or not writable)"
    if "locked" in text or "busy" in text:
        return "the store is locked by another process; try again when it has finished"
    return f"the store cannot be used ({text})"


class Store:
    def __init__(self, path: Path, create: bool = False):
        """Open the store at `path`; `create` (lineage load) makes it if missing, else it must exist."""
        self.path = path
        name = str(path)
        if path.is_dir():
            raise StoreError(name, "is a folder, not a store file")
        if not create and not path.exists():
            raise StoreError(name, "no such store; run lineage load PATH first (or give --store or $LINEAGE_STORE)")
        if create and not path.parent.is_dir():
            raise StoreError(name, f"cannot create the store: folder {path.parent} does not exist")
        with self._errors():
            if create:
                self.db = sqlite3.connect(path)
                self.db.executescript(SCHEMA)
            else:
                self.db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
            tables = {r[0] for r in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "disclosures" not in tables:
            self.db.close()
            raise StoreError(name, "not a lineage store (an SQLite database without its disclosures table)")
        self.writable = create
        with self._errors():
            columns = {r[1] for r in self.db.execute("PRAGMA table_info(disclosures)")}
            self.versioned = "checked_with" in columns
            if create and not self.versioned:  # a store written before findings were keyed on the tool's version
                with self.db:
                    self.db.execute("ALTER TABLE disclosures ADD COLUMN checked_with TEXT")
                self.versioned = True
        # (id, file it came from before, file that replaced it) for each replacement by a different file
        self.replaced_files: list[tuple[str, str, str]] = []

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as exc:
            raise StoreError(str(self.path), _reason(exc)) from None

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def put(self, d: Disclosure, findings: list[Finding]) -> str:
        """Store a disclosure; returns "unchanged", "replaced" or "added"."""
        with self._errors():
            return self._put(d, findings)

    def _put(self, d: Disclosure, findings: list[Finding]) -> str:
        row = self.db.execute("SELECT sha256, path, checked_with FROM disclosures WHERE id = ?", (d.id,)).fetchone()
        if row and row[0] == d.source.sha256 and row[2] == checks_version():
            return "unchanged"
        if row and Path(row[1]).resolve() != Path(d.source.path).resolve():
            self.replaced_files.append((d.id, row[1], d.source.path))
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
        with self._errors():
            return [r[0] for r in self.db.execute("SELECT id FROM disclosures ORDER BY id")]

    def find(self, key: str) -> list[str]:
        """Disclosure ids matching an id, a unit name (or part of it), or a unit code."""
        with self._errors():
            rows = self.db.execute(
                "SELECT id FROM disclosures WHERE id = ? OR unit_code = ? OR unit_name LIKE ? ORDER BY id",
                (key, key, f"%{key}%"),
            ).fetchall()
        return [r[0] for r in rows]

    def get(self, disclosure_id: str) -> tuple[Disclosure, list[Finding]]:
        version = "checked_with" if self.versioned else "NULL"
        with self._errors():
            row = self.db.execute(
                f"SELECT disclosure_json, findings_json, {version} FROM disclosures WHERE id = ?", (disclosure_id,)
            ).fetchone()
        if row is None:
            raise KeyError(disclosure_id)
        try:
            d = Disclosure.model_validate_json(row[0])
            if row[2] != checks_version():
                return self._recheck(d)
            return d, [Finding.model_validate(f) for f in json.loads(row[1])]
        except (ValidationError, ValueError, TypeError) as exc:
            first = str(exc).splitlines()[0]
            raise StoreError(str(self.path), f"stored disclosure {disclosure_id} is damaged ({first}); "
                                             "load its file again") from None

    def _recheck(self, d: Disclosure) -> tuple[Disclosure, list[Finding]]:
        """Findings of another tool version: parse the file again if it is there unchanged,
        else check the stored disclosure again; keep the result when the store is writable."""
        from lineage.checks import run_checks
        from lineage.checks.context import source_lines

        if source_lines(d) is not None:
            from lineage.parse.disclosure import parse_file

            try:
                fresh = parse_file(d.source.path)
            except InputError:
                fresh = d
            if fresh.id == d.id:
                d = fresh
        findings = run_checks(d)
        if self.writable:
            with self._errors():
                self._write(d, findings)
        return d, findings

    def all(self) -> Iterator[tuple[Disclosure, list[Finding]]]:
        for i in self.ids():
            yield self.get(i)
