"""`beleidsgraaf check` and the /check routes, as a user and a browser see them."""

from __future__ import annotations

import json

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from rdflib import Graph
from typer.testing import CliRunner

from api.cli_check import app
from api.kg import graph
from api.kg.checks import Finding, Severity, Source
from api.kg.checks.report import to_text
from api.kg.checks.reviews import Reviewed
from api.settings import Settings
from api.web.check import render_html, router

runner = CliRunner()
PLAN = "heemskerk-sociaal-domein-2024"
KEYS = {"shape", "severity", "focus", "label", "path", "value", "message", "source", "level", "levelName", "under"}


@pytest.fixture(scope="module")
def findings_json() -> list[dict[str, object]]:
    result = runner.invoke(app, ["--format", "json"])
    assert result.exit_code in (0, 1), result.output
    parsed: list[dict[str, object]] = json.loads(result.stdout)
    return parsed


def test_json_lists_one_object_per_finding_with_its_source(findings_json: list[dict[str, object]]) -> None:
    assert findings_json
    for finding in findings_json:
        assert set(finding) == KEYS
        assert set(finding["source"]) == {"document", "title", "section"}  # type: ignore[arg-type]
    assert {f["severity"] for f in findings_json} <= {"Violation", "Warning", "Info"}


def test_exit_code_is_1_exactly_when_there_is_a_violation(findings_json: list[dict[str, object]]) -> None:
    result = runner.invoke(app, ["--format", "json"])
    has_violation = any(f["severity"] == "Violation" for f in findings_json)
    assert result.exit_code == (1 if has_violation else 0)


def test_plan_filter_keeps_only_that_plan() -> None:
    result = runner.invoke(app, ["--plan", PLAN, "--format", "json"])
    assert result.exit_code == 0, result.output  # the Heemskerk plan has warnings, no violations
    found = json.loads(result.stdout)
    assert found
    assert all(
        f["source"]["document"] == PLAN or f["focus"].startswith(f"https://beleidsgraaf.nl/id/plan/{PLAN}/")
        for f in found
    )


def test_unknown_plan_is_an_error_naming_the_known_plans() -> None:
    result = runner.invoke(app, ["--plan", "bestaat-niet"])
    assert result.exit_code == 2
    assert "bestaat-niet" in result.output and PLAN in result.output


def test_text_groups_by_plan_and_severity_in_dutch() -> None:
    result = runner.invoke(app, ["--plan", PLAN])
    assert f"== {PLAN}" in result.stdout
    assert "-- Waarschuwing" in result.stdout and "-- Ter informatie" in result.stdout
    assert "[§3.1]" in result.stdout


def test_turtle_is_a_shacl_validation_report() -> None:
    result = runner.invoke(app, ["--plan", PLAN, "--format", "turtle"])
    report = Graph().parse(data=result.stdout, format="turtle")
    sh = "http://www.w3.org/ns/shacl#"
    assert report.query(f"ASK {{ ?r a <{sh}ValidationReport> ; <{sh}conforms> true ; <{sh}result> ?x }}").askAnswer


def test_html_is_a_standalone_dutch_page_linking_to_nodes() -> None:
    result = runner.invoke(app, ["--plan", PLAN, "--format", "html"])
    assert result.stdout.startswith("<!doctype html>") and '<html lang="nl">' in result.stdout
    assert f'href="https://beleidsgraaf.nl/id/plan/{PLAN}/meting/inwoneraantal-2024"' in result.stdout
    assert "sectie 3.1" in result.stdout


def test_exit_code_1_on_a_violation(monkeypatch: pytest.MonkeyPatch) -> None:
    broken = Finding(
        "https://beleidsgraaf.nl/def/shapes/x",
        Severity.VIOLATION,
        "https://beleidsgraaf.nl/id/x",
        "x",
        None,
        None,
        "kapot",
        "broken",
        Source(),
    )
    monkeypatch.setattr("api.cli_check.review", lambda *args, **kwargs: Reviewed(open=[broken]))
    assert runner.invoke(app, []).exit_code == 1


def test_no_findings_reads_well() -> None:
    assert to_text([]).startswith("Geen bevindingen")
    assert "Geen bevindingen" in render_html([])


@pytest.fixture(scope="module")
def check_client() -> TestClient:
    settings = Settings()
    web = FastAPI()
    web.state.settings = settings
    web.state.store = graph.open_store(settings)
    web.include_router(router)
    return TestClient(web)


def test_route_check_returns_the_same_objects_as_the_cli(check_client: TestClient) -> None:
    response = check_client.get("/check", params={"plan": PLAN})
    assert response.status_code == 200
    cli = json.loads(runner.invoke(app, ["--plan", PLAN, "--format", "json"]).stdout)
    assert response.json() == cli


def test_route_check_html_is_the_samenhang_page(check_client: TestClient) -> None:
    response = check_client.get("/check.html", params={"plan": PLAN}, follow_redirects=False)
    assert response.status_code == 308
    assert response.headers["location"] == f"/samenhang?plan={PLAN}"


def test_the_saved_html_report_counts_findings_and_links_absolutely(findings_json: list[dict[str, object]]) -> None:
    """Before: "Waarschuwing (246)" above 337 warnings, and links that broke once the file was saved."""
    import re

    result = runner.invoke(app, ["--format", "html"])
    page = result.stdout
    for severity, label in (("Warning", "Waarschuwing"), ("Info", "Ter informatie")):
        expected = sum(f["severity"] == severity for f in findings_json)
        if expected:
            assert f"{label} ({expected})</h2>" in page
    hrefs = re.findall(r'href="([^"]*)"', page)
    assert hrefs and all(href.startswith("https://") for href in hrefs), [h for h in hrefs if "://" not in h][:5]


def test_the_text_report_names_nodes_under_their_plan() -> None:
    result = runner.invoke(app, ["--format", "text", "--plan", PLAN])
    detail_lines = [line for line in result.stdout.splitlines() if line.startswith("      ")]
    assert detail_lines
    assert not any(f"id/plan/{PLAN}/" in line for line in detail_lines)
