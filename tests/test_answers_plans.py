"""Named queries about the structure of the plans, answered from the graph and checked against the source texts.

The expected values come from the five source texts (registered in graph/bronnen.ttl by file name and SHA-256), not
from the graph: each assertion cites file number, line(s) and section, e.g. "001 l.630-631 (§4.3)".
"""

from __future__ import annotations

from collections import defaultdict

from api.kg.queries import QueryCatalog, run_named
from api.kg.store import GraphStore

CHECKED_QUERIES: frozenset[str] = frozenset(
    {
        "plan",
        "plannen",
        "gemeenten",
        "plan-inhoud",
        "plan-cijfers",
        "plan-graaf",
        "kernelementen",
        "opgave",
        "opgaven-per-gemeente",
        "beleidsterreinen-per-opgave",
        "bijlage1",
        "bijlage1-lagen",
        "pagina-ontwikkelingen",
        "beschrijving",
        "bronvermelding",
        "gegeven-inhoud",
        "eigenschappen",
        "zoek",
        "named-graphs",
        "check-plannen",
        "check-bronnen",
        "check-namen",
        "check-niveaus",
        "eigenschap-namen",
    }
)

ID = "https://beleidsgraaf.nl/id/plan/"
HEEMSKERK = ID + "heemskerk-sociaal-domein-2024"
GM = "https://identifier.overheid.nl/tooi/id/gemeente/"
BG = "https://beleidsgraaf.nl/def/"
DASH = "\u2013"  # the en dash of "zo thuis mogelijk \u2013 in hun eigen omgeving" and of the plan title

HEILOO_ID = "heiloo-gebiedsplan-2023-2024"
HEEMSKERK_ID = "heemskerk-sociaal-domein-2024"
GALA_ID = "heemskerk-gala-2023-2026"
WOONZORG_ID = "beverwijk-heemskerk-woonzorgvisie"
HEEMSTEDE_ID = "heemstede-wmo-2025-2028"
FIVE_PLANS = {HEILOO_ID, HEEMSKERK_ID, GALA_ID, WOONZORG_ID, HEEMSTEDE_ID}

# 001 l.233-271 (§2 table "Beleidsterrein / Wettelijk kader") and l.1728-1823 (bijlage 1, beleidsterreinen per
# maatschappelijke opgave, in the order printed there). The table's short law names are written out to the official
# titles ("Wet primair onderwijs" = Wet op het primair onderwijs, "Leerplichtwet" = Leerplichtwet 1969, "VN-verdrag
# Handicap" = the UN convention, "Wet inburgering" = Wet inburgering 2021, "Wet maatschappelijke ondersteuning" = Wmo
# 2015).
WMO = "Wet maatschappelijke ondersteuning 2015"
HEEMSKERK_TERREINEN = {
    "Vitaal en weerbaar": [("Gezondheid", "Wet publieke gezondheid"), ("Jeugdgezondheid", "Wet publieke gezondheid")],
    "Zorg en wonen": [
        ("Maatwerkvoorzieningen Wmo", WMO),
        ("Maatschappelijke opvang en beschermd wonen", WMO),
        ("Sociale veiligheid", WMO),
    ],
    "Opgroeien en zelfontplooiing": [
        ("Jeugd", "Jeugdwet"),
        ("Onderwijsachterstandenbeleid", "Wet op het primair onderwijs"),
        ("Passend onderwijs", "Wet passend onderwijs"),
        ("Leerplicht", "Leerplichtwet 1969"),
        ("Kinderopvang", "Wet kinderopvang"),
        ("Laaggeletterdheid en volwasseneducatie", "Wet educatie en beroepsonderwijs"),
    ],
    "Financieel fit": [
        ("Werk en inkomen", "Participatiewet"),
        ("Armoede", "Participatiewet"),
        ("Schuldhulpverlening", "Wet gemeentelijke schuldhulpverlening"),
        ("Re-integratie", "Participatiewet"),
        ("Inburgering", "Wet inburgering 2021"),
    ],
    "Ontmoeten en omzien naar elkaar": [
        ("Welzijn & maatschappelijke dienstverlening", WMO),
        ("Inclusie", "Verdrag inzake de rechten van personen met een handicap"),
        ("Vrijwillige inzet & mantelzorg", WMO),
    ],
}
# 001 l.101-109 (table of contents) and l.603-649 (§4.3): the five opgaven in this order, with their sections
HEEMSKERK_OPGAVEN = {
    "Vitaal en weerbaar": "4.3.1",
    "Zorg en wonen": "4.3.2",
    "Opgroeien en zelfontplooiing": "4.3.3",
    "Financieel fit": "4.3.4",
    "Ontmoeten en omzien naar elkaar": "4.3.5",
}
# 001 l.596-598 (§4.2 "Missie"); bijlage 1 (l.1724-1726) prints it with "naar vermogen aan bijdraagt"
MISSIE = "Een zorgzaam Heemskerk, waar iedere inwoner eigenwaarde behoudt en naar vermogen bijdraagt."
# 001 l.602-610 (§4.2 "Visie"), and again in bijlage 1 l.1825-1830
VISIE = (
    "In Heemskerk moedigen we inwoners aan zich bij elkaar betrokken te voelen, elkaar te helpen en mee te doen. "
    "Samen met inwoners en maatschappelijke partners maken we het verschil en zorgen we voor goed bereikbare, "
    "passende en betaalbare ondersteuning. Zo bieden we voor mensen die dat nodig hebben een (tijdelijk) vangnet. "
    "Hierbij werken we vanuit vertrouwen en de eigen regie van inwoners."
)
# 004 l.188-190 (§1.1 "Drie onderdelen") and the chapter headings l.397, l.827, l.1152; the themes are the paragraphs
# of those chapters: l.403-746 (§3.1-3.4), l.833-1087 (§4.1-4.4), l.1379-1683 (§5.1-5.4)
HEEMSTEDE_ONDERDELEN = {
    "Sociale Basis": ("3", {"Algemene diensten en voorzieningen": "3.1", "Mantelzorg": "3.2",
                            "Vrijwillige inzet": "3.3", "Dementie": "3.4"}),
    "Hulp & ondersteuning": ("4", {"Toegang": "4.1", "Voorzieningenaanbod vanuit de Wmo": "4.2",
                                   "Veilig thuis": "4.3", "Samenwerking zorg, welzijn, veiligheid": "4.4"}),
    "Wonen & zorg": ("5", {"Wonen en zorg voor ouderen": "5.1",
                           "Wonen en zorg voor mensen met een psychische kwetsbaarheid": "5.2",
                           "Wonen en zorg voor kwetsbare jeugd": "5.3",
                           "Wonen en zorg voor (dreigend) dakloze mensen": "5.4"}),
}  # fmt: skip


