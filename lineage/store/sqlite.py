"""A single-file store: one row per disclosure, replaced whole on reload.

SQLite (standard library) gives atomic transactions for free: a load that
fails half-way leaves the previous state of every disclosure it had not yet
written. A disclosure is keyed by its id (year/unit/kind), so loading a
corrected version of a file replaces the old one; loading an identical file
(same sha256) changes nothing — unless its findings were computed by another
version of the parser and rules (`checks_version`, kept in `checked_with`):
then they are stale. `put` replaces them, and `get`/`reports` check the
disclosure again (re-parsing the file when it is still there unchanged)
rather than serve old messages, writing the result back when the store is
open for writing.

Only `lineage load` creates a store (`create=True`); every other command opens
an existing one read-only, so a mistyped name never leaves an empty
lineage.db behind. Whatever goes wrong with the file (not a database, damaged,
read-only, in a missing folder, a stored row that no longer reads) is a
StoreError: one line naming the store, never a traceback.

Built for a province's worth of disclosures (tens of thousands):
- The parsed disclosure and its findings are stored as zlib-compressed JSON:
  their JSON is 5-8 times the input text (mostly repeated keys and the
  ambiguous rows' candidate lists), compressed it is about half of it.
- Summary columns (names, file, counts by severity, tables, 支出合计) answer
  the reports that need no whole document (`check`, `load`'s summary) without
  decompressing or validating one.
- A `Record` (one row, blobs already compressed) is built where the disclosure
  was parsed, in a worker process; the one writer only inserts it, in batches
  (`batch`), with the write-ahead log while it writes.
Schema changes bump `SCHEMA_VERSION` (SQLite's user_version); an older store
is migrated in place, in one transaction, when opened.
"""

from __future__ import annotations

import os
import sqlite3
import zlib
from contextlib import contextmanager
from dataclasses import astuple, dataclass, fields
from pathlib import Path
from typing import Iterable, Iterator, Optional

from pydantic import TypeAdapter, ValidationError

from lineage.checks.finding import Finding
from lineage.checks.registry import checks_version
from lineage.model import Disclosure
from lineage.read import InputError
from lineage.results import Checked, Summary, summary_values

DEFAULT_STORE = "lineage.db"
ENV_STORE = "LINEAGE_STORE"
SCHEMA_VERSION = 3  # 3: checked_with, the checks_version() the findings were computed with

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
    loaded_at TEXT NOT NULL DEFAULT (datetime('now')),
    checked_with TEXT                 -- checks_version() of the findings; another value: stale
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


@dataclass(frozen=True)
class Record(Summary):
    """One stored disclosure, ready to insert: the summary columns and the compressed documents (picklable)."""

    disclosure: bytes  # zlib(Disclosure JSON)
    findings: bytes  # zlib(JSON list of findings)

    @classmethod
    def of(cls, d: Disclosure, findings: list[Finding]) -> "Record":
        return cls(
            *summary_values(d, findings),
            _pack(d.__pydantic_serializer__.to_json(d)),
            _pack(FINDINGS.dump_json(findings)),
        )

    def summary(self) -> Summary:
        """The summary columns alone (what a caller keeps once the record is written)."""
        return Summary(*(getattr(self, f.name) for f in fields(Summary)))


COLUMNS = [f.name for f in fields(Record)]


# Findings to and from JSON bytes in pydantic's core, not a Python dict per finding.
FINDINGS = TypeAdapter(list[Finding])


def _pack(data: bytes | str) -> bytes:
    # Level 1: half the CPU of the default level 6 for 20% more bytes (the seeds: 0.45× their text, not 0.37×).
    return zlib.compress(data.encode("utf-8") if isinstance(data, str) else data, 1)


