"""Progress of long CLI work: a bar per stage on a terminal, one line per stage in a log."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
from rich.progress import Progress as Bars

from api.kg.progress import Progress


@contextmanager
def shown(console: Console) -> Iterator[Progress]:
    """A Progress that writes to the console: bars when it is a terminal, plain lines otherwise."""
    if console.is_terminal:
        columns = (TextColumn("{task.description:<18}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        with Bars(*columns, console=console) as bars:
            tasks: dict[str, int] = {}

            def bar(stage: str, done: int, total: int) -> None:
                if stage not in tasks:
                    tasks[stage] = bars.add_task(stage, total=total)
                bars.update(tasks[stage], completed=done, total=total)  # type: ignore[arg-type]

            yield bar
        return

    started: dict[str, float] = {}

    def line(stage: str, done: int, total: int) -> None:
        if stage not in started:
            started[stage] = time.monotonic()
            console.print(f"{stage}: {total} …", highlight=False)
        if done == total:
            console.print(
                f"{stage}: {done} van {total} klaar in {time.monotonic() - started[stage]:.1f} s", highlight=False
            )

    yield line
