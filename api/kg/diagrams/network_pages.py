"""The two network pages: one plan (what is served ↔ partners) and all plans (gemeenten ↔ plans ↔ partners).

Both use the layered building blocks of network_layout.py and the side table of network_table.py; a plan
without a single partner link gets a Dutch sentence saying so instead of an empty canvas.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import pairwise

import networkx as nx

from api.kg.diagrams import palette
from api.kg.diagrams.layout import (
    MARGIN,
    MM,
    PT,
    Box,
    Page,
    Rect,
    TextBlock,
    block_height,
    clip_lines,
    fit_height,
    frame,
    text_block,
)
from api.kg.diagrams.network import Link, Network, graph
from api.kg.diagrams.network_layout import (
    DOT_GAP,
    MAX_PITCH,
    RIGHT,
    TABLE_WIDTH,
    Row,
    dot,
    edge,
    label,
    legend,
    network_area,
    order_by_neighbours,
    roles_used,
    spread,
)
from api.kg.diagrams.network_table import side_table

NOTE = "Gegenereerd uit de kennisgraaf Beleidsgraaf; de lijnen zijn de koppelingen die de plannen zelf noemen."


SHORT = {"maatschappelijke opgave": "opgave", "beleidsonderdeel": "onderdeel"}


def _soort(text: str) -> str:
    """The kind of a top-level element as a short heading prefix ("Opgave", "Focuspunt", "Randvoorwaarde")."""
    text = SHORT.get(text, text) or "onderdeel"
    return text[:1].upper() + text[1:]


def _groups(network: Network) -> list[Row]:
    """Left layer of one plan: a heading per top-level element (a node if it is served itself), its items."""
    plan_iri = f"https://beleidsgraaf.nl/id/plan/{network.plan_id}"
    groups: dict[str, list[Link]] = defaultdict(list)
    for link in network.links:
        key = "plan" if link.doel == plan_iri else (link.hoofd or "overig")
        groups[key].append(link)
    names = {
        k: f"{_soort(v[0].hoofd_soort)}: {v[0].hoofd_naam}" for k, v in groups.items() if k not in ("plan", "overig")
    }
    order = (
        ["plan"] * ("plan" in groups)
        + sorted(names, key=lambda k: names[k].lower())
        + ["overig"] * ("overig" in groups)
    )
    rows: list[Row] = []
    for key in order:
        served = {link.doel: link.doel_naam for link in groups[key]}
        if key == "plan":
            rows.append(Row(None, "Het plan als geheel", True))
            rows.append(Row(f"doel:{plan_iri}", network.plan.titel if network.plan else "", False))
            continue
        heading = names.get(key, "Overige onderdelen van het plan")
        rows.append(Row(f"doel:{key}" if key in served else None, heading, True))
        rows += [
            Row(f"doel:{iri}", name) for iri, name in sorted(served.items(), key=lambda i: i[1].lower()) if iri != key
        ]
    return rows


def _sweep(g: nx.Graph, left: list[Row]) -> list[str]:
    """Order the partners by their neighbours on the left, then the items within each group by their partners,
    then the partners once more: two barycentre sweeps that remove most needless crossings."""
    partners = [n for n, data in g.nodes(data=True) if data["laag"] == 2]
    partners = order_by_neighbours(g, partners, {row.node: i for i, row in enumerate(left) if row.node})
    place = {node: i for i, node in enumerate(partners)}
    heads_at = [i for i, row in enumerate(left) if row.bold]
    start = 0
    for end in [*heads_at[1:], len(left)]:
        items = [row for row in left[start:end] if not row.bold]
        heads = [row for row in left[start:end] if row.bold]
        items.sort(key=lambda row: sum(place[n] for n in g.neighbors(row.node)) / max(g.degree(row.node), 1))
        left[start:end] = heads + items
        start = end
    return order_by_neighbours(g, partners, {row.node: i for i, row in enumerate(left) if row.node})


def _empty(network: Network, top: float) -> list[TextBlock]:
    message = (
        "In de kennisgraaf is voor dit plan geen enkele partner gekoppeld aan een opgave, doelstelling, actie of "
        "aan het plan zelf (als uitvoerder, trekker, samenwerkingspartner, financier of ondertekenaar). Er is dus "
        "geen netwerk te tekenen; de tabel hiernaast laat zien welke opgaven daardoor zonder partners staan."
    )
    width = RIGHT - MARGIN - 20 * MM
    block = text_block(message, MARGIN + 10 * MM, 0.0, width, 11 * PT, css="melding")
    return [TextBlock(block.lines, block.x, top + 10 * MM, block.size, css="melding")]


def plan_page(network: Network, caption: str = "") -> Page:
    plan = network.plan
    assert plan is not None
    texts = frame("Partnernetwerk: wie werkt waaraan", f"{plan.titel} · {plan.gemeenten}", NOTE, caption)
    top, bottom = network_area(texts[1].y + texts[1].height + 5 * MM)
    table = side_table(network.figures, RIGHT + 8 * MM, top, TABLE_WIDTH - 4 * MM, bottom)
    if not network.links:  # the message and the table, on a page no higher than they need
        message = _empty(network, top)
        content = max([message[0].y + message[0].height, *(box.rect.bottom for box in table)])
        page = Page("Partnernetwerk: " + plan.titel, "Geen partners gekoppeld.", texts + message, table)
        return fit_height(page, content, footer=True)
    g = graph(network)
    left = _groups(network)
    pitch = spread(left, top, bottom, group_gap=0.5)
    x_left, x_right = MARGIN + 75 * MM, RIGHT - 55 * MM
    partners = _sweep(g, left)
    placed = {row.node: i for i, row in enumerate(left) if row.node}
    plan_node = f"doel:https://beleidsgraaf.nl/id/plan/{plan.id}"
    right = [Row(p, _partner_label(g, p, plan_node)) for p in partners]
    pitch_right = spread(right, top, bottom)
    boxes: list[Box] = []
    ys = {row.node: row.y for row in left + right if row.node}
    for row in left:
        texts.append(label(row, x_left - 2 * MM, 73 * MM, pitch, "end"))
        if row.node:
            boxes.append(dot(x_left, row.y, row.text, g.nodes[row.node]["iri"]))
    for row in right:
        texts.append(label(row, x_right + 2 * MM, 53 * MM, pitch_right, "start"))
        boxes.append(dot(x_right, row.y, row.text, g.nodes[row.node or ""]["iri"]))
    edges = []
    for a, b, data in sorted(g.edges(data=True)):
        doel, partner = (a, b) if a.startswith("doel:") else (b, a)
        title = f"{g.nodes[partner]['naam']} — {', '.join(sorted(data['rollen']))} — {g.nodes[doel]['naam']}"
        edges.append(edge(x_left + DOT_GAP, ys[doel], x_right - DOT_GAP, ys[partner], data["rollen"], title))
    legend_edges, legend_texts = legend(bottom + 4 * MM, roles_used(network))
    desc = _desc(network, len(partners), len(placed))
    return Page("Partnernetwerk: " + plan.titel, desc, texts + legend_texts, table + boxes, edges + legend_edges)


def _partner_label(g: nx.Graph, partner: str, plan_node: str) -> str:
    """The partner's name with the number of things it serves, the plan as a whole not counted (as in the table)."""
    served = sum(1 for n in g.neighbors(partner) if n != plan_node)
    return f"{g.nodes[partner]['naam']} ({served})" if served else g.nodes[partner]["naam"]


