"""Data tests for the Gebiedsplan Sociale Basis Heiloo 2023-2024 (source 000_c9bb455670b16e46.txt).

Expected numbers come from the source document (section and what is counted in each comment), not from the Turtle.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
import rdflib
from rdflib.namespace import XSD

from tests.graphdata import PREFIXES, count, nodes_without_section, plan_graph

PID = "heiloo-gebiedsplan-2023-2024"
KID = "buch-iedereen-doet-mee-2023-2026"
BASE = f"https://beleidsgraaf.nl/id/plan/{PID}/"
KBASE = f"https://beleidsgraaf.nl/id/plan/{KID}/"
BG = rdflib.Namespace("https://beleidsgraaf.nl/def/")

WIJK_SLUGS = {
    "blockhovepark",
    "heiloo-noord-west",
    "heiloo-midden",
    "heiloo-west",
    "stationsomgeving",
    "ypestein",
    "heiloo-oost",
    "heiloo-zuid-west",
}
TABLE_SECTIONS = [
    "bijlage-4-kwetsbaarheid-totale-bevolking",
    "bijlage-4-kwetsbaarheid-jongvolwassenen",
    "bijlage-4-kwetsbaarheid-volwassenen",
    "bijlage-4-kwetsbaarheid-jongeren",
    "bijlage-4-kwetsbaarheid-ouderen",
    "bijlage-4-wmo-gebruik",
    "bijlage-4-jeugdhulpgebruik",
    "bijlage-4-moeite-met-rondkomen",
]


@pytest.fixture(scope="module")
def g() -> rdflib.Graph:
    return plan_graph(PID)


def iri(path: str) -> rdflib.URIRef:
    return rdflib.URIRef(BASE + path)


def kiri(path: str) -> rdflib.URIRef:
    return rdflib.URIRef(KBASE + path)


def one(g: rdflib.Graph, s: rdflib.URIRef, p: rdflib.URIRef) -> Any:
    values = list(g.objects(s, p))
    assert len(values) == 1, f"{s} {p}: {values}"
    return values[0]


def rows(g: rdflib.Graph, query: str) -> list[tuple[Any, ...]]:
    result: Any = g.query(PREFIXES + "PREFIX bgwijk: <https://beleidsgraaf.nl/id/wijk/>\n" + query)
    return [tuple(r) for r in result]


# ---------------------------------------------------------------- provenance


def test_every_node_cites_a_section_of_this_document(g: rdflib.Graph) -> None:
    assert nodes_without_section(g, PID) == []


def test_beleidskader_nodes_cite_sections_of_this_document(g: rdflib.Graph) -> None:
    """The BUCH kader's elements live under its own IRI but are stated in (and cite) this document."""
    kader_nodes = {
        s for s in g.subjects(rdflib.RDF.type, None) if isinstance(s, rdflib.URIRef) and str(s).startswith(KBASE)
    }
    kader_nodes.add(rdflib.URIRef(f"https://beleidsgraaf.nl/id/plan/{KID}"))
    assert len(kader_nodes) >= 1 + 1 + 1 + 4 + 2 + 10  # plan, missie, visie, uitgangspunten, opgaven, thema's
    query = (
        PREFIXES
        + f"""
    SELECT DISTINCT ?s WHERE {{
      ?s prov:wasDerivedFrom ?sec . ?sec a bg:Sectie ; dct:isPartOf plan:{PID} ; bg:sectienummer ?nr .
    }}"""
    )
    result: Any = g.query(query)
    citing = {row[0] for row in result}
    assert sorted(str(n) for n in kader_nodes - citing) == []


def test_kader_is_a_beleidskader_of_the_four_buch_gemeenten(g: rdflib.Graph) -> None:
    kader = rdflib.URIRef(f"https://beleidsgraaf.nl/id/plan/{KID}")
    assert (kader, BG.documentsoort, BG.Beleidskader) in g
    # bijlage 3.1 / 3.4: the colleges en raden of Bergen, Uitgeest, Castricum en Heiloo
    assert count(g, f"plan:{KID} bg:gemeente ?x") == 4
    # voorwoord: the gebiedsplan works out the hoofdopgave "Verstevigen van de sociale basis"
    assert (
        rdflib.URIRef(f"https://beleidsgraaf.nl/id/plan/{PID}"),
        BG.draagtBijAan,
        kiri("opgave/verstevigen-van-de-sociale-basis"),
    ) in g


# ---------------------------------------------------------------- what the document enumerates


