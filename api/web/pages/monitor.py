"""/monitor: realised values against nulmeting and streefwaarde, per plan (api.kg.monitoring holds the model).

    /monitor                                 the plans that have objectives with a target, with their counts
    /monitor/{plan}?status=&opgave=&instrument=&peildatum=   the dashboard (filters work without script)
    /monitor/{plan}.json, .csv, .xlsx        the same status table for programs and spreadsheets
    /monitor/{plan}/grafiek/{doel}.svg       one objective's chart (its text alternative is on the page)
    /monitor/{plan}/rapportage.pdf           the report for the council (api.web.monitor_report)

Every route takes ?peildatum=JJJJ-MM-DD (default today): the stand as it was on that day.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict, defaultdict
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from api.kg.monitoring import charts
from api.kg.monitoring.model import Monitor, Objective, due_label, number, read_monitor
from api.kg.queries import QueryCatalog
from api.kg.store import GraphStore
from api.kg.workbook.cells import PLAN_ID
from api.web.deps import CatalogDep, StoreDep
from api.web.monitor_report import context, report_pdf
from api.web.pages.common import records, render
from api.web.tables import XLSX_MEDIA_TYPE, Separator, Table, to_csv, to_xlsx

router = APIRouter(tags=["monitor"])
RENDERING = threading.BoundedSemaphore(2)
WAIT_SECONDS = 30.0
Peildatum = Annotated[str | None, Query(max_length=10, description="Stand op deze datum (JJJJ-MM-DD); leeg: vandaag")]
Filter = Annotated[str, Query(max_length=200)]
HEADER = (
    "Opgave",
    "Doelstelling",
    "Status",
    "Reden",
    "Nulmeting",
    "Laatste meting",
    "Gemeten op",
    "Verwacht volgens de lijn",
    "Streefwaarde",
    "Meetinstrument",
    "Meetfrequentie",
    "Volgende meting verwacht",
    "Id",
)


def day_of(peildatum: str | None) -> dt.date:
    if not peildatum:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(peildatum)
    except ValueError:
        raise HTTPException(400, f"peildatum '{peildatum}' is geen datum; schrijf JJJJ-MM-DD") from None


def plan_title(store: GraphStore, queries: QueryCatalog, plan_id: str) -> str:
    """The plan's title, or 404: the monitor of a plan that does not exist is not an empty monitor."""
    if PLAN_ID.match(plan_id):
        for row in records(store, queries, "plannen"):
            if row.get("id") == plan_id:
                return row.get("titel") or plan_id
    raise HTTPException(404, f"plan '{plan_id}' niet gevonden")


def monitor_of(store: GraphStore, queries: QueryCatalog, plan_id: str, peildatum: str | None) -> tuple[Monitor, str]:
    title = plan_title(store, queries, plan_id)
    return read_monitor(store, queries, plan_id, day_of(peildatum)), title


_read_lock = threading.Lock()


def kept_monitor(
    request: Request, store: GraphStore, queries: QueryCatalog, plan_id: str, peildatum: str | None
) -> tuple[Monitor, str]:
    """The monitor read once per plan and day while the data cannot change (the embedded store: a response cache),
    so the page's 28 chart requests do not each run the two queries again."""
    if request.app.state.cache is None:
        return monitor_of(store, queries, plan_id, peildatum)
    key = (plan_id, day_of(peildatum).isoformat())
    with _read_lock:
        if getattr(request.app.state, "monitors", None) is None:  # one per generation of the data
            request.app.state.monitors = OrderedDict()
        _read: OrderedDict[tuple[str, str], tuple[Monitor, str]] = request.app.state.monitors
        if key in _read:
            _read.move_to_end(key)
            return _read[key]
    found = monitor_of(store, queries, plan_id, peildatum)
    with _read_lock:
        _read[key] = found
        while len(_read) > 32:
            _read.popitem(last=False)
    return found


def table(monitor: Monitor) -> Table:
    rows = []
    for objective in monitor.objectives:
        latest = objective.latest
        rows.append(
            (
                objective.group,
                objective.name,
                objective.status,
                objective.reason,
                number(objective.baseline, objective.unit) if objective.baseline is not None else "",
                number(latest.value, objective.unit) if latest else "",
                latest.label if latest else "",
                number(objective.expected, objective.unit) if objective.expected is not None else "",
                number(objective.target, objective.unit) if objective.target is not None else "",
                objective.instrument or "",
                objective.frequency or "",
                due_label(objective.next_due) if objective.next_due else "",
                objective.iri,
            )
        )
    return Table("Monitor", HEADER, rows)


def as_json(monitor: Monitor, title: str) -> dict[str, Any]:
    def objective(o: Objective) -> dict[str, Any]:
        return {
            "id": o.iri,
            "naam": o.name,
            "opgave": o.group,
            "status": o.status,
            "reden": o.reason or None,
            "nulmeting": {
                "iri": o.baseline_iri,
                "waarde": o.baseline,
                "tekst": o.baseline_text,
                "jaar": o.baseline_year,
            },
            "streefwaarde": {"iri": o.target_iri, "waarde": o.target, "tekst": o.target_text, "jaar": o.target_year},
            "hogerIsBeter": o.higher_is_better,
            "verwachtVolgensLijn": o.expected,
            "laatsteMeting": o.latest_iri,
            "metingen": [
                {
                    "iri": v.iri,
                    "waarde": v.value,
                    "wanneer": v.label,
                    "gebied": v.area,
                    "bron": v.source,
                    "urls": list(v.urls),
                }
                for v in o.values
            ],
            "meetinstrument": o.instrument,
            "meetfrequentie": o.frequency,
            "volgendeMetingVerwacht": due_label(o.next_due) if o.next_due else None,
            "volgendeMetingAlVerwacht": o.overdue,
        }

    return {
        "plan": monitor.plan_id,
        "titel": title,
        "peildatum": monitor.peildatum.isoformat(),
        "telling": monitor.counts,
        "doelstellingen": [objective(o) for o in monitor.objectives],
        "vergelijking": [
            {
                "indicator": c.indicator,
                "naam": c.name,
                "gemeenten": [
                    {
                        "gemeente": p.name,
                        "plan": p.plan_id,
                        "waarde": p.value,
                        "wanneer": p.label,
                        "meting": p.iri,
                        "bron": p.source,
                    }
                    for p in c.places
                ],
            }
            for c in monitor.comparisons
        ],
    }


