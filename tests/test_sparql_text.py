"""Seeing what a query is before running it: the basis of refusing SERVICE and updates."""

from __future__ import annotations

import pytest

from api.errors import QueryRefused
from api.kg.sparql_text import declares_dataset, inline_bindings, query_form, refuse_unsafe


@pytest.mark.parametrize(
    ("query", "form"),
    [
        ("SELECT * WHERE { ?s ?p ?o }", "SELECT"),
        ("PREFIX ex: <http://e/>\nask { ex:a ?p ?o }", "ASK"),
        ("# SELECT in a comment\nCONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT"),
        ("DESCRIBE <http://e/a>", "DESCRIBE"),
        ("INSERT DATA { <a> <b> <c> }", None),
    ],
)
def test_query_form(query: str, form: str | None) -> None:
    assert query_form(query) == form


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "select * where { service silent <http://example.org/> { ?s ?p ?o } }",
        "LOAD <http://example.org/data.ttl>",
        "INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }",
        "DELETE WHERE { ?s ?p ?o }",
        "CLEAR ALL",
        "DROP GRAPH <http://e/g>",
        "WITH <http://e/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    ],
)
def test_updates_and_federation_are_refused(query: str) -> None:
    with pytest.raises(QueryRefused):
        refuse_unsafe(query)


def test_refusal_names_the_position() -> None:
    with pytest.raises(QueryRefused, match="regel 2, kolom 3"):
        refuse_unsafe("SELECT * WHERE {\n  SERVICE <http://e/> { ?s ?p ?o } }")


@pytest.mark.parametrize(
    "query",
    [
        'SELECT * WHERE { ?s ?p "SERVICE LOAD INSERT" }',
        "SELECT * WHERE { ?s <http://e/service> ?load }",
        "PREFIX ex: <http://e/> SELECT * WHERE { ?s ex:insert ?o } # DELETE",
        "SELECT * WHERE { ?s ?p '''multi\nline DROP''' }",
    ],
)
def test_keywords_inside_strings_iris_names_and_comments_are_harmless(query: str) -> None:
    assert refuse_unsafe(query) == "SELECT"


def test_inline_bindings_go_inside_the_outer_where() -> None:
    query = "PREFIX ex: <http://e/>\nSELECT ?x WHERE { ?x ex:p ?plan . { SELECT ?y WHERE { ?y ?p ?o } } }"
    bound = inline_bindings(query, {"plan": "<http://e/plan>"})
    assert bound.index("VALUES (?plan)") < bound.index("?x ex:p ?plan")
    assert "{ (<http://e/plan>) }" in bound


def test_inline_bindings_skip_a_construct_template() -> None:
    bound = inline_bindings("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", {"s": "<http://e/s>"})
    assert bound.startswith("CONSTRUCT { ?s ?p ?o } WHERE { VALUES (?s)")


@pytest.mark.parametrize(
    ("query", "declares"),
    [
        ("ASK FROM <http://e/g> { ?s ?p ?o }", True),
        ("SELECT * FROM NAMED <http://e/g> WHERE { GRAPH ?g { ?s ?p ?o } }", True),
        ("SELECT * WHERE { ?s <http://e/from> ?o }", False),
        ("SELECT * WHERE { ?s ?p 'FROM' }", False),
    ],
)
def test_declares_dataset(query: str, declares: bool) -> None:
    assert declares_dataset(query) is declares