def _squash(text: str) -> str:
    return " ".join(text.split())


def test_plannen_are_the_five_source_documents(store: GraphStore, queries: QueryCatalog) -> None:
    rows = {row["id"]: row for row in run_named(store, queries, "plannen").records()}
    # seeds README: five source documents, one plan each
    assert set(rows) == FIVE_PLANS
    # 000 l.11 "het Gebiedsplan Sociale Basis van de gemeente Heiloo" for "2023 en 2024" (l.13-14); 001 l.1-2;
    # 002 l.663 ("dit plan van aanpak"), GALA phased from 2023 to 2026 (l.339-356); 003 l.327 ("de woonzorgvisie
    # Beverwijk en Heemskerk"); 004 l.186 (page footer "Beleidsplan maatschappelijke ondersteuning Heemstede
    # 2025-2028") and l.1 ("Wet maatschappelijk ondersteuning (Wmo)")
    assert "Heiloo" in rows[HEILOO_ID]["titel"] and "Gebiedsplan Sociale Basis" in rows[HEILOO_ID]["titel"]
    assert rows[HEEMSKERK_ID]["titel"].startswith("Samen sterk voor Heemskerk")
    assert "Beleidsplan Sociaal domein 2024 en verder" in rows[HEEMSKERK_ID]["titel"]
    assert rows[GALA_ID]["titel"] == "Plan van aanpak GALA 2023-2026"
    assert rows[WOONZORG_ID]["titel"] == "Woonzorgvisie Beverwijk en Heemskerk"
    assert rows[HEEMSTEDE_ID]["titel"] == "Beleidsplan maatschappelijke ondersteuning (Wmo) Heemstede 2025-2028"
    # the municipalities each document is about: 003 l.13 ("De gemeenten Beverwijk en Heemskerk") is the joint one
    assert {plan: set(row["gemeenten"].split(", ")) for plan, row in rows.items()} == {
        HEILOO_ID: {"Heiloo"},
        HEEMSKERK_ID: {"Heemskerk"},
        GALA_ID: {"Heemskerk"},
        WOONZORG_ID: {"Beverwijk", "Heemskerk"},
        HEEMSTEDE_ID: {"Heemstede"},
    }
    # kinds: 001 l.2 "Beleidsplan", 002 l.663 "plan van aanpak", 003 "woonzorgvisie", 000 l.11 "Gebiedsplan"; 004 is
    # a beleidsplan (l.145) that also calls itself "De nu voorliggende woonzorgvisie" (l.1169, §5)
    assert rows[HEEMSKERK_ID]["soort"] == "beleidsplan" and rows[GALA_ID]["soort"] == "plan van aanpak"
    assert rows[WOONZORG_ID]["soort"] == "woonzorgvisie" and rows[HEILOO_ID]["soort"] == "gebiedsplan"
    assert set(rows[HEEMSTEDE_ID]["soort"].split(", ")) == {"beleidsplan", "woonzorgvisie"}


def test_gemeenten_with_their_plans(store: GraphStore, queries: QueryCatalog) -> None:
    plans: dict[str, set[str]] = defaultdict(set)
    for row in run_named(store, queries, "gemeenten").records():
        plans[row["naam"]].update([row["planId"]] if row.get("planId") else [])
    # Heemskerk: 001 (l.1-2), 002 (GALA Heemskerk, l.3) and the joint 003 (l.13); Beverwijk only in 003
    assert plans["Heemskerk"] == {HEEMSKERK_ID, GALA_ID, WOONZORG_ID}
    assert plans["Beverwijk"] == {WOONZORG_ID}
    assert plans["Heiloo"] == {HEILOO_ID} and plans["Heemstede"] == {HEEMSTEDE_ID}
    # 001 l.297-298 (§2.2) names Velsen as a municipality Heemskerk works with; no document is a plan of Velsen
    assert plans["Velsen"] == set()


def test_plan_heemskerk_mission_vision_and_scheme(store: GraphStore, queries: QueryCatalog) -> None:
    rows = run_named(store, queries, "plan", plan=HEEMSKERK_ID).records()
    assert len(rows) == 1
    row = rows[0]
    assert row["gemeenteNaam"] == "Heemskerk" and row["soort"] == "beleidsplan"
    assert _squash(row["missieTekst"]) == MISSIE  # 001 l.596-598 (§4.2)
    assert _squash(row["visieTekst"]) == VISIE  # 001 l.602-610 (§4.2)
    # 001 l.1834-1837: "Bijlage 1: Samenhang missie, visie, maatschappelijke opgaven en beleidsterreinen"
    assert row["schemaSectie"] == "bijlage 1"


def test_plan_joint_woonzorgvisie_has_both_municipalities(store: GraphStore, queries: QueryCatalog) -> None:
    rows = run_named(store, queries, "plan", plan=WOONZORG_ID).records()
    # 003 l.13: "De gemeenten Beverwijk en Heemskerk en hun partners"
    assert {row["gemeenteNaam"] for row in rows} == {"Beverwijk", "Heemskerk"}
    # the word "missie" does not occur in 003; 000's missie (l.572) is the one of the BUCH kader, not of the gebiedsplan
    assert not any(row.get("missie") for row in rows)
    heiloo = run_named(store, queries, "plan", plan=HEILOO_ID).records()
    assert len(heiloo) == 1 and "missie" not in heiloo[0]


