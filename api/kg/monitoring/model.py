"""One plan's monitor as every surface shows it: objectives per opgave with their status, values and next date.

The status and its reason come from queries/monitor-status.rq (the rule lives there, once); this module only
groups, counts and formats what the query and queries/monitor-metingen.rq return, for the page, the PDF, the
JSON and the charts alike.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from api.kg.queries import QueryCatalog, run_named
from api.kg.store import GraphStore

STATUSES = ("behaald", "op koers", "achter", "onbekend")
RULE = (
    "Behaald: de laatste meting voor de hele gemeente haalt de streefwaarde. Op koers: zij ligt minstens op de "
    "rechte lijn van nulmeting naar streefwaarde, op het moment van meten. Achter: daaronder (bij een afname: "
    "erboven). Onbekend: er is geen meting, de laatste is ouder dan de meetfrequentie toelaat (anderhalve "
    "meetperiode), de streefwaarde heeft geen getal, of zonder nulmeting is niet te zeggen of de waarde op koers "
    "ligt. Een relatieve streefwaarde (+10%, 20% lager) wordt een getal uit de nulmeting. Of hoger beter is, zegt "
    "'minimaal' of 'maximaal' bij de streefwaarde, anders de streefwaarde tegenover de nulmeting; bij 'gelijk' telt "
    "niet hoger (bij een beoogde toename: niet lager). Een jaar telt als zijn midden."
)
UNITS = {"Procent": "%", "Euro": "euro", "Aantal": "", "Nachten": "nachten", "Per1000": "per 1.000"}


@dataclass(frozen=True)
class Value:
    """A measured value as the dashboard lists and draws it."""

    iri: str
    value: float
    date: dt.date
    label: str  # the year or the date, as recorded
    reported: str | None
    area: str | None
    source: str | None
    urls: tuple[str, ...]
    recorded_by: str | None
    explanation: str | None


@dataclass
class Objective:
    iri: str
    name: str
    text: str | None
    group: str  # the opgave (or the plan's own top element) it belongs to
    group_iri: str | None
    instrument: str | None
    frequency: str | None
    unit: str
    baseline: float | None
    baseline_iri: str | None
    baseline_text: str | None
    baseline_year: float | None
    target: float | None
    target_iri: str
    target_text: str | None
    target_year: float | None
    higher_is_better: bool | None
    status: str
    reason: str
    overdue: bool  # the next measurement was expected before the peildatum
    latest_iri: str | None
    expected: float | None
    next_due: float | None
    values: list[Value] = field(default_factory=list)

    @property
    def local(self) -> str:
        return self.iri.rsplit("/", 1)[-1]

    @property
    def latest(self) -> Value | None:
        return next((v for v in self.values if v.iri == self.latest_iri), None)

    @property
    def wijken(self) -> list[Value]:
        return [v for v in self.values if v.area]


@dataclass
class Group:
    name: str
    iri: str | None
    objectives: list[Objective] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        found = Counter(o.status for o in self.objectives)
        return {status: found[status] for status in STATUSES}


@dataclass(frozen=True)
class Place:
    """One municipality's (or a joint plan's municipalities') latest value of an indicator."""

    name: str  # "Heemskerk", or "Beverwijk en Heemskerk" for a joint plan's value without an area
    plan_id: str
    value: float
    label: str
    iri: str
    source: str | None
    own: bool  # measured for the plan the monitor is of


@dataclass(frozen=True)
class Comparison:
    indicator: str
    name: str
    places: tuple[Place, ...]


@dataclass
class Monitor:
    plan_id: str
    peildatum: dt.date
    groups: list[Group]
    indicators: dict[str, list[Value]]  # indicator name -> values (of this plan)
    comparisons: list[Comparison] = field(default_factory=list)  # indicators measured in more than one place

    @property
    def objectives(self) -> list[Objective]:
        return [o for g in self.groups for o in g.objectives]

    @property
    def counts(self) -> dict[str, int]:
        found = Counter(o.status for o in self.objectives)
        return {status: found[status] for status in STATUSES}

    @property
    def instruments(self) -> list[str]:
        return sorted({o.instrument for o in self.objectives if o.instrument}, key=str.casefold)

    def filtered(self, status: str = "", group: str = "", instrument: str = "") -> list[Group]:
        """The groups with only the objectives that pass the page's filters (empty: any)."""
        out = []
        for g in self.groups:
            if group and g.name != group:
                continue
            kept = [
                o
                for o in g.objectives
                if (not status or o.status == status) and (not instrument or o.instrument == instrument)
            ]
            if kept:
                out.append(Group(g.name, g.iri, kept))
        return out


def _float(text: str | None) -> float | None:
    return float(text) if text not in (None, "") else None


def _values(rows: list[dict[str, str]]) -> dict[str, dict[str, Value]]:
    """Measured values per subject, one per measurement (the query repeats a row per URL)."""
    by_subject: dict[str, dict[str, Value]] = {}
    urls: dict[str, list[str]] = {}
    for row in rows:
        iri = row["meting"]
        if row.get("url"):
            urls.setdefault(iri, []).append(row["url"])
        if iri in by_subject.get(row["onderwerp"], {}):
            continue
        by_subject.setdefault(row["onderwerp"], {})[iri] = Value(
            iri=iri,
            value=float(row["waarde"]),
            date=dt.date.fromisoformat(row["datum"]),
            label=row.get("peildatum_") or row.get("jaar") or row["datum"],
            reported=row.get("zoalsGerapporteerd"),
            area=row.get("gebiedNaam"),
            source=row.get("bron"),
            urls=(),
            recorded_by=row.get("vastgelegdDoor"),
            explanation=row.get("toelichting"),
        )
    for values in by_subject.values():
        for iri, value in list(values.items()):
            if iri in urls:
                values[iri] = Value(**{**value.__dict__, "urls": tuple(sorted(set(urls[iri])))})
    return by_subject


