"""The plan workbook: every curated plan out to Excel and back, a new plan only through the workbook, every mistake
reported per cell with nothing written, hostile files refused, and a real spreadsheet program in the loop."""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic

from api.kg import graph
from api.kg.checks import check
from api.kg.namespaces import PLAN
from api.kg.queries import QueryCatalog
from api.kg.store import GraphStore
from api.kg.workbook.problems import WorkbookError
from api.kg.workbook.service import ImportReport, export_plan, import_workbook, plan_graphs, template
from api.kg.workbook.xlsx_read import Limits, read_workbook
from api.settings import Settings
from api.web.app import create_app
from tests.graphdata import PLANS, project_copy

SOFFICE = shutil.which("soffice")


def tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(str(path.relative_to(folder)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def turtle_graph(path: Path) -> Graph:
    parsed = Graph()
    parsed.parse(path, format="turtle")
    return parsed


def bronnen_entry(path: Path, plan_id: str) -> Graph:
    entry = Graph()
    for triple in turtle_graph(path).triples((URIRef(PLAN + plan_id), None, None)):
        entry.add(triple)
    return entry


@pytest.mark.parametrize("plan_id", PLANS)
def test_every_curated_plan_survives_export_and_import(
    plan_id: str, settings: Settings, store: GraphStore, queries: QueryCatalog, tmp_path: Path
) -> None:
    curated_plan, curated_entry = plan_graphs(store, queries, plan_id)
    copy = project_copy(settings, tmp_path)
    before = tree_digest(settings.graph_dir)

    report = import_workbook(export_plan(store, queries, plan_id), copy, store)

    assert report.written and report.path.relative_to(copy.graph_dir).parts[-1] == f"{plan_id}.ttl"
    assert isomorphic(turtle_graph(report.path), curated_plan)
    assert isomorphic(bronnen_entry(copy.graph_dir / "bronnen.ttl", plan_id), curated_entry)
    assert tree_digest(settings.graph_dir) == before, "the curated files must stay as they are"


def test_a_reimport_writes_the_same_bytes(
    settings: Settings, store: GraphStore, queries: QueryCatalog, tmp_path: Path
) -> None:
    copy = project_copy(settings, tmp_path)
    plan_id = "heemskerk-sociaal-domein-2024"
    first = import_workbook(export_plan(store, queries, plan_id), copy, store)
    written = first.path.read_bytes()
    bronnen = (copy.graph_dir / "bronnen.ttl").read_bytes()
    again = graph.open_store(copy)
    import_workbook(export_plan(again, queries, plan_id), copy, again)
    assert first.path.read_bytes() == written
    assert (copy.graph_dir / "bronnen.ttl").read_bytes() == bronnen
    other_lines = [line for line in bronnen.decode().splitlines() if "heemskerk-sociaal-domein-2024" not in line]
    curated = (settings.graph_dir / "bronnen.ttl").read_text(encoding="utf-8").splitlines()
    assert all(line in curated for line in other_lines if not line.startswith(("    ", "plan:"))), (
        "bronnen.ttl keeps its other entries and comments"
    )


def test_the_workbook_is_made_for_people(store: GraphStore, queries: QueryCatalog) -> None:
    book = openpyxl.load_workbook(io.BytesIO(export_plan(store, queries, "heemstede-wmo-2025-2028")))
    assert book.sheetnames[0] == "Toelichting"
    assert book["Lijsten"].sheet_state == "hidden"
    explained = {row[1] for row in book["Toelichting"].iter_rows(values_only=True) if row[1]}
    for name in book.sheetnames[1:-2]:
        sheet = book[name]
        headers = [c.value for c in sheet[1] if c.value]
        assert sheet.freeze_panes in ("A2", "B2"), name
        assert set(headers) <= explained | {"Id"}, f"{name}: every column is explained on Toelichting"
    actions = book["Acties"]
    headers = [c.value for c in actions[1]]
    assert "§" in headers and "Samenwerkingspartners" in headers
    validated = {str(rule.sqref).split(":")[0] for rule in actions.data_validations.dataValidation}
    partner_column = openpyxl.utils.get_column_letter(headers.index("Samenwerkingspartners") + 1)
    assert f"{partner_column}2" in validated, "partners come from a dropdown"
    lists = book["Lijsten"]
    law_column = [c.value for c in lists[1]].index("wetten") + 1
    laws = [row[law_column - 1] for row in lists.iter_rows(min_row=2, values_only=True) if row[law_column - 1]]
    assert any("[bwb:BWBR0035362]" in law for law in laws), "laws by name with their BWB id"
    ids = [row[0] for row in actions.iter_rows(min_row=2, values_only=True)]
    assert "actie/uitvoeringsagenda-01" in ids
    assert "Metingen" in book.sheetnames


def fill(book: openpyxl.Workbook, sheet: str, rows: list[dict[str, object]]) -> None:
    target = book[sheet]
    headers = [c.value for c in target[1]]
    start = target.max_row + 1 if any(c.value for c in target[target.max_row]) and target.max_row > 1 else 2
    for offset, row in enumerate(rows):
        for header, value in row.items():
            target.cell(row=start + offset, column=headers.index(header) + 1, value=value)


VELSEN = "velsen-sociaal-domein-2026"


def velsen_workbook(
    store: GraphStore, queries: QueryCatalog, edit: Callable[[openpyxl.Workbook], None] | None = None
) -> bytes:
    """A small plan for a municipality the graph does not know yet, made only by filling in the template."""
    book = openpyxl.load_workbook(io.BytesIO(template(store, queries)))
    plan = book["Plan"]
    headers = [c.value for c in plan[1]]
    for header, value in {
        "Id": VELSEN,
        "Titel": "Samen verder in Velsen",
        "Naam": "Beleidsplan sociaal domein Velsen 2026",
        "Gemeenten": "Velsen [GM0453]",
        "Missie": "missie",
        "Visie": "visie",
        "Opgaven": "opgave/meedoen",
        "§": "1",
    }.items():
        plan.cell(row=2, column=headers.index(header) + 1, value=value)
    fill(book, "Secties", [{"Nummer": "1", "Titel": "Inleiding"}, {"Nummer": "2", "Titel": "Wat we willen"}])
    fill(
        book,
        "Missie en visie",
        [
            {"Id": "missie", "Soort": "Missie", "Naam": "Missie", "Tekst": "Iedereen in Velsen doet mee.", "§": "1"},
            {"Id": "visie", "Soort": "Visie", "Naam": "Visie", "Tekst": "Hulp dichtbij, in de wijk.", "§": "1"},
        ],
    )
    fill(
        book,
        "Kernelementen",
        [
            {
                "Id": "opgave/meedoen",
                "Soort": "MaatschappelijkeOpgave",
                "Naam": "Iedereen doet mee",
                "Tekst": "Meer inwoners doen mee in sport, werk en buurt.",
                "§": "2",
            }
        ],
    )
    fill(
        book,
        "Doelstellingen",
        [
            {
                "Naam": "Meer inwoners sporten wekelijks",
                "Onderdeel van": "opgave/meedoen",
                "SMART": "ja",
                "Nulmeting": "nulmeting/sporten",
                "Streefwaarde": "streefwaarde/sporten",
                "§": "2",
                "Tekst": "In 2028 sport 60% van de inwoners wekelijks.",
            }
        ],
    )
    fill(
        book,
        "Nulmetingen en streefwaarden",
        [
            {
                "Id": "nulmeting/sporten",
                "Soort": "Nulmeting",
                "Naam": "Nulmeting sporten",
                "Zoals gedrukt": "52%",
                "Waarde": 52,
                "Eenheid": "[bg:Procent]",
                "Jaar": 2025,
                "§": "2",
            },
            {
                "Id": "streefwaarde/sporten",
                "Soort": "Streefwaarde",
                "Naam": "Streefwaarde sporten",
                "Zoals gedrukt": "60%",
                "Waarde": 60,
                "Eenheid": "[bg:Procent]",
                "Jaar": 2028,
                "§": "2",
            },
        ],
    )
    fill(
        book,
        "Acties",
        [
            {
                "Naam": "Buurtsportcoaches in elke wijk",
                "Onderdeel van": "opgave/meedoen",
                "Status": "Voorgenomen",
                "Samenwerkingspartners": "Viva! Zorggroep\nStichting Velsen Beweegt",
                "Jaar": 2026,
                "§": "2",
                "Tekst": "=Met buurtsportcoaches in elke wijk",  # text that starts like a formula stays text
            }
        ],
    )
    plan.cell(row=2, column=headers.index("Documentsoort") + 1, value="Beleidsplan [bg:Beleidsplan]")
    for sheet in book.worksheets:  # openpyxl reads a string starting with '=' as a formula; this one is text
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith("=Met"):
                    cell.data_type = "s"
    if edit is not None:
        edit(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def velsen(
    tmp_path_factory: pytest.TempPathFactory, store: GraphStore, queries: QueryCatalog, settings: Settings
) -> tuple[Settings, ImportReport]:
    copy = project_copy(settings, tmp_path_factory.mktemp("velsen"))
    return copy, import_workbook(velsen_workbook(store, queries), copy, store)


def test_a_new_municipality_enters_only_through_the_workbook(velsen: tuple[Settings, ImportReport]) -> None:
    copy, report = velsen
    assert report.path == copy.graph_dir / "velsen" / f"{VELSEN}.ttl"
    assert report.summary.new_gemeenten == {}, "Velsen has a node (CBS code GM0453) but no plan yet: it is reused"
    assert set(report.summary.new_organisations.values()) == {"Stichting Velsen Beweegt"}, (
        "Viva! Zorggroep is matched to its existing node by name; only the unknown one is new"
    )
    written = report.path.read_text(encoding="utf-8")
    assert "bgorg:viva-zorggroep" in written
    assert '"=Met buurtsportcoaches in elke wijk"@nl' in written
    assert "<https://beleidsgraaf.nl/graph/velsen-sociaal-domein-2026>" in (copy.graph_dir / "bronnen.ttl").read_text()


def test_the_new_plan_is_on_every_surface(velsen: tuple[Settings, ImportReport]) -> None:
    copy, _ = velsen
    with TestClient(create_app(copy)) as client:
        home = client.get("/")
        assert home.status_code == 200 and "Velsen" in home.text
        page = client.get(f"/id/plan/{VELSEN}", headers={"Accept": "text/html"})
        assert page.status_code == 200
        assert "Samen verder in Velsen" in page.text and "Iedereen doet mee" in page.text
        assert f'href="/matrix?plan={VELSEN}"' in page.text and f'href="/plannen/{VELSEN}.xlsx"' in page.text
        matrix = client.get(f"/matrix?plan={VELSEN}")
        assert matrix.status_code == 200
        assert "Stichting Velsen Beweegt" in matrix.text and "Viva! Zorggroep" in matrix.text
        diagram = client.get(f"/diagrams/{VELSEN}/bijlage1.svg")
        assert diagram.status_code == 200 and "Iedereen doet mee" in diagram.text
        assert client.get(f"/plannen/{VELSEN}.xlsx").status_code == 200
    findings = check(graph.open_store(copy), copy, plan=VELSEN)
    assert all(f.severity.value != "Violation" for f in findings), [str(f.message) for f in findings]


def test_a_dry_run_checks_everything_and_writes_nothing(
    settings: Settings, store: GraphStore, queries: QueryCatalog, tmp_path: Path
) -> None:
    def joint(book: openpyxl.Workbook) -> None:
        headers = [c.value for c in book["Plan"][1]]
        book["Plan"].cell(row=2, column=headers.index("Gemeenten") + 1, value="Velsen [GM0453]\nZandvoort [GM0473]")

    copy = project_copy(settings, tmp_path)
    before = tree_digest(copy.graph_dir)
    report = import_workbook(velsen_workbook(store, queries, joint), copy, store, dry_run=True)
    assert not report.written and tree_digest(copy.graph_dir) == before
    assert report.summary.new_gemeenten == {"https://identifier.overheid.nl/tooi/id/gemeente/gm0473": "Zandvoort"}
    assert report.path == copy.graph_dir / "velsen-zandvoort" / f"{VELSEN}.ttl", "a joint plan: both names"


def _mistakes(book: openpyxl.Workbook) -> None:
    def put(sheet: str, row: int, header: str, value: object) -> None:
        headers = [c.value for c in book[sheet][1]]
        book[sheet].cell(row=row, column=headers.index(header) + 1, value=value)

    put("Doelstellingen", 2, "SMART", "misschien")
    put("Nulmetingen en streefwaarden", 2, "Waarde", "x*")
    put("Nulmetingen en streefwaarden", 3, "Jaar", "20x8")
    put("Acties", 2, "Onderdeel van", "opgave/bestaat-niet")
    put("Acties", 2, "§", "9.9")
    put("Acties", 2, "Status", "Bijna klaar")
    put("Kernelementen", 2, "Soort", "Taart")
    put("Missie en visie", 3, "Id", "missie")  # the same id twice
    put("Missie en visie", 2, "Tekst", "=1+1")  # a formula
    put("Cijfers", 2, "Peildatum", "31-12-2024")
    put("Cijfers", 2, "Naam", "Een cijfer")
    put("Plan", 2, "Gemeenten", "Velsen [GM0453]\nGM9999")
    book["Acties"].cell(row=1, column=book["Acties"].max_column + 1, value="Kleur")
    put("Overige gegevens", 2, "Onderwerp", "opgave/meedoen")
    put("Overige gegevens", 2, "Eigenschap", "kleur")
    put("Overige gegevens", 2, "Waarde", "blauw")
    book.create_sheet("Notities")


def test_every_mistake_is_reported_per_cell_and_nothing_is_written(
    settings: Settings, store: GraphStore, queries: QueryCatalog, tmp_path: Path
) -> None:
    copy = project_copy(settings, tmp_path)
    before = tree_digest(copy.graph_dir)
    with pytest.raises(WorkbookError) as raised:
        import_workbook(velsen_workbook(store, queries, _mistakes), copy, store)
    found = {(p.sheet, p.row, p.header) for p in raised.value.problems}
    expected = {
        ("Doelstellingen", 2, "SMART"),
        ("Nulmetingen en streefwaarden", 2, "Waarde"),
        ("Nulmetingen en streefwaarden", 3, "Jaar"),
        ("Acties", 2, "Onderdeel van"),
        ("Acties", 2, "§"),
        ("Acties", 2, "Status"),
        ("Kernelementen", 2, "Soort"),
        ("Missie en visie", 3, "Id"),
        ("Missie en visie", 2, "Tekst"),
        ("Cijfers", 2, "Peildatum"),
        ("Plan", 2, "Gemeenten"),
        ("Acties", 1, "Kleur"),
        ("Overige gegevens", 2, "Eigenschap"),
        ("Notities", None, None),
    }
    assert expected <= found, expected - found
    text = str(raised.value)
    assert "Blad Nulmetingen en streefwaarden, rij 2, kolom" in text and "'x*' is geen getal" in text
    assert "zet de tekst zoals gedrukt in kolom 'Zoals gedrukt'" in text
    assert all(p.column for p in raised.value.problems if p.row), "every cell problem names its column letter"
    assert tree_digest(copy.graph_dir) == before
    assert not (copy.graph_dir / "velsen").exists()


def test_formulas_are_reported_never_evaluated(store: GraphStore, queries: QueryCatalog) -> None:
    def formulas(book: openpyxl.Workbook) -> None:
        book["Acties"]["H2"] = '=HYPERLINK("https://example.org","klik")'
        book["Acties"]["I2"] = "=cmd|' /C calc'!A0"

    rows, problems = read_workbook(velsen_workbook(store, queries, formulas))
    assert {(p.sheet, p.row, p.column) for p in problems} == {("Acties", 2, "H"), ("Acties", 2, "I")}
    assert all("formule" in p.message for p in problems)
    assert all("HYPERLINK" not in str(v) for r in rows.rows("Acties") for v in r.values.values())


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_hostile_files_are_refused_with_a_clear_message(store: GraphStore, queries: QueryCatalog) -> None:
    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML, "openpyxl parses workbooks with defusedxml (a direct dependency for that)"
    valid = export_plan(store, queries, "heemskerk-gala-2023-2026")

    def refused(data: bytes, limits: Limits | None = None) -> str:
        with pytest.raises(WorkbookError) as raised:
            read_workbook(data, limits)
        return str(raised.value)

    assert "geen Excel-werkboek" in refused(b"Naam;Waarde\nx;1\n")
    assert "geen Excel-werkboek" in refused(bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 512)  # an old .xls
    assert "zip-bom" in refused(
        _zip(
            {"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"<x/>", "xl/worksheets/sheet1.xml": b"\0" * 60_000_000}
        )
    )
    assert "grens" in refused(valid, Limits(file_bytes=10_000))
    with zipfile.ZipFile(io.BytesIO(valid)) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    laughs = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
    original = members["xl/workbook.xml"]
    members["xl/workbook.xml"] = laughs + (original.split(b"?>", 1)[1] if original.startswith(b"<?xml") else original)
    assert "kan niet gelezen worden" in refused(_zip(members))


def test_exported_text_that_looks_like_a_formula_stays_text(
    velsen: tuple[Settings, ImportReport], queries: QueryCatalog
) -> None:
    copy, _ = velsen
    book = openpyxl.load_workbook(io.BytesIO(export_plan(graph.open_store(copy), queries, VELSEN)))
    cells = [c for row in book["Acties"].iter_rows() for c in row if c.value == "=Met buurtsportcoaches in elke wijk"]
    assert cells and all(c.data_type == "s" and c.quotePrefix for c in cells)


@pytest.mark.skipif(SOFFICE is None, reason="needs LibreOffice (Debian libreoffice-calc-nogui; make test installs it)")
def test_libreoffice_reads_what_we_write_and_writes_what_we_read(
    settings: Settings, store: GraphStore, queries: QueryCatalog, tmp_path: Path
) -> None:
    plan_id = "heemstede-wmo-2025-2028"
    book = openpyxl.load_workbook(io.BytesIO(export_plan(store, queries, plan_id)))
    plan = book["Plan"]
    headers = [c.value for c in plan[1]]
    plan.cell(row=2, column=headers.index("Naam") + 1, value="Beleidsplan Wmo Heemstede 2025-2028 (bewerkt)")
    (tmp_path / "in").mkdir()
    book.save(tmp_path / "in" / "plan.xlsx")
    profile = (tmp_path / "profiel").as_uri()

    def soffice(target: str, outdir: Path) -> None:
        subprocess.run(
            [str(SOFFICE), f"-env:UserInstallation={profile}", "--headless", "--convert-to", target,
             "--outdir", str(outdir), str(tmp_path / "in" / "plan.xlsx")],
            check=True, capture_output=True, timeout=180,
        )  # fmt: skip

    soffice("csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,false,false,false,-1", tmp_path / "csv")
    actions = (tmp_path / "csv" / "plan-Acties.csv").read_text(encoding="utf-8")
    assert "actie/uitvoeringsagenda-01" in actions and "Inzetten voor een sprankelend en inclusief Plein1" in actions

    soffice("xlsx:Calc MS Excel 2007 XML", tmp_path / "libreoffice")
    copy = project_copy(settings, tmp_path / "project")
    report = import_workbook((tmp_path / "libreoffice" / "plan.xlsx").read_bytes(), copy, store)
    curated_plan, _ = plan_graphs(store, queries, plan_id)
    assert isomorphic(turtle_graph(report.path), curated_plan), "everything survives a save by LibreOffice"
    assert "(bewerkt)" in (copy.graph_dir / "bronnen.ttl").read_text(encoding="utf-8")
