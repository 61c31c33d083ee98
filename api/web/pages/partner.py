"""Partner pages: the goals one organisation serves per plan and municipality with its role (on the
organisation's IRI), and /partners.html, every partner with links to its page and the matrices."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from api.kg.namespaces import PLAN
from api.kg.queries import QueryCatalog
from api.kg.store import GraphStore
from api.web.deps import CatalogDep, StoreDep
from api.web.pages.common import Record, records, render
from api.web.pages.resource import Node

router = APIRouter(tags=["pagina's"])


@dataclass(frozen=True)
class Served:
    """An objective, opgave, theme … that an element the partner works on falls under or contributes to."""

    iri: str
    naam: str
    soort: str


@dataclass
class Goal:
    iri: str
    naam: str
    soort: str
    rollen: list[str] = field(default_factory=list)
    dient: list[Served] = field(default_factory=list)  # the chain upwards: what this element serves


@dataclass
class PlanGoals:
    plan_id: str
    titel: str
    gemeenten: dict[str, str]  # code -> name
    doelen: dict[str, Goal] = field(default_factory=dict)
    rollen_plan: list[str] = field(default_factory=list)  # roles towards the plan itself (e.g. ondertekenaar)

    @property
    def gediend(self) -> list[Served]:
        """Every objective and kernelement the partner serves in this plan, through what it does."""
        found = {s.iri: s for goal in self.doelen.values() for s in goal.dient}
        return sorted(found.values(), key=lambda s: (SERVED_ORDER.get(s.soort, 9), s.naam.casefold()))


SERVED_ORDER = {"Maatschappelijke opgave": 0, "Focuspunt": 0, "Ambitie": 0, "Beleidsonderdeel": 0, "Thema": 1}


def plans_and_municipalities(store: GraphStore, queries: QueryCatalog) -> dict[str, PlanGoals]:
    """Every plan with its title and municipalities (CBS code -> name), from gemeenten.rq."""
    plans: dict[str, PlanGoals] = {}
    for row in records(store, queries, "gemeenten"):
        if row.get("planId"):
            plan = plans.setdefault(row["planId"], PlanGoals(row["planId"], row["titel"], {}))
            plan.gemeenten[row["code"].lower()] = row["naam"]
    return plans


def goals_per_plan(rows: list[Record], plans: dict[str, PlanGoals]) -> list[PlanGoals]:
    """doelen-per-partner rows (one per municipality of a plan) folded into one entry per plan and goal."""
    found: dict[str, PlanGoals] = {}
    for row in rows:
        known = plans.get(row["planId"]) or PlanGoals(row["planId"], row["planId"], {})
        plan = found.setdefault(row["planId"], PlanGoals(known.plan_id, known.titel, known.gemeenten))
        if row["doel"] == PLAN + row["planId"]:  # signing the plan is no goal served (as on /partners.html)
            if row["rol"] not in plan.rollen_plan:
                plan.rollen_plan.append(row["rol"])
            continue
        goal = plan.doelen.setdefault(row["doel"], Goal(row["doel"], row["doelNaam"], row["doelSoort"]))
        if row["rol"] not in goal.rollen:
            goal.rollen.append(row["rol"])
    return sorted(found.values(), key=lambda p: p.titel.lower())


def add_chains(per_plan: list[PlanGoals], rows: list[Record]) -> None:
    """ketens-per-partner rows: for each element the partner works on, what it falls under or serves."""
    by_plan = {plan.plan_id: plan for plan in per_plan}
    for row in rows:
        goal = by_plan.get(row["planId"], PlanGoals("", "", {})).doelen.get(row["element"])
        if goal is None or not row.get("doel"):
            continue
        served = Served(row["doel"], row["doelNaam"], row["doelSoort"])
        if served not in goal.dient:
            goal.dient.append(served)
    for plan in per_plan:
        for goal in plan.doelen.values():
            goal.dient.sort(key=lambda s: (SERVED_ORDER.get(s.soort, 9), s.naam.casefold()))


def page(request: Request, store: GraphStore, queries: QueryCatalog, node: Node) -> HTMLResponse | None:
    """None when the node serves no goal in any plan (the generic page then shows it)."""
    rows = records(store, queries, "doelen-per-partner", partner=node.iri)
    if not rows:
        return None
    per_plan = goals_per_plan(rows, plans_and_municipalities(store, queries))
    add_chains(per_plan, records(store, queries, "ketens-per-partner", partner=node.iri))
    gemeenten = {code: name for plan in per_plan for code, name in plan.gemeenten.items()}
    context = {"node": node, "per_plan": per_plan, "gemeenten": dict(sorted(gemeenten.items(), key=lambda i: i[1]))}
    return render(request, "partner.html", context, vary=True)


@router.get("/partners.html", summary="Pagina: alle partners met hun doelen, plannen en gemeenten")
def partners_page(
    request: Request,
    store: StoreDep,
    queries: CatalogDep,
    zoek: Annotated[str, Query(alias="filter", max_length=200)] = "",
) -> HTMLResponse:
    everyone = records(store, queries, "partners")
    needle = zoek.strip().lower()
    partners = [p for p in everyone if needle in f"{p['partnerNaam']} {p['gemeenten']}".lower()]
    plans = plans_and_municipalities(store, queries)
    gemeenten = {code: name for plan in plans.values() for code, name in plan.gemeenten.items()}
    context = {
        "partners": partners,
        "totaal": len(everyone),
        "filter": zoek,
        "plannen": sorted(plans.values(), key=lambda p: p.titel.lower()),
        "gemeenten": dict(sorted(gemeenten.items(), key=lambda i: i[1])),
    }
    return render(request, "partners.html", context)