def _objective(row: dict[str, str], values: dict[str, Value], now: float) -> Objective:
    beter = row.get("beter")
    unit = row.get("eenheid", "").rsplit("/", 1)[-1]
    return Objective(
        iri=row["doelstelling"],
        name=row["naam"],
        text=row.get("tekst"),
        group=row.get("hoofdNaam") or "Overige doelstellingen",
        group_iri=row.get("hoofd"),
        instrument=row.get("meetinstrument"),
        frequency=row.get("meetfrequentie"),
        unit=UNITS.get(unit, unit.lower()),
        baseline=_float(row.get("nulWaarde")),
        baseline_iri=row.get("nulmeting"),
        baseline_text=row.get("nulTekst"),
        baseline_year=_float(row.get("t0")),
        target=_float(row.get("doelWaarde")),
        target_iri=row["streefwaarde"],
        target_text=row.get("streefTekst"),
        target_year=_float(row.get("t1")),
        higher_is_better=None if not beter else beter == "1",
        status=row["status"],
        reason=row.get("reden", ""),
        overdue=_float(row.get("volgendeMeting")) is not None and float(row["volgendeMeting"]) < now,
        latest_iri=row.get("meting"),
        expected=_float(row.get("verwacht")),
        next_due=_float(row.get("volgendeMeting")),
        values=sorted(values.values(), key=lambda v: (v.date, v.area or "")),
    )


def read_monitor(store: GraphStore, queries: QueryCatalog, plan_id: str, peildatum: dt.date) -> Monitor:
    day = peildatum.isoformat()
    status_rows = run_named(store, queries, "monitor-status", plan=plan_id, peildatum=day).records()
    value_rows = run_named(store, queries, "monitor-metingen", plan=plan_id, peildatum=day).records()
    values = _values(value_rows)
    groups: dict[str, Group] = {}
    for row in status_rows:
        objective = _objective(row, values.get(row["doelstelling"], {}), fractional_year(peildatum))
        groups.setdefault(objective.group, Group(objective.group, objective.group_iri)).objectives.append(objective)
    objectives = {row["doelstelling"] for row in status_rows}
    indicators = {
        name: sorted(found.values(), key=lambda v: (v.date, v.area or ""))
        for name, found in _indicator_values(value_rows, objectives).items()
    }
    compared = run_named(store, queries, "monitor-indicatoren-vergelijking", plan=plan_id, peildatum=day).records()
    return Monitor(plan_id, peildatum, list(groups.values()), indicators, comparisons(compared, plan_id))


def comparisons(rows: list[dict[str, str]], plan_id: str) -> list[Comparison]:
    """Per indicator the latest value of each place; only indicators with values in two places or more."""
    latest: dict[str, dict[str, dict[str, str]]] = {}
    for row in rows:
        place = " ".join(sorted(row["gemeenten"].split()))  # GROUP_CONCAT's order is not defined
        kept = latest.setdefault(row["indicator"], {})
        if place not in kept or (row["datum"], row["meting"]) > (kept[place]["datum"], kept[place]["meting"]):
            kept[place] = row
    out = []
    for indicator, places in latest.items():
        if len(places) < 2:
            continue
        found = [
            Place(
                name=" en ".join(sorted(row["gemeenteNamen"].split("|"))),
                plan_id=row["planId"],
                value=float(row["waarde"]),
                label=row["wanneer"],
                iri=row["meting"],
                source=row.get("bron"),
                own=row["planId"] == plan_id,
            )
            for row in places.values()
        ]
        name = next(iter(places.values()))["indicatorNaam"]
        out.append(Comparison(indicator, name, tuple(sorted(found, key=lambda p: (not p.own, p.name)))))
    return sorted(out, key=lambda c: c.name.casefold())


def _indicator_values(rows: list[dict[str, str]], objectives: set[str]) -> dict[str, dict[str, Value]]:
    by_subject = _values([r for r in rows if r["onderwerp"] not in objectives])
    names = {r["onderwerp"]: r["onderwerpNaam"] for r in rows}
    return {names[subject]: values for subject, values in by_subject.items()}


def fractional_year(day: dt.date) -> float:
    """The same count of time as queries/monitor-status.rq: year + (month - 1) / 12 + (day - 1) / 365.25."""
    return day.year + (day.month - 1) / 12 + (day.day - 1) / 365.25


def due_label(year: float | None) -> str:
    """'juli 2026' for 2026.5: when the next measurement is expected, as a policy officer says it."""
    if year is None:
        return "onbekend"
    months = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
              "november", "december")  # fmt: skip
    whole = int(year)
    month = min(11, round((year - whole) * 12))
    return f"{months[month]} {whole}"


def number(value: float | None, unit: str = "") -> str:
    """Dutch notation: 5.914,7 and 59%, rounded to what a report shows."""
    if value is None:
        return "-"
    rounded = round(value, 1) if abs(value) < 1000 else round(value)
    text = f"{rounded:,.1f}" if rounded != int(rounded) else f"{int(rounded):,}"
    text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    if unit == "%":
        return f"{text}%"
    if unit == "euro":
        return f"€ {text}"
    return f"{text} {unit}".strip()