def _desc(network: Network, partners: int, served: int) -> str:
    most = ", ".join(f"{r['partnerNaam']} ({r['doelen']})" for r in network.figures.meeste_doelen[:5])
    text = f"{partners} partners gekoppeld aan {served} onderdelen in {len(network.links)} koppelingen."
    return text + (f" Partners met de meeste doelen: {most}." if most else "")


def all_page(network: Network, caption: str = "") -> Page:
    """Gemeenten, plans and partners: which partners work for more than one municipality."""
    subtitle = "Alle plannen in de kennisgraaf · gemeente, plan en partner"
    texts = frame("Partners over gemeenten heen", subtitle, NOTE, caption)
    top, bottom = network_area(texts[1].y + texts[1].height + 5 * MM)
    table = side_table(network.figures, RIGHT + 8 * MM, top, TABLE_WIDTH - 4 * MM, bottom, network.short_names)
    g = graph(network)
    for plan_id, title in network.titles.items():  # plans without partner links still appear
        g.add_node(f"plan:{plan_id}", laag=1, naam=title, iri=plan_id)
        for gemeente in network.gemeenten.get(plan_id, []):
            g.add_node(f"gemeente:{gemeente}", laag=0, naam=gemeente, iri="")
            g.add_edge(f"gemeente:{gemeente}", f"plan:{plan_id}", doelen=set(), rollen=set())
    layers = [
        sorted((n for n, d in g.nodes(data=True) if d["laag"] == k), key=lambda n: g.nodes[n]["naam"]) for k in range(3)
    ]
    placed = {n: i for i, n in enumerate(layers[0])}
    layers[1] = order_by_neighbours(g, layers[1], placed)
    placed = {n: i for i, n in enumerate(layers[1])}
    layers[2] = order_by_neighbours(g, layers[2], placed)
    municipalities = {
        p: {n for plan in g.neighbors(p) for n in g.neighbors(plan) if n.startswith("gemeente:")} for p in layers[2]
    }
    rows = [[Row(n, g.nodes[n]["naam"]) for n in layer] for layer in layers]
    for row in rows[2]:
        count = len(municipalities[row.node or ""])
        row.text += f" · {count} gemeenten" if count > 1 else ""
        row.bold = count > 1
    pitches = [
        spread(layer, top, bottom, most=most) for layer, most in zip(rows, (40 * MM, 40 * MM, MAX_PITCH), strict=True)
    ]
    _align(g, rows[0], {row.node: row.y for row in rows[1]}, 8 * MM, bottom)
    x_gem, x_plan, x_partner = MARGIN + 30 * MM, MARGIN + 52 * MM, RIGHT - 52 * MM
    plan_width = 48 * MM
    boxes, ys = [], {row.node: row.y for layer in rows for row in layer}
    for row in rows[0]:
        texts.append(label(row, x_gem - 2 * MM, 28 * MM, pitches[0], "end"))
        boxes.append(dot(x_gem, row.y, row.text, ""))
    for row in rows[1]:
        boxes.append(_plan_box(row, x_plan, plan_width, pitches[1]))
    for row in rows[2]:
        texts.append(label(row, x_partner + 2 * MM, 50 * MM, pitches[2], "start"))
        boxes.append(dot(x_partner, row.y, row.text, g.nodes[row.node or ""]["iri"]))
    edges = []
    for a, b, data in sorted(g.edges(data=True)):
        if a.startswith("gemeente:") or b.startswith("gemeente:"):
            gem, plan = (a, b) if a.startswith("gemeente:") else (b, a)
            edges.append(
                edge(
                    x_gem + DOT_GAP,
                    ys[gem],
                    x_plan,
                    ys[plan],
                    set(),
                    f"{g.nodes[gem]['naam']} — {g.nodes[plan]['naam']}",
                    1.0,
                )
            )
            continue
        plan, partner = (a, b) if a.startswith("plan:") else (b, a)
        n = len(data["doelen"])
        title = f"{g.nodes[partner]['naam']} — {n} koppeling(en) in — {g.nodes[plan]['naam']}"
        edges.append(
            edge(
                x_plan + plan_width,
                ys[plan],
                x_partner - DOT_GAP,
                ys[partner],
                data["rollen"],
                title,
                0.8 + 0.45 * min(n, 6),
            )
        )
    legend_edges, legend_texts = legend(bottom + 4 * MM, roles_used(network))
    desc = f"{len(layers[2])} partners in {len(layers[1])} plannen van {len(layers[0])} gemeenten."
    return Page("Partners over gemeenten heen", desc, texts + legend_texts, table + boxes, edges + legend_edges)


