"""What a workbook can refer to outside the plan: partners, laws, gemeenten, target groups, the fixed choices.

Read once from the store (named query werkboek-lijsten) and used three ways: the dropdowns, the names shown
beside ids on export, and matching a typed name to its existing node on import (prefLabel or any altLabel,
case and spacing ignored), so that a known organisation is never created twice.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from api.kg.queries import QueryCatalog, run_named
from api.kg.store import GraphStore


def normal(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip().casefold()


@dataclass
class Entry:
    iri: str
    name: str
    other_names: set[str] = field(default_factory=set)


@dataclass
class References:
    lists: dict[str, dict[str, Entry]] = field(default_factory=dict)  # list -> iri -> entry

    def name(self, iri: str) -> str | None:
        for entries in self.lists.values():
            if iri in entries:
                return entries[iri].name
        return None

    def entries(self, list_name: str) -> list[Entry]:
        return sorted(self.lists.get(list_name, {}).values(), key=lambda e: (normal(e.name), e.iri))

    def find(self, list_name: str, name: str) -> list[str]:
        """IRIs in the list whose name or other spelling is this name."""
        wanted = normal(name)
        return sorted(
            entry.iri
            for entry in self.lists.get(list_name, {}).values()
            if wanted == normal(entry.name) or wanted in {normal(n) for n in entry.other_names}
        )

    def known(self, iri: str) -> bool:
        return any(iri in entries for entries in self.lists.values())


def read_references(store: GraphStore, queries: QueryCatalog) -> References:
    lists: dict[str, dict[str, Entry]] = defaultdict(dict)
    for row in run_named(store, queries, "werkboek-lijsten").records():
        iri = row["iri"]
        entry = lists[row["lijst"]].setdefault(iri, Entry(iri, row.get("naam") or iri.rsplit("/", 1)[-1]))
        if row.get("andereNaam"):
            entry.other_names.add(row["andereNaam"])
    return References(dict(lists))