@router.get("/monitor", response_class=HTMLResponse, summary="Monitor: de plannen met doelstellingen en hun stand")
def monitor_index(request: Request, store: StoreDep, queries: CatalogDep) -> HTMLResponse:
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in records(store, queries, "monitor-status"):
        counts[row["planId"]][row["status"]] += 1
    plans = [
        (row["id"], row.get("titel") or row["id"]) for row in records(store, queries, "plannen") if row["id"] in counts
    ]
    return render(request, "monitor-index.html", {"plannen": plans, "tellingen": counts})


@router.get("/monitor/{plan_id}.json", summary="De monitor van een plan als JSON: status per doelstelling")
def monitor_json(plan_id: str, store: StoreDep, queries: CatalogDep, peildatum: Peildatum = None) -> JSONResponse:
    monitor, title = monitor_of(store, queries, plan_id, peildatum)
    return JSONResponse(as_json(monitor, title))


@router.get("/monitor/{plan_id}.csv", summary="De statustabel als CSV (puntkomma en BOM, zoals Nederlandse Excel)")
def monitor_csv(
    plan_id: str, store: StoreDep, queries: CatalogDep, peildatum: Peildatum = None, scheiding: Separator = "puntkomma"
) -> Response:
    monitor, _ = monitor_of(store, queries, plan_id, peildatum)
    headers = {"Content-Disposition": f'attachment; filename="monitor-{plan_id}.csv"'}
    return Response(
        to_csv(table(monitor), scheiding), media_type="text/csv; charset=utf-8; header=present", headers=headers
    )


@router.get("/monitor/{plan_id}.xlsx", summary="De statustabel als Excel-werkboek")
def monitor_xlsx(plan_id: str, store: StoreDep, queries: CatalogDep, peildatum: Peildatum = None) -> Response:
    monitor, _ = monitor_of(store, queries, plan_id, peildatum)
    headers = {"Content-Disposition": f'attachment; filename="monitor-{plan_id}.xlsx"'}
    return Response(to_xlsx(table(monitor)), media_type=XLSX_MEDIA_TYPE, headers=headers)


@router.get("/monitor/{plan_id}/grafiek/{doel}.svg", summary="De grafiek van één doelstelling (SVG)")
def monitor_chart(
    plan_id: str, doel: str, request: Request, store: StoreDep, queries: CatalogDep, peildatum: Peildatum = None
) -> Response:
    monitor, _ = kept_monitor(request, store, queries, plan_id, peildatum)
    found = next((o for o in monitor.objectives if o.local == doel), None)
    if found is None:
        raise HTTPException(404, f"plan '{plan_id}' heeft geen doelstelling '{doel}' met een streefwaarde")
    return Response(charts.svg(found), media_type="image/svg+xml", headers={"Cache-Control": "public, max-age=300"})


@router.get(
    "/monitor/{plan_id}/rapportage.pdf",
    summary="De rapportage voor de raad (A4, met inhoudsopgave, grafieken en een veld voor de toelichting)",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}}},
)
def monitor_pdf(
    plan_id: str, request: Request, store: StoreDep, queries: CatalogDep, peildatum: Peildatum = None
) -> Response:
    monitor, title = monitor_of(store, queries, plan_id, peildatum)
    headers = {
        "Content-Disposition": f'attachment; filename="rapportage-{plan_id}-{monitor.peildatum.isoformat()}.pdf"'
    }
    cache = request.app.state.cache  # None for a remote store, whose data others may change
    key = ("monitor-pdf", plan_id, monitor.peildatum.isoformat(), dt.date.today().isoformat())
    hit = cache.get(key) if cache is not None else None
    if hit is not None:
        return Response(hit[1], media_type=hit[0], headers=headers)
    if not RENDERING.acquire(timeout=WAIT_SECONDS):
        raise HTTPException(503, "Er worden al rapportages gemaakt; probeer het over een minuut opnieuw.")
    try:
        pdf = report_pdf(monitor, title)
    finally:
        RENDERING.release()
    if cache is not None:
        cache.put(key, ("application/pdf", pdf))
    return Response(pdf, media_type="application/pdf", headers=headers)


@router.get("/monitor/{plan_id}", response_class=HTMLResponse, summary="Dashboard: de stand van de doelstellingen")
def monitor_page(
    plan_id: str,
    request: Request,
    store: StoreDep,
    queries: CatalogDep,
    peildatum: Peildatum = None,
    status: Filter = "",
    opgave: Filter = "",
    instrument: Filter = "",
) -> HTMLResponse:
    monitor, title = monitor_of(store, queries, plan_id, peildatum)
    chosen = {"status": status, "opgave": opgave, "instrument": instrument}
    values = context(monitor, title) | {
        "groepen": monitor.filtered(status, opgave, instrument),
        "gekozen": chosen,
        "peildatum": peildatum or "",
        "beschrijving": charts.description,
        "vandaag": not peildatum,
    }
    return render(request, "monitor.html", values)
