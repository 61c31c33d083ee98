"""Bijlage 1 of a plan, read from the graph: missie, one column per kernelement, visie.

Heemskerk's beleidsplan draws its coherence as "Maatschappelijke opgave" columns with "Beleidsterreinen"
beneath; other plans are built from other levels (focuspunten with accenten, ambities with actielijnen,
onderdelen with thema's or acties). The model here is generic: a column is any kernelement of the plan, and
its children are whatever hangs directly under it by bg:onderdeelVan (or a subproperty), grouped by class.
Doelstellingen are not children but an optional count, as in the original drawing.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field

from api.kg.diagrams.plans import PlanInfo, document_order, named_queries
from api.kg.store import GraphStore

# Dutch plurals of the level names, for the sub-headings ("Beleidsterreinen") and the title.
PLURALS = {
    "Maatschappelijke opgave": "Maatschappelijke opgaven",
    "Beleidsterrein": "Beleidsterreinen",
    "Focuspunt": "Focuspunten",
    "Accent": "Accenten",
    "Ambitie": "Ambities",
    "Actielijn": "Actielijnen",
    "Beleidsonderdeel": "Beleidsonderdelen",
    "Thema": "Thema's",
    "Actie": "Acties",
    "Randvoorwaarde": "Randvoorwaarden",
    "Doelstelling": "Doelstellingen",
    "Behoefte": "Behoeften",
    "Uitgangspunt": "Uitgangspunten",
    "Visie": "Visies",
    "Missie": "Missies",
    "Ontwikkeling": "Ontwikkelingen",
    "Voorziening": "Voorzieningen",
}


def plural(level: str) -> str:
    return PLURALS.get(level, level)


@dataclass
class Element:
    iri: str
    label: str
    level: str  # the class's Dutch label, e.g. "Beleidsterrein"
    text: str = ""  # bg:tekst, where the document gives one verbatim
    sections: str = ""
    layers: list[str] = field(default_factory=list)  # optional extra lines (wet, doelstellingen, budget)


@dataclass
class Group:
    level: str
    elements: list[Element]

    @property
    def heading(self) -> str:
        """The level above the children: singular for one ("Visie"), plural for more ("Thema's")."""
        return self.level if len(self.elements) == 1 else plural(self.level)


@dataclass
class Column:
    head: Element
    groups: list[Group]


@dataclass
class Bijlage1:
    plan: PlanInfo
    missie: Element | None
    visie: Element | None
    columns: list[Column]

    @property
    def tiers(self) -> list[list[Column]]:
        """Consecutive columns of the same level: opgaven and ambities of one plan are drawn as separate rows."""
        tiers: list[list[Column]] = []
        for column in self.columns:
            if tiers and tiers[-1][0].head.level == column.head.level:
                tiers[-1].append(column)
            else:
                tiers.append([column])
        return tiers

    @property
    def kern_levels(self) -> list[str]:
        return [plural(tier[0].head.level) for tier in self.tiers]

    @property
    def child_levels(self) -> list[str]:
        return list(dict.fromkeys(plural(g.level) for column in self.columns for g in column.groups))

    @property
    def title(self) -> str:
        parts = [name for name, item in (("missie", self.missie), ("visie", self.visie)) if item]
        for level in self.kern_levels + self.child_levels:
            if level.lower() not in parts:
                parts.append(level.lower())
        if not parts:
            return "Samenhang"
        listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " en " + parts[-1]
        return "Samenhang " + listed


def _level(row: dict[str, str]) -> str:
    """The class's Dutch label; for a class the ontology does not (yet) define, its split local name."""
    if row.get("klasseNaam"):
        return row["klasseNaam"]
    local = row.get("klasse", "").rsplit("/", 1)[-1]
    words = re.findall(r"[A-Z][a-z]*|[a-z]+|\d+", local)
    return " ".join([words[0], *(w.lower() for w in words[1:])]) if words else "Onderdeel"


def _element(row: dict[str, str]) -> Element:
    label = row.get("naam") or row.get("tekst") or row["element"].rsplit("/", 1)[-1]
    return Element(row["element"], label, _level(row), row.get("tekst", ""), row.get("secties", ""))


def _order(row: dict[str, str]) -> tuple[float, tuple[object, ...]]:
    """bg:volgnummer where the curators gave one, else the sections that state the element."""
    number = float(row["volgnummer"]) if row.get("volgnummer") else math.inf
    return (number, document_order(row.get("secties", ""), row["element"]))


def _unique(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """One row per (role, element, parent): an element typed twice or labelled twice is drawn once."""
    seen: dict[tuple[str, str, str], dict[str, str]] = {}
    for row in rows:
        seen.setdefault((row["rol"], row["element"], row.get("ouder", "")), row)
    return list(seen.values())


def _layers(store: GraphStore, plan: PlanInfo, wanted: set[str]) -> dict[str, list[str]]:
    if not wanted:
        return {}
    query = named_queries().get("bijlage1-lagen")
    result = store.result(query.sparql, bindings=query.bind({"plan": plan.id}))
    layers: dict[str, list[str]] = defaultdict(list)
    for row in result.records():
        if row["laag"] not in wanted:
            continue
        if row["laag"] == "wet":
            layers[row["element"]].append(f"Wet: {row['waarde']}")
        elif row["laag"] == "doelstellingen":
            count = int(row["waarde"])
            layers[row["element"]].append(f"{count} doelstelling{'' if count == 1 else 'en'}")
        else:
            unit = row.get("eenheid", "")
            amount = row["waarde"] if not unit or unit in row["waarde"] else f"{unit} {row['waarde']}"
            year = f" ({row['jaar']})" if row.get("jaar") else ""
            layers[row["element"]].append(f"Budget {amount}{year}")
    return layers


def load(
    store: GraphStore, plan: PlanInfo, *, wetten: bool = False, doelen: bool = False, budget: bool = False
) -> Bijlage1:
    """Read the plan's bijlage-1 structure; the flags add the optional layers."""
    query = named_queries().get("bijlage1")
    rows = _unique(store.result(query.sparql, bindings=query.bind({"plan": plan.id})).records())
    wanted = {name for name, on in (("wet", wetten), ("doelstellingen", doelen), ("budget", budget)) if on}
    layers = _layers(store, plan, wanted)
    by_role: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in sorted(rows, key=_order):
        by_role[row["rol"]].append(row)
    columns = []
    for row in by_role["kern"]:
        head = _element(row)
        head.layers = layers.get(head.iri, [])
        groups: dict[str, list[Element]] = defaultdict(list)
        for child_row in by_role["kind"]:
            if child_row.get("ouder") == head.iri:
                child = _element(child_row)
                child.layers = layers.get(child.iri, [])
                groups[child.level].append(child)
        columns.append(Column(head, [Group(level, items) for level, items in groups.items()]))
    # Columns of one kind stay together (a tier), tiers in the order their first column appears.
    tiers = list(dict.fromkeys(column.head.level for column in columns))
    columns.sort(key=lambda column: tiers.index(column.head.level))
    missie = _element(by_role["missie"][0]) if by_role["missie"] else None
    visie = _element(by_role["visie"][0]) if by_role["visie"] else None
    return Bijlage1(plan, missie, visie, columns)
