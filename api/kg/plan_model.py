"""The one model of a plan's course that every surface reads: missie and visie, kernelementen with what falls
beneath them and their laws, doelstellingen, indicators, money, ontwikkelingen and partners.

Read once per request from named queries with the plan as parameter (bijlage1, pagina-wetten,
pagina-doelstellingen, budgetten-per-opgave, pagina-ontwikkelingen, indicatoren-per-opgave, matrix-partners), all
cheap on the embedded store. The plan page, the opgave page, REST /plannen/{id} and the bijlage-1 diagram are views
of it; none of them rebuilds the structure from rows of its own. (The workbook, api.kg.workbook, holds every
statement of a plan and reads the plan's graph whole; this model is the course a reader follows.)
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from api.kg.queries import QueryCatalog, run_named
from api.kg.sections import section_key
from api.kg.store import GraphStore

Record = dict[str, str]


def _records(store: GraphStore, queries: QueryCatalog, name: str, **arguments: str) -> list[Record]:
    return list(run_named(store, queries, name, **arguments).records())


def level_name(row: Record) -> str:
    """The class's Dutch label; for a class the ontology does not (yet) define, its split local name."""
    if row.get("klasseNaam"):
        return row["klasseNaam"]
    local = row.get("klasse", "").rsplit("/", 1)[-1]
    words = re.findall(r"[A-Z][a-z]*|[a-z]+|\d+", local)
    return " ".join([words[0], *(w.lower() for w in words[1:])]) if words else "Onderdeel"


@dataclass
class Element:
    """A node of the plan's structure: missie, visie, a kernelement or what is under it."""

    iri: str
    naam: str
    soort: str
    tekst: str = ""
    secties: str = ""
    volgnummer: int | None = None
    named: bool = True  # False when naam is only the IRI's last part (the document gives no name)
    wetten: list[Record] = field(default_factory=list)
    kinderen: list[Element] = field(default_factory=list)
    doelstellingen: list[Record] = field(default_factory=list)
    budgetten: list[Record] = field(default_factory=list)
    ontwikkelingen: list[Record] = field(default_factory=list)
    indicatoren: list[Record] = field(default_factory=list)  # the document's indicators (or its "geen") for it
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
class Plan:
    id: str
    titel: str
    soorten: list[str]
    gemeenten: dict[str, str]  # IRI -> name
    missie: list[Element]
    visie: list[Element]
    kern: list[Element]
    schema_sectie: str = ""  # where the document draws its own coherence diagram (Heemskerk: bijlage 1)
    losse_doelstellingen: list[Record] = field(default_factory=list)  # goals under no kernelement
    totalen: list[Record] = field(default_factory=list)  # budgets under no kernelement (plan totals)
    ontwikkelingen: list[Record] = field(default_factory=list)  # plan-wide developments
    partner_rows: list[Record] = field(default_factory=list)  # matrix-partners: who serves what, with role

    def element(self, iri: str) -> Element | None:
        return next((e for e in self.kern if e.iri == iri), None)

    @property
    def budgetten(self) -> list[Record]:
        return [b for e in self.kern for b in e.budgetten] + self.totalen

    @property
    def aantal_doelstellingen(self) -> int:
        return sum(len(e.doelstellingen) for e in self.kern) + len(self.losse_doelstellingen)

    def counts(self) -> list[tuple[str, int]]:
        """How many of each kind the structure has, kernelementen first: 'Maatschappelijke opgave: 5'."""
        kern = Counter(e.soort for e in self.kern)
        under = Counter(c.soort for e in self.kern for c in e.kinderen)
        return [*kern.items(), *((soort, n) for soort, n in under.items() if soort not in kern)]


def _element(record: Record) -> Element:
    number = record.get("volgnummer")
    return Element(
        iri=record["element"],
        naam=record.get("naam") or record["element"].rsplit("/", 1)[-1],
        soort=level_name(record),
        tekst=record.get("tekst", ""),
        secties=record.get("secties", ""),
        volgnummer=int(float(number)) if number else None,
        named=bool(record.get("naam")),
    )


def _structure(store: GraphStore, queries: QueryCatalog, plan_id: str) -> tuple[list[Element], ...]:
    rows = _records(store, queries, "bijlage1", plan=plan_id)
    laws: dict[str, list[Record]] = {}
    for law in _records(store, queries, "pagina-wetten", plan=plan_id):
        laws.setdefault(law["element"], []).append(law)
    found: dict[str, list[Element]] = {"missie": [], "visie": [], "kern": []}
    kern: dict[str, Element] = {}
    for row in rows:
        if row["rol"] in found and all(e.iri != row["element"] for e in found[row["rol"]]):
            element = _element(row)
            element.wetten = laws.get(element.iri, [])
            found[row["rol"]].append(element)
            if row["rol"] == "kern":
                kern[element.iri] = element
    for row in rows:
        parent = kern.get(row.get("ouder", ""))
        if row["rol"] == "kind" and parent is not None and all(c.iri != row["element"] for c in parent.kinderen):
            child = _element(row)
            child.wetten = laws.get(child.iri, [])
            parent.kinderen.append(child)
    for element in found["kern"]:
        in_document_order(element.kinderen)
    in_document_order(found["kern"])
    return found["missie"], found["visie"], found["kern"]


def _attach(plan: Plan, rows: list[Record], key: str, attribute: str) -> list[Record]:
    """Rows hung under their kernelement (column key) in the element's list; returns those under none."""
    rest: list[Record] = []
    for row in rows:
        element = plan.element(row.get(key, ""))
        (getattr(element, attribute) if element else rest).append(row)
    return rest


def read_plan(store: GraphStore, queries: QueryCatalog, plan_id: str, *, with_info: bool = True) -> Plan | None:
    """The plan's course, or None when no plan has this id.

    with_info=False skips the plan's title, kind and gemeenten, for a page that shows one element of a plan it
    has already found (one query less on every opgave page).
    """
    info = _records(store, queries, "plan", plan=plan_id) if with_info else [{"titel": plan_id}]
    if not info:
        return None
    missie, visie, kern = _structure(store, queries, plan_id)
    plan = Plan(
        id=plan_id,
        titel=info[0]["titel"],
        soorten=sorted({r["soort"] for r in info if r.get("soort")}) or ["beleidsdocument"],
        gemeenten={r["gemeente"]: r.get("gemeenteNaam", r["gemeente"]) for r in info if r.get("gemeente")},
        missie=missie,
        visie=visie,
        kern=kern,
        schema_sectie=next((r["schemaSectie"] for r in info if r.get("schemaSectie")), ""),
    )
    plan.losse_doelstellingen = _attach(
        plan, _records(store, queries, "pagina-doelstellingen", plan=plan_id), "hoofd", "doelstellingen"
    )
    plan.totalen = _attach(plan, _records(store, queries, "budgetten-per-opgave", plan=plan_id), "voor", "budgetten")
    plan.ontwikkelingen = _attach(
        plan, _records(store, queries, "pagina-ontwikkelingen", plan=plan_id), "voor", "ontwikkelingen"
    )
    _attach(plan, _records(store, queries, "indicatoren-per-opgave", plan=plan_id), "hoofd", "indicatoren")
    plan.partner_rows = _records(store, queries, "matrix-partners", plan=plan_id)
    for row in plan.partner_rows:
        element = plan.element(row["hoofd"])
        if element is not None and row.get("partner"):
            element.partners[row["partner"]] = row["partnerNaam"]
    return plan
