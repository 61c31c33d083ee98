"""The full-text search index (api.kg.search_index) on the real graph: what zoek.rq finds, faster, and more.

Names and where they come from: 002 l.600 (GALA §3.11 "Mantelzorg", an onderdeel), 004 l.474 (Heemstede §3.2
"Mantelzorg", a theme), 001 l.265 (Heemskerk's beleidsterrein "Vrijwillige inzet & mantelzorg"), the Heiloo
plan's spelling "Buurtsporttcoaches" (kept as skos:altLabel) and Pré Wonen (003).
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient

from api.kg import search_index
from api.kg.queries import QueryCatalog, run_named
from api.kg.search_index import Hit, SearchIndex, describe, fold, hits_query, search_records, words
from api.kg.sparql_text import inline_rows
from api.kg.store import GraphStore

CHECKED_QUERIES = ("zoekindex", "zoektreffers")

ID = "https://beleidsgraaf.nl/id/"
GALA_MANTELZORG = ID + "plan/heemskerk-gala-2023-2026/onderdeel/mantelzorg"
HEEMSTEDE_MANTELZORG = ID + "plan/heemstede-wmo-2025-2028/thema/mantelzorg"
VRIJWILLIGE_INZET = "Vrijwillige inzet & mantelzorg"
EVERYTHING = 100_000  # a limit above the number of names, to compare whole answers


@pytest.fixture(scope="module")
def index(store: GraphStore, queries: QueryCatalog) -> SearchIndex:
    return SearchIndex.build(store, queries)


def found(index: SearchIndex, text: str, limit: int = EVERYTHING) -> set[str]:
    return {hit.knoop for hit in index.search(text, limit)}


def test_the_index_holds_every_name_zoekindex_returns(
    store: GraphStore, queries: QueryCatalog, index: SearchIndex
) -> None:
    rows = run_named(store, queries, "zoekindex").records()
    pairs = {(row["knoop"], row["naam"]) for row in rows}
    assert (GALA_MANTELZORG, "Mantelzorg") in pairs
    assert (ID + "organisatie/buurtsportcoaches-heiloo", "Buurtsporttcoaches") in pairs  # the altLabel too
    assert all(not knoop.startswith("_:") for knoop, _ in pairs)
    assert len(index) == len(pairs)


def test_mantelzorg_exact_names_first(index: SearchIndex) -> None:
    hits = index.search("mantelzorg")
    exact = [hit for hit in hits if hit.rang == 0]
    assert {GALA_MANTELZORG, HEEMSTEDE_MANTELZORG} <= {hit.knoop for hit in exact}
    assert all(fold(hit.naam) == "mantelzorg" for hit in exact)
    assert hits[: len(exact)] == exact
    ranks = [hit.rang for hit in hits]
    assert ranks == sorted(ranks)
    assert next(hit for hit in hits if hit.naam == VRIJWILLIGE_INZET).rang == 2
    assert len({hit.knoop for hit in hits}) == len(hits)  # one hit per node


@pytest.mark.parametrize("text", ["mantelzorg", "zorg", "jeugd", "Buurtsporttcoaches", "wmo", "pré"])
def test_everything_zoek_rq_finds_the_index_finds(
    store: GraphStore, queries: QueryCatalog, index: SearchIndex, text: str
) -> None:
    """The CONTAINS semantics of zoek.rq are kept: by word, stem or substring (trigram)."""
    old = {row["knoop"] for row in run_named(store, queries, "zoek", tekst=text).records()}
    assert old and old <= found(index, text)


def test_a_longer_word_finds_its_base_by_stem(index: SearchIndex) -> None:
    hits = {hit.knoop: hit for hit in index.search("mantelzorger")}
    # no name contains "mantelzorger" as a substring of "Mantelzorg": only the stem can find it
    assert {GALA_MANTELZORG, HEEMSTEDE_MANTELZORG} <= set(hits)
    assert hits[ID + "doelgroep/mantelzorgers"].rang == 0  # its own name "mantelzorger" (an altLabel) first
    assert found(index, "mantelzorgers") >= {GALA_MANTELZORG, HEEMSTEDE_MANTELZORG}


def test_a_part_of_a_word_is_found(index: SearchIndex) -> None:
    hits = found(index, "zorg")
    assert {GALA_MANTELZORG, HEEMSTEDE_MANTELZORG} <= hits
    assert GALA_MANTELZORG in found(index, "telzo")  # inside a word, no stem or word start involved


@pytest.mark.parametrize(
    "text", ['"mantelzorg"', "mantelzorg*", "-mantelzorg", ":mantelzorg", "mantelzorg:", "(mantelzorg)", "^mantelzorg"]
)
def test_fts_syntax_around_a_word_is_only_punctuation(index: SearchIndex, text: str) -> None:
    assert found(index, text) == found(index, "mantelzorg")
    assert {hit.knoop for hit in index.search(text) if hit.rang == 0} >= {GALA_MANTELZORG, HEEMSTEDE_MANTELZORG}


@pytest.mark.parametrize("operator", ["OR", "NOT", "AND", "NEAR"])
def test_fts_operators_are_words_not_operators(index: SearchIndex, operator: str) -> None:
    """As an operator, OR would give the union and NOT would give mantelzorg-without-jeugd; as words they narrow."""
    both = found(index, f"mantelzorg {operator} jeugd")
    assert both <= found(index, "mantelzorg") & found(index, "jeugd")
    assert len(both) < len(found(index, "mantelzorg"))


@pytest.mark.parametrize(
    "text",
    [
        '"',
        '""',
        '"""',
        "*",
        "NEAR(",
        "NEAR(mantelzorg, 2)",
        "OR",
        "-",
        ":",
        "a\"b'c",
        "^",
        "m\x00antelzorg",
        "zorg\x00",
        "\u202ezorg",
    ],
)
def test_fts_syntax_alone_never_raises(index: SearchIndex, text: str) -> None:
    hits = index.search(text)
    assert all(isinstance(hit, Hit) for hit in hits) and len(hits) <= 100


