"""Named queries on goals, partners and actions, checked against the source documents.

The expected values come from the source texts (the five documents registered in graph/bronnen.ttl), not from the
graph: every assertion cites the document as "file number l.line (§section)". tests/test_questions.py already checks
one case of some of these queries (zorg en wonen's objectives, Heemstede's agenda for 2026, Heemskerk's housing
task); the cases here are other ones, across all five plans.
"""

from __future__ import annotations

from collections import Counter

from api.kg.queries import QueryCatalog, run_named
from api.kg.store import GraphStore
from tests.heemskerk_bbv import BBV_PER_OPGAVE

CHECKED_QUERIES: frozenset[str] = frozenset(
    {
        "doelstelling",
        "doelstellingen-per-opgave",
        "pagina-doelstellingen",
        "doelstellingen-zonder-meting",
        "indicatoren-per-opgave",
        "budgetten-per-opgave",
        "acties-per-jaar",
        "acties-per-partner-en-jaar",
        "uitvoeringsagenda",
        "doelen-per-partner",
        "partners-per-doel",
        "partners",
        "ketens-per-partner",
        "matrix-partners",
        "partnernetwerk",
        "opgaven-partnerdekking",
        "huisvestingsopgave",
    }
)

ID = "https://beleidsgraaf.nl/id/"
HEILOO = "heiloo-gebiedsplan-2023-2024"
HEEMSKERK = "heemskerk-sociaal-domein-2024"
GALA = "heemskerk-gala-2023-2026"
WOONZORG = "beverwijk-heemskerk-woonzorgvisie"
HEEMSTEDE = "heemstede-wmo-2025-2028"
GM = "https://identifier.overheid.nl/tooi/id/gemeente/"
BEVERWIJK = GM + "gm0375"


def plan(plan_id: str, path: str = "") -> str:
    return f"{ID}plan/{plan_id}" + (f"/{path}" if path else "")


def org(slug: str) -> str:
    return f"{ID}organisatie/{slug}"


def local(iri: str) -> str:
    """The part of an IRI after the plan (or the last segment of a shared IRI)."""
    return iri.split("/", 6)[-1] if "/id/plan/" in iri else iri.rsplit("/", 1)[-1]


# --- doelstelling -----------------------------------------------------------------------------------------------


def test_doelstelling_with_a_placeholder_baseline(store: GraphStore, queries: QueryCatalog) -> None:
    iri = plan(HEEMSKERK, "doelstelling/opgroeien-en-zelfontplooiing-6")
    [row] = run_named(store, queries, "doelstelling", doelstelling=iri).records()
    # 001 l.1221-1224 (§4.3.3): "In het schooljaar 2026-2027 is het aantal nieuwe vroegtijdig schoolverlaters 10%
    # lager dan x* in 2023-2024." | "Afname vroegtijdig schoolverlaters" | "Jaarverslag Leerplein" | "1x per schooljaar"
    assert row["bovenliggendNaam"] == "Opgroeien en zelfontplooiing"
    assert row["resultaatgebied"] == "Afname vroegtijdig schoolverlaters"
    assert (row["meetinstrument"], row["meetfrequentie"]) == ("Jaarverslag Leerplein", "1x per schooljaar")
    # "x*" is printed, not a number: kept as printed, no value
    assert row["nulTekst"] == "x*" and "nulWaarde" not in row
    assert row["streefRelatief"] == "-10"


def test_doelstelling_with_an_absolute_change(store: GraphStore, queries: QueryCatalog) -> None:
    iri = plan(HEEMSKERK, "doelstelling/vitaal-en-weerbaar-4")
    [row] = run_named(store, queries, "doelstelling", doelstelling=iri).records()
    # 001 l.809-817 (§4.3.1): "In 2027 is er een absolute afname van 5% naar 46% van volwassenen en oudere inwoners
    # met overgewicht ten opzichte van 51% in 2020." | "GGD Gezondheidsmonitor volwassenen" | "1x per 4 jaar"
    assert (row["nulWaarde"], row["nulJaar"]) == ("51", "2020")
    assert (row["streefWaarde"], row["streefAbsoluut"], row["streefJaar"]) == ("46", "-5", "2027")
    assert row["meetfrequentie"] == "1x per 4 jaar"
    assert row["bovenliggendNaam"] == "Vitaal en weerbaar"


def test_doelstelling_without_a_baseline(store: GraphStore, queries: QueryCatalog) -> None:
    iri = plan(HEEMSKERK, "doelstelling/financieel-fit-6")
    [row] = run_named(store, queries, "doelstelling", doelstelling=iri).records()
    # 001 l.1445-1452 (§4.3.4): "... uitstroomt uit de Participatiewet 35% (geen nulmeting)." | "Module inburgering
    # en Suite4SD" | "2x per jaar"
    assert row["streefWaarde"] == "35" and row["streefJaar"] == "2027"
    assert "nulWaarde" not in row and row["nulStatus"] == "geen nulmeting"
    assert (row["meetinstrument"], row["meetfrequentie"]) == ("Module inburgering en Suite4SD", "2x per jaar")


def test_doelstelling_of_heemstede_is_not_smart(store: GraphStore, queries: QueryCatalog) -> None:
    iri = plan(HEEMSTEDE, "doelstelling/veilig-thuis-1")
    [row] = run_named(store, queries, "doelstelling", doelstelling=iri).records()
    # 004 l.1062-1070 (§4.3 Veilig thuis, "Wat willen we bereiken?"): a goal in prose, with no baseline, target or
    # instrument
    assert row["smart"] == "false" and row["bovenliggendNaam"] == "Veilig thuis"
    assert not {"nulWaarde", "streefWaarde", "streefRelatief", "meetinstrument"} & row.keys()


# --- doelstellingen-per-opgave ----------------------------------------------------------------------------------


