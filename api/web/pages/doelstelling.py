"""The page of a doelstelling: the text as printed, its SMART parts, baseline and target as the document
states them (also where it says 'geen nulmeting' or 'x*'), the partners on it and where it stands."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import HTMLResponse

from api.kg.queries import QueryCatalog
from api.kg.store import GraphStore
from api.web.pages.common import records, render
from api.web.pages.resource import Node


def page(request: Request, store: GraphStore, queries: QueryCatalog, node: Node) -> HTMLResponse | None:
    rows = records(store, queries, "doelstelling", doelstelling=node.iri)
    if not rows:
        return None
    plan_ids = sorted({s["documentId"] for s in node.sources})
    # Periods and footnotes of baseline and target ("x*": when the figures come) from the plan-wide query.
    notes = next(
        (
            g
            for p in plan_ids
            for g in records(store, queries, "pagina-doelstellingen", plan=p)
            if g["doelstelling"] == node.iri
        ),
        {},
    )
    context = {
        "node": node,
        "doel": {**notes, **rows[0]},
        "partners": records(store, queries, "partners-per-doel", doel=node.iri),
        "plan_ids": plan_ids,
    }
    return render(request, "doelstelling.html", context, vary=True)
