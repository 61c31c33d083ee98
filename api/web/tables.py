"""A table as people download it: CSV as Dutch Excel opens it, CSV for programs, and xlsx.

Dutch Excel reads a CSV with the list separator of the Dutch locale (;) and guesses the encoding unless
a BOM says UTF-8 (without one "Pré Wonen" arrives garbled, in one column). So the default CSV has a BOM
and semicolons; `scheiding=komma` gives RFC 4180 (comma, no BOM) for programs. A cell that starts with
= + - @ would be run as a formula by a spreadsheet: in CSV it gets a leading apostrophe, in xlsx it is
written as a string cell, never as a formula. openpyxl is the maintained reference for writing xlsx.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

Separator = Literal["puntkomma", "komma"]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Table:
    title: str  # the sheet's name
    header: Sequence[str]
    rows: Sequence[Sequence[str]]


def _number(value: str) -> int | float | None:
    try:
        return int(value) if value.lstrip("-").isdigit() else float(value) if "." in value else None
    except ValueError:
        return None


def _defused(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_START) and _number(value) is None else value


def to_csv(table: Table, separator: Separator = "puntkomma") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";" if separator == "puntkomma" else ",", lineterminator="\r\n")
    writer.writerow([_defused(cell) for cell in table.header])
    for row in table.rows:
        writer.writerow([_defused(cell) for cell in row])
    text = out.getvalue()
    return ("\ufeff" + text).encode("utf-8") if separator == "puntkomma" else text.encode("utf-8")


def to_xlsx(table: Table) -> bytes:
    """One sheet: a bold, frozen header row with an autofilter, columns as wide as their text (capped)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _sheet_name(table.title)
    widths = [len(name) for name in table.header]
    for row_number, row in enumerate([table.header, *table.rows], start=1):
        for column, value in enumerate(row, start=1):
            cell = sheet.cell(row=row_number, column=column)
            number = _number(value) if row_number > 1 else None
            cell.value = number if number is not None else value
            if number is None:
                cell.data_type = TYPE_STRING  # never a formula, whatever the text starts with
            if column <= len(widths):
                widths[column - 1] = max(widths[column - 1], min(len(value), 60))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "B2" if len(table.header) > 1 else "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(max(1, len(table.header)))}{len(table.rows) + 1}"
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = max(8, width + 2)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _sheet_name(title: str) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\."""
    clean = "".join(" " if char in "[]:*?/\\" else char for char in title).strip()
    return (clean or "Tabel")[:31]
