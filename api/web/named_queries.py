"""/queries: the named questions of queries/*.rq, listed and run with typed parameters."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import PlainTextResponse, Response

from api.kg.sparql_text import inline_bindings
from api.kg.store import DatasetSpec
from api.web.deps import CatalogDep, RunnerDep, SettingsDep
from api.web.sparql import ProtocolError, answer

router = APIRouter(tags=["named queries"])


@router.get("/queries", summary="Alle named queries met titel, beschrijving en parameters")
def list_queries(catalog: CatalogDep) -> list[dict[str, Any]]:
    return [query.describe() for query in catalog]


@router.get("/queries/{name}.rq", summary="De SPARQL-tekst van een named query", response_class=PlainTextResponse)
def query_text(name: str, catalog: CatalogDep) -> PlainTextResponse:
    return PlainTextResponse(catalog.get(name).sparql, media_type="application/sparql-query")


@router.get("/queries/{name}", summary="Voer een named query uit; parameters als ?naam=waarde")
async def run_query(
    name: str, request: Request, catalog: CatalogDep, runner: RunnerDep, settings: SettingsDep
) -> Response:
    named = catalog.get(name)
    bindings = named.bind(dict(request.query_params))
    query = inline_bindings(named.sparql, {variable: str(term) for variable, term in bindings.items()})
    try:
        accept = request.headers.get("accept")
        return await answer(runner, query, accept, DatasetSpec(), settings.max_result_bytes, request.app.state.cache)
    except ProtocolError as error:
        return PlainTextResponse(error.message, status_code=error.status)