def test_doelstellingen_per_opgave_of_heemskerk(store: GraphStore, queries: QueryCatalog) -> None:
    rows = run_named(store, queries, "doelstellingen-per-opgave", plan=HEEMSKERK).records()
    # 001 §4.3.1-4.3.5, the tables "Doelstellingen <opgave>": 5 (l.757-829), 5 (l.964-1031), 6 (l.1164-1226),
    # 6 (l.1383-1454), 6 (l.1581-1634)
    assert Counter(row["opgaveNaam"] for row in rows) == {
        "Vitaal en weerbaar": 5,
        "Zorg en wonen": 5,
        "Opgroeien en zelfontplooiing": 6,
        "Financieel fit": 6,
        "Ontmoeten en omzien naar elkaar": 6,
    }
    by_text = {row["tekst"]: row for row in rows}
    # 001 l.1417-1418: "maximaal 1.100 huishoudens problematische schulden ten opzichte van 1.240 in 2023"
    schulden = next(row for text, row in by_text.items() if "problematische schulden" in text)
    assert (schulden["nulWaarde"], schulden["nulJaar"], schulden["streefWaarde"]) == ("1240", "2023", "1100")
    # 001 l.1623-1624: "eenzaamheid ervaart maximaal 45% ten opzichte van 48,1% in 2022"
    eenzaam = next(row for text, row in by_text.items() if "eenzaamheid" in text)
    assert (eenzaam["nulWaarde"], eenzaam["nulJaar"], eenzaam["streefWaarde"]) == ("48.1", "2022", "45")


def test_doelstellingen_per_opgave_of_one_opgave(store: GraphStore, queries: QueryCatalog) -> None:
    opgave = plan(HEEMSKERK, "opgave/ontmoeten-en-omzien-naar-elkaar")
    rows = run_named(store, queries, "doelstellingen-per-opgave", opgave=opgave).records()
    assert {row["opgave"] for row in rows} == {opgave}
    # 001 l.1613-1619: two objectives printed "(geen 0-meting)" (bewonersinitiatieven, wijkplatform)
    assert sum(row.get("nulStatus") == "geen nulmeting" for row in rows) == 2
    # 001 l.1628-1629: "gestegen met 15% ten opzichte van 1754 in 2024"
    mantelz = next(row for row in rows if "MantelZ" in row["tekst"])
    assert (mantelz["nulWaarde"], mantelz["nulJaar"], mantelz["streefRelatief"]) == ("1754", "2024", "15")


# --- pagina-doelstellingen --------------------------------------------------------------------------------------


def test_pagina_doelstellingen_gala(store: GraphStore, queries: QueryCatalog) -> None:
    rows = run_named(store, queries, "pagina-doelstellingen", plan=GALA).records()
    names = {row["naam"]: row for row in rows}
    # 002 l.192-204 (§3): the four "beoogde maatschappelijke effecten" of the Beleidsplan Sociaal domein 2020-2023,
    # a plan outside this one, so no core element of GALA above them
    effecten = {"Meedoen", "Omzien naar elkaar", "Zo thuis mogelijk wonen", "Gezond en weerbaar"}
    assert effecten <= names.keys()
    assert all("hoofd" not in names[name] for name in effecten)
    # 002 l.542-544 and l.553-557 (§3.8 Leefomgeving): the Schone Lucht Akkoord's aim and Kanker Lokaal op de Kaart's
    leefomgeving = [row for row in rows if row.get("ouderNaam") == "Leefomgeving"]
    assert len(leefomgeving) == 2 and all(row["secties"] == "3.8" for row in leefomgeving)
    sla = next(row for row in leefomgeving if "Schone Lucht" in row["naam"])
    assert "50%" in sla["streefTekst"] and "2030" in sla["streefTekst"]
    # none of them is SMART (002 l.672-680, §5: measurable goals are still to be formulated)
    assert len(rows) == 6 and all(row["smart"] == "false" for row in rows)


def test_pagina_doelstellingen_heemstede(store: GraphStore, queries: QueryCatalog) -> None:
    rows = run_named(store, queries, "pagina-doelstellingen", plan=HEEMSTEDE).records()
    sections = Counter(row["secties"] for row in rows)
    # 004 "Wat willen we bereiken?" once in each of §3.1 (l.412), §3.2 (l.502), §3.3 (l.623), §3.4 (l.784),
    # §4.1 (l.848), §4.2 (l.966), §4.3 (l.1062), §4.4 (l.1125): one goal each
    for section in ("3.1", "3.2", "3.3", "3.4", "4.1", "4.2", "4.3", "4.4"):
        assert sections[section] == 1, section
    # 004 l.1217-1229 (§5) and l.1338-1342 (the Woonakkoord: "netto uitbreiding van de sociale woningvoorraad")
    assert sections["5"] == 2
    # prose goals: no baseline printed, and one target: the Woonakkoord's "30% van de woningbouwproductie sociale
    # huur" (l.1341-1342), without a year
    assert all(row["smart"] == "false" and "nulWaarde" not in row for row in rows)
    assert [row["streefWaarde"] for row in rows if "streefWaarde" in row] == ["30"]
    # 004 l.188-190 (§1.1): under the three onderdelen
    assert {local(row["hoofd"]) for row in rows} == {
        "onderdeel/sociale-basis",
        "onderdeel/hulp-en-ondersteuning",
        "onderdeel/wonen-en-zorg",
    }


