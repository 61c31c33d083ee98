"""Pure geometry for the diagrams: measuring and wrapping text, rectangles, the A4 page.

Nothing here knows RDF or SVG. Text is measured with DejaVu Sans advance widths (see widths.py), the
font the SVG asks for, so a wrapped line fits its box in CairoSVG and in browsers that have the font;
other sans-serif fonts of similar width stay inside the box's padding.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache

from api.kg.diagrams import widths

# The page: A4 landscape in user units of a quarter millimetre (viewBox 0 0 1188 840).
MM = 4.0
PAGE_WIDTH = 297 * MM
PAGE_HEIGHT = 210 * MM
PT = MM * 25.4 / 72  # one typographic point in user units
FONT_FAMILY = "DejaVu Sans, Verdana, Arial, sans-serif"

MARGIN = 10 * MM
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN
TITLE_FILL = "#1a1a1a"
NOTE_FILL = "#4d4d4d"

# DejaVu Sans vertical metrics (hhea ascender 1901, descender 483 of 2048) and our line spacing.
ASCENT = 0.93
DESCENT = 0.24
LEADING = 1.22


@cache
def _table(bold: bool) -> dict[str, float]:
    values = widths.BOLD if bold else widths.REGULAR
    return {chr(code): width / widths.UNITS_PER_EM for code, width in zip(widths.CODEPOINTS, values, strict=True)}


@lru_cache(maxsize=65536)
def _em(text: str, bold: bool) -> float:
    """Width in em; characters outside the table count as a wide 'M'. Cached: words recur."""
    table = _table(bold)
    fallback = table["M"]
    return sum(table.get(char, fallback) for char in text)


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Advance width of a single line of text at a font size in user units."""
    return _em(text, bold) * size


def _split_word(word: str, width: float, size: float, bold: bool) -> list[str]:
    """Break a word longer than the line at character level, marking each break with a hyphen."""
    pieces: list[str] = []
    current = ""
    for char in word:
        if current and text_width(current + char + "-", size, bold) > width:
            pieces.append(current + "-")
            current = char
        else:
            current += char
    return [*pieces, current] if current else pieces


@lru_cache(maxsize=4096)
def _tokens(text: str) -> tuple[str, ...]:
    """Words with their trailing space; a word containing '-' or '/' may also break after it."""
    tokens: list[str] = []
    for word in text.split():
        part = ""
        for char in word:
            part += char
            if char in "-/" and len(part) > 1:
                tokens.append(part)
                part = ""
        if part:
            tokens.append(part)
        tokens[-1] += " "
    return tuple(tokens)


def wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """Greedy line breaking at spaces (and after '-' or '/'); over-long words are hyphenated."""
    lines: list[str] = []
    current = ""
    current_em = 0.0  # width of current, trailing space included
    limit = width / size
    for token in _tokens(text):
        bare = token.rstrip()
        if current_em + _em(bare, bold) <= limit:
            current += token
            current_em += _em(token, bold)
            continue
        if current:
            lines.append(current.rstrip())
        if _em(bare, bold) <= limit:
            current, current_em = token, _em(token, bold)
        else:
            *full, last = _split_word(bare, width, size, bold)
            lines.extend(full)
            current = last + token[len(bare) :]
            current_em = _em(current, bold)
    if current.strip():
        lines.append(current.rstrip())
    return lines or [""]


@lru_cache(maxsize=8192)
def _longest_word(text: str, bold: bool) -> float:
    """Width in em of the text's widest unbreakable piece."""
    return max((_em(token.rstrip(), bold) for token in _tokens(text)), default=0.0)


def needs_split(text: str, width: float, size: float, bold: bool = False) -> bool:
    """True when some word is wider than the line and would have to be hyphenated by force."""
    return _longest_word(text, bold) * size > width


def block_height(lines: int, size: float) -> float:
    """Height from the top of the first line's ascender to the bottom of the last line's descender."""
    return (ASCENT + DESCENT) * size + (lines - 1) * LEADING * size if lines else 0.0


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    def overlaps(self, other: Rect, tolerance: float = 0.01) -> bool:
        """True when the interiors intersect; touching edges do not count."""
        return (
            self.x < other.right - tolerance
            and other.x < self.right - tolerance
            and self.y < other.bottom - tolerance
            and other.y < self.bottom - tolerance
        )

    def contains(self, other: Rect, tolerance: float = 0.01) -> bool:
        return (
            other.x >= self.x - tolerance
            and other.y >= self.y - tolerance
            and other.right <= self.right + tolerance
            and other.bottom <= self.bottom + tolerance
        )