def _align(g: nx.Graph, rows: list[Row], targets: dict[str | None, float], gap: float, bottom: float) -> None:
    """Move each row level with the mean of its neighbours, keeping at least gap between rows, above bottom."""
    for row in rows:
        ys = [targets[n] for n in g.neighbors(row.node) if n in targets]
        row.y = sum(ys) / len(ys) if ys else row.y
    rows.sort(key=lambda row: row.y)
    for before, row in pairwise(rows):
        row.y = max(row.y, before.y + gap)
    overflow = rows[-1].y - bottom if rows else 0.0
    for row in rows if overflow > 0 else []:
        row.y -= overflow


def _plan_box(row: Row, x: float, width: float, pitch: float) -> Box:
    """A plan in the middle layer: a dark box with its title in white, never taller than its row."""
    size = min(7.5 * PT, (pitch - 3 * MM) / (0.93 + 0.24 + 2 * 1.22))
    lines = clip_lines(row.text, width - 3 * MM, size, 3)
    height = block_height(len(lines), size) + 2 * MM
    rect = Rect(x, row.y - height / 2, width, height)
    text = TextBlock(lines, x + 1.5 * MM, rect.y + 1 * MM, size, fill=palette.WHITE, css="planlabel")
    return Box(rect, row.text, "", palette.HUES[0].dark, "none", "plan", "", [text], radius=1 * MM)
