from __future__ import annotations

import pytest

from api.kg import graph
from api.kg.queries import QueryCatalog, catalog
from api.kg.store import GraphStore
from api.settings import Settings


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