def test_plan_inhoud_heemstede_onderdelen_and_themes(store: GraphStore, queries: QueryCatalog) -> None:
    rows = run_named(store, queries, "plan-inhoud", plan=HEEMSTEDE_ID).records()
    by_kind: dict[str, dict[str, set[str]]] = defaultdict(dict)
    for row in rows:
        by_kind[row["soort"]][row["naam"]] = set(row.get("secties", "").split(", "))
    # 004 l.188-190 (§1.1): three onderdelen, each a chapter (l.397, l.827, l.1152)
    assert set(by_kind["Beleidsonderdeel"]) == set(HEEMSTEDE_ONDERDELEN)
    themes = {theme: section for _, (_, sub) in HEEMSTEDE_ONDERDELEN.items() for theme, section in sub.items()}
    assert set(by_kind["Thema"]) == set(themes)
    for name, (chapter, _) in HEEMSTEDE_ONDERDELEN.items():
        assert chapter in by_kind["Beleidsonderdeel"][name], name
    for theme, section in themes.items():
        assert section in by_kind["Thema"][theme], theme
    # 004 prints no missie (its kern is "Visie 2025-2028", l.109-111)
    assert "Missie" not in by_kind
    assert "Visie maatschappelijke ondersteuning 2025-2028" in by_kind["Visie"]


def test_plan_cijfers_heiloo_population_shares(store: GraphStore, queries: QueryCatalog) -> None:
    rows = run_named(store, queries, "plan-cijfers", plan=HEILOO_ID).records()
    printed = {(row["gedrukt"], row.get("jaar"), row.get("gebied")): row for row in rows}
    # 000 l.63-65 (§2.1): 24.417 inwoners (jan. 2022), "18,6% jonger dan 18 jaar", "tussen de 18 en 65 jaar (54,7%)",
    # "(26,7%) ouder dan 65 jaar"
    for share in ("18,6%", "54,7%", "26,7%"):
        row = printed[(share, "2022", "Heiloo")]
        assert row["eenheid"] == "procent" and "2.1" in row["secties"].split(", ")
    assert any(row["gedrukt"] == "24.417" for row in rows)
    # 000 l.63: 22.451 inwoners in 2010
    assert any(row["gedrukt"] == "22.451" and row.get("jaar") == "2010" for row in rows)
    # the document prints no population share for 2010
    assert not any(row.get("jaar") == "2010" and row.get("eenheid") == "procent" for row in rows)


def test_plan_cijfers_heemskerk_demografische_kerngetallen(store: GraphStore, queries: QueryCatalog) -> None:
    rows = run_named(store, queries, "plan-cijfers", plan=HEEMSKERK_ID).records()
    # 001 l.341-346 (§3.1 "Inwoneraantal"): 39.450 on 1 januari 2024, 39.145 in 2018, 40.000 expected in 2030
    expected = {("39.450", "2024"), ("39.145", "2018"), ("40.000", "2030")}
    # 001 l.364-369 (§3.1, leeftijdscategorie 2018 / 2024 / prognose 2030) and l.384-430 (kenmerken huishoudens
    # 2018 / 2024 / verwachting 2030)
    table = [
        ("5.940", "5.811", "5.700"),  # 0 - 15 jaar
        ("4.524", "4.277", "4.100"),  # 15 - 25 jaar
        ("8.503", "8.947", "9.200"),  # 25 - 45 jaar
        ("11.730", "11.068", "10.700"),  # 45 - 65 jaar
        ("8.448", "9.349", "10.300"),  # 65+ jaar
        ("5.780", "6.150", "6.500"),  # eenpersoonshuishoudens
        ("11.500", "11.450", "11.500"),  # meerpersoonshuishoudens
        ("4.850", "4.750", "4.700"),  # waarvan paar met kind(eren)
        ("5.245", "5.320", "5.500"),  # waarvan paar zonder kind(eren)
        ("1.400", "1.380", "1.400"),  # waarvan eenoudergezin
        ("17.200", "17.600", "18.000"),  # totaal
    ]
    expected |= {(value, year) for line in table for value, year in zip(line, ("2018", "2024", "2030"), strict=True)}
    # the plan's printed figures are exactly §3.1's (36 cells; "11.500" and "1.400" each occur twice)
    assert len(rows) == 36
    assert {(row["gedrukt"], row["jaar"]) for row in rows} == expected
    assert {row["secties"] for row in rows} == {"3.1"} and {row["eenheid"] for row in rows} == {"aantal"}


def test_plan_graaf_heemstede_registration(store: GraphStore, queries: QueryCatalog) -> None:
    rows = run_named(store, queries, "plan-graaf", plan=HEEMSTEDE_ID).records()
    bron = {(row["p"], row["o"]) for row in rows if row["graaf"] == "bron" and row["s"] == ID + HEEMSTEDE_ID}
    # seeds README: 004 is the Heemstede Wmo plan (registered with Heemstede's TOOI code); title as printed l.186
    assert (BG + "bronbestand", "004_21f4142ff9baed69.txt") in bron
    assert (BG + "gemeente", GM + "gm0397") in bron
    assert (
        "http://purl.org/dc/terms/title",
        "Beleidsplan maatschappelijke ondersteuning (Wmo) Heemstede 2025-2028",
    ) in bron
    plan = [row for row in rows if row["graaf"] == "plan"]
    # 004 l.113-114 (Visie 2025-2028): "Inwoners zijn samenredzaam dankzij een sterke sociale basis."
    assert any(
        row["p"] == BG + "tekst" and row["o"].startswith("Inwoners zijn samenredzaam dankzij een sterke sociale basis.")
        for row in plan
    )
    # only Heemstede's statements: no other plan's registration
    assert not any(row["o"] == "001_8e8eb7bf66575766.txt" for row in rows)


