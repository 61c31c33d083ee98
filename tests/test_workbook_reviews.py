"""Accepting findings through the workbook (#13 item 5): the sheet Beoordelingen lists the plan's findings; a reason
and a name accept one, an emptied row takes it back, an edit to the element reopens it, and a wrong row is named
per cell with nothing written."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest

from api.kg import graph
from api.kg.checks import review
from api.kg.checks.reviews import Review
from api.kg.queries import catalog
from api.kg.workbook.problems import WorkbookError
from api.kg.workbook.reviews_sheet import REVIEWS, Request, read_requests, resolve_requests
from api.kg.workbook.rows import PlanRows, Row
from api.kg.workbook.service import export_plan, import_workbook
from api.settings import Settings
from tests.graphdata import project_copy
from tests.test_workbook import tree_digest

PLAN = "heemskerk-sociaal-domein-2024"
CHECK = "smart-nulmeting"
ELEMENT = "doelstelling/financieel-fit-6"
FOCUS = f"https://beleidsgraaf.nl/id/plan/{PLAN}/{ELEMENT}"
REASON = "De nulmeting volgt in 2025 uit de armoedemonitor; afgesproken met de portefeuillehouder."


@pytest.fixture
def copy(settings: Settings, tmp_path: Path) -> Settings:
    return project_copy(settings, tmp_path)


def exported(copy: Settings) -> openpyxl.Workbook:
    store = graph.open_store(copy)
    data = export_plan(store, catalog(copy.queries_dir), PLAN, review(store, copy, PLAN))
    return openpyxl.load_workbook(io.BytesIO(data))


def saved(book: openpyxl.Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def row_of(book: openpyxl.Workbook, check: str, element: str) -> int:
    sheet = book[REVIEWS]
    headers = [c.value for c in sheet[1]]
    for number, row in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):
        values = dict(zip(headers, row, strict=False))
        if values["Controle"] == check and values["Gegeven"] == element:
            return number
    raise AssertionError(f"no row for {check} over {element}")


def put(book: openpyxl.Workbook, number: int, **values: object) -> None:
    sheet = book[REVIEWS]
    headers = [c.value for c in sheet[1]]
    for header, value in values.items():
        sheet.cell(row=number, column=headers.index(header) + 1).value = value


def accepted_in(copy: Settings) -> list[tuple[str, str, str]]:
    return [(f.focus, r.by, r.reason) for f, r in review(graph.open_store(copy), copy, PLAN).accepted]


def test_the_sheet_lists_every_finding_of_the_plan_in_the_report_order(copy: Settings) -> None:
    book = exported(copy)
    sheet = book[REVIEWS]
    assert [c.value for c in sheet[1]] == ["Controle", "Gegeven", "Ernst", "Bevinding", "Reden", "Naam", "Datum"]
    reviewed = review(graph.open_store(copy), copy, PLAN)
    listed = {(r[0], r[1]) for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert len(listed) == len({(f.shape, f.focus) for f in reviewed.open}) == sheet.max_row - 1
    number = row_of(book, CHECK, ELEMENT)
    severity, message = sheet.cell(number, 3).value, sheet.cell(number, 4).value
    assert severity == "Waarschuwing" and "§4.3.4" in message
    severities = [r[2] for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert severities == sorted(severities, key=["Fout", "Waarschuwing", "Ter informatie"].index)


def test_a_reason_and_a_name_accept_and_an_emptied_row_takes_it_back(copy: Settings) -> None:
    book = exported(copy)
    put(book, row_of(book, CHECK, ELEMENT), Reden=REASON, Naam="J. de Vries", Datum=dt.datetime(2026, 12, 1))
    report = import_workbook(saved(book), copy, graph.open_store(copy))

    assert report.accepted == 1 and FOCUS not in {f.focus for f in report.findings if f.shape.endswith(CHECK)}
    assert accepted_in(copy) == [(FOCUS, "J. de Vries", REASON)]
    target = report.path.with_name(f"{PLAN}.beoordelingen.ttl")
    written = target.read_bytes()

    again = exported(copy)
    number = row_of(again, CHECK, ELEMENT)
    assert [again[REVIEWS].cell(number, c).value for c in (5, 6, 7)] == [REASON, "J. de Vries", "2026-12-01"]
    import_workbook(saved(again), copy, graph.open_store(copy))
    assert target.read_bytes() == written, "an unchanged row keeps its review as it was"

    put(again, number, Reden=None, Naam=None, Datum=None)
    report = import_workbook(saved(again), copy, graph.open_store(copy))
    assert report.accepted == 0 and accepted_in(copy) == []


def test_an_edit_to_the_element_in_the_same_workbook_reopens_the_acceptance(copy: Settings) -> None:
    book = exported(copy)
    put(book, row_of(book, CHECK, ELEMENT), Reden=REASON, Naam="J. de Vries")
    import_workbook(saved(book), copy, graph.open_store(copy))
    assert len(accepted_in(copy)) == 1

    again = exported(copy)
    sheet = next(s for s in again.worksheets if any(c.value == ELEMENT for c in s["A"]))
    headers = [c.value for c in sheet[1]]
    line = next(c.row for c in sheet["A"] if c.value == ELEMENT)
    sheet.cell(line, headers.index("Opmerking") + 1).value = "Nulmeting volgt uit de armoedemonitor 2025."
    report = import_workbook(saved(again), copy, graph.open_store(copy))

    assert report.accepted == 0 and FOCUS in {f.focus for f in report.findings if f.shape.endswith(CHECK)}
    reopened = review(graph.open_store(copy), copy, PLAN)
    finding = next(f for f in reopened.open if f.focus == FOCUS and f.shape.endswith(CHECK))
    assert reopened.lapsed(finding) is not None


def test_a_wrong_row_is_named_per_cell_and_nothing_is_written(copy: Settings) -> None:
    book = exported(copy)
    number = row_of(book, CHECK, ELEMENT)
    put(book, number, Reden=REASON)  # no name
    put(book, number + 1, Reden=REASON, Naam="J.", Datum="2999-01-01")  # in the future
    put(book, number + 2, Reden=REASON, Naam="J.", Datum="volgende week")  # no date
    extra = book[REVIEWS].max_row + 1
    put(book, extra, Controle=CHECK, Gegeven="doelstelling/bestaat-niet", Reden=REASON, Naam="J.")
    put(book, extra + 1, Controle=CHECK, Gegeven=ELEMENT, Reden=REASON, Naam="J.")  # the same finding again
    before = tree_digest(copy.graph_dir)

    with pytest.raises(WorkbookError) as raised:
        import_workbook(saved(book), copy, graph.open_store(copy))
    where = {(p.sheet, p.row, p.column) for p in raised.value.problems}
    assert {(REVIEWS, number, "F"), (REVIEWS, number + 1, "G"), (REVIEWS, number + 2, "G")} <= where
    assert (REVIEWS, extra + 1, "B") in where, "a second row for one finding"
    assert "toekomst" in str(raised.value) and "JJJJ-MM-DD" in str(raised.value)
    assert tree_digest(copy.graph_dir) == before

    put(book, number, Naam="J.")
    for line in (number + 1, number + 2, extra + 1):
        put(book, line, Reden=None, Naam=None, Datum=None)
    with pytest.raises(WorkbookError) as raised:
        import_workbook(saved(book), copy, graph.open_store(copy))
    assert [(p.row, p.column) for p in raised.value.problems] == [(extra, "B")]
    assert "geen bevinding" in str(raised.value) and tree_digest(copy.graph_dir) == before


def test_a_workbook_without_the_sheet_leaves_the_acceptances_alone(copy: Settings) -> None:
    book = exported(copy)
    put(book, row_of(book, CHECK, ELEMENT), Reden=REASON, Naam="J. de Vries")
    import_workbook(saved(book), copy, graph.open_store(copy))
    store = graph.open_store(copy)
    import_workbook(export_plan(store, catalog(copy.queries_dir), PLAN), copy, store)  # no sheet Beoordelingen
    assert accepted_in(copy) == [(FOCUS, "J. de Vries", REASON)]


def test_an_acceptance_of_a_finding_the_import_fixes_is_dropped_and_reported() -> None:
    rows = PlanRows()
    rows.rows(REVIEWS).append(
        Row({"Controle": CHECK, "Gegeven": ELEMENT, "Reden": REASON, "Naam": "J.", "Datum": "2026-12-01"}, 2)
    )
    requests, problems = read_requests(rows, PLAN, dt.date(2026, 12, 7))
    assert not problems and [r.on for r in requests] == [dt.date(2026, 12, 1)]
    shape = f"https://beleidsgraaf.nl/def/shapes/{CHECK}"
    resolved = resolve_requests(
        rows, PLAN, requests, before={(shape, FOCUS)}, after=set(), existing=[], fingerprint_of=lambda _: "x"
    )
    assert resolved.reviews == [] and resolved.problems == [] and resolved.resolved == [f"{CHECK} over {ELEMENT}"]
    kept = Review(shape, FOCUS, PLAN, REASON, "J.", dt.date(2026, 12, 1), "old")
    still = resolve_requests(
        rows, PLAN, requests, before={(shape, FOCUS)}, after={(shape, FOCUS)}, existing=[kept],
        fingerprint_of=lambda _: "new",
    )  # fmt: skip
    assert still.reviews == [kept]
    assert isinstance(requests[0], Request)
