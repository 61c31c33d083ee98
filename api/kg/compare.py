"""Municipalities (or plans) side by side: which laws, beleidsterreinen, target groups and partners they share,
what only one of them has, and their objectives per kernelement. One model for the page and the downloads.

Laws, target groups and partners are shared nodes, so they match by IRI. Beleidsterreinen are minted per plan
("Werk en inkomen" in one plan, "Werk & inkomen" in another), so they match by name, with '&' read as 'en' and
case ignored; the page says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

KINDS = (
    ("wet", "Wetten en verdragen"),
    ("beleidsterrein", "Beleidsterreinen"),
    ("doelgroep", "Doelgroepen"),
    ("partner", "Partners"),
)


@dataclass(frozen=True)
class Scope:
    """One column: a municipality (CBS code) or a plan (id), with its name."""

    kind: str  # "gemeente" or "plan"
    key: str
    naam: str

    def holds(self, row: Mapping[str, str]) -> bool:
        if self.kind == "plan":
            return row["planId"] == self.key
        return row["gemeente"].rsplit("/", 1)[-1].lower() == self.key


@dataclass
class Item:
    key: str
    naam: str
    found: dict[str, dict[str, str]] = field(default_factory=dict)  # scope key -> {IRI: plan id}

    def in_scope(self, key: str) -> bool:
        return key in self.found


@dataclass
class Kind:
    soort: str
    titel: str
    items: list[Item]

    def shared_by_all(self, scopes: Iterable[Scope]) -> list[Item]:
        keys = [s.key for s in scopes]
        return [i for i in self.items if all(i.in_scope(k) for k in keys)]

    def only_in(self, scope: Scope) -> list[Item]:
        return [i for i in self.items if list(i.found) == [scope.key]]


@dataclass(frozen=True)
class Theme:
    """A kernelement of one plan with the number of its objectives."""

    iri: str
    naam: str
    plan_id: str
    doelstellingen: int


@dataclass
class Comparison:
    scopes: list[Scope]
    kinds: list[Kind]
    themes: dict[str, list[Theme]]  # scope key -> kernelementen with objectives

    def header(self) -> list[str]:
        return ["Soort", "Naam", *[s.naam for s in self.scopes], "Gedeeld door"]

    def rows(self) -> list[list[str]]:
        """The table as downloaded: one row per item, 'ja' where a scope has it, and how many share it."""
        out = []
        for kind in self.kinds:
            for item in kind.items:
                marks = ["ja" if item.in_scope(s.key) else "" for s in self.scopes]
                out.append([kind.titel, item.naam, *marks, str(sum(m == "ja" for m in marks))])
        return out


def _name_key(name: str) -> str:
    return re.sub(r"\s+", " ", name.replace("&", " en ")).strip().casefold()


def compare(rows: Iterable[Mapping[str, str]], scopes: list[Scope]) -> Comparison:
    """vergelijking.rq rows for the chosen scopes. Items are ordered: shared by most first, then by name."""
    items: dict[str, dict[str, Item]] = {soort: {} for soort, _ in KINDS}
    themes: dict[str, dict[str, Theme]] = {s.key: {} for s in scopes}
    objectives: dict[tuple[str, str], set[str]] = {}
    for row in rows:
        for scope in (s for s in scopes if s.holds(row)):
            soort = row["soort"]
            if soort == "doelstelling":
                objectives.setdefault((scope.key, row["onder"]), set()).add(row["item"])
                themes[scope.key].setdefault(row["onder"], Theme(row["onder"], row["onderNaam"], row["planId"], 0))
                continue
            if soort not in items:
                continue
            key = _name_key(row["itemNaam"]) if soort == "beleidsterrein" else row["item"]
            item = items[soort].setdefault(key, Item(key, row["itemNaam"]))
            item.found.setdefault(scope.key, {})[row["item"]] = row["planId"]
    kinds = [
        Kind(soort, titel, sorted(items[soort].values(), key=lambda i: (-len(i.found), i.naam.casefold())))
        for soort, titel in KINDS
    ]
    counted = {
        key: [
            Theme(t.iri, t.naam, t.plan_id, len(objectives.get((key, t.iri), set())))
            for t in sorted(found.values(), key=lambda t: (t.plan_id, t.naam.casefold()))
        ]
        for key, found in themes.items()
    }
    return Comparison(scopes, kinds, counted)
