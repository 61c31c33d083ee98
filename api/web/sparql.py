"""/sparql: the SPARQL 1.1 Protocol for queries, read-only and bounded.

GET ?query=, POST application/x-www-form-urlencoded and POST application/sparql-query; the dataset
from default-graph-uri / named-graph-uri; results negotiated from the Accept header. GET without a
query returns the Service Description. Client queries run in the QueryPool under the time and size
limits; updates, LOAD and SERVICE are refused before any engine sees them.
"""

from __future__ import annotations

import asyncio
from collections.abc import Hashable
from dataclasses import dataclass, field
from urllib.parse import parse_qsl

import pyoxigraph as ox
from fastapi import APIRouter, Request
from fastapi.responses import PlainTextResponse, RedirectResponse, Response

from api.errors import QueryRefused, QuerySyntaxError
from api.kg.describe import GraphInfo, serialize_triples, service_description
from api.kg.pool import Job, Lane
from api.kg.queries import QueryCatalog
from api.kg.results import formats_for
from api.kg.sparql_text import refuse_unsafe
from api.kg.store import DatasetSpec, GraphStore
from api.web.cache import ResponseCache
from api.web.deps import QueryRunner, RunnerDep, SettingsDep, StoreDep
from api.web.error_pages import error_response, wants_html
from api.web.negotiation import choose

router = APIRouter(tags=["sparql"])

ALIASES = {
    "application/json": "application/sparql-results+json",
    "application/xml": "application/sparql-results+xml",
    "text/xml": "application/sparql-results+xml",
}
GRAPH_ALIASES = {"application/json": "application/ld+json", "application/xml": "application/rdf+xml"}
DESCRIPTION_TYPES = ["text/turtle", "application/ld+json", "application/n-triples", "application/rdf+xml"]


class ProtocolError(Exception):
    def __init__(self, status: int, message: str) -> None:
        self.status, self.message = status, message
        super().__init__(message)


@dataclass
class ProtocolRequest:
    fields: list[tuple[str, str]] = field(default_factory=list)

    def all(self, name: str) -> list[str]:
        return [value for key, value in self.fields if key == name]

    def dataset(self, base_iri: str | None = None) -> DatasetSpec:
        """The protocol's dataset; every graph named must be an absolute IRI (else 400, before any engine)."""
        for name in ("default-graph-uri", "named-graph-uri"):
            for value in self.all(name):
                try:
                    ox.NamedNode(value)
                    valid = ":" in value
                except ValueError:
                    valid = False
                if not valid:
                    raise ProtocolError(400, f"'{value}' in de parameter {name} is geen absolute IRI.")
        return DatasetSpec(tuple(self.all("default-graph-uri")), tuple(self.all("named-graph-uri")), base_iri)


async def read_protocol_request(request: Request, max_body: int, seconds: float = 10.0) -> ProtocolRequest:
    """The protocol's parameters, wherever this kind of request carries them.

    The Content-Type is judged before a byte of the body is read, and the body is read in chunks up to
    max_body: a refused or oversized request costs the service no more memory than the cap.
    """
    url_fields = list(request.query_params.multi_items())
    if request.method == "GET":
        return ProtocolRequest(url_fields)
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "application/sparql-update":
        raise ProtocolError(403, "SPARQL Update wordt niet geaccepteerd: dit endpoint is alleen-lezen.")
    if content_type not in ("application/x-www-form-urlencoded", "application/sparql-query"):
        raise ProtocolError(
            415,
            f"Content-Type '{content_type or '(geen)'}' wordt niet ondersteund; gebruik "
            "application/x-www-form-urlencoded of application/sparql-query.",
        )
    charset = _charset(request.headers.get("content-type", ""))
    if charset not in (None, "utf-8", "utf8"):
        raise ProtocolError(415, f"Alleen UTF-8 wordt geaccepteerd, niet charset={charset}.")
    text = _utf8(await read_body(request, max_body, seconds))
    if content_type == "application/x-www-form-urlencoded":
        return ProtocolRequest(url_fields + parse_qsl(text, keep_blank_values=True))
    if any(key == "query" for key, _ in url_fields):
        raise ProtocolError(400, "De query staat zowel in de body als in de URL; geef hem één keer.")
    return ProtocolRequest([*url_fields, ("query", text)])


async def read_body(request: Request, limit: int, seconds: float = 10.0) -> bytes:
    """The body, refused with 413 as soon as it is known to exceed limit (declared or streamed), and
    with 408 when it has not arrived whole within `seconds` (a client dripping bytes holds a slot)."""
    too_large = ProtocolError(413, f"De body is groter dan {limit:,} bytes; stuur een kortere query.".replace(",", "."))
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_large
    chunks: list[bytes] = []
    size = 0
    try:
        async with asyncio.timeout(seconds):
            async for chunk in request.stream():
                size += len(chunk)
                if size > limit:
                    raise too_large
                chunks.append(chunk)
    except TimeoutError:
        raise ProtocolError(408, f"De body kwam niet binnen {seconds:g} s binnen; stuur hem in één keer.") from None
    return b"".join(chunks)