# Every SMART objective of 001 §4.3 as its table prints it: baseline (value, year or period), target (value "=",
# relative change "%" or absolute change "abs"), the target's year or period and its bound (the text's "minstens",
# "minimaal", "maximaal", "gelijk (of lager)", in the ontology's words). None where the text gives none.
HEEMSKERK_OBJECTIVES: dict[str, tuple[str | None, str | None, str, str, str, str | None]] = {
    # §4.3.1, 001 l.777-829
    "vitaal-en-weerbaar-1": ("56", "2020", "=", "60", "2027", "minimaal"),  # l.777-778 "minstens 60% ... 56% in 2020"
    "vitaal-en-weerbaar-2": ("108", "2e helft van 2023", "=", "250", "2027", None),  # l.785-787
    "vitaal-en-weerbaar-3": ("91", "2019", "=", "93", "2027", None),  # l.798-799
    "vitaal-en-weerbaar-4": ("51", "2020", "abs", "-5", "2027", None),  # l.809-810 "absolute afname van 5% naar 46%"
    "vitaal-en-weerbaar-5": ("42", "2019", "=", "50", "2027", None),  # l.820-821
    # §4.3.2, 001 l.982-1031
    "zorg-en-wonen-1": ("244", "2023", "%", "-20", "2027", None),  # l.982-984 "afgenomen met 20%"
    "zorg-en-wonen-2": ("107", "2022", "=", "178", "2027", None),  # l.991-993
    "zorg-en-wonen-3": ("40", "2023", "=", "50", "2027", None),  # l.1003-1005
    "zorg-en-wonen-4": ("2864", "2023", "%", "9", "2027", "maximaal"),  # l.1017-1018 "maximaal met 9% toegenomen"
    "zorg-en-wonen-5": ("79.91", "2023", "=", "79.91", "2027", "gelijk aan"),  # l.1025-1026 "gelijk op het niveau"
    # §4.3.3, 001 l.1182-1226
    "opgroeien-en-zelfontplooiing-1": ("46", "2022", "=", "80", "2027", None),  # l.1182-1183
    "opgroeien-en-zelfontplooiing-2": (None, None, "=", "70", "2027", "minimaal"),  # l.1190-1192 "minimaal 70%"
    "opgroeien-en-zelfontplooiing-3": ("141", "2023", "=", "141", "2027", "maximaal"),  # l.1202-1204 "gelijk of lager"
    "opgroeien-en-zelfontplooiing-4": ("13601.04", "2023", "=", "13601.04", "2027", "gelijk aan"),  # l.1211-1212
    "opgroeien-en-zelfontplooiing-5": (None, None, "=", "70", "2027", None),  # l.1216-1217
    "opgroeien-en-zelfontplooiing-6": (
        None,
        "schooljaar 2023-2024",
        "%",
        "-10",
        "schooljaar 2026-2027",
        None,
    ),  # l.1221
    # §4.3.4, 001 l.1401-1452
    "financieel-fit-1": ("5377", "2023", "%", "10", "2027", None),  # l.1401-1402
    "financieel-fit-2": ("985", "2023", "%", "10", "2027", None),  # l.1409-1410
    "financieel-fit-3": ("1240", "2023", "=", "1100", "2027", "maximaal"),  # l.1417-1418
    "financieel-fit-4": ("45", "2023", "=", "65", "2027", None),  # l.1428-1429
    "financieel-fit-5": ("16", "2023", "=", "11", "2027", None),  # l.1437-1438
    "financieel-fit-6": (None, None, "=", "35", "2027", None),  # l.1445-1446 "(geen nulmeting)"
    # §4.3.5, 001 l.1599-1634
    "ontmoeten-en-omzien-naar-elkaar-1": ("20", "2022", "=", "21", "2027", None),  # l.1599-1600
    "ontmoeten-en-omzien-naar-elkaar-2": (None, None, "=", "1", "2027", "minimaal"),  # l.1604 "minimaal één"
    "ontmoeten-en-omzien-naar-elkaar-3": (None, None, "=", "5", "2027", "minimaal"),  # l.1613 "minimaal vijf"
    "ontmoeten-en-omzien-naar-elkaar-4": (None, None, "%", "10", "2027", "minimaal"),  # l.1618-1619
    "ontmoeten-en-omzien-naar-elkaar-5": ("48.1", "2022", "=", "45", "2027", "maximaal"),  # l.1623-1624
    "ontmoeten-en-omzien-naar-elkaar-6": ("1754", "2024", "%", "15", "2027", None),  # l.1628-1629
}


def test_pagina_doelstellingen_heemskerk_every_objective_as_printed(store: GraphStore, queries: QueryCatalog) -> None:
    rows = run_named(store, queries, "pagina-doelstellingen", plan=HEEMSKERK).records()
    seen = {}
    for row in rows:
        # an absolute change also names the value it reaches ("van 5% naar 46%"): the change is what it targets
        kind, key = ("abs", "streefAbsoluut") if "streefAbsoluut" in row else ("%", "streefRelatief")
        if key not in row:
            kind, key = "=", "streefWaarde"
        seen[row["doelstelling"].rsplit("/", 1)[-1]] = (
            row.get("nulWaarde"),
            row.get("nulJaar") or row.get("nulPeriode"),
            kind,
            row[key],
            row.get("streefJaar") or row.get("streefPeriode"),
            row.get("streefGrens"),
        )
    assert seen == HEEMSKERK_OBJECTIVES
    # all SMART, each under its own opgave and citing its section
    assert all(row["smart"] == "true" for row in rows)
    assert {(row["ouderNaam"], row["secties"]) for row in rows} == {
        ("Vitaal en weerbaar", "4.3.1"),
        ("Zorg en wonen", "4.3.2"),
        ("Opgroeien en zelfontplooiing", "4.3.3"),
        ("Financieel fit", "4.3.4"),
        ("Ontmoeten en omzien naar elkaar", "4.3.5"),
    }
    # the x* of 001 l.1222 carries the document's footnote (l.1226)
    noot = next(row for row in rows if row["doelstelling"].endswith("opgroeien-en-zelfontplooiing-6")).get(
        "nulNoot", ""
    )
    assert "najaar 2024" in noot


def test_pagina_doelstellingen_woonzorgvisie(store: GraphStore, queries: QueryCatalog) -> None:
    rows = run_named(store, queries, "pagina-doelstellingen", plan=WOONZORG).records()
    # 003 l.1166-1169 (§3.1): "Ons doel is: zo lang mogelijk of weer zelfstandig thuis wonen van ouderen en
    # aandachtsgroepen", the one goal above the four ambities (l.1178-1179); no baseline or target
    [doel] = rows
    assert doel["tekst"] == "zo lang mogelijk of weer zelfstandig thuis wonen van ouderen en aandachtsgroepen"
    assert (doel["secties"], doel["smart"]) == ("3.1", "false")
    assert "nulWaarde" not in doel and "streefWaarde" not in doel


# --- doelstellingen-zonder-meting -------------------------------------------------------------------------------


