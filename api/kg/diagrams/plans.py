"""What the diagrams need to know about plans: which exist, their title, and document order.

Diagrams are drawn for a plan id the user typed, so an unknown id must become a NotFound that names
the known ones, before any drawing starts.
"""

from __future__ import annotations

from dataclasses import dataclass

from api.errors import NotFound
from api.kg.queries import QueryCatalog, catalog
from api.kg.store import GraphStore
from api.settings import get_settings

ALLE = "alle"  # the plan id that stands for every plan: the cross-municipality network


@dataclass(frozen=True)
class PlanInfo:
    id: str
    titel: str
    soort: str
    gemeenten: str


def named_queries() -> QueryCatalog:
    return catalog(get_settings().queries_dir)


def plans(store: GraphStore) -> dict[str, PlanInfo]:
    """Every plan with a source document, by id (the named query 'plannen')."""
    result = store.result(named_queries().get("plannen").sparql)
    return {
        row["id"]: PlanInfo(row["id"], row.get("titel", row["id"]), row.get("soort", ""), row.get("gemeenten", ""))
        for row in result.records()
    }


def plan_info(store: GraphStore, plan_id: str) -> PlanInfo:
    """A plan with a source document, or one that such a document describes (the BUCH beleidskader in Heiloo's
    gebiedsplan): its page links to its diagrams too, so they must exist for it."""
    known = plans(store)
    if plan_id in known:
        return known[plan_id]
    query = named_queries().get("plan")
    try:
        rows = store.result(query.sparql, bindings=query.bind({"plan": plan_id})).records()
    except ValueError:  # not even shaped like a plan id
        rows = []
    if not rows:
        raise NotFound(f"Onbekend plan '{plan_id}'; bekende plannen: {', '.join(sorted(known))} (of '{ALLE}').")
    gemeenten = ", ".join(sorted({r["gemeenteNaam"] for r in rows if r.get("gemeenteNaam")}))
    return PlanInfo(plan_id, rows[0].get("titel", plan_id), rows[0].get("soort", ""), gemeenten)
