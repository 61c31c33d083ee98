"""Bad input is the client's problem, never the service's: ten thousand generated requests, not one 5xx.

Requests are generated from a fixed seed across the routes that take input from outside — /sparql (GET and
POST, every protocol parameter, odd bodies and content types), the named queries, REST, /id/* and /def/*,
and the pages with parameters — by mutating valid requests: characters inserted, replaced and removed,
percent-escapes and control characters, invalid UTF-8, IRIs that are not IRIs, oversized values. Each
answer must be below 500 and come with a body; a server exception fails the test with the request that
caused it. In-process, so it runs in seconds; the time budget only guards against a hang.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from urllib.parse import quote

import httpx
import pytest
from fastapi.testclient import TestClient

from api.kg.queries import QueryCatalog
from tests.live import running_service

SEED = 20261206
REQUESTS = 10_000
BUDGET_SECONDS = 240.0

QUERIES = [
    "ASK {}",
    "ASK { ?s ?p ?o }",
    "SELECT * WHERE { ?s ?p ?o } LIMIT 1",
    "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s a ?c } } LIMIT 1",
    "PREFIX bg: <https://beleidsgraaf.nl/def/> SELECT ?o WHERE { ?o a bg:Opgave } LIMIT 3",
    "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 2",
    "DESCRIBE <https://beleidsgraaf.nl/id/gemeente/gm0396>",
]
ACCEPTS = [
    None,
    "*/*",
    "text/html",
    "application/json",
    "application/sparql-results+json",
    "text/csv",
    "text/turtle;q=0.5, */*;q=0.1",
    "application/x-nonsense",
    "text/*;q=abc",
    ";;;,,,",
]
CONTENT_TYPES = [
    "application/x-www-form-urlencoded",
    "application/sparql-query",
    "application/sparql-query; charset=latin-1",
    "application/sparql-update",
    "text/plain",
    "multipart/form-data; boundary=x",
    "",
    "application/x-www-form-urlencoded; charset=utf-8; charset=utf-16",
]
NOISE = [
    "\x00",
    "\r",
    "\n",
    "\t",
    "\f",
    "%",
    "%zz",
    "%00",
    "%C3%28",
    "<",
    ">",
    "{",
    "}",
    '"',
    "'",
    "\\",
    "..",
    "/",
    "#",
    "?",
]
NOISE += ["&", "=", ";", " ", "é", "→", "\u202e", "\ufeff", "🙂", "SERVICE", "LOAD", "INSERT", "]", ")", "(", "[", "$"]


@dataclass
class Fuzz:
    rng: random.Random
    plans: list[str]
    names: list[str]
    sent: int = 0
    failures: list[str] = field(default_factory=list)

    def text(self, base: str = "") -> str:
        """base with a few random edits, or random noise when base is empty."""
        chars = list(base) if base else []
        for _ in range(self.rng.randint(1 if base else 2, 5)):
            piece = self.rng.choice(NOISE) if self.rng.random() < 0.7 else chr(self.rng.randint(0x20, 0x2FF))
            at = self.rng.randint(0, len(chars))
            edit = self.rng.random()
            if edit < 0.6 or not chars:
                chars[at:at] = list(piece)
            elif edit < 0.85:
                chars[at : at + 1] = list(piece)
            else:
                del chars[at : at + self.rng.randint(1, 4)]
        if self.rng.random() < 0.02:
            chars.extend("x" * self.rng.randint(5_000, 20_000))
        return "".join(chars)

    def segment(self) -> str:
        """A path segment: a real-looking id, mutated, percent-encoded the way a client would send it."""
        base = self.rng.choice([*self.plans, "gm0396", "mantelzorg", "opgave", "x"])
        raw = self.text(base) if self.rng.random() < 0.8 else base
        # mostly fully escaped; sometimes with raw '%' (broken escapes) and characters clients leave as they are
        return quote(raw, safe="" if self.rng.random() < 0.9 else "%<>{}'\"\\|^`")

    def headers(self) -> dict[str, str]:
        accept = self.rng.choice(ACCEPTS)
        return {"accept": accept} if accept is not None else {}


def _sparql_get(f: Fuzz) -> tuple[str, str, dict[str, object]]:
    params: list[tuple[str, str]] = []
    if f.rng.random() < 0.9:
        query = f.rng.choice(QUERIES)
        params.append(("query", f.text(query) if f.rng.random() < 0.7 else query))
    for name in ("default-graph-uri", "named-graph-uri", "query", "update", "format"):
        if f.rng.random() < 0.15:
            params.append((name, f.rng.choice(["", "https://beleidsgraaf.nl/graph/bronnen", f.text("http://e/g")])))
    return "GET", "/sparql", {"params": params, "headers": f.headers()}


def _sparql_post(f: Fuzz) -> tuple[str, str, dict[str, object]]:
    content_type = f.rng.choice(CONTENT_TYPES)
    query = f.text(f.rng.choice(QUERIES)) if f.rng.random() < 0.6 else f.rng.choice(QUERIES)
    body = ("query=" + quote(query) if "urlencoded" in content_type else query).encode("utf-8", "surrogatepass")
    roll = f.rng.random()
    if roll < 0.2:
        at = f.rng.randint(0, len(body))
        body = body[:at] + bytes(f.rng.randint(0x80, 0xFF) for _ in range(f.rng.randint(1, 3))) + body[at:]
    elif roll < 0.25:
        body = bytes(f.rng.randint(0, 255) for _ in range(f.rng.randint(0, 300)))
    headers = {**f.headers(), "content-type": content_type} if content_type else f.headers()
    params = [("default-graph-uri", f.text("urn:x"))] if f.rng.random() < 0.1 else []
    return "POST", "/sparql", {"content": body, "headers": headers, "params": params}


def _named_query(f: Fuzz) -> tuple[str, str, dict[str, object]]:
    name = f.rng.choice(f.names) if f.rng.random() < 0.85 else f.segment()
    params = {
        key: f.text(f.rng.choice([*f.plans, "2024", "mantelzorg", "https://beleidsgraaf.nl/id/x"]))
        for key in f.rng.sample(
            ["plan", "tekst", "jaar", "iri", "gemeente", "partner", "x", "limit"], f.rng.randint(0, 3)
        )
    }
    suffix = f.rng.choice(["", "", ".rq"])
    return "GET", f"/queries/{name}{suffix}", {"params": params, "headers": f.headers()}


def _rest(f: Fuzz) -> tuple[str, str, dict[str, object]]:
    path = f.rng.choice(
        [
            f"/plannen/{f.segment()}",
            f"/opgaven/{f.segment()}/{f.segment()}",
            f"/doelstellingen/{f.segment()}/{f.segment()}",
            f"/partners/{f.segment()}",
            f"/downloads/{f.segment()}.{f.rng.choice(['ttl', 'nq', 'csv', 'x', ''])}",
            f"/diagrams/{f.segment()}/{f.rng.choice(['bijlage1', 'netwerk', 'x'])}.{f.rng.choice(['svg', 'gif'])}",
            f"/diagrams/{f.segment()}/netwerk.json",
            "/gemeenten",
            "/plannen",
        ]
    )
    params = {"plan": f.text(f.rng.choice(f.plans))} if f.rng.random() < 0.3 else {}
    return "GET", path, {"params": params, "headers": f.headers()}


def _linked_data(f: Fuzz) -> tuple[str, str, dict[str, object]]:
    root = f.rng.choice(["/id/", "/def/"])
    depth = f.rng.randint(0, 4)
    path = root + "/".join(f.segment() for _ in range(depth))
    params = {"format": f.rng.choice(["ttl", "html", "nt", "x", f.text("ttl")])} if f.rng.random() < 0.3 else {}
    return "GET", path, {"params": params, "headers": f.headers()}


def _pages(f: Fuzz) -> tuple[str, str, dict[str, object]]:
    choice = f.rng.random()
    if choice < 0.4:
        return "GET", "/zoeken", {"params": {"q": f.text("mantelzorg")}, "headers": {"accept": "text/html"}}
    if choice < 0.7:
        params = {
            "plan": f.text(f.rng.choice(f.plans)),
            "niveau": f.text("opgave"),
            "richting": f.text("partners"),
            "filter": f.text(""),
        }
        return "GET", f.rng.choice(["/matrix", "/matrix.csv"]), {"params": params, "headers": f.headers()}
    if choice < 0.85:
        return "GET", "/samenhang", {"params": {"plan": f.text("x")}, "headers": {"accept": "text/html"}}
    return "GET", "/partners", {"params": {"filter": f.text("viva")}, "headers": f.headers()}


GENERATORS: list[tuple[float, Callable[[Fuzz], tuple[str, str, dict[str, object]]]]] = [
    (0.25, _sparql_get),
    (0.2, _sparql_post),
    (0.2, _named_query),
    (0.12, _rest),
    (0.15, _linked_data),
    (0.08, _pages),
]


def _requests(f: Fuzz) -> Iterator[tuple[str, str, dict[str, object]]]:
    weights = [w for w, _ in GENERATORS]
    makers = [m for _, m in GENERATORS]
    while True:
        yield f.rng.choices(makers, weights)[0](f)


@pytest.fixture(scope="module")
def fuzz_client(client: TestClient) -> Iterator[TestClient]:
    """The session's running app, but with server exceptions answered as 500s (counted below), not raised."""
    yield TestClient(client.app, raise_server_exceptions=False)


