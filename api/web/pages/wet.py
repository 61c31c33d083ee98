"""Law pages: what each municipality does under one law (on /wetten/<BWB id> for laws on wetten.overheid.nl,
on /id/wet/... for those without a consolidated text), and /wetten, every law the plans cite.

Both read the seven properties by which the plans cite a law (wet.rq, wetten.rq), so a law that a plan only
mentions is on its page as well as one it is framed by.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from api.kg.namespaces import PLAN
from api.kg.queries import QueryCatalog
from api.kg.store import GraphStore
from api.web.deps import CatalogDep, StoreDep
from api.web.pages.common import Record, records, render
from api.web.pages.resource import Node

router = APIRouter(tags=["pagina's"])
OFFICIAL = "https://wetten.overheid.nl/"


@dataclass
class Use:
    """One element of a plan and how it cites the law ('wettelijk kader', 'noemt', …), with its sections."""

    iri: str
    naam: str
    soort: str
    relaties: list[str] = field(default_factory=list)
    secties: list[str] = field(default_factory=list)


@dataclass
class PlanUses:
    plan_id: str
    titel: str
    elementen: dict[str, Use] = field(default_factory=dict)


@dataclass
class MunicipalityUses:
    code: str
    naam: str
    plannen: dict[str, PlanUses] = field(default_factory=dict)

    @property
    def aantal_elementen(self) -> int:
        return sum(len(p.elementen) for p in self.plannen.values())


def uses(rows: list[Record]) -> list[MunicipalityUses]:
    """wet.rq rows folded per municipality, plan and element, in the query's order."""
    found: dict[str, MunicipalityUses] = {}
    for row in rows:
        code = row["gemeente"].rsplit("/", 1)[-1]
        municipality = found.setdefault(code, MunicipalityUses(code, row["gemeenteNaam"]))
        plan = municipality.plannen.setdefault(row["planId"], PlanUses(row["planId"], row["titel"]))
        kind = "het plan zelf" if row["element"] == PLAN + row["planId"] else row["elementSoort"]
        use = plan.elementen.setdefault(row["element"], Use(row["element"], row["elementNaam"], kind))
        if row["relatie"] not in use.relaties:
            use.relaties.append(row["relatie"])
        for section in filter(None, (row.get("secties") or "").split(", ")):
            if section not in use.secties:
                use.secties.append(section)
    return list(found.values())


def page(request: Request, store: GraphStore, queries: QueryCatalog, node: Node) -> HTMLResponse:
    per_municipality = uses(records(store, queries, "wet", wet=node.iri))
    context = {
        "node": node,
        "per_gemeente": per_municipality,
        "officieel": node.iri if node.iri.startswith(OFFICIAL) else "",
        "plannen": len({p for m in per_municipality for p in m.plannen}),
    }
    return render(request, "wet.html", context, vary=True)


@router.get("/wetten", summary="Pagina: alle wetten en verdragen die de plannen aanhalen, met gemeenten en plannen")
def laws_page(request: Request, store: StoreDep, queries: CatalogDep) -> HTMLResponse:
    laws = records(store, queries, "wetten")
    for law in laws:  # GROUP_CONCAT has no order
        law["gemeenten"] = ", ".join(sorted(law["gemeenten"].split(", ")))
    return render(request, "wetten.html", {"wetten": laws})