def test_two_hoofdopgaven(g: rdflib.Graph) -> None:
    # bijlage 1: "Voor de komende jaren zien we twee hoofdopgaven"
    assert count(g, f"plan:{KID} bg:opgave ?x . ?x a bg:MaatschappelijkeOpgave") == 2


def test_four_uitgangspunten_of_the_koers(g: rdflib.Graph) -> None:
    # bijlage 1: "We werken aan dit perspectief door:" items 1-4
    assert count(g, f"plan:{KID} bg:uitgangspunt ?x . ?x a bg:Uitgangspunt") == 4


def test_inhoudelijke_themas(g: rdflib.Graph) -> None:
    # bijlage 3.1 lists eight thema's: Eenzaamheid, Gezondheid, Werk en Inkomen, Kunst & Cultuur, Sport & Bewegen,
    # Wonen & Zorg, Opgroeien & Ontwikkelen in een kansrijke omgeving, Veiligheid
    listed = f"?x a bg:Thema ; prov:wasDerivedFrom <{BASE}sectie/bijlage-3.1>"
    assert count(g, listed) == 8
    # bijlage 3.4 adds Inclusie (kansrijk opgroeien) and Leefstijl (vitaliteitsbevordering), not in that list
    assert count(g, f"?x a bg:Thema ; bg:onderdeelVan plan:{KID}") == 10


@pytest.mark.parametrize(
    ("focuspunt", "themas"),
    [
        # bijlage 3.4: Eenzaamheid, Gezondheid, Sport & Bewegen, Kunst & Cultuur, Opgroeien & Ontwikkelen in een
        # kansrijke omgeving, Inclusie, Veiligheid
        ("kansrijk-opgroeien", 7),
        # bijlage 3.4: Werk & Inkomen, Wonen & Zorg
        ("bestaanszekerheid", 2),
        # bijlage 3.4: Eenzaamheid, Leefstijl, Gezondheid, Kunst & Cultuur, Sport & Bewegen
        ("vitaliteitsbevordering", 5),
    ],
)
def test_focuspunt_works_out_themas(g: rdflib.Graph, focuspunt: str, themas: int) -> None:
    assert count(g, f"<{BASE}focuspunt/{focuspunt}> bg:draagtBijAan ?x . ?x a bg:Thema") == themas


def test_three_focuspunten(g: rdflib.Graph) -> None:
    # bijlage 3.4: "Deze thema's hebben we onderverdeeld in drie focuspunten"
    assert count(g, f"plan:{PID} bg:focuspunt ?x . ?x a bg:Focuspunt") == 3


@pytest.mark.parametrize(
    ("focuspunt", "accenten"),
    [("kansrijk-opgroeien", 2), ("bestaanszekerheid", 2), ("vitaliteitsbevordering", 1)],  # bullets of 3.1, 3.2, 3.3
)
def test_accenten_per_focuspunt(g: rdflib.Graph, focuspunt: str, accenten: int) -> None:
    assert count(g, f"?x a bg:Accent ; bg:onderdeelVan <{BASE}focuspunt/{focuspunt}>") == accenten


@pytest.mark.parametrize(
    ("accent", "doelgroepen"),
    [
        ("kansrijke-start", 1),  # 3.1 "Doelgroep: -9 maanden tot 2 jaar en hun ouders."
        ("psychisch-en-lichamelijk-welbevinden-van-jongeren", 1),  # 3.1 "Doelgroep: Jongeren 12-23 jaar."
        ("bevorderen-van-zelfredzaamheid-en-inclusie", 1),  # 3.2 "Doelgroep: Nieuwkomers."
        # 3.2 jongvolwassenen van 18/20 jaar; gezinnen met een minimum inkomen of uitkering; gezinnen met geldproblemen
        ("stimuleren-van-zelfredzaamheid", 3),
        ("ondersteunen-van-het-langer-zelfstandig-wonen-en-meedoen-van-kwetsbare-inwoners", 4),  # 3.3 four groups
    ],
)
def test_accent_has_doelgroepen_and_onderbouwing(g: rdflib.Graph, accent: str, doelgroepen: int) -> None:
    node = iri(f"accent/{accent}")
    assert count(g, f"<{node}> bg:doelgroep ?x") == doelgroepen
    onderbouwing = one(g, node, BG.onderbouwing)
    assert isinstance(onderbouwing, rdflib.Literal) and onderbouwing.language == "nl"


