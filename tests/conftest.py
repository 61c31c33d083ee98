from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.kg import graph
from api.kg.queries import QueryCatalog, catalog
from api.kg.store import GraphStore
from api.settings import Settings
from api.web.app import create_app


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings()


@pytest.fixture(scope="session")
def store(settings: Settings) -> GraphStore:
    """The whole repository graph in an in-memory store, built once per test session."""
    return graph.open_store(settings)


@pytest.fixture(scope="session")
def queries(settings: Settings) -> QueryCatalog:
    return catalog(settings.queries_dir)


@pytest.fixture(scope="session")
def client(settings: Settings) -> Iterator[TestClient]:
    """The whole service in-process, with its query worker processes, once per session."""
    with TestClient(create_app(settings)) as test_client:
        yield test_client
