"""Identity across documents beyond organisations (docs/model.md, "Identity across documents: areas and measures"):
area classifications as shared SKOS concepts with per-document statements, measures named only in running text,
and the facts the four BUCH municipalities share.

Expected values come from the source documents (registered in graph/bronnen.ttl by file name and SHA-256), cited per
assertion.
"""

from __future__ import annotations

import pytest

from api.kg.queries import QueryCatalog, run_named
from api.kg.store import GraphStore

CHECKED_QUERIES = frozenset({"maatregelen-per-doelgroep", "gedeeld-beleid-per-gemeente"})
GT = "https://beleidsgraaf.nl/id/gebiedstype/"
WIJK = "https://beleidsgraaf.nl/id/wijk/"
PLAN = "https://beleidsgraaf.nl/id/plan/"
ORG = "https://beleidsgraaf.nl/id/organisatie/"
DG = "https://beleidsgraaf.nl/id/doelgroep/"
GM = "https://identifier.overheid.nl/tooi/id/gemeente/"
SCHEME = "https://beleidsgraaf.nl/id/gebiedstypen"
PREFIXES = """PREFIX bg: <https://beleidsgraaf.nl/def/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dct: <http://purl.org/dc/terms/>
"""

# The classifications the texts give to wijken and buurten, with their Dutch label.
CONCEPTS = {
    # 002 l.77 "De twee eerdergenoemde 'lage SES-wijken'" (1 Gezondheidsbeeld Heemskerk), l.98, l.262, l.388 (3.2)
    "lage-ses-wijk": "lage SES-wijk",
    # 004 l.431-439 (3.1) "in de (focus)buurten", "inzet in de focusbuurten, zoals de Provinciënbuurt"
    "focusbuurt": "focusbuurt",
    # 002 l.579 (3.10) "het kwetsbare gebied Zuidbroek-Oosterwijk", l.589 "de twee meest kwetsbare gebieden"
    "kwetsbaar-gebied": "kwetsbaar gebied",
    # 003 l.813-814 (2.2, Pact voor Uitstroom) "het leefklimaat in kwetsbare wijken"
    "kwetsbare-wijk": "kwetsbare wijk",
}

# Which wijken each document classifies, and as what: (plan, wijk, concept, section number).
CLASSIFIED = {
    # 002 l.29-30 (1 Lage sociaaleconomische status) "de wijken Hofland, Oosterwijk en Zuidbroek en Poelenburg en
    # Oosterzij scoren aanzienlijk lager"; l.76-77 (1 Gezondheidsbeeld Heemskerk) "De twee eerdergenoemde 'lage
    # SES-wijken'"
    (
        "heemskerk-gala-2023-2026",
        "gm0396-hofland-oosterwijk-en-zuidbroek",
        "lage-ses-wijk",
        "1 Lage sociaaleconomische status",
    ),
    (
        "heemskerk-gala-2023-2026",
        "gm0396-hofland-oosterwijk-en-zuidbroek",
        "lage-ses-wijk",
        "1 Gezondheidsbeeld Heemskerk",
    ),
    ("heemskerk-gala-2023-2026", "gm0396-poelenburg-en-oosterzij", "lage-ses-wijk", "1 Lage sociaaleconomische status"),
    ("heemskerk-gala-2023-2026", "gm0396-poelenburg-en-oosterzij", "lage-ses-wijk", "1 Gezondheidsbeeld Heemskerk"),
    # 002 l.578-579 (3.10) "het Wijkpunt Europaplein in het kwetsbare gebied Zuidbroek-Oosterwijk"
    ("heemskerk-gala-2023-2026", "gm0396-zuidbroek-oosterwijk", "kwetsbaar-gebied", "3.10"),
    # 004 l.438 (3.1) "inzet in de focusbuurten, zoals de Provinciënbuurt"
    ("heemstede-wmo-2025-2028", "gm0397-provincienbuurt", "focusbuurt", "3.1"),
}


def _select(store: GraphStore, query: str) -> list[dict[str, str]]:
    return store.select(PREFIXES + query).records()


def test_each_classification_is_one_concept_in_the_scheme(store: GraphStore) -> None:
    rows = _select(
        store,
        f"""SELECT ?c ?nl ?en WHERE {{
              ?c a bg:Gebiedstype ; skos:inScheme <{SCHEME}> ; skos:prefLabel ?nl , ?en .
              FILTER(LANG(?nl) = "nl" && LANG(?en) = "en") }}""",
    )
    assert {row["c"].removeprefix(GT): row["nl"] for row in rows} == CONCEPTS
    assert all(row["en"] for row in rows)
    # No document defines any of the four terms, so none has a definition.
    assert not _select(store, "SELECT ?c WHERE { ?c a bg:Gebiedstype ; skos:definition ?d }")


