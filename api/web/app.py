"""The FastAPI application: state, error mapping, headers and routers assembled in one place."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from api import __version__
from api.errors import BeleidsgraafError
from api.kg.pool import QueryPool
from api.kg.queries import QueryCatalog
from api.kg.store import EmbeddedStore
from api.settings import Settings, get_settings
from api.web import (
    check,
    dataset,
    diagrams,
    linked_data,
    metrics,
    named_queries,
    pages,
    plan_pdf,
    publishing,
    rest,
    sparql,
)
from api.web.error_pages import on_beleidsgraaf_error, on_http_error, on_unexpected, on_validation_error
from api.web.error_pages import status_for as status_for
from api.web.fairness import ClientLimiter
from api.web.headers import SecurityHeaders
from api.web.live import Live, LiveState, PinGeneration

HEALTH_PROBE_SECONDS = 3.0


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.settings = settings
        app.state.catalog = QueryCatalog(settings.queries_dir)
        app.state.limiter = ClientLimiter(
            settings.queries_per_client, retry_after=max(1, round(settings.query_timeout))
        )
        assert isinstance(app.state, LiveState)
        live = Live(app.state, settings)
        await live.start()
        app.state.live_data = live
        yield
        await live.close()

    app = FastAPI(
        title="Beleidsgraaf",
        version=__version__,
        description="Kennisgraaf van gemeentelijk beleid in het sociaal domein: SPARQL 1.1-endpoint, "
        "named queries, REST en linked data. Knowledge graph of Dutch municipal social-domain policy.",
        lifespan=lifespan,
        docs_url=None,  # /docs is served by api.web.pages.docs, from the service's own Swagger UI
        redoc_url=None,
    )
    app.state = LiveState()
    app.add_middleware(GZipMiddleware, minimum_size=2000)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(metrics.RequestMetrics)
    app.add_middleware(PinGeneration, live=lambda: getattr(app.state, "live_data", None))
    app.add_exception_handler(BeleidsgraafError, on_beleidsgraaf_error)
    app.add_exception_handler(HTTPException, on_http_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(Exception, on_unexpected)

    @app.get("/health", tags=["service"], summary="Kan de service antwoorden? 503 als de graaf niet bereikbaar is")
    async def health(request: Request) -> JSONResponse:
        report, healthy = await _health(request)
        return JSONResponse(report, status_code=200 if healthy else 503)

    for module in (
        sparql,
        named_queries,
        plan_pdf,
        rest,
        publishing,
        linked_data,
        dataset,
        diagrams,
        check,
        metrics,
        pages,
    ):
        app.include_router(module.router)
    return app


async def _health(request: Request) -> tuple[dict[str, Any], bool]:
    """The store and the query workers as they are now, not as they were at start-up."""
    state = request.app.state
    runner = state.runner
    report: dict[str, Any] = {"version": __version__}
    if isinstance(state.store, EmbeddedStore):
        store_ok = bool(state.quads)
        report["store"] = {"soort": "ingebed", "geladen": store_ok, "quads": state.quads}
    else:
        try:
            await asyncio.wait_for(asyncio.to_thread(state.store.result, "ASK {}"), HEALTH_PROBE_SECONDS)
            store_ok, problem = True, ""
        except (BeleidsgraafError, TimeoutError) as error:
            store_ok, problem = False, str(error) or "geen antwoord binnen de tijd"
        report["store"] = {"soort": "extern", "bereikbaar": store_ok, **({"fout": problem} if problem else {})}
    if isinstance(runner, QueryPool):
        report["queryWerkprocessen"] = {
            "actief": len(runner.workers),
            "gepland": runner.size,
            "zonderNetwerk": runner.network_isolated,
            "gebeurtenissen": dict(runner.events),
        }
    healthy = store_ok and runner.ready
    report["status"] = "ok" if healthy else "niet beschikbaar"
    return report, healthy
