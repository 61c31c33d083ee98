"""Publishing from the browser and the API: log in, upload, preview, publish; versions, restore, audit trail.

    GET  /publiceren                        log in with a token; then upload a workbook, see your plans
    POST /publiceren/inloggen, /uitloggen   the session cookie (api.web.session)
    POST /publiceren/voorbeeld              a workbook checked: errors per cell, findings, what changes
    POST /publiceren/plan                   publish what the preview showed (the workbook is sent again, checked again)
    POST /publiceren/intrekken, /herstellen withdraw a plan, restore an older version (as a new version)
    GET  /id/plan/{id}/versies[/{n}][.ttl]  every version, one version, its files; /vergelijk?van=&naar=
    GET  /beheer/audit                      the audit trail for the logged-in account's municipality
    POST /plannen/{id}/versies              the same publish for programs, with Authorization: Bearer
    GET  /plannen/{id}/versies              the versions as JSON

Every write needs an account of one of the plan's municipalities, and a form also its CSRF code; the body is
read under a size limit before anything is parsed. What is refused changes nothing in the data directory.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.datastructures import FormData, UploadFile

from api.errors import NotAllowed, NotAuthenticated, NotFound, PublishError, Unpublishable
from api.kg.publishing import audit
from api.kg.publishing import service as publishing
from api.kg.publishing.accounts import Account
from api.kg.publishing.versions import Version, stamp_of
from api.kg.queries import run_named
from api.kg.workbook.problems import WorkbookError
from api.kg.workbook.service import template
from api.kg.workbook.xlsx_read import Limits
from api.settings import Settings
from api.web import session
from api.web.deps import SettingsDep, StoreDep
from api.web.pages.common import render
from api.web.sparql import ProtocolError, read_body

router = APIRouter(tags=["publiceren"])
PlanId = Annotated[str, Path(pattern=r"^[a-z0-9][a-z0-9-]{0,120}$", description="Plan-id")]
FORM_OVERHEAD = 256 * 1024
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
NO_STORE = {"Cache-Control": "no-store"}


def _limits() -> Limits:
    return Limits()


async def _body(request: Request, limit: int) -> bytes:
    """The body under `limit`: 413 as soon as it is known to be larger (declared or sent), 408 when too slow."""
    try:
        return await read_body(request, limit, request.app.state.settings.request_read_timeout * 6)
    except ProtocolError as error:
        if error.status == 413:
            message = f"Het bestand is groter dan {limit:,} bytes; er is niets gelezen of gepubliceerd.".replace(
                ",", "."
            )
            raise HTTPException(413, message) from None
        raise HTTPException(error.status, error.message) from None


async def _form(request: Request, limit: int) -> FormData:
    """The form, read whole under `limit` (413 beyond it) and only then parsed: no part is spooled unbounded."""
    body = await _body(request, limit)

    async def replay() -> dict[str, Any]:
        return {"type": "http.request", "body": body, "more_body": False}

    return await Request(request.scope, replay).form(max_files=1, max_fields=20)


def _field(form: FormData, name: str) -> str:
    value = form.get(name)
    return value if isinstance(value, str) else ""


def _basis(text: str) -> int | None:
    text = text.strip().strip('"')
    return int(text) if text.isdigit() else None


async def _reload(request: Request) -> None:
    live = getattr(request.app.state, "live_data", None)
    if live is not None:
        await live.reload(build=True)


def _page(request: Request, template: str, context: dict[str, Any], status: int = 200) -> Response:
    token = session.csrf_token(request)
    response = render(request, template, {"csrf": token, **context}, status=status)
    response.headers.update(NO_STORE)
    session.attach_csrf(request, response)
    return response


def _plans_of(request: Request, account: Account) -> list[dict[str, str]]:
    state = request.app.state
    gemeente = f"https://identifier.overheid.nl/tooi/id/gemeente/{account.gemeente}"
    rows = run_named(state.store, state.catalog, "gemeenten").records()
    return [r for r in rows if r.get("gemeente") == gemeente and r.get("planId")]


# --- log in ------------------------------------------------------------------------------------------------


@router.get("/publiceren", summary="Inloggen en een planwerkboek publiceren", include_in_schema=False)
def publish_page(request: Request, settings: SettingsDep, fout: str = "") -> Response:
    account = session.session_account(request, settings)
    plans = _plans_of(request, account) if account else []
    return _page(request, "publiceren.html", {"account": account, "plans": plans, "fout": fout})


@router.post("/publiceren/inloggen", include_in_schema=False)
async def log_in(request: Request, settings: SettingsDep) -> Response:
    form = await _form(request, 64 * 1024)
    session.check_form(request, _field(form, "csrf"))
    response = RedirectResponse("/publiceren", status_code=303)
    try:
        session.log_in(request, response, settings, _field(form, "token"))
    except NotAuthenticated as error:
        return _page(request, "publiceren.html", {"account": None, "plans": [], "fout": str(error)}, status=401)
    return response


@router.post("/publiceren/uitloggen", include_in_schema=False)
async def log_out(request: Request) -> Response:
    form = await _form(request, 64 * 1024)
    session.check_form(request, _field(form, "csrf"))
    response = RedirectResponse("/publiceren", status_code=303)
    session.log_out(response)
    return response


ACTION_OF = {
    "/publiceren/plan": "publiceren",
    "/publiceren/intrekken": "intrekken",
    "/publiceren/herstellen": "herstellen",
}


async def _checked_form(
    request: Request, settings: Settings, form: FormData, action: str, plan_id: str, account: Account | None
) -> None:
    """A write form's CSRF code and origin; a refusal is an attempt like any other, so it is in the audit log."""
    try:
        session.check_form(request, _field(form, "csrf"))
    except NotAllowed as error:
        await asyncio.to_thread(publishing.record_refusal, settings, action, plan_id, account, "web", error)
        raise


