"""Measurement files as rows: a CSV (as Excel saves it, ';' or ',') or an .xlsx with a sheet Metingen.

Both are untrusted: size limits first, the zip checked before openpyxl opens it, formulas reported and never
evaluated, an unknown column refused by name. Row numbers are those the officer sees (the header is row 1).
"""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from api.kg.monitoring.measurements import HEADERS, SHEET
from api.kg.workbook.cells import Cell
from api.kg.workbook.problems import Problem, WorkbookError
from api.kg.workbook.rows import Row

MAX_CSV_BYTES = 5_000_000


def _refuse(where: str, message: str) -> WorkbookError:
    return WorkbookError([Problem(where, None, None, None, None, message)])


def _headers(sheet: str, cells: list[str], problems: list[Problem]) -> dict[int, str]:
    known: dict[int, str] = {}
    for index, raw in enumerate(cells):
        header = (raw or "").strip()
        if not header:
            continue
        letter = get_column_letter(index + 1)
        if header not in HEADERS:
            problems.append(
                Problem(sheet, 1, letter, header, header, f"onbekende kolom; de kolommen zijn: {', '.join(HEADERS)}")
            )
        elif header in known.values():
            problems.append(
                Problem(sheet, 1, letter, header, header, "deze kolom staat er twee keer; laat er één staan")
            )
        else:
            known[index] = header
    if "Doelstelling of indicator" not in known.values():
        problems.append(Problem(sheet, 1, None, None, None, "de kop 'Doelstelling of indicator' ontbreekt in rij 1"))
    return known


def read_csv(data: bytes, name: str = SHEET) -> tuple[list[Row], dict[str, str], list[Problem]]:
    """Rows, the column letters of the headers, and what could not be read."""
    if len(data) > MAX_CSV_BYTES:
        raise _refuse(name, f"het bestand is {len(data):,} bytes; de grens is {MAX_CSV_BYTES:,}")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")  # Excel's "CSV (gescheiden door lijstscheidingsteken)" on Windows
        except UnicodeDecodeError:
            raise _refuse(name, "het bestand is geen tekst (UTF-8); sla het op als CSV UTF-8") from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    problems: list[Problem] = []
    known = _headers(name, next(reader, []), problems)
    rows = []
    for number, cells in enumerate(reader, start=2):
        values: dict[str, Cell] = {}
        for index, cell in enumerate(cells):
            if not cell.strip():
                continue
            if index not in known:
                problems.append(
                    Problem(
                        name, number, get_column_letter(index + 1), None, cell[:80], "waarde in een kolom zonder kop"
                    )
                )
                continue
            values[known[index]] = cell
        if values:
            rows.append(Row(values, number))
    return rows, {header: get_column_letter(index + 1) for index, header in known.items()}, problems


def read_xlsx(data: bytes) -> tuple[list[Row], dict[str, str], list[Problem]]:
    from api.kg.workbook.xlsx_read import Limits, check_container  # the plan workbook's reader imports this one

    limits = Limits()
    check_container(data, limits)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False, keep_links=False)
    except Exception as error:  # openpyxl raises many kinds for a broken file; all mean the same to the user
        raise _refuse("(bestand)", f"het werkboek kan niet gelezen worden ({type(error).__name__})") from None
    try:
        if SHEET not in book.sheetnames:
            raise _refuse(SHEET, "het werkboek heeft geen blad Metingen; begin met het sjabloon van de monitor")
        return read_sheet(book[SHEET], limits.rows)
    finally:
        book.close()


def read_sheet(sheet: object, max_rows: int) -> tuple[list[Row], dict[str, str], list[Problem]]:
    """The sheet Metingen of an open workbook (also the plan workbook's)."""
    problems: list[Problem] = []
    lines = sheet.iter_rows()  # type: ignore[attr-defined]
    header_cells = next(lines, ())
    known = _headers(SHEET, [str(getattr(c, "value", "") or "") for c in header_cells], problems)
    rows = []
    for number, cells in enumerate(lines, start=2):
        if number > max_rows + 1:
            problems.append(Problem(SHEET, number, None, None, None, f"meer dan {max_rows:,} rijen"))
            break
        values: dict[str, Cell] = {}
        for index, cell in enumerate(cells):
            value = getattr(cell, "value", None)
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            letter = get_column_letter(index + 1)
            if getattr(cell, "data_type", None) == "f":
                problems.append(
                    Problem(
                        SHEET,
                        number,
                        letter,
                        known.get(index),
                        str(value)[:80],
                        "een formule wordt niet uitgerekend; zet de waarde zelf in de cel",
                    )
                )
                continue
            if index not in known:
                problems.append(Problem(SHEET, number, letter, None, str(value)[:80], "waarde in een kolom zonder kop"))
                continue
            values[known[index]] = value
        if values:
            rows.append(Row(values, number))
    return rows, {header: get_column_letter(index + 1) for index, header in known.items()}, problems
