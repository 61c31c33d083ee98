"""Every named query in queries/ reads, binds its example, runs on the real graph and answers."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from api.errors import ParameterError, QueryFileError, UnknownQuery
from api.kg.checks.reviews import REVIEW_SUFFIX
from api.kg.graph import parse_sources
from api.kg.load import SourceFile, parse_file
from api.kg.namespaces import graph_iri
from api.kg.queries import QueryCatalog, read_query
from api.kg.store import EmbeddedStore, GraphStore
from api.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
QUERY_FILES = sorted((ROOT / "queries").glob("*.rq"))


def test_there_are_named_queries() -> None:
    assert len(QUERY_FILES) >= 4


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.stem)
def test_header_has_dutch_and_english_title_and_description(path: Path) -> None:
    query = read_query(path)
    assert query.title.get("nl") and query.title.get("en")
    assert query.description.get("nl") and query.description.get("en")
    assert set(query.example) <= {p.name for p in query.parameters}


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.stem)
def test_example_runs_and_answers(path: Path, store: GraphStore, settings: Settings) -> None:
    query = read_query(path)
    if "gebruikersdata" in query.tags:  # data only users add (reviews): run on the graph plus an example of it
        store = EmbeddedStore()
        extra = SourceFile(ROOT / "tests" / "data" / f"{path.stem}.ttl", graph_iri(f"voorbeeld{REVIEW_SUFFIX}"))
        store.replace([*parse_sources(settings), parse_file(extra)])
    result = store.result(query.sparql, bindings=query.bind(query.example))
    if query.form == "SELECT":
        assert result.rows, f"{path.name} with example {query.example} returned no rows"
    elif query.form == "ASK":
        assert result.boolean is not None
    else:
        assert result.triples


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.stem)
def test_parameters_are_never_assigned_inside_the_query(path: Path) -> None:
    """A parameter is bound from outside (VALUES); a BIND to the same variable would be a syntax error."""
    query = read_query(path)
    for parameter in query.parameters:
        assert not re.search(rf"AS\s+\?{parameter.name}\s*\)", query.sparql), parameter.name


def test_parameters_are_typed_terms(queries: QueryCatalog) -> None:
    named = queries.get("doelstellingen-per-opgave")
    bound = named.bind({"plan": "heemskerk-sociaal-domein-2024"})
    assert bound["plan"] == ox.NamedNode("https://beleidsgraaf.nl/id/plan/heemskerk-sociaal-domein-2024")


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"plan": "Heemskerk; DROP ALL"}, "plan"),
        ({"opgave": "not an iri"}, "opgave"),
        ({"onbekend": "x"}, "onbekend"),
    ],
)
def test_bad_parameters_are_named_in_the_error(queries: QueryCatalog, arguments: dict[str, str], message: str) -> None:
    with pytest.raises(ParameterError, match=message):
        queries.get("doelstellingen-per-opgave").bind(arguments)


def test_a_binding_restricts_the_answer(queries: QueryCatalog, store: GraphStore) -> None:
    named = queries.get("beleidsterreinen-per-wet")
    everything = store.result(named.sparql, bindings=named.bind({}))
    one_law = store.result(named.sparql, bindings=named.bind(named.example))
    assert 0 < len(one_law.rows) < len(everything.rows)
    assert set(one_law.values("wet")) == {named.example["wet"]}


def test_unknown_query_lists_the_known_ones(queries: QueryCatalog) -> None:
    with pytest.raises(UnknownQuery, match="plannen"):
        queries.get("bestaat-niet")


def test_header_errors_name_the_file(tmp_path: Path) -> None:
    path = tmp_path / "kapot.rq"
    path.write_text("#+ title: [unclosed\nSELECT * WHERE { ?s ?p ?o }\n", encoding="utf-8")
    with pytest.raises(QueryFileError, match=r"kapot\.rq"):
        read_query(path)