def _logged_in(request: Request, settings: Settings) -> Account:
    account = session.session_account(request, settings)
    if account is None:
        raise NotAuthenticated("log eerst in op /publiceren met het token van uw account")
    return account


@router.get("/publiceren/sjabloon.xlsx", summary="Een leeg planwerkboek", include_in_schema=False)
def blank_workbook(store: StoreDep, request: Request) -> Response:
    data = template(store, request.app.state.catalog)
    headers = {"Content-Disposition": 'attachment; filename="planwerkboek.xlsx"'}
    return Response(data, media_type=XLSX, headers=headers)


# --- preview and publish in the browser --------------------------------------------------------------------


async def _upload(form: FormData) -> bytes:
    upload = form.get("werkboek")
    if isinstance(upload, UploadFile):
        try:
            return await upload.read()
        finally:
            await upload.close()
    encoded = _field(form, "werkboek_b64")
    try:
        return base64.b64decode(encoded, validate=True) if encoded else b""
    except (binascii.Error, ValueError):
        return b""


@router.post("/publiceren/voorbeeld", include_in_schema=False)
async def preview(request: Request, settings: SettingsDep, store: StoreDep) -> Response:
    form = await _form(request, _limits().file_bytes + FORM_OVERHEAD)
    session.check_form(request, _field(form, "csrf"))
    account = _logged_in(request, settings)
    data = await _upload(form)
    try:
        checked = await asyncio.to_thread(publishing.preview, data, settings, store, account, limits=_limits())
    except PublishError as error:
        await asyncio.to_thread(
            publishing.record_refusal, settings, "voorbeeld", getattr(error, "plan_id", ""), account, "web", error
        )
        raise
    context = {
        "account": account,
        "preview": checked,
        "werkboek_b64": base64.b64encode(data).decode("ascii") if checked.publishable else "",
    }
    return _page(request, "publiceren-voorbeeld.html", context, status=checked.status if checked.problems else 200)


async def _write(
    request: Request, settings: Settings, form: FormData, action: str, work: Callable[[Account, FormData], Version]
) -> Response:
    """A write form from the browser: CSRF and origin checked, a logged-in account, the work audited, then the
    worker's data reloaded and the browser sent to the plan's versions."""
    plan_id = _field(form, "plan")
    account = session.session_account(request, settings)
    await _checked_form(request, settings, form, action, plan_id, account)

    def attempt() -> Version:
        if account is None:
            raise NotAuthenticated("log eerst in op /publiceren met het token van uw account")
        return work(account, form)

    version = await asyncio.to_thread(publishing.audited, settings, action, plan_id, account, "web", attempt)
    await _reload(request)
    return RedirectResponse(f"/id/plan/{version.plan_id}/versies?nieuw={version.number}", status_code=303)