def test_kernelementen_heemskerk_as_in_bijlage_1(store: GraphStore, queries: QueryCatalog) -> None:
    rows = run_named(store, queries, "kernelementen", plan=HEEMSKERK_ID).records()
    structure: dict[str, list[str]] = defaultdict(list)
    order: list[str] = []
    for row in rows:
        assert row["soort"] == "Maatschappelijke opgave"  # 001 l.603-605 (§4.3)
        if row["naam"] not in order:
            order.append(row["naam"])
        structure[row["naam"]].append(row["kindNaam"])
    assert order == list(HEEMSKERK_OPGAVEN)  # 001 l.101-109 (inhoudsopgave)
    # 001 bijlage 1 (l.1728-1823): the beleidsterreinen of each opgave in the printed order
    assert dict(structure) == {
        opgave: [name for name, _ in terrains] for opgave, terrains in HEEMSKERK_TERREINEN.items()
    }


def test_kernelementen_heiloo_focuspunten_and_accenten(store: GraphStore, queries: QueryCatalog) -> None:
    rows = run_named(store, queries, "kernelementen", plan=HEILOO_ID).records()
    structure: dict[tuple[str, str], list[str]] = defaultdict(list)
    for row in rows:
        structure[(row["volgnummer"], row["naam"])].append(row["kindNaam"].lower())
    # 000 l.731-732 (§3.4): "De focuspunten zijn Kansrijk opgroeien, Bestaanszekerheid en Vitaliteitsbevordering";
    # accenten l.442, l.455 (§3.1), l.475, l.491 (§3.2), l.518 (§3.3)
    assert list(structure) == [("1", "Kansrijk opgroeien"), ("2", "Bestaanszekerheid"), ("3", "Vitaliteitsbevordering")]
    assert dict(structure) == {
        ("1", "Kansrijk opgroeien"): ["kansrijke start", "psychisch en lichamelijk welbevinden van jongeren"],
        ("2", "Bestaanszekerheid"): [
            "het bevorderen van zelfredzaamheid en inclusie",
            "stimuleren van zelfredzaamheid",
        ],
        ("3", "Vitaliteitsbevordering"): [
            "ondersteunen van het langer zelfstandig wonen en meedoen van kwetsbare inwoners"
        ],
    }
    assert {row["soort"] for row in rows} == {"Focuspunt"} and {row["kindSoort"] for row in rows} == {"Accent"}


def test_kernelementen_heemstede_three_onderdelen(store: GraphStore, queries: QueryCatalog) -> None:
    rows = run_named(store, queries, "kernelementen", plan=HEEMSTEDE_ID).records()
    structure: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        structure[row["naam"]].append(row["kindNaam"])
    # 004 l.188-190 (§1.1) and the paragraphs of chapters 3-5, in the document's order
    assert list(structure.items()) == [(name, list(sub)) for name, (_, sub) in HEEMSTEDE_ONDERDELEN.items()]


def test_kernelementen_gala_opgaven_and_onderdelen(store: GraphStore, queries: QueryCatalog) -> None:
    rows = run_named(store, queries, "kernelementen", plan=GALA_ID).records()
    kinds = [(row["soort"], row["naam"]) for row in rows]
    # 002 l.171-182 ("De opgaven"): three bullets
    opgaven = [
        "Verbeteren van de mentale gezondheid",
        "Verkleinen van (sociaaleconomische) gezondheidsverschillen",
        "Bevorderen van participatie in de samenleving",
    ]
    # 002 l.364-626 (§3.1-3.13) and l.639 (hoofdstuk 4 "Ondersteunende onderdelen")
    onderdelen = [
        "Sportakkoord", "Brede Regeling Combinatiefuncties", "Gezondheidsverschillen", "Kansrijke Start",
        "Mentale Gezondheid", "Aanpak overgewicht en obesitas", "Valpreventie", "Leefomgeving",
        "OKO & Vroegsignalering alcoholproblematiek", "Versterken sociale basis", "Mantelzorg",
        "Eén tegen Eenzaamheid", "Welzijn op recept", "Ondersteunende onderdelen",
    ]  # fmt: skip
    # in the document's order: the opgaven open chapter 3, the onderdelen follow as §3.1-3.13 and chapter 4
    assert kinds == [("Maatschappelijke opgave", name) for name in opgaven] + [
        ("Beleidsonderdeel", name) for name in onderdelen
    ]


def test_kernelementen_woonzorgvisie_ambities_and_actielijnen(store: GraphStore, queries: QueryCatalog) -> None:
    rows = run_named(store, queries, "kernelementen", plan=WOONZORG_ID).records()
    ambities: dict[tuple[str, str], list[str]] = defaultdict(list)
    for row in rows:
        if row["soort"] == "Ambitie":
            ambities[(row["volgnummer"], row["naam"])].append(row["kindNaam"])
    # 003 §3.1.1-3.1.4 (l.1203, l.1303, l.1374, l.1430) with their numbered actielijnen: l.1218, l.1243, l.1285;
    # l.1330, l.1353, l.1365; l.1395, l.1414; l.1453, l.1461 and "3. Maatwerk" (l.1471)
    assert list(ambities) == [
        ("1", "Ambitie op wonen"),
        ("2", "Ambitie op welzijn"),
        ("3", "Ambitie op zorg"),
        ("4", "Ambitie op eigen kracht"),
    ]
    assert dict(ambities) == {
        ("1", "Ambitie op wonen"): [
            "We willen de bestaande voorraad beter benutten",
            "We voegen meer nieuwe woningen en woonvormen toe die aansluiten bij de behoeften van ouderen en "
            "aandachtsgroepen",
            "We investeren in een gedifferentieerd woningaanbod",
        ],
        ("2", "Ambitie op welzijn"): [
            "We stimuleren gemeenschapszin",
            "We richten ons op het versterken en verlichten van mantelzorgers",
            "We willen formele en informele zorg sterker met elkaar verbinden",
        ],
        ("3", "Ambitie op zorg"): [
            "We zetten in op het betaalbaar houden van de zorg",
            "We zetten in op meer samenwerking tussen zorgpartijen",
        ],
        ("4", "Ambitie op eigen kracht"): ["Informatie", "Communicatie", "Maatwerk"],
    }
    # 003 l.182-191 (§1.2): the six numbered opgaven of the regional woonzorgopgave the two municipalities adopt
    # (first, in this order), then the opgave per doelgroep of chapter 2: l.352 (§2.1a), l.681, l.789, l.1014 (§2.2)
    opgaven = [(row["volgnummer"], row["naam"]) for row in rows if row["soort"] == "Maatschappelijke opgave"]
    assert opgaven == [
        ("1", "Meer mensen hebben intensievere zorg (aan huis) nodig"),
        ("2", "Er is een blijvende grote vraag naar sociale huurwoningen"),
        ("3", "Er is ook behoefte aan kleinschalige woonvormen en regionale voorzieningen"),
        ("4", "Ouderen zijn de grootste aandachtsgroep"),
        ("5", "Er is een regionaal verdeelvraagstuk voor maatschappelijke opvang en beschermd wonen"),
        ("6", "De zorgzame wijk als voorwaarde"),
        ("7", "Opgave ouderen"),
        ("8", "Opgave mensen met een verstandelijke en/of lichamelijke beperking"),
        ("9", "Opgave mensen met psychische kwetsbaarheid en/of (dreigende) dakloosheid"),
        ("10", "Opgave mantelzorgers"),
    ]
    # chapter 1 and 2 before chapter 3: every opgave comes before the first ambitie
    soorten = [row["soort"] for row in rows]
    assert soorten == sorted(soorten, key=lambda soort: soort != "Maatschappelijke opgave")


