"""Where every box of bijlage 1 goes on a page A4 landscape wide and at most A4 high.

Missie on top, visie at the bottom, the kernelement columns between them (arranged by bijlage1_grid.py),
each with its header, its children's level named above them, and the children. Missie and visie are
full-width bands. The drawing starts under the title and the page ends under the drawing (and the footer,
when it is kept), so a raadsvoorstel gets no empty bands.
"""

from __future__ import annotations

from api.kg.diagrams import palette
from api.kg.diagrams.bijlage1 import Bijlage1, Column, Element
from api.kg.diagrams.bijlage1_grid import ROW_GAP, Grid, fit
from api.kg.diagrams.bijlage1_parts import PAD, ColumnParts, Part, child_pad, gap, part
from api.kg.diagrams.layout import (
    CONTENT_WIDTH,
    MARGIN,
    MM,
    PT,
    Box,
    Page,
    Rect,
    TextBlock,
    block_height,
    fit_height,
    frame,
    text_block,
)

WIDTH = CONTENT_WIDTH
BAND_LABEL = 24 * MM


def _band(element: Element, name: str, y: float, hue: palette.Hue, css: str, largest: float = 10.0) -> Box:
    """A full-width band (missie, visie): its name on the left, the text in at most three lines if it can."""
    text = element.text or element.label
    width = WIDTH - BAND_LABEL - 3 * PAD
    for points in [p for p in (largest, largest - 1, largest - 2, largest - 3) if p >= 7.0] or [7.0]:
        body = part([(text, points * PT, False, palette.TEXT, 0.0)], width)
        if len(body.blocks[0].lines) <= 3:
            break
    label = part([(name, largest * PT, True, hue.dark, 0.0)], BAND_LABEL)
    rect = Rect(MARGIN, y, WIDTH, max(body.height, label.height) + 2 * PAD)
    texts = label.at(MARGIN + PAD, y + PAD) + body.at(MARGIN + BAND_LABEL + 2 * PAD, y + PAD)
    return Box(rect, name, _desc(element), hue.light, hue.dark, css, element.iri, texts, radius=1.5 * MM)


def _text_box(text: Part, x: float, y: float, width: float, title: str, fill: str, css: str) -> Box:
    return Box(Rect(x, y, width, text.height), title, "", fill, "none", css, "", text.at(x, y))


def _column(parts: ColumnParts, x: float, y: float, width: float, head_h: float, height: float, s: float) -> Box:
    hue, column, inner = palette.hue(parts.index), parts.column, width - 2 * PAD
    head = column.head
    title = f"{head.level}: {head.label}"
    texts = parts.head.at(x + 2 * PAD, y + 2 * PAD)
    boxes = [
        Box(
            Rect(x + PAD, y + PAD, inner, head_h),
            title,
            _desc(head),
            hue.dark,
            "none",
            "kop",
            head.iri,
            texts,
            radius=MM,
        )
    ]
    cy = y + PAD + head_h + gap(s) * 1.5
    if parts.note:
        boxes.append(_text_box(parts.note, x + PAD, cy, inner, "Geen onderdelen vastgelegd", hue.light, "leeg"))
    for group, heading, children in zip(column.groups, parts.headings, parts.children, strict=True):
        boxes.append(_text_box(heading, x + PAD, cy, inner, f"{group.heading} onder {head.label}", hue.light, "niveau"))
        cy += heading.height + gap(s)
        for element, text in zip(group.elements, children, strict=True):
            pad = child_pad(s)
            rect = Rect(x + PAD, cy, inner, text.height + 2 * pad)
            label = f"{element.level}: {element.label}"
            texts = text.at(x + PAD + pad, cy + pad)
            boxes.append(
                Box(rect, label, _desc(element), palette.WHITE, hue.dark, "kind", element.iri, texts, radius=0.8 * MM)
            )
            cy += rect.h + gap(s)
        cy += gap(s)
    return Box(
        Rect(x, y, width, height),
        title,
        _column_desc(column),
        hue.light,
        "none",
        "kolom",
        head.iri,
        [],
        boxes,
        radius=2 * MM,
    )


