"""The known defects of source 001 (Heemskerk, "Samen sterk") are reported, each pointing at its section."""

from __future__ import annotations

from collections import Counter

import pytest

from api.kg.checks import Finding, Severity, check
from api.kg.store import GraphStore
from api.settings import Settings

PLAN = "heemskerk-sociaal-domein-2024"
ID = f"https://beleidsgraaf.nl/id/plan/{PLAN}/"
BGSH = "https://beleidsgraaf.nl/def/shapes/"


@pytest.fixture(scope="module")
def findings(store: GraphStore, settings: Settings) -> list[Finding]:
    return check(store, settings, PLAN)


def _one(findings: list[Finding], shape: str, focus: str) -> Finding:
    [found] = [f for f in findings if f.shape == BGSH + shape and f.focus == ID + focus]
    return found


def test_missie_differs_between_4_2_and_bijlage_1(findings: list[Finding]) -> None:
    found = _one(findings, "herhaling-kernboodschap", "missie/missie")
    assert found.severity is Severity.WARNING and found.source.section == "4.2"
    assert "naar vermogen bijdraagt" in found.message and "naar vermogen aan bijdraagt" in found.message


@pytest.mark.parametrize(
    ("total", "parts", "stated"),
    [
        ("inwoneraantal-2024", "39.452", "39.450"),
        ("huishoudens-totaal-2018", "17.280", "17.200"),
        ("meerpersoonshuishoudens-2030", "11.600", "11.500"),
        ("meerpersoonshuishoudens-2018", "11.495", "11.500"),
    ],
)
def test_parts_that_do_not_add_up_within_rounding(findings: list[Finding], total: str, parts: str, stated: str) -> None:
    """All four of §3.1's sums are off by no more than the rounding of the printed figures (e.g. 1.400 + 5.500 +
    4.700 against 11.500, each rounded to hundreds): worth knowing, not a mistake to fix."""
    found = _one(findings, "som-delen-afronding", f"meting/{total}")
    assert found.severity is Severity.INFO
    assert f"tellen op tot {parts}" in found.message and f"totaal {stated}" in found.message
    assert found.source.section == "3.1"
    assert not [f for f in findings if f.shape == BGSH + "som-delen" and f.focus.endswith(f"meting/{total}")]


def test_target_equal_to_baseline_contradicts_a_decrease(findings: list[Finding]) -> None:
    found = _one(findings, "smart-richting", "doelstelling/opgroeien-en-zelfontplooiing-4")
    assert "afname" in found.message and found.source.section == "4.3.3"


def test_seven_of_28_objectives_have_no_usable_baseline(findings: list[Finding], store: GraphStore) -> None:
    smart = store.select(f"SELECT (COUNT(?d) AS ?n) WHERE {{ ?d bg:smart true . FILTER(STRSTARTS(STR(?d), '{ID}')) }}")
    assert int(smart.rows[0]["n"].value) == 28  # type: ignore[union-attr]
    reasons = Counter(
        "geen" if "(geen" in f.message else "x*" if "plaatshouder" in f.message else "niet genoemd"
        for f in findings
        if f.shape == BGSH + "smart-nulmeting"
    )
    assert reasons == {"geen": 3, "x*": 1, "niet genoemd": 3}


def test_ontmoeten_has_no_bbv_indicators_as_info(findings: list[Finding]) -> None:
    found = _one(findings, "opgave-geen-indicatoren", "opgave/ontmoeten-en-omzien-naar-elkaar")
    assert found.severity is Severity.INFO and found.value == "Geen"
    assert not [f for f in findings if f.shape == BGSH + "opgave-indicator"]


def test_no_partner_is_named_for_any_of_the_five_opgaven_and_that_is_worth_knowing_not_a_defect(
    findings: list[Finding],
) -> None:
    """A strategic plan names its partners in general ("samen met maatschappelijke partners", §1.1), none per
    opgave: all five are reported, as Info, with what to do at the opgave's own section."""
    found = [f for f in findings if f.shape == BGSH + "opgave-partner"]
    assert len(found) == 5 and {f.severity for f in found} == {Severity.INFO}
    assert all(f"§{f.source.section}" in f.message for f in found)


def test_the_plan_has_no_structural_violations(findings: list[Finding]) -> None:
    assert not [f for f in findings if f.severity is Severity.VIOLATION]


def test_a_node_without_its_own_section_takes_that_of_the_node_pointing_at_it(settings: Settings) -> None:
    import pyoxigraph as ox

    from api.kg.checks.sources import build_index
    from api.kg.store import EmbeddedStore

    data = f"""
    @prefix bg: <https://beleidsgraaf.nl/def/> . @prefix dct: <http://purl.org/dc/terms/> .
    @prefix prov: <http://www.w3.org/ns/prov#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
    <https://beleidsgraaf.nl/id/plan/{PLAN}> a bg:Beleidsdocument ; dct:identifier "{PLAN}" ; dct:title "Plan"@nl .
    <{ID}sectie/4.3.3> bg:sectienummer "4.3.3" ; dct:isPartOf <https://beleidsgraaf.nl/id/plan/{PLAN}> .
    <{ID}doelstelling/d> bg:nulmeting <{ID}doelstelling/d/nulmeting> ; prov:wasDerivedFrom <{ID}sectie/4.3.3> .
    <{ID}doelstelling/d/nulmeting> skos:prefLabel "Nulmeting"@nl .
    """
    store = EmbeddedStore()
    graph = ox.NamedNode("urn:test")
    store.store.extend(
        ox.Quad(t.subject, t.predicate, t.object, graph) for t in ox.parse(data, format=ox.RdfFormat.TURTLE)
    )
    index = build_index(store, settings.queries_dir)
    source, plans = index.source(ID + "doelstelling/d/nulmeting")
    assert (source.document, source.title, source.section, plans) == (PLAN, "Plan", "4.3.3", (PLAN,))
    assert index.names[ID + "doelstelling/d/nulmeting"] == "Nulmeting"


def test_every_finding_on_the_five_plans_names_its_section_in_what_to_do(store: GraphStore, settings: Settings) -> None:
    everything = check(store, settings)
    assert everything
    for finding in everything:
        assert "{" not in finding.message and "{" not in finding.message_en, finding.message
        where = f"§{finding.source.section}" if finding.source.section else "het document"
        assert where in finding.message, (finding.shape, finding.focus, finding.message)
