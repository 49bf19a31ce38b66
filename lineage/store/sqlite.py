"""A single-file store: one row per disclosure, replaced whole on reload.

SQLite (standard library) gives atomic transactions for free: a load that
fails half-way leaves the previous state of every disclosure it had not yet
written. A disclosure is keyed by its id (year/unit/kind), so loading a
corrected version of a file replaces the old one; loading an identical file
(same sha256) changes nothing.

Built for a province's worth of disclosures (tens of thousands):
- The parsed disclosure and its findings are stored as zlib-compressed JSON:
  their JSON is 5-8 times the input text (mostly repeated keys and the
  ambiguous rows' candidate lists), compressed it is about half of it.
- Summary columns (names, file, counts by severity, tables, 支出合计) answer
  the reports that need no whole document (`check`, `load`'s summary) without
  decompressing or validating one.
- A `Record` (one row, blobs already compressed) is built where the disclosure
  was parsed, in a worker process; the one writer only inserts it, in batches
  (`batch`), with the write-ahead log so readers are not blocked.
Schema changes bump `SCHEMA_VERSION` (SQLite's user_version); an older store
is migrated in place, in one transaction, when opened.
"""

from __future__ import annotations

import json
import os
import sqlite3
import zlib
from dataclasses import astuple, dataclass, fields
from pathlib import Path
from typing import Iterable, Iterator, Optional

from lineage.checks.finding import Finding
from lineage.model import Disclosure
from lineage.results import Checked, Summary, summary_values

DEFAULT_STORE = "lineage.db"
ENV_STORE = "LINEAGE_STORE"
SCHEMA_VERSION = 2

SCHEMA = """
CREATE TABLE IF NOT EXISTS disclosures (
    id TEXT PRIMARY KEY,
    unit_name TEXT NOT NULL,
    unit_code TEXT,
    year INTEGER,
    kind TEXT NOT NULL,
    amount_unit TEXT NOT NULL,
    path TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    tables INTEGER NOT NULL,          -- tables read
    total TEXT,                       -- 支出合计 as printed (部门支出总表's total row), in amount_unit
    errors INTEGER NOT NULL,          -- findings by severity
    warnings INTEGER NOT NULL,
    infos INTEGER NOT NULL,
    disclosure BLOB NOT NULL,         -- zlib(Disclosure JSON)
    findings BLOB NOT NULL,           -- zlib(JSON list of findings)
    loaded_at TEXT NOT NULL DEFAULT (datetime('now'))
);
"""


def store_path(option: Optional[str]) -> Path:
    """--store, else $LINEAGE_STORE, else lineage.db in the working directory."""
    return Path(option or os.environ.get(ENV_STORE) or DEFAULT_STORE)


@dataclass(frozen=True)
class Record(Summary):
    """One stored disclosure, ready to insert: the summary columns and the compressed documents (picklable)."""

    disclosure: bytes  # zlib(Disclosure JSON)
    findings: bytes  # zlib(JSON list of findings)

    @classmethod
    def of(cls, d: Disclosure, findings: list[Finding]) -> "Record":
        return cls(
            *summary_values(d, findings),
            _pack(d.model_dump_json()),
            _pack(json.dumps([f.model_dump(mode="json") for f in findings], ensure_ascii=False)),
        )

    def summary(self) -> Summary:
        """The summary columns alone (what a caller keeps once the record is written)."""
        return Summary(*(getattr(self, f.name) for f in fields(Summary)))


COLUMNS = [f.name for f in fields(Record)]


def _pack(text: str) -> bytes:
    return zlib.compress(text.encode("utf-8"), 6)


def _unpack(blob: bytes) -> str:
    return zlib.decompress(blob).decode("utf-8")


def _findings(blob: bytes) -> list[Finding]:
    return [Finding.model_validate(f) for f in json.loads(_unpack(blob))]


