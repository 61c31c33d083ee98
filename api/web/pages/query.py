"""/query: YASGUI, served from this service (no CDN), pointed at /sparql, with the named queries as examples.

The list of examples is rendered on the server from the query catalog (readable without JavaScript, each
linking to its .rq text); query.js opens one as a YASGUI tab with the text of GET /queries/{name}.rq.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from api.web.deps import CatalogDep
from api.web.pages.common import render

router = APIRouter(tags=["pagina's"])
YASGUI_VERSION = "4.6.2"  # @zazuko/yasgui, vendored in static/vendor/yasgui/ (see its README.md)


@router.get("/query", summary="Pagina: SPARQL-editor (YASGUI) met de named queries als voorbeelden")
def query_page(request: Request, queries: CatalogDep) -> HTMLResponse:
    examples = sorted(queries, key=lambda q: q.title.get("nl", q.name).lower())
    return render(request, "query.html", {"examples": examples, "yasgui_version": YASGUI_VERSION})
