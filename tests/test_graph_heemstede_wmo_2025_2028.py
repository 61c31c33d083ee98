"""Curated graph of source 004: Beleidsplan maatschappelijke ondersteuning (Wmo) Heemstede 2025-2028.

Expected numbers are counted in the source document (004_21f4142ff9baed69.txt, registered in graph/bronnen.ttl), not
in the Turtle file; each assertion says where in the document the number comes from.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
import rdflib
from rdflib import RDF, XSD, Literal, URIRef

from tests.graphdata import count, nodes_without_section, plan_graph

PLAN_ID = "heemstede-wmo-2025-2028"
BASE = f"https://beleidsgraaf.nl/id/plan/{PLAN_ID}/"
BG = rdflib.Namespace("https://beleidsgraaf.nl/def/")
PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")
SKOS = rdflib.Namespace("http://www.w3.org/2004/02/skos/core#")
TIME = rdflib.Namespace("http://www.w3.org/2006/time#")
GM0397 = URIRef("https://identifier.overheid.nl/tooi/id/gemeente/gm0397")
AGENDA = f"<{BASE}sectie/uitvoeringsagenda>"


def iri(local: str) -> URIRef:
    return URIRef(BASE + local)


def sectie(nr: str) -> str:
    return f"<{BASE}sectie/{nr}>"


@pytest.fixture(scope="module")
def g() -> rdflib.Graph:
    return plan_graph(PLAN_ID)


def agenda_rows(extra: str = "") -> str:
    """The 56 lines of the Bijlage Uitvoeringsagenda: 55 restate a chapter action, one is an action of its own."""
    return f"?x prov:wasDerivedFrom {AGENDA} . {{ ?x a bg:Herhaling }} UNION {{ ?x a bg:Actie }} {extra}"


def restated(extra: str = "") -> str:
    """The chapter actions the agenda lines restate (and the one line that is an action), as ?a."""
    return agenda_rows(f"{{ ?a bg:herhaling ?x }} UNION {{ ?x a bg:Actie BIND(?x AS ?a) }} {extra}")


# --- provenance ---------------------------------------------------------------------------------------------


def test_every_node_cites_a_section(g: rdflib.Graph) -> None:
    assert nodes_without_section(g, PLAN_ID) == []


def test_every_node_has_a_dutch_label(g: rdflib.Graph) -> None:
    where = f"""?x a ?t . FILTER(STRSTARTS(STR(?x), "{BASE}"))
                FILTER NOT EXISTS {{ ?x skos:prefLabel ?l . FILTER(LANG(?l) = "nl") }}"""
    assert count(g, where) == 0


# --- structure: visie, onderdelen, thema's ------------------------------------------------------------------


def test_one_visie_for_the_plan(g: rdflib.Graph) -> None:
    # §1.4 "Onze visie maatschappelijke ondersteuning 2025-2028 is de volgende:" (one visie).
    assert count(g, "plan:heemstede-wmo-2025-2028 bg:visie ?x . ?x a bg:Visie .") == 1
    tekst = g.value(iri("visie/visie-2025-2028"), BG.tekst)
    assert tekst == Literal(
        "Inwoners zijn samenredzaam dankzij een sterke sociale basis. We willen op deze manier voorkomen dat mensen "
        "zware ondersteuning nodig hebben. Als inwoners zich niet redden met behulp van de sociale basis, dan "
        "ontvangen zij hulp die goed past bij hun situatie.",
        lang="nl",
    )


def test_three_onderdelen(g: rdflib.Graph) -> None:
    # §1.1 "Drie onderdelen": Sociale Basis, Hulp & ondersteuning, Wonen & zorg (hoofdstuk 3, 4 and 5).
    assert count(g, "plan:heemstede-wmo-2025-2028 bg:onderdeel ?x . ?x a bg:Beleidsonderdeel .") == 3


@pytest.mark.parametrize(
    ("onderdeel", "expected"),
    [
        # hoofdstuk 3: §3.1 Algemene diensten en voorzieningen, §3.2 Mantelzorg, §3.3 Vrijwillige inzet, §3.4 Dementie
        ("sociale-basis", 4),
        # hoofdstuk 4: §4.1 Toegang, §4.2 Voorzieningenaanbod, §4.3 Veilig thuis,
        # §4.4 Samenwerking zorg, welzijn, veiligheid
        ("hulp-en-ondersteuning", 4),
        # hoofdstuk 5: §5.1 ouderen, §5.2 psychische kwetsbaarheid, §5.3 kwetsbare jeugd, §5.4 (dreigend) dakloze mensen
        ("wonen-en-zorg", 4),
    ],
)
def test_themes_per_onderdeel(g: rdflib.Graph, onderdeel: str, expected: int) -> None:
    assert count(g, f"?x a bg:Thema ; bg:onderdeelVan <{BASE}onderdeel/{onderdeel}> .") == expected


def test_four_woonzorg_doelgroepen(g: rdflib.Graph) -> None:
    # Samenvatting "Wonen en zorg" and hoofdstuk 5: "We richten ons specifiek op vier doelgroepen".
    assert count(g, f"<{BASE}onderdeel/wonen-en-zorg> bg:doelgroep ?x .") == 4


# --- doelstellingen ------------------------------------------------------------------------------------------


def test_wat_willen_we_bereiken_per_theme(g: rdflib.Graph) -> None:
    # One "Wat willen we bereiken?" in each of §3.1, 3.2, 3.3, 3.4, 4.1, 4.2, 4.3, 4.4 (8) and one for hoofdstuk 5
    # ("Wat willen we bereiken op het gebied van wonen en zorg?"); §5.1-5.4 have none.
    assert count(g, "?x a bg:Doelstelling ; bg:smart false ; bg:onderdeelVan ?t . ?t a bg:Thema .") == 8
    assert count(g, f"?x a bg:Doelstelling ; bg:onderdeelVan <{BASE}onderdeel/wonen-en-zorg> .") == 2
    # the second is the Woonakkoord streven in hoofdstuk 5 ("streven wij naar een netto uitbreiding ...")
    assert count(g, "?x a bg:Doelstelling ; bg:smart true .") == 0


# --- uitvoeringsagenda ----------------------------------------------------------------------------------------


def test_agenda_has_56_actiepunten(g: rdflib.Graph) -> None:
    # Bijlage Uitvoeringsagenda: 22 rows under hoofdstuk 3, 20 under hoofdstuk 4, 14 under hoofdstuk 5.
    assert count(g, agenda_rows()) == 56
    # 55 restate an action of hoofdstuk 3-5 and are only that (docs/model.md, Restatements): counting actions
    # counts each once. "Pilot Herstelacademie op Plein1" is the pilot the §5.2 bullet on the Herstelacademie
    # contains: an action of its own, part of that bullet's action.
    assert count(g, agenda_rows("?x a bg:Herhaling . FILTER NOT EXISTS { ?x a bg:Actie }")) == 55
    pilot = iri("actie/uitvoeringsagenda-51")
    assert (pilot, RDF.type, BG.Actie) in g and (pilot, RDF.type, BG.Herhaling) not in g
    assert iri("actie/wonen-en-zorg-voor-mensen-met-een-psychische-kwetsbaarheid-4") in set(
        g.objects(pilot, BG.onderdeelVan)
    )
    assert count(g, agenda_rows("?x bg:tekst ?t .")) == 56


@pytest.mark.parametrize(
    ("thema", "expected"),
    [
        ("algemene-diensten-en-voorzieningen", 6),  # "Thema: algemene diensten en voorzieningen": 6 rows
        ("mantelzorg", 4),  # "Thema: mantelzorg": 4 rows
        ("vrijwillige-inzet", 6),  # "Thema: vrijwillige inzet": 6 rows
        ("dementie", 6),  # "Thema: dementie": 6 rows
        ("toegang", 6),  # "Thema: toegang": 6 rows
        ("voorzieningenaanbod-vanuit-de-wmo", 8),  # "Thema: voorzieningenaanbod Wmo": 8 rows
        ("veilig-thuis", 3),  # "Thema: Veilig Thuis": 3 rows
        ("samenwerking-zorg-welzijn-veiligheid", 3),  # "Thema: Samenwerking zorg, welzijn en veiligheid": 3 rows
        # hoofdstuk 5 rows have no "Thema:" heading; each falls under the theme of the §5.1-5.4 action it restates,
        # and "Inzetten op meer sociale huurwoningen" restates one action in each of §5.1, §5.2, §5.3 and §5.4:
        ("wonen-en-zorg-voor-ouderen", 5),  # levensloopbestendig .. logeerzorg en sterfbegeleiding
        ("wonen-en-zorg-voor-mensen-met-een-psychische-kwetsbaarheid", 6),  # uitstroom BW .. regionale opgaven
        ("wonen-en-zorg-voor-kwetsbare-jeugd", 4),  # initiatieven gezinnen, kleinschalige voorziening, tussenvorm
        ("wonen-en-zorg-voor-dreigend-dakloze-mensen", 2),  # noodopvang economisch daklozen
    ],
)
def test_agenda_rows_per_theme(g: rdflib.Graph, thema: str, expected: int) -> None:
    assert count(g, restated(f"?a bg:onderdeelVan <{BASE}thema/{thema}> .")) == expected


def test_agenda_marks_and_the_years_of_the_actions(g: rdflib.Graph) -> None:
    # 34 rows carry "X X X X" (all of 2025-2028); 22 rows carry one, two or three X of which the columns are lost.
    lines = {
        s
        for s in g.subjects(PROV.wasDerivedFrom, URIRef(AGENDA[1:-1]))
        if {BG.Herhaling, BG.Actie} & set(g.objects(s, RDF.type))
    }
    marks = [str(g.value(line, BG.ruweTekst)) for line in lines]
    assert len(marks) == 56 and marks.count("X X X X") == 34
    # 15 rows with one X, 4 with two, 3 with three: 34*4 + 15 + 8 + 9 = 168 marks in all
    assert sorted(m.count("X") for m in marks if m != "X X X X") == [1] * 15 + [2] * 4 + [3] * 3
    assert sum(m.count("X") for m in marks) == 168
    # The years are the action's (the row restates it): every action of a four-X row is planned in 2025-2028 ...
    four = restated('?x bg:ruweTekst "X X X X" .')
    years = '?a bg:jaar "2025"^^xsd:gYear, "2026"^^xsd:gYear, "2027"^^xsd:gYear, "2028"^^xsd:gYear .'
    assert count(g, four) == count(g, four + years) == 34
    assert count(g, four + ' FILTER NOT EXISTS { ?a bg:jaar "2028"^^xsd:gYear }') == 0  # row 46: all four actions
    # ... and of the others the document gives the number of years only, never which.
    fewer = restated('?x bg:ruweTekst ?m . FILTER(?m != "X X X X")')
    assert count(g, fewer + " FILTER NOT EXISTS { ?a bg:jaar ?j }") == count(g, fewer) == 22
    assert count(g, "?x a bg:Herhaling ; bg:jaar ?j .") == 0


def test_agenda_row_with_four_years(g: rdflib.Graph) -> None:
    row = iri("actie/uitvoeringsagenda-01")  # "Inzetten voor een sprankelend en inclusief Plein1 X X X X"
    assert g.value(row, BG.tekst) == Literal("Inzetten voor een sprankelend en inclusief Plein1", lang="nl")
    assert g.value(row, BG.ruweTekst) == Literal("X X X X")
    (action,) = g.subjects(BG.herhaling, row)
    assert set(g.objects(action, BG.jaar)) == {Literal(str(y), datatype=XSD.gYear) for y in range(2025, 2029)}
    assert list(g.objects(row, BG.jaar)) == []


def test_agenda_row_gestart_2024(g: rdflib.Graph) -> None:
    # "Ondersteunen initiatieven jonge mantelzorgers (gestart 2024) X": one X, year column lost; 2024 is the start.
    (action,) = g.subjects(BG.herhaling, iri("actie/uitvoeringsagenda-07"))
    assert list(g.objects(action, BG.jaar)) == []
    assert g.value(action, BG.aantalJarenGepland) == Literal(1)
    periode = g.value(action, BG.periode)
    begin = g.value(periode, TIME.hasBeginning)
    assert g.value(begin, TIME.inXSDgYear) == Literal("2024", datatype=XSD.gYear)


def test_every_agenda_row_restates_a_chapter_action(g: rdflib.Graph) -> None:
    # Each of the 55 restating rows matches an action in the "Wat gaan we doen" lists of hoofdstuk 3-5.
    assert count(g, agenda_rows("?x a bg:Herhaling . ?a bg:herhaling ?x . ?a bg:actiestatus bg:Voorgenomen .")) == 55
    # "Inzetten op meer sociale huurwoningen" is one row for the same action in §5.1, §5.2, §5.3 and §5.4.
    assert count(g, f"?x bg:herhaling <{BASE}actie/uitvoeringsagenda-46> .") == 4
    # §5.3 "We gaan in gesprek met de jeugdhulpaanbieders en de regio ..." has no row in the agenda.
    assert list(g.objects(iri("actie/wonen-en-zorg-voor-kwetsbare-jeugd-4"), BG.herhaling)) == []


def test_the_plan_counts_each_action_once(g: rdflib.Graph) -> None:
    # Planned: the 67 of the "Wat gaan we doen?" lists of hoofdstuk 3-5 (per paragraph in the test below), the
    # agenda's Herstelacademie pilot, the campaign 'Heemstede, dat ben jij!' (voorwoord, §1.4) and the two
    # monitoring actions of §6.1 and §6.3. The 55 agenda rows that restate chapter actions are not counted again.
    planned = "?x a bg:Actie ; bg:actiestatus bg:Voorgenomen ."
    assert count(g, planned) == 67 + 1 + 1 + 2
    assert count(g, planned + f" ?x prov:wasDerivedFrom {AGENDA} .") == 1
    assert count(g, "?x a bg:Actie , bg:Herhaling .") == 0


# --- actions in the chapters ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nr", "expected"),
    [
        ("3.1", 6),  # "Wat gaan we nog meer doen?": 6 bullets
        ("3.2", 5),  # "Samenvatting acties": 4 bullets + "bestaande vormen van mantelzorgondersteuning in stand houden"
        ("3.3", 7),  # "Samenvatting acties": 6 bullets + "bestaande vormen van ondersteuning voortzetten"
        ("3.4", 6),  # "Wat gaan we doen?": 6 bullets
        ("4.1", 6),  # "Wat gaan we doen?": 6 bullets
        ("4.2", 13),  # "Wat gaan we doen?": 8 bullets, the last with 5 sub-bullets
        ("4.3", 3),  # "Wat gaan we doen?": 3 bullets
        ("4.4", 3),  # "Wat gaan we doen?": 3 bullets
        ("5.1", 5),  # "Wat gaan we doen voor ouderen?": 5 bullets
        ("5.2", 5),  # "Wat gaan we doen voor mensen met een psychische kwetsbaarheid?": 5 bullets
        ("5.3", 5),  # "Wat gaan we doen voor kwetsbare jeugd?": 5 bullets
        ("5.4", 3),  # "Wat gaan we doen voor (dreigend) dakloze mensen?": 2 bullets + verkennen voorrangsregeling
    ],
)
def test_planned_chapter_actions(g: rdflib.Graph, nr: str, expected: int) -> None:
    where = f"""?x a bg:Actie ; bg:actiestatus bg:Voorgenomen ; prov:wasDerivedFrom {sectie(nr)} .
                FILTER NOT EXISTS {{ ?x prov:wasDerivedFrom {AGENDA} }}"""
    assert count(g, where) == expected


def test_running_actions_for_every_theme_of_chapters_3_and_4(g: rdflib.Graph) -> None:
    # §3.1-3.4 and §4.1-4.4 each describe existing work ("Wat doen we al?" or the introduction of the paragraph)
    themes = f"""?x a bg:Thema ; bg:onderdeelVan ?o .
                 FILTER(?o IN (<{BASE}onderdeel/sociale-basis>, <{BASE}onderdeel/hulp-en-ondersteuning>))"""
    assert count(g, themes) == 8
    assert count(g, themes + " ?y bg:onderdeelVan ?x ; bg:actiestatus bg:Lopend .") == 8


def test_partner_roles(g: rdflib.Graph) -> None:
    # §4.4 "We behouden als gemeente onze trekkersrol op het gebied van zorg en veiligheid"
    assert g.value(iri("actie/samenwerking-zorg-welzijn-veiligheid-1"), BG.trekker) == GM0397
    # §4.4 second bullet: politie, Openbaar Ministerie, Wij Heemstede, (ggz,) Veilig Thuis
    assert count(g, f"<{BASE}actie/samenwerking-zorg-welzijn-veiligheid-2> bg:samenwerkingspartner ?x .") == 4


def test_campaign(g: rdflib.Graph) -> None:
    campagne = iri("actie/campagne-heemstede-dat-ben-jij")
    assert g.value(campagne, BG.actiestatus) == BG.Voorgenomen
    assert (campagne, SKOS.altLabel, Literal("Heemstede, dat ben jij!", lang="nl")) in g


# --- figures ---------------------------------------------------------------------------------------------------


def test_number_of_figures(g: rdflib.Graph) -> None:
    # §2.2: 1 op de 3, 780, 1.100, boven de 75 jaar, 75 jaar of ouder, 75-80 jaar (6); §3.2: tot en met 24 jaar (1);
    # §4.1: ongeveer 1000 (1); hoofdstuk 5: 30%, 17.500, 100, 30, 36 (5); §5.1: 65 jaar (1); §5.2: 11 tot 15 (1);
    # §5.3: 16 t/m 19 jaar, 11 tot 15, 18 jaar (3); §5.4: ongeveer 6, 2 tot 3, vier plekken (3) = 21
    assert count(g, "?x a bg:Meting .") == 21


def test_dementia_figures(g: rdflib.Graph) -> None:
    # §2.2 "In 2022 woonde er in Heemstede naar schatting zo'n 780 mensen met een vorm van dementie"
    m2022 = iri("meting/mensen-met-dementie-2022")
    waarde = g.value(m2022, BG.waarde)
    assert waarde.datatype == XSD.decimal and waarde.toPython() == Decimal(780)
    assert g.value(m2022, BG.jaar) == Literal("2022", datatype=XSD.gYear)
    assert g.value(m2022, BG.ruweTekst) == Literal("zo\u2019n 780")  # printed with a right single quotation mark
    # §2.2 "Tot 2040 wordt een stijging verwacht waarbij 1.100 mensen met een vorm van dementie"
    m2040 = iri("meting/mensen-met-dementie-2040")
    assert g.value(m2040, BG.waarde).toPython() == Decimal(1100)
    assert g.value(m2040, BG.jaar) == Literal("2040", datatype=XSD.gYear)
    assert g.value(m2040, BG.isPrognose).toPython() is True


def test_mra_offer_parts_are_a_partial_breakdown(g: rdflib.Graph) -> None:
    # hoofdstuk 5: "100 nieuwe woningen tot 2030, waarvan 30 sociale huur en 36 betaalbare middenhuur of koopwoningen"
    # "waarvan" names two of the parts, not all of them: they are parts (bg:onderdeelVan), not summands that must
    # add up to the 100 (bg:somdeelVan), so the sum check does not report a defect the document does not have.
    total = iri("meting/bod-heemstede-nieuwe-woningen-2030")
    assert g.value(total, BG.waarde).toPython() == Decimal(100)
    parts = sorted(g.value(p, BG.waarde).toPython() for p in g.subjects(BG.onderdeelVan, total))
    assert parts == [Decimal(30), Decimal(36)]
    assert not list(g.subjects(BG.somdeelVan, total))


def test_ranges(g: rdflib.Graph) -> None:
    # §5.2 "11 tot 15 plekken per jaar" (prognose beschermd wonen): printed as a range, no single bg:waarde
    m = iri("meting/beschermd-wonen-plekken-per-jaar")
    assert g.value(m, BG.waarde) is None
    assert g.value(m, BG.waardeStatus) == BG.NietNumeriek
    assert (g.value(m, BG.bereikVan).toPython(), g.value(m, BG.bereikTot).toPython()) == (Decimal(11), Decimal(15))
    # §5.4 "2 tot 3 economisch dakloze inwoners", restated as "twee tot drie gevallen"
    e = iri("meting/economisch-daklozen-per-jaar")
    restated = g.value(e, BG.herhaling)
    assert g.value(restated, BG.ruweTekst) == Literal("twee tot drie gevallen")


def test_share_social_rent(g: rdflib.Graph) -> None:
    # hoofdstuk 5: "waarbij 30% van de woningbouwproductie sociale huur betreft"
    m = iri("meting/aandeel-sociale-huur-woningbouwproductie")
    assert g.value(m, BG.waarde).toPython() == Decimal(30)
    assert g.value(m, BG.eenheid) == BG.Procent


# --- monitoring and developments ------------------------------------------------------------------------------


def test_indicators(g: rdflib.Graph) -> None:
    # §6.4 lists four themes monitored via waarstaatjegemeente.nl and the monitor sociaal domein
    assert count(g, f"?x a bg:Indicator ; prov:wasDerivedFrom {sectie('6.4')} .") == 4
    # §6.2 client satisfaction with the facilities and with access to them
    assert count(g, f"?x a bg:Indicator ; prov:wasDerivedFrom {sectie('6.2')} .") == 2


def test_developments_of_chapter_2(g: rdflib.Graph) -> None:
    # §2.1 Landelijke ontwikkelingen: Onderzoek houdbaarheid, Personeelstekorten, Kostenbeheersing
    where = "plan:heemstede-wmo-2025-2028 bg:ontwikkeling ?x . ?x prov:wasDerivedFrom %s ."
    assert count(g, where % sectie("2.1")) == 3
    # §2.2 Lokale ontwikkelingen: stijgende vraag/kosten, demografie, mantelzorgers, vrijwilligers, dementie
    assert count(g, where % sectie("2.2")) == 5