@router.post("/publiceren/plan", include_in_schema=False)
async def publish_form(request: Request, settings: SettingsDep, store: StoreDep) -> Response:
    form = await _form(request, (_limits().file_bytes * 4) // 3 + FORM_OVERHEAD)
    data = await _upload(form)

    def work(account: Account, form: FormData) -> Version:
        basis, note, plan_id = _basis(_field(form, "basis")), _field(form, "toelichting"), _field(form, "plan")
        return publishing.publish(
            data, settings, store, account, basis=basis, note=note, plan_id=plan_id or None, limits=_limits()
        )

    return await _write(request, settings, form, "publiceren", work)


@router.post("/publiceren/intrekken", include_in_schema=False)
async def withdraw_form(request: Request, settings: SettingsDep) -> Response:
    def work(account: Account, form: FormData) -> Version:
        basis, note = _basis(_field(form, "basis")), _field(form, "toelichting")
        return publishing.withdraw(settings, account, _field(form, "plan"), basis=basis, note=note)

    return await _write(request, settings, await _form(request, 64 * 1024), "intrekken", work)


@router.post("/publiceren/herstellen", include_in_schema=False)
async def restore_form(request: Request, settings: SettingsDep) -> Response:
    def work(account: Account, form: FormData) -> Version:
        number = _basis(_field(form, "versie"))
        if number is None:
            raise NotFound("kies de versie die u wilt herstellen")
        basis, note = _basis(_field(form, "basis")), _field(form, "toelichting")
        return publishing.restore(settings, account, _field(form, "plan"), number, basis=basis, note=note)

    return await _write(request, settings, await _form(request, 64 * 1024), "herstellen", work)


# --- versions, public ----------------------------------------------------------------------------------------


def _history(settings: Settings, plan_id: str) -> list[Version]:
    found = publishing.history(settings, plan_id)
    if not found:
        raise NotFound(f"geen plan '{plan_id}'; zie de lijst op /")
    return found


@router.get("/id/plan/{plan_id}/versies", summary="Alle versies van een plan", include_in_schema=False)
def versions_page(
    request: Request, plan_id: PlanId, settings: SettingsDep, nieuw: Annotated[int | None, Query()] = None
) -> Response:
    found = _history(settings, plan_id)
    account = session.session_account(request, settings)
    may = account is not None and account.gemeente in publishing.stored_gemeenten(settings, plan_id)
    context = {"plan_id": plan_id, "versions": found[::-1], "current": found[-1], "nieuw": nieuw, "may": may}
    return _page(request, "versies.html", {"account": account, **context})


@router.get("/id/plan/{plan_id}/versies/vergelijk", include_in_schema=False)
def compare_page(
    request: Request,
    plan_id: PlanId,
    settings: SettingsDep,
    store: StoreDep,
    van: Annotated[int, Query(ge=0)],
    naar: Annotated[int, Query(ge=0)],
) -> Response:
    found = {v.number: v for v in _history(settings, plan_id)}
    for number in (van, naar):
        if number not in found:
            raise NotFound(f"plan '{plan_id}' heeft geen versie {number}")
    changes = publishing.compare(settings, store, plan_id, van, naar)
    context = {"plan_id": plan_id, "old": found[van], "new": found[naar], "changes": changes}
    return _page(request, "versies-vergelijk.html", context)


@router.get("/id/plan/{plan_id}/versies/{number}.ttl", include_in_schema=False)
def version_turtle(plan_id: PlanId, number: Annotated[int, Path(ge=0)], settings: SettingsDep) -> Response:
    _history(settings, plan_id)
    texts = publishing.version_texts(settings, plan_id, number)
    body = publishing.plan_graph(texts).serialize(format="turtle") if texts else "# Deze versie trekt het plan in.\n"
    headers = {"Content-Disposition": f'attachment; filename="{plan_id}-versie-{number}.ttl"'}
    return Response(body, media_type="text/turtle; charset=utf-8", headers=headers)


_workbooks: OrderedDict[tuple[str, int, str], bytes] = OrderedDict()
_workbook_lock = threading.Lock()


def _version_workbook(settings: Settings, plan_id: str, number: int) -> bytes:
    """Made once per version and state of the data (a version never changes), one at a time: building one loads the
    whole graph, so a crowd of requests waits for the first instead of each loading it again."""
    key = (plan_id, number, stamp_of(settings.published_dir))
    with _workbook_lock:
        if key not in _workbooks:
            _workbooks[key] = publishing.version_workbook(settings, plan_id, number)
            while len(_workbooks) > 16:
                _workbooks.popitem(last=False)
        return _workbooks[key]


@router.get("/id/plan/{plan_id}/versies/{number}.xlsx", include_in_schema=False)
async def version_xlsx(plan_id: PlanId, number: Annotated[int, Path(ge=0)], settings: SettingsDep) -> Response:
    _history(settings, plan_id)
    data = await asyncio.to_thread(_version_workbook, settings, plan_id, number)
    headers = {"Content-Disposition": f'attachment; filename="{plan_id}-versie-{number}.xlsx"'}
    return Response(data, media_type=XLSX, headers=headers)


@router.get("/id/plan/{plan_id}/versies/{number}", include_in_schema=False)
def version_page(
    request: Request, plan_id: PlanId, number: Annotated[int, Path(ge=0)], settings: SettingsDep, store: StoreDep
) -> Response:
    found = _history(settings, plan_id)
    by_number = {v.number: v for v in found}
    if number not in by_number:
        raise NotFound(f"plan '{plan_id}' heeft geen versie {number}")
    earlier = [v.number for v in found if v.number < number]
    # the first version is the whole plan: listing every element as added says nothing
    changes = publishing.compare(settings, store, plan_id, earlier[-1], number) if earlier else None
    account = session.session_account(request, settings)
    may = account is not None and account.gemeente in publishing.stored_gemeenten(settings, plan_id)
    context = {
        "plan_id": plan_id,
        "version": by_number[number],
        "previous": by_number.get(earlier[-1]) if earlier else None,
        "current": found[-1],
        "changes": changes,
        "may": may,
        "account": account,
    }
    return _page(request, "versie.html", context)


# --- audit trail -------------------------------------------------------------------------------------------


@router.get("/beheer/audit", summary="Het auditlog van uw gemeente", include_in_schema=False)
def audit_page(request: Request, settings: SettingsDep) -> Response:
    account = session.session_account(request, settings)
    if account is None:
        return RedirectResponse("/publiceren?fout=Log+in+om+het+auditlog+te+zien", status_code=303)
    entries = audit.entries(settings, account.gemeente)
    return _page(request, "audit.html", {"account": account, "entries": entries})


# --- the API -----------------------------------------------------------------------------------------------


def _version_json(version: Version) -> dict[str, Any]:
    return {
        "versie": version.number,
        "iri": version.iri,
        "handeling": version.action,
        "tijd": version.when.isoformat() if version.when else None,
        "door": version.name,
        "gemeente": version.gemeente or None,
        "toelichting": version.note,
        "hersteldVan": version.restored_from,
    }


@router.get("/plannen/{plan_id}/versies", summary="Alle versies van een plan (nieuwste laatst)")
def versions_json(plan_id: PlanId, settings: SettingsDep) -> list[dict[str, Any]]:
    return [_version_json(v) for v in _history(settings, plan_id)]


async def _api_upload(request: Request, basis: int | None, note: str) -> tuple[bytes, int | None, str]:
    """The workbook, the version it builds on and the note: from a raw .xlsx body, or from a multipart form."""
    if request.headers.get("content-type", "").startswith("multipart/form-data"):
        form = await _form(request, _limits().file_bytes + FORM_OVERHEAD)
        data = await _upload(form)
        return data, basis if basis is not None else _basis(_field(form, "basis")), note or _field(form, "toelichting")
    data = await _body(request, _limits().file_bytes)
    return data, basis if basis is not None else _basis(request.headers.get("if-match", "")), note


@router.post(
    "/plannen/{plan_id}/versies",
    status_code=201,
    summary="Een planwerkboek publiceren als nieuwe versie (Authorization: Bearer <token>)",
    description=(
        "De body is het .xlsx zelf (Content-Type " + XLSX + ", versie waarop het voortbouwt in If-Match of "
        "?basis=), of multipart/form-data met de velden werkboek, basis en toelichting. 201 met de nieuwe versie; "
        "401 zonder geldig token, 403 voor een plan van een andere gemeente, 409 als er intussen een nieuwere "
        "versie is, 413/415 voor een te groot of ander bestand, 422 met de fouten per cel, 428 zonder basis."
    ),
)
async def publish_api(
    request: Request,
    plan_id: PlanId,
    settings: SettingsDep,
    store: StoreDep,
    basis: Annotated[int | None, Query(ge=0)] = None,
    toelichting: Annotated[str, Query(max_length=2000)] = "",
) -> Response:
    try:
        account: Account | None = session.bearer_account(request, settings)
    except NotAuthenticated as error:
        await asyncio.to_thread(publishing.record_refusal, settings, "publiceren", plan_id, None, "api", error)
        raise
    try:
        data, basis, toelichting = await _api_upload(request, basis, toelichting)
    except HTTPException as error:
        refused = Unpublishable(str(error.detail))
        await asyncio.to_thread(publishing.record_refusal, settings, "publiceren", plan_id, account, "api", refused)
        raise

    def work() -> Version:
        assert account is not None
        return publishing.publish(
            data, settings, store, account, basis=basis, note=toelichting, plan_id=plan_id, limits=_limits()
        )

    try:
        version = await asyncio.to_thread(publishing.audited, settings, "publiceren", plan_id, account, "api", work)
    except WorkbookError as error:
        problems = [
            {
                "blad": p.sheet,
                "rij": p.row,
                "kolom": p.column,
                "veld": p.header,
                "waarde": p.value,
                "melding": p.message,
            }
            for p in error.problems
        ]
        body = {"detail": str(error).splitlines()[0], "status": error.status, "fouten": problems}
        return JSONResponse(body, status_code=error.status)
    await _reload(request)
    headers = {"Location": f"/id/plan/{version.plan_id}/versies/{version.number}"}
    return JSONResponse(_version_json(version), status_code=201, headers=headers)
