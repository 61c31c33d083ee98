"""Where the nodes and lines of a partner network go on an A4 landscape page.

A layered (bipartite) layout: within one plan, what is served on the left, grouped under the opgave or
other top-level element it belongs to, and the partners on the right; for all plans, gemeenten, plans and
partners in three layers. Each layer is ordered to keep lines short and crossings few (the barycentre of
a node's neighbours in the layer before it), which is deterministic: the same graph gives the same page.
The figures sit in a side table on the right; the roles are told apart by dash pattern and named in a
legend, not by colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from api.kg.diagrams import palette
from api.kg.diagrams.layout import (
    MARGIN,
    MM,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    PT,
    Box,
    Edge,
    Rect,
    TextBlock,
    block_height,
    clip_lines,
    text_width,
)
from api.kg.diagrams.network import Network

TABLE_WIDTH = 70 * MM
RIGHT = PAGE_WIDTH - MARGIN - TABLE_WIDTH - 8 * MM  # right edge of the network area
DOT = 0.9 * MM
MAX_PITCH = 9 * MM
DOT_GAP = 1.35 * DOT  # lines start just outside a node's dot
ROLES: dict[str, tuple[str, str, float]] = {  # colour (3:1 on white at least), dash pattern, width
    "uitvoerder": ("#1f4e79", "", 1.3),
    "trekker": ("#8a3b12", "", 2.6),
    "samenwerkingspartner": ("#2d6a2f", "5 3", 1.3),
    "financier": ("#5b3a8c", "1.5 2.5", 1.8),
    "ondertekenaar": ("#3d4a5c", "8 3 2 3", 1.3),
}
OTHER_ROLE = ("#595959", "", 1.2)


@dataclass
class Row:
    """One line of a layer: a node (or a group heading without one) at a height."""

    node: str | None
    text: str
    bold: bool = False
    y: float = 0.0


def text_size(pitch: float) -> tuple[float, int]:
    """Font size and number of lines a row of this height can hold (two lines only if 6 pt or more)."""
    two = min(8 * PT, pitch * 0.385)
    return (two, 2) if two >= 6 * PT else (min(8 * PT, pitch * 0.786), 1)


def spread(rows: list[Row], top: float, bottom: float, group_gap: float = 0.0, most: float = MAX_PITCH) -> float:
    """Give the rows evenly spaced heights between top and bottom (centred); returns the pitch."""
    gaps = sum(1 for i, row in enumerate(rows) if i and row.node is None and group_gap)
    pitch = min(most, (bottom - top) / max(len(rows) + gaps * group_gap, 1))
    y = top + ((bottom - top) - pitch * (len(rows) + gaps * group_gap)) / 2 + pitch / 2
    for i, row in enumerate(rows):
        if i and row.node is None and group_gap:
            y += pitch * group_gap
        row.y = y
        y += pitch
    return pitch


def label(row: Row, x: float, width: float, pitch: float, anchor: str, fill: str = palette.TEXT) -> TextBlock:
    """The row's text, at most as many lines as the pitch holds, vertically centred on the row."""
    size, lines = text_size(pitch)
    wrapped = clip_lines(row.text, width, size, lines, row.bold)
    y = row.y - block_height(len(wrapped), size) / 2
    return TextBlock(wrapped, x, y, size, row.bold, anchor, fill, "knooplabel")


def dot(x: float, y: float, title: str, iri: str, fill: str = palette.TEXT) -> Box:
    return Box(Rect(x - DOT, y - DOT, 2 * DOT, 2 * DOT), title, "", fill, "none", "knoop", iri, radius=DOT)


def curve(x1: float, y1: float, x2: float, y2: float) -> str:
    middle = (x1 + x2) / 2
    return f"M{x1:.1f} {y1:.1f} C{middle:.1f} {y1:.1f} {middle:.1f} {y2:.1f} {x2:.1f} {y2:.1f}"


def edge(x1: float, y1: float, x2: float, y2: float, roles: set[str], title: str, width: float = 0.0) -> Edge:
    role = sorted(roles)[0] if roles else ""
    colour, dash, base = ROLES.get(role, OTHER_ROLE)
    return Edge(curve(x1, y1, x2, y2), colour, width or base, title, dash, "rol-" + (role or "structuur"))


def order_by_neighbours(g: nx.Graph, nodes: list[str], placed: dict[str, int]) -> list[str]:
    """Barycentre ordering: each node goes to the mean place of its already placed neighbours."""

    def key(node: str) -> tuple[float, int, str]:
        places = [placed[n] for n in g.neighbors(node) if n in placed]
        centre = sum(places) / len(places) if places else float(len(placed))
        return (centre, -g.degree(node), str(g.nodes[node].get("naam", node)).lower())

    return sorted(nodes, key=key)


def legend(y: float, roles: list[str]) -> tuple[list[Edge], list[TextBlock]]:
    """A line of role samples: each dash pattern drawn and named."""
    edges, texts = [], []
    x = MARGIN
    size = 6.8 * PT
    texts.append(TextBlock(("Rol van de partner:",), x, y, size, True, fill=palette.TEXT, css="legenda"))
    x += text_width("Rol van de partner:", size, True) + 3 * MM
    middle = y + block_height(1, size) / 2
    for role in roles:
        colour, dash, width = ROLES.get(role, OTHER_ROLE)
        edges.append(Edge(f"M{x:.1f} {middle:.1f} H{x + 10 * MM:.1f}", colour, width, role, dash, "legenda"))
        x += 11.5 * MM
        texts.append(TextBlock((role,), x, y, size, fill=palette.TEXT, css="legenda"))
        x += text_width(role, size) + 5 * MM
    return edges, texts


def roles_used(network: Network) -> list[str]:
    used = {link.rol for link in network.links}
    return [role for role in ROLES if role in used] + sorted(used - set(ROLES))


def network_area(top: float) -> tuple[float, float]:
    """Top and bottom of the drawing area, above the legend and the footer."""
    return top, PAGE_HEIGHT - MARGIN - 16 * MM
