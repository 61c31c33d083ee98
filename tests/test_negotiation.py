"""The Accept parser and chooser, table-tested."""

from __future__ import annotations

import pytest

from api.web.negotiation import choose, parse_accept

SELECT = [
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
]
GRAPH = ["text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml"]
JSON_ALIAS = {"application/json": "application/sparql-results+json"}


@pytest.mark.parametrize(
    ("accept", "offered", "expected"),
    [
        (None, SELECT, "application/sparql-results+json"),
        ("", SELECT, "application/sparql-results+json"),
        ("*/*", GRAPH, "text/turtle"),
        ("text/csv", SELECT, "text/csv"),
        ("text/*", SELECT, "text/csv"),
        ("application/sparql-results+xml;q=0.9, text/csv;q=0.5", SELECT, "application/sparql-results+xml"),
        ("text/csv;q=0.5, application/sparql-results+xml;q=0.9", SELECT, "application/sparql-results+xml"),
        ("text/csv;q=0.1, */*;q=0.2", SELECT, "application/sparql-results+json"),
        ("application/rdf+xml, text/turtle;q=0.8", GRAPH, "application/rdf+xml"),
        ("application/sparql-results+json;q=0, */*", SELECT, "application/sparql-results+xml"),
        ("text/html", SELECT, None),
        ("image/png", GRAPH, None),
        ("TEXT/CSV", SELECT, "text/csv"),
        ("text/csv; charset=utf-8", SELECT, "text/csv"),
        ("text/csv;q=abc", SELECT, None),
        ("text/turtle;q=1.5", GRAPH, "text/turtle"),
    ],
)
def test_choose(accept: str | None, offered: list[str], expected: str | None) -> None:
    assert choose(accept, offered) == expected


def test_alias_counts_as_acceptable() -> None:
    assert choose("application/json", SELECT, JSON_ALIAS) == "application/sparql-results+json"
    assert choose("application/json", GRAPH, JSON_ALIAS) is None


def test_most_specific_range_decides() -> None:
    ranges = parse_accept("text/*;q=0.3, text/csv;q=0.9, */*;q=0.1")
    assert [r.specificity for r in ranges] == [2, 1, 0]
    assert choose("text/*;q=0.3, text/csv;q=0.9, */*;q=0.1", SELECT) == "text/csv"
