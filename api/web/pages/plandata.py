"""A plan's course read for its pages: kernelementen with what falls beneath them, goals, laws, money, partners.

Each loader is one named query with the plan as parameter (all cheap on the embedded store); the plan page
uses them all, an opgave page picks its own element out of the same answers.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from api.kg.queries import QueryCatalog
from api.kg.store import GraphStore
from api.web.pages.common import Record, records
from api.web.pages.format import section_key


@dataclass
class Element:
    """A node of the plan's structure as bijlage1 returns it: missie, visie, a kernelement or what is under it."""

    iri: str
    naam: str
    soort: str
    tekst: str = ""
    secties: str = ""
    volgnummer: int | None = None
    wetten: list[Record] = field(default_factory=list)
    kinderen: list[Element] = field(default_factory=list)
    doelstellingen: list[Record] = field(default_factory=list)
    budgetten: list[Record] = field(default_factory=list)
    ontwikkelingen: list[Record] = field(default_factory=list)
    partners: dict[str, str] = field(default_factory=dict)  # partner IRI -> name

    def order(self, common: set[str]) -> tuple[tuple[int, list[tuple[int, str]]], int, str]:
        """Document order: the element's first own section, then its number within it, then its name.

        Sections most siblings share (an introduction listing them all, an appendix) say nothing about order, so
        they are left out when the element has others: Heemstede's onderdelen all cite § 1.1, then § 3, 4 and 5.
        """
        mine = set(self.secties.split("|")) if self.secties else set()
        own = (mine - common) or mine
        first = min(own, key=section_key) if own else "~"
        return (section_key(first), self.volgnummer if self.volgnummer is not None else 10**6, self.naam.lower())


def in_document_order(elements: list[Element]) -> None:
    cited = Counter(s for e in elements if e.secties for s in set(e.secties.split("|")))
    common = {section for section, n in cited.items() if len(elements) > 1 and n * 2 > len(elements)}
    elements.sort(key=lambda e: e.order(common))


@dataclass
class Structure:
    missie: list[Element]
    visie: list[Element]
    kern: list[Element]

    def element(self, iri: str) -> Element | None:
        return next((e for e in self.kern if e.iri == iri), None)


def _element(record: Record) -> Element:
    number = record.get("volgnummer")
    return Element(
        iri=record["element"],
        naam=record.get("naam") or record["element"].rsplit("/", 1)[-1],
        soort=record.get("klasseNaam", ""),
        tekst=record.get("tekst", ""),
        secties=record.get("secties", ""),
        volgnummer=int(number) if number else None,
    )


def structure(store: GraphStore, queries: QueryCatalog, plan_id: str) -> Structure:
    """Missie, visie and kernelementen with their children and laws, in document order."""
    rows = records(store, queries, "bijlage1", plan=plan_id)
    laws: dict[str, list[Record]] = {}
    for law in records(store, queries, "pagina-wetten", plan=plan_id):
        laws.setdefault(law["element"], []).append(law)
    found = Structure([], [], [])
    kern: dict[str, Element] = {}
    for row in rows:
        if row["rol"] in ("missie", "visie", "kern"):
            element = _element(row)
            element.wetten = laws.get(element.iri, [])
            getattr(found, row["rol"]).append(element)
            if row["rol"] == "kern":
                kern[element.iri] = element
    for row in rows:
        parent = kern.get(row.get("ouder", ""))
        if row["rol"] == "kind" and parent is not None and all(c.iri != row["element"] for c in parent.kinderen):
            child = _element(row)
            child.wetten = laws.get(child.iri, [])
            parent.kinderen.append(child)
    for element in found.kern:
        in_document_order(element.kinderen)
    in_document_order(found.kern)
    return found


def attach(
    found: Structure, store: GraphStore, queries: QueryCatalog, plan_id: str, query: str, key: str, field: str
) -> list[Record]:
    """Rows of a named query hung under their kernelement (by column `key`) in the element's list `field`.

    Used for doelstellingen, budgets and ontwikkelingen; returns the rows that fall under no kernelement
    (the plan's own: loose goals, totals, plan-wide developments).
    """
    rest: list[Record] = []
    for row in records(store, queries, query, plan=plan_id):
        element = found.element(row.get(key, ""))
        (getattr(element, field) if element else rest).append(row)
    return rest


def attach_goals(found: Structure, store: GraphStore, queries: QueryCatalog, plan_id: str) -> list[Record]:
    return attach(found, store, queries, plan_id, "pagina-doelstellingen", "hoofd", "doelstellingen")


def attach_budgets(found: Structure, store: GraphStore, queries: QueryCatalog, plan_id: str) -> list[Record]:
    return attach(found, store, queries, plan_id, "budgetten-per-opgave", "voor", "budgetten")


def attach_developments(found: Structure, store: GraphStore, queries: QueryCatalog, plan_id: str) -> list[Record]:
    return attach(found, store, queries, plan_id, "pagina-ontwikkelingen", "voor", "ontwikkelingen")


def attach_partners(found: Structure, store: GraphStore, queries: QueryCatalog, plan_id: str) -> list[Record]:
    """Which partners work on each kernelement or anything beneath it; returns the matrix rows for reuse."""
    rows = records(store, queries, "matrix-partners", plan=plan_id)
    for row in rows:
        element = found.element(row["hoofd"])
        if element is not None and row.get("partner"):
            element.partners[row["partner"]] = row["partnerNaam"]
    return rows
