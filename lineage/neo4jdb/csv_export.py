"""Disclosures as CSV files for `neo4j-admin database import full` (Neo4j 5): the first load of very many.

The rows are lineage.neo4jdb.rows.disclosure_rows, the same the Bolt loader
writes, so an import and a load give the same graph. Layout of the directory:

    nodes/<Label>.csv                        one file per label
    relationships/<TYPE>-<Start>-<End>.csv   one file per relationship shape
    import.sh                                the neo4j-admin command for these files
    schema.cypher                            constraints and indexes, to run after the import
    .lineage-export                          the marker: only a folder holding it is replaced by --force

Header syntax (Neo4j operations manual, "Import header format"):
- node files: `id:ID(<Label>)`, one ID space per label, so an id need only be
  unique within its label (it is also stored as the `id` property the loader
  MERGEs on), then `:LABEL`, then typed properties (`amountMinor:long`,
  `derived:boolean`, `lines:long[]`, `name:string`);
- relationship files: `:START_ID(<Label>)`, `:END_ID(<Label>)`, `:TYPE`, properties.
Every integer is `long`: Bolt stores Python ints as 64-bit integers, and an
`amountMinor` in 元 passes 2^31 at 21 million 元.

Cells follow RFC 4180 as neo4j-admin reads them with its defaults (`,`
delimiter, `"` quote, `--legacy-style-quoting=false`): strings are always
quoted, an inner `"` is doubled, a backslash is an ordinary character. Quoting
keeps leading and trailing spaces and tells an empty string (`""`) from an
absent property (an empty cell). Arrays join their elements with `;` (the
default --array-delimiter). A value with a line break needs
`--multiline-fields=true`, which slows the importer down, so the command asks
for it only when such a value was written. neo4j-admin cannot import an empty
array (it reads as absent): a Finding without evidence lines has no `lines`
property after an import, where the Bolt loader stores `[]`.

neo4j-admin refuses a duplicate id. Shared nodes (Unit, FundingKind, the code
trees) appear in many disclosures: each is written once, its properties merged
the way the loader's `SET n += row` merges them (later values win). The
relationships between shared nodes (PART_OF) are written once per pair, as the
loader's MERGE creates them once. The same disclosure twice is refused
(DuplicateDisclosure): an import cannot replace, it only adds.

Rows are spooled as JSON lines while the columns of each file are learnt,
then written as CSV once every column and its type is known; only shared
nodes are held in memory, so the export runs in constant memory per
disclosure.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Iterable, Iterator, Optional

from lineage.neo4jdb import schema as S
from lineage.neo4jdb.rows import DisclosureRows, Row

NODES_DIR = "nodes"
RELS_DIR = "relationships"
IMPORT_SCRIPT = "import.sh"
MARKER = ".lineage-export"  # marks a folder this command wrote: the only kind --force may replace
SCHEMA_FILE = "schema.cypher"
ARRAY_DELIMITER = ";"
QUOTE = '"'


class DuplicateDisclosure(ValueError):
    """The same disclosure id came twice; neo4j-admin would refuse its ids."""


def neo4j_type(value: Any) -> Optional[str]:
    """The header type of a property value; None for an empty list (CSV import cannot store one).

    >>> [neo4j_type(v) for v in (True, 7, "万元", [558, 564], [])]
    ['boolean', 'long', 'string', 'long[]', None]
    """
    if isinstance(value, list):
        kinds = {neo4j_type(v) for v in value}
        if not kinds:
            return None
        if len(kinds) > 1:
            raise ValueError(f"mixed list {value!r}: Neo4j arrays are homogeneous")
        return f"{kinds.pop()}[]"
    if isinstance(value, bool):  # before int: bool is an int in Python
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, str):
        return "string"
    raise TypeError(f"{type(value).__name__} value {value!r} has no neo4j-admin type")


def quote(text: str) -> str:
    """A string cell: always quoted, inner quotes doubled (RFC 4180), backslashes as they are.

    >>> quote('say "hi", C:\\\\x')
    '"say ""hi"", C:\\\\x"'
    """
    return QUOTE + text.replace(QUOTE, QUOTE * 2) + QUOTE


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def cell(value: Any) -> str:
    """One CSV cell for a property value; an absent value is an empty, unquoted cell.

    >>> [cell(v) for v in (None, False, 14309, "143.09", [558, 564])]
    ['', 'false', '14309', '"143.09"', '"558;564"']
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return quote(value)
    if isinstance(value, list):
        parts = [_scalar(v) for v in value]
        if any(ARRAY_DELIMITER in p for p in parts):
            raise ValueError(f"array element contains the array delimiter {ARRAY_DELIMITER!r}: {value!r}")
        return quote(ARRAY_DELIMITER.join(parts))
    return _scalar(value)


def _has_line_break(value: Any) -> bool:
    return isinstance(value, str) and ("\n" in value or "\r" in value)


