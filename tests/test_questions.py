"""The questions the issues name, answered from the graph through the named queries.

Expected values come from the source documents (registered in graph/bronnen.ttl by file name and SHA-256), cited per
assertion.
"""

from __future__ import annotations

from api.kg.queries import QueryCatalog, run_named
from api.kg.store import GraphStore

CHECKED_QUERIES = frozenset(
    {
        "doelstellingen-per-opgave",
        "beleidsterreinen-per-wet",
        "partners-in-meerdere-gemeenten",
        "wetten-in-meerdere-gemeenten",
        "acties-per-jaar",
        "uitvoeringsagenda",
        "huisvestingsopgave",
    }
)
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
    expected = {
        # 000 l.422-423 (Heiloo §2.4: De Loet and Overkerck "van Viva zorggroep"), 002 l.305/312 (GALA §3.5),
        # 003 voorwoord (co-signs the woonzorgvisie)
        "Viva! Zorggroep": {"Heiloo", "Heemskerk", "Beverwijk"},
        # 002 l.601 (GALA §3.11, project migranten met dementie), 004 l.801-804 (Heemstede §3.4, convenant)
        "Alzheimer Nederland": {"Heemskerk", "Heemstede"},
        # 002 §3.5 and §3.9 (GALA), 004 l.962 (Heemstede §4.2, "de GGD" doing the Wmo-toezicht)
        "GGD Kennemerland": {"Heemskerk", "Heemstede"},
        # 002 §3.5 (GALA) and 003 voorwoord (co-signs the joint woonzorgvisie)
        "MET Heemskerk": {"Heemskerk", "Beverwijk"},
    }
    assert {name: set(row["gemeenten"].split(", ")) for name, row in rows.items()} == expected
    # The woonzorgvisie's corporations and welfare organisations (Pré Wonen, Woonopmaat, Welzijn Beverwijk, ...) have
    # a role in that one joint plan only: they connect no municipalities that plan does not already connect.
    assert "Pré Wonen" not in rows and "Welzijn Beverwijk" not in rows
    # Every row says where: plan and section.
    assert "heiloo-gebiedsplan-2023-2024 §2.4" in rows["Viva! Zorggroep"]["bronnen"]
    assert "heemstede-wmo-2025-2028 §3.4" in rows["Alzheimer Nederland"]["bronnen"]


def test_laws_named_in_plans_of_more_than_one_municipality(store: GraphStore, queries: QueryCatalog) -> None:
    rows = {row["wetNaam"]: row for row in run_named(store, queries, "wetten-in-meerdere-gemeenten").records()}

    def where(name: str) -> tuple[set[str], set[str]]:
        row = rows[name]
        grounded = set(row["alsGrondslagIn"].split(", ")) if row.get("alsGrondslagIn") else set()
        return set(row["gemeenten"].split(", ")), grounded

    assert where("Wet maatschappelijke ondersteuning 2015") == (
        # named: 000 l.660 ("wettelijke taken op de Jeugdhulp en WMO"), 001 §2, 003 l.662 ("Wmo en Wlz"), 004 l.62
        {"Heiloo", "Heemskerk", "Beverwijk", "Heemstede"},
        # rests on it: 000 l.660 (the BUCH opgave), 001 §2 (four beleidsterreinen), 004 l.62-64 (the Wmo plan)
        {"Heiloo", "Heemskerk", "Heemstede"},
    )
    # Wlz: 000 l.1090 (bijlage 3.5), 003 l.430 and l.662, 004 l.199 and l.905-919; none rests on it (004 l.199:
    # "De gemeente is niet verantwoordelijk voor de uitvoering van ... de Wet langdurige zorg")
    assert where("Wet langdurige zorg") == ({"Heiloo", "Heemskerk", "Beverwijk", "Heemstede"}, set())
    # 003 l.143-147 "vooruitlopend op de aanstaande wet Versterking regie volkshuisvesting, verplicht om een lokale
    # woonzorgvisie op te stellen"; 004 l.1153 "via de conceptwet ... verplicht om een visie op wonen en zorg op te
    # stellen"
    assert where("Wet versterking regie volkshuisvesting") == ({"Beverwijk", "Heemskerk", "Heemstede"},) * 2
    # 000 l.660 (wettelijke taken op de Jeugdhulp) and 001 §2 (Jeugd, Leerplicht ... rest on the Jeugdwet)
    assert where("Jeugdwet") == ({"Heiloo", "Heemskerk"},) * 2
    # 000 l.662-665 names them as what Zaffier carries out (a mention); 001 §2 rests Werk en inkomen, Armoede,
    # Schuldhulpverlening and Inburgering on them
    for law in ("Participatiewet", "Wet gemeentelijke schuldhulpverlening", "Wet inburgering 2021"):
        assert where(law) == ({"Heiloo", "Heemskerk"}, {"Heemskerk"}), law
    # 001 l.263 (§2) and 004 l.158 (inleiding, the LIA "in lijn met de gemeentelijke verplichting")
    assert where("Verdrag inzake de rechten van personen met een handicap") == ({"Heemskerk", "Heemstede"},) * 2
    assert len(rows) == 8
    # Every row says where: plan and section.
    sources = rows["Jeugdwet"]["bronnen"]
    assert "heemskerk-sociaal-domein-2024 §2" in sources
    assert "heiloo-gebiedsplan-2023-2024 §bijlage kader juiste hulp en passende ondersteuning" in sources


def test_uitvoeringsagenda_heemstede_for_a_year(store: GraphStore, queries: QueryCatalog) -> None:
    rows = run_named(store, queries, "acties-per-jaar", jaar="2026", plan="heemstede-wmo-2025-2028").records()
    # 004 Bijlage Uitvoeringsagenda: 56 actiepunten; 34 are marked "X X X X" (all four years, so 2026), and one of
    # them ("Inzetten op meer sociale huurwoningen") restates an action of each of §5.1-5.4: 37 actions. The other
    # 22 rows carry fewer marks whose columns the text does not give: listed as year unknown, never guessed.
    assert sum(row["jaarBekend"] == "true" for row in rows) == 37
    assert sum(row["jaarBekend"] == "false" for row in rows) == 22
    # each with its marks as the agenda prints them, and its theme
    assert all(row["gedrukt"] and row["themaNaam"] for row in rows)
    lines = run_named(store, queries, "uitvoeringsagenda", plan="heemstede-wmo-2025-2028").records()
    agenda = [row for row in lines if "/actie/uitvoeringsagenda-" in row["actie"]]
    assert len(agenda) == 56  # the agenda as printed: one line per row


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