class Store:
    def __init__(self, path: Path, create: bool = False):
        """Open the store at `path`; `create` (lineage load) makes it if missing, else it must exist."""
        self.path = path
        name = str(path)
        try:
            if path.is_dir():
                raise StoreError(name, "is a folder, not a store file")
            if not create and not path.exists():
                raise StoreError(name, "no such store; run lineage load PATH first (or give --store or $LINEAGE_STORE)")
            if create and not path.parent.is_dir():
                raise StoreError(name, f"cannot create the store: folder {path.parent} does not exist")
        except OSError as exc:  # a name the system refuses to look up (too long, a folder without access)
            raise StoreError(name, f"cannot open the store ({exc.strerror})") from None
        self.create = create
        with self._errors():
            self.db = sqlite3.connect(path) if create else self._read_only()
            tables = {r[0] for r in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "disclosures" not in tables and (tables or not create):
                self.db.close()
                raise StoreError(name, "not a lineage store (an SQLite database without its disclosures table)")
            version = self.db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                self.db.close()
                raise StoreError(name, f"made by a newer version of lineage (store schema {version})")
            if version < SCHEMA_VERSION or create:
                if not create:  # an older store: migrate it once, then read it as before
                    self.db.close()
                    self.db = sqlite3.connect(path)
                self._migrate()
                if not create:
                    self.db.close()
                    self.db = self._read_only()
            if create:
                # One writer, in batches: the write-ahead log saves a journal write and fsync per batch.
                self.db.execute("PRAGMA journal_mode=WAL")
                self.db.execute("PRAGMA synchronous=NORMAL")
        # (id, file it came from before, file that replaced it) for each replacement by a different file
        self.replaced_files: list[tuple[str, str, str]] = []

    def _read_only(self) -> sqlite3.Connection:
        return sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True)

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as exc:
            raise StoreError(str(self.path), _reason(exc)) from None

    def close(self) -> None:
        if self.create:
            with self._errors():
                self.db.execute("PRAGMA journal_mode=DELETE")  # back to one plain file for readers and copies
        self.db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _migrate(self) -> None:
        """Create the schema, or bring an older store up to this version in one transaction."""
        if self.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION:
            return
        columns = {r[1] for r in self.db.execute("PRAGMA table_info(disclosures)")}
        self.db.execute("BEGIN")
        try:
            if "disclosure_json" in columns:  # version 1: documents as plain JSON, no summary columns
                self._from_v1()
            elif columns and "checked_with" not in columns:  # version 2: findings of an unknown tool version
                self.db.execute("ALTER TABLE disclosures ADD COLUMN checked_with TEXT")
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
        old = self.db.execute("SELECT id, disclosure_json, findings_json, loaded_at FROM disclosures_v1").fetchall()
        for disclosure_id, disclosure_json, findings_json, loaded_at in old:
            d, findings = self._validated(disclosure_id, disclosure_json, findings_json)
            self._insert(Record.of(d, findings))
            self.db.execute("UPDATE disclosures SET loaded_at = ? WHERE id = ?", (loaded_at, d.id))
        self.db.execute("DROP TABLE disclosures_v1")

    def _insert(self, record: Record) -> None:
        self.db.execute(
            f"INSERT OR REPLACE INTO disclosures ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})",
            astuple(record),
        )

    def put(self, d: Disclosure | Record, findings: list[Finding] | None = None) -> str:
        """Store a disclosure (or a ready Record) and commit; returns "unchanged", "replaced" or "added"."""
        with self._errors():
            outcome = self._put(d if isinstance(d, Record) else Record.of(d, findings or []))
            self.db.commit()
        return outcome

    def batch(self, records: Iterable[Record], size: int = 200) -> Iterator[tuple[Record, str]]:
        """Put records, committing every `size` of them and at the end: (record, outcome) as each is put.

        A load interrupted half-way keeps every disclosure of the batches committed before it.
        """
        try:
            for n, record in enumerate(records, 1):
                with self._errors():
                    outcome = self._put(record)
                    if n % size == 0:
                        self.db.commit()
                yield record, outcome
        finally:
            with self._errors():
                self.db.commit()

    def _put(self, record: Record) -> str:
        row = self.db.execute("SELECT sha256, path, checked_with FROM disclosures WHERE id = ?", (record.id,)).fetchone()
        if row and row[0] == record.sha256:
            if row[2] == checks_version():
                return "unchanged"
            # the same file, checked by another version: new findings, same load time
            loaded_at = self.db.execute("SELECT loaded_at FROM disclosures WHERE id = ?", (record.id,)).fetchone()[0]
            self._insert(record)
            self.db.execute("UPDATE disclosures SET checked_with = ?, loaded_at = ? WHERE id = ?",
                            (checks_version(), loaded_at, record.id))
            return "replaced"
        if row and Path(row[1]).resolve() != Path(record.path).resolve():
            self.replaced_files.append((record.id, row[1], record.path))
        self._insert(record)
        self.db.execute("UPDATE disclosures SET checked_with = ? WHERE id = ?", (checks_version(), record.id))
        return "replaced" if row else "added"

    def ids(self) -> list[str]:
        with self._errors():
            return [r[0] for r in self.db.execute("SELECT id FROM disclosures ORDER BY id")]

    def find(self, key: str) -> list[str]:
        """Disclosure ids matching an id, a unit name (or part of it), or a unit code.

        % and _ in `key` are characters of the name, not SQL wildcards ("%" must not match every unit).
        """
        part = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        with self._errors():
            rows = self.db.execute(
                "SELECT id FROM disclosures WHERE id = ? OR unit_code = ? OR unit_name LIKE ? ESCAPE '\\' ORDER BY id",
                (key, key, f"%{part}%"),
            ).fetchall()
        return [r[0] for r in rows]

    def get(self, disclosure_id: str) -> tuple[Disclosure, list[Finding]]:
        with self._errors():
            row = self.db.execute(
                "SELECT disclosure, findings, checked_with FROM disclosures WHERE id = ?", (disclosure_id,)
            ).fetchone()
        if row is None:
            raise KeyError(disclosure_id)
        d, findings = self._validated(disclosure_id, row[0], row[1])
        if row[2] != checks_version():
            return self._recheck(d)  # type: ignore[arg-type]
        return d, findings  # type: ignore[return-value]

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
        if self.create:
            with self._errors():
                self._put(Record.of(d, findings))
                self.db.commit()
        return d, findings

    def all(self) -> Iterator[tuple[Disclosure, list[Finding]]]:
        for i in self.ids():
            yield self.get(i)

    def reports(self, ids: list[str] | None = None) -> Iterator[Checked]:
        """Each disclosure's findings (all, or those of `ids` in that order) without decompressing a disclosure."""
        query = "SELECT id, unit_name, year, path, findings, checked_with FROM disclosures"
        # One row at a time by id (a primary-key lookup each), never every row's findings at once.
        for disclosure_id in self.ids() if ids is None else ids:
            with self._errors():
                row = self.db.execute(query + " WHERE id = ?", (disclosure_id,)).fetchone()
            if row is None:
                raise KeyError(disclosure_id)
            i, unit_name, year, path, findings, checked_with = row
            if checked_with != checks_version():
                yield Checked(i, unit_name, year, path, self.get(i)[1])  # stale: checked again
            else:
                yield Checked(i, unit_name, year, path, self._validated(i, None, findings)[1])

    def _validated(self, disclosure_id: str, disclosure, findings) -> tuple[Optional[Disclosure], list[Finding]]:
        """A stored disclosure and findings as models (compressed, or v1's JSON text); a damaged row is a StoreError."""
        try:
            if isinstance(disclosure, bytes):
                disclosure = zlib.decompress(disclosure)
            if isinstance(findings, bytes):
                findings = zlib.decompress(findings)
            return (Disclosure.model_validate_json(disclosure) if disclosure is not None else None,
                    FINDINGS.validate_json(findings))
        except (ValidationError, ValueError, TypeError, zlib.error) as exc:
            first = str(exc).splitlines()[0]
            raise StoreError(str(self.path), f"stored disclosure {disclosure_id} is damaged ({first}); "
                                             "load its file again") from None
