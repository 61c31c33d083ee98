"""The jinja2 environment of the HTML side; templates live in api/web/templates/."""

from __future__ import annotations

from pathlib import Path

from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from api.settings import get_settings

TEMPLATES = Jinja2Templates(directory=Path(__file__).parent / "templates")


def local_path(iri: str) -> str | None:
    """The path on this service where an IRI minted under the base dereferences, if it is ours."""
    base = get_settings().base_iri
    return "/" + iri.removeprefix(base) if iri.startswith(base) else None


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
