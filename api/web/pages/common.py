"""What every page module shares: asking a named query for plain records, and rendering a template."""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox
from fastapi import Request
from fastapi.responses import HTMLResponse

from api.kg.pool import Job
from api.kg.queries import QueryCatalog, run_named
from api.kg.results import QueryResult, read_result
from api.kg.store import GraphStore
from api.web.fairness import QueryRunner
from api.web.pages import format as _format  # noqa: F401 - registers the page filters on the environment
from api.web.templates import TEMPLATES

Record = dict[str, str]
JSON_RESULTS = "application/sparql-results+json"


def records(store: GraphStore, queries: QueryCatalog, name: str, **arguments: str) -> list[Record]:
    """A named query's rows as strings: pages only read, format and group them."""
    rows: list[Record] = run_named(store, queries, name, **arguments).records()
    return rows


async def select_in_workers(runner: QueryRunner, query: str) -> QueryResult:
    """A SELECT answered by the query workers (killable, under the time limit), read back as a result."""
    body = await runner.run(Job(query, JSON_RESULTS, lane="named"))
    return read_result(ox.parse_query_results(body, ox.QueryResultsFormat.JSON), "SELECT")


def render(
    request: Request, template: str, context: dict[str, Any], *, status: int = 200, vary: bool = False
) -> HTMLResponse:
    """A page. vary=True for the HTML side of content negotiation on /id/ and /def/, which caches by Accept."""
    headers = {"Vary": "Accept"} if vary else None
    response: HTMLResponse = TEMPLATES.TemplateResponse(request, template, context, status_code=status, headers=headers)
    return response


def not_found(request: Request, message: str) -> HTMLResponse:
    """A Dutch 404 page, for page routes whose parameters name nothing in the graph."""
    return render(request, "niet-gevonden.html", {"message": message}, status=404)
