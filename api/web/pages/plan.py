"""The plan page: missie, visie, kernelementen with beleidsterreinen and laws, doelstellingen, money,
ontwikkelingen and the bijlage-1 diagram, on the plan's own IRI (/id/plan/{id} as HTML)."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import HTMLResponse

from api.kg.plan_contents import read_contents
from api.kg.plan_model import Plan, read_plan
from api.kg.queries import QueryCatalog
from api.kg.store import GraphStore
from api.web.pages.common import render
from api.web.pages.resource import Node

DIAGRAM_FORMATS = (("svg", "SVG"), ("png", "PNG"), ("pdf", "PDF"))


def plan_id_of(node: Node) -> str | None:
    identifiers = node.values("http://purl.org/dc/terms/identifier")
    return identifiers[0].text if identifiers else None


def page(request: Request, store: GraphStore, queries: QueryCatalog, node: Node) -> HTMLResponse:
    plan_id = plan_id_of(node) or node.iri.rstrip("/").rsplit("/", 1)[-1]
    plan = read_plan(store, queries, plan_id)
    contents = read_contents(store, queries, plan_id)
    context = {
        "node": node,
        "plan_id": plan_id,
        "titel": plan.titel if plan else node.label,
        "soorten": plan.soorten if plan else ["beleidsdocument"],
        "gemeenten": plan.gemeenten if plan else {},
        "structuur": plan or Plan(plan_id, node.label, [], {}, [], [], []),
        "telling": contents.counts(),
        "inhoud": contents,
        "losse_doelstellingen": plan.losse_doelstellingen if plan else [],
        "budgetten": plan.budgetten if plan else [],
        "aantal_doelstellingen": plan.aantal_doelstellingen if plan else 0,
        "ontwikkelingen": plan.ontwikkelingen if plan else [],
        "diagram_formats": DIAGRAM_FORMATS,
        "schema_sectie": plan.schema_sectie if plan else "",
        "bronbestand": next((v.text for v in node.values("https://beleidsgraaf.nl/def/bronbestand")), ""),
        "eigen_graaf": bool(list(node.values("https://beleidsgraaf.nl/def/graaf"))),
    }
    return render(request, "plan.html", context, vary=True)
