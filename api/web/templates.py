"""The jinja2 environment of the HTML side; templates live in api/web/templates/."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from api.settings import get_settings

TEMPLATES = Jinja2Templates(directory=Path(__file__).parent / "templates")


OFFICIAL_LAWS = "https://wetten.overheid.nl/"
BWB_ID = re.compile(r"^BWB[RV][0-9]{7}$")


def local_path(iri: str) -> str | None:
    """The path on this service where an IRI dereferences: one minted under the base, or a law on
    wetten.overheid.nl (its page here says what the plans do under it, and links to the official text)."""
    base = get_settings().base_iri
    if iri.startswith(base):
        return "/" + iri.removeprefix(base)
    law = iri.removeprefix(OFFICIAL_LAWS)
    return f"/wetten/{law}" if iri.startswith(OFFICIAL_LAWS) and BWB_ID.match(law) else None


def link(iri: str, label: str | None = None) -> Markup:
    text = escape(label or iri)
    path = local_path(iri)
    if path is not None:
        return Markup(f'<a href="{escape(path)}">{text}</a>')
    if iri.startswith(("http://", "https://")):
        return Markup(f'<a href="{escape(iri)}" rel="external">{text}</a>')
    return Markup(text)


TEMPLATES.env.filters["link"] = link
TEMPLATES.env.globals.update(link=link, local_path=local_path)
