"""Partner networks from the graph: who serves what within one plan, and who links municipalities.

The links come from queries/partnernetwerk.rq; the figures staff ask for (partners serving the most
goals, opgaven with few or no partners, partners that connect municipalities) from their own named
queries, so that the side table of the diagram and the JSON figures are the same answers the CLI gives.
The graph is a networkx graph; its layered order (network_layout.py) comes from its neighbourhoods.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field

import networkx as nx

from api.kg.diagrams.plans import ALLE, PlanInfo, named_queries, plan_info, plans
from api.kg.store import GraphStore


def readable(iri: str) -> str:
    """A name for a node the graph has no Dutch label for yet: its IRI's last segment, spaced."""
    slug = iri.rstrip("/").rsplit("/", 1)[-1].replace("-", " ")
    return slug[:1].upper() + slug[1:]


def _name(value: str, iri: str) -> str:
    return readable(iri) if not value or value == iri or value.startswith("http") else value


@dataclass(frozen=True)
class Link:
    """One partner serving one thing in one plan, in one role."""

    plan: str
    doel: str
    doel_naam: str
    doel_soort: str
    hoofd: str  # the top-level element the served thing is or falls under ('' if none)
    hoofd_naam: str
    hoofd_soort: str
    partner: str
    partner_naam: str
    rol: str


@dataclass
class Figures:
    """The side table, as data: the rows of the three figure queries."""

    meeste_doelen: list[dict[str, str]] = field(default_factory=list)
    weinig_partners: list[dict[str, str]] = field(default_factory=list)
    verbindend: list[dict[str, str]] = field(default_factory=list)

    def as_dict(self) -> dict[str, list[dict[str, str]]]:
        return asdict(self)


@dataclass
class Network:
    plan: PlanInfo | None  # None for the network of all plans
    links: list[Link]
    gemeenten: dict[str, list[str]]  # plan id -> municipality names
    titles: dict[str, str]  # plan id -> title
    figures: Figures
    kinds: dict[str, str] = field(default_factory=dict)  # plan id -> documentsoort

    @property
    def short_names(self) -> dict[str, str]:
        """A plan by its kind and municipalities ("woonzorgvisie Beverwijk, Heemskerk"): shorter than a title."""
        return {pid: f"{self.kinds.get(pid, 'plan')} {', '.join(self.gemeenten.get(pid, []))}" for pid in self.titles}

    @property
    def plan_id(self) -> str:
        return self.plan.id if self.plan else ALLE


def _run(store: GraphStore, name: str, plan_id: str) -> list[dict[str, str]]:
    query = named_queries().get(name)
    arguments = {} if plan_id == ALLE else {"plan": plan_id}
    return store.result(query.sparql, bindings=query.bind(arguments)).records()


def figures(store: GraphStore, plan_id: str) -> Figures:
    """The three figures for one plan, or for all plans with ALLE."""
    if plan_id != ALLE:
        plan_info(store, plan_id)
    meeste = [row for row in _run(store, "partners", plan_id) if row["doelen"] != "0"]
    weinig = _run(store, "opgaven-partnerdekking", plan_id)
    verbindend = _run(store, "partners-in-meerdere-gemeenten", plan_id)
    for row in meeste + verbindend:
        row["partnerNaam"] = _name(row.get("partnerNaam", ""), row["partner"])
    for row in verbindend:
        row["gemeenten"] = ", ".join(sorted(row.get("gemeenten", "").split(", ")))
        row["plannen"] = ", ".join(sorted(row.get("plannen", "").split(", ")))
    return Figures(meeste, weinig, verbindend)


def load(store: GraphStore, plan_id: str) -> Network:
    """The links of one plan (or of every plan with ALLE) with their figures."""
    known = plans(store)
    plan = None if plan_id == ALLE else plan_info(store, plan_id)
    gemeenten: dict[str, set[str]] = defaultdict(set)
    links: dict[tuple[str, str, str, str], Link] = {}
    for row in _run(store, "partnernetwerk", plan_id):
        gemeenten[row["planId"]].add(row["gemeenteNaam"])
        key = (row["planId"], row["doel"], row["partner"], row.get("rol", ""))
        if key in links and links[key].hoofd:
            continue
        links[key] = Link(
            row["planId"],
            row["doel"],
            _name(row.get("doelNaam", ""), row["doel"]),
            row.get("doelKlasse", ""),
            row.get("hoofdelement", ""),
            row.get("hoofdNaam", ""),
            row.get("hoofdSoort", ""),
            row["partner"],
            _name(row.get("partnerNaam", ""), row["partner"]),
            row.get("rol", "partner"),
        )
    for info in known.values():
        gemeenten.setdefault(info.id, set(info.gemeenten.split(", ")) if info.gemeenten else set())
    ordered = sorted(links.values(), key=lambda link: (link.plan, link.hoofd_naam, link.doel_naam, link.partner_naam))
    return Network(
        plan,
        ordered,
        {pid: sorted(names) for pid, names in gemeenten.items()},
        {pid: info.titel for pid, info in known.items()},
        figures(store, plan_id),
        {pid: info.soort for pid, info in known.items()},
    )


def graph(network: Network) -> nx.Graph:
    """Served things (or, for all plans, gemeenten and plans) and partners as one undirected graph.

    Node ids carry their kind ('doel:', 'partner:', 'plan:', 'gemeente:') because one IRI can play two
    parts: a municipality is a gemeente of a plan and also a partner that carries out an action.
    """
    g = nx.Graph()
    for link in network.links:
        partner = f"partner:{link.partner}"
        g.add_node(partner, laag=2, naam=link.partner_naam, iri=link.partner)
        if network.plan is None:
            plan = f"plan:{link.plan}"
            g.add_node(plan, laag=1, naam=network.titles.get(link.plan, link.plan), iri=link.plan)
            if g.has_edge(plan, partner):
                g.edges[plan, partner]["doelen"].add(link.doel)
                g.edges[plan, partner]["rollen"].add(link.rol)
            else:
                g.add_edge(plan, partner, doelen={link.doel}, rollen={link.rol})
            for gemeente in network.gemeenten.get(link.plan, []):
                g.add_node(f"gemeente:{gemeente}", laag=0, naam=gemeente, iri="")
                g.add_edge(f"gemeente:{gemeente}", plan, doelen=set(), rollen=set())
        else:
            doel = f"doel:{link.doel}"
            g.add_node(doel, laag=0, naam=link.doel_naam, iri=link.doel, soort=link.doel_soort, hoofd=link.hoofd)
            if g.has_edge(doel, partner):
                g.edges[doel, partner]["rollen"].add(link.rol)
            else:
                g.add_edge(doel, partner, doelen={link.doel}, rollen={link.rol})
    return g


def svg(store: GraphStore, plan_id: str, caption: str = "", footer: bool = True) -> bytes:
    """The network diagram of one plan, or of all plans with ALLE, as SVG; caption and footer as for bijlage 1."""
    from api.kg.diagrams.network_pages import all_page, plan_page
    from api.kg.diagrams.render import render_svg

    network = load(store, plan_id)
    page = all_page(network, caption) if network.plan is None else plan_page(network, caption)
    if not footer:
        page.texts = [t for t in page.texts if t.css != "voet"]
    return render_svg("netwerk.svg.j2", page=page)
