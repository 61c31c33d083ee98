"""Every refusal in the client's language: a Dutch page for a browser, text or JSON for a program."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.web.cache import ENTRY_OVERHEAD, ResponseCache

HTML = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}


@pytest.mark.parametrize(
    ("path", "status", "words"),
    [
        ("/bestaat/niet", 404, "Er is niets op /bestaat/niet"),
        ("/sparql?query=SELECT%20*%20WHERE%20%7B", 400, "SPARQL-syntaxfout"),
        ("/queries/bestaat-niet", 404, "Niet gevonden"),
        ("/queries/acties-per-jaar?jaar=abc", 400, "Ongeldig verzoek"),
    ],
)
def test_a_browser_gets_a_dutch_error_page(client: TestClient, path: str, status: int, words: str) -> None:
    response = client.get(path, headers=HTML)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/html")
    assert words in response.text
    assert 'lang="nl"' in response.text and f"Foutcode {status}" in response.text


def test_a_program_gets_json_or_text(client: TestClient) -> None:
    missing = client.get("/bestaat/niet", headers={"Accept": "application/json"})
    assert missing.status_code == 404
    assert missing.json()["detail"] == "Er is niets op /bestaat/niet."
    bad = client.get("/sparql", params={"query": "SELECT * WHERE {"}, headers={"Accept": "*/*"})
    assert bad.status_code == 400 and bad.headers["content-type"].startswith("text/plain")


def test_a_wrong_method_is_405_in_dutch(client: TestClient) -> None:
    response = client.delete("/plannen", headers={"Accept": "application/json"})
    assert response.status_code == 405
    assert "niet toegestaan" in response.json()["detail"]


def test_the_engine_failing_is_a_500_answer_not_a_dropped_connection(client: TestClient) -> None:
    query = "SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?o"  # pyoxigraph panics: not a total order
    response = client.get("/sparql", params={"query": query, "x": "1"})
    assert response.status_code in (200, 500)
    if response.status_code == 500:
        assert "query" in response.text
    assert client.get("/sparql", params={"query": "ASK {}"}).status_code == 200


def test_the_cache_counts_its_keys_not_only_the_answers() -> None:
    """Before: 40 different 10 MB queries as keys added 402 MB that the byte budget never saw."""
    cache = ResponseCache(1_000_000)
    huge_key = ("x" * 10_000_000, "application/json")
    cache.put(huge_key, ("application/json", b"{}"))
    assert cache.get(huge_key) == ("application/json", b"{}")
    entry_key = next(iter(cache.entries))
    assert len(entry_key) == 20  # a digest is kept, not the 10 MB query
    assert cache.size == len(b"{}") + len("application/json") + ENTRY_OVERHEAD


def test_the_cache_stays_within_its_budget() -> None:
    cache = ResponseCache(10_000)
    for i in range(1_000):
        cache.put(("q", i), ("text/plain", b"x" * 100))
    assert cache.size <= 10_000
    assert len(cache.entries) == 10_000 // (100 + len("text/plain") + ENTRY_OVERHEAD)


def test_a_browser_following_the_endpoint_link_lands_on_the_query_page(client: TestClient) -> None:
    response = client.get("/sparql", headers=HTML, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/query"
    machine = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert machine.status_code == 200 and machine.headers["content-type"].startswith("text/turtle")


def test_the_dataset_is_a_page_for_people_and_void_for_programs(client: TestClient) -> None:
    page = client.get("/dataset", headers=HTML)
    assert page.headers["content-type"].startswith("text/html")
    assert 'href="/downloads/beleidsgraaf.trig"' in page.text and "heemskerk-sociaal-domein-2024" in page.text
    rdf = client.get("/dataset", headers={"Accept": "text/turtle"})
    assert rdf.headers["content-type"].startswith("text/turtle") and "void:" in rdf.text
