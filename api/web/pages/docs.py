"""/docs: Swagger UI on the OpenAPI description, from the service's own copy (works offline, no CDN)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from api.web.pages.common import render

router = APIRouter(tags=["pagina's"], include_in_schema=False)
SWAGGER_UI_VERSION = "5.36.0"  # swagger-ui-dist, vendored in static/vendor/swagger-ui/ (see its README.md)


@router.get("/docs")
def docs_page(request: Request) -> HTMLResponse:
    context = {"openapi_url": request.app.openapi_url or "/openapi.json", "swagger_version": SWAGGER_UI_VERSION}
    return render(request, "docs.html", context)
