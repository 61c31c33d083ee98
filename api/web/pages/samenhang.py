"""/samenhang: the coherence report for people, grouped by severity and plan, each finding linked to its node
and naming the section of the document it comes from. The findings are the checks engine's (api.kg.checks);
this page only groups and shows them."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from api.kg.checks import Finding, Severity, check
from api.web.deps import CatalogDep, StoreDep
from api.web.pages.common import records, render

router = APIRouter(tags=["pagina's"])
_LOCK = threading.Lock()


@dataclass
class NodeFindings:
    """Everything one check run says about one node: a policy officer fixes a node, not a finding."""

    focus: str
    label: str
    section: str
    findings: list[Finding] = field(default_factory=list)


@dataclass
class PlanGroup:
    plan_id: str
    titel: str
    findings: list[Finding] = field(default_factory=list)

    @property
    def nodes(self) -> list[NodeFindings]:
        found: dict[str, NodeFindings] = {}
        for f in self.findings:
            found.setdefault(f.focus, NodeFindings(f.focus, f.label, f.source.section or "")).findings.append(f)
        return list(found.values())


@dataclass
class SeverityGroup:
    severity: Severity
    plans: list[PlanGroup]

    @property
    def count(self) -> int:
        return sum(len(p.findings) for p in self.plans)


def findings_of(request: Request) -> list[Finding]:
    """All findings, computed once per process: the store is read-only while the service runs."""
    with _LOCK:
        cached: list[Finding] | None = getattr(request.app.state, "samenhang_findings", None)
        if cached is None:
            cached = check(request.app.state.store, request.app.state.settings)
            request.app.state.samenhang_findings = cached
    return cached


def plan_of(finding: Finding) -> str:
    return finding.source.document or (finding.plans[0] if finding.plans else "")


def group(findings: list[Finding], titles: dict[str, str]) -> list[SeverityGroup]:
    """Severity (errors first), then plan (by title), then the findings by section and name."""
    groups = []
    for severity in sorted(Severity, key=lambda s: s.rank):
        per_plan: dict[str, PlanGroup] = {}
        for finding in (f for f in findings if f.severity is severity):
            key = plan_of(finding)
            title = titles.get(key) or finding.source.title or key or "Zonder plan"
            per_plan.setdefault(key, PlanGroup(key, title)).findings.append(finding)
        for plan in per_plan.values():
            plan.findings.sort(key=lambda f: (f.source.section or "~", f.label.lower(), f.shape))
        if per_plan:
            groups.append(SeverityGroup(severity, sorted(per_plan.values(), key=lambda p: p.titel.lower())))
    return groups


@router.get("/samenhang", summary="Pagina: samenhangcontroles per ernst en plan", response_class=HTMLResponse)
def samenhang(
    request: Request,
    store: StoreDep,
    queries: CatalogDep,
    plan: Annotated[str, Query(max_length=200)] = "",
    ernst: Annotated[str, Query(max_length=20)] = "",
) -> HTMLResponse:
    titles = {r["id"]: r["titel"] for r in records(store, queries, "plannen")}
    findings = [
        f for f in findings_of(request) if (not plan or f.belongs_to(plan)) and (not ernst or f.severity.value == ernst)
    ]
    context = {
        "groepen": group(findings, titles),
        "totaal": len(findings),
        "plannen": sorted(titles.items(), key=lambda item: item[1].lower()),
        "ernsten": sorted(Severity, key=lambda s: s.rank),
        "plan": plan,
        "ernst": ernst,
    }
    return render(request, "samenhang.html", context)