@dataclass
class _Spool:
    """One output file: rows spooled as JSON lines while its property columns and types are learnt."""

    path: Path  # the CSV file, relative to the export directory
    keys: list[str]  # the header cells before the properties (:ID/:LABEL or :START_ID/:END_ID/:TYPE)
    spool: Path
    types: dict[str, str] = field(default_factory=dict)  # property → header type, in order of first use
    rows: int = 0
    multiline: bool = False
    _fh: Optional[IO[str]] = None

    def add(self, keys: list[str], props: Row) -> None:
        props = {k: v for k, v in props.items() if neo4j_type(v) is not None}
        for name, value in props.items():
            kind = neo4j_type(value)
            if self.types.setdefault(name, kind) != kind:
                raise ValueError(f"{self.path}: property {name} is {self.types[name]} and {kind}")
            self.multiline |= _has_line_break(value)
        self.multiline |= any(_has_line_break(k) for k in keys)
        if self._fh is None:
            self._fh = open(self.spool, "w", encoding="utf-8")
        self._fh.write(json.dumps([keys, props], ensure_ascii=False) + "\n")
        self.rows += 1

    def header(self) -> list[str]:
        return self.keys + [f"{name}:{kind}" for name, kind in self.types.items()]

    def write(self, root: Path) -> None:
        """Turn the spool into the CSV file: header, then one line per row, columns in header order."""
        if self._fh is not None:
            self._fh.close()
        out = root / self.path
        out.parent.mkdir(parents=True, exist_ok=True)
        with open(out, "w", encoding="utf-8", newline="") as fh, open(self.spool, encoding="utf-8") as rows:
            fh.write(",".join(self.header()) + "\n")
            for line in rows:
                keys, props = json.loads(line)
                fh.write(",".join([quote(k) for k in keys] + [cell(props.get(name)) for name in self.types]) + "\n")
        self.spool.unlink()


@dataclass(frozen=True)
class ExportedFile:
    kind: str  # "nodes" or "relationships": the neo4j-admin option
    name: str  # the label or relationship type
    path: Path  # relative to the export directory
    rows: int
    header: list[str]


@dataclass
class Summary:
    disclosures: int
    files: list[ExportedFile]
    multiline: bool

    def count(self, kind: str) -> int:
        return sum(f.rows for f in self.files if f.kind == kind)


class CsvExport:
    """Collects disclosures' rows under `root`; finish() writes the files and the import command."""

    def __init__(self, root: Path):
        self.root = root
        self._spool_dir = Path(tempfile.mkdtemp(prefix=".spool-", dir=root))
        self._spools: dict[tuple[str, ...], _Spool] = {}
        self._sources: dict[str, str] = {}  # disclosure id → the file it came from
        self._shared_nodes: dict[str, dict[str, Row]] = {label: {} for label in S.SHARED_LABELS}
        self._shared_rels: dict[tuple[str, str, str], dict[tuple[str, str], None]] = {}  # ordered sets

    def _spool(self, key: tuple[str, ...], path: Path, keys: list[str]) -> _Spool:
        if key not in self._spools:
            self._spools[key] = _Spool(path, keys, self._spool_dir / f"{len(self._spools)}.jsonl")
        return self._spools[key]

    def _node(self, label: str, row: Row) -> None:
        props = {k: v for k, v in row.items() if k != "id"}  # `id:ID(label)` stores the id as property `id`
        self._spool((label,), Path(NODES_DIR) / f"{label}.csv", [f"id:ID({label})", ":LABEL"]).add(
            [row["id"], label], props)

    def _rel(self, kind: str, start: str, end: str, row: Row) -> None:
        path = Path(RELS_DIR) / f"{kind}-{start}-{end}.csv"
        keys = [f":START_ID({start})", f":END_ID({end})", ":TYPE"]
        self._spool((kind, start, end), path, keys).add([row["start"], row["end"], kind], row["props"])

    def add(self, rows: DisclosureRows, source: str) -> None:
        """Add one disclosure; DuplicateDisclosure if its id was added before (nothing of it is written)."""
        if rows.disclosure in self._sources:
            raise DuplicateDisclosure(
                f"{source}: the same disclosure ({rows.disclosure}) as {self._sources[rows.disclosure]}; "
                "an import cannot replace one, so it is left out (lineage load --neo4j replaces)")
        self._sources[rows.disclosure] = source
        for label, node_rows in rows.nodes.items():
            for row in node_rows:
                if label in self._shared_nodes:
                    self._shared_nodes[label].setdefault(row["id"], {}).update(row)
                else:
                    self._node(label, row)
        for rels in rows.rels:
            for row in rels.rows:
                if rels.shared:
                    self._shared_rels.setdefault((rels.type, rels.start, rels.end), {})[(row["start"], row["end"])] = None
                else:
                    self._rel(rels.type, rels.start, rels.end, row)

    def finish(self) -> Summary:
        """Write every CSV file, schema.cypher and import.sh; remove the spool."""
        for label, by_id in self._shared_nodes.items():
            for row in by_id.values():
                self._node(label, row)
        for (kind, start, end), pairs in self._shared_rels.items():
            for a, b in pairs:
                self._rel(kind, start, end, {"start": a, "end": b, "props": {}})
        files = []
        for (key, spool) in sorted(self._spools.items(), key=lambda item: (len(item[0]) > 1, item[0])):
            spool.write(self.root)
            files.append(ExportedFile(RELS_DIR if len(key) > 1 else NODES_DIR, key[0], spool.path, spool.rows,
                                      spool.header()))
        shutil.rmtree(self._spool_dir)
        summary = Summary(len(self._sources), files, any(s.multiline for s in self._spools.values()))
        (self.root / SCHEMA_FILE).write_text(schema_script(), encoding="utf-8")
        script = self.root / IMPORT_SCRIPT
        script.write_text(import_script(summary), encoding="utf-8")
        script.chmod(0o755)
        (self.root / MARKER).write_text(
            "Written by lineage export --neo4j-csv; lineage export --force may replace this folder.\n", encoding="utf-8")
        return summary


