"""The named queries on laws, comparisons, monitoring and the workbook, checked against the source documents.

The expected values come from the source texts (registered in graph/bronnen.ttl by file name and SHA-256), not
from the graph; each assertion cites file, line(s) and section, as "001 l.233-271 (§2)". Queries over data only
users add (measured values, reviews) run on the graph plus the example under tests/data/ or a small store of their
own, and the parts of their answers that come from a document (the objective, its baseline and target, the plan
and municipality) are asserted. The laws are named by their official titles (graph/shared/wetten.ttl); the
comments give the documents' own spelling where it differs.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from api.kg.checks.reviews import REVIEW_SUFFIX
from api.kg.graph import parse_sources
from api.kg.load import SourceFile, parse_file
from api.kg.namespaces import graph_iri
from api.kg.queries import QueryCatalog, run_named
from api.kg.store import EmbeddedStore, GraphStore
from api.settings import Settings
from tests.heemskerk_bbv import BBV_INDICATOREN

CHECKED_QUERIES: frozenset[str] = frozenset(
    {
        "wet",
        "wetten",
        "wetten-per-gemeente",
        "beleidsterreinen-per-wet",
        "pagina-wetten",
        "vergelijking",
        "monitor-indicatoren-vergelijking",
        "monitor-metingen",
        "monitor-onderwerpen",
        "monitor-status",
        "werkboek-knopen",
        "werkboek-lijsten",
        "werkboek-metingen",
        "beoordelingen",
    }
)

DATA = Path(__file__).resolve().parent / "data"
ID = "https://beleidsgraaf.nl/id/"
PLAN = ID + "plan/"
HEEMSKERK = "heemskerk-sociaal-domein-2024"
HEEMSTEDE = "heemstede-wmo-2025-2028"
HEILOO = "heiloo-gebiedsplan-2023-2024"
GALA = "heemskerk-gala-2023-2026"
WOONZORGVISIE = "beverwijk-heemskerk-woonzorgvisie"
GM = "https://identifier.overheid.nl/tooi/id/gemeente/"
BWB = "https://wetten.overheid.nl/"

WMO = "Wet maatschappelijke ondersteuning 2015"
WLZ = "Wet langdurige zorg"
PW = "Participatiewet"
WGS = "Wet gemeentelijke schuldhulpverlening"
WI = "Wet inburgering 2021"
WPG = "Wet publieke gezondheid"
VN = "Verdrag inzake de rechten van personen met een handicap"
BBV = "Besluit begroting en verantwoording provincies en gemeenten"
WVRV = "Wet versterking regie volkshuisvesting"

# 001 l.233-271 (§2 Afbakening): "Beleidsterrein Wettelijk kader", 19 rows, as printed (left: beleidsterrein,
# right: the law in the documents' words, here by its official title).
HEEMSKERK_AFBAKENING = {
    ("Jeugd", "Jeugdwet"),  # l.235
    ("Onderwijsachterstandenbeleid", "Wet op het primair onderwijs"),  # l.237 "Wet primair onderwijs"
    ("Passend onderwijs", "Wet passend onderwijs"),  # l.239
    ("Leerplicht", "Leerplichtwet 1969"),  # l.241 "Leerplichtwet"
    ("Kinderopvang", "Wet kinderopvang"),  # l.243
    ("Gezondheid", WPG),  # l.245
    ("Jeugdgezondheid", WPG),  # l.247
    ("Werk en inkomen", PW),  # l.249
    ("Armoede", PW),  # l.251
    ("Schuldhulpverlening", WGS),  # l.253
    ("Re-integratie", PW),  # l.255
    ("Maatschappelijke opvang en beschermd wonen", WMO),  # l.257
    ("Maatwerkvoorzieningen Wmo", WMO),  # l.259
    ("Welzijn & maatschappelijke dienstverlening", WMO),  # l.261
    ("Inclusie", VN),  # l.263 "VN-verdrag Handicap"
    ("Vrijwillige inzet & mantelzorg", WMO),  # l.265
    ("Sociale veiligheid", WMO),  # l.267
    ("Laaggeletterdheid en volwasseneducatie", "Wet educatie en beroepsonderwijs"),  # l.269
    ("Inburgering", WI),  # l.271 "Wet inburgering"
}

# Every law each document names, read from the text.
LAWS_PER_PLAN = {
    # 000 l.659-665 ("wettelijke taken op de Jeugdhulp en WMO"; Zaffier carries out "de Participatiewet, de Wet op
    # de Schuldhulpverlening en de Wet Inburgering"), l.806 and l.1090 ("uitkering WLZ")
    HEILOO: {WMO, "Jeugdwet", PW, WGS, WI, WLZ},
    # 001 l.233-271 (§2, twelve laws for nineteen beleidsterreinen) and l.832-833 (§4.3.1-4.3.5, the BBV)
    HEEMSKERK: {law for _, law in HEEMSKERK_AFBAKENING} | {BBV},
    # 002 l.42 ("een uitkering volgens de Participatiewet"), l.307 (§3 Samenwerking, "Wmo-aanbod"), l.539 (§3.8,
    # "vergunningsaanvragen Omgevingswet")
    GALA: {PW, WMO, "Omgevingswet"},
    # 003 l.144 (§1.2, "wet Versterking regie volkshuisvesting"), l.390 (§2.1a, "Wlz-indicatie"), l.662 (§2.2,
    # "Wmo en Wlz"), l.1586 (§4.1, "Wet maatschappelijke ondersteuning")
    WOONZORGVISIE: {WVRV, WLZ, WMO},
    # 004 l.62 (inleiding, "Wet maatschappelijke ondersteuning 2015 (Wmo)"), l.199 (§1, "Zorgverzekeringswet en de
    # Wet langdurige zorg"), l.158 (inleiding, "VN-verdrag Handicap"), l.1015 (§4.2, "AMvB reële tarieven"),
    # l.1153 (§5, "conceptwet Versterking regie Volkshuisvesting")
    HEEMSTEDE: {WMO, "Zorgverzekeringswet", WLZ, VN, "AMvB reële tarieven", WVRV},
}
ALL_LAWS = set().union(*LAWS_PER_PLAN.values())


def rows(store: GraphStore, queries: QueryCatalog, name: str, **parameters: str) -> list[dict[str, str]]:
    return run_named(store, queries, name, **parameters).records()


def store_with(settings: Settings, *extra: Path) -> EmbeddedStore:
    """The repository graph plus user-supplied data (a workbook's measurements, an officer's reviews)."""
    store = EmbeddedStore()
    added = [parse_file(SourceFile(path, graph_iri(f"test-{path.stem}{REVIEW_SUFFIX}"))) for path in extra]
    store.replace([*parse_sources(settings), *added])
    return store


# --- wetten, wet -------------------------------------------------------------------------------------------------


def test_wetten_are_the_laws_the_documents_name(store: GraphStore, queries: QueryCatalog) -> None:
    found = {row["wetNaam"]: row for row in rows(store, queries, "wetten")}
    assert len(ALL_LAWS) == 18 and set(found) == ALL_LAWS
    per_plan = {
        plan: {law for law, row in found.items() if plan in row["planIds"].split(", ")} for plan in LAWS_PER_PLAN
    }
    assert per_plan == LAWS_PER_PLAN
    # Municipalities: the woonzorgvisie is of Beverwijk and Heemskerk both (003 title), so the Wmo and the Wlz are
    # named for all four, and the Wet versterking regie volkshuisvesting for Beverwijk, Heemskerk and Heemstede.
    assert set(found[WMO]["gemeenten"].split(", ")) == {"Heiloo", "Heemskerk", "Beverwijk", "Heemstede"}
    assert found[WMO]["aantalPlannen"] == "5"  # all five documents
    assert set(found[WVRV]["gemeenten"].split(", ")) == {"Beverwijk", "Heemskerk", "Heemstede"}
    # Not said: 004 l.1157 names "het wettelijke verplichte volkshuisvestingsprogramma" but no law for it; the
    # Omgevingswet is GALA's alone (002 l.539).
    assert found["Omgevingswet"]["planIds"] == GALA
    # The most shared first.
    assert [int(row["aantalGemeenten"]) for row in found.values()] == sorted(
        (int(row["aantalGemeenten"]) for row in found.values()), reverse=True
    )


def test_wet_jeugdwet_per_municipality(store: GraphStore, queries: QueryCatalog) -> None:
    found = rows(store, queries, "wet", wet=BWB + "BWBR0034925")
    uses = {(row["planId"], row["elementNaam"], row["relatie"]) for row in found if row["relatie"] != "genoemd"}
    assert uses == {
        (HEEMSKERK, "Jeugd", "wettelijk kader"),  # 001 l.235 (§2)
        # 000 l.655-660 (integraal beleidskader, "juiste hulp en passende ondersteuning ... vanuit de wettelijke
        # taken op de Jeugdhulp en WMO")
        (HEILOO, "Leveren van de juiste steun en passende ondersteuning", "wettelijke grondslag"),
    }
    jeugd = next(row for row in found if row["elementNaam"] == "Jeugd")
    assert "2" in jeugd["secties"].split(", ") and jeugd["gemeenteNaam"] == "Heemskerk"
    named = [row for row in found if row["relatie"] == "genoemd"]
    assert [(row["planId"], row["secties"]) for row in named] == [(HEEMSKERK, "2")]  # 001 l.235 (§2)
    # Not said: GALA (002), the woonzorgvisie (003) and Heemstede (004) never name the Jeugdwet.
    assert {row["planId"] for row in found} == {HEEMSKERK, HEILOO}


def test_wet_wlz_is_named_but_nothing_rests_on_it(store: GraphStore, queries: QueryCatalog) -> None:
    found = rows(store, queries, "wet", wet=BWB + "BWBR0035917")
    # 004 l.199 "De gemeente is niet verantwoordelijk voor de uitvoering van de Zorgverzekeringswet en de Wet
    # langdurige zorg": a mention, and in the other documents too (000 l.806, 003 l.390, l.662).
    assert {row["relatie"] for row in found} == {"noemt wet", "genoemd"}
    named = {row["planId"]: set(row["secties"].split(", ")) for row in found if row["relatie"] == "genoemd"}
    assert named[HEEMSTEDE] == {"1", "4.2", "5.1"}  # 004 l.199 (§1), l.905-919 (§4.2), l.1389 (§5.1)
    assert named[WOONZORGVISIE] == {"2.1a", "2.2"}  # 003 l.390/430/462 (§2.1a), l.662/686/792/819 (§2.2)
    # The woonzorgvisie names the Wlz as a document; its own sources (voorwoord, §1.1, §1.2, colofon) are not where.
    plan_itself = [row for row in found if row["element"] == PLAN + WOONZORGVISIE and row["relatie"] == "noemt wet"]
    assert plan_itself and all(not row.get("secties") for row in plan_itself)
    # 000 l.1084-1090 (bijlage 3.5, the kwetsbaarheidsscore: "uitkering WLZ")
    heiloo = next(row for row in found if row["planId"] == HEILOO)
    assert heiloo["elementSoort"] == "Indicator" and "bijlage 3.5" in heiloo["secties"]


def test_wet_wmo_named_in_every_document(store: GraphStore, queries: QueryCatalog) -> None:
    found = rows(store, queries, "wet", wet=BWB + "BWBR0035362")
    assert {row["planId"] for row in found} == set(LAWS_PER_PLAN)
    named = {row["planId"]: set(row["secties"].split(", ")) for row in found if row["relatie"] == "genoemd"}
    assert named[GALA] == {"3 Samenwerking"}  # 002 l.300-307 ("gecontracteerde partijen ... Wmo-aanbod")
    assert named[WOONZORGVISIE] == {"2.2", "4.1"}  # 003 l.662-819 (§2.2), l.1586 (§4.1)
    # 004 names the Wmo throughout; at least where it states the municipality's duties: l.194 (§1), l.1035 (§4.3
    # Veilig thuis), l.1467 (§5.2)
    assert {"1", "4.3", "5.2"} <= named[HEEMSTEDE]
    kader = {(row["planId"], row["elementNaam"]) for row in found if row["relatie"] == "wettelijk kader"}
    assert kader == {(HEEMSKERK, name) for name, law in HEEMSKERK_AFBAKENING if law == WMO} | {
        (HEEMSTEDE, "Maatschappelijke ondersteuning (Wmo)")  # 004 l.62-65 (inleiding)
    }


# --- wetten-per-gemeente, beleidsterreinen-per-wet, pagina-wetten ---------------------------------------------------


def test_wetten_per_gemeente_the_wmo(store: GraphStore, queries: QueryCatalog) -> None:
    found = {
        (row["gemeenteNaam"], row["elementNaam"])
        for row in rows(store, queries, "wetten-per-gemeente", wet=BWB + "BWBR0035362")
    }
    assert found == {
        # 001 l.257-267 (§2): five beleidsterreinen
        *(("Heemskerk", name) for name, law in HEEMSKERK_AFBAKENING if law == WMO),
        ("Heemstede", "Maatschappelijke ondersteuning (Wmo)"),  # 004 l.62-65 (inleiding)
        ("Heemstede", "Veilig thuis"),  # 004 l.1035-1037 (§4.3) "Op grond van de Wmo zijn we ... verplicht"
        # 004 l.1467-1470 (§5.2) "Vanuit de Wet maatschappelijke ondersteuning is de gemeente verplicht"
        ("Heemstede", "Wonen en zorg voor mensen met een psychische kwetsbaarheid"),
        ("Heiloo", "Leveren van de juiste steun en passende ondersteuning"),  # 000 l.659-660
    }
    # Not said: the woonzorgvisie names the Wmo (003 l.662, l.1586) but rests nothing of Beverwijk's on it.
    assert not any(gemeente == "Beverwijk" for gemeente, _ in found)


def test_wetten_per_gemeente_all(store: GraphStore, queries: QueryCatalog) -> None:
    found = rows(store, queries, "wetten-per-gemeente")
    heemskerk = {(row["elementNaam"], row["wetNaam"]) for row in found if row["planId"] == HEEMSKERK}
    assert heemskerk == HEEMSKERK_AFBAKENING | {(name, BBV) for name in BBV_INDICATOREN}
    # Not said: nothing rests on the Wlz or the Zvw (004 l.199), nor on the Omgevingswet (002 l.539 a mention).
    assert not {row["wetNaam"] for row in found} & {WLZ, "Zorgverzekeringswet", "Omgevingswet"}
    # 003 l.143-145 (§1.2) "vooruitlopend op de aanstaande wet ..., verplicht om een lokale woonzorgvisie op te
    # stellen": the document itself, for both its municipalities
    wvrv = {(row["gemeenteNaam"], row["planId"]) for row in found if row["wetNaam"] == WVRV}
    assert wvrv == {("Beverwijk", WOONZORGVISIE), ("Heemskerk", WOONZORGVISIE), ("Heemstede", HEEMSTEDE)}


def test_beleidsterreinen_per_wet(store: GraphStore, queries: QueryCatalog) -> None:
    found = rows(store, queries, "beleidsterreinen-per-wet")
    assert {(row["beleidsterreinNaam"], row["wetNaam"]) for row in found if row["planId"] == HEEMSKERK} == (
        HEEMSKERK_AFBAKENING
    )
    # 004 l.62-65: the one beleidsterrein of Heemstede's plan; the other documents print no such table.
    assert {(row["planId"], row["beleidsterreinNaam"]) for row in found if row["planId"] != HEEMSKERK} == {
        (HEEMSTEDE, "Maatschappelijke ondersteuning (Wmo)")
    }
    wpg = rows(store, queries, "beleidsterreinen-per-wet", wet=BWB + "BWBR0024705")
    assert {row["beleidsterreinNaam"] for row in wpg} == {"Gezondheid", "Jeugdgezondheid"}  # 001 l.245-247


def test_pagina_wetten_per_plan(store: GraphStore, queries: QueryCatalog) -> None:
    heemskerk = rows(store, queries, "pagina-wetten", plan=HEEMSKERK)
    assert len(heemskerk) == len(HEEMSKERK_AFBAKENING) + len(BBV_INDICATOREN) == 34  # 001 §2 and §4.3
    assert sum(row["wetNaam"] == BBV for row in heemskerk) == 15
    heemstede_rows = rows(store, queries, "pagina-wetten", plan=HEEMSTEDE)
    assert len(heemstede_rows) == 6
    heemstede = {(row["element"].rsplit("/", 2)[-2], row["wetNaam"]) for row in heemstede_rows}
    assert heemstede == {
        ("beleidsterrein", WMO),  # 004 l.62-65
        ("thema", WMO),  # 004 l.1035 (§4.3) and l.1467 (§5.2): two themes
        ("actie", "AMvB reële tarieven"),  # 004 l.1013-1015 (§4.2) "een reëel tarief ..., conform de AMvB"
        ("onderdeel", WVRV),  # 004 l.1152-1154 (§5) "via de conceptwet ... verplicht"
        ("programma", VN),  # 004 l.155-158 the LIA "in lijn met de gemeentelijke verplichting vanuit het VN-verdrag"
    }
    heiloo = {row["wetNaam"] for row in rows(store, queries, "pagina-wetten", plan=HEILOO)}
    assert heiloo == {"Jeugdwet", WMO}  # 000 l.659-660; Zaffier's three laws (l.662-665) are what Zaffier does
    # Not said: GALA rests nothing on a law (002 l.42 a statistic, l.307 and l.539 mentions).
    assert rows(store, queries, "pagina-wetten", plan=GALA) == []


# --- vergelijking ------------------------------------------------------------------------------------------------


def test_vergelijking_heemstede(store: GraphStore, queries: QueryCatalog) -> None:
    found = rows(store, queries, "vergelijking", gemeente=GM + "gm0397")
    assert {row["planId"] for row in found} == {HEEMSTEDE}

    def items(soort: str) -> set[str]:
        return {row["itemNaam"] for row in found if row["soort"] == soort}

    assert items("wet") == LAWS_PER_PLAN[HEEMSTEDE]
    assert items("beleidsterrein") == {"Maatschappelijke ondersteuning (Wmo)"}
    # 004 l.44 "Loket Heemstede", l.433 "WIJ Heemstede", l.518 "Tandem", l.801-804 (§3.4) Alzheimer Nederland
    assert {"Loket Heemstede", "WIJ Heemstede", "Tandem", "Alzheimer Nederland"} <= items("partner")
    assert "Heemstede" not in items("partner")  # the municipality itself is no partner
    # 004 "Wat willen we bereiken?" under §3.1-3.4 (Sociale Basis), §4.1-4.4 (Hulp & ondersteuning), and for
    # Wonen & zorg l.1217-1230 (§5) and l.1338-1342 (§5, "Conform de afspraken in het Woonakkoord ... streven wij
    # naar een netto uitbreiding van de sociale woningvoorraad"): the three onderdelen of l.189
    per_onderdeel = {}
    for row in found:
        if row["soort"] == "doelstelling":
            per_onderdeel.setdefault(row["onderNaam"], set()).add(row["itemNaam"])
    assert {name: len(goals) for name, goals in per_onderdeel.items()} == {
        "Sociale Basis": 4,
        "Hulp & ondersteuning": 4,
        "Wonen & zorg": 2,
    }


def test_vergelijking_heemskerk(store: GraphStore, queries: QueryCatalog) -> None:
    found = rows(store, queries, "vergelijking", gemeente=GM + "gm0396")
    # Heemskerk's own two plans and the joint woonzorgvisie (003 is of Beverwijk and Heemskerk)
    assert {row["planId"] for row in found} == {HEEMSKERK, GALA, WOONZORGVISIE}
    beleid = {row["itemNaam"] for row in found if row["planId"] == HEEMSKERK and row["soort"] == "beleidsterrein"}
    assert beleid == {name for name, _ in HEEMSKERK_AFBAKENING}  # 001 l.233-271 (§2)
    laws = {row["itemNaam"] for row in found if row["planId"] == HEEMSKERK and row["soort"] == "wet"}
    assert laws == LAWS_PER_PLAN[HEEMSKERK]
    # 001 §4.3.1-4.3.5: 5 + 5 + 6 + 6 + 6 SMART objectives, each under its opgave
    goals: dict[str, set[str]] = {}
    for row in found:
        if row["planId"] == HEEMSKERK and row["soort"] == "doelstelling":
            goals.setdefault(row["onderNaam"], set()).add(row["item"])
    assert sorted(len(ids) for ids in goals.values()) == [5, 5, 6, 6, 6]


# --- monitor-onderwerpen, monitor-status -----------------------------------------------------------------------


def test_monitor_onderwerpen_heemskerk(store: GraphStore, queries: QueryCatalog) -> None:
    found = rows(store, queries, "monitor-onderwerpen", plan=HEEMSKERK)
    goals = {row["onderwerp"].rsplit("/", 1)[-1]: row for row in found if row["soort"] == "doelstelling"}
    assert len(goals) == 28  # 001 §4.3.1-4.3.5
    # Besides the BBV indicators: the statistics whose figures the plan prints, one shared indicator each (#14):
    # 001 l.341-346 (§3.1, "39.450 inwoners"), l.373 ("65+ jaar 8.448 9.349 10.300"), l.1623-1626 (§4.3.5, the
    # baseline of "eenzaamheid ervaart")
    printed = {"Aantal inwoners", "Aantal inwoners van 65 jaar en ouder", "Eenzaamheid"}
    assert {row["naam"] for row in found if row["soort"] == "indicator"} == BBV_INDICATOREN | printed
    assert goals["zorg-en-wonen-1"]["nulJaar"] == "2023"  # 001 l.982-983 "244 nachten in 2023"
    assert goals["zorg-en-wonen-1"]["meetinstrument"] == "Registraties BCT"  # l.988
    assert goals["zorg-en-wonen-2"]["nulJaar"] == "2022"  # l.991-993 "ten opzichte van 107 in 2022"
    assert goals["vitaal-en-weerbaar-2"]["nulJaar"] == "2023"  # l.785-787 "in de 2e helft van 2023"
    assert goals["vitaal-en-weerbaar-3"]["nulJaar"] == "2019"  # l.798-799 "91% in 2019"
    assert goals["ontmoeten-en-omzien-naar-elkaar-6"]["nulJaar"] == "2024"  # l.1628-1630
    # Not said: no baseline year where the document says "(geen nulmeting)" (l.1445-1446)
    assert "nulJaar" not in goals["financieel-fit-6"]


def test_monitor_onderwerpen_heemstede(store: GraphStore, queries: QueryCatalog) -> None:
    found = rows(store, queries, "monitor-onderwerpen", plan=HEEMSTEDE)
    names = {row["naam"] for row in found}
    # 004 l.1804-1814 (§6.4): the themes monitored "in ieder geval"
    assert {
        "Kwetsbaarheid: gezondheid en eenzaamheid",
        "Aantal mantelzorgers en vrijwilligers",
        "Aantal inwoners met Wmo-voorzieningen per productcategorie",
        "Uitgaven Wmo-maatwerkvoorzieningen",
    } <= names
    assert names >= BBV_INDICATOREN  # the BBV indicators every municipality reports
    # Not said: 004 measures nothing of Heemskerk's plan; only the BBV indicators are shared.
    assert not any(f"/plan/{HEEMSKERK}/" in row["onderwerp"] for row in found)


def test_monitor_status_baselines_and_targets_as_printed(store: GraphStore, queries: QueryCatalog) -> None:
    found = {
        row["doelstelling"].rsplit("/", 1)[-1]: row
        for row in rows(store, queries, "monitor-status", plan=HEEMSKERK, peildatum="2026-01-01")
    }
    assert len(found) == 28  # 001 §4.3
    # The documents hold no measured value after a baseline: nothing has a status yet.
    assert {row["status"] for row in found.values()} == {"onbekend"}

    def line(key: str) -> tuple[float | None, str | None, float | None, str | None, str | None]:
        row = found[key]
        value = row.get("nulWaarde")
        target = row.get("doelWaarde")
        return (
            float(value) if value else None,
            row.get("nulJaar"),
            round(float(target), 2) if target else None,
            row.get("streefJaar"),
            row.get("beter"),
        )

    assert line("zorg-en-wonen-1") == (244, "2023", 195.2, "2027", "-1")  # l.982-983: 20% fewer than 244 in 2023
    assert line("zorg-en-wonen-4") == (2864, "2023", 3121.76, "2027", "-1")  # l.1017-1018: at most +9% of € 2.864
    assert line("zorg-en-wonen-5")[:4] == (79.91, "2023", 79.91, "2027")  # l.1025-1026: "gelijk op ... 79,91"
    assert line("financieel-fit-3") == (1240, "2023", 1100, "2027", "-1")  # l.1417-1418: "maximaal 1.100"
    assert line("financieel-fit-1") == (5377, "2023", 5914.7, "2027", "1")  # l.1401-1402: +10% of 5.377
    assert line("vitaal-en-weerbaar-4") == (51, "2020", 46, "2027", "-1")  # l.809-810: to 46% from 51% in 2020
    # l.1445-1446: "35% (geen nulmeting)" - a target and no baseline
    assert line("financieel-fit-6")[:3] == (None, None, 35)
    # l.1618-1619 "met minimaal 10% per jaar (geen 0-meting)": relative to nothing, so no number
    assert "relatief" in found["ontmoeten-en-omzien-naar-elkaar-4"]["reden"]
    assert found["zorg-en-wonen-1"]["meetfrequentie"] == "1x per jaar"  # l.988


MEASURED = """@prefix bg: <https://beleidsgraaf.nl/def/> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://beleidsgraaf.nl/id/meting/test-zorg-en-wonen-1-2025> a bg:Realisatie ;
    dct:isPartOf <https://beleidsgraaf.nl/id/plan/heemskerk-sociaal-domein-2024> ;
    bg:realisatieVan <https://beleidsgraaf.nl/id/plan/heemskerk-sociaal-domein-2024/doelstelling/zorg-en-wonen-1> ;
    bg:waarde {value} ; bg:jaar "2025"^^xsd:gYear ;
    bg:bron "testgegeven, geen echte meting"@nl ; bg:vastgelegdDoor "test" .
