"""The FastAPI application: state, error mapping and routers assembled in one place."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse, PlainTextResponse, Response

from api import __version__
from api.errors import (
    BeleidsgraafError,
    NamedQueryError,
    NotFound,
    ParameterError,
    QueryFileError,
    QueryRefused,
    QuerySyntaxError,
    QueryTimeout,
    ResultTooLarge,
    StoreUnavailable,
    UnknownQuery,
)
from api.kg import graph
from api.kg.pool import QueryPool, StoreRunner
from api.kg.queries import QueryCatalog
from api.settings import Settings, get_settings
from api.web import check, dataset, diagrams, linked_data, named_queries, pages, rest, sparql
from api.web.cache import ResponseCache
from api.web.pages.common import not_found

STATUS: list[tuple[type[BeleidsgraafError], int]] = [
    (QuerySyntaxError, 400),
    (QueryRefused, 400),
    (ParameterError, 400),
    (UnknownQuery, 404),
    (NotFound, 404),
    (QueryTimeout, 503),
    (ResultTooLarge, 503),
    (StoreUnavailable, 502),
    (QueryFileError, 500),
    (NamedQueryError, 400),
]


def _wants_html(request: Request) -> bool:
    accept = request.headers.get("accept", "")
    return "text/html" in accept and "application/json" not in accept


def status_for(error: BeleidsgraafError) -> int:
    return next((status for kind, status in STATUS if isinstance(error, kind)), 500)


async def _error_response(request: Request, error: Exception) -> Response:
    assert isinstance(error, BeleidsgraafError)
    status = status_for(error)
    if status == 404 and _wants_html(request):
        return not_found(request, str(error))
    if request.url.path.startswith(("/sparql", "/queries/")):
        return PlainTextResponse(str(error), status_code=status)
    return JSONResponse({"detail": str(error), "type": type(error).__name__}, status_code=status)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.settings = settings
        app.state.catalog = QueryCatalog(settings.queries_dir)
        app.state.store = graph.open_store(settings)
        remote = bool(settings.sparql_query_url)
        runner = StoreRunner(app.state.store) if remote else QueryPool(settings)
        app.state.cache = (
            ResponseCache(settings.response_cache_bytes) if settings.response_cache_bytes and not remote else None
        )
        await runner.start()
        app.state.runner = runner
        yield
        await runner.close()
        app.state.store.close()

    app = FastAPI(
        title="Beleidsgraaf",
        version=__version__,
        description="Kennisgraaf van gemeentelijk beleid in het sociaal domein: SPARQL 1.1-endpoint, "
        "named queries, REST en linked data. Knowledge graph of Dutch municipal social-domain policy.",
        lifespan=lifespan,
    )
    app.add_middleware(
        CORSMiddleware,
        allow_origins=["*"],
        allow_methods=["GET", "POST", "OPTIONS"],
        allow_headers=["*"],
        expose_headers=["Content-Type", "Vary"],
    )
    app.add_middleware(GZipMiddleware, minimum_size=2000)
    app.add_exception_handler(BeleidsgraafError, _error_response)

    @app.get("/health", tags=["service"], summary="Werkt de service?")
    async def health() -> dict[str, str]:
        return {"status": "ok", "version": __version__}

    for module in (sparql, named_queries, rest, linked_data, dataset, diagrams, check, pages):
        app.include_router(module.router)
    return app
