"""/queries: the named questions of queries/*.rq, listed and run with typed parameters."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import PlainTextResponse, Response

from api.kg.sparql_text import inline_bindings
from api.kg.store import DatasetSpec
from api.web.deps import CatalogDep, RunnerDep
from api.web.error_pages import error_response
from api.web.pages.common import select_in_workers
from api.web.sparql import ProtocolError, answer
from api.web.tables import XLSX_MEDIA_TYPE, Table, to_xlsx

router = APIRouter(tags=["named queries"])


@router.get("/queries", summary="Alle named queries met titel, beschrijving en parameters")
def list_queries(catalog: CatalogDep) -> list[dict[str, Any]]:
    return [query.describe() for query in catalog]


@router.get("/queries/{name}.rq", summary="De SPARQL-tekst van een named query", response_class=PlainTextResponse)
def query_text(name: str, catalog: CatalogDep) -> PlainTextResponse:
    return PlainTextResponse(catalog.get(name).sparql, media_type="application/sparql-query")


@router.get("/queries/{name}", summary="Voer een named query uit; parameters als ?naam=waarde")
async def run_query(name: str, request: Request, runner: RunnerDep) -> Response:
    """The hot path of the service: a repeated question is answered from the cache before any parsing."""
    state = request.app.state
    accept = request.headers.get("accept")
    key = ("named", name, tuple(sorted(request.query_params.multi_items())), accept)
    hit = state.cache.get(key) if state.cache is not None else None
    if hit is not None:
        return Response(hit[1], media_type=hit[0], headers={"Vary": "Accept"})
    named = state.catalog.get(name)
    arguments = dict(request.query_params)
    as_xlsx = arguments.pop("format", "") == "xlsx" or XLSX_MEDIA_TYPE in (accept or "")
    bindings = named.bind(arguments)
    query = inline_bindings(named.sparql, {variable: str(term) for variable, term in bindings.items()})
    if as_xlsx:
        return await _xlsx(request, runner, name, named.form, query)
    try:
        limit = state.settings.max_result_bytes
        return await answer(runner, query, accept, DatasetSpec(), limit, state.cache, key, lane="named")
    except ProtocolError as error:
        return error_response(request, error.status, error.message)


async def _xlsx(request: Request, runner: RunnerDep, name: str, form: str, query: str) -> Response:
    """A table as staff open it: the same rows as the CSV, as an Excel sheet (?format=xlsx or by Accept)."""
    if form != "SELECT":
        return error_response(request, 406, f"'{name}' geeft geen tabel maar {form}; als xlsx kan alleen een tabel")
    result = await select_in_workers(runner, query)
    rows = [[record.get(v, "") for v in result.variables] for record in result.records()]
    headers = {"Content-Disposition": f'attachment; filename="{name}.xlsx"'}
    return Response(to_xlsx(Table(name, result.variables, rows)), media_type=XLSX_MEDIA_TYPE, headers=headers)
