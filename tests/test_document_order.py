"""The named query kernelementen.rq gives a plan's structure in the order of the document.

bg:volgnummer is the place in one enumeration of the document (1, 2, ...): the kernelementen of one kind in a plan are
numbered 1..n, what falls beneath one element 1..m. The query orders by kind (opgaven, focuspunten, ambities,
onderdelen), then by that number. The expected orders come from the five source texts, not from the graph; each cites
file number, line(s) and section, e.g. "002 l.364-626 (§3.1-3.13)".
"""

from __future__ import annotations

from collections import defaultdict

import pytest

from api.kg.queries import QueryCatalog, run_named
from api.kg.store import GraphStore

Outline = list[tuple[str, str, list[str]]]  # (soort, naam, names beneath it) per kernelement, in output order

OPGAVE, FOCUSPUNT, AMBITIE, ONDERDEEL = "Maatschappelijke opgave", "Focuspunt", "Ambitie", "Beleidsonderdeel"

# fmt: off
EXPECTED: dict[str, Outline] = {
    # 000 l.731-732 (§3.4) "De focuspunten zijn Kansrijk opgroeien, Bestaanszekerheid en Vitaliteitsbevordering",
    # worked out in §3.1-3.3 (l.440, l.473, l.516); accenten l.442, l.455 (§3.1), l.475, l.491 (§3.2), l.518 (§3.3)
    "heiloo-gebiedsplan-2023-2024": [
        (FOCUSPUNT, "Kansrijk opgroeien", ["Kansrijke start", "Psychisch en lichamelijk welbevinden van jongeren"]),
        (FOCUSPUNT, "Bestaanszekerheid", ["Het bevorderen van zelfredzaamheid en inclusie",
                                          "Stimuleren van zelfredzaamheid"]),
        (FOCUSPUNT, "Vitaliteitsbevordering", [
            "Ondersteunen van het langer zelfstandig wonen en meedoen van kwetsbare inwoners",
        ]),
    ],
    # 001 l.101-109 (inhoudsopgave) and l.603-649 (§4.3.1-4.3.5): the five opgaven; bijlage 1 the beleidsterreinen of
    # each: l.1736-1739, l.1748-1757, l.1766-1783, l.1792-1804, l.1813-1823
    "heemskerk-sociaal-domein-2024": [
        (OPGAVE, "Vitaal en weerbaar", ["Gezondheid", "Jeugdgezondheid"]),
        (OPGAVE, "Zorg en wonen", ["Maatwerkvoorzieningen Wmo", "Maatschappelijke opvang en beschermd wonen",
                                   "Sociale veiligheid"]),
        (OPGAVE, "Opgroeien en zelfontplooiing", ["Jeugd", "Onderwijsachterstandenbeleid", "Passend onderwijs",
                                                  "Leerplicht", "Kinderopvang",
                                                  "Laaggeletterdheid en volwasseneducatie"]),
        (OPGAVE, "Financieel fit", ["Werk en inkomen", "Armoede", "Schuldhulpverlening", "Re-integratie",
                                    "Inburgering"]),
        (OPGAVE, "Ontmoeten en omzien naar elkaar", ["Welzijn & maatschappelijke dienstverlening", "Inclusie",
                                                     "Vrijwillige inzet & mantelzorg"]),
    ],
    # 002 l.171-182 ("De opgaven", three bullets at the start of chapter 3), then l.364-626 (§3.1-3.13) and l.639
    # (hoofdstuk 4 "Ondersteunende onderdelen")
    "heemskerk-gala-2023-2026": [
        (OPGAVE, "Verbeteren van de mentale gezondheid", []),
        (OPGAVE, "Verkleinen van (sociaaleconomische) gezondheidsverschillen", []),
        (OPGAVE, "Bevorderen van participatie in de samenleving", []),
        (ONDERDEEL, "Sportakkoord", []),  # l.364 §3.1
        (ONDERDEEL, "Brede Regeling Combinatiefuncties", []),  # l.385 §3.2
        (ONDERDEEL, "Gezondheidsverschillen", []),  # l.409 §3.3
        (ONDERDEEL, "Kansrijke Start", []),  # l.437 §3.4
        (ONDERDEEL, "Mentale Gezondheid", []),  # l.459 §3.5
        (ONDERDEEL, "Aanpak overgewicht en obesitas", []),  # l.484 §3.6
        (ONDERDEEL, "Valpreventie", []),  # l.516 §3.7
        (ONDERDEEL, "Leefomgeving", []),  # l.538 §3.8
        (ONDERDEEL, "OKO & Vroegsignalering alcoholproblematiek", []),  # l.568 §3.9
        (ONDERDEEL, "Versterken sociale basis", []),  # l.576 §3.10
        (ONDERDEEL, "Mantelzorg", []),  # l.600 §3.11
        (ONDERDEEL, "Eén tegen Eenzaamheid", []),  # l.607 §3.12
        (ONDERDEEL, "Welzijn op recept", []),  # l.626 §3.13
        (ONDERDEEL, "Ondersteunende onderdelen", []),  # l.639 hoofdstuk 4
    ],
    # 003 l.182-191 (§1.2): the six numbered opgaven of the regional woonzorgopgave; then chapter 2 treats the opgave
    # per doelgroep: ouderen l.352 (§2.1a), and in §2.2 mensen met een verstandelijke en/of lichamelijke beperking
    # l.681, mensen met psychische kwetsbaarheid en/of (dreigende) dakloosheid l.789, mantelzorgers l.1014 (the
    # order of the paragraphs, not of the introduction l.649-650, which names mantelzorgers first); chapter 3 the
    # ambities §3.1.1-3.1.4 (l.1203, l.1303, l.1374, l.1430) with their numbered actielijnen l.1218, l.1243, l.1285;
    # l.1330, l.1353, l.1365; l.1395, l.1414; l.1453, l.1461, l.1471
    "beverwijk-heemskerk-woonzorgvisie": [
        (OPGAVE, "Meer mensen hebben intensievere zorg (aan huis) nodig", []),
        (OPGAVE, "Er is een blijvende grote vraag naar sociale huurwoningen", []),
        (OPGAVE, "Er is ook behoefte aan kleinschalige woonvormen en regionale voorzieningen", []),
        (OPGAVE, "Ouderen zijn de grootste aandachtsgroep", []),
        (OPGAVE, "Er is een regionaal verdeelvraagstuk voor maatschappelijke opvang en beschermd wonen", []),
        (OPGAVE, "De zorgzame wijk als voorwaarde", []),
        (OPGAVE, "Opgave ouderen", []),
        (OPGAVE, "Opgave mensen met een verstandelijke en/of lichamelijke beperking", []),
        (OPGAVE, "Opgave mensen met psychische kwetsbaarheid en/of (dreigende) dakloosheid", []),
        (OPGAVE, "Opgave mantelzorgers", []),
        (AMBITIE, "Ambitie op wonen", [
            "We willen de bestaande voorraad beter benutten",
            "We voegen meer nieuwe woningen en woonvormen toe die aansluiten bij de behoeften van ouderen en "
            "aandachtsgroepen",
            "We investeren in een gedifferentieerd woningaanbod",
        ]),
        (AMBITIE, "Ambitie op welzijn", [
            "We stimuleren gemeenschapszin",
            "We richten ons op het versterken en verlichten van mantelzorgers",
            "We willen formele en informele zorg sterker met elkaar verbinden",
        ]),
        (AMBITIE, "Ambitie op zorg", [
            "We zetten in op het betaalbaar houden van de zorg",
            "We zetten in op meer samenwerking tussen zorgpartijen",
        ]),
        (AMBITIE, "Ambitie op eigen kracht", ["Informatie", "Communicatie", "Maatwerk"]),
    ],
    # 004 l.188-190 (§1.1 "Drie onderdelen"), chapters 3, 4, 5 (l.397, l.827, l.1152); the themes are their
    # paragraphs: §3.1-3.4 l.403, l.474, l.607, l.746; §4.1-4.4 l.833, l.887, l.1034, l.1087; §5.1-5.4 l.1379,
    # l.1462, l.1573, l.1683
    "heemstede-wmo-2025-2028": [
        (ONDERDEEL, "Sociale Basis", ["Algemene diensten en voorzieningen", "Mantelzorg", "Vrijwillige inzet",
                                      "Dementie"]),
        (ONDERDEEL, "Hulp & ondersteuning", ["Toegang", "Voorzieningenaanbod vanuit de Wmo", "Veilig thuis",
                                             "Samenwerking zorg, welzijn, veiligheid"]),
        (ONDERDEEL, "Wonen & zorg", ["Wonen en zorg voor ouderen",
                                     "Wonen en zorg voor mensen met een psychische kwetsbaarheid",
                                     "Wonen en zorg voor kwetsbare jeugd",
                                     "Wonen en zorg voor (dreigend) dakloze mensen"]),
    ],
}
# fmt: on

