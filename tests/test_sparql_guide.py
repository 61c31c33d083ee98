"""docs/sparql.md (#14 item 6): every query of the researchers' guide runs, on the embedded store and through
/sparql, and gives the answer the guide states. Expected rows come from the documents, cited per assertion."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.kg.store import GraphStore

GUIDE = Path(__file__).resolve().parent.parent / "docs" / "sparql.md"
BLOCKS = re.findall(r"^### (\d+)\. (.+?)\n.*?```sparql\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S | re.M)
HEEMSKERK = "https://beleidsgraaf.nl/id/plan/heemskerk-sociaal-domein-2024/doelstelling/"


def answer(store: GraphStore, number: int) -> list[dict[str, str]]:
    query = next(text for n, _, text in BLOCKS if int(n) == number)
    return [{k: v.value for k, v in row.items()} for row in store.select(query).rows]


def test_the_guide_has_its_questions() -> None:
    assert [int(n) for n, _, _ in BLOCKS] == list(range(1, 14))


def test_plans_per_municipality(store: GraphStore) -> None:
    rows = answer(store, 1)
    assert len(rows) == 6
    joint = {r["naam"] for r in rows if r["plan"].endswith("/beverwijk-heemskerk-woonzorgvisie")}
    assert joint == {"Beverwijk", "Heemskerk"}  # source 003 is by both municipalities


def test_laws_of_more_than_one_municipality(store: GraphStore) -> None:
    laws = {r["naam"]: int(r["gemeenten"]) for r in answer(store, 2)}
    assert laws["Wet maatschappelijke ondersteuning 2015"] == 4 and laws["Wet langdurige zorg"] == 4
    assert laws["Wet versterking regie volkshuisvesting"] == 3  # 003 §1.2 (two municipalities) and 004 §5
    assert laws["Jeugdwet"] == 2 and laws["Participatiewet"] == 2  # 001 §2 and the BUCH plan in 000
    assert len(laws) == 8


def test_objectives_without_baseline(store: GraphStore) -> None:
    found = {r["doelstelling"].removeprefix(HEEMSKERK) for r in answer(store, 3)}
    assert found == {  # 001 §4.3.3-§4.3.5: '(geen nulmeting)', '(geen 0-meting)', 'x*', or none printed
        "opgroeien-en-zelfontplooiing-2", "opgroeien-en-zelfontplooiing-5", "opgroeien-en-zelfontplooiing-6",
        "financieel-fit-6", "ontmoeten-en-omzien-naar-elkaar-2", "ontmoeten-en-omzien-naar-elkaar-3",
        "ontmoeten-en-omzien-naar-elkaar-4",
    }  # fmt: skip


def test_partners_in_more_than_one_municipality(store: GraphStore) -> None:
    partners = {r["naam"]: set(r["waar"].split(", ")) for r in answer(store, 4)}
    assert partners["GGD Kennemerland"] == {"Heemskerk", "Heemstede"}  # 002 §3.5, 004 §4.2


def test_the_agenda_per_year(store: GraphStore) -> None:
    per_year = {r["jaar"]: int(r["acties"]) for r in answer(store, 5)}
    # 004 Bijlage Uitvoeringsagenda: 34 rows "X X X X", one of which restates an action of each of §5.1-5.4
    assert per_year == {"2024": 1, "2025": 37, "2026": 37, "2027": 37, "2028": 37}


def test_wijken_by_share(store: GraphStore) -> None:
    shares = [(r["naam"], r["aandeel"]) for r in answer(store, 6)]
    assert shares[0] == ("Stationsomgeving", "8.8") and shares[-1] == ("Blockhovepark", "2.6")  # 000 bijlage 4
    assert len(shares) == 7  # Heiloo-Oost prints '-'


def test_corrections(store: GraphStore) -> None:
    rows = answer(store, 7)
    assert len(rows) == 3 and {r["juist"] for r in rows if r["gedrukt"] in ("27", "10")} == {"28", "8"}


def test_shared_target_groups(store: GraphStore) -> None:
    names = {r["naam"] for r in answer(store, 8)}
    assert {"mantelzorgers", "jonge mantelzorgers", "mensen met dementie"} <= names


def test_bbv_indicators(store: GraphStore) -> None:
    rows = answer(store, 9)
    assert len({r["indicator"] for r in rows}) == 15 and len({r["opgave"] for r in rows}) == 4  # 001 §4.3.1-4


def test_missie_and_visie(store: GraphStore) -> None:
    missie = [r for r in answer(store, 10) if r["soort"] == "missie" and "heemskerk-sociaal" in r["plan"]]
    assert missie[0]["tekst"].startswith("Een zorgzaam Heemskerk, waar iedere inwoner eigenwaarde behoudt")
    assert missie[0]["sectie"] == "4.2"


def test_named_graphs(store: GraphStore) -> None:
    graphs = {r["graaf"].rsplit("/", 1)[-1] for r in answer(store, 11)}
    assert {"heemstede-wmo-2025-2028", "bronnen", "wetten", "gemeenten"} <= graphs


@pytest.mark.parametrize("number", range(1, 12))
def test_every_question_runs_through_the_endpoint(client: TestClient, number: int) -> None:
    query = next(text for n, _, text in BLOCKS if int(n) == number)
    response = client.post("/sparql", data={"query": query}, headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 200 and response.json()["results"]["bindings"]


def test_every_holder_of_a_partner_role_is_a_partner(store: GraphStore) -> None:
    partners = {r["partner"] for r in answer(store, 12)}
    holders = {
        row["o"].value
        for row in store.select(
            "SELECT DISTINCT ?o WHERE { ?p <http://www.w3.org/2000/01/rdf-schema#subPropertyOf>+ "
            "<https://beleidsgraaf.nl/def/partner> . GRAPH ?g { ?s ?p ?o } }"
        ).rows
    }
    assert holders and holders <= partners
    # 004 §3.2: the community platform "Mantelzorgelijk" is run by the organisation of that name (bg:beheerder)
    assert "https://beleidsgraaf.nl/id/organisatie/mantelzorgelijk" in partners
    # 003: Beverwijk acts with Heemskerk on the joint actions; a municipality with a role is a partner too
    assert "https://identifier.overheid.nl/tooi/id/gemeente/gm0375" in partners


def test_one_statistic_across_documents(store: GraphStore) -> None:
    rows = {(r["plan"], r.get("jaar"), r["gedrukt"]) for r in answer(store, 13)}
    assert rows == {
        # 003 l.371 (§2.1a, figuur 1): "Heemskerk 39.499 9.099 23% 41.786 11.686 27%", for 2023 and 2040
        ("beverwijk-heemskerk-woonzorgvisie", "2023", "23%"),
        ("beverwijk-heemskerk-woonzorgvisie", "2040", "27%"),
        # 002 l.8-9 (1 Ouderen): "23% van de inwoners is 65 jaar of ouder ... Vijf jaar geleden was dat nog 21%",
        # without a year
        ("heemskerk-gala-2023-2026", None, "23%"),
        ("heemskerk-gala-2023-2026", None, "21%"),
    }
