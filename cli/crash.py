"""The last line of defence: no command ever ends in a Python traceback.

Exit codes (README, `lineage --help`): 0 fine, 1 error-level findings, 2 usage
or input error, 3 internal error. An input error that a command did not turn
into its own message (an `InputError` from the reader or the store, or an
`OSError` naming a file: no permission, a name too long, a full disk) becomes
one line naming the file and exit 2. Anything else is a bug in this tool: one
line saying so and where the full traceback was written (a file, so it can be
attached to a bug report), exit 3. Code 3 is pytest's "internal error" too;
1 is taken by "error-level findings", so a crash can never be read as "the
document has errors".
"""

from __future__ import annotations

import datetime
import os
import sys
import tempfile
import traceback
from pathlib import Path

import click

EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130  # Ctrl-C (128 + SIGINT), as a shell reports it
ENV_CRASH_DIR = "LINEAGE_CRASH_DIR"


def crash_dir() -> Path:
    """Where tracebacks go: $LINEAGE_CRASH_DIR, else the system's temporary folder."""
    return Path(os.environ.get(ENV_CRASH_DIR) or tempfile.gettempdir())


def write_traceback(exc: BaseException) -> Path | None:
    """The full traceback in a new file (None when even that cannot be written)."""
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    text = f"lineage {' '.join(sys.argv[1:])}\n\n" + "".join(traceback.format_exception(exc))
    try:
        folder = crash_dir()
        folder.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f"lineage-crash-{stamp}-", suffix=".txt", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        return Path(name)
    except OSError:
        return None


def one_line(text: str) -> str:
    """A message on one line: the first line of it, whatever the exception put in."""
    return (text.strip().splitlines() or [""])[0]


class SafeGroup(click.Group):
    """A click group whose commands end with an exit code and one line, never a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort, BrokenPipeError):
            raise  # click's own handling: usage errors (2), explicit exits, a closed pipe
        except KeyboardInterrupt:
            # click would say "Aborted!" and exit 1, which reads as "error-level findings". A report
            # file is written whole or not at all (common.atomic_file), so nothing half-written is left.
            click.echo(click.style("stopped:", fg="yellow") + " by Ctrl-C before the end; no file was half-written", err=True)
            raise click.exceptions.Exit(EXIT_INTERRUPTED) from None
        except Exception as exc:  # noqa: BLE001 - this is the one place that catches everything
            from lineage.read import InputError  # here, not at the top: `lineage --help` imports no library

            if isinstance(exc, InputError):
                click.echo(click.style("error:", fg="red") + f" {one_line(str(exc))}", err=True)
                raise click.exceptions.Exit(2) from None
            if isinstance(exc, OSError) and exc.filename is not None:  # the system refused a file: not a bug here
                click.echo(click.style("error:", fg="red") + f" {exc.filename}: {exc.strerror}", err=True)
                raise click.exceptions.Exit(2) from None
            where = write_traceback(exc)
            saved = f"full traceback in {where}" if where else "the traceback could not be written"
            click.echo(
                click.style("internal error:", fg="red")
                + f" {type(exc).__name__}: {one_line(str(exc))} ({saved}; please report it)",
                err=True,
            )
            raise click.exceptions.Exit(EXIT_INTERNAL) from None
