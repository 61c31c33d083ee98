"""The side table of a network diagram: the three figures staff ask for, as text beside the drawing.

Each section lists at most a handful of rows and says how many more there are, so the table always fits
its column; the full lists are in the JSON figures and in the named queries behind them.
"""

from __future__ import annotations

from api.kg.diagrams import palette
from api.kg.diagrams.layout import MM, PT, Box, Rect, TextBlock, block_height, clip_lines, text_width
from api.kg.diagrams.network import Figures

ROWS = 8
SIZE = 6.8 * PT
HEAD = 7.8 * PT
LINE = 1.22 * SIZE


PLURAL = {
    "maatschappelijke opgave": "opgaven",
    "focuspunt": "focuspunten",
    "ambitie": "ambities",
    "beleidsonderdeel": "onderdelen",
    "onderdeel": "onderdelen",
}


def _section(title: str, rows: list[tuple[str, str]], empty: str, x: float, y: float, width: float, limit: int) -> Box:
    """A heading and rows of (text, figure); the figure right-aligned, the text in at most two lines."""
    heading = clip_lines(title, width, HEAD, 3, bold=True)
    texts = [TextBlock(heading, x, y, HEAD, True, fill=palette.TEXT, css="tabelkop")]
    cy = y + block_height(len(heading), HEAD) + 1.2 * MM
    shown = rows if len(rows) <= limit else rows[: limit - 1]
    for text, figure in shown:
        figure_width = text_width(figure, SIZE, bold=True) + 1.5 * MM
        lines = clip_lines(text, width - figure_width, SIZE, 2)
        texts.append(TextBlock(lines, x, cy, SIZE, fill=palette.TEXT, css="tabeltekst"))
        texts.append(TextBlock((figure,), x + width, cy, SIZE, True, anchor="end", fill=palette.TEXT, css="tabelgetal"))
        cy += block_height(len(lines), SIZE) + 0.8 * MM
    if len(rows) > len(shown):
        more = f"… en nog {len(rows) - len(shown)}"
        texts.append(TextBlock((more,), x, cy, SIZE, fill=palette.MUTED, css="tabelmeer"))
        cy += block_height(1, SIZE) + 0.8 * MM
    if not rows:
        texts.append(TextBlock((empty,), x, cy, SIZE, fill=palette.MUTED, css="tabelleeg"))
        cy += block_height(1, SIZE) + 0.8 * MM
    rect = Rect(x - 2 * MM, y - 2 * MM, width + 4 * MM, cy - y + 1.5 * MM)
    return Box(rect, title, "", "#f4f5f7", "none", "tabel", "", texts, radius=1.5 * MM)


def _kinds(figures: Figures) -> str:
    kinds = list(dict.fromkeys(PLURAL.get(r.get("soort", ""), "kernelementen") for r in figures.weinig_partners))
    names = kinds or ["opgaven"]
    text = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " en " + names[-1]
    return text[:1].upper() + text[1:]


def side_table(
    figures: Figures, x: float, y: float, width: float, bottom: float, plans: dict[str, str] | None = None
) -> list[Box]:
    """Three sections stacked from (x, y) down to at most bottom: most goals, few partners, linking partners.

    Each section shows as many rows as fit (at most ROWS); the rest is counted, never cut off. With plans
    (id -> short name), the table covers several plans and names the plan of each opgave.
    """
    most = [(r["partnerNaam"], r["doelen"]) for r in figures.meeste_doelen]
    few = []
    for row in figures.weinig_partners:
        if int(row["aantalPartners"]) <= 1:
            name = row.get("kernNaam", "")
            plan = plans.get(row["planId"], row["planId"]) if plans is not None else ""
            few.append((f"{name} ({plan})" if plan else name, row["aantalPartners"]))
    linking = [(f"{r['partnerNaam']}: {r['gemeenten']}", r["aantalGemeenten"]) for r in figures.verbindend]
    sections = [
        ("Partners die de meeste doelen dienen (aantal)", most, "Geen partners gekoppeld."),
        (f"{_kinds(figures)} met weinig of geen partners (aantal)", few, "Overal twee of meer partners."),
        ("Partners die gemeenten verbinden (aantal gemeenten)", linking, "Geen partner werkt voor meer gemeenten."),
    ]
    for limit in range(ROWS, 1, -1):
        boxes, top = [], y
        for title, rows, empty in sections:
            boxes.append(_section(title, rows, empty, x, top, width, limit))
            top = boxes[-1].rect.bottom + 4 * MM
        if boxes[-1].rect.bottom <= bottom:
            break
    return boxes
