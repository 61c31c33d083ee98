"""Four runaway clients do not stop everyone; slow and broken peers are cut off; the service says when
it cannot serve. Each test is one probe of the hardening issue, run against the real service."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import statistics
import threading
import time
from collections.abc import Iterator

import httpx
import pytest

from tests.live import free_port, running_service

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
LIMIT = 3.0


@pytest.fixture(scope="module")
def service() -> Iterator[str]:
    settings = {
        "query_timeout": str(LIMIT),
        "query_workers": "2",
        "named_query_workers": "1",
        "query_queue_timeout": "1",
        "queries_per_client": "2",
        "request_read_timeout": "2",
        "response_cache_bytes": "0",
    }
    with running_service(**settings) as base:
        yield base


def test_named_queries_answer_while_runaways_hold_every_client_worker(service: str) -> None:
    """Before: a cheap query beside four runaways got 503 six times in 7 (p50 5,007 ms)."""
    stop = threading.Event()

    def runaway(address: str) -> None:
        with httpx.Client(transport=httpx.HTTPTransport(local_address=address), timeout=30) as client:
            while not stop.is_set():
                if client.get(f"{service}/sparql", params={"query": RUNAWAY}).status_code != 503:
                    time.sleep(0.2)

    # Four runaway clients on four loopback addresses: each within its share, together over every client worker.
    runners = [threading.Thread(target=runaway, args=(f"127.0.0.{10 + i}",)) for i in range(4)]
    for thread in runners:
        thread.start()
    time.sleep(0.5)
    latencies, statuses = [], []
    try:
        for _ in range(10):
            started = time.monotonic()
            response = httpx.get(f"{service}/queries/plannen", timeout=30)
            latencies.append(time.monotonic() - started)
            statuses.append(response.status_code)
            time.sleep(0.2)
    finally:
        stop.set()
        for thread in runners:
            thread.join(timeout=30)
    assert statuses == [200] * 10
    assert statistics.median(latencies) < 0.5, latencies


def test_a_client_over_its_share_gets_429_with_retry_after(service: str) -> None:
    async def burst() -> list[httpx.Response]:
        async with httpx.AsyncClient(timeout=30) as client:
            return await asyncio.gather(
                *(client.get(f"{service}/sparql", params={"query": RUNAWAY + f" # {i}"}) for i in range(4))
            )

    responses = asyncio.run(burst())
    refused = [r for r in responses if r.status_code == 429]
    assert len(refused) == 2, [r.status_code for r in responses]
    assert all(int(r.headers["retry-after"]) >= 1 for r in refused)
    assert "wacht" in refused[0].text


def test_no_free_worker_in_time_is_503_with_retry_after_not_a_timeout(service: str) -> None:
    # Two addresses (127.0.0.1 and 127.0.0.2) fill both client workers; a third query waits 1 s, then 503.
    def hold(local: str) -> None:
        transport = httpx.HTTPTransport(local_address=local)
        with httpx.Client(transport=transport, timeout=30) as client:
            client.get(f"{service}/sparql", params={"query": RUNAWAY})

    holders = [threading.Thread(target=hold, args=(address,)) for address in ("127.0.0.2", "127.0.0.3")]
    for thread in holders:
        thread.start()
    time.sleep(0.5)
    started = time.monotonic()
    response = httpx.get(f"{service}/sparql", params={"query": "ASK { ?s ?p ?o }"}, timeout=30)
    waited = time.monotonic() - started
    for thread in holders:
        thread.join(timeout=30)
    assert response.status_code == 503
    assert "bezet" in response.text and response.headers["retry-after"]
    assert waited < 2.5


def test_half_open_connections_are_closed(service: str) -> None:
    """Before: 200 connections that sent half a request line were never closed."""
    host, port = service.removeprefix("http://").split(":")
    sockets = []
    for _ in range(50):
        connection = socket.create_connection((host, int(port)))
        connection.sendall(b"GET /spa")
        sockets.append(connection)
    time.sleep(3.5)  # request_read_timeout is 2 s
    closed = 0
    for connection in sockets:
        connection.settimeout(1)
        with contextlib.suppress(TimeoutError, ConnectionResetError):
            closed += connection.recv(1024).startswith(b"HTTP/1.1 408")
        connection.close()
    assert closed == 50


def test_an_oversized_request_head_is_refused(service: str) -> None:
    response = httpx.get(f"{service}/health", headers={"X-Groot": "a" * 100_000}, timeout=10)
    assert response.status_code == 431


def test_a_dripping_body_is_cut_off(service: str) -> None:
    host, port = service.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port))) as connection:
        connection.sendall(
            b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
            b"Content-Length: 100\r\n\r\nASK"
        )
        connection.settimeout(10)
        started = time.monotonic()
        reply = connection.recv(4096)
    assert reply.startswith(b"HTTP/1.1 408"), reply[:200]
    assert time.monotonic() - started < 4


def test_health_counts_the_quads_and_the_workers(service: str) -> None:
    report = httpx.get(f"{service}/health", timeout=10).json()
    assert report["status"] == "ok"
    assert report["store"]["quads"] > 10_000
    assert report["queryWerkprocessen"]["actief"] == 3


def test_metrics_in_prometheus_text_format(service: str) -> None:
    httpx.get(f"{service}/queries/plannen", timeout=10)
    body = httpx.get(f"{service}/metrics", timeout=10).text
    assert "# TYPE beleidsgraaf_http_requests_total counter" in body
    assert 'beleidsgraaf_http_requests_total{route="/queries/{name}",status="2xx"}' in body
    assert 'beleidsgraaf_query_events_total{event="timeout"}' in body  # the runaways above
    assert "beleidsgraaf_http_request_seconds_bucket" in body


class _Dripping:
    """A 'SPARQL server' that accepts the request and then sends one byte every 2 s, for ever."""

    def __init__(self) -> None:
        self.port = free_port()
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            await reader.read(65536)
            for byte in b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n":
                writer.write(bytes([byte]))
                await writer.drain()
                await asyncio.sleep(2)
        except (ConnectionError, asyncio.CancelledError):
            pass
        finally:
            writer.close()

    def __enter__(self) -> str:
        self.thread.start()
        server = asyncio.run_coroutine_threadsafe(
            asyncio.start_server(self._handle, "127.0.0.1", self.port), self.loop
        ).result(5)
        self.server = server
        return f"http://127.0.0.1:{self.port}/sparql"

    async def _shutdown(self) -> None:
        self.server.close()
        tasks = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    def __exit__(self, *exc: object) -> None:
        asyncio.run_coroutine_threadsafe(self._shutdown(), self.loop).result(5)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=5)
        self.loop.close()


def test_a_dripping_remote_store_is_given_up_on_whole_request_deadline() -> None:
    """Before: with a remote store sending one byte every 3 s, every request hung for good."""
    with _Dripping() as url, running_service(sparql_query_url=url, query_timeout="3") as base:
        for path, accept in (("/sparql?query=ASK%7B%7D", "*/*"), ("/plannen", "application/json"), ("/", "text/html")):
            started = time.monotonic()
            response = httpx.get(base + path, headers={"Accept": accept}, timeout=40)
            took = time.monotonic() - started
            assert response.status_code in (502, 503), (path, response.status_code)
            assert took < 6, (path, took)
            if accept == "text/html":
                assert "<h1>" in response.text and "niet" in response.text.lower()
        health = httpx.get(base + "/health", timeout=20)
        assert health.status_code == 503
        assert health.json()["store"]["bereikbaar"] is False


def test_health_is_503_when_the_remote_store_is_gone() -> None:
    with running_service(sparql_query_url=f"http://127.0.0.1:{free_port()}/sparql", query_timeout="3") as base:
        health = httpx.get(base + "/health", timeout=20)
        page = httpx.get(base + "/", headers={"Accept": "text/html"}, timeout=20)
    assert health.status_code == 503 and health.json()["status"] == "niet beschikbaar"
    assert page.status_code == 502 and page.headers["content-type"].startswith("text/html")
    assert "Gegevensbron niet bereikbaar" in page.text