ADMIN = "neo4j-admin"
SUBCOMMAND = ("database", "import", "full")


def file_options(summary: Summary, root: Optional[Path] = None) -> list[str]:
    """--nodes=Label=file and --relationships=TYPE=file for every file, under `root` (relative when None)."""
    options = [f"--{f.kind}={f.name}={(root / f.path) if root else f.path}" for f in summary.files]
    return options + (["--multiline-fields=true"] if summary.multiline else [])


def import_command(summary: Summary, database: str, root: Path) -> str:
    """The command as one shell line, paths absolute: what to run from anywhere."""
    return shlex.join([ADMIN, *SUBCOMMAND, database, *file_options(summary, root.resolve())])


def import_script(summary: Summary) -> str:
    """import.sh: runs neo4j-admin on the files next to it; the database name is $1 (default neo4j)."""
    command = f'"${{NEO4J_ADMIN:-{ADMIN}}}" {" ".join(SUBCOMMAND)} "${{1:-neo4j}}"'
    return (
        "#!/bin/sh\n"
        f"# Written by lineage export --neo4j-csv: {summary.disclosures} disclosures, "
        f"{summary.count(NODES_DIR)} nodes, {summary.count(RELS_DIR)} relationships.\n"
        "# Usage: sh import.sh [DATABASE]   (Neo4j 5; the database must not exist or be stopped and empty).\n"
        "# Then start it (CREATE DATABASE if new) and run the constraints and indexes:\n"
        f"#   cypher-shell -d DATABASE -f {SCHEMA_FILE}\n"
        "set -e\n"
        'cd "$(dirname "$0")"\n'
        + " \\\n  ".join([command] + [shlex.quote(o) for o in file_options(summary)]) + "\n"
    )


def schema_script() -> str:
    """schema.cypher: the loader's constraints and indexes, for cypher-shell -f after the import."""
    return (
        "// Constraints and indexes of the lineage graph (lineage.neo4jdb.schema); neo4j-admin import creates none.\n"
        "// Run once after the import, with the database started: cypher-shell -d DATABASE -f schema.cypher\n"
        + "".join(f"{statement};\n" for statement in S.STATEMENTS)
    )


def check_target(target: Path, force: bool, inputs: Iterable[Path] = ()) -> Optional[str]:
    """Why `target` cannot be written (None when it can).

    An existing non-empty directory is replaced only with `force`, and even
    then only when it is recognisably an earlier export (it holds MARKER), is
    not the working directory or one above it, and holds none of `inputs`:
    `--force` must never delete a user's own files.
    """
    if target.exists() and not target.is_dir():
        return f"{target}: exists and is not a directory"
    if not target.is_dir() or not any(target.iterdir()):
        return None
    if not force:
        return f"{target}: directory is not empty; use --force to replace an earlier export"
    where = target.resolve()
    if where == Path.cwd().resolve() or where in Path.cwd().resolve().parents:
        return f"{target}: is the working directory or holds it; --force replaces only an earlier export folder"
    held = next((p for p in inputs if p.resolve() == where or where in p.resolve().parents), None)
    if held is not None:
        return f"{target}: holds the input {held}; --force replaces only an earlier export folder"
    if not (target / MARKER).is_file():
        return (f"{target}: not an earlier export (no {MARKER} file in it), so --force leaves it alone; "
                "choose a new folder or empty this one yourself")
    return None


@contextmanager
def staged(target: Path) -> Iterator[Path]:
    """A fresh directory next to `target` that replaces it only when the block succeeds.

    Readers see the old directory or the complete new one, never half an export;
    a failure removes the new one and leaves the old untouched.
    """
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    stage.chmod(0o755)  # mkdtemp's 0700 would hide the files from the neo4j user that runs the import
    try:
        yield stage
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    old = None
    if target.is_dir() and any(target.iterdir()):
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=target.parent))
        os.replace(target, old)  # replaces the empty placeholder directory
    os.replace(stage, target)  # an empty target directory is replaced too
    if old is not None:
        shutil.rmtree(old)
