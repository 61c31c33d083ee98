"""Dependencies as Annotated aliases: what a route needs, taken from the application state."""

from __future__ import annotations

from typing import Annotated, Protocol

from fastapi import Depends, Request

from api.kg.pool import Job
from api.kg.queries import QueryCatalog
from api.kg.store import GraphStore
from api.settings import Settings


class QueryRunner(Protocol):
    async def run(self, job: Job) -> bytes: ...


def _store(request: Request) -> GraphStore:
    store: GraphStore = request.app.state.store
    return store


def _runner(request: Request) -> QueryRunner:
    runner: QueryRunner = request.app.state.runner
    return runner


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def _catalog(request: Request) -> QueryCatalog:
    catalog: QueryCatalog = request.app.state.catalog
    return catalog


StoreDep = Annotated[GraphStore, Depends(_store)]
RunnerDep = Annotated[QueryRunner, Depends(_runner)]
SettingsDep = Annotated[Settings, Depends(_settings)]
CatalogDep = Annotated[QueryCatalog, Depends(_catalog)]
