"""The compiler: what it translates, what it refuses (raising, naming shape and feature), how it reports."""

from __future__ import annotations

import pytest
from rdflib import Graph

from api.kg.checks import ShapeError, UnsupportedFeature, read_shapes_text, validate
from api.kg.checks.select import prepare
from api.kg.checks.terms import format_number
from api.kg.store import EmbeddedStore

PREFIXES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
DATA = """
<http://example.org/a> a <http://example.org/Ding> ; <http://example.org/naam> "A" .
<http://example.org/b> a <http://example.org/Ding> .
"""


def _store() -> EmbeddedStore:
    import pyoxigraph as ox

    store = EmbeddedStore()
    graph = ox.NamedNode("urn:data")
    store.store.extend(
        ox.Quad(t.subject, t.predicate, t.object, graph) for t in ox.parse(DATA, format=ox.RdfFormat.TURTLE)
    )
    return store


@pytest.mark.parametrize(
    ("constraint", "feature"),
    [
        ("sh:or ( [ sh:path ex:naam ] [ sh:path ex:titel ] )", "sh:or"),
        ("sh:not [ sh:path ex:naam ]", "sh:not"),
        ("sh:node ex:AndereShape", "sh:node"),
        ("sh:closed true", "sh:closed"),
        ('sh:languageIn ( "nl" )', "sh:languageIn"),
        ("sh:uniqueLang true", "sh:uniqueLang"),
        ("sh:equals ex:naam", "sh:equals"),
        ("sh:lessThan ex:naam", "sh:lessThan"),
        ("sh:qualifiedValueShape [ sh:class ex:Ding ] ; sh:qualifiedMinCount 1", "sh:qualified"),
        ("sh:severity ex:Eigen", "sh:severity"),
    ],
)
def test_unsupported_features_raise_naming_shape_and_feature(constraint: str, feature: str) -> None:
    text = PREFIXES + f"ex:S a sh:NodeShape ; sh:targetClass ex:Ding ; {constraint} .\n"
    with pytest.raises(UnsupportedFeature) as raised:
        read_shapes_text(text)
    assert raised.value.shape == "http://example.org/S"
    assert raised.value.feature.startswith(feature)
    assert "http://example.org/S" in str(raised.value)


@pytest.mark.parametrize(
    ("select", "message"),
    [
        ("SELECT $this WHERE { $this ?p ?o MINUS { $this a ?c } }", "MINUS"),
        ("SELECT $this WHERE { VALUES ?x { 1 } $this ?p ?x }", "VALUES"),
        ("SELECT ?o WHERE { $this ?p ?o }", r"moet \$this selecteren"),
        ("SELECT $this WHERE { { SELECT ?o WHERE { ?s ?p ?o } } $this ?q ?o }", "geneste SELECT"),
        ("SELECT $this WHERE { BIND(ex:a AS ?this) }", "AS"),
    ],
)
def test_sparql_that_shacl_forbids_raises(select: str, message: str) -> None:
    text = PREFIXES + f'ex:S a sh:NodeShape ; sh:targetClass ex:Ding ; sh:sparql [ sh:select """{select}""" ] .\n'
    with pytest.raises(ShapeError, match=message):
        validate(_store(), read_shapes_text(text))


def test_this_inside_a_union_branch_is_refused_because_a_join_would_not_see_it_bound() -> None:
    select = "SELECT $this WHERE { { FILTER ($this = ex:a) } UNION { $this ?p ?o } }"
    text = PREFIXES + f'ex:S a sh:NodeShape ; sh:targetNode ex:a ; sh:sparql [ sh:select """{select}""" ] .\n'
    with pytest.raises(UnsupportedFeature, match="geneste groep"):
        validate(_store(), read_shapes_text(text))


def test_ill_formed_shapes_raise() -> None:
    with pytest.raises(ShapeError, match="minCount"):
        read_shapes_text(PREFIXES + "ex:S a sh:NodeShape ; sh:targetClass ex:Ding ; sh:minCount 1 .\n")
    with pytest.raises(ShapeError, match="sh:path"):
        read_shapes_text(
            PREFIXES + "ex:S a sh:PropertyShape ; sh:targetClass ex:Ding ; sh:path [ ] ; sh:minCount 1 .\n"
        )


def test_core_constraints_run_once_over_all_targets() -> None:
    text = (
        PREFIXES
        + "ex:S a sh:PropertyShape ; sh:targetClass ex:Ding ; sh:path ex:naam ; sh:minCount 1 ;"
        + ' sh:message "Geen naam: {$this}"@nl .\n'
    )
    [result] = validate(_store(), read_shapes_text(text))
    assert (result.shape, result.focus, result.path, result.value) == (
        "http://example.org/S",
        "http://example.org/b",
        "<http://example.org/naam>",
        None,
    )
    assert result.message("nl") == "Geen naam: http://example.org/b"


def test_deactivated_shapes_report_nothing() -> None:
    text = (
        PREFIXES
        + "ex:S a sh:PropertyShape ; sh:targetClass ex:Ding ; sh:path ex:naam ; sh:minCount 1 ; sh:deactivated true .\n"
    )
    assert validate(_store(), read_shapes_text(text)) == []


def test_targets_are_joined_into_the_query_once() -> None:
    text = prepare("SELECT $this WHERE { $this ?p ?o }", "ex:S", {"ex": "http://example.org/"}, None, "{ TARGETS }")
    assert text.count("{ TARGETS }") == 1
    assert text.index("{ TARGETS }") > text.index("WHERE {")


def test_numbers_in_messages_follow_the_language() -> None:
    assert format_number("39452", "nl") == "39.452"
    assert format_number("48.1", "nl") == "48,1"
    assert format_number("13601.04", "en") == "13,601.04"


def test_reading_a_shapes_graph_from_rdflib() -> None:
    graph = Graph().parse(
        data=PREFIXES + "ex:S a sh:NodeShape ; sh:targetNode ex:a ; sh:class ex:Ding .\n", format="turtle"
    )
    from api.kg.checks import read_shapes

    assert [shape.id for shape in read_shapes(graph)] == ["http://example.org/S"]
