"""Dependencies as Annotated aliases: what a route needs, taken from the application state."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from api.kg.queries import QueryCatalog
from api.kg.store import GraphStore
from api.settings import Settings
from api.web.fairness import ClientRunner, QueryRunner

__all__ = ["CatalogDep", "QueryRunner", "RunnerDep", "SettingsDep", "StoreDep", "client_runner"]


def _store(request: Request) -> GraphStore:
    store: GraphStore = request.app.state.store
    return store


def client_runner(request: Request) -> QueryRunner:
    """The query runner, with this request's queries counted against its client's share."""
    client = request.client.host if request.client else "onbekend"
    return ClientRunner(request.app.state.runner, request.app.state.limiter, client)


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def _catalog(request: Request) -> QueryCatalog:
    catalog: QueryCatalog = request.app.state.catalog
    return catalog


StoreDep = Annotated[GraphStore, Depends(_store)]
RunnerDep = Annotated[QueryRunner, Depends(client_runner)]
SettingsDep = Annotated[Settings, Depends(_settings)]
CatalogDep = Annotated[QueryCatalog, Depends(_catalog)]
