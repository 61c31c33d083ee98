"""The text of bijlage 1's boxes, wrapped and stacked at a scale, before the boxes are placed.

Measuring is separate from placing because the layout tries several scales and column counts and keeps
the best; a Part is laid out from (0, 0) and shifted into place only once the choice is made.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from api.kg.diagrams import palette
from api.kg.diagrams.bijlage1 import Column, Element
from api.kg.diagrams.layout import MM, PT, TextBlock, needs_split, text_block

PAD = 2 * MM  # inside a column panel and a header box
EMPTY = "Geen onderdelen vastgelegd"


@dataclass
class Part:
    """Text blocks laid out from (0, 0) with their total height, to be shifted into place."""

    blocks: list[TextBlock]
    height: float
    split: bool = False  # some word had to be broken by force

    def at(self, x: float, y: float) -> list[TextBlock]:
        return [replace(block, x=block.x + x, y=block.y + y) for block in self.blocks]


Line = tuple[str, float, bool, str, float]  # text, size, bold, fill, gap before


def part(lines: list[Line], width: float, anchor: str = "start") -> Part:
    """Stack text blocks in a given width."""
    blocks: list[TextBlock] = []
    y = 0.0
    split = False
    for text, size, bold, fill, gap in lines:
        y += gap if blocks else 0.0
        block = text_block(text, 0.0, y, width, size, bold=bold, anchor=anchor, fill=fill)
        blocks.append(block)
        y += block.height
        split = split or needs_split(text, width, size, bold)
    return Part(blocks, y, split)


def head_lines(element: Element, s: float) -> list[Line]:
    """A column header: level name, the element's label in bold, then the optional layers."""
    white = palette.WHITE
    lines: list[Line] = [(element.level, 7 * PT * s, False, white, 0.0)]
    lines.append((element.label, 10.5 * PT * s, True, white, 1 * MM * s))
    lines += [
        (layer, 6.5 * PT * s, False, white, (1 if i == 0 else 0.5) * MM * s) for i, layer in enumerate(element.layers)
    ]
    return lines


def child_lines(element: Element, s: float) -> list[Line]:
    lines: list[Line] = [(element.label, 8 * PT * s, False, palette.TEXT, 0.0)]
    lines += [(layer, 6.5 * PT * s, False, palette.MUTED, 0.8 * MM * s) for layer in element.layers]
    return lines


def heading_line(heading: str, s: float, colour: str) -> Line:
    return (heading, 7.5 * PT * s, True, colour, 0.0)


def gap(s: float) -> float:
    """Vertical space between boxes. It shrinks faster than the text (with the square of the scale), so a
    dense plan spends its height on text rather than on white space; never below 0.5 mm."""
    return max(0.5 * MM, 2 * MM * s * s)


def child_pad(s: float) -> float:
    """Space between a child box's edge and its text, shrinking like the gaps; never below 0.6 mm."""
    return max(0.6 * MM, 1.5 * MM * s * s)


@dataclass
class ColumnParts:
    index: int  # the column's place in the plan, which also picks its colour
    column: Column
    head: Part
    headings: list[Part]
    children: list[list[Part]]
    note: Part | None

    @property
    def split(self) -> bool:
        return self.head.split or any(p.split for group in self.children for p in group)

    def body_height(self, s: float) -> float:
        if self.note:
            return self.note.height
        g = gap(s)
        total = 0.0
        for heading, group in zip(self.headings, self.children, strict=True):
            total += heading.height + g + sum(p.height + 2 * child_pad(s) for p in group) + g * (len(group) - 1)
        return total + 2 * g * (len(self.headings) - 1)


def _widths(width: float, s: float) -> tuple[float, float, float]:
    """Text widths of a column's header, headings and children."""
    inner = width - 2 * PAD
    return inner - 2 * PAD, inner, inner - 2 * child_pad(s)


def measure(index: int, column: Column, width: float, s: float) -> ColumnParts:
    hue = palette.hue(index)
    head_w, inner, child_w = _widths(width, s)
    top = part(head_lines(column.head, s), head_w, anchor="middle")
    headings = [part([heading_line(g.heading, s, hue.dark)], inner) for g in column.groups]
    children = [[part(child_lines(e, s), child_w) for e in g.elements] for g in column.groups]
    note = None if column.groups else part([(EMPTY, 7 * PT * s, False, palette.MUTED, 0.0)], inner)
    return ColumnParts(index, column, top, headings, children, note)


def splits(column: Column, width: float, s: float) -> bool:
    """Whether some word of the column would have to be broken at this width and scale (cheap: no wrapping)."""
    head_w, inner, child_w = _widths(width, s)
    checks = [(line, head_w) for line in head_lines(column.head, s)]
    checks += [(heading_line(g.heading, s, ""), inner) for g in column.groups]
    checks += [(line, child_w) for g in column.groups for e in g.elements for line in child_lines(e, s)]
    return any(needs_split(text, w, size, bold) for (text, size, bold, _, _), w in checks)
