"""The HTML side of every /id/... and /def/... IRI: the page template chosen by what kind of node it is.

A plan, a kernelement, a doelstelling, a partner and a law get their own page; anything else, and any of those the
graph cannot fill (a partner serving nothing, an opgave outside any plan), gets the generic resource page.
"""

from __future__ import annotations

from collections.abc import Callable

from fastapi import Request
from fastapi.responses import HTMLResponse

from api.kg.namespaces import BG, PREFIXES
from api.kg.queries import QueryCatalog
from api.kg.store import GraphStore
from api.web.pages import doelstelling, opgave, partner, plan, sectie, wet
from api.web.pages.common import render
from api.web.pages.resource import Node, describe

Page = Callable[[Request, GraphStore, QueryCatalog, Node], HTMLResponse | None]

KERNELEMENTEN = {BG + "MaatschappelijkeOpgave", BG + "Focuspunt", BG + "Ambitie", BG + "Beleidsonderdeel"}
PARTNERS = {BG + "Partner", BG + "Samenwerkingsverband", PREFIXES["org"] + "Organization"}


def special_page(node: Node) -> Page | None:
    kinds = node.kind_iris
    if BG + "Beleidsdocument" in kinds:
        return plan.page
    if BG + "Doelstelling" in kinds:
        return doelstelling.page
    if kinds & KERNELEMENTEN:
        return opgave.page
    if kinds & PARTNERS or BG + "Gemeente" in kinds:
        return partner.page
    if BG + "WettelijkKader" in kinds:
        return wet.page
    if BG + "Sectie" in kinds:
        return sectie.page
    return None


def entity_page(request: Request, store: GraphStore, queries: QueryCatalog, iri: str) -> HTMLResponse:
    node = describe(store, queries, iri)
    chosen = special_page(node)
    response = chosen(request, store, queries, node) if chosen else None
    return response or render(request, "resource.html", {"node": node}, vary=True)
