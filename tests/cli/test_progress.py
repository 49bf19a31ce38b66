"""The progress bar: count, rate and time left on stderr, only for runs that take over a second."""

from __future__ import annotations

import io
import time

from rich.console import Console

from lineage_cli import progress as bar


def run(monkeypatch, show_after: float, items: int = 3) -> str:
    out = io.StringIO()
    monkeypatch.setattr(bar, "stderr", Console(file=out, force_terminal=True, width=100))
    monkeypatch.setattr(bar, "SHOW_AFTER", show_after)
    with bar.progress(items, "loading") as advance:
        for _ in range(items):
            time.sleep(0.12)  # past the redraw interval
            advance()
    return out.getvalue()


def test_a_long_run_shows_count_rate_and_eta(monkeypatch):
    shown = run(monkeypatch, show_after=0.0)
    assert "loading" in shown and "3/3" in shown
    assert "/s" in shown and "ETA" in shown


def test_a_short_run_shows_nothing(monkeypatch):
    assert run(monkeypatch, show_after=60.0) == ""
