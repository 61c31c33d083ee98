from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor

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


# pySHACL, the reference the fast check engine is compared with, needs minutes on the whole graph
# (pySHACL #237). When that comparison is collected, it starts in a separate process as soon as collection
# ends and the comparison test runs last, so the reference is computed while the rest of the suite runs.
REFERENCE_TEST = "test_engine_and_pyshacl_agree_on_the_whole_graph"
_reference: dict[str, Future[frozenset[tuple[str, str, str | None, str | None, str]]]] = {}


def _pyshacl_reference_keys() -> frozenset[tuple[str, str, str | None, str | None, str]]:
    from api.kg.checks import load_project_shapes
    from api.kg.checks.reference import union_graph, validate_with_pyshacl

    settings = Settings()
    results = validate_with_pyshacl(union_graph(graph.open_store(settings)), load_project_shapes(settings).graph)
    return frozenset(result.key for result in results)


def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list[pytest.Item]) -> None:
    reference = [item for item in items if item.name == REFERENCE_TEST]
    if not reference:
        return
    items[:] = [item for item in items if item.name != REFERENCE_TEST] + reference
    executor = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
    _reference["keys"] = executor.submit(_pyshacl_reference_keys)
    executor.shutdown(wait=False)


@pytest.fixture(scope="session")
def pyshacl_reference_keys() -> frozenset[tuple[str, str, str | None, str | None, str]]:
    future = _reference.get("keys")
    return future.result() if future is not None else _pyshacl_reference_keys()