def _utf8(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ProtocolError(
            400, f"De body is geen geldige UTF-8: byte {error.start} kan niet worden gelezen."
        ) from None


def _charset(content_type: str) -> str | None:
    for param in content_type.split(";")[1:]:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            return value.strip().strip('"').lower()
    return None


def _the_query(params: ProtocolRequest) -> str:
    if params.all("update"):
        raise ProtocolError(403, "SPARQL Update wordt niet geaccepteerd: dit endpoint is alleen-lezen.")
    queries = params.all("query")
    if len(queries) > 1:
        raise ProtocolError(400, "Er is meer dan één 'query'-parameter meegestuurd; geef er precies één.")
    if not queries or not queries[0].strip():
        raise ProtocolError(400, "De parameter 'query' ontbreekt of is leeg.")
    return queries[0]


def negotiate(accept: str | None, form: str) -> str:
    offered = list(formats_for(form))
    chosen = choose(accept, offered, ALIASES if form in ("SELECT", "ASK") else GRAPH_ALIASES)
    if chosen is None:
        raise ProtocolError(
            406,
            f"Geen van de gevraagde formaten ({accept}) is beschikbaar voor een {form}-query. "
            f"Beschikbaar: {', '.join(offered)}.",
        )
    return chosen


async def answer(
    runner: QueryRunner,
    query: str,
    accept: str | None,
    dataset: DatasetSpec,
    max_bytes: int,
    cache: ResponseCache | None = None,
    key: Hashable | None = None,
    lane: Lane = "client",
) -> Response:
    """Check, negotiate and run one client query; the shared path of /sparql and /queries.

    Only answered queries are cached, so a hit has passed the checks before; `key` lets a caller
    that knows a cheaper identity of the request (a named query and its arguments) use that.
    """
    key = key if key is not None else (query, accept, dataset)
    hit = cache.get(key) if cache is not None else None
    if hit is not None:
        media_type, body = hit
    else:
        try:
            form = refuse_unsafe(query)
        except (QueryRefused, QuerySyntaxError) as error:
            raise ProtocolError(400, str(error)) from None
        media_type = negotiate(accept, form)
        body = await runner.run(Job(query, media_type, dataset, max_bytes, lane))
        if cache is not None:
            cache.put(key, (media_type, body))
    return Response(body, media_type=media_type, headers={"Vary": "Accept"})


def graph_infos(store: GraphStore, catalog: QueryCatalog) -> list[GraphInfo]:
    rows = store.result(catalog.get("named-graphs").sparql).records()
    return [GraphInfo(row["graph"], int(row["triples"])) for row in rows]


@router.get("/sparql", summary="SPARQL 1.1 Protocol: query via GET", operation_id="sparql_get")
@router.post("/sparql", summary="SPARQL 1.1 Protocol: query via POST", operation_id="sparql_post")
async def sparql(request: Request, runner: RunnerDep, store: StoreDep, settings: SettingsDep) -> Response:
    accept = request.headers.get("accept")
    cache = request.app.state.cache
    # A repeated GET is answered before the request is parsed: same URL query, same Accept, same answer.
    key = ("sparql-get", request.url.query, accept) if request.method == "GET" and request.url.query else None
    hit = cache.get(key) if cache is not None and key is not None else None
    if hit is not None:
        return Response(hit[1], media_type=hit[0], headers={"Vary": "Accept"})
    try:
        params = await read_protocol_request(request, settings.max_request_bytes, settings.request_read_timeout)
        if request.method == "GET" and not params.fields:
            if wants_html(request):  # a person followed a link: the query page, not a Turtle download
                return RedirectResponse("/query", status_code=303)
            return _service_description(request, store)
        query = _the_query(params)
        dataset = params.dataset(str(request.url_for("sparql")))
        return await answer(runner, query, accept, dataset, settings.max_result_bytes, cache, key)
    except ProtocolError as error:
        return error_response(request, error.status, error.message)


def _service_description(request: Request, store: GraphStore) -> Response:
    media_type = choose(request.headers.get("accept"), DESCRIPTION_TYPES, GRAPH_ALIASES)
    if media_type is None:
        return PlainTextResponse(
            f"De service-beschrijving is beschikbaar als {', '.join(DESCRIPTION_TYPES)}.", status_code=406
        )
    endpoint = str(request.url_for("sparql"))
    graphs = graph_infos(store, request.app.state.catalog)
    body = serialize_triples(service_description(endpoint, graphs), media_type)
    return Response(body, media_type=media_type, headers={"Vary": "Accept"})