def test_which_wijken_each_document_classifies(store: GraphStore) -> None:
    rows = _select(
        store,
        """SELECT ?planId ?wijk ?type ?nummer WHERE {
              ?plan bg:graaf ?g ; dct:identifier ?planId .
              GRAPH ?g { ?t a bg:Gebiedstypering ; bg:gebied ?wijk ; bg:gebiedstype ?type ;
                            prov:wasDerivedFrom ?sectie }
              ?sectie bg:sectienummer ?nummer }""",
    )
    found = {(r["planId"], r["wijk"].removeprefix(WIJK), r["type"].removeprefix(GT), r["nummer"]) for r in rows}
    assert found == CLASSIFIED


def test_no_wijk_is_classified_that_the_document_does_not_name() -> None:
    # 002 l.589 "de twee meest kwetsbare gebieden" names none, and Hart van Heemskerk is nowhere called kwetsbaar;
    # 003 l.814 "kwetsbare wijken" names no wijk: neither has a classification (see CLASSIFIED).
    wijken = {wijk for _, wijk, _, _ in CLASSIFIED}
    assert "gm0396-hart-van-heemskerk" not in wijken
    assert "kwetsbare-wijk" not in {concept for _, _, concept, _ in CLASSIFIED}


@pytest.mark.parametrize(
    "element",
    [
        # 002 l.96-98 (1 Gezondheidsbeeld Heemskerk) "tot 18% in de inmiddels bekende lage SES-wijken"
        "heemskerk-gala-2023-2026/meting/vrijwilligers-lage-ses-wijken",
        # 002 l.387-389 (3.2) "De focus ligt hierbij op scholen in lage SES-wijken"
        "heemskerk-gala-2023-2026/actie/coordinator-brede-school",
    ],
)
def test_elements_aimed_at_the_lage_ses_wijken_point_at_both(store: GraphStore, element: str) -> None:
    rows = _select(store, f"SELECT ?w WHERE {{ <{PLAN}{element}> bg:gebied ?w }}")
    lage_ses = {wijk for _, wijk, concept, _ in CLASSIFIED if concept == "lage-ses-wijk"}
    assert {row["w"].removeprefix(WIJK) for row in rows} == lage_ses


def test_an_element_in_one_unnamed_lage_ses_wijk_points_at_none(store: GraphStore) -> None:
    # 002 l.261-262 (3 Doelgroepen) "bij de Ouderkamer op de basisschool in een van de lage SES-wijken": not which
    rows = _select(
        store,
        f"SELECT ?w WHERE {{ <{PLAN}heemskerk-gala-2023-2026/actie/serviceplein-toegankelijker-maken> bg:gebied ?w }}",
    )
    assert rows == []


# Which plans do something for mantelzorgers, and one measure each as the text prints it.
MANTELZORG = {
    # 000 l.529-531 (3.3) "Zij kunnen binnen de sociale basis ondersteund worden door bijvoorbeeld: Alzheimercafés,
    # lotgenotencontact en informele respijtzorg." (only in the accent's onderbouwing)
    "heiloo-gebiedsplan-2023-2024": ("actie/ondersteuning-mantelzorgers-binnen-de-sociale-basis", "3.3"),
    # 002 l.301-303 (3 Samenwerking) "MaatjeZ (Mantelzorg ondersteuning)" in the Serviceplein; 002 l.601-603 (3.11)
    "heemskerk-gala-2023-2026": ("actie/mantelzorgondersteuning-in-het-serviceplein", "3 Samenwerking"),
    # 003 l.1683-1684 (4.2, actielijn 2) "Gemeenten ondersteunen mantelzorgers nu al"
    "beverwijk-heemskerk-woonzorgvisie": ("actie/welzijn-2-gemeenten-ondersteunen-mantelzorgers", "4.2"),
    # 004 l.514-524 (3.2) "werken we samen met Tandem, Centrum voor mantelzorgondersteuning"
    "heemstede-wmo-2025-2028": ("actie/mantelzorg-lopend-1", "3.2"),
}


def test_plans_that_do_something_for_mantelzorgers(store: GraphStore, queries: QueryCatalog) -> None:
    rows = run_named(store, queries, "maatregelen-per-doelgroep", doelgroep=DG + "mantelzorgers").records()
    # 001 names no measure for them: a goal (l.1628 "het aantal mantelzorgers dat in beeld is bij MantelZ") and a
    # beleidsterrein ("Ook hebben we oog voor mantelzorgers", l.1573), neither a bg:Actie nor a bg:Voorziening.
    assert {row["planId"] for row in rows} == set(MANTELZORG)
    for plan, (measure, section) in MANTELZORG.items():
        row = next(r for r in rows if r["maatregel"] == f"{PLAN}{plan}/{measure}")
        assert section in row["sectie"].split(", "), (plan, row["sectie"])