ALL_PLANS = """
PREFIX bg: <https://beleidsgraaf.nl/def/>
PREFIX dct: <http://purl.org/dc/terms/>
SELECT DISTINCT ?id WHERE { ?plan a bg:Beleidsdocument ; dct:identifier ?id } ORDER BY ?id
"""


def outline(rows: list[dict[str, str]]) -> Outline:
    """The rows folded into one entry per kernelement, in the order they come, with their children's names."""
    result: Outline = []
    seen: dict[str, list[str]] = {}
    for row in rows:
        if row["element"] not in seen:
            seen[row["element"]] = []
            result.append((row["soort"], row["naam"], seen[row["element"]]))
        if row.get("kind"):
            seen[row["element"]].append(row["kindNaam"])
    return result


@pytest.mark.parametrize("plan", sorted(EXPECTED))
def test_kernelementen_come_in_document_order(store: GraphStore, queries: QueryCatalog, plan: str) -> None:
    assert outline(run_named(store, queries, "kernelementen", plan=plan).records()) == EXPECTED[plan]


def test_every_element_kernelementen_returns_has_a_volgnummer(store: GraphStore, queries: QueryCatalog) -> None:
    """Without a number an element sorts before the numbered ones or by name; numbers are 1..n per enumeration."""
    plans = [row["id"] for row in store.result(ALL_PLANS).records()]
    assert set(EXPECTED) <= set(plans)
    for plan in plans:
        rows = run_named(store, queries, "kernelementen", plan=plan).records()
        missing = {row["naam"] for row in rows if not row.get("volgnummer")}
        missing |= {row["kindNaam"] for row in rows if row.get("kind") and not row.get("kindVolgnummer")}
        assert not missing, f"{plan}: zonder bg:volgnummer: {sorted(missing)}"
        per_kind: dict[str, dict[str, int]] = defaultdict(dict)
        per_parent: dict[str, dict[str, int]] = defaultdict(dict)
        for row in rows:
            per_kind[row["soort"]][row["element"]] = int(row["volgnummer"])
            if row.get("kind"):
                per_parent[row["element"]][row["kind"]] = int(row["kindVolgnummer"])
        for group in (*per_kind.values(), *per_parent.values()):
            assert sorted(group.values()) == list(range(1, len(group) + 1)), f"{plan}: {group}"
