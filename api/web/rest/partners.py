"""/partners and /partners/{slug}: who serves which goal, in which municipality."""

from __future__ import annotations

from fastapi import APIRouter

from api.kg.namespaces import DATA
from api.kg.queries import run_named
from api.web.deps import CatalogDep, StoreDep
from api.web.rest.common import first_or_404
from api.web.rest.models import Doel, PartnerPublic, PartnerSamenvatting

router = APIRouter(tags=["partners"])


@router.get("/partners", summary="Alle partners met het aantal doelen, plannen en gemeenten")
def partners(store: StoreDep, queries: CatalogDep) -> list[PartnerSamenvatting]:
    return [
        PartnerSamenvatting(
            iri=r["partner"],
            label=r["partnerNaam"],
            doelen=int(r["doelen"]),
            plannen=int(r["plannen"]),
            gemeenten=sorted(r["gemeenten"].split(", ")),
        )
        for r in run_named(store, queries, "partners").records()
    ]


@router.get("/partners/{slug}", summary="Eén partner met de doelen die hij dient")
def partner(slug: str, store: StoreDep, queries: CatalogDep) -> PartnerPublic:
    iri = f"{DATA}organisatie/{slug}"
    rows = run_named(store, queries, "doelen-per-partner", partner=iri).records()
    first = first_or_404(rows, f"partner '{slug}'")
    return PartnerPublic(
        iri=iri,
        label=first["partnerNaam"],
        doelen=[
            Doel(
                iri=r["doel"],
                label=r["doelNaam"],
                soort=r["doelSoort"],
                rol=r["rol"],
                plan=r["planId"],
                gemeente=r["gemeenteNaam"],
            )
            for r in rows
        ],
    )
