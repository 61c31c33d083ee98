"""/opgaven/{plan}/{slug}: one societal task with everything beneath it."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException

from api.kg.namespaces import PLAN
from api.kg.plan_model import read_plan
from api.kg.queries import run_named
from api.web.deps import CatalogDep, StoreDep
from api.web.rest.common import first_or_404, partners_of, ref, sources, text
from api.web.rest.doelstellingen import baseline, target
from api.web.rest.models import Beleidsterrein, DoelstellingSamenvatting, OpgavePublic, PlanRef
from api.web.rest.plannen import budget

router = APIRouter(tags=["opgaven"])


@router.get("/opgaven/{plan_id}/{slug}", summary="Eén opgave met beleidsterreinen, doelstellingen, budget en partners")
def opgave(plan_id: str, slug: str, store: StoreDep, queries: CatalogDep) -> OpgavePublic:
    """A view of the opgave in the plan model (api.kg.plan_model), as its page shows it."""
    iri = f"{PLAN}{plan_id}/opgave/{slug}"
    main = first_or_404(run_named(store, queries, "opgave", opgave=iri).records(), f"opgave '{plan_id}/{slug}'")
    plan = read_plan(store, queries, main["planId"], with_info=False)
    element = plan.element(iri) if plan else None
    if element is None:
        raise HTTPException(404, f"opgave '{plan_id}/{slug}' is geen kernelement van een plan")
    terreinen = [
        Beleidsterrein(
            iri=child.iri,
            label=child.naam,
            wettelijkKader=ref(child.wetten[0], "wet", "wetNaam") if child.wetten else None,
        )
        for child in element.kinderen
        if child.soort == "Beleidsterrein"
    ]
    doelen = [
        DoelstellingSamenvatting(
            iri=r["doelstelling"],
            label=r.get("tekst") or r.get("naam") or r["doelstelling"],
            tekst=r.get("tekst", ""),
            nulmeting=baseline(r),
            streefwaarde=target(r),
        )
        for r in element.doelstellingen
    ]
    return OpgavePublic(
        iri=iri,
        label=main["naam"],
        soort=main["soort"],
        plan=PlanRef(iri=main["plan"], id=main["planId"], titel=main["planTitel"]),
        tekst=text(main, "tekst"),
        beschrijving=text(main, "beschrijving"),
        beleidsterreinen=terreinen,
        doelstellingen=doelen,
        budgetten=[budget(r) for r in element.budgetten],
        partners=partners_of(store, queries, iri),
        bron=sources(store, queries, iri),
    )