def test_heiloos_support_for_mantelzorgers_is_a_measure_of_its_accent(store: GraphStore, queries: QueryCatalog) -> None:
    rows = run_named(store, queries, "maatregelen-per-doelgroep", doelgroep=DG + "mantelzorgers").records()
    heiloo = [row for row in rows if row["planId"] == "heiloo-gebiedsplan-2023-2024"]
    assert [row["maatregelNaam"] for row in heiloo] == ["Ondersteuning van mantelzorgers binnen de sociale basis"]
    accent = (
        "heiloo-gebiedsplan-2023-2024/accent/"
        "ondersteunen-van-het-langer-zelfstandig-wonen-en-meedoen-van-kwetsbare-inwoners"
    )
    measure = f"{PLAN}heiloo-gebiedsplan-2023-2024/actie/ondersteuning-mantelzorgers-binnen-de-sociale-basis"
    assert _select(store, f"SELECT ?a WHERE {{ <{measure}> bg:onderdeelVan ?a }}") == [{"a": PLAN + accent}]


def test_subgroups_count_for_their_doelgroep(store: GraphStore, queries: QueryCatalog) -> None:
    rows = run_named(store, queries, "maatregelen-per-doelgroep", doelgroep=DG + "mantelzorgers").records()
    # 004 l.535-539 (3.2) "In 2024 zijn verschillende initiatieven gestart speciaal voor jonge mantelzorgers"
    row = next(r for r in rows if r["maatregel"].endswith("heemstede-wmo-2025-2028/actie/mantelzorg-lopend-4"))
    assert row["doelgroepen"] == "jonge mantelzorgers"


BERGEN = GM + "gm0373"


def test_the_buch_municipalities_are_the_ones_graph_already_uses(store: GraphStore) -> None:
    # 000 l.85 "samenwerkingsgemeenten Bergen en Castricum ... de gemeente Uitgeest", l.669-670 (bijlage 3.1)
    rows = _select(
        store,
        """SELECT ?m ?code WHERE {
              <https://beleidsgraaf.nl/id/samenwerkingsverband/buch> <http://www.w3.org/ns/org#hasMember> ?m .
              ?m skos:notation ?code }""",
    )
    assert {row["code"] for row in rows} == {"GM0373", "GM0450", "GM0383", "GM0399"}


def test_a_query_for_bergen_finds_the_shared_framework_and_partners(store: GraphStore, queries: QueryCatalog) -> None:
    rows = run_named(store, queries, "gedeeld-beleid-per-gemeente", gemeente=BERGEN).records()
    found = {(row["soort"], row["ding"]) for row in rows}
    # 000 l.676-678 (bijlage 3.1) "de colleges en raden van de gemeenten Bergen, Uitgeest, Castricum en Heiloo";
    # l.572-573 (bijlage 1) one missie of all four
    assert ("plan of kader", PLAN + "buch-iedereen-doet-mee-2023-2026") in found
    # 000 l.669-671 (bijlage 3.1) "Het Sociaal Team werkt als één team ... voor Bergen, Uitgeest, Castricum en Heiloo"
    assert ("werkt voor de gemeente", ORG + "sociaal-team-buch") in found
    # 000 l.657-664 (bijlage box "juiste hulp en passende ondersteuning") "in samenwerking met werkorganisatie Zaffier"
    assert ("partner", ORG + "zaffier") in found
    assert ("samenwerkingsverband", "https://beleidsgraaf.nl/id/samenwerkingsverband/buch") in found
    # 000 l.451-453 (2.2) Kansrijke Start "in samenwerking met de gemeenten Bergen, Uitgeest en Castricum"
    assert ("rol van de gemeente", BERGEN) in found
    # Every fact says which document states it: the Heiloo gebiedsplan (000), except the shared membership list.
    assert {row.get("bronPlanId") for row in rows if row["soort"] != "samenwerkingsverband"} == {
        "heiloo-gebiedsplan-2023-2024"
    }


def test_bergen_gets_nothing_the_text_says_of_heiloo_only(store: GraphStore, queries: QueryCatalog) -> None:
    rows = run_named(store, queries, "gedeeld-beleid-per-gemeente", gemeente=BERGEN).records()
    things = {row["ding"] for row in rows}
    # 000 l.552-553 (3.4) GGD HN and Zaffier as gemeenschappelijke regelingen "voor de inwoners van Heiloo" (Zaffier
    # reaches Bergen only through the BUCH framework's opgave above); the Heiloo gebiedsplan is Heiloo's alone.
    assert ORG + "ggd-hollands-noorden" not in things
    assert PLAN + "heiloo-gebiedsplan-2023-2024" not in things
    heiloo = {
        row["ding"]
        for row in run_named(store, queries, "gedeeld-beleid-per-gemeente", gemeente=GM + "gm0399").records()
    }
    assert PLAN + "heiloo-gebiedsplan-2023-2024" in heiloo and ORG + "sociaal-team-buch" in heiloo