def test_case_and_diacritics_are_ignored(index: SearchIndex) -> None:
    assert index.search("MANTELZORG") == index.search("mantelzorg") == index.search("Mantélzorg")
    assert ID + "organisatie/pre-wonen" in found(index, "pre wonen")  # the name is "Pré Wonen"
    assert ID + "organisatie/pre-wonen" in found(index, "PRÉ WONEN")


def test_empty_and_short_text(index: SearchIndex) -> None:
    assert index.search("") == [] and index.search("   ") == [] and index.search("*") == []
    one = index.search("m")  # one letter: word starts only, as trigrams need three
    assert 0 < len(one) <= 100 and all(any(word.startswith("m") for word in words(hit.naam)) for hit in one)
    assert "https://wetten.overheid.nl/BWBR0035362" in found(index, "wm")  # "WMO", two letters


def test_at_most_100_hits(index: SearchIndex) -> None:
    assert len(index.search("e")) == 100
    assert len(index.search("e", limit=5)) == 5


def test_names_starting_with_several_words(index: SearchIndex) -> None:
    hits = index.search("zorg en w")
    opgave = ID + "plan/heemskerk-sociaal-domein-2024/opgave/zorg-en-wonen"
    assert next(hit for hit in hits if hit.knoop == opgave) == Hit(opgave, "Zorg en wonen", 1)
    assert index.search("zorg en wonen")[0].rang == 0


def test_too_many_matches_to_score_come_shortest_first(index: SearchIndex, monkeypatch: pytest.MonkeyPatch) -> None:
    """A common text at national scale: the same nodes, listed by name length instead of bm25."""
    scored = index.search("elzo", EVERYTHING)  # inside words only ("mantelzorg"): substring matches, rank 2
    monkeypatch.setattr(search_index, "SCORED", 0)
    listed = index.search("elzo", EVERYTHING)
    assert {hit.knoop for hit in listed} == {hit.knoop for hit in scored} and len(listed) > 1
    lengths = [(len(words(hit.naam)), len(hit.naam)) for hit in listed]
    assert lengths == sorted(lengths)


