"""/vergelijk and its downloads: municipalities or plans side by side (api.kg.compare holds the model).

GET parameters, repeatable: ?gemeente=gm0396&gemeente=gm0397 or ?plan=…; the CSV and xlsx take the same ones,
so what is downloaded is what the page shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

from api.kg.compare import Comparison, Scope, compare
from api.kg.queries import QueryCatalog
from api.kg.store import GraphStore
from api.web.deps import CatalogDep, StoreDep
from api.web.pages.common import not_found, records, render
from api.web.pages.partner import plans_and_municipalities
from api.web.tables import XLSX_MEDIA_TYPE, Separator, Table, to_csv, to_xlsx

router = APIRouter(tags=["pagina's"])
MAX_SCOPES = 12
Keys = Annotated[list[str] | None, Query(max_length=80)]


@dataclass(frozen=True)
class Asked:
    """The repeated ?gemeente= and ?plan= the page and its downloads share."""

    gemeente: list[str]
    plan: list[str]


def asked(gemeente: Keys = None, plan: Keys = None) -> Asked:
    return Asked(gemeente or [], plan or [])


AskedDep = Annotated[Asked, Depends(asked)]


def _choices(store: GraphStore, queries: QueryCatalog) -> tuple[dict[str, str], dict[str, str]]:
    plans = plans_and_municipalities(store, queries)
    gemeenten = {code: name for plan in plans.values() for code, name in plan.gemeenten.items()}
    return dict(sorted(gemeenten.items(), key=lambda i: i[1])), {p.plan_id: p.titel for p in plans.values()}


def scopes_of(
    gemeente: list[str], plan: list[str], gemeenten: dict[str, str], plannen: dict[str, str]
) -> list[Scope] | str:
    """The chosen columns in the order asked, or what is wrong with the choice (in Dutch)."""
    scopes: list[Scope] = []
    for code in dict.fromkeys(c.strip().lower() for c in gemeente if c.strip()):
        if code not in gemeenten:
            return f"Geen gemeente '{code}' in de graaf; kies er een uit de lijst."
        scopes.append(Scope("gemeente", code, gemeenten[code]))
    for plan_id in dict.fromkeys(p.strip() for p in plan if p.strip()):
        if plan_id not in plannen:
            return f"Geen plan '{plan_id}' in de graaf; kies er een uit de lijst."
        scopes.append(Scope("plan", plan_id, plannen[plan_id]))
    if len(scopes) > MAX_SCOPES:
        return f"Vergelijk ten hoogste {MAX_SCOPES} gemeenten of plannen tegelijk."
    return scopes


def comparison(store: GraphStore, queries: QueryCatalog, scopes: list[Scope]) -> Comparison:
    return compare(records(store, queries, "vergelijking"), scopes)


@router.get(
    "/vergelijk", summary="Pagina: gemeenten of plannen naast elkaar (wetten, terreinen, doelgroepen, partners)"
)
def compare_page(request: Request, store: StoreDep, queries: CatalogDep, chosen_by: AskedDep) -> HTMLResponse:
    gemeenten, plannen = _choices(store, queries)
    chosen = scopes_of(chosen_by.gemeente, chosen_by.plan, gemeenten, plannen)
    if isinstance(chosen, str):
        return not_found(request, chosen)
    params = [(s.kind, s.key) for s in chosen]
    context = {
        "gemeenten": gemeenten,
        "plannen": plannen,
        "scopes": chosen,
        "gekozen": {s.key for s in chosen},
        "vergelijking": comparison(store, queries, chosen) if chosen else None,
        "query": urlencode(params),
    }
    return render(request, "vergelijk.html", context)


def _download(
    store: GraphStore, queries: QueryCatalog, chosen_by: Asked, extension: str, separator: Separator = "puntkomma"
) -> Response:
    gemeenten, plannen = _choices(store, queries)
    chosen = scopes_of(chosen_by.gemeente, chosen_by.plan, gemeenten, plannen)
    if isinstance(chosen, str) or not chosen:
        message = chosen if isinstance(chosen, str) else "Kies gemeenten (?gemeente=gm0396) of plannen (?plan=…)."
        return Response(message + "\n", 404, media_type="text/plain; charset=utf-8")
    result = comparison(store, queries, chosen)
    table = Table("Vergelijking", result.header(), result.rows())
    name = "vergelijking-" + "-".join(s.key for s in chosen) + f".{extension}"
    if extension == "xlsx":
        body, media_type = to_xlsx(table), XLSX_MEDIA_TYPE
    else:
        body, media_type = to_csv(table, separator), "text/csv; charset=utf-8; header=present"
    return Response(body, media_type=media_type, headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/vergelijk.csv", summary="De vergelijking als CSV (puntkomma en BOM, zoals Nederlandse Excel verwacht)")
def compare_csv(
    store: StoreDep, queries: CatalogDep, chosen_by: AskedDep, scheiding: Separator = "puntkomma"
) -> Response:
    return _download(store, queries, chosen_by, "csv", scheiding)


@router.get("/vergelijk.xlsx", summary="De vergelijking als Excel-bestand (xlsx)")
def compare_xlsx(store: StoreDep, queries: CatalogDep, chosen_by: AskedDep) -> Response:
    return _download(store, queries, chosen_by, "xlsx")
