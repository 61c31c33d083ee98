"""Seeing what a query is before running it: the basis of refusing SERVICE and updates.

Every reading here is one pyoxigraph 0.5 makes too; where a test says a query is valid or invalid,
it asks pyoxigraph, so an engine upgrade that reads SPARQL differently shows up here first.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from api.errors import QueryRefused, QuerySyntaxError
from api.kg.namespaces import sparql_prologue
from api.kg.sparql_text import declares_dataset, inline_bindings, query_form, refuse_unsafe
from api.settings import Settings

ENDPOINT = "http://127.0.0.1:9/"


def engine_accepts(query: str) -> bool:
    """Whether pyoxigraph parses the query (SERVICE made harmless: only parsing is asked)."""
    try:
        ox.Store().query(query.replace(ENDPOINT, "http://invalid.invalid/").replace("SERVICE", "SERVICE SILENT"))
    except SyntaxError:
        return False
    return True


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


# Each reaches a SERVICE that pyoxigraph executes; the first two are the probes from issue 17.
DISGUISED_SERVICE = [
    f"SELECT * WHERE {{ #x\rSERVICE <{ENDPOINT}> {{ ?s ?p ?o }} }}",
    f"PREFIX owl: <http://www.w3.org/2002/07/owl#> SELECT * WHERE {{ [ ?p owl:Class]SERVICE<{ENDPOINT}>{{?a ?b ?c}} }}",
    f"SELECT * WHERE {{ # comment\r\nSERVICE <{ENDPOINT}> {{ ?s ?p ?o }} }}",
    f"PREFIX e: <http://e/> SELECT * WHERE {{ ?s ?p (e:a)SERVICE <{ENDPOINT}> {{ ?s ?p ?o }} }}",
    f"PREFIX e: <http://e/> SELECT * WHERE {{ ?s e:p e:o;SERVICE <{ENDPOINT}> {{ ?s ?p ?o }} }}",
    f"PREFIX c: <{ENDPOINT}> SELECT * WHERE {{ SERVICEc:x{{?s ?p ?o}} }}",
    f"SELECT * WHERE {{ ?s ?p trueSERVICE<{ENDPOINT}>{{?a ?b ?c}} }}",
    f"SELECT * WHERE {{ FILTER(1<'>')SERVICE <{ENDPOINT}> {{?s ?p ?o}} FILTER('x'='x') }}",
    f"SELECT * WHERE {{ FILTER(1<<http://x#>)SERVICE <{ENDPOINT}> {{?s ?p ?o}} }}",
    f"SELECT * WHERE {{ {{ SELECT * WHERE {{ OPTIONAL {{ sErViCe <{ENDPOINT}> {{ ?s ?p ?o }} }} }} }} }}",
    f"SELECT * WHERE {{ ?a ?b ?c FILTER NOT EXISTS {{ SERVICE <{ENDPOINT}\\u0073> {{ ?s ?p ?o }} }} }}",
]


@pytest.mark.parametrize("query", DISGUISED_SERVICE)
def test_disguised_service_is_refused(query: str) -> None:
    assert engine_accepts(query), "the disguise must be a query the engine would run"
    with pytest.raises((QueryRefused, QuerySyntaxError)):
        refuse_unsafe(query)


@pytest.mark.parametrize(
    ("query", "where"),
    [
        ("SELECT * WHERE { ?s ?p ?o }\f", "regel 1, kolom 28"),
        ("SELECT * WHERE {\n  ?s ?p ?o\u00a0}", "regel 2, kolom 11"),
        (f"SELECT * WHERE {{ \\u0053ERVICE <{ENDPOINT}> {{ ?s ?p ?o }} }}", "regel 1, kolom 18"),
        ("SELECT * WHERE { ?s ?p ?o ", "regel 1, kolom 27"),
        ("SELECT * WHERE { ?s ?p ?o ) }", "regel 1, kolom 27"),
        ("SELECT * WHERE { ?s ?p 'a\\q' }", "regel 1, kolom 24"),
    ],
)
def test_what_cannot_be_read_is_a_syntax_error_with_its_position(query: str, where: str) -> None:
    with pytest.raises(QuerySyntaxError, match=where):
        refuse_unsafe(query)


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { ?s ?p ?o FILTER(?o < 3) }",
        "SELECT * WHERE { ?s ?p ?o FILTER(?o<3&&?o>1) }",
        "SELECT * WHERE { ?s ?p ?o FILTER(?o<=<http://e/a#b>) }",
        "SELECT * WHERE { VALUES (?a ?b) { (<http://a#b> <http://a#c>) } }",
        "SELECT * WHERE { ?s <http://e/p#q> ?o ; <http://e/p#r> 'x' }",
        "PREFIX e: <http://e/> SELECT * WHERE { ?s e:p e:a\\#b, e:c\\)d . }",
        "SELECT (COUNT(?s) AS ?n) WHERE { ?s ?p ?o } GROUP BY (STR(?p)) HAVING (COUNT(?s)<3) ORDER BY DESC(?n)",
        "SELECT * WHERE { ?s ?p ?o . ?o ?q ?service . FILTER(CONTAINS(STR(?s), 'SERVICE')) }",
        "SELECT * WHERE { BIND(<<( <http://e/a> <http://e/b> <http://e/c> )>> AS ?t) }",
        "SELECT * WHERE { ?s ?p ?o } VALUES ?s { <http://e/a#x> }",
        "# SERVICE <x>\rSELECT * WHERE { ?s ?p 'comment ends at CR' }",
    ],
)
def test_valid_queries_pass(query: str) -> None:
    assert engine_accepts(query)
    assert refuse_unsafe(query) == "SELECT"


def test_every_named_query_passes() -> None:
    files = sorted((Settings().queries_dir).glob("*.rq"))
    assert files
    for path in files:
        assert refuse_unsafe(sparql_prologue() + Path(path).read_text(encoding="utf-8")), path


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
