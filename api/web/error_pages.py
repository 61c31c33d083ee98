"""Every refusal and failure as the client can read it: a Dutch HTML page for browsers, text for
the SPARQL routes, JSON for the API; with Retry-After where waiting helps.

Each error class maps to one status here, so the CLI, tests and /metrics agree on what a 4xx or 5xx
means; anything not foreseen is a 500 page that names no internals.
"""

from __future__ import annotations

import logging

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from starlette.exceptions import HTTPException

from api.errors import (
    BaseVersionMissing,
    BeleidsgraafError,
    EngineFailure,
    NamedQueryError,
    NotAllowed,
    NotAuthenticated,
    NotFound,
    ParameterError,
    QueryFileError,
    QueryRefused,
    QuerySyntaxError,
    QueryTimeout,
    ResultTooLarge,
    RetryLater,
    ServiceBusy,
    StoreUnavailable,
    TooManyRequests,
    UnknownQuery,
    Unpublishable,
    VersionConflict,
)
from api.web.templates import TEMPLATES

log = logging.getLogger(__name__)

STATUS: list[tuple[type[BeleidsgraafError], int]] = [
    (QuerySyntaxError, 400),
    (QueryRefused, 400),
    (ParameterError, 400),
    (UnknownQuery, 404),
    (NotFound, 404),
    (NotAuthenticated, 401),
    (NotAllowed, 403),
    (VersionConflict, 409),
    (BaseVersionMissing, 428),
    (Unpublishable, 422),
    (TooManyRequests, 429),
    (ServiceBusy, 503),
    (QueryTimeout, 503),
    (ResultTooLarge, 503),
    (StoreUnavailable, 502),
    (EngineFailure, 500),
    (QueryFileError, 500),
    (NamedQueryError, 400),
]

TITLES = {
    400: "Ongeldig verzoek",
    401: "Niet ingelogd",
    403: "Niet toegestaan",
    404: "Niet gevonden",
    405: "Methode niet toegestaan",
    406: "Formaat niet beschikbaar",
    408: "Verzoek te traag",
    409: "Conflict met een nieuwere versie",
    413: "Verzoek te groot",
    415: "Type niet ondersteund",
    422: "Ongeldige parameter",
    428: "Versie ontbreekt",
    429: "Te veel verzoeken tegelijk",
    500: "Interne fout",
    502: "Gegevensbron niet bereikbaar",
    503: "Tijdelijk niet beschikbaar",
    504: "Gegevensbron antwoordt niet op tijd",
}

# Starlette's own English details (unknown route, wrong method) in the service's language.
_STARLETTE_DETAILS = {
    "Not Found": "Deze pagina of bron bestaat niet.",
    "Method Not Allowed": "Deze methode is hier niet toegestaan.",
}

TEXT_ROUTES = ("/sparql", "/queries/")


def status_for(error: BeleidsgraafError) -> int:
    return next((status for kind, status in STATUS if isinstance(error, kind)), 500)


def wants_html(request: Request) -> bool:
    accept = request.headers.get("accept", "")
    return "text/html" in accept and "application/json" not in accept


def error_response(
    request: Request, status: int, message: str, *, kind: str = "", headers: dict[str, str] | None = None
) -> Response:
    """The one way an error leaves the service."""
    if wants_html(request):
        context = {"status": status, "title": TITLES.get(status, "Fout"), "message": message}
        response: Response = TEMPLATES.TemplateResponse(
            request, "fout.html", context, status_code=status, headers=headers
        )
        return response
    if request.url.path.startswith(TEXT_ROUTES):
        return PlainTextResponse(message, status_code=status, headers=headers)
    body = {"detail": message, "type": kind or TITLES.get(status, "Fout"), "status": status}
    return JSONResponse(body, status_code=status, headers=headers)


async def on_beleidsgraaf_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, BeleidsgraafError)
    headers = {"Retry-After": str(error.retry_after)} if isinstance(error, RetryLater) else None
    return error_response(request, status_for(error), str(error), kind=type(error).__name__, headers=headers)


async def on_http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    detail = str(error.detail)
    message = _STARLETTE_DETAILS.get(detail, detail)
    if error.status_code == 404 and detail == "Not Found":
        message = f"Er is niets op {request.url.path}."
    return error_response(request, error.status_code, message, headers=dict(error.headers or {}) or None)


async def on_validation_error(request: Request, error: Exception) -> Response:
    """FastAPI's 422: the same list of problems for machines, in words for people."""
    assert isinstance(error, RequestValidationError)
    problems = [
        f"{'.'.join(str(part) for part in problem.get('loc', ()) if part not in ('query', 'path'))}: "
        f"{problem.get('msg', '')}"
        for problem in error.errors()
    ]
    message = "Ongeldige parameter — " + "; ".join(problems)
    if wants_html(request) or request.url.path.startswith(TEXT_ROUTES):
        return error_response(request, 422, message)
    return JSONResponse({"detail": message, "problems": error.errors(), "status": 422}, status_code=422)


async def on_unexpected(request: Request, error: Exception) -> Response:
    log.exception("onverwachte fout bij %s %s", request.method, request.url.path, exc_info=error)
    return error_response(
        request, 500, "Er ging iets mis aan onze kant. De fout is vastgelegd; probeer het later opnieuw."
    )
