"""The questions the issues name, answered from the graph through the named queries.

Expected values come from the source documents (registered in graph/bronnen.ttl by file name and SHA-256), cited per
assertion.
"""

from __future__ import annotations

from api.kg.queries import QueryCatalog, run_named
from api.kg.store import GraphStore

HEEMSKERK = "https://beleidsgraaf.nl/id/plan/heemskerk-sociaal-domein-2024/"
GM = "https://identifier.overheid.nl/tooi/id/gemeente/"
PARTICIPATIEWET = "https://wetten.overheid.nl/BWBR0015703"
WMO = "https://wetten.overheid.nl/BWBR0035362"


def test_doelstellingen_of_zorg_en_wonen_with_baseline_and_target(store: GraphStore, queries: QueryCatalog) -> None:
    rows = run_named(store, queries, "doelstellingen-per-opgave", opgave=HEEMSKERK + "opgave/zorg-en-wonen").records()
    # 001 §4.3.2 "Doelstellingen zorg en wonen": five objectives
    assert len(rows) == 5
    nachten = next(row for row in rows if "daklozenvoorziening" in row["tekst"])
    # "afgenomen met 20% ten opzichte van 244 nachten in 2023", "In 2027"
    assert (nachten["nulWaarde"], nachten["nulJaar"], nachten["streefRelatief"], nachten["streefJaar"]) == (
        "244",
        "2023",
        "-20",
        "2027",
    )
    kosten = next(row for row in rows if "maatwerkkosten" in row["tekst"])
    # "maximaal met 9% toegenomen ten opzichte van € 2.864 in 2023"
    assert kosten["nulWaarde"] == "2864" and kosten["nulEenheid"] == "euro" and kosten["streefRelatief"] == "9"


def test_beleidsterreinen_resting_on_the_participatiewet(store: GraphStore, queries: QueryCatalog) -> None:
    rows = run_named(store, queries, "beleidsterreinen-per-wet", wet=PARTICIPATIEWET).records()
    # 001 §2 table: Werk en inkomen, Armoede and Re-integratie have the Participatiewet as wettelijk kader
    assert {row["beleidsterreinNaam"] for row in rows} == {"Werk en inkomen", "Armoede", "Re-integratie"}


def test_partners_active_in_more_than_one_municipality(store: GraphStore, queries: QueryCatalog) -> None:
    rows = {row["partnerNaam"]: row for row in run_named(store, queries, "partners-in-meerdere-gemeenten").records()}
    # GGD Kennemerland: GALA Heemskerk (002 §3.5) and Wmo Heemstede (004 §4.2)
    assert set(rows["GGD Kennemerland"]["gemeenten"].split(", ")) == {"Heemskerk", "Heemstede"}
    # MET Heemskerk signs the woonzorgvisie of Beverwijk and Heemskerk (003 voorwoord)
    assert "Beverwijk" in rows["MET Heemskerk"]["gemeenten"]
    assert all(int(row["aantalGemeenten"]) > 1 for row in rows.values())


def test_laws_framing_policy_in_more_than_one_municipality(store: GraphStore, queries: QueryCatalog) -> None:
    rows = {row["wet"]: row for row in run_named(store, queries, "wetten-in-meerdere-gemeenten").records()}
    # Wmo 2015: four beleidsterreinen in Heemskerk (001 §2) and the Wmo plan of Heemstede (004)
    assert set(rows[WMO]["gemeenten"].split(", ")) == {"Heemskerk", "Heemstede"}


def test_uitvoeringsagenda_heemstede_for_a_year(store: GraphStore, queries: QueryCatalog) -> None:
    rows = run_named(store, queries, "acties-per-jaar", jaar="2026", plan="heemstede-wmo-2025-2028").records()
    agenda = [row for row in rows if "/actie/uitvoeringsagenda-" in row["actie"]]
    # 004 Bijlage Uitvoeringsagenda: 56 actiepunten; 34 are marked "X X X X" (all four years, so 2026),
    # 22 carry fewer marks whose columns the text does not give: listed as year unknown, never guessed
    assert sum(row["jaarBekend"] == "true" for row in agenda) == 34
    assert sum(row["jaarBekend"] == "false" for row in agenda) == 22
    assert all(row["themaNaam"] for row in agenda)


def test_huisvestingsopgave_per_gemeente_and_woningtype(store: GraphStore, queries: QueryCatalog) -> None:
    rows = run_named(store, queries, "huisvestingsopgave", gemeente=GM + "gm0396").records()
    cells = {(row["woningtypeNaam"], row.get("doelgroepNaam")): row for row in rows}
    # 003 Figuur 10 / §2.1a: Heemskerk 425 nultredenwoningen and 160 geclusterde woningen (80 soc huur)
    assert cells[("nultredenwoning", "ouderen")]["aantal"] == "425"
    assert (
        cells[("geclusterde woning", "ouderen")]["aantal"],
        cells[("geclusterde woning", "ouderen")]["socialeHuur"],
    ) == (
        "160",
        "80",
    )
    # "n.t.b." is kept as printed, with its status, not turned into a number
    mantelzorg = cells[("mantelzorgwoning", "mantelzorgers")]
    assert mantelzorg["gedrukt"] == "n.t.b." and "aantal" not in mantelzorg