def _desc(element: Element) -> str:
    parts = [element.text] if element.text and element.text != element.label else []
    parts += element.layers
    if element.sections:
        sections = sorted(element.sections.split("|"))
        parts.append("Bron: " + ", ".join(f"§ {s}" if s[:1].isdigit() else s for s in sections))
    return ". ".join(parts)


def _column_desc(column: Column) -> str:
    groups = "; ".join(f"{g.heading}: {', '.join(e.label for e in g.elements)}" for g in column.groups)
    return groups or "Geen onderdelen vastgelegd"


def _place_grid(grid: Grid, y: float) -> list[Box]:
    return [
        _column(c.parts, MARGIN + c.x, y + c.y, grid.width, c.head_height, c.height, grid.scale) for c in grid.cells
    ]


def _frame(model: Bijlage1, caption: str) -> list[TextBlock]:
    note = (
        f"Gegenereerd uit de kennisgraaf Beleidsgraaf (plan-id {model.plan.id}); "
        "de beschrijving van elk vak noemt de sectie in het document."
    )
    return frame(model.title, f"{model.plan.titel} · {model.plan.gemeenten}", note, caption)


def layout(model: Bijlage1, caption: str = "", footer: bool = True) -> Page:
    """Position everything, in quarter millimetres; caption (e.g. "Bijlage 1") goes above the title and
    footer=False leaves out the technical note on where the drawing comes from."""
    texts = _frame(model, caption)
    top, bottom = texts[1].y + texts[1].height + 3 * MM, texts[2].y - 3 * MM
    bands = [
        (e, n, h, c)
        for e, n, h, c in (
            (model.missie, "Missie", palette.MISSIE, "missie"),
            (model.visie, "Visie", palette.VISIE, "visie"),
        )
        if e
    ]
    bands_height = sum(_band(e, n, 0.0, h, c).rect.h + ROW_GAP for e, n, h, c in bands)
    grid = fit(model, bottom - top - bands_height) if model.columns else None
    middle = grid.height if grid else block_height(1, 10 * PT)
    # Bands are fitted at 10 pt; when the columns had to shrink, the bands follow (not below 8 pt).
    points = 10 * min(1.0, max(0.8, grid.scale)) if grid else 10.0
    bands_height = sum(_band(e, n, 0.0, h, c, points).rect.h + ROW_GAP for e, n, h, c in bands)
    y = top
    boxes: list[Box] = []
    for element, name, hue, css in bands[:1] if model.missie else []:
        boxes.append(_band(element, name, y, hue, css, points))
        y = boxes[-1].rect.bottom + ROW_GAP
    if grid:
        boxes.extend(_place_grid(grid, y))
    else:
        empty = (
            "Voor dit plan zijn geen kernelementen (opgaven, focuspunten, ambities of beleidsonderdelen) vastgelegd."
        )
        texts.append(text_block(empty, MARGIN, y, WIDTH, 10 * PT, css="melding"))
    y += middle
    for element, name, hue, css in bands[-1:] if model.visie else []:
        boxes.append(_band(element, name, y + ROW_GAP, hue, css, points))
        y = boxes[-1].rect.bottom
    return fit_height(Page(model.title, _page_desc(model), texts, boxes), y, footer)


def _page_desc(model: Bijlage1) -> str:
    parts = [f"{model.title} van {model.plan.titel} ({model.plan.gemeenten})."]
    if model.missie:
        parts.append(f"Missie: {model.missie.text or model.missie.label}")
    for tier in model.tiers:
        columns = "; ".join(f"{c.head.label} ({_column_desc(c)})" for c in tier)
        parts.append(f"{tier[0].head.level} ({len(tier)}): {columns}.")
    if model.visie:
        parts.append(f"Visie: {model.visie.text or model.visie.label}")
    return " ".join(parts)
