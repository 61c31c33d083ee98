"""/plannen and /plannen/{id}: a plan's course, structure and budgets."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Response

from api.errors import NotFound, ParameterError
from api.kg.checks.run import review
from api.kg.namespaces import PLAN
from api.kg.plan_model import Plan, read_plan
from api.kg.queries import QueryCatalog, run_named
from api.kg.store import GraphStore
from api.kg.workbook.service import export_plan
from api.web.deps import CatalogDep, SettingsDep, StoreDep
from api.web.rest.common import number, text
from api.web.rest.models import Budget, Element, PlanPublic, PlanRef, Ref
from api.web.tables import XLSX_MEDIA_TYPE

router = APIRouter(tags=["plannen"])


@router.get("/plannen", summary="Alle plannen")
def plannen(store: StoreDep, queries: CatalogDep) -> list[PlanRef]:
    rows = run_named(store, queries, "plannen").records()
    return [PlanRef(iri=r["plan"], id=r["id"], titel=r["titel"]) for r in rows]


def budget(r: dict[str, str]) -> Budget:
    return Budget(
        iri=r["budget"],
        voor=Ref(iri=r["voor"], label=r["voorNaam"]),
        bedrag=number(r, "bedrag"),
        jaar=text(r, "jaar"),
        financieringsbron=text(r, "financieringsbron"),
        isTotaal=r.get("isTotaal") == "true",
    )


def budgets(store: GraphStore, queries: QueryCatalog, **arguments: str) -> list[Budget]:
    return [budget(r) for r in run_named(store, queries, "budgetten-per-opgave", **arguments).records()]


def structure(plan: Plan) -> list[Element]:
    """The kernelementen with what falls directly beneath them, in document order: the plan page's structure."""
    return [
        Element(iri=e.iri, label=e.naam, soort=e.soort, onderdelen=[Ref(iri=c.iri, label=c.naam) for c in e.kinderen])
        for e in plan.kern
    ]


@router.get(
    "/plannen/{plan_id}.xlsx",
    summary="Eén plan als werkboek (xlsx): elk blad een soort onderdeel, met keuzelijsten en de bevindingen "
    "(blad Beoordelingen); weer in te lezen",
    response_class=Response,
    responses={200: {"content": {XLSX_MEDIA_TYPE: {}}}},
)
def plan_workbook(plan_id: str, store: StoreDep, queries: CatalogDep, settings: SettingsDep) -> Response:
    try:
        body = export_plan(store, queries, plan_id, review(store, settings, plan_id))
    except (NotFound, ParameterError) as error:
        raise HTTPException(404, str(error)) from None
    headers = {"Content-Disposition": f'attachment; filename="{plan_id}.xlsx"'}
    return Response(body, media_type=XLSX_MEDIA_TYPE, headers=headers)


@router.get("/plannen/{plan_id}", summary="Eén plan: missie, visie, kernelementen en budgetten")
def plan(plan_id: str, store: StoreDep, queries: CatalogDep) -> PlanPublic:
    try:
        found = read_plan(store, queries, plan_id)
    except ParameterError:
        found = None
    if found is None:
        raise HTTPException(404, f"plan '{plan_id}' niet gevonden")
    return PlanPublic(
        iri=PLAN + plan_id,
        id=plan_id,
        titel=found.titel,
        soort=", ".join(found.soorten) if found.soorten != ["beleidsdocument"] else None,
        gemeenten=[Ref(iri=iri, label=label) for iri, label in found.gemeenten.items()],
        missie=found.missie[0].tekst or None if found.missie else None,
        visie=found.visie[0].tekst or None if found.visie else None,
        kernelementen=structure(found),
        budgetten=[budget(row) for row in found.budgetten],
    )