def test_doelstellingen_zonder_meting(store: GraphStore, queries: QueryCatalog) -> None:
    rows = run_named(store, queries, "doelstellingen-zonder-meting").records()
    # Only Heemskerk's plan has SMART objectives (001 §4.3: 5 + 5 + 6 + 6 + 6), and no plan prints a measurement
    # after its baseline. GALA's measurable goals are still to be formulated (002 l.672-680, §5).
    assert Counter(row["planId"] for row in rows) == {HEEMSKERK: 28}
    assert all(row.get("meetinstrument") and row.get("meetfrequentie") for row in rows)
    by_name = {row["naam"]: row for row in rows}
    # 001 l.1634: "MantelZ 1x per jaar"
    assert (by_name["Mantelzorgers in beeld bij MantelZ"]["meetinstrument"],) == ("MantelZ",)
    # 001 l.784-795: "Gebruikers opvragen bij Team Sportservice" | "2x per jaar"
    jeugdfonds = by_name["Gebruik Jeugdfonds Sport & Cultuur"]
    assert jeugdfonds["meetfrequentie"] == "2x per jaar" and jeugdfonds["hoofdNaam"] == "Vitaal en weerbaar"


# --- indicatoren-per-opgave -------------------------------------------------------------------------------------


def test_indicatoren_per_opgave_heemskerk(store: GraphStore, queries: QueryCatalog) -> None:
    rows = run_named(store, queries, "indicatoren-per-opgave", plan=HEEMSKERK).records()
    per_opgave: dict[str, set[str]] = {}
    for row in rows:
        if row.get("naam"):
            per_opgave.setdefault(local(row["hoofd"]), set()).add(row["naam"])
    assert per_opgave == BBV_PER_OPGAVE  # 001 §4.3, the "Verplichte indicatoren" tables
    assert all(row["bbv"] == "true" for row in rows if row.get("naam"))
    bron = {row["naam"]: row.get("bron") for row in rows if row.get("naam")}
    assert bron["Absoluut verzuim"] == "DUO" and bron["Banen"] == "LISA"  # l.1235, l.1461-1462
    # 001 l.1635-1643: ontmoeten en omzien naar elkaar: "Indicator Eenheid Bron Taakveld / Geen"
    [geen] = [row for row in rows if local(row["hoofd"]) == "opgave/ontmoeten-en-omzien-naar-elkaar"]
    assert geen["geen"] == "Geen" and not geen.get("naam")


# --- budgetten-per-opgave ---------------------------------------------------------------------------------------


def test_budgetten_per_opgave(store: GraphStore, queries: QueryCatalog) -> None:
    rows = run_named(store, queries, "budgetten-per-opgave").records()
    # Only Heemskerk's plan prints budgets: 001 l.522-542 (§3.3), "Beschikbare middelen (op basis van begroting 2024)"
    assert {row["planId"] for row in rows} == {HEEMSKERK}
    amounts = {row["voorNaam"]: row["bedrag"] for row in rows if row["isTotaal"] == "false"}
    assert amounts == {
        "Vitaal en weerbaar": "1874008",
        "Zorg en wonen": "12476129",
        "Opgroeien en zelfontplooiing": "14984774",
        "Financieel fit": "11440518",
        "Ontmoeten en omzien naar elkaar": "4352650",
    }
    [total] = [row for row in rows if row["isTotaal"] == "true"]
    assert total["bedrag"] == "45128079" and total["voor"] == plan(HEEMSKERK)  # "Totaal 45.128.079"
    assert all(row["jaar"] == "2024" for row in rows)
    one = run_named(store, queries, "budgetten-per-opgave", voor=plan(HEEMSKERK, "opgave/zorg-en-wonen")).records()
    assert [row["bedrag"] for row in one] == ["12476129"]


# --- acties-per-jaar, uitvoeringsagenda -------------------------------------------------------------------------


def test_acties_per_jaar_gala(store: GraphStore, queries: QueryCatalog) -> None:
    def actions(year: str) -> set[str]:
        rows = run_named(store, queries, "acties-per-jaar", jaar=year, plan=GALA).records()
        assert all(row["jaarBekend"] == "true" for row in rows)  # GALA gives its years in the text
        return {local(row["actie"]) for row in rows}

    y2023, y2024, y2025, y2026 = (actions(year) for year in ("2023", "2024", "2025", "2026"))
    # 002 l.451 (§3.4) "In 2024 starten wij met de uitvoering van Mamakits"; l.566 (§3.8) "In 2024 stelt de gemeente
    # een hitteplan op"; l.553-554 "vanaf 2024 ... Kanker Lokaal op de Kaart"
    assert {"actie/mamakits", "actie/hitteplan", "actie/kanker-lokaal-op-de-kaart"} <= y2024
    assert "actie/hitteplan" not in y2023 | y2025 | y2026
    # 002 l.613-614 (§3.12) "jaarlijks (zo ook van 2023 tot 2025) de Week van de ontmoeting"
    assert "actie/week-van-de-ontmoeting" in y2023 & y2024 & y2025
    assert "actie/week-van-de-ontmoeting" not in y2026
    # 002 l.416-417 (§3.3) "We starten in 2024 met een pilot 'Voel je goed' en rollen het programma ... uit in 2025
    # en 2026"
    assert "actie/voel-je-goed-pilot" in y2024 and "actie/voel-je-goed-uitrol" in y2025 & y2026
    assert "actie/voel-je-goed-uitrol" not in y2024
    # with its section as theme, also for a part of a bullet: 002 l.409-417 (§3.3 Gezondheidsverschillen)
    themes = {
        local(row["actie"]): row.get("themaNaam")
        for row in run_named(store, queries, "acties-per-jaar", jaar="2024", plan=GALA).records()
    }
    assert themes["actie/voel-je-goed-pilot"] == "Gezondheidsverschillen"
    assert themes["actie/mamakits"] == "Kansrijke Start"  # 002 l.437, l.451
    # 002 l.338-352 (§3 Fasering): one phase per year
    assert "actie/fasering-2025" in y2025 and "actie/fasering-2025" not in y2024


