"""/diagrams: a plan's bijlage 1 and partner networks as SVG, PNG or PDF, and the network figures as JSON.

    GET /diagrams/heemskerk-sociaal-domein-2024/bijlage1.svg?wetten=true&doelen=true&budget=true
    GET /diagrams/heemskerk-gala-2023-2026/netwerk.png
    GET /diagrams/alle/netwerk.pdf               every plan: partners that connect municipalities
    GET /diagrams/alle/netwerk.json              the side table's figures as data

Drawing is CPU work, so the routes are plain functions (FastAPI runs them in its thread pool).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response

from api.errors import NotFound
from api.kg.diagrams import ALLE, FORMATS, network_figures, render_diagram
from api.kg.store import GraphStore

router = APIRouter(prefix="/diagrams", tags=["diagrams"])


class Kind(StrEnum):
    bijlage1 = "bijlage1"
    netwerk = "netwerk"


class Format(StrEnum):
    svg = "svg"
    png = "png"
    pdf = "pdf"


def _store(request: Request) -> GraphStore:
    store: GraphStore = request.app.state.store
    return store


def _not_found(error: NotFound) -> HTTPException:
    return HTTPException(status_code=404, detail=str(error))


@router.get("/{plan}/netwerk.json", summary="De cijfers bij het partnernetwerk (zijtabel) als data")
def figures(plan: str, request: Request) -> dict[str, list[dict[str, str]]]:
    try:
        return network_figures(_store(request), plan)
    except NotFound as error:
        raise _not_found(error) from None


@router.get(
    "/{plan}/{kind}.{fmt}",
    summary="Bijlage 1 (samenhang) of het partnernetwerk van een plan, of van alle plannen ('alle')",
    responses={200: {"content": {media: {} for media in FORMATS.values()}}, 404: {"description": "Onbekend plan"}},
    response_class=Response,
)
def diagram(
    plan: str,
    kind: Kind,
    fmt: Format,
    request: Request,
    wetten: Annotated[bool, Query(description="bijlage1: wettelijk kader onder elk beleidsterrein")] = False,
    doelen: Annotated[bool, Query(description="bijlage1: aantal doelstellingen per opgave")] = False,
    budget: Annotated[bool, Query(description="bijlage1: budget per opgave zoals gedrukt")] = False,
    bijschrift: Annotated[
        str, Query(max_length=80, description="Bijschrift boven de titel, bv. 'Bijlage 1' voor een raadsvoorstel")
    ] = "",
    voettekst: Annotated[bool, Query(description="false: zonder de technische voetregel over de herkomst")] = True,
) -> Response:
    layers = {"wetten": wetten, "doelen": doelen, "budget": budget} if kind is Kind.bijlage1 else {}
    if plan == ALLE and kind is Kind.bijlage1:
        raise HTTPException(status_code=404, detail=f"Bijlage 1 bestaat per plan; '{ALLE}' kan alleen bij het netwerk.")
    try:
        body = render_diagram(
            _store(request), plan, kind.value, fmt.value, bijschrift=bijschrift.strip(), voettekst=voettekst, **layers
        )
    except NotFound as error:
        raise _not_found(error) from None
    headers = {"Content-Disposition": f'inline; filename="{plan}-{kind.value}.{fmt.value}"'}
    return Response(body, media_type=FORMATS[fmt.value], headers=headers)
