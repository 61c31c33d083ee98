"""GET/POST /sparql: the SPARQL 1.1 Protocol for queries."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, Response

from api.errors import QueryError, QueryRefused, QuerySyntaxError
from api.kg.sparql_text import refuse_unsafe
from api.kg.store import GraphStore

router = APIRouter(tags=["sparql"])


def get_store(request: Request) -> GraphStore:
    store: GraphStore = request.app.state.store
    return store


Store = Annotated[GraphStore, Depends(get_store)]


async def _query_text(request: Request) -> str | None:
    if request.method == "GET":
        return request.query_params.get("query")
    content_type = request.headers.get("content-type", "").split(";")[0].strip()
    if content_type == "application/sparql-query":
        return (await request.body()).decode("utf-8")
    form = await request.form()
    value = form.get("query")
    return value if isinstance(value, str) else None


@router.api_route("/sparql", methods=["GET", "POST"])
async def sparql_endpoint(request: Request, store: Store) -> Response:
    query = await _query_text(request)
    if not query:
        return JSONResponse({"error": "parameter 'query' ontbreekt"}, status_code=400)
    try:
        refuse_unsafe(query)
        body = store.serialize(query, "application/sparql-results+json")
    except (QuerySyntaxError, QueryRefused) as error:
        return JSONResponse({"error": str(error)}, status_code=400)
    except QueryError as error:
        return JSONResponse({"error": str(error)}, status_code=503)
    return Response(body, media_type="application/sparql-results+json")