def test_uitvoeringsagenda_gala(store: GraphStore, queries: QueryCatalog) -> None:
    rows = {local(row["actie"]): row for row in run_named(store, queries, "uitvoeringsagenda", plan=GALA).records()}

    def years(name: str) -> set[str]:
        return set(rows[name]["jaren"].split())

    # 002 l.424-425 (§3.3) "in de periode 2024-2026 beweegtoestellen en -aanleidingen toe te voegen aan speelplekken"
    assert years("actie/beweegtoestellen-toevoegen-aan-speelplekken") == {"2024", "2025", "2026"}
    # 002 l.550 (§3.8) "In de periode 2024-2026 worden in het kader van de 'bankjesparade' ..."
    assert years("actie/bankjesparade") == {"2024", "2025", "2026"}
    assert rows["actie/bankjesparade"]["themaNaam"] == "Leefomgeving"
    # 002 l.569 (§3.9) "GGD Kennemerland bespreekt ... in 2023 en 2024"
    assert years("actie/oko-en-vroegsignalering-alcoholproblematiek") == {"2023", "2024"}
    # 002 l.601-604 (§3.11) start in 2023, "in 2024 gecontinueerd"
    assert years("actie/project-migranten-met-dementie-start") == {"2023"}
    assert years("actie/project-migranten-met-dementie-continuering") == {"2024"}
    # 002 l.634 (§3.13) "We gaan in 2024 het 'positieve gezondheid-spinnenweb' inzetten"
    assert years("actie/positieve-gezondheid-spinnenweb") == {"2024"}
    # a part of a bullet takes the bullet's section as its theme: 002 §3.3 Gezondheidsverschillen (l.409, l.416),
    # §3.5 Mentale Gezondheid (l.459, l.474-475), §3.11 Mantelzorg (l.600-604)
    assert rows["actie/voel-je-goed-pilot"]["themaNaam"] == "Gezondheidsverschillen"
    assert rows["actie/uitvoering-plan-ggd-mentale-gezondheid"]["themaNaam"] == "Mentale Gezondheid"
    assert rows["actie/project-migranten-met-dementie-start"]["themaNaam"] == "Mantelzorg"
    # the four phases (002 l.338-352) belong to §3 as a whole, under no one section
    assert not rows["actie/fasering-2024"].get("themaNaam")
    # GALA has no agenda table: no year is given as a mere count
    assert not any(row.get("aantalJarenGepland") for row in rows.values())


def test_uitvoeringsagenda_heemstede_veilig_thuis(store: GraphStore, queries: QueryCatalog) -> None:
    rows = run_named(store, queries, "uitvoeringsagenda", plan=HEEMSTEDE).records()
    # 004 l.1926-1932 (uitvoeringsagenda, Thema: Veilig Thuis): three lines, each "X X X X" (2025-2028)
    veilig = [row for row in rows if row.get("themaNaam") == "Veilig thuis"]
    assert len(veilig) == 3
    assert all(set(row["jaren"].split()) == {"2025", "2026", "2027", "2028"} for row in veilig)
    assert all(row["gedrukt"].endswith("X X X X") for row in veilig)


# --- acties-per-partner-en-jaar ---------------------------------------------------------------------------------


def test_acties_per_partner_en_jaar(store: GraphStore, queries: QueryCatalog) -> None:
    ggd = org("ggd-kennemerland")

    def of(partner: str, year: str) -> set[tuple[str, str]]:
        rows = run_named(store, queries, "acties-per-partner-en-jaar", partner=partner, jaar=year).records()
        return {(local(row["actie"]), row["rol"]) for row in rows}

    # 002 l.569-572 (§3.9) "GGD Kennemerland bespreekt samen met betrokken gemeenten in 2023 en 2024 ... OKO"
    oko = ("actie/oko-en-vroegsignalering-alcoholproblematiek", "uitvoerder")
    assert oko in of(ggd, "2023") and oko in of(ggd, "2024")
    assert oko not in of(ggd, "2025")
    # 002 l.474 (§3.5) "De GGD stelt daarvoor in 2023 een plan op"
    assert ("actie/plan-ggd-mentale-gezondheid", "uitvoerder") in of(ggd, "2023")
    # 002 l.553-554 (§3.8) "Met een (regionale) projectfinanciering van KWF Kankerbestrijding geven we vanaf 2024
    # uitvoering aan het project Kanker Lokaal op de Kaart"
    assert of(org("kwf-kankerbestrijding"), "2024") == {("actie/kanker-lokaal-op-de-kaart", "financier")}
    # 002 l.601-604 (§3.11): "In samenwerking met MaatjeZ en Alzheimer Nederland starten we in 2023 [het project
    # migranten met dementie] ... in 2024 gecontinueerd": the partners are on the project, the years on its parts
    migranten = ("actie/project-migranten-met-dementie", "samenwerkingspartner")
    for partner in (org("maatjez"), org("alzheimer-nederland")):
        assert migranten in of(partner, "2023") and migranten in of(partner, "2024"), partner
        assert migranten not in of(partner, "2025")
    # 004 l.1074-1078 (§4.3) and l.1928 (agenda "X X X X"): Veilig Thuis in every year of the plan
    for year in ("2025", "2028"):
        assert ("actie/veilig-thuis-1", "samenwerkingspartner") in of(org("veilig-thuis-kennemerland"), year)


# --- partners-per-doel, doelen-per-partner, partners ------------------------------------------------------------


def test_partners_per_doel_signatories_of_the_woonzorgvisie(store: GraphStore, queries: QueryCatalog) -> None:
    rows = run_named(store, queries, "partners-per-doel", doel=plan(WOONZORG)).records()
    # 003 l.57-59 (voorwoord): "Namens bestuurders van gemeente Beverwijk, gemeente Heemskerk, Viva! Zorggroep, Pré
    # Wonen, Woonopmaat, RIBW K/AM, Welzijn Beverwijk en MET Heemskerk."
    assert {row["partnerNaam"] for row in rows} == {
        "Beverwijk",
        "Heemskerk",
        "Viva! Zorggroep",
        "Pré Wonen",
        "Woonopmaat",
        "RIBW K/AM",
        "Welzijn Beverwijk",
        "MET Heemskerk",
    }
    assert {row["rol"] for row in rows} == {"ondertekenaar"}


