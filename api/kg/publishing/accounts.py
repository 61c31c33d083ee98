"""Accounts that may publish a municipality's plans: a name, a CBS code and the SHA-256 of a token.

The token is 32 random bytes, shown once when the account is made; only its hash is kept, so a copy of
gebruikers.json lets nobody publish. (A slow password hash buys nothing for a random token of that length.)
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import re
import secrets
from dataclasses import asdict, dataclass
from pathlib import Path

from api.errors import NotAuthenticated, ParameterError
from api.kg.workbook.files import write_atomically
from api.settings import Settings

FILE = "gebruikers.json"
TOKEN_PREFIX = "bgt_"
CBS_CODE = re.compile(r"^gm\d{4}$")


@dataclass(frozen=True)
class Account:
    id: str
    naam: str
    gemeente: str  # CBS code, lower case: gm0396
    token_sha256: str
    aangemaakt: str
    ingetrokken: str | None = None

    @property
    def active(self) -> bool:
        return self.ingetrokken is None


def _path(settings: Settings) -> Path:
    return settings.beheer_dir / FILE


def accounts(settings: Settings) -> list[Account]:
    path = _path(settings)
    if not path.exists():
        return []
    return [Account(**entry) for entry in json.loads(path.read_text(encoding="utf-8"))["gebruikers"]]


def _save(settings: Settings, found: list[Account]) -> None:
    body = json.dumps({"gebruikers": [asdict(a) for a in found]}, ensure_ascii=False, indent=2) + "\n"
    write_atomically({_path(settings): body})
    _path(settings).chmod(0o600)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def add_account(settings: Settings, gemeente: str, naam: str) -> tuple[Account, str]:
    """A new account and its token (the only time the token exists outside the user's hands)."""
    gemeente = gemeente.strip().lower()
    if not CBS_CODE.match(gemeente):
        raise ParameterError("--gemeente", f"'{gemeente}' is geen CBS-gemeentecode zoals gm0396")
    if not naam.strip():
        raise ParameterError("--naam", "geef de naam van de persoon of afdeling die het account gebruikt")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    account = Account(f"u-{secrets.token_hex(4)}", naam.strip(), gemeente, _hash(token), now)
    _save(settings, [*accounts(settings), account])
    return account, token


def revoke_account(settings: Settings, account_id: str) -> Account:
    found = accounts(settings)
    for index, account in enumerate(found):
        if account.id == account_id:
            if account.active:
                now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
                found[index] = Account(**{**asdict(account), "ingetrokken": now})
                _save(settings, found)
            return found[index]
    raise ParameterError("account", f"geen account '{account_id}'; zie `beleidsgraaf gebruiker lijst`")


def account_by_id(settings: Settings, account_id: str) -> Account | None:
    """The active account with this id (a revoked one counts as none)."""
    return next((a for a in accounts(settings) if a.id == account_id and a.active), None)


def authenticate(settings: Settings, token: str | None) -> Account:
    """The active account the token belongs to; NotAuthenticated names why there is none."""
    if not token or not token.strip():
        raise NotAuthenticated("geen token meegestuurd: log in op /publiceren of stuur 'Authorization: Bearer …'")
    digest = _hash(token.strip())
    for account in accounts(settings):
        if hmac.compare_digest(account.token_sha256, digest):
            if not account.active:
                raise NotAuthenticated(f"dit token is ingetrokken op {account.ingetrokken}")
            return account
    raise NotAuthenticated("dit token hoort bij geen account")