def test_hits_are_described_like_zoek_rq(store: GraphStore, queries: QueryCatalog, index: SearchIndex) -> None:
    rows = search_records(store, queries, index, "mantelzorg")
    old = run_named(store, queries, "zoek", tekst="mantelzorg").records()
    assert list(rows[0]) == list(old[0]) == ["knoop", "naam", "gevonden", "score", "soort", "documenten"]
    assert {(row["knoop"], row["score"]) for row in rows} == {(row["knoop"], row["score"]) for row in old}
    by_node = {row["knoop"]: row for row in rows}
    assert by_node[HEEMSTEDE_MANTELZORG]["soort"] == "Thema"
    scores = [row["score"] for row in rows]
    assert scores == sorted(scores)
    exact = [row["soort"] for row in rows if row["score"] == "0"]
    assert exact.index("Sectie") > max(i for i, soort in enumerate(exact) if soort != "Sectie")  # sections last


def test_found_by_another_spelling(store: GraphStore, queries: QueryCatalog, index: SearchIndex) -> None:
    rows = search_records(store, queries, index, "buurtsporttcoaches")
    hit = next(row for row in rows if row["knoop"] == ID + "organisatie/buurtsportcoaches-heiloo")
    assert hit["gevonden"] == "Buurtsporttcoaches" and hit["naam"] != hit["gevonden"] and hit["score"] == "0"


def test_hit_names_are_inlined_as_escaped_literals(store: GraphStore, queries: QueryCatalog) -> None:
    odd = 'Mantel"zorg" } ; DROP ALL #\n\\'
    result = describe(store, queries, [Hit(HEEMSTEDE_MANTELZORG, odd, 0)])
    assert result is not None
    assert [(row["knoop"], row["gevonden"]) for row in result.records()] == [(HEEMSTEDE_MANTELZORG, odd)]
    assert describe(store, queries, []) is None


def test_no_iri_is_inlined_unchecked(queries: QueryCatalog) -> None:
    with pytest.raises(ValueError):
        hits_query(queries, [Hit("https://e.org/> } DROP ALL { <x:", "x", 0)])
    with pytest.raises(TypeError):
        inline_rows("SELECT * WHERE { }", ["knoop"], [["<https://e.org/>"]])  # type: ignore[list-item]
    with pytest.raises(ValueError):
        inline_rows("SELECT * WHERE { }", ["knoop } DROP"], [[ox.NamedNode("https://e.org/")]])
    with pytest.raises(ValueError):
        inline_rows("SELECT * WHERE { }", ["a", "b"], [[ox.NamedNode("https://e.org/")]])
    assert "UNDEF" in inline_rows("SELECT * WHERE { }", ["a"], [[None]])


def test_rows_without_an_iri_or_a_name_are_left_out() -> None:
    index = SearchIndex.from_rows(
        [
            {"knoop": "https://e.org/a", "naam": "Mantelzorg"},
            {"knoop": "_:b1", "naam": "Mantelzorg"},
            {"knoop": "https://e.org/a b", "naam": "Mantelzorg"},
            {"knoop": "https://e.org/c", "naam": "***"},
        ]
    )
    assert len(index) == 1
    assert index.search("mantelzorg") == [Hit("https://e.org/a", "Mantelzorg", 0)]
    index.close()


def test_the_search_page_uses_the_index(client: TestClient) -> None:
    html = client.get("/zoeken", params={"q": "mantelzorger"}).text
    assert 'href="/id/plan/heemstede-wmo-2025-2028/thema/mantelzorg"' in html  # by stem: zoek.rq cannot
    for text in ['"mantelzorg', "NEAR(", "mantelzorg OR", "-", ":*"]:
        response = client.get("/zoeken", params={"q": text})
        assert response.status_code == 200, text


def test_queries_zoek_still_runs_zoek_rq(client: TestClient) -> None:
    """The named query stays the standard SPARQL researchers can run anywhere (CONTAINS, no stems)."""
    response = client.get("/queries/zoek", params={"tekst": "mantelzorger"}, headers={"Accept": "text/csv"})
    assert response.status_code == 200
    assert HEEMSTEDE_MANTELZORG not in response.text
