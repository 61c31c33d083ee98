"""How bijlage 1's columns share the page: in rows, or stacked in lanes when there are very many.

Two arrangements, both with equal column widths and each kind of kernelement (a tier) starting below the
previous one:

* rows: the columns of a tier side by side, wrapping into balanced rows; every column of a row is as tall
  as the tallest, with headers aligned. This is the hand-drawn original and is preferred.
* lanes: for tiers of many columns, each column goes under the shortest lane so far (in document order),
  so that one long column does not make a whole row tall. Used only when it allows clearly larger text.

The choice is the arrangement with the largest text scale that fits the height, where no word has to be
broken (unless even the smallest text would break one), with small penalties for extra rows and for lanes.
Text larger than the nominal size (scale 1) earns nothing, so one row of normal text beats two rows of
large text, and the original's single row of columns is kept whenever it is legible.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from api.kg.diagrams.bijlage1 import Bijlage1
from api.kg.diagrams.bijlage1_parts import PAD, ColumnParts, gap, measure, splits
from api.kg.diagrams.layout import CONTENT_WIDTH, MM

COLUMN_GAP = 3 * MM
ROW_GAP = 4 * MM
MIN_SCALE = 0.3
MAX_SCALE = 1.35  # little content gets larger text rather than white space
ROW_PENALTY = 0.06
LANE_PENALTY = 0.1
LEGIBLE = 0.6  # below this scale, breaking a long word is the lesser evil
COMFORTABLE = 0.75  # rows that reach this score are kept without trying lanes


@dataclass
class Cell:
    """One column placed relative to the top-left of the column area."""

    parts: ColumnParts
    x: float
    y: float
    height: float
    head_height: float


@dataclass
class Grid:
    width: float  # of every column
    cells: list[Cell]
    height: float
    scale: float
    penalty: float

    @property
    def score(self) -> float:
        return min(self.scale, 1.0) - self.penalty


def width(per_row: int) -> float:
    return (CONTENT_WIDTH - (per_row - 1) * COLUMN_GAP) / per_row


def _x(slot: float, per_row: int, used: int, w: float) -> float:
    """x of a slot in a row of `used` columns, centred when the row is not full."""
    return (per_row - used) * (w + COLUMN_GAP) / 2 + slot * (w + COLUMN_GAP)


def _height(parts: ColumnParts, head: float, s: float) -> float:
    return PAD + head + gap(s) * 1.5 + parts.body_height(s) + PAD


def balanced(count: int, per_row: int) -> list[int]:
    """Row sizes for count columns at most per_row wide, as even as possible (10 by 4: 4, 3, 3)."""
    rows = math.ceil(count / per_row)
    return [count // rows + (1 if i < count % rows else 0) for i in range(rows)]


def _row(cells: list[Cell], parts: list[ColumnParts], per_row: int, w: float, y: float, s: float) -> float:
    """Place one row of equally tall columns at y; returns the row's height."""
    head = max(p.head.height for p in parts) + 2 * PAD
    height = max(_height(p, head, s) for p in parts)
    cells += [Cell(p, _x(i, per_row, len(parts), w), y, height, head) for i, p in enumerate(parts)]
    return height


def arrange(model: Bijlage1, per_row: int, s: float, lanes: bool = False) -> Grid:
    """Measure and place every column for per_row columns across; see the module docstring."""
    w, y, index, rows = width(per_row), 0.0, 0, 0
    cells: list[Cell] = []
    for tier in model.tiers:
        parts = [measure(index + i, column, w, s) for i, column in enumerate(tier)]
        index += len(tier)
        if not lanes or len(tier) <= per_row:
            for size in balanced(len(parts), per_row):
                y += _row(cells, parts[:size], per_row, w, y, s) + ROW_GAP
                parts, rows = parts[size:], rows + 1
            continue
        bottoms = [y] * per_row
        for p in parts:
            lane = bottoms.index(min(bottoms))
            head = p.head.height + 2 * PAD
            cells.append(Cell(p, _x(lane, per_row, per_row, w), bottoms[lane], _height(p, head, s), head))
            bottoms[lane] += cells[-1].height + ROW_GAP
        y, rows = max(bottoms), rows + 1
    penalty = ROW_PENALTY * (rows - len(model.tiers)) + (LANE_PENALTY if lanes else 0.0)
    return Grid(w, cells, max(y - ROW_GAP, 0.0), s, penalty)


def _largest(make: Callable[[float], Grid], fits: Callable[[Grid], bool], high: float, steps: int = 5) -> Grid:
    """The grid at the largest scale in [MIN_SCALE, high] that fits, assuming the smallest does."""
    grid = make(high)
    if fits(grid):
        return grid
    low, best = MIN_SCALE, make(MIN_SCALE)
    for _ in range(steps):
        grid = make((low + high) / 2)
        if fits(grid):
            low, best = grid.scale, grid
        else:
            high = grid.scale
    return best


def _whole_word_scale(model: Bijlage1, per_row: int) -> float:
    """The largest scale at which no word is wider than its box (0 if not even the smallest)."""
    w = width(per_row)

    def ok(s: float) -> bool:
        return not any(splits(column, w, s) for column in model.columns)

    if not ok(MIN_SCALE):
        return 0.0
    low, high = MIN_SCALE, MAX_SCALE
    if ok(high):
        return high
    for _ in range(8):
        mid = (low + high) / 2
        low, high = (mid, high) if ok(mid) else (low, mid)
    return low


def _best(model: Bijlage1, options: list[tuple[int, bool]], available: float, capped: bool) -> Grid | None:
    caps = {m: _whole_word_scale(model, m) if capped else MAX_SCALE for m, _ in options}
    best: Grid | None = None
    for m, lanes in sorted(options, key=lambda option: -min(caps[option[0]], 1.0)):
        if caps[m] < LEGIBLE or (best and min(caps[m], 1.0) <= best.score):
            continue
        floor = arrange(model, m, MIN_SCALE, lanes)
        if floor.height > available or (best and min(caps[m], 1.0) - floor.penalty <= best.score):
            continue

        def make(s: float, m: int = m, lanes: bool = lanes) -> Grid:
            return arrange(model, m, s, lanes)

        grid = _largest(make, lambda g: g.height <= available, caps[m])
        if best is None or grid.score > best.score:
            best = grid
    return best


def fit(model: Bijlage1, available: float) -> Grid:
    """The most legible arrangement that fits the available height: rows while they are legible, else lanes."""
    widest = max(len(tier) for tier in model.tiers)
    counts = sorted({math.ceil(widest / rows) for rows in range(1, min(widest, 5) + 1)}, reverse=True)
    rows = [(m, False) for m in counts]
    lanes = [(m, True) for m in range(3, min(widest, 7)) if widest > m]
    for capped in (True, False):
        best = _best(model, rows, available, capped)
        if best and best.score >= COMFORTABLE:
            return best
        laned = _best(model, lanes, available, capped) if lanes else None
        if laned and (best is None or laned.score > best.score):
            best = laned
        if best:
            return best
    return arrange(model, counts[-1], MIN_SCALE, lanes=True)  # overfull: the smallest text, stacked
