"""The sheet "Beoordelingen": the plan's check findings, where an officer accepts one by giving a reason and a name.

Export lists every finding of the plan, open or accepted, one row per check and element, with the reason, name and
date of its acceptance filled in where there is one. On import the sheet is the plan's whole set of acceptances: a
row with a reason and a name accepts, an emptied row takes the acceptance back. A row that is unchanged keeps its
review as it was, fingerprint included, so that a change to the element in the same workbook still reopens the
finding; a new or edited one is fingerprinted against the plan as imported. A workbook without the sheet (made
before it existed) leaves the acceptances alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from api.kg.checks.accept import focus_iri, shape_iri
from api.kg.checks.examples import SHAPES_NAMESPACE
from api.kg.checks.model import Finding
from api.kg.checks.reviews import Review, Reviewed
from api.kg.namespaces import PLAN
from api.kg.workbook.cells import Cell
from api.kg.workbook.problems import Problem
from api.kg.workbook.rows import PlanRows, Row

REVIEWS = "Beoordelingen"
REVIEW_HEADERS = ("Controle", "Gegeven", "Ernst", "Bevinding", "Reden", "Naam", "Datum")
REVIEW_WIDTHS = (26, 44, 14, 80, 50, 20, 12)
REVIEW_HELP = (
    "De bevindingen van de samenhangcontroles voor dit plan, één rij per controle en element. Wie een bevinding "
    "gelezen heeft en aanvaardt (bijv. 'de nulmeting volgt in 2025, zie de begroting'), vult Reden en Naam in "
    "(Datum mag leeg: dan vandaag); de bevinding telt dan niet meer mee, tot het element verandert. Een rij "
    "leegmaken neemt de aanvaarding terug. Controle, Gegeven, Ernst en Bevinding niet wijzigen."
)
PLAN_ITSELF = "(plan)"


def relative_focus(plan_id: str, focus: str) -> str:
    """The element as the officer reads it: relative to the plan where it lies under it."""
    own = PLAN + plan_id
    if focus == own:
        return PLAN_ITSELF
    return focus.removeprefix(own + "/")


def review_rows(plan_id: str, reviewed: Reviewed) -> list[Row]:
    """One row per (check, element), in the report's order: what is wrong first."""
    accepted = {(f.shape, f.focus): review for f, review in reviewed.accepted}
    findings = list(reviewed.open) + [f for f, _ in reviewed.accepted]
    grouped: dict[tuple[str, str], list[Finding]] = {}
    for finding in sorted(findings, key=lambda f: (f.severity.rank, f.level, f.label, f.shape, f.message)):
        grouped.setdefault((finding.shape, finding.focus), []).append(finding)
    rows = []
    for (shape, focus), group in grouped.items():
        values: dict[str, Cell] = {
            "Controle": shape.removeprefix(SHAPES_NAMESPACE),
            "Gegeven": relative_focus(plan_id, focus),
            "Ernst": group[0].severity.label_nl,
            "Bevinding": "\n".join(dict.fromkeys(f.message for f in group)),
        }
        review = accepted.get((shape, focus))
        lapsed = reviewed.lapsed(group[0])
        if review is not None:
            values.update({"Reden": review.reason, "Naam": review.by, "Datum": review.on.isoformat()})
        elif lapsed is not None:
            values["Bevinding"] = (
                f"{values['Bevinding']}\n(Eerder aanvaard door {lapsed.by} op {lapsed.on.isoformat()}; het element "
                "is sindsdien veranderd. Lees de bevinding opnieuw.)"
            )
        rows.append(Row(values))
    return rows


@dataclass(frozen=True)
class Request:
    """One filled-in row: accept the finding of `shape` on `focus`."""

    shape: str
    focus: str
    reason: str
    by: str
    on: dt.date
    row: Row
    label: str  # "controle over gegeven", as the row writes them


@dataclass
class SheetReviews:
    """What the sheet says: the plan's acceptances after the import, and what it could not take."""

    reviews: list[Review] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    resolved: list[str] = field(default_factory=list)  # accepted rows whose finding the import itself removed


