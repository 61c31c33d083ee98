"""The page of a kernelement (opgave, focuspunt, ambitie, beleidsonderdeel): its text, what falls beneath it,
its doelstellingen with baseline and target, its budget, and which partners work on it."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import HTMLResponse

from api.kg.plan_model import read_plan
from api.kg.queries import QueryCatalog
from api.kg.store import GraphStore
from api.web.pages.common import Record, records, render
from api.web.pages.resource import Node


def partner_links(rows: list[Record], iri: str) -> list[Record]:
    """Matrix rows of this element that name a partner, one per partner, role and served thing."""
    seen: set[tuple[str, str, str]] = set()
    links = []
    for row in rows:
        key = (row.get("partner", ""), row.get("rol", ""), row["doel"])
        if row["hoofd"] == iri and row.get("partner") and key not in seen:
            seen.add(key)
            links.append(row)
    return sorted(links, key=lambda r: (r["partnerNaam"].lower(), r["doelNaam"].lower()))


def page(request: Request, store: GraphStore, queries: QueryCatalog, node: Node) -> HTMLResponse | None:
    """None when the node is no kernelement of any plan (the generic page then shows it)."""
    main = records(store, queries, "opgave", opgave=node.iri)
    if not main:
        return None
    plan_id = main[0]["planId"]
    plan = read_plan(store, queries, plan_id, with_info=False)
    element = plan.element(node.iri) if plan else None
    if plan is None or element is None:
        return None
    context = {
        "node": node,
        "main": main[0],
        "element": element,
        "plan_id": plan_id,
        "partners": partner_links(plan.partner_rows, node.iri),
        "in_matrix": main[0].get("eigenGraaf") == "true",  # a plan only cited (BUCH) has no graph, so no matrix
    }
    return render(request, "opgave.html", context, vary=True)
