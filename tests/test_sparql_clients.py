"""Standard SPARQL clients work against the service as a real process: SPARQLWrapper and rdflib's SPARQLStore."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from rdflib import Graph, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, TURTLE, SPARQLWrapper

from tests.live import running_service

PLAN = URIRef("https://beleidsgraaf.nl/id/plan/heemskerk-sociaal-domein-2024")


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    with running_service() as base:
        yield base + "/sparql"


def test_sparqlwrapper_select_json(endpoint: str) -> None:
    client = SPARQLWrapper(endpoint)
    client.setQuery("SELECT ?titel WHERE { ?plan <http://purl.org/dc/terms/title> ?titel } ORDER BY ?titel")
    client.setReturnFormat(JSON)
    rows = client.query().convert()["results"]["bindings"]  # type: ignore[index, call-overload]
    assert len(rows) >= 5
    assert any("Heemskerk" in row["titel"]["value"] for row in rows)


def test_sparqlwrapper_post_csv(endpoint: str) -> None:
    client = SPARQLWrapper(endpoint)
    client.setMethod("POST")
    client.setQuery("SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://beleidsgraaf.nl/def/Beleidsdocument> }")
    client.setReturnFormat(CSV)
    body = client.query().convert()
    assert body.decode().splitlines()[0] == "n"  # type: ignore[union-attr]


def test_sparqlwrapper_construct_turtle(endpoint: str) -> None:
    client = SPARQLWrapper(endpoint)
    client.setQuery(f"CONSTRUCT {{ <{PLAN}> ?p ?o }} WHERE {{ <{PLAN}> ?p ?o }}")
    client.setReturnFormat(TURTLE)
    graph = Graph().parse(data=client.query().convert(), format="turtle")  # type: ignore[arg-type]
    assert (PLAN, None, None) in graph


def test_rdflib_sparqlstore(endpoint: str) -> None:
    graph = Graph(store=SPARQLStore(endpoint, returnFormat="json"))
    rows = list(graph.query("SELECT ?o WHERE { ?s <http://purl.org/dc/terms/identifier> ?o } ORDER BY ?o"))
    ids = [str(row[0]) for row in rows]
    assert "heemskerk-sociaal-domein-2024" in ids
    assert (PLAN, None, None) in graph
