"""/metrics: what whoever runs the service watches, in the Prometheus text format.

prometheus_client is the reference implementation of the format (and of the multi-process mode that
uvicorn's several web workers need: each worker writes its figures to PROMETHEUS_MULTIPROC_DIR, which
`beleidsgraaf serve` sets, and a scrape of any worker adds them all up).
"""

from __future__ import annotations

import os
import time

from fastapi import APIRouter, Request
from fastapi.responses import Response
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest, multiprocess
from starlette.types import ASGIApp, Message, Receive, Scope, Send

router = APIRouter(tags=["service"])

REQUESTS = Counter(
    "beleidsgraaf_http_requests_total", "HTTP requests answered, by route and status class", ["route", "status"]
)
LATENCY = Histogram(
    "beleidsgraaf_http_request_seconds",
    "Time to the first byte of the answer, by route",
    ["route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
QUERY_EVENTS = Counter(
    "beleidsgraaf_query_events_total",
    "Query pool events: timeout (stopped at the limit), busy (no worker free), refused (client over its "
    "share), worker_started, worker_replaced, template_restarted",
    ["event"],
)
CACHE = Counter("beleidsgraaf_cache_lookups_total", "Answer-cache lookups, by outcome", ["outcome"])


def query_event(name: str) -> None:
    QUERY_EVENTS.labels(name).inc()


def _route(scope: Scope) -> str:
    """The route's template (/id/{path:path}), never the raw path: one series per route, not per URL."""
    route = scope.get("route")
    path = getattr(route, "path", None)
    return str(path) if path else "(geen route)"


class RequestMetrics:
    """Counts and times every HTTP request (plain ASGI, so streaming answers pass untouched)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def observe(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                LATENCY.labels(_route(scope)).observe(time.perf_counter() - started)
            await send(message)

        try:
            await self.app(scope, receive, observe)
        finally:
            REQUESTS.labels(_route(scope), f"{status // 100}xx").inc()


@router.get("/metrics", summary="Meetwaarden van de service (Prometheus-tekstformaat)", include_in_schema=True)
def metrics(request: Request) -> Response:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        body = generate_latest(registry)
    else:
        body = generate_latest()
    return Response(body, media_type=CONTENT_TYPE_LATEST)