def test_ten_thousand_bad_requests_get_no_5xx(fuzz_client: TestClient, queries: QueryCatalog) -> None:
    plans = [path.stem for path in sorted((queries.folder.parent / "graph").glob("*/*.ttl"))]
    f = Fuzz(random.Random(SEED), plans, sorted(query.name for query in queries))
    started = time.monotonic()
    for method, path, options in _requests(f):
        if f.sent >= REQUESTS:
            break
        assert time.monotonic() - started < BUDGET_SECONDS, f"time budget spent after {f.sent} requests"
        response = fuzz_client.request(method, path, **options)  # type: ignore[arg-type]
        f.sent += 1
        if response.status_code >= 500:
            f.failures.append(f"{response.status_code} {method} {path} {options!r:.300} → {response.text[:200]!r}")
    assert f.sent == REQUESTS
    assert not f.failures, f"{len(f.failures)} of {f.sent} requests got a 5xx:\n" + "\n".join(f.failures[:15])


LIVE_REQUESTS = 2_000


def test_over_real_connections_no_5xx_and_no_dropped_connection(queries: QueryCatalog) -> None:
    """The same generator against `beleidsgraaf serve` over TCP: a reset or a closed connection counts too."""
    plans = [path.stem for path in sorted((queries.folder.parent / "graph").glob("*/*.ttl"))]
    f = Fuzz(random.Random(SEED + 1), plans, sorted(query.name for query in queries))
    dropped: list[str] = []
    with running_service() as base, httpx.Client(base_url=base, timeout=30) as http:
        for method, path, options in _requests(f):
            if f.sent >= LIVE_REQUESTS:
                break
            f.sent += 1
            try:
                response = http.request(method, path, **options)  # type: ignore[arg-type]
            except httpx.TransportError as error:
                dropped.append(f"{type(error).__name__} {method} {path}")
                continue
            if response.status_code >= 500:
                f.failures.append(f"{response.status_code} {method} {path} → {response.text[:200]!r}")
    assert not dropped, f"{len(dropped)} dropped connections:\n" + "\n".join(dropped[:15])
    assert not f.failures, f"{len(f.failures)} of {f.sent} requests got a 5xx:\n" + "\n".join(f.failures[:15])
