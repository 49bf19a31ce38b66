"""Options and error handling shared by every command.

Only the report goes to stdout; progress, logs and errors go to stderr.
Exit codes: 0 fine, 1 error-level findings, 2 usage or input error.
"""

from __future__ import annotations

import csv
import io
import os
import stat
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Callable, Iterable, Iterator, TypeVar

import click
from rich.console import Console
from rich.table import Table as RichTable

from lineage.read import InputError

if TYPE_CHECKING:
    from lineage.model import Disclosure

T = TypeVar("T")

EXIT_FINDINGS = 1
EXIT_INPUT = 2
# What a folder given on the command line is searched for.
DISCLOSURE_SUFFIXES = (".txt", ".pdf")

stderr = Console(stderr=True, soft_wrap=True)


_FORMAT_HELP = {
    "json": "json (UTF-8, amounts as strings)", "csv": "csv", "xlsx": "xlsx (a workbook)",
}


def format_option(choices=("text", "json")):
    """--format with a help text naming only the formats this command offers."""
    for_programs = [_FORMAT_HELP[c] for c in choices if c in _FORMAT_HELP]
    listed = ", ".join(for_programs[:-1]) + (" or " if len(for_programs) > 1 else "") + for_programs[-1]
    return click.option(
        "--format", "fmt", type=click.Choice(list(choices)), default="text", show_default=True,
        help=f"text for people; {listed} for programs.",
    )


def writable_target(path: Path, what: str = "the report") -> None:
    """Refuse, before any work, a report file that could not be put in place: its folder is missing
    or it is a folder (the same one line atomic_file gives when writing fails later)."""
    reason = None
    if _is_dir(path):
        reason = "Is a directory"
    elif not _is_dir(path.parent if str(path.parent) else Path(".")):
        reason = "No such file or directory"
    if reason:
        raise fail_input(f"{path}: cannot write {what} there ({reason})")


def _output(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None:
        writable_target(Path(value))
    return value


output_option = click.option(
    "--output", "-o", type=click.Path(), default=None, callback=_output,
    help="Write the report to this file (atomically) instead of stdout.",
)


store_option = click.option(
    "--store", type=click.Path(dir_okay=False), default=None,
    help="The embedded store file. Default: $LINEAGE_STORE, else lineage.db in the working directory.",
)


def _default_jobs() -> int:
    from lineage.workers import default_jobs

    return default_jobs()


jobs_option = click.option(
    "--jobs", "-j", type=click.IntRange(min=1), default=_default_jobs, show_default="every core",
    help="Worker processes that parse and check files.",
)


def fail_input(message: str) -> "click.exceptions.Exit":
    """One line naming file and line, exit 2."""
    # click.echo, not rich: the message must stay on one line whatever the width.
    click.echo(click.style("error:", fg="red") + f" {message}", err=True)
    return click.exceptions.Exit(EXIT_INPUT)


@contextmanager
def input_errors() -> Iterator[None]:
    """Turn InputError into a one-line message and exit code 2, never a traceback."""
    try:
        yield
    except InputError as exc:
        raise fail_input(str(exc))


def emit(text: str, output: str | None) -> None:
    """Write the report to stdout, or atomically to a file (nothing half-written on failure)."""
    if output is None:
        click.echo(text, nl=not text.endswith("\n"))  # a CSV ends with its own line break: no blank row
        return
    with emit_stream(output) as write:
        write(text if text.endswith("\n") else text + "\n")


@contextmanager
def emit_stream(output: str | None) -> Iterator[Callable[[str], None]]:
    """Like emit, for a report written piece by piece: yields write(text); a file appears only when complete."""
    if output is None:
        yield lambda text: click.echo(text, nl=False)
        return
    with atomic_file(Path(output), "w") as fh:
        yield fh.write


@contextmanager
def atomic_file(target: Path, mode: str = "w", what: str = "the report") -> Iterator[IO]:
    """A file (text in UTF-8, or "wb") that replaces `target` only once written whole; removed on failure.

    It gets the mode a plain open() would give: the replaced file's, else 0o666 less the umask
    (tempfile's own 0o600 would hide a report from the group and others). click's atomic
    open_file keeps its partial file when the writer fails, so it is not used. A file that
    cannot be created, written or put in place is an input error naming it (an OSError about
    another file, raised by the caller's own code, passes through).
    """
    def cannot(exc: OSError) -> click.ClickException:
        return fail_input(f"{target}: cannot write {what} there ({exc.strerror})")

    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent or Path("."), prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise cannot(exc) from None
    try:
        os.fchmod(fd, _plain_mode(target))
        with os.fdopen(fd, mode, **({} if "b" in mode else {"encoding": "utf-8"})) as fh:
            yield fh
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise cannot(exc) if exc.filename in (None, tmp, str(target)) else exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _plain_mode(target: Path) -> int:
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0o022)  # the only way to read it: set, then put it back
        os.umask(umask)
        return 0o666 & ~umask


@contextmanager
def text_report(output: str | None, width: int) -> Iterator[Console]:
    """A console to print a text report on; on leaving, the report is emitted (coloured only on a terminal)."""
    buf = io.StringIO()
    yield Console(file=buf, width=width, force_terminal=colour_report(output))
    emit(buf.getvalue().rstrip("\n"), output)


