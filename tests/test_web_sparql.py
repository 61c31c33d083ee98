"""/sparql as a SPARQL 1.1 Protocol endpoint: methods, dataset, negotiation, errors, refusals."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import anyio
import pyoxigraph as ox
import pytest
import rdflib
from fastapi.testclient import TestClient

from api.settings import Settings

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://beleidsgraaf.nl/def/Beleidsdocument> }"
CONSTRUCT = "CONSTRUCT { ?s a ?t } WHERE { ?s a ?t . FILTER(?t = <https://beleidsgraaf.nl/def/Beleidsdocument>) }"


def _count(response_text: str) -> int:
    return int(json.loads(response_text)["results"]["bindings"][0]["n"]["value"])


def test_get_post_form_and_post_body_give_the_same_answer(client: TestClient) -> None:
    get = client.get("/sparql", params={"query": COUNT})
    form = client.post("/sparql", data={"query": COUNT})
    body = client.post("/sparql", content=COUNT, headers={"Content-Type": "application/sparql-query"})
    assert get.status_code == form.status_code == body.status_code == 200
    assert _count(get.text) == _count(form.text) == _count(body.text) >= 5
    assert get.headers["content-type"].startswith("application/sparql-results+json")


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("text/csv;q=0.2, application/sparql-results+xml;q=0.8", "application/sparql-results+xml"),
        ("application/json", "application/sparql-results+json"),
    ],
)
def test_select_results_are_negotiated(client: TestClient, accept: str, media_type: str) -> None:
    response = client.get("/sparql", params={"query": COUNT}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media_type
    assert "accept" in response.headers["vary"].lower()
    if media_type == "text/csv":
        assert next(csv.reader(io.StringIO(response.text))) == ["n"]
    if media_type.endswith("xml"):
        assert ET.fromstring(response.text).tag.endswith("sparql")


@pytest.mark.parametrize(
    ("accept", "rdf_format"),
    [
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
        ("application/rdf+xml", "xml"),
        ("application/n-quads", "nquads"),
    ],
)
def test_construct_results_are_negotiated_and_parse(client: TestClient, accept: str, rdf_format: str) -> None:
    response = client.get("/sparql", params={"query": CONSTRUCT}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == accept
    if rdf_format == "nquads":
        assert len(list(ox.parse(response.content, ox.RdfFormat.N_QUADS))) >= 5
        return
    assert len(rdflib.Graph().parse(data=response.text, format=rdf_format)) >= 5


def test_ask(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
    assert response.status_code == 200
    assert json.loads(response.text)["boolean"] is True


def test_nothing_acceptable_is_406(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": COUNT}, headers={"Accept": "image/png"})
    assert response.status_code == 406
    assert "application/sparql-results+json" in response.text


def test_default_graph_uri_selects_the_dataset(client: TestClient) -> None:
    only_sources = {"query": COUNT, "default-graph-uri": "https://beleidsgraaf.nl/graph/bronnen"}
    assert _count(client.get("/sparql", params=only_sources).text) == 5
    nothing = {"query": COUNT, "default-graph-uri": "https://example.org/no-such-graph"}
    assert _count(client.get("/sparql", params=nothing).text) == 0


def test_named_graph_uri_limits_graph_patterns(client: TestClient) -> None:
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    params = {"query": query, "named-graph-uri": "https://beleidsgraaf.nl/graph/bronnen"}
    rows = json.loads(client.get("/sparql", params=params).text)["results"]["bindings"]
    assert [row["g"]["value"] for row in rows] == ["https://beleidsgraaf.nl/graph/bronnen"]


def test_syntax_error_is_400_with_position(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "SELECT * WHERE {\n  ?s ?p }"})
    assert response.status_code == 400
    assert "regel 2" in response.text and "kolom" in response.text


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }",
        "LOAD <http://127.0.0.1:9/data.ttl>",
    ],
)
def test_update_load_and_service_are_refused(client: TestClient, query: str) -> None:
    response = client.post("/sparql", data={"query": query})
    assert response.status_code == 400
    assert "SERVICE" in response.text or "alleen-lezen" in response.text


def test_update_operation_is_forbidden(client: TestClient) -> None:
    form = client.post("/sparql", data={"update": "CLEAR ALL"})
    body = client.post("/sparql", content="CLEAR ALL", headers={"Content-Type": "application/sparql-update"})
    assert form.status_code == body.status_code == 403
    assert _count(client.get("/sparql", params={"query": COUNT}).text) >= 5


@pytest.mark.parametrize(
    ("kwargs", "status"),
    [
        ({"params": [("query", COUNT), ("query", COUNT)]}, 400),
        ({"params": {"query": ""}}, 400),
        ({"method": "POST", "content": COUNT, "headers": {"Content-Type": "text/plain"}}, 415),
        ({"method": "POST", "data": {"default-graph-uri": "http://e/"}}, 400),
    ],
)
def test_malformed_protocol_requests_are_4xx(client: TestClient, kwargs: dict, status: int) -> None:  # type: ignore[type-arg]
    method = kwargs.pop("method", "GET")
    response = client.request(method, "/sparql", **kwargs)
    assert response.status_code == status


def test_service_description(client: TestClient) -> None:
    turtle = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert turtle.status_code == 200
    graph = rdflib.Graph().parse(data=turtle.text, format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    assert (None, sd.supportedLanguage, sd.SPARQL11Query) in graph
    assert (None, sd.feature, sd.UnionDefaultGraph) in graph
    names = {str(o) for o in graph.objects(None, sd.name)}
    assert "https://beleidsgraaf.nl/graph/bronnen" in names
    jsonld = client.get("/sparql", headers={"Accept": "application/ld+json"})
    assert len(rdflib.Graph().parse(data=jsonld.text, format="json-ld")) == len(graph)


def test_cors_for_browser_clients(client: TestClient) -> None:
    preflight = client.options(
        "/sparql",
        headers={"Origin": "https://yasgui.example", "Access-Control-Request-Method": "POST"},
    )
    assert preflight.status_code in (200, 204)
    assert preflight.headers["access-control-allow-origin"] in ("*", "https://yasgui.example")
    simple = client.get("/sparql", params={"query": COUNT}, headers={"Origin": "https://yasgui.example"})
    assert simple.headers["access-control-allow-origin"] == "*"


def _post_raw(client: TestClient, content_type: str, chunks: list[bytes]) -> tuple[int, int]:
    """POST /sparql straight into the ASGI app, the body in chunks; the status and how many chunks it read."""
    read = 0
    status = 0

    async def receive() -> dict[str, object]:
        nonlocal read
        read += 1
        return {"type": "http.request", "body": chunks[read - 1], "more_body": read < len(chunks)}

    async def send(message: dict[str, object]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = int(message["status"])  # type: ignore[call-overload]

    scope = {
        "type": "http",
        "http_version": "1.1",
        "method": "POST",
        "path": "/sparql",
        "raw_path": b"/sparql",
        "query_string": b"",
        "root_path": "",
        "scheme": "http",
        "server": ("testserver", 80),
        "client": ("127.0.0.1", 1),
        "headers": [(b"content-type", content_type.encode()), (b"host", b"testserver")],
        "app": client.app,
    }
    anyio.run(client.app, scope, receive, send)  # type: ignore[arg-type]
    return status, read


def test_a_refused_content_type_is_answered_before_the_body_is_read(client: TestClient) -> None:
    status, read = _post_raw(client, "text/plain", [b"x" * 65536] * 50)
    assert (status, read) == (415, 0)


def test_an_oversized_body_is_refused_while_streaming(client: TestClient, settings: Settings) -> None:
    chunk = b"#" * 65536
    chunks = [chunk] * (settings.max_request_bytes // len(chunk) + 20)
    status, read = _post_raw(client, "application/sparql-query", chunks)
    assert status == 413
    assert read <= settings.max_request_bytes // len(chunk) + 2  # stopped at the cap, not at the end


@pytest.mark.parametrize(
    ("content_type", "body", "params", "status", "words"),
    [
        ("application/sparql-query", b"ASK {} \xff", {}, 400, "UTF-8"),
        ("application/x-www-form-urlencoded", b"query=ASK%20%7B%7D\xfe", {}, 400, "UTF-8"),
        ("application/sparql-query", b"ASK {}", {"default-graph-uri": "not an iri"}, 400, "absolute IRI"),
        ("application/sparql-query", b"ASK {}", {"named-graph-uri": ""}, 400, "absolute IRI"),
    ],
)
def test_malformed_protocol_input_is_a_400_not_a_5xx(
    client: TestClient, content_type: str, body: bytes, params: dict[str, str], status: int, words: str
) -> None:
    """Regression: invalid UTF-8 was a 500, a dataset IRI that is not one a 502."""
    response = client.post("/sparql", content=body, params=params, headers={"content-type": content_type})
    assert response.status_code == status and words in response.text


@pytest.mark.parametrize("path", ["/id/%3C", "/def/%5c..%5c", "/id/%00"])
def test_a_path_no_iri_can_hold_is_a_404(client: TestClient, path: str) -> None:
    assert client.get(path).status_code == 404
