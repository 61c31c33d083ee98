"""How long work tells where it is: loading calls a Progress, the CLI shows it (checking and importing do not yet).

The core only reports (stage, done, total); a terminal shows a bar (api.cli_progress), a log gets a line per
stage, and the web layer and tests pass nothing. Counts are of the stage's own units: files, rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol, TypeVar

T = TypeVar("T")


class Progress(Protocol):
    def __call__(self, stage: str, done: int, total: int) -> None:
        """`done` of `total` units of `stage` are finished (called with done=0 when a stage starts)."""


def silent(stage: str, done: int, total: int) -> None:
    """The default: nobody is watching."""


def tracked(items: Iterable[T], stage: str, total: int, progress: Progress) -> Iterator[T]:
    """Yield the items, reporting each one finished."""
    progress(stage, 0, total)
    for done, item in enumerate(items, start=1):
        yield item
        progress(stage, done, total)
