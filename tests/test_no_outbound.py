"""No query reaches another host: a canary listener on 127.0.0.1 must see nothing.

Two walls are tested apart. The refusal on reading the query is tested through /sparql with the
workers' network sandbox switched off, so a disguise that slipped through would reach the canary.
The sandbox is tested by handing a SERVICE query straight to a worker, past the refusal.
"""

from __future__ import annotations

import asyncio
import random
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator

import httpx
import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient

from api.errors import BeleidsgraafError
from api.kg.pool import Job, QueryPool
from api.settings import Settings
from api.web.app import create_app

SEED = 17
FUZZ_QUERIES = 3000


class Canary:
    """A TCP listener that counts connections and closes each at once."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0), backlog=128)
        self.port = self.server.getsockname()[1]
        self.connections = 0
        self._lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            with self._lock:
                self.connections += 1
            conn.close()

    @property
    def iri(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def close(self) -> None:
        self.server.close()


@pytest.fixture(scope="module")
def canary() -> Iterator[Canary]:
    listener = Canary()
    yield listener
    listener.close()


@pytest.fixture(scope="module")
def unsandboxed_client() -> Iterator[TestClient]:
    """The service with the refusal as its only wall: workers keep their network."""
    settings = Settings(query_sandbox="off", query_workers=1, query_timeout=5, response_cache_bytes=0)
    with TestClient(create_app(settings)) as client:
        yield client


def exact_probes(port: int) -> list[str]:
    """The two queries from issue 17 that reached a listener through the old lexer."""
    return [
        f"SELECT * WHERE {{ #x\rSERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}",
        "PREFIX owl: <http://www.w3.org/2002/07/owl#> "
        f"SELECT * WHERE {{ [ ?p owl:Class]SERVICE<http://127.0.0.1:{port}/>{{?a ?b ?c}} }}",
    ]


# Between tokens: every separator SPARQL allows, comments ending each way, and ones it does not (\f).
SEPARATORS = [" ", "\t", "\n", "\r", "\r\n", "#c\r", "#c\n", "#c\r\n", "# SELECT \r", " #}\r "]
NOT_SEPARATORS = ["\f", "\u00a0", "\\u0020"]
# What stands just before SERVICE in the group: each ends a triples block or a pattern in its own way.
BEFORE = [
    "",
    "?s ?p ?o .",
    "?s ?p ?o",
    "[ ?p owl:Class]",
    "?s ?p owl:Class",
    "?s ?p (1 2)",
    "?s ?p true",
    "?s ?p 'x'@en",
    "?s ?p 1",
    "BIND(1 AS ?z)",
    "FILTER(1<'>')",
    "FILTER(1<<http://x#>)",
    "FILTER(?a<?b)",
]
WRAPPERS = [
    "{@}",
    "{ OPTIONAL { @ } }",
    "{ { @ } UNION { ?a ?b ?c } }",
    "{ ?a ?b ?c MINUS { @ } }",
    "{ FILTER EXISTS { @ } }",
    "{ FILTER NOT EXISTS { @ } }",
    "{ { SELECT * WHERE { @ } } }",
    "{ GRAPH ?g { @ } }",
    "{ ?a ?b ?c FILTER(EXISTS { @ }) }",
]


def _keyword(rng: random.Random, word: str) -> str:
    style = rng.randrange(4)
    if style == 0:
        return word
    if style == 1:
        return word.lower()
    if style == 2:
        return "".join(c.upper() if rng.random() < 0.5 else c.lower() for c in word)
    return "\\u0053" + word[1:] if word == "SERVICE" and rng.random() < 0.2 else word  # escape where none is allowed


def _target(rng: random.Random, canary: Canary) -> tuple[str, str]:
    """The service IRI in one of its spellings, and the prologue it needs."""
    choice = rng.randrange(4)
    if choice == 0:
        return f"<{canary.iri}>", ""
    if choice == 1:
        return "c:x", f"PREFIX c: <{canary.iri}>\n"
    if choice == 2:
        return f"<{canary.iri}\\u0073parql>", ""
    return "<sparql>", f"BASE <{canary.iri}>\n"


def disguised_service(rng: random.Random, canary: Canary) -> str:
    """A query with SERVICE where the grammar reads a keyword (or an invalid query): never harmless."""
    odd = rng.random() < 0.05  # now and then a separator SPARQL does not allow (form feed, NBSP)
    sep = lambda: rng.choice(SEPARATORS + (NOT_SEPARATORS if odd else []))  # noqa: E731
    target, prologue = _target(rng, canary)
    silent = f"{_keyword(rng, 'SILENT')}{sep()}" if rng.random() < 0.3 else ""
    glue = rng.choice(["", sep()]) if not target.startswith("c:") else sep()
    service = f"{_keyword(rng, 'SERVICE')}{sep() if silent else glue}{silent}{target}{sep()}{{ ?s ?p ?o }}"
    if rng.random() < 0.1 and target.startswith("c:"):
        service = f"{_keyword(rng, 'SERVICE')}{target}{{?s ?p ?o}}"  # no boundary: SERVICEc:x
    before = rng.choice(BEFORE)
    joiner = rng.choice(["", sep()]) if before and before[-1] in "])'1e" else sep()
    if before == "?s ?p true" and rng.random() < 0.5:
        joiner = ""  # trueSERVICE
    body = rng.choice(WRAPPERS).replace("@", f"{sep()}{before}{joiner}{service}{sep()}")
    return f"{prologue}PREFIX owl: <http://www.w3.org/2002/07/owl#>{sep()}SELECT * WHERE{sep()}{body}"


def disguised_load(rng: random.Random, canary: Canary) -> str:
    sep = lambda: rng.choice(SEPARATORS)  # noqa: E731
    load = f"{_keyword(rng, 'LOAD')}{sep()}{rng.choice(['', 'SILENT '])}<{canary.iri}>"
    if rng.random() < 0.5:
        load += f"{sep()}INTO GRAPH <http://e/g>"
    return rng.choice([load, f"#x\r{load}", f"SELECT * {{}} ;{sep()}{load}", f"ASK {{}}{sep()}{load}"])


def generated(canary: Canary) -> list[str]:
    rng = random.Random(SEED)
    queries = exact_probes(canary.port)
    while len(queries) < FUZZ_QUERIES:
        queries.append(disguised_load(rng, canary) if rng.random() < 0.1 else disguised_service(rng, canary))
    return queries


@pytest.mark.parametrize("probe", [0, 1])
def test_the_issue_probes_are_refused_and_connect_nowhere(
    unsandboxed_client: TestClient, canary: Canary, probe: int
) -> None:
    before = canary.connections
    query = exact_probes(canary.port)[probe]
    response = unsandboxed_client.post("/sparql", data={"query": query})
    assert response.status_code == 400, response.text
    assert "SERVICE" in response.text
    assert canary.connections == before


async def _send_all(app: object, queries: list[str]) -> dict[int, list[str]]:
    """Every query once, by GET, form POST or body POST in turn; the statuses and their queries."""
    statuses: dict[int, list[str]] = {}
    transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        for index, query in enumerate(queries):
            if index % 3 == 0:
                response = await client.get("/sparql", params={"query": query})
            elif index % 3 == 1:
                response = await client.post("/sparql", data={"query": query})
            else:
                headers = {"Content-Type": "application/sparql-query"}
                response = await client.post("/sparql", content=query.encode(), headers=headers)
            statuses.setdefault(response.status_code, []).append(query)
    return statuses


def test_thousands_of_disguises_never_reach_the_canary(unsandboxed_client: TestClient, canary: Canary) -> None:
    queries = generated(canary)
    before = canary.connections
    assert unsandboxed_client.portal is not None
    statuses = unsandboxed_client.portal.call(_send_all, unsandboxed_client.app, queries)
    assert canary.connections == before, {status: len(found) for status, found in statuses.items()}
    not_refused = {status: found[:3] for status, found in statuses.items() if not 400 <= status < 500}
    assert not not_refused


def bare_engine_reach(canary: Canary, queries: list[str]) -> tuple[int, int]:
    """How many queries a bare pyoxigraph accepts, and how many connections to the canary it makes."""
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.Literal("o")))
    accepted, before = 0, canary.connections
    for query in queries:
        try:
            result = store.query(query)
        except SyntaxError:
            continue
        accepted += 1
        try:
            if isinstance(result, ox.QuerySolutions):
                list(result)
        except OSError:
            pass  # the canary hung up: the connection was made
    return accepted, canary.connections - before


def test_the_fuzz_is_dangerous_to_a_bare_engine(canary: Canary) -> None:
    """Without the refusal many of the same queries reach the canary: the fuzz is able to fail."""
    sample = generated(canary)[:300]
    accepted, connections = bare_engine_reach(canary, sample)
    assert accepted >= len(sample) // 2
    assert connections >= len(sample) // 4


@pytest.mark.parametrize(
    "template",
    [
        "SELECT * FROM <{iri}> WHERE {{ ?s ?p ?o }}",
        "SELECT * FROM NAMED <{iri}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        "DESCRIBE <{iri}>",
        "ASK {{ <{iri}> ?p ?o }}",
    ],
)
def test_naming_a_remote_graph_fetches_nothing(unsandboxed_client: TestClient, canary: Canary, template: str) -> None:
    """pyoxigraph reads FROM / FROM NAMED as graphs of its own store; it never dereferences them."""
    before = canary.connections
    response = unsandboxed_client.get("/sparql", params={"query": template.format(iri=canary.iri)})
    assert response.status_code == 200
    assert canary.connections == before


def test_update_forms_are_refused_without_a_connection(unsandboxed_client: TestClient, canary: Canary) -> None:
    before = canary.connections
    load = f"LOAD <{canary.iri}>"
    form = unsandboxed_client.post("/sparql", data={"update": load})
    body = unsandboxed_client.post("/sparql", content=load, headers={"Content-Type": "application/sparql-update"})
    assert form.status_code == body.status_code == 403
    assert canary.connections == before


def _sandbox_available() -> bool:
    probe = "from api.kg.sandbox import isolate; raise SystemExit(0 if isolate().isolated else 1)"
    return subprocess.run([sys.executable, "-c", probe], check=False).returncode == 0


async def _run_in_worker(settings: Settings, query: str) -> tuple[bool, str]:
    pool = QueryPool(settings)
    await pool.start()
    try:
        try:
            await pool.run(Job(query, "application/sparql-results+json"))
            outcome = "answered"
        except BeleidsgraafError as error:
            outcome = str(error)
        return pool.network_isolated, outcome
    finally:
        await pool.close()


def test_a_sandboxed_worker_has_no_network(canary: Canary) -> None:
    if not _sandbox_available():
        pytest.skip("this OS refuses unprivileged user namespaces (unshare CLONE_NEWUSER|CLONE_NEWNET)")
    query = f"SELECT * WHERE {{ SERVICE <{canary.iri}> {{ ?s ?p ?o }} }}"  # past the refusal, on purpose
    settings = Settings(query_workers=1, query_timeout=5, query_sandbox="required")
    before = canary.connections
    isolated, outcome = asyncio.run(_run_in_worker(settings, query))
    assert isolated
    assert "unreachable" in outcome.lower(), outcome
    assert canary.connections == before

    # The control: the same job from a worker with its network does reach the canary.
    isolated, _ = asyncio.run(_run_in_worker(settings.model_copy(update={"query_sandbox": "off"}), query))
    assert not isolated
    assert canary.connections > before
