"""/gemeenten: municipalities and their plans."""

from __future__ import annotations

from fastapi import APIRouter

from api.kg.queries import run_named
from api.web.deps import CatalogDep, StoreDep
from api.web.rest.models import GemeentePublic, PlanRef

router = APIRouter(tags=["gemeenten"])


@router.get("/gemeenten", summary="Alle gemeenten met hun plannen")
def gemeenten(store: StoreDep, queries: CatalogDep) -> list[GemeentePublic]:
    found: dict[str, GemeentePublic] = {}
    for r in run_named(store, queries, "gemeenten").records():
        gemeente = found.setdefault(
            r["gemeente"], GemeentePublic(iri=r["gemeente"], code=r["code"], naam=r["naam"], plannen=[])
        )
        if r.get("plan"):
            gemeente.plannen.append(PlanRef(iri=r["plan"], id=r["planId"], titel=r["titel"]))
    return list(found.values())
