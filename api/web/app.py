"""The FastAPI application: routers assembled in one place."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from api import __version__
from api.kg import graph
from api.settings import Settings, get_settings
from api.web import sparql


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.settings = settings
        app.state.store = graph.open_store(settings)
        yield

    app = FastAPI(
        title="Beleidsgraaf",
        version=__version__,
        description="Kennisgraaf van gemeentelijk beleid in het sociaal domein. "
        "Knowledge graph of Dutch municipal social-domain policy.",
        lifespan=lifespan,
    )

    @app.get("/health", tags=["service"])
    def health() -> dict[str, str]:
        return {"status": "ok", "version": __version__}

    app.include_router(sparql.router)
    return app
