"""A plan that says who, what and when are agreed in a later uitvoeringsagenda (#13 item 1) gets one Info for the
plan instead of a Warning per action; in the curated graph that is the woonzorgvisie (source 003, H4)."""

from __future__ import annotations

from pathlib import Path

from api.kg.checks import check, load_project_shapes, validate
from api.kg.checks.examples import example_store
from api.kg.store import GraphStore
from api.settings import Settings

WOONZORGVISIE = "beverwijk-heemskerk-woonzorgvisie"


def test_an_action_of_a_plan_with_a_later_uitwerking_is_not_a_warning_of_its_own(settings: Settings) -> None:
    store = example_store(Path(__file__).parent / "data" / "actie-met-uitwerking.ttl",
                          settings.ontology_dir / "beleid.ttl")  # fmt: skip
    found = {result.shape.rsplit("/", 1)[-1] for result in validate(store, load_project_shapes(settings))}
    assert found == {"plan-uitwerking"}


def test_the_woonzorgvisie_is_reported_once_for_its_uitvoeringsagenda(store: GraphStore, settings: Settings) -> None:
    findings = check(store, settings, plan=WOONZORGVISIE)
    shapes = [f.shape.rsplit("/", 1)[-1] for f in findings]
    assert "actie-partner" not in shapes and "actie-periode" not in shapes
    [once] = [f for f in findings if f.shape.endswith("/plan-uitwerking")]
    assert once.severity.value == "Info" and "Uitvoeringsagenda woonzorgvisie" in once.message
    assert once.source.section and "4" in once.source.section
    other = check(store, settings, plan="heemstede-wmo-2025-2028")
    assert any(f.shape.endswith("/actie-partner") for f in other), "plans without such a statement keep theirs"