def _text(row: Row, header: str) -> str:
    value = row.get(header)
    return "" if value is None else str(value).strip()


def _date(value: Cell, today: dt.date) -> dt.date | str:
    """The date of a row, or why it is not one."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return today
    if isinstance(value, dt.datetime):
        found = value.date()
    elif isinstance(value, dt.date):
        found = value
    else:
        try:
            found = dt.date.fromisoformat(str(value).strip())
        except ValueError:
            return "geen datum; schrijf hem als JJJJ-MM-DD (bijv. 2026-03-01) of laat de cel leeg voor vandaag"
    if found > today:
        return "een datum in de toekomst; een beoordeling krijgt de datum waarop ze gedaan is"
    return found


def _problem(rows: PlanRows, row: Row, header: str, message: str) -> Problem:
    letters = rows.columns.get(REVIEWS, {})
    return Problem(REVIEWS, row.number, letters.get(header), header, _text(row, header), message)


def read_requests(rows: PlanRows, plan_id: str, today: dt.date) -> tuple[list[Request], list[Problem]]:
    """The filled-in rows, checked on their own: what can be said before the plan is built."""
    requests: list[Request] = []
    problems: list[Problem] = []
    seen: dict[tuple[str, str], int] = {}
    for row in rows.sheets.get(REVIEWS, []):  # not rows(): that would add the sheet
        reason, by = _text(row, "Reden"), _text(row, "Naam")
        if not reason and not by and row.get("Datum") is None:
            continue  # a finding nobody accepted (or an acceptance taken back)
        check, element = _text(row, "Controle"), _text(row, "Gegeven")
        missing = [header for header, value in (("Controle", check), ("Gegeven", element)) if not value]
        missing += [header for header, value in (("Reden", reason), ("Naam", by)) if not value]
        for header in missing:
            problems.append(
                _problem(rows, row, header, "een beoordeling noemt controle en gegeven, een reden en wie haar deed")
            )
        key = (shape_iri(check), focus_iri(plan_id, "" if element == PLAN_ITSELF else element))
        if check and element and key in seen:
            message = f"deze bevinding staat al in rij {seen[key]}; laat één staan"
            problems.append(_problem(rows, row, "Gegeven", message))
            continue
        seen.setdefault(key, row.number)
        when = _date(row.get("Datum"), today)
        if isinstance(when, str):
            problems.append(_problem(rows, row, "Datum", when))
        if missing or isinstance(when, str):
            continue
        requests.append(Request(key[0], key[1], reason, by, when, row, f"{check} over {element}"))
    return requests, problems


def resolve_requests(
    rows: PlanRows,
    plan_id: str,
    requests: Iterable[Request],
    *,
    before: Iterable[tuple[str, str]],
    after: Iterable[tuple[str, str]],
    existing: Iterable[Review],
    fingerprint_of: Callable[[str], str],
) -> SheetReviews:
    """Requests against the plan's findings: before/after are (check, element) as published and as imported. A
    row for a finding only `before` has is one the import itself resolved; one that neither has is a mistake."""
    before_keys, after_keys = set(before), set(after)
    kept = {(r.shape, r.focus): r for r in existing if r.plan == plan_id}
    out = SheetReviews()
    for request in requests:
        key = (request.shape, request.focus)
        if key not in after_keys:
            if key in before_keys:
                out.resolved.append(request.label)
            else:
                out.problems.append(
                    _problem(
                        rows,
                        request.row,
                        "Gegeven",
                        "het plan heeft geen bevinding van deze controle over dit "
                        "gegeven; laat Controle en Gegeven staan zoals het werkboek ze gaf",
                    )
                )
            continue
        previous = kept.get(key)
        if previous is not None and (previous.reason, previous.by, previous.on) == (
            request.reason,
            request.by,
            request.on,
        ):
            out.reviews.append(previous)  # unchanged: its fingerprint stays, so an edited element reopens it
        else:
            fingerprint = fingerprint_of(request.focus)
            out.reviews.append(
                Review(request.shape, request.focus, plan_id, request.reason, request.by, request.on, fingerprint)
            )
    return out