def test_accent_periode_is_2023_2024(g: rdflib.Graph) -> None:
    # hoofdstuk 3 title: "Accenten 2023-2024"
    found = rows(
        g,
        f"""SELECT ?b ?e WHERE {{ <{BASE}accent/kansrijke-start> bg:periode ?p .
        ?p time:hasBeginning/time:inXSDgYear ?b ; time:hasEnd/time:inXSDgYear ?e }}""",
    )
    assert found == [(rdflib.Literal("2023", datatype=XSD.gYear), rdflib.Literal("2024", datatype=XSD.gYear))]


def test_sturing_has_four_points(g: rdflib.Graph) -> None:
    # 3.4 "Het gebiedsplan vormt dan ook de basis voor:" items 1-4
    assert count(g, f"?x a bg:Actie ; bg:onderdeelVan plan:{PID} ; prov:wasDerivedFrom <{BASE}sectie/3.4>") == 4
    sturing4 = iri("actie/sturing-4")
    partners = set(g.objects(sturing4, BG.samenwerkingspartner))
    # item 4: "met onder ander de Gemeentelijke Gezondheidsdienst Hollands Noorden (GGD HN) en Zaffier"
    assert partners == {
        rdflib.URIRef("https://beleidsgraaf.nl/id/organisatie/ggd-hollands-noorden"),
        rdflib.URIRef("https://beleidsgraaf.nl/id/organisatie/zaffier"),
    }
    # item 3: afspraken voor 2023 and subsidieaanvraag voor 2024
    assert set(g.objects(iri("actie/sturing-3"), BG.jaar)) == {
        rdflib.Literal("2023", datatype=XSD.gYear),
        rdflib.Literal("2024", datatype=XSD.gYear),
    }


# ---------------------------------------------------------------- bijlage 4 tables


@pytest.mark.parametrize("section", TABLE_SECTIONS)
def test_each_table_gives_a_cell_for_all_eight_wijken(g: rdflib.Graph, section: str) -> None:
    # 2.1: "het niveau van de 8 wijken"; every table in bijlage 4 has one row per wijk (value or '-')
    found = rows(
        g,
        f"""SELECT DISTINCT ?w WHERE {{
          ?m prov:wasDerivedFrom <{BASE}sectie/{section}> ; bg:gebied ?w ; bg:eenheid bg:Procent .
          FILTER(STRSTARTS(STR(?w), "https://beleidsgraaf.nl/id/wijk/gm0399-")) }}""",
    )
    assert {str(r[0]).removeprefix("https://beleidsgraaf.nl/id/wijk/gm0399-") for r in found} == WIJK_SLUGS


@pytest.mark.parametrize("section", TABLE_SECTIONS[:-1])
def test_count_tables_give_a_count_for_all_eight_wijken(g: rdflib.Graph, section: str) -> None:
    # the seven tables with an "Aantal" column (moeite met rondkomen has only a percentage)
    assert (
        count(
            g,
            f"""?m prov:wasDerivedFrom <{BASE}sectie/{section}> ; bg:gebied ?x ; bg:eenheid bg:Aantal .
            FILTER(STRSTARTS(STR(?x), "https://beleidsgraaf.nl/id/wijk/gm0399-"))""",
        )
        == 8
    )


def test_dash_cells_are_kept_without_value(g: rdflib.Graph) -> None:
    # cells printed '-' or '-%' in bijlage 4: totale bevolking 2 (Heiloo-Oost), jongvolwassenen 14 (7 wijken),
    # volwassenen 4 (Blockhovepark, Heiloo-Oost), jongeren 12 (6 wijken), ouderen 2, WMO 2, jeugdhulp 4 = 40
    dashes = """?x bg:ruweTekst ?r ; bg:waardeStatus bg:NietGenoemd . FILTER(?r IN ("-", "-%"))
        FILTER NOT EXISTS { ?x bg:waarde ?v }"""
    assert count(g, dashes) == 40


def test_garbled_count_cell_is_not_read_as_a_number(g: rdflib.Graph) -> None:
    # jongeren (12-16 jaar) table, Stationsomgeving row printed "20- 1%"
    cell = iri("meting/kwetsbaarheid-jongeren-stationsomgeving-aantal")
    assert one(g, cell, BG.ruweTekst) == rdflib.Literal("20-")
    assert one(g, cell, BG.waardeStatus) == BG.NietNumeriek
    assert list(g.objects(cell, BG.waarde)) == []


