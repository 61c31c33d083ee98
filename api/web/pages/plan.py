"""The plan page: missie, visie, kernelementen with beleidsterreinen and laws, doelstellingen, money,
ontwikkelingen and the bijlage-1 diagram, on the plan's own IRI (/id/plan/{id} as HTML)."""

from __future__ import annotations

from collections import Counter

from fastapi import Request
from fastapi.responses import HTMLResponse

from api.kg.queries import QueryCatalog
from api.kg.store import GraphStore
from api.web.pages import plandata
from api.web.pages.common import records, render
from api.web.pages.resource import Node

DIAGRAM_FORMATS = (("svg", "SVG"), ("png", "PNG"), ("pdf", "PDF"))


def plan_id_of(node: Node) -> str | None:
    identifiers = node.values("http://purl.org/dc/terms/identifier")
    return identifiers[0].text if identifiers else None


def counts(found: plandata.Structure) -> list[tuple[str, int]]:
    """How many of each kind the structure has, kernelementen first: 'Maatschappelijke opgave: 5'."""
    kern = Counter(e.soort for e in found.kern)
    under = Counter(c.soort for e in found.kern for c in e.kinderen)
    return [*kern.items(), *((soort, n) for soort, n in under.items() if soort not in kern)]


def page(request: Request, store: GraphStore, queries: QueryCatalog, node: Node) -> HTMLResponse:
    plan_id = plan_id_of(node) or node.iri.rstrip("/").rsplit("/", 1)[-1]
    info = records(store, queries, "plan", plan=plan_id)
    gemeenten = {r["gemeente"]: r.get("gemeenteNaam", r["gemeente"]) for r in info if r.get("gemeente")}
    found = plandata.structure(store, queries, plan_id)
    loose_goals = plandata.attach_goals(found, store, queries, plan_id)
    totals = plandata.attach_budgets(found, store, queries, plan_id)
    developments = plandata.attach_developments(found, store, queries, plan_id)
    plandata.attach_partners(found, store, queries, plan_id)
    context = {
        "node": node,
        "plan_id": plan_id,
        "titel": info[0]["titel"] if info else node.label,
        "soorten": sorted({r["soort"] for r in info if r.get("soort")}) or ["beleidsdocument"],
        "gemeenten": gemeenten,
        "structuur": found,
        "telling": counts(found),
        "losse_doelstellingen": loose_goals,
        "budgetten": [b for e in found.kern for b in e.budgetten] + totals,
        "aantal_doelstellingen": sum(len(e.doelstellingen) for e in found.kern) + len(loose_goals),
        "ontwikkelingen": developments,
        "diagram_formats": DIAGRAM_FORMATS,
        "schema_sectie": next((r["schemaSectie"] for r in info if r.get("schemaSectie")), ""),
        "bronbestand": next((v.text for v in node.values("https://beleidsgraaf.nl/def/bronbestand")), ""),
        "eigen_graaf": bool(list(node.values("https://beleidsgraaf.nl/def/graaf"))),
    }
    return render(request, "plan.html", context, vary=True)
