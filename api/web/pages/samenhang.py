"""/samenhang: the coherence report for people, grouped by severity and plan, each finding linked to its node
and naming the section of the document it comes from. The findings are the checks engine's (api.kg.checks);
this page only groups and shows them."""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import HTMLResponse
from starlette.datastructures import URL

from api.kg.checks import Finding, Severity, review
from api.kg.checks.report import to_json
from api.kg.checks.reviews import Reviewed
from api.kg.checks.sources import importance
from api.web.deps import CatalogDep, StoreDep
from api.web.pages.common import records, render
from api.web.tables import XLSX_MEDIA_TYPE, Separator, Table, to_csv, to_xlsx

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
class HeadGroup:
    """The findings under one kernelement (or the plan's own: missie, visie; or none), in order of importance."""

    title: str
    nodes: list[NodeFindings]

    @property
    def count(self) -> int:
        return sum(len(n.findings) for n in self.nodes)


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

    @property
    def heads(self) -> list[HeadGroup]:
        """Per kernelement, in the order the most important finding of each appears; the plan's own first."""
        groups: dict[str, HeadGroup] = {}
        for node in self.nodes:
            first = node.findings[0]
            key, title = (
                ("", "Plan, missie en visie") if first.level == 0 else
                (first.head, first.head_label or first.head.rsplit("/", 1)[-1]) if first.head else
                ("~", "Niet onder een kernelement")
            )  # fmt: skip
            groups.setdefault(key, HeadGroup(title, [])).nodes.append(node)
        return list(groups.values())


@dataclass
class SeverityGroup:
    severity: Severity
    plans: list[PlanGroup]

    @property
    def count(self) -> int:
        return sum(len(p.findings) for p in self.plans)

    @property
    def per_check(self) -> list[tuple[str, int]]:
        counted = Counter(short(f.shape) for p in self.plans for f in p.findings)
        return sorted(counted.items(), key=lambda item: (-item[1], item[0]))


def short(shape: str) -> str:
    return shape.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def reviewed_of(request: Request) -> Reviewed:
    """All findings, open and accepted, computed once per process: the store is read-only while it serves."""
    with _LOCK:
        cached: Reviewed | None = getattr(request.app.state, "samenhang_findings", None)
        if cached is None:
            cached = review(request.app.state.store, request.app.state.settings)
            request.app.state.samenhang_findings = cached
    return cached


def findings_of(request: Request) -> list[Finding]:
    """The open findings: what the page counts and the downloads hold."""
    return reviewed_of(request).open


def plan_of(finding: Finding) -> str:
    return finding.source.document or (finding.plans[0] if finding.plans else "")


def group(findings: list[Finding], titles: dict[str, str]) -> list[SeverityGroup]:
    """Severity (errors first), then plan (by title); within a plan the checks engine's order of importance."""
    groups = []
    for severity in sorted(Severity, key=lambda s: s.rank):
        per_plan: dict[str, PlanGroup] = {}
        for finding in sorted((f for f in findings if f.severity is severity), key=importance):
            key = plan_of(finding)
            title = titles.get(key) or finding.source.title or key or "Zonder plan"
            per_plan.setdefault(key, PlanGroup(key, title)).findings.append(finding)
        if per_plan:
            groups.append(SeverityGroup(severity, sorted(per_plan.values(), key=lambda p: p.titel.lower())))
    return groups


@dataclass(frozen=True)
class Choice:
    plan: str = ""
    ernst: str = ""
    controle: str = ""
    opgave: str = ""

    def keeps(self, f: Finding) -> bool:
        return (
            (not self.plan or f.belongs_to(self.plan))
            and (not self.ernst or f.severity.value == self.ernst)
            and (not self.controle or short(f.shape) == self.controle)
            and (not self.opgave or f.head == self.opgave)
        )

    @property
    def params(self) -> dict[str, str]:
        return {k: v for k, v in vars(self).items() if v}


def choice(
    plan: Annotated[str, Query(max_length=200)] = "",
    ernst: Annotated[str, Query(max_length=20)] = "",
    controle: Annotated[str, Query(max_length=100)] = "",
    opgave: Annotated[str, Query(max_length=500)] = "",
) -> Choice:
    return Choice(plan, ernst, controle, opgave)


ChoiceDep = Annotated[Choice, Depends(choice)]


@router.get(
    "/samenhang", summary="Pagina: samenhangcontroles per ernst, plan en kernelement", response_class=HTMLResponse
)
def samenhang(request: Request, store: StoreDep, queries: CatalogDep, asked: ChoiceDep) -> HTMLResponse:
    titles = {r["id"]: r["titel"] for r in records(store, queries, "plannen")}
    everything = findings_of(request)
    findings = [f for f in everything if asked.keeps(f)]
    in_plan = [f for f in everything if not asked.plan or f.belongs_to(asked.plan)]
    heads = sorted({(f.head, f.head_label) for f in in_plan if f.head}, key=lambda h: h[1].lower())
    context = {
        "groepen": group(findings, titles),
        "aanvaard": [(f, r) for f, r in reviewed_of(request).accepted if asked.keeps(f)],
        "totaal": len(findings),
        "plannen": sorted(titles.items(), key=lambda item: item[1].lower()),
        "ernsten": sorted(Severity, key=lambda s: s.rank),
        "controles": sorted({short(f.shape) for f in in_plan}),
        "opgaven": heads,
        "plan": asked.plan,
        "ernst": asked.ernst,
        "controle": asked.controle,
        "opgave": asked.opgave,
        "downloads": {ext: str(URL(f"/samenhang.{ext}").include_query_params(**asked.params)) for ext in DOWNLOADS},
    }
    return render(request, "samenhang.html", context)


DOWNLOADS = ("csv", "xlsx", "json")
HEADER = ["Ernst", "Plan", "Sectie", "Niveau", "Valt onder", "Element", "Bevinding", "Controle", "Eigenschap",
          "Waarde", "IRI"]  # fmt: skip


def table(findings: list[Finding]) -> Table:
    rows = [
        [
            f.severity.label_nl,
            plan_of(f),
            f.source.section or "",
            f.level_name,
            f.head_label,
            f.label,
            f.message,
            short(f.shape),
            f.path or "",
            f.value or "",
            f.focus,
        ]
        for f in sorted(findings, key=importance)
    ]
    return Table("Samenhang", HEADER, rows)


@router.get("/samenhang.{extension}", summary="De bevindingen van /samenhang als CSV, xlsx of JSON (zelfde keuze)")
def samenhang_download(
    request: Request, extension: str, asked: ChoiceDep, scheiding: Separator = "puntkomma"
) -> Response:
    if extension not in DOWNLOADS:
        return Response(f"Onbekend formaat '{extension}'; kies csv, xlsx of json.\n", 404, media_type="text/plain")
    findings = sorted((f for f in findings_of(request) if asked.keeps(f)), key=importance)
    name = "samenhang" + "".join(f"-{v}" for v in (asked.plan, asked.ernst, asked.controle) if v)
    headers = {"Content-Disposition": f'attachment; filename="{name}.{extension}"'}
    if extension == "json":
        return Response(to_json(findings), media_type="application/json", headers=headers)
    if extension == "xlsx":
        return Response(to_xlsx(table(findings)), media_type=XLSX_MEDIA_TYPE, headers=headers)
    return Response(to_csv(table(findings), scheiding), media_type="text/csv; charset=utf-8", headers=headers)