def test_text_figures_repeated_by_the_tables_are_herhalingen(g: rdflib.Graph) -> None:
    # 2.1 states 11 figures the tables repeat (Heiloo 6,0%; Stationsomgeving 8,8%, Heiloo West 6,2%, Heiloo Midden 7,1%,
    # Ypestein 8,7%; Heiloo West 3% and 7%; Ypestein 5% and 10%; ouderen Stationsomgeving 22%, Heiloo Midden 21%)
    # and 2.3 states 9% moeite met rondkomen, printed 5,0% in the table: 12 table herhalingen
    tables = " ".join(f"<{BASE}sectie/{s}>" for s in TABLE_SECTIONS)
    assert count(g, f"?m bg:herhaling ?x . ?x a bg:Herhaling ; prov:wasDerivedFrom ?s . VALUES ?s {{ {tables} }}") == 12


def test_moeite_met_rondkomen_text_and_table_differ(g: rdflib.Graph) -> None:
    text = iri("meting/moeite-met-rondkomen-heiloo")
    table = iri("herhaling/moeite-met-rondkomen-heiloo-bijlage-4")
    assert one(g, text, BG.waarde).toPython() == Decimal("9")  # 2.3 "Toch geeft 9% van de inwoners aan"
    assert (text, BG.herhaling, table) in g
    assert one(g, table, BG.waarde).toPython() == Decimal("5.0")  # bijlage 4 "Gemiddeld Heiloo 5,0%"
    # all eight wijken are given (6%, 6%, 9%, 10%, 10%, 11%, 16%, 10%)
    assert count(g, f"?x bg:deelwaardeVan <{text}>") == 8
    assert one(g, text, BG.deelwaardenVolledig).toPython() is True


def test_kwetsbaarheid_part_values(g: rdflib.Graph) -> None:
    whole = iri("meting/kwetsbaarheid-totale-bevolking-heiloo")
    assert one(g, whole, BG.waarde).toPython() == Decimal("6.0")
    assert count(g, f"?x bg:deelwaardeVan <{whole}>") == 8
    # Heiloo-Oost is printed '-%': not every part has a value
    assert one(g, whole, BG.deelwaardenVolledig).toPython() is False
    station = iri("meting/kwetsbaarheid-totale-bevolking-stationsomgeving-aandeel")
    assert one(g, station, BG.waarde) == rdflib.Literal("8.8", datatype=XSD.decimal)
    assert one(g, station, BG.jaar) == rdflib.Literal("2020", datatype=XSD.gYear)


# ---------------------------------------------------------------- figures in the text


def _printed(g: rdflib.Graph, section: str) -> set[str]:
    found = rows(
        g,
        f"SELECT ?r WHERE {{ ?m a bg:Meting ; bg:ruweTekst ?r ; prov:wasDerivedFrom <{BASE}sectie/{section}> }}",
    )
    return {str(r[0]) for r in found}


def test_figures_of_section_2_1(g: rdflib.Graph) -> None:
    expected = {
        "22.451",
        "24.417",
        "bijna 2000",
        "18,6%",
        "54,7%",
        "26,7%",
        "ongeveer 11.000",
        "1.900 hectare",
        "1.376 per km2",
        "6,0%",
        "8,8%",
        "6,2%",
        "7,1%",
        "8,7%",
        "3%",
        "7%",
        "5%",
        "10%",
        "22%",
        "21%",
    }
    assert expected <= _printed(g, "2.1")


def test_figures_of_section_2_2(g: rdflib.Graph) -> None:
    expected = {
        "20%",
        "37%",
        "45%",
        "22%",
        "11%",
        "42,2%",
        "60,3%",
        "68,5%",
        "60,8%",
        "5,2%",
        "10,2%",
        "1 op de 7",
        "66,2%",
        "80,2%",
        "72,2%",
        "59,2%",
        "10,5%",
        "22,2%",
        "meer dan 3 uur per dag",
        "10",
        "drie",
    }
    assert expected <= _printed(g, "2.2")


def test_figures_of_section_2_3(g: rdflib.Graph) -> None:
    expected = {
        "€ 197.0001",
        "9%",
        "1 op de 3",
        "87,6%",
        "78,1%",
        "7,3%",
        "7,1%",
        "12 procent",
        "10%",
        "ongeveer 6000",
        "13,1%",
        "5%",
        "84%",
        "8,6%",
        "8,8%",
        "8,7%",
        "12,2%",
    }
    assert expected <= _printed(g, "2.3")


