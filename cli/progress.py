"""A progress bar on stderr for long runs: count, rate and time left; nothing for runs under a second."""

from __future__ import annotations

import time
from contextlib import contextmanager
from typing import Callable, Iterator

from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn, TimeRemainingColumn
from rich.text import Text

from .common import stderr

SHOW_AFTER = 1.0  # seconds: a quick run stays quiet


class RateColumn(ProgressColumn):
    """Items per second."""

    def render(self, task) -> Text:
        return Text(f"{task.speed:.1f}/s" if task.speed else "", style="progress.data.speed")


@contextmanager
def progress(total: int, label: str) -> Iterator[Callable[[], None]]:
    """Yields advance(), to call once per item; the bar appears once the run has taken SHOW_AFTER seconds."""
    bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), RateColumn(),
                   TextColumn("ETA"), TimeRemainingColumn(), console=stderr, transient=True, auto_refresh=False)
    task = bar.add_task(label, total=total)
    start, shown, last = time.monotonic(), False, 0.0

    def advance() -> None:
        nonlocal shown, last
        bar.advance(task)
        now = time.monotonic()
        if now - last < 0.1:  # redraw at most ten times a second
            return
        last = now
        if not shown and now - start >= SHOW_AFTER:
            bar.start()
            shown = True
        if shown:
            bar.refresh()

    try:
        yield advance
    finally:
        if shown:
            bar.stop()
