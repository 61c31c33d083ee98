"""Identity across documents: one node per real thing, one name per language, nothing dangling."""

from __future__ import annotations

from api.kg.store import GraphStore

SHARED = (
    "https://beleidsgraaf.nl/id/organisatie/",
    "https://beleidsgraaf.nl/id/samenwerkingsverband/",
    "https://beleidsgraaf.nl/id/programma/",
    "https://beleidsgraaf.nl/id/wijk/",
    "https://beleidsgraaf.nl/id/gebied/",
    "https://beleidsgraaf.nl/id/doelgroep/",
    "https://beleidsgraaf.nl/id/voorziening/",
    "https://beleidsgraaf.nl/id/indicator/",
    "https://beleidsgraaf.nl/id/wet/",
    "https://wetten.overheid.nl/",
    "https://identifier.overheid.nl/tooi/id/gemeente/",
)


def _rows(store: GraphStore, query: str) -> list[dict[str, str]]:
    return store.select(query).records()


def test_every_node_has_at_most_one_preferred_label_per_language(store: GraphStore) -> None:
    rows = _rows(
        store,
        """SELECT ?s ?taal (COUNT(DISTINCT ?l) AS ?n)
           WHERE { ?s skos:prefLabel ?l BIND(LANG(?l) AS ?taal) } GROUP BY ?s ?taal HAVING (COUNT(DISTINCT ?l) > 1)""",
    )
    assert not rows, rows[:10]


def test_preferred_and_alternative_labels_are_disjoint(store: GraphStore) -> None:
    rows = _rows(store, "SELECT ?s ?l WHERE { ?s skos:prefLabel ?l ; skos:altLabel ?l }")
    assert not rows, rows[:10]


def test_shared_nodes_used_by_plans_are_declared_in_the_shared_graphs(store: GraphStore) -> None:
    rows = _rows(
        store,
        """SELECT DISTINCT ?o WHERE {
             ?plan bg:graaf ?g . GRAPH ?g { ?s ?p ?o } FILTER(isIRI(?o))
             FILTER NOT EXISTS { GRAPH ?shared { ?o a ?type ; skos:prefLabel ?label }
                                 FILTER(STRSTARTS(STR(?shared), "https://beleidsgraaf.nl/graph/")) }
           }""",
    )
    dangling = sorted(row["o"] for row in rows if row["o"].startswith(SHARED))
    assert not dangling, dangling


def test_shared_nodes_cite_a_section_where_a_plan_names_them(store: GraphStore) -> None:
    rows = _rows(
        store,
        """SELECT DISTINCT ?s WHERE {
             ?s a ?type . FILTER(isIRI(?s))
             FILTER NOT EXISTS { ?s prov:wasDerivedFrom ?sectie . ?sectie a bg:Sectie }
             FILTER NOT EXISTS { ?ander ?p ?s . ?ander prov:wasDerivedFrom ?sectie2 }
           }""",
    )
    unnamed = sorted(row["s"] for row in rows if row["s"].startswith(SHARED))
    assert not unnamed, unnamed


def test_one_node_per_municipality_and_law(store: GraphStore) -> None:
    rows = _rows(
        store,
        """SELECT ?a ?b WHERE {
             ?a a ?kind ; skos:prefLabel|skos:altLabel ?la . ?b a ?kind ; skos:prefLabel|skos:altLabel ?lb .
             VALUES ?kind { bg:Gemeente bg:WettelijkKader }
             FILTER(STR(?a) < STR(?b) && LCASE(STR(?la)) = LCASE(STR(?lb)))
           }""",
    )
    assert not rows, rows