def test_opgave_zorg_en_wonen(store: GraphStore, queries: QueryCatalog) -> None:
    rows = run_named(store, queries, "opgave", opgave=HEEMSKERK + "/opgave/zorg-en-wonen").records()
    assert len(rows) == 1
    row = rows[0]
    assert (row["naam"], row["soort"], row["planId"]) == ("Zorg en wonen", "Maatschappelijke opgave", HEEMSKERK_ID)
    # 001 l.630-631 (§4.3): the short explanation
    assert _squash(row["tekst"]) == (
        f"Heemskerkers wonen zo thuis mogelijk {DASH} in hun eigen omgeving. "
        "We willen dat alle inwoners zo veel mogelijk in een thuissituatie wonen."
    )
    assert row["eigenGraaf"] == "true"


def test_opgaven_per_gemeente(store: GraphStore, queries: QueryCatalog) -> None:
    heiloo = run_named(store, queries, "opgaven-per-gemeente", gemeente=GM + "gm0399").records()
    # 000 l.731-732 (§3.4): Heiloo's plan has three focuspunten
    assert {(row["planId"], row["soort"], row["elementNaam"]) for row in heiloo} == {
        (HEILOO_ID, "focuspunt", name) for name in ("Kansrijk opgroeien", "Bestaanszekerheid", "Vitaliteitsbevordering")
    }
    rows = run_named(store, queries, "opgaven-per-gemeente").records()
    heemskerk = {
        row["elementNaam"] for row in rows if row["gemeenteNaam"] == "Heemskerk" and row["planId"] == HEEMSKERK_ID
    }
    assert heemskerk == set(HEEMSKERK_OPGAVEN)  # 001 l.603-649 (§4.3)
    # 003 is joint (l.13): its elements count for Beverwijk and for Heemskerk alike
    joint = defaultdict(set)
    for row in rows:
        if row["planId"] == WOONZORG_ID:
            joint[row["gemeenteNaam"]].add(row["elementNaam"])
    assert set(joint) == {"Beverwijk", "Heemskerk"} and joint["Beverwijk"] == joint["Heemskerk"]
    # Heemskerk's opgaven are not Heemstede's: 004 has three onderdelen (l.188-190), no "Zorg en wonen"
    assert {row["elementNaam"] for row in rows if row["gemeenteNaam"] == "Heemstede"} == set(HEEMSTEDE_ONDERDELEN)


def test_beleidsterreinen_per_opgave_with_legal_framework(store: GraphStore, queries: QueryCatalog) -> None:
    rows = run_named(store, queries, "beleidsterreinen-per-opgave", plan=HEEMSKERK_ID).records()
    # 001 §2 table (l.233-271) and bijlage 1 (l.1728-1823): 19 beleidsterreinen, one wettelijk kader each
    assert len(rows) == 19
    assert {(row["opgaveNaam"], row["beleidsterreinNaam"], row["wetNaam"]) for row in rows} == {
        (opgave, name, law) for opgave, terrains in HEEMSKERK_TERREINEN.items() for name, law in terrains
    }
    one = run_named(
        store, queries, "beleidsterreinen-per-opgave", plan=HEEMSKERK_ID, opgave=HEEMSKERK + "/opgave/financieel-fit"
    ).records()
    # 001 l.1785-1804 (bijlage 1, Financieel fit): five beleidsterreinen; Jeugd is not among them (l.1766)
    assert {row["beleidsterreinNaam"] for row in one} == {name for name, _ in HEEMSKERK_TERREINEN["Financieel fit"]}


def test_bijlage1_heemskerk(store: GraphStore, queries: QueryCatalog) -> None:
    rows = run_named(store, queries, "bijlage1", plan=HEEMSKERK_ID).records()
    by_role: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        by_role[row["rol"]].append(row)
    # 001 l.1724-1726 and l.1825-1830 (bijlage 1): one missie, one visie, both from §4.2 (l.591-610)
    assert [_squash(row["tekst"]) for row in by_role["missie"]] == [MISSIE]
    assert [_squash(row["tekst"]) for row in by_role["visie"]] == [VISIE]
    assert all(row["secties"] == "4.2" for row in by_role["missie"] + by_role["visie"])
    # the five opgaven with their number and their own paragraph, and bijlage 1
    kern = {row["naam"]: row for row in by_role["kern"]}
    assert set(kern) == set(HEEMSKERK_OPGAVEN)
    for number, (name, section) in enumerate(HEEMSKERK_OPGAVEN.items(), start=1):
        assert kern[name]["volgnummer"] == str(number)
        assert {section, "bijlage 1"} <= set(kern[name]["secties"].split("|"))
    # 19 beleidsterreinen, each under its opgave (bijlage 1) and in the §2 table
    children = {(kern_name, row["naam"]) for row in by_role["kind"] for kern_name, k in kern.items()
                if k["element"] == row["ouder"]}  # fmt: skip
    assert children == {(opgave, name) for opgave, terrains in HEEMSKERK_TERREINEN.items() for name, _ in terrains}
    assert all({"2", "bijlage 1"} <= set(row["secties"].split("|")) for row in by_role["kind"])
    assert {row["klasseNaam"] for row in by_role["kind"]} == {"Beleidsterrein"}
    # objectives are not part of the structure (counted by bijlage1-lagen)
    assert not any("/doelstelling/" in row["element"] for row in rows)


