"""Who is logged in on /publiceren, and proof that a form was sent from our own page.

The session cookie holds the account id and an expiry, signed with HMAC-SHA256 under a key kept in the admin
folder (made on first use, mode 0600), so every web worker reads the same sessions without shared memory. The
account is looked up on every request: revoking it ends its sessions at once. The cookie is HttpOnly,
SameSite=Strict, and Secure when the service is reached over https.

CSRF: every form carries a token derived from a random cookie of its own (double submit, compared in constant
time); a cross-site page can neither read that cookie nor, under SameSite=Strict, make the browser send it.
A request whose Origin names another site is refused as well.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import time
from pathlib import Path

from fastapi import Request, Response

from api.errors import NotAllowed, NotAuthenticated
from api.kg.publishing.accounts import Account, account_by_id, authenticate
from api.settings import Settings

SESSION = "bg_sessie"
CSRF = "bg_csrf"
KEY_FILE = "sessiesleutel"


def _key(settings: Settings) -> bytes:
    path: Path = settings.beheer_dir / KEY_FILE
    if not path.exists():
        settings.beheer_dir.mkdir(parents=True, exist_ok=True)
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another web worker made it first
            pass
        else:
            with os.fdopen(descriptor, "wb") as out:
                out.write(secrets.token_bytes(32))
                out.flush()
                os.fsync(out.fileno())
    key = path.read_bytes()
    if len(key) < 32:  # a crash between create and write: make it whole (sessions signed with nothing do not exist)
        key = secrets.token_bytes(32)
        path.write_bytes(key)
    return key


def _sign(settings: Settings, text: str) -> str:
    return hmac.new(_key(settings), text.encode("utf-8"), hashlib.sha256).hexdigest()


def _secure(request: Request) -> bool:
    return request.url.scheme == "https"


def log_in(request: Request, response: Response, settings: Settings, token: str) -> Account:
    account = authenticate(settings, token)
    expires = int(time.time() + settings.session_hours * 3600)
    payload = f"{account.id}.{expires}"
    response.set_cookie(
        SESSION,
        f"{payload}.{_sign(settings, payload)}",
        max_age=int(settings.session_hours * 3600),
        httponly=True,
        secure=_secure(request),
        samesite="strict",
        path="/",
    )
    return account


def log_out(response: Response) -> None:
    response.delete_cookie(SESSION, path="/")


def session_account(request: Request, settings: Settings) -> Account | None:
    """The logged-in account, or None (no cookie, a forged or expired one, a revoked account)."""
    value = request.cookies.get(SESSION, "")
    parts = value.split(".")
    if len(parts) != 3 or not parts[1].isdigit():
        return None
    payload = f"{parts[0]}.{parts[1]}"
    if not hmac.compare_digest(_sign(settings, payload), parts[2]) or int(parts[1]) < time.time():
        return None
    return account_by_id(settings, parts[0])


def bearer_account(request: Request, settings: Settings) -> Account:
    """The account of an API call's `Authorization: Bearer` token; NotAuthenticated without a valid one."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer":
        raise NotAuthenticated("stuur het token als 'Authorization: Bearer <token>'")
    return authenticate(settings, token)


def csrf_token(request: Request, response: Response | None = None) -> str:
    """The token for this browser's forms; sets its cookie on `response` when it has none yet."""
    value = request.cookies.get(CSRF, "")
    if len(value) < 32:
        value = secrets.token_urlsafe(32)
        request.state.new_csrf = value
    if response is not None:
        attach_csrf(request, response)
    return value


def attach_csrf(request: Request, response: Response) -> None:
    value = getattr(request.state, "new_csrf", None)
    if value:
        response.set_cookie(CSRF, value, httponly=True, secure=_secure(request), samesite="strict", path="/")


def check_form(request: Request, sent: str | None) -> None:
    """Refuse a form that was not sent from one of our pages (403, nothing done)."""
    origin = request.headers.get("origin")
    if origin and origin != "null":
        expected = f"{request.url.scheme}://{request.url.netloc}"
        if origin.rstrip("/") != expected:
            raise NotAllowed(f"dit formulier komt van een andere site ({origin}); er is niets gedaan")
    cookie = request.cookies.get(CSRF, "")
    if not cookie or not sent or not hmac.compare_digest(cookie, sent):
        raise NotAllowed(
            "het formulier mist een geldige CSRF-code (open de pagina opnieuw en probeer het nog eens); "
            "er is niets gedaan"
        )
