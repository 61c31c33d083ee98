"""GET /check (JSON findings) and GET /check.html (the Dutch report page), optionally ?plan=ID."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse
from markupsafe import Markup, escape

from api.kg.checks import Finding, Severity, check
from api.kg.checks.report import SHARED, by_plan, summary
from api.kg.store import GraphStore
from api.settings import Settings, get_settings
from api.web.templates import TEMPLATES

router = APIRouter(tags=["checks"])
PlanQuery = Annotated[str | None, Query(description="Plan-id, bv. heemskerk-sociaal-domein-2024")]


def _absolute_link(iri: str, label: str | None = None) -> Markup:
    """In a saved file a site-relative link leads nowhere: link the IRI itself, which dereferences."""
    text = escape(label or iri)
    if iri.startswith(("http://", "https://")):
        return Markup(f'<a href="{escape(iri)}">{text}</a>')
    return Markup(text)


def render_html(findings: Sequence[Finding], plan: str | None = None) -> str:
    """A standalone page: by severity, then by plan, each finding linking to its node and naming the section."""
    groups: list[tuple[Severity, int, list[tuple[str | None, str | None, list[Finding]]]]] = []
    grouped = by_plan(findings)
    for severity in Severity:
        plans = []
        for plan_id, severities in grouped.items():
            found = severities.get(severity, [])
            if found:
                title = next((f.source.title for f in found if f.source.title), None)
                plans.append((None if plan_id == SHARED else plan_id, title, found))
        if plans:
            groups.append((severity, sum(len(found) for _, _, found in plans), plans))
    return TEMPLATES.env.get_template("check.html").render(
        groups=groups,
        plan=plan,
        summary=summary(findings) if findings else "0 bevindingen",
        link=_absolute_link,
        home=get_settings().base_iri,
    )


def _findings(request: Request, plan: str | None) -> list[Finding]:
    store: GraphStore = request.app.state.store
    settings: Settings = request.app.state.settings
    return check(store, settings, plan)


@router.get("/check", summary="Samenhangscontrole: alle bevindingen als JSON")
def check_json(request: Request, plan: PlanQuery = None) -> list[dict[str, Any]]:
    return [finding.as_json() for finding in _findings(request, plan)]


@router.get("/check.html", summary="Samenhangscontrole als HTML: de pagina /samenhang")
def check_html(plan: PlanQuery = None) -> RedirectResponse:
    """One HTML report on the site (/samenhang); render_html stays for the standalone file of the CLI."""
    return RedirectResponse("/samenhang" + (f"?plan={quote(plan)}" if plan else ""), status_code=308)
