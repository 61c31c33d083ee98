"""GET /check (JSON findings) and GET /check.html (the Dutch report page), optionally ?plan=ID."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse

from api.kg.checks import Finding, Severity, check
from api.kg.checks.report import SHARED, by_plan, summary
from api.kg.store import GraphStore
from api.settings import Settings
from api.web.templates import TEMPLATES

router = APIRouter(tags=["checks"])
PlanQuery = Annotated[str | None, Query(description="Plan-id, bv. heemskerk-sociaal-domein-2024")]


def render_html(findings: Sequence[Finding], plan: str | None = None) -> str:
    """A standalone page: by severity, then by plan, each finding linking to its node and naming the section."""
    groups: list[tuple[Severity, list[tuple[str | None, str | None, list[Finding]]]]] = []
    grouped = by_plan(findings)
    for severity in Severity:
        plans = []
        for plan_id, severities in grouped.items():
            found = severities.get(severity, [])
            if found:
                title = next((f.source.title for f in found if f.source.title), None)
                plans.append((None if plan_id == SHARED else plan_id, title, found))
        if plans:
            groups.append((severity, plans))
    return TEMPLATES.env.get_template("check.html").render(
        groups=groups, plan=plan, summary=summary(findings) if findings else "0 bevindingen"
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
