"""The same service against any SPARQL 1.1 server: here an Oxigraph server the test starts and stops."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from api.kg import graph
from api.kg.queries import QueryCatalog, read_query
from api.kg.remote import RemoteStore
from api.kg.results import lexical
from api.kg.store import GraphStore
from api.settings import Settings
from tests.live import oxigraph_server, running_service

ROOT = Path(__file__).resolve().parent.parent
QUERY_FILES = sorted((ROOT / "queries").glob("*.rq"))


@pytest.fixture(scope="module")
def remote() -> Iterator[Settings]:
    with oxigraph_server() as base:
        settings = Settings(sparql_query_url=f"{base}/query", sparql_update_url=f"{base}/update")
        graph.load(settings)
        yield settings


def _canonical(store: GraphStore, path: Path) -> list[tuple[tuple[str, str], ...]]:
    query = read_query(path)
    result = store.result(query.sparql, bindings=query.bind(query.example))
    if query.form != "SELECT":
        return (
            [(("boolean", str(result.boolean)),)] if query.form == "ASK" else [(("triples", str(len(result.triples))),)]
        )
    return sorted(
        tuple(sorted((name, "_:b" if isinstance(term, ox.BlankNode) else lexical(term)) for name, term in row.items()))
        for row in result.rows
    )


def test_load_into_a_remote_server_is_idempotent(remote: Settings) -> None:
    before = graph.load(remote).quads
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    store = graph.open_store(remote)
    try:
        assert int(store.result(count).rows[0]["n"].value) == before
    finally:
        store.close()


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.stem)
def test_named_queries_answer_the_same_remotely(remote: Settings, store: GraphStore, path: Path) -> None:
    remote_store = RemoteStore(remote.sparql_query_url or "", remote.sparql_update_url)
    try:
        assert _canonical(remote_store, path) == _canonical(store, path)
    finally:
        remote_store.close()


def test_the_service_runs_against_the_remote_server(remote: Settings, queries: QueryCatalog) -> None:
    with running_service(sparql_query_url=remote.sparql_query_url or "") as base:
        plans = httpx.get(f"{base}/queries/plannen", headers={"Accept": "text/csv"}, timeout=30)
        assert plans.status_code == 200
        assert "heemskerk-sociaal-domein-2024" in plans.text
        refused = httpx.get(f"{base}/sparql", params={"query": "SELECT * { SERVICE <http://e/> { ?s ?p ?o } }"})
        assert refused.status_code == 400


def test_search_builds_its_index_from_the_remote_server(remote: Settings) -> None:
    """The index is built from zoekindex.rq's rows, so it works against any SPARQL server, stems included."""
    with running_service(sparql_query_url=remote.sparql_query_url or "") as base:
        html = httpx.get(f"{base}/zoeken", params={"q": "mantelzorger"}, timeout=60).text
        assert 'href="/id/plan/heemstede-wmo-2025-2028/thema/mantelzorg"' in html