"""


@pytest.mark.parametrize(
    ("value", "status"),
    # 001 l.982-983: from 244 nights (2023) to 20% fewer (195.2) in 2027, lower is better. Halfway (mid-2025) the
    # straight line is at 244 - 48.8 / 2 = 219.6.
    [("230.0", "achter"), ("210.0", "op koers"), ("190.0", "behaald")],
)
def test_monitor_status_of_a_measured_objective(
    settings: Settings, queries: QueryCatalog, tmp_path: Path, value: str, status: str
) -> None:
    extra = tmp_path / "metingen.ttl"
    extra.write_text(MEASURED.replace("{value}", value), encoding="utf-8")
    found = rows(store_with(settings, extra), queries, "monitor-status", plan=HEEMSKERK, peildatum="2025-12-31")
    row = next(row for row in found if row["doelstelling"].endswith("/zorg-en-wonen-1"))
    assert row["status"] == status
    assert round(float(row["verwacht"]), 1) == 219.6


# --- monitor-metingen, monitor-indicatoren-vergelijking, werkboek-metingen (user-supplied measurements) ----------


def test_monitor_metingen(settings: Settings, store: GraphStore, queries: QueryCatalog) -> None:
    # The five documents print baselines, never a value measured after one: the graph as curated has none.
    assert rows(store, queries, "monitor-metingen") == []
    example = store_with(settings, DATA / "monitor-metingen.ttl")
    found = rows(example, queries, "monitor-metingen", plan=HEEMSKERK)
    assert len(found) == 1
    row = found[0]
    # The objective of 001 l.1401-1402 ("het aantal toekenningen van minimaregelingen"), in Heemskerk's plan
    assert row["onderwerp"] == PLAN + HEEMSKERK + "/doelstelling/financieel-fit-1"
    assert (row["onderwerpNaam"], row["gemeenteNaam"]) == ("Toekenningen minimaregelingen", "Heemskerk")
    # Not yet measured on a date before the example's
    assert rows(example, queries, "monitor-metingen", plan=HEEMSKERK, peildatum="2024-12-31") == []


def test_monitor_indicatoren_vergelijking(settings: Settings, store: GraphStore, queries: QueryCatalog) -> None:
    assert rows(store, queries, "monitor-indicatoren-vergelijking", plan=HEEMSKERK) == []  # no measurements
    example = store_with(settings, DATA / "monitor-indicatoren-vergelijking.ttl")
    found = rows(example, queries, "monitor-indicatoren-vergelijking", plan=HEEMSKERK)
    # "Absoluut verzuim", a BBV indicator of 001 l.1240 (§4.3.3), measured (fictitiously) in two municipalities
    assert {(row["indicatorNaam"], row["gemeenteNamen"], row["planId"]) for row in found} == {
        ("Absoluut verzuim", "Heemskerk", HEEMSKERK),
        ("Absoluut verzuim", "Heemstede", HEEMSTEDE),
    }
    # 004 §6.4 (l.1804-1814) does not name it; its measured value still puts it beside Heemskerk's.
    heemstede = rows(example, queries, "monitor-indicatoren-vergelijking", plan=HEEMSTEDE)
    assert {row["gemeenteNamen"] for row in heemstede} == {"Heemskerk", "Heemstede"}


def test_werkboek_metingen(settings: Settings, store: GraphStore, queries: QueryCatalog) -> None:
    for plan in LAWS_PER_PLAN:  # no document holds a measured value
        assert rows(store, queries, "werkboek-metingen", plan=plan) == []
    example = store_with(settings, DATA / "werkboek-metingen.ttl")
    found = rows(example, queries, "werkboek-metingen", plan=HEEMSKERK)
    assert len({row["s"] for row in found}) == 1
    of = {row["o"] for row in found if row["p"] == "https://beleidsgraaf.nl/def/realisatieVan"}
    # an objective the document prints with a baseline (001 l.1401-1402: 5.377 in 2023)
    assert of == {PLAN + HEEMSKERK + "/doelstelling/financieel-fit-1"}
    onderwerpen = {row["onderwerp"]: row for row in rows(store, queries, "monitor-onderwerpen", plan=HEEMSKERK)}
    assert onderwerpen[next(iter(of))]["nulJaar"] == "2023"
    assert rows(example, queries, "werkboek-metingen", plan=HEEMSTEDE) == []


# --- werkboek-knopen, werkboek-lijsten, beoordelingen -------------------------------------------------------------


def test_werkboek_knopen(store: GraphStore, queries: QueryCatalog) -> None:
    nodes = {row["iri"] for row in rows(store, queries, "werkboek-knopen")}
    assert {PLAN + plan for plan in LAWS_PER_PLAN} <= nodes  # the five documents (seeds README)
    beleidsterreinen = {node for node in nodes if node.startswith(PLAN + HEEMSKERK + "/beleidsterrein/")}
    assert len(beleidsterreinen) == len(HEEMSKERK_AFBAKENING)  # 001 l.233-271 (§2)
    # The sections the law rows cite are nodes: 001 §2 (l.220), 003 §2.1a (l.352) and §2.2 (l.647), 004 §5.1
    # (l.1379), 002 "3 Samenwerking" (l.300)
    for section in (
        f"{HEEMSKERK}/sectie/2",
        f"{WOONZORGVISIE}/sectie/2.1a",
        f"{WOONZORGVISIE}/sectie/2.2",
        f"{HEEMSTEDE}/sectie/5.1",
        f"{GALA}/sectie/3-samenwerking",
    ):
        assert PLAN + section in nodes, section
    # Not said: the documents cite the Wmo 2015 (004 l.62), not the Wmo of 2007 (BWBR0020031), and the Wet
    # inburgering in force since 2022, not that of 2007 (BWBR0020611).
    assert BWB + "BWBR0020031" not in nodes and BWB + "BWBR0020611" not in nodes


def test_werkboek_lijsten(store: GraphStore, queries: QueryCatalog) -> None:
    found = rows(store, queries, "werkboek-lijsten")

    def names(lijst: str) -> set[str]:
        return {row["naam"] for row in found if row["lijst"] == lijst}

    def spellings(lijst: str) -> set[str]:
        return {row["andereNaam"] for row in found if row["lijst"] == lijst and row.get("andereNaam")}

    assert names("wetten") == ALL_LAWS
    # The documents' own spellings, so that a workbook writing them finds the law
    assert {
        "VN-verdrag Handicap",  # 001 l.263, 004 l.158
        "Wet op de Schuldhulpverlening",  # 000 l.664-665
        "Wet Inburgering",  # 000 l.665
        "Leerplichtwet",  # 001 l.241
        "Wet primair onderwijs",  # 001 l.237
        "Wet maatschappelijk ondersteuning",  # 004 l.1 [sic]
        "Zvw",  # 004 l.905
        "Wlz",  # 003 l.390, 004 l.908
        "WLZ",  # 000 l.806
    } <= spellings("wetten")
    # 000 l.254 "Bergen, Uitgeest, Castricum en Heiloo" (the BUCH), 003 title, 001 and 004 titles
    assert {"Heiloo", "Castricum", "Uitgeest", "Beverwijk", "Heemskerk", "Heemstede"} <= names("gemeenten")
    assert any(name.startswith("Bergen") for name in names("gemeenten"))
    # 001 l.1017-1018 "maximaal", l.777 "minstens", l.1025 "gelijk": the bounds a target can have
    assert names("grens") == {"maximaal", "minimaal", "gelijk aan"}


def test_beoordelingen(settings: Settings, store: GraphStore, queries: QueryCatalog) -> None:
    assert rows(store, queries, "beoordelingen") == []  # only an officer accepts a finding; no document does
    example = store_with(settings, DATA / "beoordelingen.ttl")
    found = rows(example, queries, "beoordelingen")
    assert len(found) == 1
    review = found[0]
    assert review["plan"] == HEEMSKERK and review["controle"].endswith("/smart-nulmeting")
    # The finding it accepts is true of the document: 001 l.1445-1446 "35% (geen nulmeting)"
    assert review["gegeven"] == PLAN + HEEMSKERK + "/doelstelling/financieel-fit-6"
    status = {row["doelstelling"]: row for row in rows(store, queries, "monitor-status", plan=HEEMSKERK)}
    goal = status[review["gegeven"]]
    assert "nulWaarde" not in goal and float(goal["doelWaarde"]) == 35
