"""The home page (municipalities and their plans, a search box) and /zoeken, a search over all names."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from api.web.deps import CatalogDep, StoreDep
from api.web.pages.common import records, render
from api.web.pages.resource import ENGLISH_CLASS_NAMES
from api.web.search import search_records

router = APIRouter(tags=["pagina's"])
MIN_SEARCH = 2


@router.get("/", summary="Startpagina: gemeenten, hun plannen en zoeken", response_class=HTMLResponse)
def home(request: Request, store: StoreDep, queries: CatalogDep) -> HTMLResponse:
    soorten = {r["id"]: r.get("soort", "") for r in records(store, queries, "plannen")}
    gemeenten: dict[str, dict[str, object]] = {}
    for row in records(store, queries, "gemeenten"):
        if row.get("planId") in soorten:
            entry = gemeenten.setdefault(row["gemeente"], {"naam": row["naam"], "code": row["code"], "plannen": []})
            plans = entry["plannen"]
            assert isinstance(plans, list)
            plans.append({"id": row["planId"], "titel": row["titel"], "soort": soorten[row["planId"]]})
    return render(request, "home.html", {"gemeenten": list(gemeenten.values()), "aantal_plannen": len(soorten)})


@router.get("/zoeken", summary="Zoeken in alle namen van de graaf", response_class=HTMLResponse)
async def search(request: Request, q: Annotated[str, Query(max_length=200)] = "") -> HTMLResponse:
    text = q.strip()
    hits = await search_records(request, text) if len(text) >= MIN_SEARCH else []
    for hit in hits:
        hit["soort"] = ENGLISH_CLASS_NAMES.get(hit.get("soort", ""), hit.get("soort", ""))
    context = {"q": text, "hits": hits, "te_kort": 0 < len(text) < MIN_SEARCH, "minimum": MIN_SEARCH}
    return render(request, "zoeken.html", context)
