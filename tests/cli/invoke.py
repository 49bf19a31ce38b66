"""Running the command line in-process, and the one-error-line promise every input error keeps."""

from __future__ import annotations

from click.testing import CliRunner

from lineage_cli.main import cli


def run(*args: str, **kw):
    return CliRunner().invoke(cli, list(args), **kw)


def one_error_line(result) -> str:
    """The run printed no traceback and exactly one line on stderr; that line."""
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]