def text_table(*columns: tuple[str, str]) -> RichTable:
    """A borderless report table with bold (name, justify) columns that fold long cells."""
    view = RichTable(box=None, header_style="bold", pad_edge=False)
    for name, justify in columns:
        view.add_column(name, justify=justify, overflow="fold")
    return view


def csv_text(header: list[str], rows) -> str:
    """A CSV report: the header, then one line per row (Decimals as printed)."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()


def stored_graph(store: str | None, unit: str | None = None):
    """The lineage graph of every disclosure in the embedded store (which holds one, and one `unit` matches)."""
    from lineage.graph import build_graph
    from lineage.store import Store, store_path

    with Store(store_path(store)) as st:
        require_stored(st, unit)
        return build_graph(d for d, _ in st.all())


def require_stored(st, unit: str | None = None) -> None:
    """An empty store, or a --unit filter (part of an id or unit name) matching no stored disclosure,
    is an input error: an empty table would read as "nothing there"."""
    ids = st.ids()
    if not ids:
        raise fail_input(f"{st.path}: the store is empty; run lineage load PATH first")
    if unit is not None and not any(unit in i for i in ids):
        raise fail_input(f"--unit {unit}: no stored unit matches in {st.path} (see lineage load)")


STDIN = "-"


def on_disk(target: str) -> bool:
    """Whether a command-line target names a file or folder rather than a stored unit.

    Also true for a name the system refuses to look up (too long, no permission) and for
    "-": those are files the reader names in its one-line error, never unit names.
    """
    if target == STDIN:
        return True
    try:
        os.stat(target)
    except (FileNotFoundError, NotADirectoryError):
        return False
    except (OSError, ValueError):
        return True
    return True


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # a name too long to look up: the reader says so when it opens the file
        return False


def same_file(path: Path) -> Path:
    """What two names of one file have in common (a file given twice, or given and in its folder)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path


def unique(items: Iterable[T], key: Callable[[T], object] = lambda item: item) -> list[T]:
    """Items in order, each kept once: a file or unit given twice is read and reported once."""
    seen: set = set()
    kept: list[T] = []
    for item in items:
        if key(item) not in seen:
            seen.add(key(item))
            kept.append(item)
    return kept


def expand_paths(paths: tuple[str, ...]) -> list[Path]:
    """Files as given; folders expand to their *.txt and *.pdf files (any case), sorted; each file once.

    A folder without any is an input error, and so is "-": standard input is not read (a disclosure
    needs a file to cite).
    """
    out: list[Path] = []
    for p in paths:
        if p == STDIN:
            raise fail_input(f"{STDIN}: standard input is not read; save the text to a file and give its name")
        path = Path(p)
        if _is_dir(path):
            found = sorted(q for q in path.rglob("*") if q.suffix.lower() in DISCLOSURE_SUFFIXES and q.is_file())
            if not found:
                raise fail_input(f"{path}: no *.txt or *.pdf files in this folder")
            out += found
        else:
            out.append(path)
    return unique(out, same_file)


def readable(files: list[Path], bad: list[str]) -> Iterator["Disclosure"]:
    """Each file parsed; a file that is not a readable disclosure goes to `bad` (its one-line message), the batch goes on."""
    from lineage.parse.disclosure import parse_file

    for f in files:
        try:
            yield parse_file(f)
        except InputError as exc:
            bad.append(str(exc))


def report_bad(bad: list[str], read: int) -> None:
    """Name every unreadable file on stderr; exit 2 when there was one (after the report of the others)."""
    for message in bad:
        click.echo(click.style("error:", fg="red") + f" {message}", err=True)
    if len(bad) > 1 and not read:
        click.echo(click.style("error:", fg="red") + " no readable disclosure: nothing to report", err=True)
    if bad:
        raise click.exceptions.Exit(EXIT_INPUT)


def colour_report(output: str | None) -> bool:
    """Colour the report only when it goes to a terminal; files and pipes get plain text."""
    return output is None and sys.stdout.isatty()


def resolve_one(key: str, store: str | None, with_findings: bool = False):
    """The one stored disclosure a user means by an id, unit name (part) or unit code
    (with `with_findings`, the pair (disclosure, its stored findings))."""
    from lineage.store import Store, store_path

    if not key.strip():
        raise fail_input("an empty unit name: give a unit name (or part of it), an id or a unit code")
    with Store(store_path(store)) as st:
        ids = st.find(key)
        if not ids and on_disk(key):  # report takes files; trace and compare only stored units
            raise fail_input(f"{key}: lineage {click.get_current_context().info_name} takes stored units, not files; "
                             f"run lineage load {key} first, then name its unit")
        if not ids:
            raise fail_input(f"{key}: no stored unit matches in {store_path(store)} (see lineage load)")
        if len(ids) > 1:
            raise fail_input(f"{key}: matches {len(ids)} stored disclosures ({', '.join(ids)}); give the full id")
        return st.get(ids[0]) if with_findings else st.get(ids[0])[0]