def test_partners_per_doel_heiloo_who_runs_which_facility(store: GraphStore, queries: QueryCatalog) -> None:
    rows = run_named(store, queries, "partners-per-doel", plan=HEILOO).records()
    beheer = {(row["doelNaam"], row["partnerNaam"]) for row in rows if row["rol"] == "beheerder"}
    # 000 l.422-423 (§2.4): "Overkerck en de Loet van Viva zorggroep, De Stolp van Esdégé Reigersdaal, Woonvorm van
    # het SIG, Zorgvilla Craenenbroeck en de GGZ op het Willibrordus-terrein"; l.330-331 "de GGZ-instelling van GGZ
    # Noord-Holland Noord"
    partners = Counter(partner for _, partner in beheer)
    assert partners == {"Viva! Zorggroep": 2, "Esdégé Reigersdaal": 1, "SIG": 1, "GGZ Noord-Holland-Noord": 1}
    assert {"De Loet", "Zorgcentrum Overkerck"} == {name for name, partner in beheer if partner == "Viva! Zorggroep"}
    # the text names nobody who runs Zorgvilla Craenenbroeck
    assert not any("Craenenbroeck" in name for name, _ in beheer)


def test_partners_per_doel_gala_dementia_project(store: GraphStore, queries: QueryCatalog) -> None:
    doel = plan(GALA, "actie/project-migranten-met-dementie")
    rows = run_named(store, queries, "partners-per-doel", doel=doel).records()
    # 002 l.601-603 (§3.11) "In samenwerking met MaatjeZ en Alzheimer Nederland starten we in 2023 ..."
    assert {(row["partnerNaam"], row["rol"]) for row in rows} == {
        ("MaatjeZ", "samenwerkingspartner"),
        ("Alzheimer Nederland", "samenwerkingspartner"),
    }


def test_partners_per_doel_heemstede_dementia_goal(store: GraphStore, queries: QueryCatalog) -> None:
    rows = run_named(store, queries, "partners-per-doel", doel=plan(HEEMSTEDE, "doelstelling/dementie-1")).records()
    # 004 l.801-804 (§3.4 Dementie): "De gemeente heeft ... in het convenant 'dementievriendelijke gemeente' met
    # Alzheimer Nederland afspraken gemaakt om dit doel na te streven"
    assert [(row["partnerNaam"], row["rol"], row["doelSoort"]) for row in rows] == [
        ("Alzheimer Nederland", "samenwerkingspartner", "Doelstelling")
    ]


def test_doelen_per_partner_viva(store: GraphStore, queries: QueryCatalog) -> None:
    rows = run_named(store, queries, "doelen-per-partner", partner=org("viva-zorggroep")).records()
    seen = {(row["planId"], row["doelNaam"], row["rol"]) for row in rows}
    # 000 l.422-423 (§2.4) "Overkerck en de Loet van Viva zorggroep"
    assert (HEILOO, "De Loet", "beheerder") in seen
    # 002 l.312-313 (§3 Samenwerking) "Op initiatief van Viva! Zorggroep denkt de gemeente mee over ... een
    # zogenaamde 'community'"
    assert any(p == GALA and "community" in name and rol == "trekker" for p, name, rol in seen)
    # 003 l.57-59 (voorwoord): co-signs the woonzorgvisie; l.1569 (§4.1) "ViVa! Zorggroep in haar vastgoedplan"
    assert (WOONZORG, "Woonzorgvisie Beverwijk en Heemskerk", "ondertekenaar") in seen
    assert any(p == WOONZORG and "vastgoedplan" in name and rol == "uitvoerder" for p, name, rol in seen)
    # 004 does not name Viva at all
    assert {p for p, _, _ in seen} == {HEILOO, GALA, WOONZORG}
    # a joint plan's rows name both its municipalities (003: Beverwijk and Heemskerk)
    assert {row["gemeenteNaam"] for row in rows if row["planId"] == WOONZORG} == {"Beverwijk", "Heemskerk"}


def test_partners_of_the_woonzorgvisie(store: GraphStore, queries: QueryCatalog) -> None:
    rows = {row["partnerNaam"]: row for row in run_named(store, queries, "partners", plan=WOONZORG).records()}
    # municipalities are not partners here, though they sign (003 l.57-59)
    assert "Beverwijk" not in rows and "Heemskerk" not in rows
    # RIBW K/AM only signs the plan (003 l.57-59); the text gives it no action: signing does not count
    assert rows["RIBW K/AM"]["doelen"] == "0"
    # 003 l.1133-1135 (§2.3) "Daarbij worden ook andere partijen ... betrokken. Denk bijvoorbeeld aan Sint Agnes,
    # Woonzorg Nederland en de Hartekampgroep": one thing each
    for name in ("Sint Agnes", "Woonzorg Nederland", "Hartekampgroep"):
        assert rows[name]["doelen"] == "1", name


def test_partners_across_plans(store: GraphStore, queries: QueryCatalog) -> None:
    rows = {row["partnerNaam"]: row for row in run_named(store, queries, "partners").records()}
    # Viva! Zorggroep: 000 l.422-423, 002 l.305/312, 003 l.57-59; not in 004
    viva = rows["Viva! Zorggroep"]
    assert viva["plannen"] == "3"
    assert set(viva["planIds"].split(", ")) == {HEILOO, GALA, WOONZORG}
    assert set(viva["gemeenten"].split(", ")) == {"Heiloo", "Heemskerk", "Beverwijk"}
    # Mamakits only in 002 l.449-451 (§3.4)
    assert (rows["Mamakits"]["plannen"], rows["Mamakits"]["planIds"]) == ("1", GALA)
    assert not any(name in rows for name in ("Heiloo", "Heemskerk", "Beverwijk", "Heemstede"))


# --- ketens-per-partner -----------------------------------------------------------------------------------------


def test_ketens_per_partner(store: GraphStore, queries: QueryCatalog) -> None:
    rows = run_named(store, queries, "ketens-per-partner", partner=org("kwf-kankerbestrijding")).records()
    # 002 l.553-554 (§3.8 Leefomgeving): KWF finances Kanker Lokaal op de Kaart; only in GALA
    assert {row["planId"] for row in rows} == {GALA}
    assert {local(row["element"]) for row in rows} == {"actie/kanker-lokaal-op-de-kaart"}
    assert "Leefomgeving" in {row.get("doelNaam") for row in rows}
    ggd = run_named(store, queries, "ketens-per-partner", partner=org("ggd-kennemerland")).records()
    # 002 l.568-572: §3.9 "OKO & Vroegsignalering alcoholproblematiek", carried out by GGD Kennemerland
    chain = {(local(row["element"]), row.get("doelNaam")) for row in ggd}
    assert (
        "actie/oko-en-vroegsignalering-alcoholproblematiek",
        "OKO & Vroegsignalering alcoholproblematiek",
    ) in chain
    # 004 l.962 (§4.2): "de GGD" does the Wmo-toezicht in Heemstede
    assert {row["planId"] for row in ggd} == {GALA, HEEMSTEDE}


