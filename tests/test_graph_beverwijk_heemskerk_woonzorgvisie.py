"""Data tests for the Woonzorgvisie Beverwijk en Heemskerk (source 003_89d02fe679806ad2.txt).

Expected numbers come from the document itself (section and what is counted in each comment), not from the
curated file, so a missing or extra node makes a test fail.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import XSD, Literal, Namespace, URIRef

from tests.graphdata import count, nodes_without_section, plan_graph

PLAN_ID = "beverwijk-heemskerk-woonzorgvisie"
BASE = f"https://beleidsgraaf.nl/id/plan/{PLAN_ID}/"
PLAN = f"plan:{PLAN_ID}"
BG = Namespace("https://beleidsgraaf.nl/def/")
TIME = Namespace("http://www.w3.org/2006/time#")


def iri(local: str) -> URIRef:
    return URIRef(BASE + local)


@pytest.fixture(scope="module")
def g():
    return plan_graph(PLAN_ID)


def in_section(section: str) -> str:
    return f"?x prov:wasDerivedFrom <{BASE}sectie/{section}> ."


# --------------------------------------------------------------------------- counts


def test_every_minted_node_cites_a_section(g):
    assert nodes_without_section(g, PLAN_ID) == []


def test_signatories(g):
    # Voorwoord: "Namens bestuurders van gemeente Beverwijk, gemeente Heemskerk, Viva! Zorggroep, Pré Wonen,
    # Woonopmaat, RIBW K/AM, Welzijn Beverwijk en MET Heemskerk" = 8 signatories.
    assert count(g, f"{PLAN} bg:ondertekenaar ?x .") == 8


def test_ambities(g):
    # §3.1: "Hieronder zijn vier ambities beschreven" (wonen, welzijn, zorg, eigen kracht).
    assert count(g, f"{PLAN} bg:ambitie ?x . ?x a bg:Ambitie .") == 4


@pytest.mark.parametrize(
    ("ambitie", "expected"),
    [
        ("wonen", 3),  # §3.1.1: actielijnen 1-3
        ("welzijn", 3),  # §3.1.2: actielijnen 1-3
        ("zorg", 2),  # §3.1.3: actielijnen 1-2
        ("eigen-kracht", 3),  # §3.1.4: "drietrapsraket" Informatie, Communicatie, Maatwerk
    ],
)
def test_actielijnen_per_ambitie(g, ambitie, expected):
    assert count(g, f"?x a bg:Actielijn ; bg:onderdeelVan <{BASE}ambitie/{ambitie}> .") == expected


def test_actielijnen_total(g):
    # §3.1.1-3.1.4: 3 + 3 + 2 + 3 = 11 actielijnen.
    assert count(g, "?x a bg:Actielijn .") == 11


def test_actielijn_headings_restated_in_chapter_4(g):
    # H4 repeats "Actielijn N: ..." for wonen (4.1: 3), welzijn (4.2: 3) and zorg (4.3: 2); §4.4 has no headings.
    assert count(g, "?a a bg:Actielijn ; bg:herhaling ?x .") == 8


def test_every_chapter_4_actielijn_has_running_and_planned_actions(g):
    # §4.1-4.3: each "Actielijn N" has a "Wat we al doen" and a "Wat we nog meer willen doen" paragraph.
    for slug in ("wonen-1", "wonen-2", "wonen-3", "welzijn-1", "welzijn-2", "welzijn-3", "zorg-1", "zorg-2"):
        parent = f"<{BASE}actielijn/{slug}>"
        assert count(g, f"?x a bg:Actie ; bg:onderdeelVan {parent} ; bg:actiestatus bg:Lopend .") >= 1, slug
        assert count(g, f"?x a bg:Actie ; bg:onderdeelVan {parent} ; bg:actiestatus bg:Voorgenomen .") >= 1, slug


def test_randvoorwaarden(g):
    # §3.2 bullets: Samenwerking, Financiën, Beschikbaarheid (van personeel).
    assert count(g, f"{PLAN} bg:randvoorwaarde ?x . ?x a bg:Randvoorwaarde .") == 3


def test_regional_opgaven(g):
    # §1.2: the regional woonzorgopgave names opgaven 1-6.
    assert count(g, "?x a bg:MaatschappelijkeOpgave ; bg:ontwikkeling ?p . FILTER(CONTAINS(STR(?x), 'regionale'))") == 6


def test_excluded_target_groups(g):
    # §1.2: "statushouders, studenten, arbeidsmigranten, woonwagenbewoners en stoppende sekswerkers".
    assert count(g, f"{PLAN} bg:uitgeslotenDoelgroep ?x .") == 5


def test_psychisch_kwetsbaar_subgroups(g):
    # §2.2 "Onder deze groep vallen de volgende aandachtsgroepen": 5 bullets (uitstromers BW, intramuraal, MO,
    # detentie/forensische zorg, uitstroom jeugdhulp).
    opgave = iri("opgave/mensen-met-psychische-kwetsbaarheid-en-of-dreigende-dakloosheid")
    subgroups = {
        "uitstromers-uit-beschermd-wonen",
        "mensen-in-intramurale-voorzieningen",
        "uitstromers-uit-maatschappelijke-opvang",
        "uitstromers-uit-detentie-forensische-zorg",
        "uitstroom-jeugdhulp",
    }
    linked = {str(o).rsplit("/", 1)[-1] for o in g.objects(opgave, BG.doelgroep)}
    assert subgroups <= linked


def test_general_stakeholder_needs(g):
    # §2.2 "Enkele behoeften ... die niet specifiek voor één doelgroep gelden": 6 bullets.
    assert count(g, f"?x a bg:Behoefte ; bg:onderdeelVan {PLAN} .") == 6


def test_regional_needs_vg_lg(g):
    # §2.2 "Uit de regionale woonzorgopgave blijken de volgende (regionale) behoeften": 4 bullets.
    assert count(g, "?x a bg:Behoefte . FILTER(CONTAINS(STR(?x), 'vg-lg-regionaal'))") == 4


def test_figure_1_cells(g):
    # Figuur 1: 3 rows (Beverwijk, Heemskerk, Totaal) x 6 columns (inwoners, 65+, % for 2023 and 2040).
    assert count(g, "?x a bg:Meting . " + in_section("figuur-1")) == 18


def test_figure_4_cells(g):
    # Figuur 4: 2 rows (Beverwijk, Heemskerk) x 4 columns (Nultreden, Geclusterd, Zorggeschikt, Totaal).
    assert count(g, "?x a bg:Herhaling . " + in_section("figuur-4")) == 8


def test_figure_8_cells(g):
    # Figuur 8: 2 rows (Beverwijk, Heemskerk) x 4 years (2019-2022).
    assert count(g, "?x a bg:Meting . " + in_section("figuur-8")) == 8


def test_resident_survey_figures(g):
    # §2.1b inwonerspeiling: 4 answers (gelijkvloers, nieuwe woonvormen, zorgcentrum, winkels) x 2 gemeenten.
    assert count(g, "?x a bg:Meting . FILTER(CONTAINS(STR(?x), 'meting/inwonerspeiling-'))") == 8


def test_beschermd_wonen_opgave(g):
    # §2.2 "Per gemeente wordt de opgave voor beschermd wonen tussen 2025 en 2030": 4 bullets x 2 gemeenten.
    q = "?x a bg:Huisvestingsopgave . FILTER(CONTAINS(STR(?x), 'huisvestingsopgave/beschermd-wonen-'))"
    assert count(g, q) == 8


def test_figure_10_cells(g):
    # Figuur 10: 12 rows (Nultreden ... uitstroom jeugdhulp) x 3 columns (Beverwijk, Heemskerk, Totaal) = 36 cells,
    # plus 4 sociale-huur parts ("25 soc huur", "80 soc huur", "23 soc huur", "74 soc huur").
    cells = "{ ?x a bg:Huisvestingsopgave } UNION { ?x a bg:Herhaling } " + in_section("figuur-10")
    assert count(g, cells) == 40
    # 22 cells restate a figure of hoofdstuk 2 (a bg:Herhaling of it, and only that: counted once, docs/model.md);
    # the totals and the cells hoofdstuk 2 does not print are the figure's own.
    restated = cells + " ?x a bg:Herhaling . ?origineel bg:herhaling ?x . ?origineel a bg:Huisvestingsopgave ."
    assert count(g, restated) == 22
    assert count(g, cells + " ?x a bg:Herhaling , bg:Huisvestingsopgave .") == 0
    part_of_cell = " ?x bg:segment ?s ; bg:onderdeelVan ?cell . ?cell prov:wasDerivedFrom ?fig10 ."
    assert count(g, cells + part_of_cell.replace("?fig10", f"<{BASE}sectie/figuur-10>")) == 4
    # whole cells printed as social rent: "2 (soc huur)", "1 (soc huur)" (BW ambulant), "6 (soc huur)", "3 (soc huur)"
    # (BW afbouw zelfstandig)
    whole = " ?x bg:segment ?s . FILTER NOT EXISTS { ?x bg:onderdeelVan ?c . ?c bg:ruweTekst ?r }"
    assert count(g, cells + whole) == 4
    # every Beverwijk and Heemskerk cell (12 rows x 2) is a summand of its row's Totaal cell
    assert count(g, cells + " ?x bg:somdeelVan ?t .") == 24


# --------------------------------------------------------------------------- facts as typed literals


def value(g, local: str):
    lit = g.value(iri(local), BG.waarde)
    assert isinstance(lit, Literal), local
    assert lit.datatype == XSD.decimal
    return lit.toPython()


def test_figure_10_sums_match_the_document(g):
    # Figuur 10: where both parts and the Totaal are numbers, they add up (355+425=780, 50+160=210, 35+115=150,
    # 25+30=55, 9+11=20, 2+1=3, 6+2=8, 6+3=9).
    for row, total in [
        ("nultredenwoningen", 780),
        ("geclusterde-woningen", 210),
        ("zorggeschikte-woningen", 150),
        ("vg-geclusterd-intramuraal", 55),
        ("vg-gespikkeld-zelfstandig", 20),
        ("bw-ambulant", 3),
        ("bt-gespikkeld", 8),
        ("bw-afbouw-zelfstandig", 9),
    ]:
        b = value(g, f"huisvestingsopgave/figuur-10-{row}-beverwijk")
        h = value(g, f"huisvestingsopgave/figuur-10-{row}-heemskerk")
        t = value(g, f"huisvestingsopgave/figuur-10-{row}-totaal")
        assert b + h == t == Decimal(total), row


def test_zorggeschikt_social_rent_differs_between_paragraph_and_figure(g):
    # §2.1a list: "115 zorggeschikte woningen: 58 sociale huurwoningen"; Figuur 10: "115 (74 soc huur)".
    para = "huisvestingsopgave/ouderen-heemskerk-zorggeschikt-sociale-huur"
    fig = "huisvestingsopgave/figuur-10-zorggeschikte-woningen-heemskerk-sociale-huur"
    assert value(g, para) == Decimal(58)
    assert value(g, fig) == Decimal(74)
    assert (iri(para), BG.herhaling, iri(fig)) in g
    assert g.value(iri(fig), BG.ruweTekst) == Literal("74 soc huur")
    assert g.value(iri(fig), BG.segment) == URIRef("https://beleidsgraaf.nl/id/segment/sociale-huur")


def test_figure_10_non_numeric_cells(g):
    # Figuur 10: "n.t.b." (mantelzorgwoningen), "in regulier" (LG), "opgave regio" (jeugdhulp), "-" (Totaal).
    for local, raw, status in [
        ("figuur-10-mantelzorgwoningen-beverwijk", "n.t.b.", BG.NogTeBepalen),
        ("figuur-10-lg-zelfstandig-heemskerk", "in regulier", BG.NietNumeriek),
        ("figuur-10-uitstroom-jeugdhulp-beverwijk", "opgave regio", BG.NietNumeriek),
        ("figuur-10-maatschappelijke-opvang-totaal", "-", BG.NietGenoemd),
    ]:
        node = iri(f"huisvestingsopgave/{local}")
        assert g.value(node, BG.ruweTekst) == Literal(raw)
        assert g.value(node, BG.waardeStatus) == status
        assert g.value(node, BG.waarde) is None


def test_figure_10_period_ends_2030(g):
    # Figuur 10 caption: "totale opgave extra woningen en plekken ... tot 2030".
    node = iri("huisvestingsopgave/figuur-10-geclusterde-woningen-beverwijk")
    periode = g.value(node, BG.periode)
    end = g.value(g.value(periode, TIME.hasEnd), TIME.inXSDgYear)
    assert end == Literal("2030", datatype=XSD.gYear)
    assert value(g, "huisvestingsopgave/figuur-10-geclusterde-woningen-beverwijk") == Decimal(50)
    assert g.value(node, BG.ruweTekst) == Literal("50 (25 soc huur)")


def test_abf_types_add_up_to_gemeente_total(g):
    # §2.1a: "ongeveer 440 ... te verdelen in 355 nultreden, 50 geclusterde en 35 zorggeschikte woningen".
    total = iri("huisvestingsopgave/ouderen-beverwijk")
    parts = list(g.subjects(BG.somdeelVan, total))
    assert len(parts) == 3
    assert sum(g.value(p, BG.waarde).toPython() for p in parts) == value(g, "huisvestingsopgave/ouderen-beverwijk")
    assert g.value(total, BG.ruweTekst) == Literal("ongeveer 440")


def test_figure_1_share_heemskerk_2040(g):
    # Figuur 1: Heemskerk 2040 "41.786 11.686 27%" (a prognosis; 11.686/41.786 is 27,97%, hence a bg:Correctie).
    node = "meting/aandeel-65-plussers-heemskerk-2040"
    assert value(g, node) == Decimal(27)
    assert g.value(iri(node), BG.eenheid) == BG.Procent
    assert g.value(iri(node), BG.jaar) == Literal("2040", datatype=XSD.gYear)
    assert g.value(iri(node), BG.isPrognose).toPython() is True
    assert value(g, "meting/65-plussers-heemskerk-2040") == Decimal(11686)
    assert value(g, "meting/inwoners-heemskerk-2040") == Decimal(41786)
    assert count(g, f"?x a bg:Correctie ; bg:corrigeert <{BASE}{node}> .") == 1


def test_workforce_ratio(g):
    # §3.2: "in 2020 nog 2,9 medewerkers per klant ... in 2040 zo'n 1,9".
    assert value(g, "meting/medewerkers-per-klant-vv-2020") == Decimal("2.9")
    assert g.value(iri("meting/medewerkers-per-klant-vv-2020"), BG.jaar) == Literal("2020", datatype=XSD.gYear)
    assert value(g, "meting/medewerkers-per-klant-vv-2040") == Decimal("1.9")


def test_ex_prisoners_figure(g):
    # Figuur 8: Beverwijk 48 20 59 55, Heemskerk 28 13 20 41 for 2019-2022.
    assert value(g, "meting/ex-gedetineerden-beverwijk-2021") == Decimal(59)
    assert value(g, "meting/ex-gedetineerden-heemskerk-2022") == Decimal(41)
    node = iri("meting/ex-gedetineerden-heemskerk-2020")
    assert g.value(node, BG.jaar) == Literal("2020", datatype=XSD.gYear)


def test_actielijn_wording_differs_in_chapter_4(g):
    # §3.1.1 "We voegen meer nieuwe woningen en woonvormen toe ..." vs
    # §4.1 "We gaan meer nieuwe woningen toevoegen ...".
    al = iri("actielijn/wonen-2")
    rest = g.value(al, BG.herhaling)
    assert str(g.value(al, BG.tekst)).startswith("We voegen meer nieuwe woningen en woonvormen toe")
    assert str(g.value(rest, BG.tekst)).startswith("We gaan meer nieuwe woningen toevoegen")


def test_doel_is_not_smart(g):
    # §3.1 "Ons doel is: zo lang mogelijk of weer zelfstandig thuis wonen van ouderen en aandachtsgroepen".
    node = iri("doelstelling/zo-lang-mogelijk-of-weer-zelfstandig-thuis-wonen")
    assert g.value(node, BG.smart) == Literal(False)
    expected = "zo lang mogelijk of weer zelfstandig thuis wonen van ouderen en aandachtsgroepen"
    assert str(g.value(node, BG.tekst)) == expected
