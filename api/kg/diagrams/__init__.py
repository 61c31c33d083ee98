"""Diagrams drawn from the graph: a plan's bijlage 1 (coherence) and partner networks, as SVG, PNG or PDF.

    render_diagram(store, "heemskerk-sociaal-domein-2024", "bijlage1", "svg", wetten=True)
    render_diagram(store, ALLE, "netwerk", "png")
    network_figures(store, "heemskerk-gala-2023-2026")   # the network's side table, as data

Everything is read through the named queries in queries/ (bijlage1, bijlage1-lagen, partnernetwerk and the
three figure queries), laid out in pure Python on a page A4 landscape wide and as high as the drawing needs, at
most A4 (layout.py and the bijlage1_* and network_* modules), and filled into the jinja2 templates in templates/;
PNG and PDF are CairoSVG conversions of that SVG. Unknown plans raise api.errors.NotFound; unknown kinds,
formats or layers raise ValueError.
"""

from __future__ import annotations

from api.errors import NotFound
from api.kg.diagrams import bijlage1, bijlage1_layout, network
from api.kg.diagrams.plans import ALLE, plan_info
from api.kg.diagrams.render import FORMATS, convert, render_svg
from api.kg.store import GraphStore

KINDS = ("bijlage1", "netwerk")
LAYERS: dict[str, tuple[str, ...]] = {"bijlage1": ("wetten", "doelen", "budget"), "netwerk": ()}

__all__ = ["ALLE", "FORMATS", "KINDS", "LAYERS", "network_figures", "render_diagram", "svg"]


def svg(
    store: GraphStore, plan_id: str, kind: str, *, bijschrift: str = "", voettekst: bool = True, **layers: bool
) -> bytes:
    """The diagram as SVG bytes; bijschrift and voettekst as for render_diagram."""
    if kind not in KINDS:
        raise ValueError(f"onbekende diagramsoort '{kind}'; kies uit {', '.join(KINDS)}")
    unknown = sorted(set(layers) - set(LAYERS[kind]))
    if unknown:
        raise ValueError(f"onbekende laag '{unknown[0]}' voor {kind}; kies uit {', '.join(LAYERS[kind]) or 'geen'}")
    if kind == "netwerk":
        return network.svg(store, plan_id, bijschrift, voettekst)
    if plan_id == ALLE:
        raise NotFound(f"Bijlage 1 bestaat per plan; '{ALLE}' kan alleen bij het netwerk.")
    plan = plan_info(store, plan_id)
    page = bijlage1_layout.layout(bijlage1.load(store, plan, **layers), bijschrift, voettekst)
    return render_svg("bijlage1.svg.j2", page=page, plan=plan)


def render_diagram(
    store: GraphStore,
    plan_id: str,
    kind: str,
    fmt: str,
    *,
    bijschrift: str = "",
    voettekst: bool = True,
    **layers: bool,
) -> bytes:
    """A diagram of one plan (or ALLE for the network of every plan) as SVG, PNG or PDF bytes.

    kind is "bijlage1" or "netwerk"; fmt is "svg", "png" or "pdf"; the bijlage1 layers are the flags
    wetten (wettelijk kader under each beleidsterrein), doelen (number of doelstellingen per opgave) and
    budget (the budget per opgave as printed). bijschrift is a caption above the title ("Bijlage 1", as the
    raadsvoorstel numbers it); voettekst=False leaves out the technical note, for a drawing that goes into a
    document of its own.
    """
    if fmt not in FORMATS:
        raise ValueError(f"onbekend formaat '{fmt}'; kies uit {', '.join(FORMATS)}")
    return convert(svg(store, plan_id, kind, bijschrift=bijschrift, voettekst=voettekst, **layers), fmt)


def network_figures(store: GraphStore, plan_id: str) -> dict[str, list[dict[str, str]]]:
    """The figures of the network's side table as data: meeste_doelen, weinig_partners, verbindend."""
    return network.figures(store, plan_id).as_dict()