# --- matrix-partners, partnernetwerk, opgaven-partnerdekking ----------------------------------------------------


def test_matrix_partners_woonzorgvisie(store: GraphStore, queries: QueryCatalog) -> None:
    rows = run_named(store, queries, "matrix-partners", plan=WOONZORG).records()
    # 003 l.1590-1594 (§4.1 actielijn 2, under 3.1.1 Ambitie op wonen): the corporations build rollator-accessible
    rollator = {
        (row["hoofdNaam"], row["partnerNaam"]) for row in rows if "rollator" in row["doelNaam"] and row.get("partner")
    }
    assert rollator == {("Ambitie op wonen", "Pré Wonen"), ("Ambitie op wonen", "Woonopmaat")}
    # 003 l.1658-1659 (§4.2, Ambitie op welzijn): "het project 'jouw wijk, mijn wijk' van ViVa! Zorggroep"
    assert any(
        row["hoofdNaam"] == "Ambitie op welzijn"
        and "jouw wijk" in row["doelNaam"]
        and row["partnerNaam"] == "Viva! Zorggroep"
        for row in rows
    )
    # every core element appears, also without a partner: 003 §3.1.1-3.1.4 (l.1203, 1303, 1374, 1430)
    assert {"Ambitie op wonen", "Ambitie op welzijn", "Ambitie op zorg", "Ambitie op eigen kracht"} <= {
        row["hoofdNaam"] for row in rows
    }
    # by municipality: Beverwijk has only the joint woonzorgvisie (003)
    beverwijk = run_named(store, queries, "matrix-partners", gemeente=BEVERWIJK).records()
    assert {row["planId"] for row in beverwijk} == {WOONZORG}


def test_partnernetwerk_heiloo(store: GraphStore, queries: QueryCatalog) -> None:
    rows = run_named(store, queries, "partnernetwerk", plan=HEILOO).records()
    assert {row["gemeenteNaam"] for row in rows} == {"Heiloo"}
    links = {(row["doelNaam"], row["partnerNaam"], row["rol"]) for row in rows}
    # 000 l.422-423 (§2.4)
    assert ("De Stolp", "Esdégé Reigersdaal", "beheerder") in links
    # 000 l.695-700 (bijlage §3.2 Samenspel): the Adviesraad Sociaal Domein, the Sociaal Team and huisartsen took part
    assert {"Adviesraad Sociaal Domein (Heiloo)", "Sociaal Team (BUCH)", "Huisartsen in Heiloo"} <= {
        partner for _, partner, rol in links if rol == "samenwerkingspartner"
    }
    # the joint woonzorgvisie's links name both its municipalities (003 title, voorwoord)
    joint = run_named(store, queries, "partnernetwerk", plan=WOONZORG).records()
    assert {row["gemeenteNaam"] for row in joint} == {"Beverwijk", "Heemskerk"}


def test_opgaven_partnerdekking(store: GraphStore, queries: QueryCatalog) -> None:
    def cover(plan_id: str) -> dict[str, int]:
        rows = run_named(store, queries, "opgaven-partnerdekking", plan=plan_id).records()
        return {row["kernNaam"]: int(row["aantalPartners"]) for row in rows}

    # 001 §4.3.1-4.3.5: the five maatschappelijke opgaven, every one listed (also with no partner)
    assert cover(HEEMSKERK).keys() == {
        "Vitaal en weerbaar",
        "Zorg en wonen",
        "Opgroeien en zelfontplooiing",
        "Financieel fit",
        "Ontmoeten en omzien naar elkaar",
    }
    # 000 l.731-732 (bijlage §3.4): "De focuspunten zijn Kansrijk opgroeien, Bestaanszekerheid en
    # Vitaliteitsbevordering"
    assert cover(HEILOO).keys() == {"Kansrijk opgroeien", "Bestaanszekerheid", "Vitaliteitsbevordering"}
    # 004 l.188-190 (§1.1) "Onder de Wmo vallen de Sociale Basis, Hulp & ondersteuning en Wonen & zorg"
    assert cover(HEEMSTEDE).keys() == {"Sociale Basis", "Hulp & ondersteuning", "Wonen & zorg"}
    gala = cover(GALA)
    # 002 l.441-455 (§3.4): the coalitie Kansrijke Start IJmond, Mamakits and Nu Niet Zwanger
    assert gala["Kansrijke Start"] >= 3
    # 002 l.608-617 (§3.12): Beverwijk, Velsen and the Pact Eén tegen eenzaamheid, and Heemskerk itself ("In
    # Heemskerk stimuleren we ...")
    assert gala["Eén tegen Eenzaamheid"] == 4


# --- huisvestingsopgave -----------------------------------------------------------------------------------------


