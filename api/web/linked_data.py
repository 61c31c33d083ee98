"""Every IRI minted under the configured base dereferences: HTML for people, RDF for machines."""

from __future__ import annotations

import pyoxigraph as ox
from fastapi import APIRouter, Request
from fastapi.responses import PlainTextResponse, RedirectResponse, Response

from api.errors import NotFound
from api.kg.queries import QueryCatalog, run_named
from api.kg.sparql_text import inline_bindings
from api.kg.store import GraphStore
from api.web.deps import CatalogDep, SettingsDep, StoreDep
from api.web.negotiation import choose
from api.web.pages.entity import entity_page
from api.web.templates import BWB_ID, OFFICIAL_LAWS, local_path

router = APIRouter(tags=["linked data"])

OFFERED = ["text/turtle", "text/html", "application/ld+json", "application/n-triples", "application/rdf+xml"]
BY_EXTENSION = {
    "ttl": "text/turtle",
    "jsonld": "application/ld+json",
    "nt": "application/n-triples",
    "rdf": "application/rdf+xml",
    "html": "text/html",
}


def describe_rdf(store: GraphStore, queries: QueryCatalog, iri: str, media_type: str) -> bytes:
    named = queries.get("beschrijving")
    bound = {name: str(term) for name, term in named.bind({"iri": iri}).items()}
    return store.serialize(inline_bindings(named.sparql, bound), media_type)


def describe_html(request: Request, store: GraphStore, queries: QueryCatalog, iri: str) -> Response:
    """The page for people: a plan, opgave, doelstelling or partner page, else the generic resource page."""
    return entity_page(request, store, queries, iri)


def dereference(request: Request, store: GraphStore, queries: QueryCatalog, iri: str) -> Response:
    try:
        node = ox.NamedNode(iri)
    except ValueError:  # '/id/%3C' decodes to a character no IRI may hold: nothing in the graph has it
        raise NotFound(f"'{iri}' is geen geldige IRI en komt dus niet voor in de graaf") from None
    found = run_named(store, queries, "knoop-bestaat", iri=node.value).records()
    if not found:
        raise NotFound(f"<{iri}> komt niet voor in de graaf")
    replaced = [row["nieuw"] for row in found if "nieuw" in row]
    target = local_path(replaced[0]) if len(replaced) == 1 else None
    if target:  # two IRIs turned out to name one thing: the retired one moved, permanently (docs/model.md)
        query = f"?{request.url.query}" if request.url.query else ""
        return RedirectResponse(target + query, status_code=301, headers={"Vary": "Accept"})
    asked = request.query_params.get("format")
    media_type = BY_EXTENSION.get(asked or "") or choose(request.headers.get("accept"), OFFERED)
    if media_type is None:
        return PlainTextResponse(f"Beschikbaar als: {', '.join(OFFERED)}", status_code=406)
    if media_type == "text/html":
        return describe_html(request, store, queries, iri)
    return Response(describe_rdf(store, queries, iri, media_type), media_type=media_type, headers={"Vary": "Accept"})


@router.get("/id/{path:path}", summary="Linked data: een IRI onder /id/ (HTML of RDF naar Accept)")
def resource(path: str, request: Request, store: StoreDep, queries: CatalogDep, settings: SettingsDep) -> Response:
    return dereference(request, store, queries, f"{settings.base_iri}id/{path}")


@router.get("/wetten/{bwb_id}", summary="Een wet op wetten.overheid.nl: wat de gemeenten eronder doen (HTML of RDF)")
def law(bwb_id: str, request: Request, store: StoreDep, queries: CatalogDep) -> Response:
    if not BWB_ID.match(bwb_id):
        raise NotFound(f"'{bwb_id}' is geen BWB-identifier (bijv. BWBR0035362); zie /wetten")
    return dereference(request, store, queries, OFFICIAL_LAWS + bwb_id)


@router.get("/def/{path:path}", summary="Linked data: een term van de ontologie")
def term(path: str, request: Request, store: StoreDep, queries: CatalogDep, settings: SettingsDep) -> Response:
    return dereference(request, store, queries, f"{settings.base_iri}def/{path}")