def test_bijlage1_lagen_heemskerk(store: GraphStore, queries: QueryCatalog) -> None:
    rows = run_named(store, queries, "bijlage1-lagen", plan=HEEMSKERK_ID).records()
    keys = [(row["element"], row["laag"], row["waarde"]) for row in rows]
    assert len(keys) == len(set(keys))  # one row per layer value, not one per path to the opgave
    opgave = {name: HEEMSKERK + "/opgave/" + name.lower().replace(" ", "-") for name in HEEMSKERK_OPGAVEN}
    # 001 l.528-542 (§3.3 table "Beschikbare middelen (op basis van begroting 2024)")
    budget = {row["element"]: (row["waarde"], row.get("jaar")) for row in rows if row["laag"] == "budget"}
    assert budget == {
        opgave["Vitaal en weerbaar"]: ("1.874.008", "2024"),
        opgave["Zorg en wonen"]: ("12.476.129", "2024"),
        opgave["Opgroeien en zelfontplooiing"]: ("14.984.774", "2024"),
        opgave["Financieel fit"]: ("11.440.518", "2024"),
        opgave["Ontmoeten en omzien naar elkaar"]: ("4.352.650", "2024"),
    }
    # number of objectives in the "Doelstellingen ..." tables: 001 l.777-827 (5), l.982-1030 (5), l.1182-1225 (6),
    # l.1401-1453 (6), l.1599-1632 (6)
    doelen = {row["element"]: row["waarde"] for row in rows if row["laag"] == "doelstellingen"}
    assert doelen == {
        opgave["Vitaal en weerbaar"]: "5",
        opgave["Zorg en wonen"]: "5",
        opgave["Opgroeien en zelfontplooiing"]: "6",
        opgave["Financieel fit"]: "6",
        opgave["Ontmoeten en omzien naar elkaar"]: "6",
    }
    # 001 §2 table (l.233-271): one law per beleidsterrein
    laws = sorted(row["waarde"] for row in rows if row["laag"] == "wet")
    assert laws == sorted(law for terrains in HEEMSKERK_TERREINEN.values() for _, law in terrains)


def test_pagina_ontwikkelingen_heemskerk(store: GraphStore, queries: QueryCatalog) -> None:
    rows = run_named(store, queries, "pagina-ontwikkelingen", plan=HEEMSKERK_ID).records()
    per: dict[str, set[tuple[str, str | None]]] = defaultdict(set)
    for row in rows:
        per[row["voorNaam"]].add((row["naam"], row.get("niveau")))
    # 001 l.725-737 ("Ontwikkelingen vitaal en weerbaar", §4.3.1): GALA (landelijk), IZA (landelijk), Gezondheidsbeleid
    # (regionaal Zuid-Kennemerland, IJmond en Haarlemmermeer)
    assert per["Vitaal en weerbaar"] == {
        ("Gezond en Actief Leven Akkoord", "landelijk"),
        ("Integraal Zorgakkoord", "landelijk"),
        ("Gezondheidsbeleid Zuid-Kennemerland, IJmond en Haarlemmermeer", "regionaal"),
    }
    # 001 l.902-928 ("Ontwikkelingen zorg en wonen", §4.3.2): six, "Woonzorgvisie (landelijk)" as printed
    zorg = per["Zorg en wonen"]
    assert {("Doordecentralisatie Beschermd wonen", "landelijk"), ("Woonzorgvisie", "landelijk"),
            ("Kader Opvang, Wonen en Herstel", "regionaal")} <= zorg  # fmt: skip
    assert not any(name == "Woonzorgvisie" for name, _ in per["Vitaal en weerbaar"])
    # the levels the lists print per opgave: 001 l.902-928 (§4.3.2), l.1088-1107 (§4.3.3, "Beleidsplan
    # onderwijsachterstandenbeleid (lokaal ...)"), l.1330-1341 (§4.3.4), l.1550-1556 (§4.3.5)
    levels = {opgave: sorted(level or "" for _, level in per[opgave]) for opgave in HEEMSKERK_OPGAVEN}
    assert levels == {
        "Vitaal en weerbaar": ["landelijk", "landelijk", "regionaal"],
        "Zorg en wonen": ["landelijk"] * 3 + ["regionaal"] * 3,
        "Opgroeien en zelfontplooiing": ["landelijk", "lokaal"] + ["regionaal"] * 5,
        "Financieel fit": ["landelijk"] * 2 + ["regionaal"] * 3,
        "Ontmoeten en omzien naar elkaar": ["lokaal", "lokaal"],
    }
    # 001 l.436-478 (§3.2 "Ontwikkelingen om rekening mee te houden"): seven bullets, for the plan as a whole
    plan_level = {row["naam"]: row["secties"] for row in rows if row["voor"] == HEEMSKERK}
    assert len(plan_level) == 7 and set(plan_level.values()) == {"3.2"}
    assert "Toestroom van vluchtelingen" in plan_level
    sections = {row["naam"]: row["secties"] for row in rows if row["voorNaam"] == "Zorg en wonen"}
    assert sections["Doordecentralisatie Beschermd wonen"] == "4.3.2"


