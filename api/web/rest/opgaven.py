"""/opgaven/{plan}/{slug}: one societal task with everything beneath it."""

from __future__ import annotations

from fastapi import APIRouter

from api.kg.namespaces import PLAN
from api.kg.queries import run_named
from api.web.deps import CatalogDep, StoreDep
from api.web.rest.common import first_or_404, partners_of, ref, sources, text
from api.web.rest.doelstellingen import baseline, target
from api.web.rest.models import Beleidsterrein, DoelstellingSamenvatting, OpgavePublic, PlanRef
from api.web.rest.plannen import budgets

router = APIRouter(tags=["opgaven"])


@router.get("/opgaven/{plan_id}/{slug}", summary="Eén opgave met beleidsterreinen, doelstellingen, budget en partners")
def opgave(plan_id: str, slug: str, store: StoreDep, queries: CatalogDep) -> OpgavePublic:
    iri = f"{PLAN}{plan_id}/opgave/{slug}"
    main = first_or_404(run_named(store, queries, "opgave", opgave=iri).records(), f"opgave '{plan_id}/{slug}'")
    terreinen: dict[str, Beleidsterrein] = {}
    for r in run_named(store, queries, "beleidsterreinen-per-opgave", opgave=iri).records():
        terreinen.setdefault(
            r["beleidsterrein"],
            Beleidsterrein(
                iri=r["beleidsterrein"],
                label=r["beleidsterreinNaam"],
                wettelijkKader=ref(r, "wet", "wetNaam"),
            ),
        )
    doelen = [
        DoelstellingSamenvatting(
            iri=r["doelstelling"],
            label=r["tekst"],
            tekst=r["tekst"],
            nulmeting=baseline(r),
            streefwaarde=target(r),
        )
        for r in run_named(store, queries, "doelstellingen-per-opgave", opgave=iri).records()
    ]
    return OpgavePublic(
        iri=iri,
        label=main["naam"],
        soort=main["soort"],
        plan=PlanRef(iri=main["plan"], id=main["planId"], titel=main["planTitel"]),
        tekst=text(main, "tekst"),
        beschrijving=text(main, "beschrijving"),
        beleidsterreinen=list(terreinen.values()),
        doelstellingen=doelen,
        budgetten=budgets(store, queries, voor=iri),
        partners=partners_of(store, queries, iri),
        bron=sources(store, queries, iri),
    )
