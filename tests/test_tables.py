"""Downloads as Dutch Excel opens them, and nothing in them that a spreadsheet would run."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from fastapi.testclient import TestClient

from api.web.tables import XLSX_MEDIA_TYPE, Table, to_csv, to_xlsx

TABLE = Table(
    "Matrix: test/1", ["Partner", "Aantal"], [['=HYPERLINK("x")', "3"], ["Pré Wonen", "-2"], ["@SUM(A1)", "0"]]
)


def test_dutch_csv_has_a_bom_semicolons_and_no_live_formula() -> None:
    body = to_csv(TABLE)
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    assert rows[1] == ['\'=HYPERLINK("x")', "3"] and rows[2] == ["Pré Wonen", "-2"] and rows[3][0] == "'@SUM(A1)"


def test_csv_for_programs_is_plain_rfc_4180() -> None:
    body = to_csv(TABLE, "komma")
    assert not body.startswith(b"\xef\xbb\xbf")
    assert body.decode().splitlines()[0] == "Partner,Aantal"


def test_xlsx_writes_text_as_text_and_numbers_as_numbers() -> None:
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx(TABLE))).active
    assert sheet is not None
    assert sheet.title == "Matrix  test 1"
    assert [(c.value, c.data_type) for c in sheet[2]] == [('=HYPERLINK("x")', "s"), (3, "n")]
    assert sheet["B3"].value == -2
    assert sheet.freeze_panes == "B2" and sheet.auto_filter.ref == "A1:B4"


SOFFICE = shutil.which("soffice")


@pytest.mark.skipif(SOFFICE is None, reason="needs LibreOffice (Debian libreoffice-calc-nogui; make test installs it)")
@pytest.mark.parametrize(
    ("page", "query"),
    [("matrix", "plan=beverwijk-heemskerk-woonzorgvisie"), ("vergelijk", "gemeente=gm0396&gemeente=gm0397")],
)
def test_libreoffice_opens_the_downloads_with_every_cell(
    client: TestClient, tmp_path: Path, page: str, query: str
) -> None:
    """A real spreadsheet program, not our own reader: the xlsx opens and holds what the CSV holds."""
    (tmp_path / "matrix.xlsx").write_bytes(client.get(f"/{page}.xlsx?{query}").content)
    profile = (tmp_path / "profiel").as_uri()
    subprocess.run(
        [str(SOFFICE), f"-env:UserInstallation={profile}", "--headless", "--convert-to",
         "csv:Text - txt - csv (StarCalc):59,34,76", "--outdir", str(tmp_path), str(tmp_path / "matrix.xlsx")],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    converted = (tmp_path / "matrix.csv").read_text(encoding="utf-8")
    ours = client.get(f"/{page}.csv?{query}").content.decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(converted), delimiter=";")) == list(csv.reader(io.StringIO(ours), delimiter=";"))


def test_a_named_query_downloads_as_xlsx_with_the_rows_of_its_csv(client: TestClient) -> None:
    """#15 item 4: what staff can download as CSV they can download as xlsx, also a named query's table."""
    response = client.get("/queries/wetten?format=xlsx")
    assert response.headers["content-type"] == XLSX_MEDIA_TYPE
    assert 'filename="wetten.xlsx"' in response.headers["content-disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cells = [["" if c is None else str(c) for c in row] for row in sheet.iter_rows(values_only=True)]
    as_csv = list(csv.reader(io.StringIO(client.get("/queries/wetten", headers={"Accept": "text/csv"}).text)))
    assert cells[0] == as_csv[0] and len(cells) == len(as_csv) > 10
    assert {row[1] for row in cells[1:]} == {row[1] for row in as_csv[1:]}
    by_accept = client.get("/queries/wetten", headers={"Accept": XLSX_MEDIA_TYPE})
    assert by_accept.content[:2] == b"PK"
    refused = client.get(
        "/queries/beschrijving?format=xlsx&iri=https://beleidsgraaf.nl/id/organisatie/pre-wonen",
        headers={"Accept": "text/plain"},
    )
    assert refused.status_code == 406 and "tabel" in refused.text