def test_beschrijving_of_zorg_en_wonen(store: GraphStore, queries: QueryCatalog) -> None:
    iri = HEEMSKERK + "/opgave/zorg-en-wonen"
    triples = run_named(store, queries, "beschrijving", iri=iri).triples
    incoming = {
        t.subject.value for t in triples if t.object.value == iri and t.predicate.value == BG + "zwaartepuntOpgave"
    }
    # 001 l.933-961 ("Beleidsterreinen zorg en wonen": "die hun zwaartepunt kennen in deze maatschappelijke opgave")
    assert {s.rsplit("/", 1)[-1] for s in incoming} == {
        "maatwerkvoorzieningen-wmo",
        "maatschappelijke-opvang-en-beschermd-wonen",
        "sociale-veiligheid",
    }
    # 001 l.902-928: six developments; with their labels, so the page can name them
    ontwikkelingen = {
        t.object.value for t in triples if t.subject.value == iri and t.predicate.value == BG + "ontwikkeling"
    }
    assert len(ontwikkelingen) == 6
    labels = {t.object.value for t in triples if t.subject.value in ontwikkelingen and t.object.language == "nl"}
    assert "Toekomstscenario Kind en Gezinsbescherming" in labels
    # 001 l.630: the short explanation
    assert any(
        t.predicate.value == BG + "tekst" and t.object.value.startswith("Heemskerkers wonen zo thuis") for t in triples
    )


def test_bronvermelding_of_zorg_en_wonen(store: GraphStore, queries: QueryCatalog) -> None:
    rows = run_named(store, queries, "bronvermelding", iri=HEEMSKERK + "/opgave/zorg-en-wonen").records()
    # 001 §4.3 (l.603, the list of five), §4.3.2 (l.850 "Zorg en wonen") and bijlage 1 (l.1741-1756)
    assert {(row["sectienummer"], row.get("sectieTitel")) for row in rows} == {
        ("4.3", "Maatschappelijke opgaven"),
        ("4.3.2", "Zorg en wonen"),
        ("bijlage 1", "Samenhang missie, visie, maatschappelijke opgaven en beleidsterreinen"),
    }
    assert {row["documentId"] for row in rows} == {HEEMSKERK_ID}


def test_gegeven_inhoud_of_the_missie_and_its_restatement(store: GraphStore, queries: QueryCatalog) -> None:
    missie = HEEMSKERK + "/missie/missie"
    rows = run_named(store, queries, "gegeven-inhoud", gegeven=missie).records()
    teksten = [row["o"] for row in rows if row["p"] == BG + "tekst"]
    assert [_squash(text) for text in teksten] == [MISSIE]  # 001 l.596-598 (§4.2)
    assert (BG + "herhaling") in {row["p"] for row in rows}
    herhaling = next(row["o"] for row in rows if row["p"] == BG + "herhaling")
    again = run_named(store, queries, "gegeven-inhoud", gegeven=herhaling).records()
    # 001 l.1724-1726 (bijlage 1) prints it as "... en naar vermogen aan bijdraagt."
    assert any(row["p"] == BG + "tekst" and "naar vermogen aan bijdraagt" in row["o"] for row in again)


def test_eigenschappen_of_the_heemskerk_plan(store: GraphStore, queries: QueryCatalog) -> None:
    rows = run_named(store, queries, "eigenschappen", iri=HEEMSKERK).records()
    out = [row for row in rows if row["richting"] == "uit"]
    # 001 §2 table (l.233-271): 19 beleidsterreinen
    terrains = {row["waardeNaam"] for row in out if row["eigenschap"] == BG + "beleidsterrein"}
    assert terrains == {name for ts in HEEMSKERK_TERREINEN.values() for name, _ in ts}
    # 001 l.603-605 (§4.3): five opgaven, stated; their bg:kernelement links only follow from the ontology
    stated = {row["waardeNaam"] for row in out if row["eigenschap"] == BG + "opgave" and row["afgeleid"] == "false"}
    inferred = {
        row["waardeNaam"] for row in out if row["eigenschap"] == BG + "kernelement" and row["afgeleid"] == "true"
    }
    assert stated == inferred == set(HEEMSKERK_OPGAVEN)
    assert {row["waardeNaam"] for row in out if row["eigenschap"] == BG + "gemeente"} == {"Heemskerk"}
    # 001 l.591-598 (§4.2): the plan has one missie
    assert sum(row["eigenschap"] == BG + "missie" for row in out) == 1


def test_zoek_mantelzorg(store: GraphStore, queries: QueryCatalog) -> None:
    rows = run_named(store, queries, "zoek", tekst="mantelzorg").records()
    exact = {(row["soort"], row["naam"]) for row in rows if row["score"] == "0"}
    # 002 l.600 (GALA §3.11 "Mantelzorg") and 004 l.474 (Heemstede §3.2 "Mantelzorg"): an onderdeel and a theme
    assert ("Beleidsonderdeel", "Mantelzorg") in exact and ("Thema", "Mantelzorg") in exact
    names = {row["naam"]: row for row in rows}
    # 001 l.265 (§2), l.1821 (bijlage 1): Heemskerk's beleidsterrein is "Vrijwillige inzet & mantelzorg", not exact
    assert names["Vrijwillige inzet & mantelzorg"]["score"] == "2"
    assert "Samen sterk voor Heemskerk" in names["Vrijwillige inzet & mantelzorg"]["documenten"]
    # 003 l.1476ff (figuur 11): the actielijn on mantelzorgers of the woonzorgvisie
    assert (
        "Woonzorgvisie Beverwijk en Heemskerk"
        in names["We richten ons op het versterken en verlichten van mantelzorgers"]["documenten"]
    )
    # exact hits come first
    scores = [int(row["score"]) for row in rows]
    assert scores == sorted(scores)
    # 001 has no beleidsterrein called just "Mantelzorg"
    assert ("Beleidsterrein", "Mantelzorg") not in exact


def test_named_graphs_one_per_source_document(store: GraphStore, queries: QueryCatalog) -> None:
    rows = {row["graph"]: int(row["triples"]) for row in run_named(store, queries, "named-graphs").records()}
    # seeds README: five source documents, each with its own named graph, none empty
    for plan in FIVE_PLANS:
        assert rows["https://beleidsgraaf.nl/graph/" + plan] > 0, plan
    assert rows["https://beleidsgraaf.nl/graph/bronnen"] > 0
    # the BUCH kader (000 l.11-12) is summarised in Heiloo's document, not a source of its own: no graph
    assert "https://beleidsgraaf.nl/graph/buch-iedereen-doet-mee-2023-2026" not in rows


