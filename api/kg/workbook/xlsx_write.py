"""Workbook rows as an .xlsx an officer can fill in: Toelichting first, dropdowns, frozen headers, hidden lists.

Text cells are written as text, never as formulas, whatever they start with ('=', '+', '-', '@'), and marked
with a quote prefix so that Excel keeps them text when someone edits them.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from rdflib import URIRef

from api.kg.monitoring.measurements import HEADERS as MEASUREMENT_HEADERS
from api.kg.monitoring.measurements import HELP as MEASUREMENT_HELP
from api.kg.monitoring.measurements import INTRO as MEASUREMENT_INTRO
from api.kg.monitoring.measurements import SHEET as MEASUREMENTS
from api.kg.monitoring.measurements import WIDTHS as MEASUREMENT_WIDTHS
from api.kg.workbook.cells import Cell, Ids
from api.kg.workbook.references import References
from api.kg.workbook.reviews_sheet import REVIEW_HEADERS, REVIEW_HELP, REVIEW_WIDTHS, REVIEWS
from api.kg.workbook.rows import PlanRows
from api.kg.workbook.schema import EXTRA, EXTRA_HEADERS, EXTRA_HELP, INTRO, LISTS_SHEET, SHEETS, Column, Sheet

HEADER_FILL = PatternFill("solid", fgColor="DDE7F0")
FORMULA_START = ("=", "+", "-", "@")
VALIDATED_ROWS = 2000
INTRO_TEXT = (
    "Dit werkboek bevat één beleidsplan zoals Beleidsgraaf het kent. Elk blad is één soort onderdeel; elke rij "
    "één element, met een vaste Id in kolom A. Vul het in of pas het aan en lees het in met "
    "`beleidsgraaf import bestand.xlsx` (eerst met --dry-run om alleen te controleren).",
    "Verwijzingen naar een ander element schrijf je als zijn Id (bijv. opgave/zorg-en-wonen); naar een partner, wet, "
    "gemeente of doelgroep kies je uit de keuzelijst ('Naam [id]'). Meer waarden in één cel: één per regel "
    "(Alt+Enter). Een onbekende organisatie wordt bij het inlezen een nieuwe organisatie en staat in het overzicht.",
    "Kolom § noemt bij elke rij de paragraaf van het document waar het staat (het nummer uit blad Secties). "
    "Getallen: in 'Zoals gedrukt' precies zoals in het document (ook '-' of 'zes'), in 'Waarde' alleen het getal.",
    "Bij het inlezen wordt alles gecontroleerd; bij één fout wordt niets opgeslagen en krijg je per cel te horen "
    "wat er mis is. Formules worden niet uitgerekend maar gemeld.",
)


def _put(sheet: Worksheet, row: int, column: int, value: Cell) -> None:
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = value
        cell.data_type = TYPE_STRING  # a string, never a formula
        if value.startswith(FORMULA_START):
            cell.quotePrefix = True
        if "\n" in value:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    else:
        cell.value = value


def _header(sheet: Worksheet, headers: list[str], widths: list[int]) -> None:
    for index, header in enumerate(headers, start=1):
        _put(sheet, 1, index, header)
        cell = sheet.cell(row=1, column=index)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
    sheet.freeze_panes = "B2" if len(headers) > 1 else "A2"
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def _width(column: Column) -> int:
    if column.kind in ("text",) and column.header in ("Tekst", "Beschrijving", "Opmerking"):
        return 60
    if column.kind in ("ref", "section", "types") or column.kind == "text":
        return 30
    return 12


class Writer:
    def __init__(self, rows: PlanRows, references: References) -> None:
        self.rows, self.references = rows, references
        self.book = Workbook()
        self.list_ranges: dict[str, str] = {}

    def intro(self) -> None:
        sheet = self.book.active
        assert sheet is not None
        sheet.title = INTRO
        _put(sheet, 1, 1, "Planwerkboek Beleidsgraaf")
        sheet.cell(row=1, column=1).font = Font(bold=True, size=14)
        line = 3
        for paragraph in INTRO_TEXT:
            _put(sheet, line, 1, paragraph)
            sheet.cell(row=line, column=1).alignment = Alignment(wrap_text=True, vertical="top")
            sheet.merge_cells(start_row=line, start_column=1, end_row=line, end_column=3)
            sheet.row_dimensions[line].height = 48
            line += 1
        line += 1
        for index, header in enumerate(("Blad", "Kolom", "Uitleg"), start=1):
            _put(sheet, line, index, header)
            sheet.cell(row=line, column=index).font = Font(bold=True)
            sheet.cell(row=line, column=index).fill = HEADER_FILL
        for sheet_spec in SHEETS:
            line += 1
            _put(sheet, line, 1, sheet_spec.name)
            sheet.cell(row=line, column=1).font = Font(bold=True)
            _put(sheet, line, 3, sheet_spec.help)
            for column in sheet_spec.columns:
                line += 1
                _put(sheet, line, 2, column.header)
                extra = " (keuzelijst)" if column.lists else ""
                extra += " Verplicht." if column.required else ""
                _put(sheet, line, 3, column.help + extra)
                sheet.cell(row=line, column=3).alignment = Alignment(wrap_text=True, vertical="top")
        line += 1
        _put(sheet, line, 1, MEASUREMENTS)
        sheet.cell(row=line, column=1).font = Font(bold=True)
        _put(sheet, line, 3, MEASUREMENT_INTRO)
        for header in MEASUREMENT_HEADERS:
            line += 1
            _put(sheet, line, 2, header)
            _put(sheet, line, 3, MEASUREMENT_HELP[header])
        line += 1
        _put(sheet, line, 1, EXTRA)
        sheet.cell(row=line, column=1).font = Font(bold=True)
        _put(sheet, line, 3, EXTRA_HELP)
        sheet.cell(row=line, column=3).alignment = Alignment(wrap_text=True, vertical="top")
        line += 1
        _put(sheet, line, 1, REVIEWS)
        sheet.cell(row=line, column=1).font = Font(bold=True)
        _put(sheet, line, 3, REVIEW_HELP)
        sheet.cell(row=line, column=3).alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions["A"].width = 28
        sheet.column_dimensions["B"].width = 26
        sheet.column_dimensions["C"].width = 100

    def list_columns(self) -> dict[str, list[str]]:
        columns: dict[str, list[str]] = {}
        for name in sorted(self.references.lists):
            if name == "soort":
                continue
            columns[name] = [f"{e.name} [{self._id(e.iri)}]" for e in self.references.entries(name)]
        for spec in SHEETS:
            if spec.classes:
                columns[f"soort {spec.name}"] = list(spec.classes)
        columns["ja/nee"] = ["ja", "nee"]
        for index, (name, values) in enumerate(columns.items(), start=1):
            letter = get_column_letter(index)
            self.list_ranges[name] = f"{quote_sheetname(LISTS_SHEET)}!${letter}$2:${letter}${max(2, len(values) + 1)}"
        return columns

    def lists(self, columns: dict[str, list[str]]) -> None:
        sheet = self.book.create_sheet(LISTS_SHEET)
        sheet.sheet_state = "hidden"
        for index, (name, values) in enumerate(columns.items(), start=1):
            _put(sheet, 1, index, name)
            for line, value in enumerate(values, start=2):
                _put(sheet, line, index, value)

    @staticmethod
    def _id(iri: str) -> str:
        return Ids("-").of(URIRef(iri))

    def validation(self, sheet: Worksheet, spec: Sheet, index: int, column: Column) -> None:
        source: str | None = None
        if column.kind == "types":
            source = self.list_ranges.get(f"soort {spec.name}")
        elif column.kind == "boolean":
            source = self.list_ranges["ja/nee"]
        elif column.lists and column.lists.startswith("blad:"):
            target = column.lists.removeprefix("blad:")
            source = f"{quote_sheetname(target)}!$A$2:$A${VALIDATED_ROWS}"
        elif column.lists:
            source = self.list_ranges.get(column.lists)
        letter = get_column_letter(index)
        if source is not None:
            rule = DataValidation(type="list", formula1=f"={source}", allow_blank=True, showErrorMessage=False)
            rule.promptTitle = column.header[:32]
            rule.prompt = column.help[:255]
            rule.showInputMessage = True
        elif column.kind in ("year", "integer", "decimal") and not column.multi:
            rule = DataValidation(
                type="whole" if column.kind != "decimal" else "decimal",
                operator="between",
                formula1="1900" if column.kind == "year" else "-1000000000000",
                formula2="2200" if column.kind == "year" else "1000000000000",
                allow_blank=True,
                showErrorMessage=True,
            )
            rule.errorTitle = "Geen geldig getal"
            rule.error = column.help[:255]
        else:
            return
        rule.add(f"{letter}2:{letter}{VALIDATED_ROWS}")
        sheet.add_data_validation(rule)

    def sheet(self, spec: Sheet) -> None:
        sheet = self.book.create_sheet(spec.name)
        headers = [c.header for c in spec.columns]
        _header(sheet, headers, [_width(c) for c in spec.columns])
        for line, row in enumerate(self.rows.rows(spec.name), start=2):
            for index, header in enumerate(headers, start=1):
                value = row.values.get(header)
                if value is not None:
                    _put(sheet, line, index, value)
        for index, column in enumerate(spec.columns, start=1):
            self.validation(sheet, spec, index, column)

    def extra(self) -> None:
        sheet = self.book.create_sheet(EXTRA)
        _header(sheet, list(EXTRA_HEADERS), [30, 28, 60, 16])
        for line, row in enumerate(self.rows.rows(EXTRA), start=2):
            for index, header in enumerate(EXTRA_HEADERS, start=1):
                value = row.values.get(header)
                if value is not None:
                    # a value keeps its exact text here: numbers too are written as text
                    _put(sheet, line, index, str(value))

    def reviews(self) -> None:
        """The findings as text (wrapped, never formulas); only Reden, Naam and Datum are the officer's to fill."""
        if REVIEWS not in self.rows.sheets:
            return  # no findings were asked for (a template): no sheet, so an import leaves acceptances alone
        sheet = self.book.create_sheet(REVIEWS)
        _header(sheet, list(REVIEW_HEADERS), list(REVIEW_WIDTHS))
        sheet.freeze_panes = "C2"
        for line, row in enumerate(self.rows.rows(REVIEWS), start=2):
            for index, header in enumerate(REVIEW_HEADERS, start=1):
                value = row.values.get(header)
                if value is not None:
                    _put(sheet, line, index, str(value))
                    sheet.cell(row=line, column=index).alignment = Alignment(wrap_text=True, vertical="top")

    def measurements(self) -> None:
        """Measured values after the baseline: the plan's whole set, in the columns of a measurements file."""
        sheet = self.book.create_sheet(MEASUREMENTS)
        _header(sheet, list(MEASUREMENT_HEADERS), list(MEASUREMENT_WIDTHS))
        sheet.freeze_panes = "B2"
        for line, row in enumerate(self.rows.rows(MEASUREMENTS), start=2):
            for index, header in enumerate(MEASUREMENT_HEADERS, start=1):
                value = row.values.get(header)
                if value is not None:
                    _put(sheet, line, index, value)

    def write(self) -> bytes:
        columns = self.list_columns()
        self.intro()
        for spec in SHEETS:
            self.sheet(spec)
        self.measurements()
        self.extra()
        self.reviews()
        self.lists(columns)
        out = io.BytesIO()
        self.book.save(out)
        return out.getvalue()


def write_workbook(rows: PlanRows, references: References) -> bytes:
    return Writer(rows, references).write()