class Store:
    def __init__(self, path: Path):
        self.path = path
        self.db = sqlite3.connect(path)
        self.db.execute("PRAGMA journal_mode=WAL")  # one writer, readers never blocked; fewer fsyncs per batch
        self.db.execute("PRAGMA synchronous=NORMAL")  # WAL stays consistent on power loss; last batch may be lost
        self._migrate()

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _migrate(self) -> None:
        """Create the schema, or bring an older store up to this version in one transaction."""
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version == SCHEMA_VERSION:
            return
        if version > SCHEMA_VERSION:
            raise sqlite3.DatabaseError(f"{self.path}: made by a newer version of lineage (store schema {version})")
        columns = {r[1] for r in self.db.execute("PRAGMA table_info(disclosures)")}
        self.db.execute("BEGIN")
        try:
            if "disclosure_json" in columns:  # version 1: documents as plain JSON, no summary columns
                self._from_v1()
            else:
                self.db.execute(SCHEMA)
            self.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        if "disclosure_json" in columns:
            self.db.execute("VACUUM")  # give back the old plain-JSON pages

    def _from_v1(self) -> None:
        self.db.execute("ALTER TABLE disclosures RENAME TO disclosures_v1")
        self.db.execute(SCHEMA)
        old = self.db.execute("SELECT disclosure_json, findings_json, loaded_at FROM disclosures_v1").fetchall()
        for disclosure_json, findings_json, loaded_at in old:
            d = Disclosure.model_validate_json(disclosure_json)
            record = Record.of(d, [Finding.model_validate(f) for f in json.loads(findings_json)])
            self._insert(record)
            self.db.execute("UPDATE disclosures SET loaded_at = ? WHERE id = ?", (loaded_at, record.id))
        self.db.execute("DROP TABLE disclosures_v1")

    def _insert(self, record: Record) -> None:
        self.db.execute(
            f"INSERT OR REPLACE INTO disclosures ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})",
            astuple(record),
        )

    def put(self, d: Disclosure | Record, findings: list[Finding] | None = None) -> str:
        """Store a disclosure (or a ready Record) and commit; returns "unchanged", "replaced" or "added"."""
        outcome = self._put(d if isinstance(d, Record) else Record.of(d, findings or []))
        self.db.commit()
        return outcome

    def batch(self, records: Iterable[Record], size: int = 200) -> Iterator[tuple[Record, str]]:
        """Put records, committing every `size` of them and at the end: (record, outcome) as each is put.

        A load interrupted half-way keeps every disclosure of the batches committed before it.
        """
        try:
            for n, record in enumerate(records, 1):
                yield record, self._put(record)
                if n % size == 0:
                    self.db.commit()
        finally:
            self.db.commit()

    def _put(self, record: Record) -> str:
        row = self.db.execute("SELECT sha256 FROM disclosures WHERE id = ?", (record.id,)).fetchone()
        if row and row[0] == record.sha256:
            return "unchanged"
        self._insert(record)
        return "replaced" if row else "added"

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
            "SELECT disclosure, findings FROM disclosures WHERE id = ?", (disclosure_id,)
        ).fetchone()
        if row is None:
            raise KeyError(disclosure_id)
        return Disclosure.model_validate_json(_unpack(row[0])), _findings(row[1])

    def all(self) -> Iterator[tuple[Disclosure, list[Finding]]]:
        for i in self.ids():
            yield self.get(i)

    def reports(self, ids: list[str] | None = None) -> Iterator[Checked]:
        """Each disclosure's findings (all, or those of `ids` in that order) without decompressing a disclosure."""
        query = "SELECT id, unit_name, year, path, findings FROM disclosures"
        if ids is None:
            rows = self.db.execute(query + " ORDER BY id")
        else:
            rows = (self.db.execute(query + " WHERE id = ?", (i,)).fetchone() for i in ids)
        for i, unit_name, year, path, findings in rows:
            yield Checked(i, unit_name, year, path, _findings(findings))
