"""An officer accepts a finding (#13 item 5): it leaves the counts, is shown apart with reason, name and date,
and comes back by itself when the element it is about changes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api.cli import app as cli
from api.errors import DataError
from api.kg import graph
from api.kg.checks import Severity, check, review
from api.kg.checks.accept import accept, withdraw
from api.kg.checks.report import summary
from api.settings import Settings
from api.web.app import create_app
from tests.graphdata import project_copy

PLAN = "heemskerk-sociaal-domein-2024"
SHAPE = "https://beleidsgraaf.nl/def/shapes/smart-nulmeting"
ELEMENT = "doelstelling/financieel-fit-6"
FOCUS = f"https://beleidsgraaf.nl/id/plan/{PLAN}/{ELEMENT}"
REASON = "De nulmeting volgt in 2025 uit de armoedemonitor; zo afgesproken met de portefeuillehouder."


def plan_text(copy: Settings) -> Path:
    return next(copy.graph_dir.rglob(f"{PLAN}.ttl"))


@pytest.fixture
def copy(settings: Settings, tmp_path: Path) -> Settings:
    return project_copy(settings, tmp_path)


def warnings_of(copy: Settings) -> int:
    return sum(f.severity is Severity.WARNING for f in check(graph.open_store(copy), copy, PLAN))


def test_an_accepted_finding_leaves_the_counts_and_reopens_when_the_element_changes(copy: Settings) -> None:
    before = warnings_of(copy)
    path, done = accept(
        graph.open_store(copy), copy, PLAN, "smart-nulmeting", ELEMENT, REASON, "J. de Vries", date(2026, 12, 6)
    )
    assert path == plan_text(copy).with_name(f"{PLAN}.beoordelingen.ttl") and done.focus == FOCUS

    reviewed = review(graph.open_store(copy), copy, PLAN)
    assert warnings_of(copy) == before - 1
    assert [(f.focus, r.by, r.on, r.reason) for f, r in reviewed.accepted] == [
        (FOCUS, "J. de Vries", date(2026, 12, 6), REASON)
    ]
    assert FOCUS not in {f.focus for f in reviewed.open if f.shape == SHAPE}
    assert str(before - 1) in summary(reviewed.open)

    source = plan_text(copy)
    text = source.read_text(encoding="utf-8")
    source.write_text(text + f'\n<{FOCUS}> <http://www.w3.org/2000/01/rdf-schema#comment> "Herzien."@nl .\n', "utf-8")
    reopened = review(graph.open_store(copy), copy, PLAN)
    assert warnings_of(copy) == before and not reopened.accepted
    again = next(f for f in reopened.open if f.shape == SHAPE and f.focus == FOCUS)
    assert reopened.lapsed(again) is not None and reopened.lapsed(again).by == "J. de Vries"  # type: ignore[union-attr]

    source.write_text(text, "utf-8")
    assert warnings_of(copy) == before - 1, "back as it was accepted: accepted again"


def test_accepting_needs_a_reason_and_an_open_finding_and_changes_nothing_otherwise(copy: Settings) -> None:
    store = graph.open_store(copy)
    target = plan_text(copy).with_name(f"{PLAN}.beoordelingen.ttl")
    with pytest.raises(DataError, match="reden"):
        accept(store, copy, PLAN, "smart-nulmeting", ELEMENT, " ", "J. de Vries", date(2026, 12, 6))
    with pytest.raises(DataError, match="geen open bevinding"):
        accept(store, copy, PLAN, "smart-nulmeting", "doelstelling/bestaat-niet", REASON, "J.", date(2026, 12, 6))
    assert not target.exists()
    accept(store, copy, PLAN, "smart-nulmeting", ELEMENT, REASON, "J. de Vries", date(2026, 12, 6))
    with pytest.raises(DataError, match="al aanvaard"):
        accept(graph.open_store(copy), copy, PLAN, "smart-nulmeting", ELEMENT, REASON, "J.", date(2026, 12, 7))
    withdraw(graph.open_store(copy), copy, PLAN, "smart-nulmeting", ELEMENT)
    assert not target.exists()


def test_the_cli_and_the_page_show_accepted_findings_apart(copy: Settings) -> None:
    """The CLI reads its settings from the environment: only for these two calls does it point at the copy,
    and the cached settings are dropped before and after, so no later test sees the copy."""
    from api.settings import get_settings

    runner = CliRunner(env={"BELEIDSGRAAF_ROOT": str(copy.root)})
    get_settings.cache_clear()
    try:
        done = runner.invoke(
            cli,
            ["accepteer", "--plan", PLAN, "--controle", "smart-nulmeting", "--gegeven", ELEMENT, "--reden", REASON,
             "--naam", "J. de Vries"],
        )  # fmt: skip
        assert done.exit_code == 0, done.output
        get_settings.cache_clear()
        report = runner.invoke(cli, ["check", "--plan", PLAN]).output
    finally:
        get_settings.cache_clear()
    counted, _, apart = report.partition("== Aanvaard, niet meegeteld (1)")
    assert f"smart-nulmeting · {ELEMENT}\n" not in counted and f"smart-nulmeting · {ELEMENT}" in apart
    assert "aanvaard door J. de Vries" in apart and REASON in apart
    with TestClient(create_app(copy)) as client:
        page = client.get("/samenhang", params={"plan": PLAN}).text
    counted_part, _, accepted_part = page.partition('id="aanvaard"')
    assert "Aanvaard door J. de Vries" not in counted_part and "Aanvaard door J. de Vries op" in accepted_part
    assert f"/id/plan/{PLAN}/{ELEMENT}" in accepted_part and "J. de Vries" in accepted_part
