"""Data tests for plan heemskerk-sociaal-domein-2024 (source 001, "Samen sterk voor Heemskerk").

Every expected number is taken from the source document, not from the Turtle file; the comment on each
assertion says where in the document it comes from.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
import rdflib
from rdflib import XSD, Literal, URIRef

from tests.graphdata import count, nodes_without_section, plan_graph

PLAN_ID = "heemskerk-sociaal-domein-2024"
PLAN = f"plan:{PLAN_ID}"
BASE = f"https://beleidsgraaf.nl/id/plan/{PLAN_ID}/"
BG = rdflib.Namespace("https://beleidsgraaf.nl/def/")
SKOS = rdflib.Namespace("http://www.w3.org/2004/02/skos/core#")
OPGAVEN = [
    "vitaal-en-weerbaar",
    "zorg-en-wonen",
    "opgroeien-en-zelfontplooiing",
    "financieel-fit",
    "ontmoeten-en-omzien-naar-elkaar",
]


@pytest.fixture(scope="module")
def g() -> rdflib.Graph:
    return plan_graph(PLAN_ID)


def iri(local: str) -> URIRef:
    return URIRef(BASE + local)


def value(g: rdflib.Graph, subject: str, prop: URIRef) -> Literal:
    obj = g.value(iri(subject), prop)
    assert isinstance(obj, Literal), f"{subject} has no literal {prop}"
    return obj


def dec(lit: Literal) -> Decimal:
    assert lit.datatype in (XSD.decimal, XSD.integer), lit.datatype
    return Decimal(str(lit))


# ---------------------------------------------------------------- provenance


def test_every_node_cites_a_section(g: rdflib.Graph) -> None:
    assert nodes_without_section(g, PLAN_ID) == []


# ---------------------------------------------------------------- strategic course


def test_counts_of_the_course(g: rdflib.Graph) -> None:
    # §4.1: "Het betreft de volgende 5 uitgangspunten met toelichting" (Simpel ... Ontwikkelen)
    assert count(g, f"{PLAN} bg:uitgangspunt ?x . ?x a bg:Uitgangspunt ; dct:description ?d") == 5
    # §4.3: "de volgende 5 maatschappelijke opgaven met korte toelichting"
    assert count(g, f"{PLAN} bg:opgave ?x . ?x a bg:MaatschappelijkeOpgave ; bg:tekst ?t ; dct:description ?d") == 5
    for slug in OPGAVEN:
        assert (
            rdflib.URIRef(f"https://beleidsgraaf.nl/id/plan/{PLAN_ID}"),
            BG.opgave,
            iri(f"opgave/{slug}"),
        ) in g
    # §4.3 table order: Vitaal en weerbaar first, Ontmoeten en omzien naar elkaar fifth
    assert g.value(iri("opgave/vitaal-en-weerbaar"), BG.volgnummer) == Literal(1)
    assert g.value(iri("opgave/ontmoeten-en-omzien-naar-elkaar"), BG.volgnummer) == Literal(5)
    # §4.2: one missie, one visie
    assert count(g, f"{PLAN} bg:missie ?x") == 1
    assert count(g, f"{PLAN} bg:visie ?x") == 1


def test_missie_and_visie_restated_in_bijlage_1(g: rdflib.Graph) -> None:
    # §4.2 "... naar vermogen bijdraagt." vs bijlage 1 "... naar vermogen aan bijdraagt."
    missie = str(value(g, "missie/missie", BG.tekst))
    herhaling = str(value(g, "herhaling/missie-bijlage-1", BG.tekst))
    assert missie.endswith("naar vermogen bijdraagt.")
    assert herhaling.endswith("naar vermogen aan bijdraagt.")
    assert (iri("missie/missie"), BG.herhaling, iri("herhaling/missie-bijlage-1")) in g
    # the visie of bijlage 1 is word for word the visie of §4.2
    assert value(g, "visie/visie", BG.tekst) == value(g, "herhaling/visie-bijlage-1", BG.tekst)


# ---------------------------------------------------------------- beleidsterreinen


def test_beleidsterreinen(g: rdflib.Graph) -> None:
    # §2: table "Beleidsterrein / Wettelijk kader" has 19 rows, each with a wettelijk kader
    assert count(g, f"{PLAN} bg:beleidsterrein ?x . ?x a bg:Beleidsterrein ; bg:wettelijkKader ?w") == 19
    # §4.3.1-4.3.5 tables "Beleidsterreinen <opgave>" and bijlage 1: 2 + 3 + 6 + 5 + 3 per opgave
    expected = dict(zip(OPGAVEN, [2, 3, 6, 5, 3], strict=True))
    for slug, n in expected.items():
        assert count(g, f"?x bg:zwaartepuntOpgave <{BASE}opgave/{slug}> ; dct:description ?d") == n, slug
    # §2 "Maatschappelijke opvang en beschermd wonen", §4.3.2 "Beschermd wonen & Maatschappelijke opvang",
    # bijlage 1 "Maatschappelijke opvang & beschermd wonen": one node, two altLabels
    mobw = iri("beleidsterrein/maatschappelijke-opvang-en-beschermd-wonen")
    assert len(list(g.objects(mobw, SKOS.altLabel))) == 2
    # §2: Inclusie rests on the VN-verdrag Handicap; the three Participatiewet rows share one law node
    assert g.value(iri("beleidsterrein/inclusie"), BG.wettelijkKader) == URIRef(
        "https://wetten.overheid.nl/BWBV0004045"
    )
    assert count(g, "?x bg:wettelijkKader bwb:BWBR0015703") == 3  # Werk en inkomen, Armoede, Re-integratie
    # five rows print "Wet maatschappelijke ondersteuning"
    assert count(g, "?x bg:wettelijkKader bwb:BWBR0035362") == 5


# ---------------------------------------------------------------- doelstellingen


def test_doelstellingen_per_opgave(g: rdflib.Graph) -> None:
    # tables "Doelstellingen <opgave>" in §4.3.1-4.3.5: 5 + 5 + 6 + 6 + 6 = 28 SMART objectives
    expected = dict(zip(OPGAVEN, [5, 5, 6, 6, 6], strict=True))
    for slug, n in expected.items():
        assert count(g, f"?x a bg:Doelstelling ; bg:onderdeelVan <{BASE}opgave/{slug}>") == n, slug
    assert count(g, "?x a bg:Doelstelling ; bg:smart true") == 28
    # each with text, result area, instrument, frequency, baseline node and target node
    assert (
        count(
            g,
            "?x a bg:Doelstelling ; bg:tekst ?t ; bg:resultaatgebied ?r ; bg:meetinstrument ?m ;"
            " bg:meetfrequentie ?f ; bg:metingenPerJaar ?p ; bg:nulmeting ?n ; bg:streefwaarde ?s ."
            " ?n a bg:Nulmeting ; bg:ruweTekst ?rn . ?s a bg:Streefwaarde ; bg:ruweTekst ?rs",
        )
        == 28
    )


def test_baselines_without_value(g: rdflib.Graph) -> None:
    # "(geen nulmeting)" financieel fit 6; "(geen 0-meting)" ontmoeten 3 and 4
    assert count(g, "?x bg:waardeStatus bg:GeenNulmeting") == 3
    # "x*" with footnote: opgroeien en zelfontplooiing 6 (vroegtijdig schoolverlaters)
    assert count(g, "?x bg:waardeStatus bg:Placeholder") == 1
    # no baseline at all: opgroeien 2 (POH'ers-jeugd), opgroeien 5 (treeknormen),
    # ontmoeten 2 (ontmoetingsplek)
    assert count(g, "?x bg:waardeStatus bg:NietGenoemd") == 3
    # none of these seven carries a value
    assert count(g, "?x bg:waardeStatus ?s ; bg:waarde ?v") == 0
    placeholder = "doelstelling/opgroeien-en-zelfontplooiing-6/nulmeting"
    assert str(value(g, placeholder, BG.ruweTekst)) == "x*"


def test_measuring_frequencies(g: rdflib.Graph) -> None:
    # "1x per 4 jaar": vitaal 1, 3, 4, 5 and ontmoeten 5 (GGD monitors)
    assert count(g, '?x bg:meetfrequentie "1x per 4 jaar"@nl ; bg:metingenPerJaar 0.25') == 5
    # "2x per jaar": vitaal 2; zorg en wonen 3, 4, 5; opgroeien 2; financieel fit 1, 4, 6
    assert count(g, '?x bg:meetfrequentie "2x per jaar"@nl ; bg:metingenPerJaar 2.0') == 8


def test_objective_figures_round_trip(g: rdflib.Graph) -> None:
    d = "doelstelling/"
    # §4.3.2 zorg en wonen 1: "afgenomen met 20% ten opzichte van 244 nachten in 2023"
    assert dec(value(g, d + "zorg-en-wonen-1/nulmeting", BG.waarde)) == 244
    assert value(g, d + "zorg-en-wonen-1/nulmeting", BG.jaar) == Literal("2023", datatype=XSD.gYear)
    assert dec(value(g, d + "zorg-en-wonen-1/streefwaarde", BG.relatieveVerandering)) == -20
    assert value(g, d + "zorg-en-wonen-1/streefwaarde", BG.jaar) == Literal("2027", datatype=XSD.gYear)
    # §4.3.1 vitaal 4: "absolute afname van 5% naar 46% ... ten opzichte van 51% in 2020"
    assert dec(value(g, d + "vitaal-en-weerbaar-4/streefwaarde", BG.waarde)) == 46
    assert dec(value(g, d + "vitaal-en-weerbaar-4/streefwaarde", BG.absoluteVerandering)) == -5
    assert dec(value(g, d + "vitaal-en-weerbaar-4/nulmeting", BG.waarde)) == 51
    # §4.3.3 opgroeien 4: "€ 13.601,04 in 2023"
    assert dec(value(g, d + "opgroeien-en-zelfontplooiing-4/nulmeting", BG.waarde)) == Decimal("13601.04")
    assert g.value(iri(d + "opgroeien-en-zelfontplooiing-4/nulmeting"), BG.eenheid) == BG.Euro
    # §4.3.2 zorg en wonen 5: "per 1.000 inwoners gelijk op het niveau van 79,91 in 2023"
    assert dec(value(g, d + "zorg-en-wonen-5/nulmeting", BG.waarde)) == Decimal("79.91")
    assert g.value(iri(d + "zorg-en-wonen-5/nulmeting"), BG.eenheid) == BG.Per1000
    assert g.value(iri(d + "zorg-en-wonen-5/streefwaarde"), BG.grens) == BG.GelijkAan
    # §4.3.5 ontmoeten 5: "maximaal 45% ten opzichte van 48,1% in 2022"
    assert dec(value(g, d + "ontmoeten-en-omzien-naar-elkaar-5/nulmeting", BG.waarde)) == Decimal("48.1")
    assert g.value(iri(d + "ontmoeten-en-omzien-naar-elkaar-5/streefwaarde"), BG.grens) == BG.Maximaal
    # §4.3.4 financieel fit 3: "maximaal 1.100 huishoudens ... ten opzichte van 1.240 in 2023"
    assert dec(value(g, d + "financieel-fit-3/streefwaarde", BG.waarde)) == 1100
    assert str(value(g, d + "financieel-fit-3/nulmeting", BG.ruweTekst)) == "1.240 in 2023"
    # §4.3.5 ontmoeten 6: baseline year 2024 ("1754 in 2024")
    assert value(g, d + "ontmoeten-en-omzien-naar-elkaar-6/nulmeting", BG.jaar) == Literal("2024", datatype=XSD.gYear)
    # §4.3.3 opgroeien 4: target "gelijk" while the result area says "Kosten per jeugdzorgtraject nemen af"
    assert g.value(iri(d + "opgroeien-en-zelfontplooiing-4"), BG.beoogdeRichting) == BG.Afname
    assert g.value(iri(d + "opgroeien-en-zelfontplooiing-4/streefwaarde"), BG.grens) == BG.GelijkAan


# ---------------------------------------------------------------- indicators


def test_bbv_indicators(g: rdflib.Graph) -> None:
    # "Verplichte indicatoren <opgave>" tables: 1 + 1 + 7 + 6 + 0 = 15
    expected = dict(zip(OPGAVEN, [1, 1, 7, 6, 0], strict=True))
    for slug, n in expected.items():
        assert count(g, f"<{BASE}opgave/{slug}> bg:indicator ?x . ?x bg:bbvVerplicht true") == n, slug
    assert count(g, "?o bg:indicator ?x . ?x bg:eenheidOmschrijving ?e ; bg:bron ?b ; bg:taakveld ?t") == 15
    # §4.3.5: "Indicator Eenheid Bron Taakveld / Geen"
    geen = g.value(iri("opgave/ontmoeten-en-omzien-naar-elkaar"), BG.geenIndicatoren)
    assert geen == Literal("Geen", lang="nl")
    # taakveld column: 3 x Onderwijs (verzuim x2, VSV), 1 x Sport cultuur & recreatie (niet-sporters)
    assert count(g, "?x bg:taakveld bg:TaakveldOnderwijs") == 3
    assert count(g, "?x bg:taakveld bg:TaakveldSportCultuurRecreatie") == 1
    assert count(g, "?x bg:taakveld bg:TaakveldSociaalDomein") == 11


# ---------------------------------------------------------------- budget


def test_budget(g: rdflib.Graph) -> None:
    # §3.3 table: five opgaven and "Totaal 45.128.079" (begroting 2024)
    assert count(g, "?x a bg:Budget ; bg:somdeelVan ?t ; bg:eenheid bg:Euro") == 5
    total = dec(value(g, "budget/totaal-2024", BG.waarde))
    assert total == 45128079
    rows = g.query(
        "PREFIX bg: <https://beleidsgraaf.nl/def/> SELECT ?v WHERE { ?b bg:somdeelVan ?t ; bg:waarde ?v . "
        f"FILTER(?t = <{BASE}budget/totaal-2024>) }}"
    )
    parts = [Decimal(str(r[0])) for r in rows]  # type: ignore[index]
    # 1.874.008 + 12.476.129 + 14.984.774 + 11.440.518 + 4.352.650 = 45.128.079 (the document adds up here)
    assert sum(parts) == total
    assert dec(value(g, "budget/opgroeien-en-zelfontplooiing-2024", BG.waarde)) == 14984774
    assert value(g, "budget/totaal-2024", BG.jaar) == Literal("2024", datatype=XSD.gYear)


# ---------------------------------------------------------------- ontwikkelingen, samenhang


def test_ontwikkelingen(g: rdflib.Graph) -> None:
    # "Ontwikkelingen <opgave>" lists in §4.3.1-4.3.5: 3 + 6 + 7 + 5 + 2
    expected = dict(zip(OPGAVEN, [3, 6, 7, 5, 2], strict=True))
    for slug, n in expected.items():
        assert count(g, f"<{BASE}opgave/{slug}> bg:ontwikkeling ?x . ?x bg:niveau ?n") == n, slug
    # levels printed in parentheses: landelijk 8 (GALA, IZA, doordecentralisatie BW, toekomstscenario,
    # woonzorgvisie, hervormingsagenda, Participatiewet in balans, basisdienstverlening), lokaal 3
    # (onderwijsachterstandenbeleid, toekomstvisie buurtwerk, programma veilige en leefbare wijken),
    # regionaal 12
    assert count(g, "?o a bg:MaatschappelijkeOpgave ; bg:ontwikkeling ?x . ?x bg:niveau bg:Landelijk") == 8
    assert count(g, "?o a bg:MaatschappelijkeOpgave ; bg:ontwikkeling ?x . ?x bg:niveau bg:Lokaal") == 3
    assert count(g, "?o a bg:MaatschappelijkeOpgave ; bg:ontwikkeling ?x . ?x bg:niveau bg:Regionaal") == 12
    # §3.2: seven foreseen developments (bullets)
    assert count(g, f"{PLAN} bg:ontwikkeling ?x . ?x bg:tekst ?t") == 7


def test_samenhang_and_regional_cooperation(g: rdflib.Graph) -> None:
    # §2.1: "in samenhang met de volgende lokale beleidsplannen": five bullets
    assert count(g, f"{PLAN} bg:samenhangMet ?x . ?x prov:wasDerivedFrom <{BASE}sectie/2.1>") == 5
    # §1.2: the previous plan 'Naast elkaar, met elkaar, voor elkaar'
    assert count(g, f"{PLAN} prov:wasRevisionOf ?x") == 1
    # §2.2: IJmond, Zuid-Kennemerland, GR Schoolverzuim & VSV, IJmond Werkt!, provincial level
    assert count(g, f"{PLAN} bg:regionaleSamenwerking ?x") == 5
    # §2.2: Haarlem as centrumgemeente for Beschermd Wonen en Maatschappelijke Opvang
    assert g.value(iri("beleidsterrein/maatschappelijke-opvang-en-beschermd-wonen"), BG.centrumgemeente) == URIRef(
        "https://identifier.overheid.nl/tooi/id/gemeente/gm0392"
    )


# ---------------------------------------------------------------- §5


def test_sturing_en_monitoring(g: rdflib.Graph) -> None:
    plan = URIRef(f"https://beleidsgraaf.nl/id/plan/{PLAN_ID}")
    # §5.1: "minimaal 6 jaar, met een tussentijdse evaluatie na 3 jaar ...
    # Een eerste evaluatie- en bijstuurmoment vindt plaats in 2027"
    assert Decimal(str(g.value(plan, BG.looptijdJaren))) == 6
    assert g.value(plan, BG.looptijdGrens) == BG.Minimaal
    assert Decimal(str(g.value(plan, BG.evaluatieNaJaren))) == 3
    assert g.value(plan, BG.evaluatiejaar) == Literal("2027", datatype=XSD.gYear)
    # §5.2: "2x keer per jaar gemonitord"
    assert Decimal(str(g.value(plan, BG.monitoringPerJaar))) == 2


# ---------------------------------------------------------------- demography (§3.1)


def test_demography(g: rdflib.Graph) -> None:
    # §3.1 text: 39.450 on 1 januari 2024, 39.145 on 1 januari 2018, 40.000 expected in 2030
    assert dec(value(g, "meting/inwoneraantal-2024", BG.waarde)) == 39450
    assert value(g, "meting/inwoneraantal-2024", BG.peildatum) == Literal("2024-01-01", datatype=XSD.date)
    assert g.value(iri("meting/inwoneraantal-2030"), BG.isPrognose) == Literal(True)
    # age table: 5 age groups x 3 columns (2018, 2024, prognose 2030), each a summand of that year's total
    assert count(g, "?x bg:somdeelVan ?t . FILTER(STRSTARTS(STR(?t), STR(<" + BASE + "meting/inwoneraantal->)))") == 15
    # households table: 6 rows x 3 columns = 18 figures; 5 rows are parts (een-/meerpersoons of the total,
    # three "waarvan" rows of meerpersoonshuishoudens)
    assert (
        count(
            g,
            "?x a bg:Meting ; bg:populatie ?p . FILTER(CONTAINS(STR(?p), 'huishoud')"
            " || CONTAINS(STR(?p), 'paren') || CONTAINS(STR(?p), 'eenouder'))",
        )
        == 18
    )
    assert count(g, "?x bg:somdeelVan ?t . FILTER(CONTAINS(STR(?t), 'meerpersoonshuishoudens-'))") == 9
    assert count(g, "?x bg:somdeelVan ?t . FILTER(CONTAINS(STR(?t), 'huishoudens-totaal-'))") == 6

    def parts_sum(total: str) -> Decimal:
        rows = g.query(
            "PREFIX bg: <https://beleidsgraaf.nl/def/> SELECT ?v WHERE { "
            f"?x bg:somdeelVan ?t ; bg:waarde ?v . FILTER(?t = <{BASE}meting/{total}>) }}"
        )
        return sum((Decimal(str(r[0])) for r in rows), Decimal(0))  # type: ignore[index]

    # the document's figures are kept as printed, including where they do not add up:
    assert parts_sum("inwoneraantal-2018") == 39145  # 5.940 + 4.524 + 8.503 + 11.730 + 8.448
    assert parts_sum("inwoneraantal-2024") == 39452  # printed total 39.450
    assert parts_sum("huishoudens-totaal-2018") == 17280  # 5.780 + 11.500; printed total 17.200
    assert parts_sum("huishoudens-totaal-2024") == 17600
    assert parts_sum("meerpersoonshuishoudens-2030") == 11600  # 4.700 + 5.500 + 1.400; printed 11.500
