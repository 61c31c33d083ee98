"""Monitoring (#12): the fictitious example measurements imported for Heemskerk give each kind of objective the
status the rule says; bad measurement files are refused per cell with nothing written; the dashboard, its
filters, downloads, charts and the report for the council show the same stand."""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from fastapi.testclient import TestClient

from api.kg import graph
from api.kg.monitoring import charts
from api.kg.monitoring.model import Monitor, number, read_monitor
from api.kg.monitoring.service import import_measurements, measurements_path
from api.kg.queries import catalog, run_named
from api.kg.workbook.problems import WorkbookError
from api.settings import Settings
from api.web.app import create_app
from tests.graphdata import project_copy

PLAN = "heemskerk-sociaal-domein-2024"
EXAMPLE = Path(__file__).parent.parent / "docs" / "voorbeelden" / f"FICTIEF-metingen-{PLAN}.csv"
PEILDATUM = dt.date(2025, 7, 1)
OTHER = EXAMPLE.with_name("FICTIEF-metingen-heemstede-wmo-2025-2028.csv")
HEADER = EXAMPLE.read_text(encoding="utf-8").splitlines()[0]
EXAMPLE_ROWS = len(EXAMPLE.read_text(encoding="utf-8").splitlines()) - 1


@pytest.fixture(scope="module")
def measured(settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """A copy of the project with the example measurements imported, as an officer would on 1 July 2025."""
    copy = project_copy(settings, tmp_path_factory.mktemp("monitor"))
    import_measurements(EXAMPLE.read_bytes(), EXAMPLE.name, PLAN, copy, graph.open_store(copy), today=PEILDATUM)
    other = "heemstede-wmo-2025-2028"
    import_measurements(OTHER.read_bytes(), OTHER.name, other, copy, graph.open_store(copy), today=PEILDATUM)
    return copy


@pytest.fixture(scope="module")
def monitor(measured: Settings) -> Monitor:
    return read_monitor(graph.open_store(measured), catalog(measured.queries_dir), PLAN, PEILDATUM)


def status(monitor: Monitor, local: str) -> tuple[str, str]:
    found = next(o for o in monitor.objectives if o.local == local)
    return found.status, found.reason


@pytest.mark.parametrize(
    ("objective", "expected", "reason"),
    [
        # absolute target, higher is better: 56% (2020) -> at least 60% (2027); 59% in 2024 is above the line (58.3)
        ("vitaal-en-weerbaar-1", "op koers", ""),
        # decreasing target: 51% -> 46%; 50% in 2024 is above the line (48.1), so behind
        ("vitaal-en-weerbaar-4", "achter", ""),
        # relative decrease: 244 nights, -20% -> 195.2; 230 in 2024 is below the line (231.8)
        ("zorg-en-wonen-1", "op koers", ""),
        # relative increase: 5377 +10% -> 5914.7; 5500 on 1 January 2025 is below the line (5578.6)
        ("financieel-fit-1", "achter", ""),
        # at most 1100 from 1240: 1090 meets it
        ("financieel-fit-3", "behaald", ""),
        # target without a number: "+10% per jaar" with "(geen 0-meting)"
        ("ontmoeten-en-omzien-naar-elkaar-4", "onbekend", "streefwaarde zonder getal"),
        # missing nulmeting, no 'minimaal'/'maximaal': whether 30% is good cannot be said
        ("financieel-fit-6", "onbekend", "geen nulmeting"),
        # missing nulmeting but 'minimaal 70%': 74% meets it
        ("opgroeien-en-zelfontplooiing-2", "behaald", ""),
        # measured twice a year, last on 1 January 2024: too old on 1 July 2025
        ("zorg-en-wonen-3", "onbekend", "ouder dan de meetfrequentie"),
        # only a measurement for one wijk
        ("ontmoeten-en-omzien-naar-elkaar-2", "onbekend", "alleen metingen per wijk"),
        # nothing measured
        ("vitaal-en-weerbaar-2", "onbekend", "nog geen meting"),
    ],
)
def test_each_kind_of_objective_gets_the_status_the_rule_gives(
    monitor: Monitor, objective: str, expected: str, reason: str
) -> None:
    found, why = status(monitor, objective)
    assert found == expected, why
    assert reason in why


def test_the_shipped_graph_has_no_measurements_so_every_status_is_unknown(settings: Settings) -> None:
    shipped = read_monitor(graph.open_store(settings), catalog(settings.queries_dir), PLAN, PEILDATUM)
    assert len(shipped.objectives) == 28
    assert {o.status for o in shipped.objectives} == {"onbekend"}
    assert not any(o.values for o in shipped.objectives)


def test_behind_schedule_is_the_same_query_with_a_filter(measured: Settings) -> None:
    store, queries = graph.open_store(measured), catalog(measured.queries_dir)
    behind = run_named(store, queries, "monitor-status", peildatum="2025-07-01", alleen="achter").records()
    assert {r["doelstelling"].rsplit("/", 1)[-1] for r in behind} == {"vitaal-en-weerbaar-4", "financieel-fit-1"}
    without = run_named(store, queries, "doelstellingen-zonder-meting", plan=PLAN).values("doelstelling")
    assert len(without) == 28 - 11  # 11 objectives have a measurement in the example (one only for a wijk)


def test_measurements_are_their_own_named_graph_beside_the_plan(measured: Settings) -> None:
    path = measurements_path(measured.graph_dir, PLAN)
    assert path.name == f"{PLAN}.metingen.ttl" and path.parent.name == "heemskerk"
    store = graph.open_store(measured)
    rows = store.select(
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?m a <https://beleidsgraaf.nl/def/Realisatie> } }"
    ).records()
    assert sorted(r["g"] for r in rows) == [
        f"https://beleidsgraaf.nl/graph/{plan}.metingen" for plan in (PLAN, "heemstede-wmo-2025-2028")
    ]


def test_importing_the_same_file_again_replaces_rather_than_adds(measured: Settings) -> None:
    report = import_measurements(
        EXAMPLE.read_bytes(), EXAMPLE.name, PLAN, measured, graph.open_store(measured), dry_run=True, today=PEILDATUM
    )
    assert (report.added, report.replaced, report.total) == (0, EXAMPLE_ROWS, EXAMPLE_ROWS)


def _refused(settings: Settings, tmp_path: Path, lines: list[str]) -> list[str]:
    copy = project_copy(settings, tmp_path)
    before = sorted((p.name, p.read_bytes()) for p in copy.graph_dir.rglob("*") if p.is_file())
    data = "\n".join([HEADER, *lines]).encode("utf-8")
    with pytest.raises(WorkbookError) as refused:
        import_measurements(data, "metingen.csv", PLAN, copy, graph.open_store(copy), today=PEILDATUM)
    after = sorted((p.name, p.read_bytes()) for p in copy.graph_dir.rglob("*") if p.is_file())
    assert before == after, "a refused file wrote something"
    return [str(p) for p in refused.value.problems]


def test_bad_measurement_files_are_refused_per_cell_and_nothing_is_written(settings: Settings, tmp_path: Path) -> None:
    good = "doelstelling/vitaal-en-weerbaar-1;;2024;;59;;;GGD;;;Ambtenaar"
    problems = _refused(
        settings,
        tmp_path,
        [
            good,
            "doelstelling/bestaat-niet;;2024;;59;;;GGD;;;Ambtenaar",
            "doelstelling/vitaal-en-weerbaar-2;;2024;;veel;;;GGD;;;Ambtenaar",
            "doelstelling/vitaal-en-weerbaar-3;;;2026-01-01;92;;;GGD;;;Ambtenaar",
            good,
            "doelstelling/vitaal-en-weerbaar-5;;2019;;42;;;GGD;;;Ambtenaar",
            "doelstelling/zorg-en-wonen-1;;2024;;230;;;;;;",
        ],
    )
    expected = [
        "Blad Metingen, rij 3, kolom A (Doelstelling of indicator): 'doelstelling/bestaat-niet': geen doelstelling",
        "Blad Metingen, rij 4, kolom E (Waarde): 'veel': geen getal",
        "Blad Metingen, rij 5, kolom D (Peildatum): '2026-01-01': ligt in de toekomst",
        "Blad Metingen, rij 6, kolom A (Doelstelling of indicator): 'doelstelling/vitaal-en-weerbaar-1': dezelfde "
        "meting (zelfde doelstelling, jaar en gebied) staat al in rij 2",
        "Blad Metingen, rij 7, kolom C (Jaar): '2019': valt in of vóór het jaar van de nulmeting (2019)",
        "Blad Metingen, rij 8, kolom H (Bron): verplicht",
        "Blad Metingen, rij 8, kolom K (Vastgelegd door): verplicht",
    ]
    for start in expected:
        assert any(p.startswith(start) for p in problems), f"{start!r} not in {problems}"
    assert len(problems) == len(expected)


def test_an_unknown_column_and_a_formula_are_refused(settings: Settings, tmp_path: Path) -> None:
    copy = project_copy(settings, tmp_path)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Metingen"
    sheet.append(["Doelstelling of indicator", "Jaar", "Waarde", "Bron", "Vastgelegd door", "Stemming"])
    sheet.append(["doelstelling/vitaal-en-weerbaar-1", 2024, "=58+1", "GGD", "Ambtenaar", "goed"])
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(WorkbookError) as refused:
        import_measurements(out.getvalue(), "m.xlsx", PLAN, copy, graph.open_store(copy), today=PEILDATUM)
    text = [str(p) for p in refused.value.problems]
    assert any(t.startswith("Blad Metingen, rij 1, kolom F (Stemming)") and "onbekende kolom" in t for t in text)
    assert any(t.startswith("Blad Metingen, rij 2, kolom C") and "formule" in t for t in text)
    assert not measurements_path(copy.graph_dir, PLAN).exists()


def test_a_workbook_with_the_same_rows_imports_like_the_csv(
    settings: Settings, tmp_path: Path, monitor: Monitor
) -> None:
    copy = project_copy(settings, tmp_path)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Metingen"
    for line in EXAMPLE.read_text(encoding="utf-8").splitlines():
        sheet.append([cell or None for cell in line.split(";")])
    out = io.BytesIO()
    book.save(out)
    report = import_measurements(out.getvalue(), "m.xlsx", PLAN, copy, graph.open_store(copy), today=PEILDATUM)
    assert report.added == EXAMPLE_ROWS
    from_xlsx = read_monitor(graph.open_store(copy), catalog(copy.queries_dir), PLAN, PEILDATUM)
    assert [(o.local, o.status, o.reason) for o in from_xlsx.objectives] == [
        (o.local, o.status, o.reason)
        for o in monitor.objectives  # the CSV import of the same rows
    ]
    assert from_xlsx.counts == {"behaald": 3, "op koers": 2, "achter": 2, "onbekend": 21}


def test_numbers_are_written_the_dutch_way() -> None:
    assert number(5914.700000000001) == "5.915"
    assert number(58.285714, "%") == "58,3%"
    assert number(13601.04, "euro") == "€ 13.601"
    assert number(244, "nachten") == "244 nachten"


def test_a_chart_is_vega_lite_with_its_points_and_a_text_alternative(monitor: Monitor) -> None:
    objective = next(o for o in monitor.objectives if o.local == "financieel-fit-1")
    drawing = charts.spec(objective)
    assert drawing["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
    kinds = [p["soort"] for p in drawing["datasets"]["punten"]]
    assert kinds == ["nulmeting", "meting", "meting", "meting", "streefwaarde"]
    assert "5.500" in drawing["description"] and "Status: achter" in drawing["description"]
    image = charts.svg(objective)
    assert image.startswith(b"<svg") and b"streefwaarde" in image


@pytest.fixture(scope="module")
def client_with_measurements(measured: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(measured)) as client:
        yield client


def test_dashboard_filters_on_status_and_names_the_rule(client_with_measurements: TestClient) -> None:
    page = client_with_measurements.get(f"/monitor/{PLAN}", params={"peildatum": "2025-07-01", "status": "achter"})
    assert page.status_code == 200
    html = page.text
    assert "Hoe de status bepaald wordt" in html and "rechte lijn van nulmeting naar streefwaarde" in html
    assert html.count('data-status="achter"') == 2 and 'data-status="op koers"' not in html
    assert "2 van de 28 doelstellingen met status <strong>achter</strong>" in html
    assert f"/monitor/{PLAN}/grafiek/financieel-fit-1.svg?peildatum=2025-07-01" in html
    assert 'alt="Toekenningen minimaregelingen: nulmeting 5.377; 2024-01-01: 5.450' in html


def test_the_json_csv_and_xlsx_say_the_same(client_with_measurements: TestClient) -> None:
    params = {"peildatum": "2025-07-01"}
    data = client_with_measurements.get(f"/monitor/{PLAN}.json", params=params).json()
    assert data["telling"] == {"behaald": 3, "op koers": 2, "achter": 2, "onbekend": 21}
    fit = next(d for d in data["doelstellingen"] if d["id"].endswith("/financieel-fit-1"))
    assert fit["status"] == "achter" and len(fit["metingen"]) == 3 and fit["hogerIsBeter"] is True
    csv = client_with_measurements.get(f"/monitor/{PLAN}.csv", params=params)
    assert csv.headers["content-type"].startswith("text/csv") and csv.text.count("\n") == 29
    book = openpyxl.load_workbook(
        io.BytesIO(client_with_measurements.get(f"/monitor/{PLAN}.xlsx", params=params).content)
    )
    statuses = [row[2] for row in book.active.iter_rows(min_row=2, values_only=True)]
    assert sorted(statuses) == sorted(d["status"] for d in data["doelstellingen"])


def test_bad_requests_get_clear_answers(client_with_measurements: TestClient) -> None:
    assert client_with_measurements.get("/monitor/bestaat-niet").status_code == 404
    wrong = client_with_measurements.get(f"/monitor/{PLAN}", params={"peildatum": "1 juli"})
    assert wrong.status_code == 400 and "JJJJ-MM-DD" in wrong.text
    assert client_with_measurements.get(f"/monitor/{PLAN}/grafiek/bestaat-niet.svg").status_code == 404


def test_the_report_is_an_a4_pdf_with_a_table_of_contents(client_with_measurements: TestClient, tmp_path: Path) -> None:
    response = client_with_measurements.get(f"/monitor/{PLAN}/rapportage.pdf", params={"peildatum": "2025-07-01"})
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    target = tmp_path / "rapportage.pdf"
    target.write_bytes(response.content)
    text = subprocess.run(["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True, check=True).stdout
    assert "Inhoud" in text and "Overzicht per opgave" in text and "Toelichting" in text
    assert "pagina 1 van" in text
    assert "De groei blijft achter, de campagne in het najaar moet dat inhalen." in text  # the workbook's vertellen
    size = subprocess.run(["pdfinfo", str(target)], capture_output=True, text=True, check=True).stdout
    assert "595.276 x 841.89 pts (A4)" in size


def test_the_monitor_index_lists_the_plans_with_objectives(client: TestClient) -> None:
    page = client.get("/monitor")
    assert page.status_code == 200 and f'href="/monitor/{PLAN}"' in page.text
    assert json.loads(client.get(f"/monitor/{PLAN}.json").text)["telling"]["onbekend"] == 28


def test_the_plan_workbook_carries_the_measurements_both_ways(measured: Settings, tmp_path: Path) -> None:
    from api.kg.workbook.service import export_plan, import_workbook

    copy = project_copy(measured, tmp_path)
    store = graph.open_store(copy)
    book = openpyxl.load_workbook(io.BytesIO(export_plan(store, catalog(copy.queries_dir), PLAN)))
    sheet = book["Metingen"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, r, strict=False)) for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert len(rows) == EXAMPLE_ROWS
    assert {r["Naam"] for r in rows if r["Doelstelling of indicator"] == "doelstelling/financieel-fit-1"} == {
        "Toekenningen minimaregelingen"
    }
    path = measurements_path(copy.graph_dir, PLAN)
    before = path.read_text(encoding="utf-8")
    sheet.delete_rows(2)  # the sheet is the plan's whole set: a deleted row is a deleted measurement
    out = io.BytesIO()
    book.save(out)
    import_workbook(out.getvalue(), copy, store)
    after = path.read_text(encoding="utf-8")
    assert before != after and after.count("a bg:Realisatie") == EXAMPLE_ROWS - 1


def test_an_indicator_the_plan_uses_can_be_measured_too(settings: Settings, tmp_path: Path) -> None:
    copy = project_copy(settings, tmp_path)
    data = "\n".join([HEADER, "indicator/absoluut-verzuim;;2024;;3;3 leerlingen;;Leerplichtverslag;;;Ambtenaar"])
    report = import_measurements(data.encode(), "m.csv", PLAN, copy, graph.open_store(copy), today=PEILDATUM)
    assert report.added == 1
    found = read_monitor(graph.open_store(copy), catalog(copy.queries_dir), PLAN, PEILDATUM).indicators
    assert [(v.label, v.value, v.source) for v in found["Absoluut verzuim"]] == [("2024", 3.0, "Leerplichtverslag")]


def test_every_status_links_to_values_that_dereference(client_with_measurements: TestClient) -> None:
    page = client_with_measurements.get(f"/monitor/{PLAN}", params={"peildatum": "2025-07-01", "status": "achter"})
    measured = f"/id/meting/{PLAN}/doelstelling/financieel-fit-1/2025-01-01"
    assert f'href="{measured}"' in page.text
    node = client_with_measurements.get(measured, headers={"Accept": "text/html"})
    assert node.status_code == 200 and "Realisatie" in node.text and "FICTIEF" in node.text


def test_one_municipality_of_a_joint_plan_is_its_own_area_and_another_is_refused(
    settings: Settings, tmp_path: Path
) -> None:
    copy = project_copy(settings, tmp_path)
    store = graph.open_store(copy)
    joint = "beverwijk-heemskerk-woonzorgvisie"
    row = "indicator/aantal-inwoners;;2024;;41000;;{area};CBS Statline;;;Ambtenaar"
    import_measurements(
        "\n".join([HEADER, row.format(area="Beverwijk")]).encode(), "m.csv", joint, copy, store, today=PEILDATUM
    )
    written = measurements_path(copy.graph_dir, joint).read_text(encoding="utf-8")
    assert f"/id/meting/{joint}/indicator/aantal-inwoners/2024/gm0375>" in written
    assert "bg:gebied gm:gm0375" in written
    with pytest.raises(WorkbookError) as refused:  # Heemskerk's own plan cannot record Heemstede's value
        import_measurements(
            "\n".join([HEADER, row.format(area="Heemstede").replace("aantal-inwoners", "absoluut-verzuim")]).encode(),
            "m.csv",
            PLAN,
            copy,
            store,
            today=PEILDATUM,
        )
    assert "hoort bij haar eigen plan" in str(refused.value) and "Gebied" in str(refused.value)


def test_a_bbv_indicator_measured_in_two_municipalities_is_put_side_by_side(measured: Settings) -> None:
    """The BBV's indicators are reported by every municipality, so Heemstede can measure one Heemskerk's plan names,
    and each dashboard shows the other's latest value beside its own."""
    store, queries = graph.open_store(measured), catalog(measured.queries_dir)
    [compared] = read_monitor(store, queries, PLAN, PEILDATUM).comparisons
    assert compared.name == "Absoluut verzuim"
    assert [(p.name, p.value, p.label, p.own) for p in compared.places] == [
        ("Heemskerk", 3.0, "2024", True),  # its own first
        ("Heemstede", 5.0, "2024", False),
    ]
    [other] = read_monitor(store, queries, "heemstede-wmo-2025-2028", PEILDATUM).comparisons
    assert [p.name for p in other.places] == ["Heemstede", "Heemskerk"]
    assert read_monitor(store, queries, PLAN, dt.date(2024, 1, 1)).comparisons == []  # not yet measured then


def test_the_latest_value_of_each_place_is_compared(measured: Settings, tmp_path: Path) -> None:
    copy = project_copy(measured, tmp_path)
    later = "\n".join([HEADER, "indicator/absoluut-verzuim;;2025;;2;;;Leerplichtverslag;;;A"]).encode()
    import_measurements(later, "m.csv", PLAN, copy, graph.open_store(copy), today=dt.date(2026, 1, 1))
    [compared] = read_monitor(graph.open_store(copy), catalog(copy.queries_dir), PLAN, dt.date(2026, 1, 1)).comparisons
    assert [(p.name, p.label) for p in compared.places] == [("Heemskerk", "2025"), ("Heemstede", "2024")]


def test_the_dashboard_and_json_carry_the_comparison(client_with_measurements: TestClient) -> None:
    page = client_with_measurements.get(f"/monitor/{PLAN}", params={"peildatum": "2025-07-01"})
    assert "Indicatoren naast andere gemeenten" in page.text and 'href="/monitor/heemstede-wmo-2025-2028"' in page.text
    body = client_with_measurements.get(f"/monitor/{PLAN}.json", params={"peildatum": "2025-07-01"}).json()
    assert [g["gemeente"] for g in body["vergelijking"][0]["gemeenten"]] == ["Heemskerk", "Heemstede"]
