"""Every response carries the security headers; CORS is for data, never for pages."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

PAGES = ["/", "/partners.html", "/matrix", "/query", "/docs", "/zoeken?q=mantelzorg", "/bestaat-niet"]
DATA = [
    ("/sparql?query=ASK%20%7B%7D", "application/sparql-results+json"),
    ("/queries", "application/json"),
    ("/plannen", "application/json"),
    ("/id/plan/heemskerk-sociaal-domein-2024", "text/turtle"),
    ("/matrix.csv?plan=heemskerk-sociaal-domein-2024", "text/csv"),
    ("/dataset", "text/turtle"),
]
ORIGIN = {"Origin": "https://elders.example"}


@pytest.mark.parametrize("path", PAGES)
def test_pages_have_a_strict_policy_and_no_cors(client: TestClient, path: str) -> None:
    response = client.get(path, headers={**ORIGIN, "Accept": "text/html"})
    assert response.headers["content-type"].startswith("text/html")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self';" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-eval" not in policy and "http" not in policy  # no other host, ever
    if path not in ("/query", "/docs"):
        assert "unsafe-inline" not in policy
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert "access-control-allow-origin" not in response.headers


@pytest.mark.parametrize(("path", "accept"), DATA)
def test_data_may_be_read_cross_origin(client: TestClient, path: str, accept: str) -> None:
    response = client.get(path, headers={**ORIGIN, "Accept": accept})
    assert response.status_code == 200, response.text[:300]
    assert response.headers["access-control-allow-origin"] == "*"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "content-security-policy" in response.headers


def test_the_same_iri_is_cors_as_rdf_and_not_as_a_page(client: TestClient) -> None:
    path = "/id/plan/heemskerk-sociaal-domein-2024"
    assert "access-control-allow-origin" in client.get(path, headers={**ORIGIN, "Accept": "text/turtle"}).headers
    assert "access-control-allow-origin" not in client.get(path, headers={**ORIGIN, "Accept": "text/html"}).headers


def test_docs_work_without_any_other_host(client: TestClient) -> None:
    page = client.get("/docs", headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert "cdn" not in page.text.lower() and "<script>" not in page.text
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in page.text
    assert client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200
    assert client.get("/static/docs.js").status_code == 200
    assert client.get("/redoc").status_code == 404
