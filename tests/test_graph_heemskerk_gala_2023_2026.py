"""Plan van aanpak GALA 2023-2026 Heemskerk (source 002_9cf8535fa6181342.txt): counts and facts from the document."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from graphdata import PREFIXES, count, nodes_without_section, plan_graph
from rdflib import XSD, Graph, Literal, URIRef

PLAN = "heemskerk-gala-2023-2026"
BASE = f"https://beleidsgraaf.nl/id/plan/{PLAN}/"
BG = "https://beleidsgraaf.nl/def/"
ID = "https://beleidsgraaf.nl/id/"


@pytest.fixture(scope="module")
def g() -> Graph:
    return plan_graph(PLAN)


def node(path: str) -> URIRef:
    return URIRef(BASE + path)


def bg(term: str) -> URIRef:
    return URIRef(BG + term)


def one(g: Graph, subject: URIRef, prop: URIRef) -> Any:
    """The single object of subject/prop (a Literal or URIRef)."""
    values = list(g.objects(subject, prop))
    assert len(values) == 1, f"{subject} {prop}: {values}"
    return values[0]


def test_every_minted_node_cites_a_section(g: Graph) -> None:
    assert nodes_without_section(g, PLAN) == []


def test_plan_structure_counts(g: Graph) -> None:
    # §3 "De opgaven": three bullets
    assert count(g, f"plan:{PLAN} bg:opgave ?x . ?x a bg:MaatschappelijkeOpgave") == 3
    # §3 "Wat gaan we doen": three uitgangspunten (opgavegericht, vraaggericht, wijkgericht)
    assert count(g, f"plan:{PLAN} bg:uitgangspunt ?x . ?x a bg:Uitgangspunt") == 3
    # §3.1-3.13 thirteen GALA-onderdelen + §4 "Ondersteunende onderdelen"
    assert count(g, f"plan:{PLAN} bg:onderdeel ?x . ?x a bg:Beleidsonderdeel") == 14
    # §3 Doelgroepen: the umbrella group, six groups in the list ("mensen met een psychische kwetsbaarheid,
    # ongezondere leefstijl, lagere gezondheidsvaardigheden, een minder steunende sociale omgeving en kwetsbare
    # ouderen en jeugdigen") and "inwoners ... met een lage sociaaleconomische positie"
    assert count(g, f"plan:{PLAN} bg:doelgroep ?x") == 8
    # §3 Fasering: one sentence per year 2023, 2024, 2025, 2026
    assert count(g, "?x a bg:Actie ; prov:wasDerivedFrom ?s . ?s bg:sectienummer '3 Fasering'") == 4
    # §3 Continuïteit and §3 Regie op samenwerking
    assert count(g, f"plan:{PLAN} bg:randvoorwaarde ?x") == 2
    # §3 Beleid sociaal domein 2020-2023: four beoogde maatschappelijke effecten
    effects = "?x a bg:Doelstelling ; prov:wasDerivedFrom ?s . ?s bg:sectienummer '3 Beleid sociaal domein 2020-2023'"
    assert count(g, effects) == 4
    # §3 Visie op buurtwerk 2023: five "kenmerken van buurtwerk"
    assert count(g, f"?x a bg:Thema ; bg:onderdeelVan <{BASE}visie/visie-op-buurtwerk>") == 5


@pytest.mark.parametrize(
    ("onderdeel", "expected"),
    [
        ("sportakkoord", 3),  # §3.1: 3 bullets
        ("brede-regeling-combinatiefuncties", 7),  # §3.2: 7 bullets
        ("gezondheidsverschillen", 5),  # §3.3: 5 bullets
        ("kansrijke-start", 4),  # §3.4: 4 bullets
        ("mentale-gezondheid", 4),  # §3.5: 4 bullets
        ("aanpak-overgewicht-en-obesitas", 7),  # §3.6: 7 bullets
        ("valpreventie", 5),  # §3.7: 5 bullets
        ("leefomgeving", 6),  # §3.8: 6 bullets
        ("oko-en-vroegsignalering-alcoholproblematiek", 1),  # §3.9: 1 bullet
        ("versterken-sociale-basis", 4),  # §3.10: 3 bullets, the first holding two activities (wijkpunt, onderzoek)
        ("mantelzorg", 1),  # §3.11: 1 bullet
        ("een-tegen-eenzaamheid", 2),  # §3.12: 2 bullets
        ("welzijn-op-recept", 4),  # §3.13: 4 bullets
        ("ondersteunende-onderdelen", 1),  # §4: 4 bullets; 1 restates §3.5, 3 and 4 are governance
    ],
)
def test_activities_per_onderdeel(g: Graph, onderdeel: str, expected: int) -> None:
    assert count(g, f"?x a bg:Actie ; bg:onderdeelVan <{BASE}onderdeel/{onderdeel}>") == expected


def test_enumerations_in_chapter_1_and_3(g: Graph) -> None:
    # §1 Sportakkoord: three speerpunten (2019) and three new ambities (June 2023)
    sport = "<https://beleidsgraaf.nl/id/programma/sportakkoord-heemskerk>"
    assert count(g, f"?x a bg:Thema ; bg:onderdeelVan {sport}") == 3
    assert count(g, f"?x a bg:Ambitie ; bg:onderdeelVan {sport}") == 3
    # §1 Regiobeeld: three aandachtspunten
    assert count(g, f"?x a bg:Thema ; bg:onderdeelVan <{ID}programma/regiobeeld-kennemerland>") == 3
    # §1 Preventieakkoord: "de thema's overgewicht en roken"
    prev = "<https://beleidsgraaf.nl/id/programma/lokaal-preventieakkoord-heemskerk>"
    assert count(g, f"?x a bg:Thema ; bg:onderdeelVan {prev}") == 2
    # §3.4: the Kansrijke Start coalition rests on three pijlers
    assert count(g, f"?x a bg:Actie ; bg:onderdeelVan <{BASE}actie/drie-pijlers-coalitie-kansrijke-start>") == 3
    # §3.8: Kanker Lokaal op de Kaart names three example measures
    assert count(g, f"?x a bg:Actie ; bg:onderdeelVan <{BASE}actie/kanker-lokaal-op-de-kaart>") == 3
    # §3 Samenwerking: seven maatschappelijke partners in the Serviceplein
    sp = "<https://beleidsgraaf.nl/id/voorziening/serviceplein-heemskerk>"
    assert count(g, f"{sp} bg:samenwerkingspartner ?x") == 7


def test_figure_counts(g: Graph) -> None:
    # §1: figures printed for Nederland: 65+ now and five years ago, growth to 2050, families with children,
    # home ownership, high income, divorced, western and non-western background, corporation dwellings, low income
    assert count(g, "?x a bg:Meting ; bg:gebied <https://beleidsgraaf.nl/id/gebied/nederland>") == 11
    # §1: figures per wijk: Heemskerk Dorp 2, Broekpolder 6, Hofland/Oosterwijk/Zuidbroek 8, Poelenburg en
    # Oosterzij 8, Heemskerkerduin en Noorddorp 2, Kerkbeek 1, Assumburg 1, "de lage SES-wijken" 1 (volunteers 18%)
    assert count(g, f"?x a bg:Meting ; bg:gebied ?w . FILTER(STRSTARTS(STR(?w), '{ID}wijk/gm0396-'))") == 29
    # §1 Gezondheidsbeeld (Coronapeilingen 2022): body 2, lonely 2, very severe 2, stress 2, suicide 2,
    # informal care 2, volunteers 3, overweight 2
    assert count(g, "?x a bg:Meting ; bg:jaar '2022'^^xsd:gYear") == 17
    # §1 SES-WOA: Heemskerk +0,07 and three wijken
    assert count(g, f"?x a bg:Meting ; bg:indicator <{BASE}indicator/ses-woa-score>") == 4
    # §1 sports clubs: four tennis, two football, one each basketball, swimming, volleyball, multi-sport
    clubs = [
        "tennisclubs",
        "voetbalclubs",
        "basketbalverenigingen",
        "zwemverenigingen",
        "volleybalverenigingen",
        "verenigingen-met-meerdere-sporten",
    ]
    total = sum(one(g, node(f"meting/aantal-{club}-heemskerk"), bg("waarde")).toPython() for club in clubs)
    assert total == Decimal("10")


def test_restatements(g: Graph) -> None:
    # bijna 40.000 inwoners (§1, §3 Wijkgericht); tien CBS-wijken restated twice in §3 Wijkgericht; zes gebieden
    # restated in §3 Wijkgericht, twice in §3.10, once in §3.13; opgave mentale gezondheid in §3.5; gezonde
    # ontbijten in §3.3; the GGD plan on mental health in §4
    assert count(g, "?x a bg:Herhaling") == 10
    assert count(g, f"<{BASE}meting/aantal-heemskerkse-gebieden> bg:herhaling ?x") == 4


def test_wijk_parts_point_at_the_heemskerk_value_of_the_same_indicator(g: Graph) -> None:
    rows = list(
        g.query(
            PREFIXES
            + """SELECT ?x WHERE {
        ?x bg:deelwaardeVan ?whole ; bg:indicator ?i .
        FILTER NOT EXISTS { ?whole bg:indicator ?i ; bg:gebied gm:gm0396 } }"""
        )
    )
    assert rows == []


def test_values_round_trip_as_typed_literals(g: Graph) -> None:
    ses = node("meting/ses-woa-hofland-oosterwijk-en-zuidbroek")
    value = one(g, ses, bg("waarde"))
    assert value.datatype == XSD.decimal and value.toPython() == Decimal("-0.21")
    assert one(g, ses, bg("ruweTekst")) == Literal("-0,21")

    divorced = node("meting/aandeel-gescheiden-inwoners-broekpolder")
    assert one(g, divorced, bg("waarde")).toPython() == Decimal("6.5")
    assert one(g, divorced, bg("ruweTekst")) == Literal("6,5%")

    # printed "Poelenburg en Oosterwijk" (l.23-24) is the wijk Poelenburg en Oosterzij
    misspelt = node("meting/aandeel-gescheiden-inwoners-poelenburg-en-oosterzij")
    assert one(g, misspelt, bg("gebied")) == URIRef("https://beleidsgraaf.nl/id/wijk/gm0396-poelenburg-en-oosterzij")
    assert one(g, misspelt, bg("waarde")).toPython() == Decimal("12.4")

    inhabitants = node("meting/aantal-inwoners-heemskerk")
    assert list(g.objects(inhabitants, bg("waarde"))) == []
    assert one(g, inhabitants, bg("waardeStatus")) == bg("NietNumeriek")
    assert one(g, inhabitants, bg("ruweTekst")) == Literal("bijna 40.000")

    target = node("doelstelling/schone-lucht-akkoord-gezondheidswinst/streefwaarde")
    assert one(g, target, bg("waarde")).toPython() == Decimal("50")
    assert one(g, target, bg("jaar")) == Literal("2030", datatype=XSD.gYear)


def test_years_and_kinds_of_actions(g: Graph) -> None:
    pilot = node("actie/voel-je-goed-pilot")
    assert one(g, pilot, bg("jaar")) == Literal("2024", datatype=XSD.gYear)
    assert one(g, pilot, bg("actiesoort")) == bg("Pilot")
    rollout = node("actie/voel-je-goed-uitrol")
    assert set(g.objects(rollout, bg("jaar"))) == {Literal(y, datatype=XSD.gYear) for y in ("2025", "2026")}
    week = node("actie/week-van-de-ontmoeting")
    assert set(g.objects(week, bg("jaar"))) == {Literal(y, datatype=XSD.gYear) for y in ("2023", "2024", "2025")}
    assert one(g, node("actie/meten-en-wegen"), bg("actiesoort")) == bg("Voortzetten")
    signed = one(g, URIRef(f"https://beleidsgraaf.nl/id/plan/{PLAN}"), URIRef("http://purl.org/dc/terms/issued"))
    assert signed.datatype == XSD.date and signed.toPython() == date(2023, 9, 26)


def test_partners_as_stated(g: Graph) -> None:
    kwf = URIRef("https://beleidsgraaf.nl/id/organisatie/kwf-kankerbestrijding")
    assert one(g, node("actie/kanker-lokaal-op-de-kaart"), bg("financier")) == kwf
    # §3.11: "In samenwerking met MaatjeZ en Alzheimer Nederland"
    assert count(g, f"<{BASE}actie/project-migranten-met-dementie> bg:samenwerkingspartner ?x") == 2
    # §3.7: Team Sportservice makes the plan in 2023 and starts carrying it out in 2024
    assert count(g, f"?x bg:uitvoerder <{ID}organisatie/team-sportservice>") == 2


# "Activiteiten en interventies" (002 l.362-636): one bullet per activity in §3.1-3.13. An action the graph splits
# into phases or parts (pilot and roll-out, the pillars of Kansrijke Start) is one action with parts
# (bg:onderdeelVan): counted at the top, the actions are the document's bullets.
@pytest.mark.parametrize(
    ("nr", "bullets"),
    [
        ("3.1", 3), ("3.2", 7), ("3.3", 5), ("3.4", 4), ("3.5", 4), ("3.6", 7), ("3.7", 5), ("3.8", 6),
        ("3.9", 1),
        # l.577-585: the first bullet names two activities, "het Wijkpunt Europaplein in stand" and "een onderzoek
        # naar de positionering van onafhankelijke cliëntondersteuning" (3.10-1a and 3.10-1b): 3 bullets, 4 actions
        ("3.10", 4),
        ("3.11", 1), ("3.12", 2), ("3.13", 4),
    ],
)  # fmt: skip
def test_the_activities_of_chapter_3_are_the_bullets(g: Graph, nr: str, bullets: int) -> None:
    where = f"""?x a bg:Actie ; prov:wasDerivedFrom ?s . ?s bg:sectienummer "{nr}" .
                FILTER NOT EXISTS {{ ?x bg:onderdeelVan ?geheel . ?geheel a bg:Actie }}
                FILTER NOT EXISTS {{ ?x a bg:Herhaling }}"""
    assert count(g, where) == bullets
