"""/plannen/{id}.pdf: the plan page as a PDF on A4, made on the server with WeasyPrint (a library made for print:
paged media, repeated table headers, page numbers) from the same template and print stylesheet as the page.

WeasyPrint fetches nothing from the network: the stylesheet is read from api/web/static and the bijlage-1 drawing
is rendered in-process; any other URL is refused, so a page can never make the service call another host.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path

import weasyprint
from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response
from weasyprint.urls import URLFetcher, URLFetcherResponse

from api.kg.diagrams import svg
from api.kg.namespaces import BG, PLAN
from api.kg.queries import QueryCatalog
from api.kg.store import GraphStore
from api.kg.workbook.cells import PLAN_ID
from api.web.deps import CatalogDep, StoreDep
from api.web.pages import plan as plan_page
from api.web.pages.resource import Node, describe

router = APIRouter(tags=["plannen"])
STATIC = Path(__file__).parent / "static"
DIAGRAM = re.compile(r"^/diagrams/([a-z0-9-]+)/bijlage1\.svg$")
RENDERING = threading.BoundedSemaphore(2)
WAIT_SECONDS = 30.0
PAGE_NUMBERS = "@page { @bottom-right { content: 'pagina ' counter(page) ' van ' counter(pages); font-size: 8pt; } }"


class LocalFetcher(URLFetcher):  # type: ignore[misc]
    """Resources of the page, from this process only: the stylesheet from disk, the drawing rendered here."""

    def __init__(self, store: GraphStore, base: str) -> None:
        super().__init__(allowed_protocols=("http", "https"))
        self.store, self.base = store, base

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        path = url.removeprefix(self.base) if url.startswith(self.base) else ""
        if path.startswith("/static/"):
            target = (STATIC / path.removeprefix("/static/")).resolve()
            if target.is_relative_to(STATIC.resolve()) and target.is_file() and target.suffix == ".css":
                return URLFetcherResponse(url, target.read_bytes(), {"Content-Type": "text/css"})
        found = DIAGRAM.match(path)
        if found:
            drawing = svg(self.store, found.group(1), "bijlage1")
            return URLFetcherResponse(url, drawing, {"Content-Type": "image/svg+xml"})
        raise ValueError(f"niet opgehaald voor de PDF: {url}")


@router.get(
    "/plannen/{plan_id}.pdf",
    summary="Eén plan als PDF (A4, paginanummers), dezelfde inhoud als de plan-pagina",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}}},
)
def plan_pdf(plan_id: str, request: Request, store: StoreDep, queries: CatalogDep) -> Response:
    node = describe(store, queries, PLAN + plan_id) if PLAN_ID.match(plan_id) else None
    if node is None or BG + "Beleidsdocument" not in node.kind_iris:
        raise HTTPException(404, f"plan '{plan_id}' niet gevonden")
    headers = {"Content-Disposition": f'attachment; filename="{plan_id}.pdf"'}
    cache = request.app.state.cache  # None for a remote store, whose data others may change
    hit = cache.get(("plan-pdf", plan_id)) if cache is not None else None
    if hit is not None:
        return Response(hit[1], media_type=hit[0], headers=headers)
    if not RENDERING.acquire(timeout=WAIT_SECONDS):
        raise HTTPException(503, "Er worden al PDF's gemaakt; probeer het over een minuut opnieuw.")
    try:
        pdf = _render(request, store, queries, node)
    finally:
        RENDERING.release()
    if cache is not None:
        cache.put(("plan-pdf", plan_id), ("application/pdf", pdf))
    return Response(pdf, media_type="application/pdf", headers=headers)


def _render(request: Request, store: GraphStore, queries: QueryCatalog, node: Node) -> bytes:
    """Typesetting takes seconds of CPU: at most RENDERING at once per process, each plan once while the data
    cannot change (the response cache), so no stream of requests can tie up the web process."""
    page = plan_page.page(request, store, queries, node)
    html = bytes(page.body).decode("utf-8").replace("<details", "<details open")  # a PDF shows everything
    base = str(request.base_url).rstrip("/")
    document = weasyprint.HTML(string=html, base_url=base + "/", url_fetcher=LocalFetcher(store, base))
    pdf: bytes = document.write_pdf(stylesheets=[weasyprint.CSS(string=PAGE_NUMBERS)])
    return pdf