def test_check_plannen(store: GraphStore, queries: QueryCatalog) -> None:
    rows = {row["documentId"]: row.get("documentTitel") for row in run_named(store, queries, "check-plannen").records()}
    # the five source documents, plus the BUCH kader that 000 l.11-12 names as the document it works out:
    # 'integraal beleidskader Sociaal Domein "Iedereen doet mee" 2023-2026'
    assert set(rows) == FIVE_PLANS | {"buch-iedereen-doet-mee-2023-2026"}
    assert "Iedereen doet mee" in (rows["buch-iedereen-doet-mee-2023-2026"] or "")
    assert rows[GALA_ID] == "Plan van aanpak GALA 2023-2026"


def test_check_bronnen_cite_sections_the_documents_have(store: GraphStore, queries: QueryCatalog) -> None:
    cited: dict[str, set[str]] = defaultdict(set)
    for row in run_named(store, queries, "check-bronnen").records():
        cited[row["documentId"]].add(row["sectienummer"])
    # 001 l.62-114 (inhoudsopgave)
    heemskerk_toc = {"voorwoord", "samenvatting", "1", "1.1", "1.2", "1.3", "2", "2.1", "2.2", "3", "3.1", "3.2",
                     "3.3", "4", "4.1", "4.2", "4.3", "4.3.1", "4.3.2", "4.3.3", "4.3.4", "4.3.5", "5", "5.1", "5.2",
                     "5.3", "bijlage 1"}  # fmt: skip
    assert cited[HEEMSKERK_ID] <= heemskerk_toc
    assert set(HEEMSKERK_OPGAVEN.values()) <= cited[HEEMSKERK_ID]
    # 004: voorwoord l.33, samenvatting l.68, inleiding l.182, chapters 1-6 (l.193-1776) with their paragraphs
    # §1.1-1.4, §2.1-2.3, §3.1-3.4, §4.1-4.4, §5.1-5.4, §6.1-6.5, and the uitvoeringsagenda (bijlage, l.1828ff)
    heemstede = {"voorwoord", "samenvatting", "inleiding", "uitvoeringsagenda"} | {str(n) for n in range(1, 7)}
    heemstede |= {f"{chapter}.{n}" for chapter, last in ((1, 4), (2, 3), (3, 4), (4, 4), (5, 4), (6, 5))
                  for n in range(1, last + 1)}  # fmt: skip
    assert cited[HEEMSTEDE_ID] <= heemstede
    # a baseline is cited where its objective stands: 001 l.982-984 (§4.3.2, "ten opzichte van 244 nachten in 2023")
    rows = run_named(store, queries, "check-bronnen").records()
    nul = {row["sectienummer"] for row in rows if row["knoop"] == HEEMSKERK + "/doelstelling/zorg-en-wonen-1/nulmeting"}
    assert nul == {"4.3.2"}


def test_check_namen_of_the_plans(store: GraphStore, queries: QueryCatalog) -> None:
    names: dict[str, set[tuple[str, str, str]]] = defaultdict(set)
    for row in run_named(store, queries, "check-namen").records():
        names[row["knoop"]].add((row["rang"], row["naam"], row["taal"]))
    # titles as printed: 001 l.1-2 ("Samen sterk voor Heemskerk", "Beleidsplan Sociaal domein 2024 en verder"),
    # 004 l.186
    title = f"Samen sterk voor Heemskerk {DASH} Beleidsplan Sociaal domein 2024 en verder"
    assert ("3", title, "nl") in names[HEEMSKERK] and ("1", title, "nl") in names[HEEMSKERK]
    assert ("3", "Beleidsplan maatschappelijke ondersteuning (Wmo) Heemstede 2025-2028", "nl") in names[
        ID + HEEMSTEDE_ID
    ]
    # 001 l.630 "Zorg en wonen"
    assert ("1", "Zorg en wonen", "nl") in names[HEEMSKERK + "/opgave/zorg-en-wonen"]


def test_check_niveaus_heemskerk(store: GraphStore, queries: QueryCatalog) -> None:
    rows = run_named(store, queries, "check-niveaus").records()
    level = {(row["knoop"], row["rang"], row.get("hoofdNaam")) for row in rows}
    assert (HEEMSKERK, "0", None) in level and (HEEMSKERK + "/missie/missie", "0", None) in level
    # 001 l.741-755 (§4.3.1): Gezondheid has its zwaartepunt in Vitaal en weerbaar
    assert (HEEMSKERK + "/beleidsterrein/gezondheid", "1", "Vitaal en weerbaar") in level
    # 001 l.964-1030 (§4.3.2): five objectives of Zorg en wonen, each with baseline and target, level 2
    for n in range(1, 6):
        for suffix in ("", "/nulmeting", "/streefwaarde"):
            assert (HEEMSKERK + f"/doelstelling/zorg-en-wonen-{n}{suffix}", "2", "Zorg en wonen") in level
    assert not any(knoop == HEEMSKERK + "/doelstelling/zorg-en-wonen-6" for knoop, _, _ in level)


def test_eigenschap_namen_use_the_documents_words(store: GraphStore, queries: QueryCatalog) -> None:
    names = {row["term"]: row["naam"] for row in run_named(store, queries, "eigenschap-namen").records()}
    # 001 l.603 "maatschappelijke opgaven", l.233 "Beleidsterrein"; 000 l.725 "Focuspunten", l.440 "Accenten";
    # 001 l.762 "Doelstelling"; 004 l.188 "onderdelen"
    assert names[BG + "MaatschappelijkeOpgave"] == "Maatschappelijke opgave"
    assert names[BG + "Beleidsterrein"] == "Beleidsterrein"
    assert names[BG + "Focuspunt"] == "Focuspunt"
    assert names[BG + "Accent"] == "Accent"
    assert names[BG + "Doelstelling"] == "Doelstelling"
    assert names[BG + "Beleidsonderdeel"] == "Beleidsonderdeel"
    assert names[BG + "Streefwaarde"] == "Streefwaarde"
