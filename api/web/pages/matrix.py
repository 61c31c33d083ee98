"""/matrix and /matrix.csv: the partner-by-goal matrix of a plan or a municipality, both directions.

The page and the CSV are drawn from the same named query (matrix-partners) and the same grid, so what is
downloaded is what is shown. Filtering works without JavaScript (?filter=) and live with it (filter.js).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import URL

from api.kg.namespaces import PREFIXES
from api.kg.queries import QueryCatalog
from api.kg.store import GraphStore
from api.web.deps import CatalogDep, StoreDep
from api.web.pages.common import not_found, records, render
from api.web.pages.matrix_model import DIRECTIONS, LEVELS, Grid, grid
from api.web.pages.partner import PlanGoals, plans_and_municipalities
from api.web.tables import XLSX_MEDIA_TYPE, Separator, to_csv, to_xlsx

router = APIRouter(tags=["pagina's"])
Text = Annotated[str, Query(max_length=200)]


@dataclass(frozen=True)
class Scope:
    """A plan or a municipality: what the matrix covers, its name, and the query argument for it."""

    kind: str  # "plan" or "gemeente"
    key: str  # plan id or CBS code (gm0396)
    naam: str
    argument: dict[str, str]


def scope_of(plans: dict[str, PlanGoals], plan: str, gemeente: str) -> Scope | None:
    if plan:
        found = plans.get(plan)
        return Scope("plan", plan, found.titel, {"plan": plan}) if found else None
    code = gemeente.lower()
    names = {c: n for p in plans.values() for c, n in p.gemeenten.items()}
    if code in names:
        return Scope("gemeente", code, names[code], {"gemeente": PREFIXES["gm"] + code})
    return None


def build(store: GraphStore, queries: QueryCatalog, scope: Scope, level: str, direction: str) -> Grid:
    return grid(records(store, queries, "matrix-partners", **scope.argument), level, direction)


def _choice(value: str, allowed: tuple[str, ...] | dict[str, str], default: str) -> str:
    return value if value in allowed else default


@dataclass(frozen=True)
class MatrixRequest:
    """The query parameters the page and its CSV share, so that the CSV is exactly what the page shows."""

    plan: str
    gemeente: str
    level: str
    direction: str
    zoek: str


def matrix_request(
    plan: Text = "",
    gemeente: Text = "",
    niveau: Text = "opgave",
    richting: Text = "partners",
    zoek: Annotated[str, Query(alias="filter", max_length=200)] = "",
) -> MatrixRequest:
    return MatrixRequest(
        plan, gemeente, _choice(niveau, LEVELS, "opgave"), _choice(richting, DIRECTIONS, "partners"), zoek
    )


MatrixDep = Annotated[MatrixRequest, Depends(matrix_request)]


@router.get("/matrix", summary="Pagina: welke partner dient welk doel (per plan of gemeente)")
def matrix_page(request: Request, store: StoreDep, queries: CatalogDep, asked: MatrixDep) -> HTMLResponse:
    plan, gemeente, level, direction, zoek = asked.plan, asked.gemeente, asked.level, asked.direction, asked.zoek
    plans = plans_and_municipalities(store, queries)
    gemeenten = {c: n for p in plans.values() for c, n in p.gemeenten.items()}
    chooser = {"plannen": sorted(plans.values(), key=lambda p: p.titel.lower()), "gemeenten": sorted(gemeenten.items())}
    if not plan and not gemeente:
        return render(request, "matrix-kies.html", chooser)
    scope = scope_of(plans, plan, gemeente)
    if scope is None:
        return not_found(request, f"Geen plan of gemeente '{plan or gemeente}' in de graaf.")
    full = build(store, queries, scope, level, direction)
    shown = full.filtered(zoek)
    params = {scope.kind: scope.key, "niveau": level, "richting": direction}
    context = {
        **chooser,
        "scope": scope,
        "grid": shown,
        "totaal": len(full.rows),
        "niveau": level,
        "richting": direction,
        "filter": zoek,
        "titels": {p.plan_id: p.titel for p in plans.values()},
        "csv_url": str(URL("/matrix.csv").include_query_params(**params)),
        "xlsx_url": str(URL("/matrix.xlsx").include_query_params(**params)),
        "params": params,
    }
    return render(request, "matrix.html", context)


@router.get("/matrix.csv", summary="De matrix als CSV (dezelfde query, hetzelfde raster als de pagina)")
def matrix_csv(store: StoreDep, queries: CatalogDep, asked: MatrixDep, scheiding: Separator = "puntkomma") -> Response:
    """Semicolons and a BOM by default, as Dutch Excel expects; ?scheiding=komma gives RFC 4180 for programs."""
    return _download(store, queries, asked, "csv", scheiding)


@router.get("/matrix.xlsx", summary="De matrix als Excel-bestand (xlsx), hetzelfde raster als de pagina")
def matrix_xlsx(store: StoreDep, queries: CatalogDep, asked: MatrixDep) -> Response:
    return _download(store, queries, asked, "xlsx")


def _download(
    store: GraphStore, queries: QueryCatalog, asked: MatrixRequest, extension: str, separator: Separator = "puntkomma"
) -> Response:
    scope = scope_of(plans_and_municipalities(store, queries), asked.plan, asked.gemeente)
    if scope is None:
        return Response("Geef een bestaand plan (?plan=) of een gemeente (?gemeente=gm0396).\n", 404)
    name = f"matrix-{scope.key}-{asked.level}-{asked.direction}.{extension}"
    table = build(store, queries, scope, asked.level, asked.direction).filtered(asked.zoek).table(f"Matrix {scope.key}")
    if extension == "xlsx":
        body, media_type = to_xlsx(table), XLSX_MEDIA_TYPE
    else:
        body, media_type = to_csv(table, separator), "text/csv; charset=utf-8; header=present"
    return Response(body, media_type=media_type, headers={"Content-Disposition": f'attachment; filename="{name}"'})