@dataclass(frozen=True)
class TextBlock:
    """Lines of one size and weight; (x, y) is the anchor point on the block's top edge."""

    lines: tuple[str, ...]
    x: float
    y: float
    size: float
    bold: bool = False
    anchor: str = "start"  # SVG text-anchor: start, middle or end
    fill: str = "#1a1a1a"
    css: str = ""

    @property
    def height(self) -> float:
        return block_height(len(self.lines), self.size)

    def baselines(self) -> list[float]:
        return [self.y + ASCENT * self.size + i * LEADING * self.size for i in range(len(self.lines))]

    def bounds(self) -> Rect:
        """The ink box of the block as laid out (advance widths, ascender to descender)."""
        width = max((text_width(line, self.size, self.bold) for line in self.lines), default=0.0)
        left = {"middle": self.x - width / 2, "end": self.x - width}.get(self.anchor, self.x)
        return Rect(left, self.y, width, self.height)


def text_block(
    text: str,
    x: float,
    y: float,
    width: float,
    size: float,
    *,
    bold: bool = False,
    anchor: str = "start",
    fill: str = "#1a1a1a",
    css: str = "",
) -> TextBlock:
    """Wrap text into a block of the given width whose top-left corner is (x, y)."""
    left = {"middle": x + width / 2, "end": x + width}.get(anchor, x)
    return TextBlock(tuple(wrap(text, width, size, bold)), left, y, size, bold, anchor, fill, css)


def clip_lines(text: str, width: float, size: float, lines: int, bold: bool = False) -> tuple[str, ...]:
    """At most `lines` wrapped lines; if the text is longer, the last one ends in an ellipsis that fits."""
    wrapped = wrap(text, width, size, bold)
    if len(wrapped) <= lines:
        return tuple(wrapped)
    last = wrapped[lines - 1]
    while last and text_width(last + "…", size, bold) > width:
        last = last[:-1]
    return (*wrapped[: lines - 1], last.rstrip() + "…")


def stack(blocks: Sequence[float], gap: float) -> float:
    """Total height of items stacked with a gap between neighbours."""
    return sum(blocks) + gap * max(len(blocks) - 1, 0)


@dataclass
class Box:
    """A drawn rectangle with its text, accessible name (<title>) and description (<desc>).

    Boxes nest (a column holds its header and children); the template draws each as one <g>.
    """

    rect: Rect
    title: str
    desc: str = ""
    fill: str = "#ffffff"
    stroke: str = "none"
    css: str = ""
    element: str = ""  # the IRI drawn, for links and tests
    texts: list[TextBlock] = field(default_factory=list)
    children: list[Box] = field(default_factory=list)
    radius: float = 0.0

    def walk(self) -> Iterator[Box]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class Edge:
    """A line between two nodes: an SVG path with its accessible name."""

    d: str
    stroke: str
    width: float
    title: str
    dash: str = ""
    css: str = ""


@dataclass
class Page:
    """Everything the SVG template draws, in drawing order: edges under boxes, boxes under loose text."""

    title: str
    desc: str
    texts: list[TextBlock]
    boxes: list[Box]
    edges: list[Edge] = field(default_factory=list)
    width: float = PAGE_WIDTH
    height: float = PAGE_HEIGHT


def frame(title: str, subtitle: str, note: str, caption: str = "") -> list[TextBlock]:
    """The page's title and subtitle at the top and a note at the bottom, in that order; a caption such as
    "Bijlage 1" (what a raadsvoorstel calls the drawing) comes last in the list but is drawn above the title."""
    y = MARGIN
    above: list[TextBlock] = []
    if caption:
        above.append(text_block(caption, MARGIN, y, CONTENT_WIDTH, 9 * PT, bold=True, fill=NOTE_FILL, css="bijschrift"))
        y += above[0].height + 1.5 * MM
    top = text_block(title, MARGIN, y, CONTENT_WIDTH, 13 * PT, bold=True, fill=TITLE_FILL, css="titel")
    y = top.y + top.height + MM
    sub = text_block(subtitle, MARGIN, y, CONTENT_WIDTH, 8.5 * PT, fill=NOTE_FILL, css="ondertitel")
    foot = text_block(note, MARGIN, 0.0, CONTENT_WIDTH, 6.5 * PT, fill=NOTE_FILL, css="voet")
    return [top, sub, replace(foot, y=PAGE_HEIGHT - MARGIN - foot.height), *above]


def fit_height(page: Page, content_bottom: float, footer: bool) -> Page:
    """Shrink the page to its content: the footer (when kept) just below the drawing, no empty bands.

    The width stays A4 landscape, so a drawing printed at 100 % keeps its text size; the height is at most A4.
    """
    texts = [t for t in page.texts if t.css != "voet"]
    bottom = content_bottom
    if footer:
        for note in (t for t in page.texts if t.css == "voet"):
            note = replace(note, y=content_bottom + 4 * MM)
            texts.append(note)
            bottom = note.y + note.height
    return replace(page, texts=texts, height=min(PAGE_HEIGHT, math.ceil((bottom + MARGIN) / MM) * MM))  # whole mm
