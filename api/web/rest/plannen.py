"""/plannen and /plannen/{id}: a plan's course, structure and budgets."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Response

from api.errors import NotFound, ParameterError
from api.kg.queries import QueryCatalog, run_named
from api.kg.store import GraphStore
from api.kg.workbook.service import export_plan
from api.web.deps import CatalogDep, StoreDep
from api.web.rest.common import first_or_404, number, text
from api.web.rest.models import Budget, Element, PlanPublic, PlanRef, Ref
from api.web.tables import XLSX_MEDIA_TYPE

router = APIRouter(tags=["plannen"])


@router.get("/plannen", summary="Alle plannen")
def plannen(store: StoreDep, queries: CatalogDep) -> list[PlanRef]:
    rows = run_named(store, queries, "plannen").records()
    return [PlanRef(iri=r["plan"], id=r["id"], titel=r["titel"]) for r in rows]


def budgets(store: GraphStore, queries: QueryCatalog, **arguments: str) -> list[Budget]:
    return [
        Budget(
            iri=r["budget"],
            voor=Ref(iri=r["voor"], label=r["voorNaam"]),
            bedrag=number(r, "bedrag"),
            jaar=text(r, "jaar"),
            financieringsbron=text(r, "financieringsbron"),
            isTotaal=r.get("isTotaal") == "true",
        )
        for r in run_named(store, queries, "budgetten-per-opgave", **arguments).records()
    ]


def structure(store: GraphStore, queries: QueryCatalog, plan_id: str) -> list[Element]:
    elements: dict[str, Element] = {}
    for r in run_named(store, queries, "kernelementen", plan=plan_id).records():
        element = elements.setdefault(
            r["element"], Element(iri=r["element"], label=r["naam"], soort=r["soort"], onderdelen=[])
        )
        if r.get("kind") and all(child.iri != r["kind"] for child in element.onderdelen):
            element.onderdelen.append(Ref(iri=r["kind"], label=r["kindNaam"]))
    return list(elements.values())


@router.get(
    "/plannen/{plan_id}.xlsx",
    summary="Eén plan als werkboek (xlsx): elk blad een soort onderdeel, met keuzelijsten; weer in te lezen",
    response_class=Response,
    responses={200: {"content": {XLSX_MEDIA_TYPE: {}}}},
)
def plan_workbook(plan_id: str, store: StoreDep, queries: CatalogDep) -> Response:
    try:
        body = export_plan(store, queries, plan_id)
    except (NotFound, ParameterError) as error:
        raise HTTPException(404, str(error)) from None
    headers = {"Content-Disposition": f'attachment; filename="{plan_id}.xlsx"'}
    return Response(body, media_type=XLSX_MEDIA_TYPE, headers=headers)


@router.get("/plannen/{plan_id}", summary="Eén plan: missie, visie, kernelementen en budgetten")
def plan(plan_id: str, store: StoreDep, queries: CatalogDep) -> PlanPublic:
    rows = run_named(store, queries, "plan", plan=plan_id).records()
    first = first_or_404(rows, f"plan '{plan_id}'")
    gemeenten = {r["gemeente"]: r.get("gemeenteNaam", r["gemeente"]) for r in rows if r.get("gemeente")}
    return PlanPublic(
        iri=first["plan"],
        id=first["id"],
        titel=first["titel"],
        soort=text(first, "soort"),
        gemeenten=[Ref(iri=iri, label=label) for iri, label in gemeenten.items()],
        missie=text(first, "missieTekst"),
        visie=text(first, "visieTekst"),
        kernelementen=structure(store, queries, plan_id),
        budgetten=budgets(store, queries, plan=plan_id),
    )
