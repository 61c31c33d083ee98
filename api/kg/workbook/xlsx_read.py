"""Read an untrusted .xlsx into workbook rows: size and zip-ratio limits first, formulas reported, never evaluated.

openpyxl parses the XML with defusedxml (installed with the project), which refuses entity tricks; the zip is
checked before openpyxl sees it, so a bomb is refused without being unpacked.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from api.kg.monitoring.files import read_sheet
from api.kg.monitoring.measurements import SHEET as MEASUREMENTS
from api.kg.workbook.cells import Cell
from api.kg.workbook.problems import Problem, WorkbookError
from api.kg.workbook.reviews_sheet import REVIEW_HEADERS, REVIEWS
from api.kg.workbook.rows import PlanRows, Row
from api.kg.workbook.schema import EXTRA, EXTRA_HEADERS, INTRO, LISTS_SHEET, SHEET_BY_NAME


@dataclass(frozen=True)
class Limits:
    file_bytes: int = 20_000_000
    unpacked_bytes: int = 200_000_000
    ratio: int = 100  # unpacked / packed, per member
    members: int = 2_000
    rows: int = 100_000
    columns: int = 200


TOO_LARGE, NOT_XLSX = 413, 415  # what a web client is told besides the message (422 for the rest)


def _refuse(message: str, status: int = 422) -> WorkbookError:
    error = WorkbookError([Problem("(bestand)", None, None, None, None, message)])
    error.status = status
    return error


def check_container(data: bytes, limits: Limits) -> None:
    if len(data) > limits.file_bytes:
        raise _refuse(
            f"het bestand is {len(data):,} bytes; de grens is {limits.file_bytes:,}. Splits het plan of "
            "verwijder afbeeldingen",
            TOO_LARGE,
        )
    if not data.startswith(b"PK"):
        raise _refuse("dit is geen Excel-werkboek (.xlsx); sla het op als 'Excel-werkmap (.xlsx)'", NOT_XLSX)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise _refuse(f"het bestand is geen geldig .xlsx (beschadigd zip-bestand: {error})", NOT_XLSX) from None
    if len(members) > limits.members:
        raise _refuse(f"het werkboek bevat {len(members)} onderdelen; de grens is {limits.members}", TOO_LARGE)
    total = 0
    for member in members:
        total += member.file_size
        if member.file_size > 1_000_000 and member.file_size > limits.ratio * max(1, member.compress_size):
            raise _refuse(
                f"onderdeel {member.filename} pakt uit tot {member.file_size:,} bytes uit "
                f"{member.compress_size:,}: dat lijkt een zip-bom en wordt niet gelezen",
                TOO_LARGE,
            )
    if total > limits.unpacked_bytes:
        raise _refuse(f"het werkboek pakt uit tot {total:,} bytes; de grens is {limits.unpacked_bytes:,}", TOO_LARGE)
    names = {m.filename for m in members}
    if "xl/workbook.xml" not in names or "[Content_Types].xml" not in names:
        raise _refuse(
            "dit is geen Excel-werkboek (.xlsx): xl/workbook.xml ontbreekt. Een .xls of .ods eerst opslaan als .xlsx",
            NOT_XLSX,
        )


def read_workbook(data: bytes, limits: Limits | None = None) -> tuple[PlanRows, list[Problem]]:
    """Rows per sheet with their row numbers and column letters, and the cells that could not be taken.

    WorkbookError only for a file that cannot be read at all; problems in cells come back beside the rows, so that
    the import reports them together with what the rows themselves get wrong.
    """
    limits = limits or Limits()
    check_container(data, limits)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False, keep_links=False)
    except Exception as error:  # openpyxl raises many kinds for a broken file; all mean the same to the user
        raise _refuse(f"het werkboek kan niet gelezen worden ({type(error).__name__}: {error})") from None
    problems: list[Problem] = []
    out = PlanRows()
    try:
        for name in book.sheetnames:
            if name in (INTRO, LISTS_SHEET):
                continue
            if name == MEASUREMENTS:  # its own columns and rules: api.kg.monitoring reads it
                rows, letters, unread = read_sheet(book[name], limits.rows)
                out.sheets[name], out.columns[name] = rows, letters
                problems.extend(unread)
                continue
            if name not in SHEET_BY_NAME and name not in (EXTRA, REVIEWS):
                problems.append(
                    Problem(
                        name,
                        None,
                        None,
                        None,
                        None,
                        "onbekend blad; gebruik de bladen van het "
                        "sjabloon (beleidsgraaf template) of verwijder dit blad",
                    )
                )
                continue
            _read_sheet(book[name], name, out, problems, limits)
    finally:
        book.close()
    if "Plan" not in out.sheets:
        problems.append(Problem("Plan", None, None, None, None, "het blad Plan ontbreekt; begin met het sjabloon"))
    return out, problems


def _read_sheet(sheet: object, name: str, out: PlanRows, problems: list[Problem], limits: Limits) -> None:
    fixed = {EXTRA: EXTRA_HEADERS, REVIEWS: REVIEW_HEADERS}
    allowed = list(fixed[name]) if name in fixed else [c.header for c in SHEET_BY_NAME[name].columns]
    rows = sheet.iter_rows()  # type: ignore[attr-defined]
    header_cells = next(rows, ())
    letters: dict[int, str] = {}
    for index, cell in enumerate(header_cells):
        value = getattr(cell, "value", None)
        if value is None or str(value).strip() == "":
            continue
        header = str(value).strip()
        if index >= limits.columns:
            problems.append(Problem(name, 1, get_column_letter(index + 1), None, header, "te veel kolommen"))
            break
        refused = (
            "onbekende kolom; gebruik de kolommen van het sjabloon (zie Toelichting) of zet de gegevens op blad "
            "Overige gegevens" if header not in allowed else
            "deze kolom staat er twee keer; laat er één staan" if header in letters.values() else None
        )  # fmt: skip
        if refused is not None:
            problems.append(Problem(name, 1, get_column_letter(index + 1), header, header, refused))
            continue
        letters[index] = header
    out.columns[name] = {header: get_column_letter(index + 1) for index, header in letters.items()}
    target = out.rows(name)
    for number, cells in enumerate(rows, start=2):
        if number > limits.rows + 1:
            problems.append(Problem(name, number, None, None, None, f"meer dan {limits.rows:,} rijen"))
            return
        values: dict[str, Cell] = {}
        for index, cell in enumerate(cells):
            value = getattr(cell, "value", None)
            if value is None:
                continue
            known = letters.get(index)
            refused = _refused_cell(known, getattr(cell, "data_type", None), value)
            if refused is not None:
                problems.append(Problem(name, number, get_column_letter(index + 1), known, str(value)[:80], refused))
            if known is None or refused is not None:
                continue
            values[known] = value
        if values:
            target.append(Row(values, number))


def _refused_cell(header: str | None, data_type: str | None, value: object) -> str | None:
    """Why a cell is not taken (in Dutch, with what to do), or None when it is."""
    if header is None:
        return "waarde in een kolom zonder kop; zet haar in een kolom van het sjabloon" if str(value).strip() else None
    if data_type == "f":
        return "een formule wordt niet uitgerekend of overgenomen; zet de waarde zelf in de cel (als tekst)"
    if data_type == "e":
        return "de cel bevat een foutwaarde; vul een gewone waarde in"
    return None
