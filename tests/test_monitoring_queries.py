"""doelstellingen-zonder-meting (#12 item 5): the SMART objectives no measurement after the baseline has reached.

The five documents hold no measurements after their baselines (the plans state SMART objectives only in Heemskerk's
beleidsplan, source 001 §4.3: 28 of them), so on the graph as shipped every one is without; one recorded
bg:Realisatie, in a store of its own for this test, takes its objective off the list."""

from __future__ import annotations

from pathlib import Path

from api.kg.graph import parse_sources
from api.kg.load import SourceFile, parse_file
from api.kg.namespaces import graph_iri
from api.kg.queries import QueryCatalog, run_named
from api.kg.store import EmbeddedStore, GraphStore
from api.settings import Settings

FIT_1 = "https://beleidsgraaf.nl/id/plan/heemskerk-sociaal-domein-2024/doelstelling/financieel-fit-1"
MEASURED = f"""@prefix bg: <https://beleidsgraaf.nl/def/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://beleidsgraaf.nl/id/meting/test-financieel-fit-1-2025> a bg:Realisatie ;
    bg:realisatieVan <{FIT_1}> ; bg:waarde 512.0 ; bg:jaar "2025"^^xsd:gYear ;
    bg:bron "testgegeven, geen echte meting"@nl ; bg:vastgelegdDoor "test" .
"""


def test_every_smart_objective_is_without_a_measurement_today(store: GraphStore, queries: QueryCatalog) -> None:
    rows = run_named(store, queries, "doelstellingen-zonder-meting").records()
    assert len(rows) == 28 and {r["planId"] for r in rows} == {"heemskerk-sociaal-domein-2024"}
    fit_1 = next(r for r in rows if r["doelstelling"] == FIT_1)
    assert fit_1["meetinstrument"] == "Suite4SD" and fit_1["meetfrequentie"] == "2x per jaar"  # 001 §4.3.4


def test_a_recorded_measurement_takes_its_objective_off(
    settings: Settings, queries: QueryCatalog, tmp_path: Path
) -> None:
    extra = tmp_path / "metingen.ttl"
    extra.write_text(MEASURED, encoding="utf-8")
    store = EmbeddedStore()
    store.replace([*parse_sources(settings), parse_file(SourceFile(extra, graph_iri("metingen-test")))])
    rows = run_named(store, queries, "doelstellingen-zonder-meting", plan="heemskerk-sociaal-domein-2024").records()
    assert len(rows) == 27 and FIT_1 not in {r["doelstelling"] for r in rows}