def test_figures_of_section_2_4(g: rdflib.Graph) -> None:
    expected = {
        "17%",
        "met 18% toenemen",
        "36%",
        "41,5%",
        "46%",
        "28%",
        "27%",
        "meer dan 24%",
        "620",
        "1.300",
        "58%",
        "49%",
        "41,9%",
        "31,7%",
        "86%",
        "78%",
        "91%",
        "7",
    }
    assert expected <= _printed(g, "2.4")


def test_inwoners_2022(g: rdflib.Graph) -> None:
    node = iri("meting/inwoners-2022")  # 2.1 "naar 24.417 inwoners (jan. 2022)"
    assert one(g, node, BG.waarde) == rdflib.Literal("24417", datatype=XSD.decimal)
    assert one(g, node, BG.jaar) == rdflib.Literal("2022", datatype=XSD.gYear)
    assert one(g, node, BG.eenheid) == BG.Aantal


def test_vermogen_keeps_the_glued_footnote_marker(g: rdflib.Graph) -> None:
    node = iri("meting/gemiddeld-vermogen")  # 2.3 "afgerond € 197.0001" + footnote 1 "CBS-cijfers 2019"
    assert one(g, node, BG.ruweTekst) == rdflib.Literal("€ 197.0001")
    assert one(g, node, BG.waarde).toPython() == Decimal("197000")
    assert one(g, node, BG.jaar) == rdflib.Literal("2019", datatype=XSD.gYear)


def test_dementia_forecast(g: rdflib.Graph) -> None:
    node = iri("meting/mensen-met-dementie-prognose")  # 2.4 "ruim verdubbelt naar 1.300"
    assert one(g, node, BG.waarde).toPython() == Decimal("1300")
    assert one(g, node, BG.isPrognose).toPython() is True


def test_address_density_unit(g: rdflib.Graph) -> None:
    node = iri("meting/adresdichtheid")  # 2.1 "1.376 per km2"
    assert one(g, node, BG.waarde).toPython() == Decimal("1376")
    assert one(g, node, BG.eenheid) == BG.PerKm2


def test_every_meting_has_printed_text_and_value_or_status(g: rdflib.Graph) -> None:
    bad = rows(
        g,
        """SELECT ?m WHERE { ?m a bg:Meting .
          FILTER(NOT EXISTS { ?m bg:ruweTekst ?r }
                 || (NOT EXISTS { ?m bg:waarde ?v } && NOT EXISTS { ?m bg:waardeStatus ?s })) }""",
    )
    assert bad == []


def test_values_are_decimals(g: rdflib.Graph) -> None:
    datatypes = {o.datatype for o in g.objects(None, BG.waarde) if isinstance(o, rdflib.Literal)}
    assert all(isinstance(o, rdflib.Literal) for o in g.objects(None, BG.waarde))
    assert datatypes == {XSD.decimal}


# ---------------------------------------------------------------- indicators and corrections


def test_indicators_of_bijlage_3_5(g: rdflib.Graph) -> None:
    # bijlage 3.5: the kwetsbaarheidsscore and its four indicators (three listed, "De laatste indicator")
    assert count(g, f"?x a bg:Indicator ; bg:onderdeelVan <{BASE}indicator/kwetsbaarheidsscore>") == 4
    definition = one(
        g, iri("indicator/kwetsbaarheidsscore"), rdflib.URIRef("http://www.w3.org/2004/02/skos/core#definition")
    )
    assert str(definition).startswith("De kwetsbaarheidsscore heeft een waarde tussen 0 en 4")


def test_contradiction_on_age_dependent_indicators_is_annotated_not_fixed(g: rdflib.Graph) -> None:
    correction = iri("correctie/leeftijdsgebonden-indicatoren")
    assert (correction, BG.corrigeert, iri("indicator/kwetsbaarheidsscore")) in g
    note = one(g, iri("indicator/kwetsbaarheidsscore"), rdflib.URIRef("http://www.w3.org/2004/02/skos/core#note"))
    assert str(note).startswith("Drie van de indicatoren zijn leeftijdsgebonden.")


def test_partner_links_of_accent_langer_zelfstandig_wonen(g: rdflib.Graph) -> None:
    # 3.3: "korte signaleringslijnen met de huisarts en het Sociaal Team"
    accent = iri("accent/ondersteunen-van-het-langer-zelfstandig-wonen-en-meedoen-van-kwetsbare-inwoners")
    assert set(g.objects(accent, BG.samenwerkingspartner)) == {
        rdflib.URIRef("https://beleidsgraaf.nl/id/organisatie/huisartsen-heiloo"),
        rdflib.URIRef("https://beleidsgraaf.nl/id/organisatie/sociaal-team-buch"),
    }
