"""/doelstellingen/{plan}/{slug}: one objective, SMART parts and all."""

from __future__ import annotations

from fastapi import APIRouter

from api.kg.namespaces import PLAN
from api.kg.queries import run_named
from api.web.deps import CatalogDep, StoreDep
from api.web.rest.common import first_or_404, number, partners_of, ref, sources, text
from api.web.rest.models import DoelstellingPublic, Waarde

router = APIRouter(tags=["doelstellingen"])


def baseline(r: dict[str, str]) -> Waarde | None:
    if not any(r.get(k) for k in ("nulWaarde", "nulTekst", "nulStatus")):
        return None
    return Waarde(
        waarde=number(r, "nulWaarde"),
        eenheid=text(r, "nulEenheid"),
        jaar=text(r, "nulJaar"),
        gedrukt=text(r, "nulTekst"),
        status=text(r, "nulStatus"),
    )


def target(r: dict[str, str]) -> Waarde | None:
    if not any(r.get(k) for k in ("streefWaarde", "streefRelatief", "streefAbsoluut", "streefTekst")):
        return None
    return Waarde(
        waarde=number(r, "streefWaarde"),
        relatieveVerandering=number(r, "streefRelatief"),
        absoluteVerandering=number(r, "streefAbsoluut"),
        eenheid=text(r, "streefEenheid"),
        jaar=text(r, "streefJaar"),
        gedrukt=text(r, "streefTekst"),
        grens=text(r, "streefGrens"),
    )


@router.get("/doelstellingen/{plan_id}/{slug}", summary="Eén doelstelling met nulmeting, streefwaarde en bron")
def doelstelling(plan_id: str, slug: str, store: StoreDep, queries: CatalogDep) -> DoelstellingPublic:
    iri = f"{PLAN}{plan_id}/doelstelling/{slug}"
    rows = run_named(store, queries, "doelstelling", doelstelling=iri).records()
    r = first_or_404(rows, f"doelstelling '{plan_id}/{slug}'")
    return DoelstellingPublic(
        iri=iri,
        label=r["naam"],
        tekst=text(r, "tekst"),
        smart=None if not r.get("smart") else r["smart"] == "true",
        onderdeelVan=ref(r, "bovenliggend", "bovenliggendNaam"),
        resultaatgebied=text(r, "resultaatgebied"),
        beoogdeRichting=text(r, "richting"),
        meetinstrument=text(r, "meetinstrument"),
        meetfrequentie=text(r, "meetfrequentie"),
        nulmeting=baseline(r),
        streefwaarde=target(r),
        partners=partners_of(store, queries, iri),
        bron=sources(store, queries, iri),
    )
