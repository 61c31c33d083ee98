"""The CLI end to end, as a user types it."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from api.cli import app

runner = CliRunner()


def test_load_reports_what_it_loaded() -> None:
    result = runner.invoke(app, ["load"])
    assert result.exit_code == 0, result.output
    assert "named graphs" in result.output


def test_plans_json_lists_every_source_document_with_an_id() -> None:
    result = runner.invoke(app, ["plans", "--format", "json"])
    assert result.exit_code == 0, result.output
    plans = {row["id"]: row for row in json.loads(result.output)}
    assert "heemskerk-sociaal-domein-2024" in plans
    assert plans["heemskerk-sociaal-domein-2024"]["gemeenten"] == "Heemskerk"
    assert len(plans) == 5


def test_query_json_is_sparql_results_json() -> None:
    result = runner.invoke(app, ["query", "SELECT (COUNT(*) AS ?n) WHERE { ?s a bg:Beleidsdocument }", "-f", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["head"]["vars"] == ["n"]
    assert int(document["results"]["bindings"][0]["n"]["value"]) >= 5


def test_named_query_with_parameter_as_csv() -> None:
    result = runner.invoke(
        app,
        [
            "query",
            "beleidsterreinen-per-wet",
            "-p",
            "wet=https://wetten.overheid.nl/BWBR0015703",
            "-f",
            "csv",
        ],
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith("wet,wetNaam,beleidsterrein")
    assert len(lines) > 1


def test_rq_file_argument(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "tel.rq"
    path.write_text("PREFIX bg: <https://beleidsgraaf.nl/def/>\nASK { ?s a bg:Beleidsdocument }\n", encoding="utf-8")
    result = runner.invoke(app, ["query", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "ja"


def test_syntax_error_exits_2_and_names_the_position() -> None:
    result = runner.invoke(app, ["query", "SELECT ?s WHERE { ?s ?p }"])
    assert result.exit_code == 2
    assert "regel" in result.output and "kolom" in result.output


def test_update_is_refused() -> None:
    result = runner.invoke(app, ["query", "DELETE WHERE { ?s ?p ?o }"])
    assert result.exit_code == 2
    assert "alleen-lezen" in result.output


def test_bad_parameter_is_named() -> None:
    result = runner.invoke(app, ["query", "doelstellingen-per-opgave", "-p", "plan=Niet Geldig"])
    assert result.exit_code == 2
    assert "plan" in result.output
