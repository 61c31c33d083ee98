"""/static/...: the stylesheet, the two small scripts and the vendored YASGUI, from api/web/static/.

A route rather than a mount, so that the pages arrive as one router; Starlette's StaticFiles still does the
work (safe path lookup, ETag and Last-Modified, 304 on revalidation).
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import PlainTextResponse, Response
from starlette.staticfiles import StaticFiles

router = APIRouter(tags=["pagina's"], include_in_schema=False)
STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
FILES = StaticFiles(directory=STATIC_DIR)
CACHE = "public, max-age=3600"


@router.get("/static/{path:path}")
async def static(path: str, request: Request) -> Response:
    clean = posixpath.normpath(path)
    if clean.startswith(("..", "/")) or clean == ".":
        return PlainTextResponse("Niet gevonden", status_code=404)
    response = await FILES.get_response(clean, request.scope)
    if response.status_code in (200, 304):
        response.headers["Cache-Control"] = CACHE
    return response
