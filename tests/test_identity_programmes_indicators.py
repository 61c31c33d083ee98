"""Identity across documents beyond organisations (docs/model.md "Identity across documents: programmes,
indicators, subsidies"): a programme two documents name is one node, a statistic two documents print is one shared
indicator with each document's figure as a measurement in that plan's graph, and a subsidy is partner → subsidy →
goal. Expected values come from the source documents, cited per assertion as "file l.line (§section)"."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.kg.queries import QueryCatalog, run_named
from api.kg.store import GraphStore

CHECKED_QUERIES = frozenset({"subsidies", "knoop-bestaat"})
PROG = "https://beleidsgraaf.nl/id/programma/"
IND = "https://beleidsgraaf.nl/id/indicator/"
PLAN = "https://beleidsgraaf.nl/id/plan/"
GM = "https://identifier.overheid.nl/tooi/id/gemeente/"
HEEMSKERK, BEVERWIJK, HEILOO = GM + "gm0396", GM + "gm0375", GM + "gm0399"
DCT = "http://purl.org/dc/terms/"

# (retired IRI, kept IRI, plans whose graphs link the kept node, a spelling the kept node keeps as altLabel)
MERGED = [
    # 003 l.802-818 (§2.2) "het Pact voor Uitstroom", signed "op 8 oktober 2020" by the parties "in IJmond en
    # Zuid-Kennemerland"; 004 l.1535-1536 and footnote 7 l.1553-1555 (§5.2) "het Convenant Uitstroomregeling Pact
    # 2021 Regio IJmond en Zuid-Kennemerland", the same parties and the same outflow from beschermd wonen and
    # maatschappelijke opvang; 001 l.991-995 (§4.3.2) "een reguliere (PACT) woning".
    (
        "convenant-uitstroomregeling-pact-2021-ijmond-zuid-kennemerland",
        "pact-voor-uitstroom",
        {"beverwijk-heemskerk-woonzorgvisie", "heemstede-wmo-2025-2028", "heemskerk-sociaal-domein-2024"},
        "Convenant Uitstroomregeling Pact 2021 Regio IJmond en Zuid-Kennemerland",
    ),
    # 001 l.1097 (§4.3.3) "Beleidsplan Jeugd IJmond (regionaal IJmond)"; 002 l.595 (§3.10) "het beleidsplan Jeugd
    # IJmond 2023-2027"
    (
        "beleidsplan-jeugd-ijmond-2023-2027",
        "beleidsplan-jeugd-ijmond",
        {"heemskerk-sociaal-domein-2024", "heemskerk-gala-2023-2026"},
        "Beleidsplan Jeugd IJmond 2023-2027",
    ),
    # 001 l.173-176 (§1.2) "het vorige beleidsplan Sociaal domein, genaamd: 'Naast elkaar, met elkaar, voor
    # elkaar'"; 002 l.185-187 (§3) "het integrale Beleidsplan Sociaal domein 2020-2023 'Naast elkaar, met elkaar,
    # voor elkaar'"
    (
        "beleidsplan-sociaal-domein-heemskerk-2020-2023",
        "beleidsplan-sociaal-domein-naast-elkaar-met-elkaar-voor-elkaar",
        {"heemskerk-sociaal-domein-2024", "heemskerk-gala-2023-2026"},
        "Beleidsplan Sociaal domein 2020-2023 \u2018Naast elkaar, met elkaar, voor elkaar\u2019",
    ),
    # 003 l.170, l.190 (§1.2) "Regionale woonzorgopgave Zuid-Kennemerland/IJmond, DSP-Groep, 2024"; 004 l.1164-1165
    # (hoofdstuk 5) "de Regionale woonzorgopgave Zuid-Kennemerland/ IJmond (2024)"
    (
        "regionale-woonzorgopgave-zuid-kennemerland-ijmond-2024",
        "regionale-woonzorgopgave-zuid-kennemerland-ijmond",
        {"beverwijk-heemskerk-woonzorgvisie", "heemstede-wmo-2025-2028"},
        "Regionale woonzorgopgave Zuid-Kennemerland/IJmond (2024)",
    ),
]


def _rows(store: GraphStore, query: str) -> list[dict[str, str]]:
    return store.select(query).records()


def _plans_linking(store: GraphStore, node: str) -> set[str]:
    rows = _rows(
        store,
        f"""SELECT DISTINCT ?planId WHERE {{
              ?plan bg:graaf ?g ; dct:identifier ?planId . GRAPH ?g {{ ?s ?p <{node}> }} }}""",
    )
    return {row["planId"] for row in rows}


@pytest.mark.parametrize(("retired", "kept", "plans", "spelling"), MERGED, ids=[m[1] for m in MERGED])
def test_a_programme_two_documents_name_is_one_node(
    store: GraphStore, retired: str, kept: str, plans: set[str], spelling: str
) -> None:
    assert plans <= _plans_linking(store, PROG + kept)
    # the retired IRI stays resolvable with exactly one triple, and nothing points at it any more
    about = _rows(store, f"SELECT ?p ?o WHERE {{ <{PROG + retired}> ?p ?o }}")
    assert about == [{"p": DCT + "isReplacedBy", "o": PROG + kept}]
    assert not _rows(store, f"SELECT ?s WHERE {{ ?s ?p <{PROG + retired}> }}")
    labels = {row["l"] for row in _rows(store, f"SELECT ?l WHERE {{ <{PROG + kept}> skos:altLabel ?l }}")}
    assert spelling in labels


def test_the_pact_keeps_both_years_as_printed(store: GraphStore) -> None:
    pact = PROG + "pact-voor-uitstroom"
    # 003 l.807 (§2.2) "op 8 oktober 2020 het Pact voor Uitstroom getekend"
    issued = _rows(store, f"SELECT ?d WHERE {{ <{pact}> dct:issued ?d }}")
    assert [row["d"] for row in issued] == ["2020-10-08"]
    # 004 l.1535 (§5.2) prints "Pact 2021": kept in the spelling and said in the comment
    comment = _rows(store, f'SELECT ?c WHERE {{ <{pact}> rdfs:comment ?c FILTER(CONTAINS(?c, "2021")) }}')
    assert comment and "2020" in comment[0]["c"]


def test_objectives_and_actions_that_name_the_pact_link_it(store: GraphStore) -> None:
    rows = _rows(
        store,
        f"""SELECT ?s WHERE {{ ?s bg:ontwikkeling <{PROG}pact-voor-uitstroom> }}""",
    )
    linked = {row["s"] for row in rows}
    assert {
        # 001 l.991-995 (§4.3.2): "naar een reguliere (PACT) woning", "Het aantal (PACT)-woningen wordt optimaal benut"
        PLAN + "heemskerk-sociaal-domein-2024/doelstelling/zorg-en-wonen-2",
        # 003 l.1575-1578 (§4.1) "Verder geven we uitvoering aan het Pact voor Uitstroom."
        PLAN + "beverwijk-heemskerk-woonzorgvisie/actie/wonen-1-pact-voor-uitstroom",
        # 003 l.858 (§2.2) "uitstroom uit intramurale woonvoorzieningen via PACT (sociale huur)"
        PLAN + "beverwijk-heemskerk-woonzorgvisie/uitgangspunt/ambitieus-scenario-beschermd-wonen",
        # 004 l.1534-1537 (§5.2) "volgens het Convenant Uitstroomregeling Pact 2021 Regio IJmond en Zuid-Kennemerland"
        PLAN + "heemstede-wmo-2025-2028/actie/wonen-en-zorg-voor-mensen-met-een-psychische-kwetsbaarheid-1",
    } <= linked


def _measurements(store: GraphStore, indicator: str) -> set[tuple[str, str, float | None, str | None]]:
    """(plan, area, value, year) of every measurement that reaches the shared indicator, read from plan graphs.

    A figure for two areas together (003 figuur 1 "Totaal") has its areas joined by a space."""
    rows = _rows(
        store,
        f"""SELECT ?planId (GROUP_CONCAT(DISTINCT STR(?g1); separator=" ") AS ?gebied) ?waarde ?jaar WHERE {{
              ?plan bg:graaf ?g ; dct:identifier ?planId .
              GRAPH ?g {{ ?m bg:indicator ?i }}
              ?i bg:gedeeldeIndicator? <{indicator}> . ?m a bg:Meting .
              OPTIONAL {{ ?m bg:gebied ?g1 }} OPTIONAL {{ ?m bg:waarde ?waarde }} OPTIONAL {{ ?m bg:jaar ?jaar }}
            }} GROUP BY ?planId ?m ?waarde ?jaar""",
    )
    return {
        (r["planId"], r.get("gebied", ""), float(r["waarde"]) if "waarde" in r else None, r.get("jaar")) for r in rows
    }


def test_the_share_of_residents_aged_65_or_over_is_one_indicator(store: GraphStore) -> None:
    found = _measurements(store, IND + "aandeel-inwoners-65-plus")
    heemskerk = {(plan, value, year) for plan, area, value, year in found if area == HEEMSKERK}
    assert heemskerk == {
        # 002 l.8-9 (§1 Ouderen) "23% van de inwoners is 65 jaar of ouder ... Vijf jaar geleden was dat nog 21%"
        ("heemskerk-gala-2023-2026", 23.0, None),
        ("heemskerk-gala-2023-2026", 21.0, None),
        # 003 l.363-370 (§2.1a, figuur 1) Heemskerk 2023 "9.099 23%", 2040 "11.686 27%"
        ("beverwijk-heemskerk-woonzorgvisie", 23.0, "2023"),
        ("beverwijk-heemskerk-woonzorgvisie", 27.0, "2040"),
    }
    # 003 l.368 (§2.1a) Beverwijk "19%" in 2023; 000 l.64-65 (§2.1) Heiloo "ruim een kwart (26,7%) ouder dan 65 jaar"
    assert ("beverwijk-heemskerk-woonzorgvisie", BEVERWIJK, 19.0, "2023") in found
    assert ("heiloo-gebiedsplan-2023-2024", HEILOO, 26.7, "2022") in found
    # the population is on every measurement, not on the indicator
    missing = _rows(
        store,
        f"""SELECT ?m WHERE {{ ?m bg:indicator ?i . ?i bg:gedeeldeIndicator? <{IND}aandeel-inwoners-65-plus> .
              ?m a bg:Meting . FILTER NOT EXISTS {{ ?m bg:populatie ?p }} }}""",
    )
    assert not missing, missing
    assert not _rows(store, f"SELECT ?p WHERE {{ <{IND}aandeel-inwoners-65-plus> bg:populatie|bg:gebied ?p }}")


def test_the_number_of_residents_aged_65_or_over_is_one_indicator(store: GraphStore) -> None:
    found = _measurements(store, IND + "aantal-inwoners-65-plus")
    assert {(plan, value, year) for plan, area, value, year in found if area == HEEMSKERK} == {
        # 001 l.373 (§3.1) "65+ jaar 8.448 9.349 10.300" for 2018, 2024, prognose 2030
        ("heemskerk-sociaal-domein-2024", 8448.0, "2018"),
        ("heemskerk-sociaal-domein-2024", 9349.0, "2024"),
        ("heemskerk-sociaal-domein-2024", 10300.0, "2030"),
        # 003 l.370 (§2.1a, figuur 1) Heemskerk "9.099" in 2023, "11.686" in 2040
        ("beverwijk-heemskerk-woonzorgvisie", 9099.0, "2023"),
        ("beverwijk-heemskerk-woonzorgvisie", 11686.0, "2040"),
    }


def test_the_number_of_residents_is_one_indicator(store: GraphStore) -> None:
    found = _measurements(store, IND + "aantal-inwoners")
    assert {
        # 001 l.341-344 (§3.1) "Op 1 januari 2024 had Heemskerk 39.450 inwoners ten opzichte van 39.145 ... 2018"
        ("heemskerk-sociaal-domein-2024", HEEMSKERK, 39450.0, "2024"),
        ("heemskerk-sociaal-domein-2024", HEEMSKERK, 39145.0, "2018"),
        # 003 l.370 (§2.1a) Heemskerk "39.499" in 2023
        ("beverwijk-heemskerk-woonzorgvisie", HEEMSKERK, 39499.0, "2023"),
        # 002 l.3 (§1) "bijna 40.000 inwoners": printed as an approximation, no value
        ("heemskerk-gala-2023-2026", HEEMSKERK, None, None),
        # 000 l.63-64 (§2.1) "van 22.451 in 2010 naar 24.417 inwoners (jan. 2022)"
        ("heiloo-gebiedsplan-2023-2024", HEILOO, 22451.0, "2010"),
        ("heiloo-gebiedsplan-2023-2024", HEILOO, 24417.0, "2022"),
    } <= found


def test_loneliness_and_volunteering_are_shared_indicators(store: GraphStore) -> None:
    lonely = {plan for plan, *_ in _measurements(store, IND + "eenzaamheid")}
    # 000 l.353-355 (§2.4); 001 l.1623-1624 (§4.3.5) "48,1% in 2022"; 002 l.84-85 (§1) "(regelmatig) eenzaam"
    assert lonely == {"heiloo-gebiedsplan-2023-2024", "heemskerk-sociaal-domein-2024", "heemskerk-gala-2023-2026"}
    volunteers = _measurements(store, IND + "vrijwilligerswerk")
    # 000 l.360-362 (§2.4) "28%" of 65-plussers in 2020; 002 l.95 (§1) "En 20% doet aan vrijwilligerswerk"
    assert ("heiloo-gebiedsplan-2023-2024", HEILOO, 28.0, "2020") in volunteers
    assert ("heemskerk-gala-2023-2026", HEEMSKERK, 20.0, "2022") in volunteers


def test_every_new_shared_indicator_is_printed_by_two_documents_or_more(store: GraphStore) -> None:
    for name in ("aantal-inwoners", "aantal-inwoners-65-plus", "aandeel-inwoners-65-plus", "vrijwilligerswerk"):
        assert len({plan for plan, *_ in _measurements(store, IND + name)}) >= 2, name


def test_partner_subsidy_goal(store: GraphStore, queries: QueryCatalog) -> None:
    rows = run_named(store, queries, "subsidies").records()
    chains = {(r["planId"], r["partnerNaam"], r["rol"], r["subsidieNaam"], r["doelNaam"]) for r in rows}
    # 004 l.453-454 (§3.1) "We monitoren de afspraken budgetsubsidie WIJ Heemstede 2025-2028", listed in the
    # uitvoeringsagenda l.1830-1834 under "Thema: algemene diensten en voorzieningen"
    assert chains == {
        (
            "heemstede-wmo-2025-2028",
            "WIJ Heemstede",
            "ontvanger",
            "Budgetsubsidie WIJ Heemstede 2025-2028",
            "Algemene diensten en voorzieningen",
        )
    }
    wij = rows[0]
    # no amount is printed, so none is stated; the period is
    assert "bedrag" not in wij and (wij["vanaf"], wij["tot"]) == ("2025", "2028")


def test_a_retired_iri_still_resolves_and_names_its_replacement(client: TestClient) -> None:
    page = client.get(
        "/id/programma/convenant-uitstroomregeling-pact-2021-ijmond-zuid-kennemerland", headers={"Accept": "text/html"}
    )
    assert page.status_code == 200
    assert "pact-voor-uitstroom" in page.text


def test_a_retired_iri_redirects_to_the_node_that_replaced_it(client: TestClient) -> None:
    # 003 §2.2 "Pact voor Uitstroom" and 004 §5.2 footnote 7 "Convenant Uitstroomregeling Pact 2021" are one pact
    old = "/id/programma/convenant-uitstroomregeling-pact-2021-ijmond-zuid-kennemerland"
    for accept in ("text/html", "text/turtle"):
        response = client.get(old + "?format=ttl", headers={"Accept": accept}, follow_redirects=False)
        assert response.status_code == 301
        assert response.headers["location"] == "/id/programma/pact-voor-uitstroom?format=ttl"
    page = client.get(old, headers={"Accept": "text/html"})
    assert page.status_code == 200 and "Pact voor Uitstroom" in page.text


def test_knoop_bestaat_names_the_one_node_of_each_merged_programme(store: GraphStore, queries: QueryCatalog) -> None:
    old = PROG + "convenant-uitstroomregeling-pact-2021-ijmond-zuid-kennemerland"
    assert run_named(store, queries, "knoop-bestaat", iri=old).records() == [{"nieuw": PROG + "pact-voor-uitstroom"}]
    # a node that was never replaced exists without a successor; an IRI the graph does not know has no row
    assert run_named(store, queries, "knoop-bestaat", iri=PROG + "pact-voor-uitstroom").records() == [{}]
    assert run_named(store, queries, "knoop-bestaat", iri=PROG + "pact-dat-niemand-sloot").records() == []
