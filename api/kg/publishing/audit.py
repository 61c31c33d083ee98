"""The audit log: every attempt to publish, withdraw or restore, accepted or refused, one JSON line each.

Opened for appending only (O_APPEND, each line one write and an fsync), so the service can add to it but has no
code path that rewrites it; lines from several web workers never interleave.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

from api.settings import Settings

FILE = "audit.jsonl"


@dataclass(frozen=True)
class Entry:
    tijd: str
    actie: str  # "publiceren", "intrekken", "herstellen", "voorbeeld"
    plan: str
    uitkomst: str  # "geaccepteerd" or "geweigerd"
    reden: str = ""
    gebruiker: str = ""  # account id; empty when no valid token was sent
    naam: str = ""
    gemeente: str = ""  # the account's municipality
    gemeenten: list[str] = field(default_factory=list)  # the plan's municipalities
    versie: int | None = None
    bron: str = ""  # "web" or "api"

    @property
    def accepted(self) -> bool:
        return self.uitkomst == "geaccepteerd"


def _path(settings: Settings) -> Path:
    return settings.beheer_dir / FILE


def record(settings: Settings, entry: Entry) -> None:
    settings.beheer_dir.mkdir(parents=True, exist_ok=True)
    line = (json.dumps(asdict(entry), ensure_ascii=False) + "\n").encode("utf-8")
    descriptor = os.open(_path(settings), os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(descriptor, line)
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def entries(settings: Settings, gemeente: str | None = None) -> list[Entry]:
    """Newest first; with a gemeente, those by its accounts or about its plans."""
    path = _path(settings)
    if not path.exists():
        return []
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        try:
            entry = Entry(**json.loads(line))
        except (ValueError, TypeError):
            continue  # a line a crash cut short: the lines before and after it still count
        if gemeente is None or entry.gemeente == gemeente or gemeente in entry.gemeenten:
            found.append(entry)
    return found[::-1]
