"""Shared helpers of the REST routes: turning query rows into response models."""

from __future__ import annotations

from api.errors import NotFound
from api.kg.queries import QueryCatalog, run_named
from api.kg.store import GraphStore
from api.web.rest.models import Bron, PartnerRol, Ref


def text(record: dict[str, str], key: str) -> str | None:
    return record.get(key) or None


def number(record: dict[str, str], key: str) -> float | None:
    value = record.get(key)
    return float(value) if value not in (None, "") else None


def ref(record: dict[str, str], iri: str, label: str) -> Ref | None:
    return Ref(iri=record[iri], label=record.get(label, record[iri])) if record.get(iri) else None


def sources(store: GraphStore, queries: QueryCatalog, iri: str) -> list[Bron]:
    rows = run_named(store, queries, "bronvermelding", iri=iri).records()
    return [Bron(document=r["documentId"], titel=r["documentTitel"], sectie=r["sectienummer"]) for r in rows]


def partners_of(store: GraphStore, queries: QueryCatalog, iri: str) -> list[PartnerRol]:
    rows = run_named(store, queries, "partners-per-doel", doel=iri).records()
    return [
        PartnerRol(partner=Ref(iri=r["partner"], label=r["partnerNaam"]), rol=r["rol"], plan=r["planId"]) for r in rows
    ]


def first_or_404(records: list[dict[str, str]], what: str) -> dict[str, str]:
    if not records:
        raise NotFound(f"{what} bestaat niet in de graaf")
    return records[0]