def test_huisvestingsopgave_beverwijk(store: GraphStore, queries: QueryCatalog) -> None:
    rows = run_named(store, queries, "huisvestingsopgave", gemeente=BEVERWIJK).records()
    cells = {(row["woningtypeNaam"], row.get("doelgroepNaam")): row for row in rows}
    assert {row["gemeenteNaam"] for row in rows} == {"Beverwijk"}
    # 003 l.469-470 (§2.1a): "ongeveer 440 extra ouderenwoningen ... 355 nultreden, 50 geclusterde en 35 zorggeschikte"
    assert cells[("ouderenwoning", "ouderen")]["gedrukt"] == "ongeveer 440"
    assert cells[("nultredenwoning", "ouderen")]["aantal"] == "355"
    # 003 l.501-504: "50 geclusterde woningen: 25 sociale huurwoningen", "35 zorggeschikte woningen: 23 sociale
    # huurwoningen"
    assert (
        cells[("geclusterde woning", "ouderen")]["aantal"],
        cells[("geclusterde woning", "ouderen")]["socialeHuur"],
    ) == (
        "50",
        "25",
    )
    assert cells[("zorggeschikte woning", "ouderen")]["socialeHuur"] == "23"
    # 003 l.746-747 (§2.2): "25 plekken geclusterd intramuraal; 9 plekken gespikkeld zelfstandig"
    vg = "mensen met een verstandelijke beperking"
    assert cells[("plek geclusterd intramuraal", vg)]["aantal"] == "25"
    assert cells[("plek gespikkeld zelfstandig", vg)]["aantal"] == "9"
    # 003 l.918 (§2.2): "moet Beverwijk negentien ... woningen per jaar" (Maatschappelijke Opvang)
    mo = cells[("woning (type niet nader bepaald)", "mensen die uitstromen uit maatschappelijke opvang")]
    assert (mo["aantal"], mo["gedrukt"]) == ("19", "negentien")
    # 003 l.880-887 (§2.2): the beschermd wonen task "tussen 2025 en 2030"; "beschermd thuis blijft gelijk" is no
    # number
    bw = "mensen met psychische kwetsbaarheid en/of (dreigende) dakloosheid"
    assert cells[("wooneenheid voor beschermd thuis gespikkeld", bw)]["aantal"] == "6"
    gelijk = cells[("wooneenheid voor beschermd thuis", bw)]
    assert gelijk["gedrukt"] == "blijft gelijk" and "aantal" not in gelijk
    # 003 l.887 (§2.2): "afbouw van zes wooneenheden beschermd wonen (intramuraal)": six fewer, not six more
    afbouw = cells[("wooneenheid beschermd wonen (intramuraal)", bw)]
    assert (afbouw["aantal"], afbouw["richting"]) == ("6", "afname")
    assert "richting" not in cells[("nultredenwoning", "ouderen")]
    assert gelijk["periode"] == "tussen 2025 en 2030"
    # 003 l.1102-1104 (figuur 10): "uitstroom jeugdhulp  opgave regio"
    jeugd = cells[("woning of plek (type niet nader bepaald)", "uitstroom jeugdhulp")]
    assert jeugd["gedrukt"] == "opgave regio" and "aantal" not in jeugd


# --- plans with none of a kind: rows that must be absent --------------------------------------------------------


def test_what_the_other_plans_do_not_have(store: GraphStore, queries: QueryCatalog) -> None:
    # 002 l.672-680 (§5): GALA's measurable goals are still to be formulated: no SMART objective to monitor
    assert run_named(store, queries, "doelstellingen-zonder-meting", plan=GALA).records() == []
    # 004 prints no budget table (its §6 is about monitoring, not funds)
    assert run_named(store, queries, "budgetten-per-opgave", plan=HEEMSTEDE).records() == []
    # 000 l.789-813 (bijlage §3.5) and 004 l.1804-1814 (§6.4) name their indicators for the plan as a whole, with no
    # focuspunt or onderdeel: none per core element
    for plan_id in (HEILOO, HEEMSTEDE):
        assert run_named(store, queries, "indicatoren-per-opgave", plan=plan_id).records() == [], plan_id
    # 001 names its partners only as "maatschappelijke partners" (l.574-575, l.606) and its neighbours Beverwijk and
    # Velsen (l.295-297): no organisation with a role
    assert run_named(store, queries, "partners", plan=HEEMSKERK).records() == []


def test_uitvoeringsagenda_heiloo_and_heemskerk(store: GraphStore, queries: QueryCatalog) -> None:
    def agenda(plan_id: str) -> dict[str, set[str]]:
        rows = run_named(store, queries, "uitvoeringsagenda", plan=plan_id).records()
        return {local(row["actie"]): set(row["jaren"].split()) for row in rows}

    assert agenda(HEILOO) == {
        # 000 l.544-547 (§3.4 Sturing op de accenten, punt 3): "Afspraken zullen voor 2023 gemaakt worden ... Voor
        # 2024 vormt het gebiedsplan het basisdocument waarop maatschappelijke partners hun subsidieaanvraag baseren"
        "actie/sturing-3": {"2023", "2024"},
        # 000 l.689 (bijlage §3.1): "vanaf 2024 is het gebiedsplan het basisdocument bij (tussentijdse) gesprekken
        # met partners"
        "actie/gebiedsplan-basisdocument-bij-gesprekken": {"2024"},
        # 000 l.695-706 (bijlage §3.2 Samenspel): "2023 een eerste leerjaar"
        "actie/samenspel": {"2023"},
        # 000 l.818 (bijlage §3.5, footnote 3): "Voor 2025 ligt er een ontwikkelopgave om deze leeftijdscategorie
        # ... onder te verdelen"
        "actie/ontwikkelopgave-leeftijdscategorie-kwetsbaarheidsscore": {"2025"},
    }
    # 001 l.1676 (§5.1): "evaluatie- en bijstuurmoment vindt plaats in 2027", the only dated action of the plan
    assert agenda(HEEMSKERK) == {"actie/evaluatie-en-bijstuurmoment-2027": {"2027"}}


def test_huisvestingsopgave_heemskerk_figure_10_is_a_restatement(store: GraphStore, queries: QueryCatalog) -> None:
    rows = run_named(store, queries, "huisvestingsopgave", gemeente=GM + "gm0396").records()
    zorggeschikt = [row for row in rows if row["woningtypeNaam"] == "zorggeschikte woning"]
    # 003 l.514 (§2.1a): "115 zorggeschikte woningen: 58 sociale huurwoningen"; figuur 10 (l.1078) restates it as
    # "115 (74 soc huur)": the row is the original, once, and 74 is not a second answer
    assert [(row["aantal"], row["socialeHuur"]) for row in zorggeschikt] == [("115", "58")]
    # 003 l.890-895 (§2.2): Heemskerk "toename van één wooneenheid voor beschermd thuis" (l.894)
    thuis = next(row for row in rows if row["woningtypeNaam"] == "wooneenheid voor beschermd thuis")
    assert (thuis["aantal"], thuis["gedrukt"]) == ("1", "één")
