"""Bijlage 1 of a plan, read from the graph: missie, one column per kernelement, visie.

Heemskerk's beleidsplan draws its coherence as "Maatschappelijke opgave" columns with "Beleidsterreinen"
beneath; other plans are built from other levels (focuspunten with accenten, ambities with actielijnen,
onderdelen with thema's or acties). The model here is generic: a column is any kernelement of the plan, and
its children are whatever hangs directly under it by bg:onderdeelVan (or a subproperty), grouped by class.
Doelstellingen are not children but an optional count, as in the original drawing.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from api.kg.diagrams.plans import PlanInfo, named_queries
from api.kg.plan_model import Element as PlanElement
from api.kg.plan_model import read_plan
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
    """The plan's structure from the one plan model (api.kg.plan_model); the flags add the optional layers."""
    model = read_plan(store, named_queries(), plan.id, with_info=False)
    wanted = {name for name, on in (("wet", wetten), ("doelstellingen", doelen), ("budget", budget)) if on}
    layers = _layers(store, plan, wanted)

    def drawn(element: PlanElement) -> Element:
        label = element.naam if element.named else (element.tekst or element.naam)
        return Element(element.iri, label, element.soort, element.tekst, element.secties, layers.get(element.iri, []))

    columns = []
    for head in model.kern if model else []:
        levels = dict.fromkeys(child.soort for child in head.kinderen)
        groups = [Group(level, [drawn(c) for c in head.kinderen if c.soort == level]) for level in levels]
        columns.append(Column(drawn(head), groups))
    # Columns of one kind stay together (a tier), tiers in the order their first column appears.
    tiers = list(dict.fromkeys(column.head.level for column in columns))
    columns.sort(key=lambda column: tiers.index(column.head.level))
    missie = drawn(model.missie[0]) if model and model.missie else None
    visie = drawn(model.visie[0]) if model and model.visie else None
    return Bijlage1(plan, missie, visie, columns)
