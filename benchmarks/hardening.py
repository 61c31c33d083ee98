"""The probes of the hardening issue, rerun against the real service (`beleidsgraaf serve`), one row each:

  a. cheap-query latency while four runaway queries run (BELEIDSGRAAF_QUERY_TIMEOUT=5)
  b. memory of the process tree after 40 different ~10 MB answers and after one 100 MB POST to /sparql
  c. a remote store that drips one byte every 3 s (BELEIDSGRAAF_SPARQL_QUERY_URL, QUERY_TIMEOUT=5)
  d. 200 idle half-open TCP connections: how many has the server closed after 30 s
  e. /health while the store is unreachable (remote URL on a closed port)
  f. a query that makes pyoxigraph panic in a query worker (ORDER BY over mixed terms)

Run: uv run python benchmarks/hardening.py [--only a,b,...]
It measures; it does not judge: exit code 0 unless the script itself fails.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import socket
import threading
import time
from collections import Counter
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from urllib.parse import urlencode

import httpx
from load_mixed import JSON_RESULTS, Memory, Service, cpu_note, serve, tree_memory

from tests.live import free_port

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
CLIENT_TIMEOUT = 40.0


@dataclass(frozen=True)
class Row:
    probe: str
    figures: str
    good: str


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))] if ordered else float("nan")


def _sparql(query: str) -> str:
    return "/sparql?" + urlencode({"query": query})


def _counts(statuses: Counter[str]) -> str:
    return " ".join(f"{status}:{n}" for status, n in sorted(statuses.items()))


async def _timed(client: httpx.AsyncClient, method: str, url: str, **kwargs: object) -> tuple[str, float]:
    """(status or the name of the error, seconds) of one request."""
    started = time.perf_counter()
    try:
        response = await client.request(method, url, **kwargs)  # type: ignore[arg-type]
        outcome = str(response.status_code)
    except httpx.TimeoutException:
        outcome = f"hangs (>{CLIENT_TIMEOUT:g} s)"
    except httpx.HTTPError as error:
        outcome = type(error).__name__
    return outcome, time.perf_counter() - started


# --- a. cheap queries next to runaways ---------------------------------------------------------------


async def _runaways(base: str, seconds: float) -> tuple[list[float], Counter[str], Counter[str]]:
    deadline = time.monotonic() + seconds
    runaway_statuses: Counter[str] = Counter()
    ask_statuses: Counter[str] = Counter()
    latencies: list[float] = []
    async with httpx.AsyncClient(base_url=base, timeout=CLIENT_TIMEOUT) as client:

        async def runaway(worker: int) -> None:
            # four runaway clients, each from its own loopback address (each within its per-client share)
            transport = httpx.AsyncHTTPTransport(local_address=f"127.0.0.{10 + worker}")
            async with httpx.AsyncClient(base_url=base, timeout=CLIENT_TIMEOUT, transport=transport) as own:
                sequence = 0
                while time.monotonic() < deadline:
                    sequence += 1
                    outcome, _ = await _timed(own, "GET", _sparql(f"{RUNAWAY}\n# runaway {worker}-{sequence}"))
                    runaway_statuses[outcome] += 1

        async def ask(sequence: int) -> None:
            # a distinct comment each time: the answer cache must not answer it, a query worker must
            outcome, took = await _timed(
                client, "GET", _sparql(f"ASK {{}}\n# {sequence}"), headers={"Accept": JSON_RESULTS}
            )
            ask_statuses[outcome] += 1
            latencies.append(took)

        runners = [asyncio.create_task(runaway(worker)) for worker in range(4)]
        await asyncio.sleep(0.5)  # let the four runaways reach the query workers first
        asks = []
        sequence = 0
        while time.monotonic() < deadline:
            sequence += 1
            asks.append(asyncio.create_task(ask(sequence)))
            await asyncio.sleep(0.2)
        await asyncio.gather(*asks, *runners)
    return latencies, ask_statuses, runaway_statuses


def probe_a() -> list[Row]:
    with serve(query_timeout="5") as service:
        latencies, asks, runaways = asyncio.run(_runaways(service.base, 12))
    return [
        Row(
            "a. ASK {} every 200 ms beside 4 runaways (timeout 5 s)",
            f"{len(latencies)} ASKs: p50 {_ms(_percentile(latencies, 0.5))}, p99 {_ms(_percentile(latencies, 0.99))}"
            f"; status {_counts(asks)}; runaways {_counts(runaways)}",
            "all 200, p99 well under 100 ms; runaways 503 after 5 s",
        )
    ]


# --- b. memory after big answers and a 100 MB body ---------------------------------------------------


async def _big_answers(base: str, count: int, target: int) -> tuple[list[int], Counter[str]]:
    async with httpx.AsyncClient(base_url=base, timeout=120) as client:
        plain = await client.get(_sparql("SELECT ?s ?p ?o WHERE { ?s ?p ?o }"), headers={"Accept": JSON_RESULTS})
        rows = len(plain.json()["results"]["bindings"])
        # each row gains a binding ?t of `pad` characters (plus about 60 bytes of JSON around it)
        pad = max(0, (target - len(plain.content)) // max(rows, 1) - 60)
        sizes: list[int] = []
        statuses: Counter[str] = Counter()
        gate = asyncio.Semaphore(2)  # one client, within its share (BELEIDSGRAAF_QUERIES_PER_CLIENT)

        async def one(index: int) -> None:
            text = f"{index:04d}" + "x" * pad
            query = f'SELECT ?s ?p ?o ?t WHERE {{ ?s ?p ?o BIND("{text[:pad]}" AS ?t) }}\n# answer {index}'
            async with gate:
                try:
                    response = await client.get(_sparql(query), headers={"Accept": JSON_RESULTS})
                except httpx.HTTPError as error:
                    statuses[type(error).__name__] += 1
                    return
            statuses[str(response.status_code)] += 1
            sizes.append(len(response.content))

        await asyncio.gather(*(one(index) for index in range(count)))
    return sizes, statuses


async def _huge_post(base: str, megabytes: int) -> tuple[str, float]:
    async def chunks() -> AsyncIterator[bytes]:
        yield b"ASK {} #"
        for _ in range(megabytes):
            yield b"#" * 1_000_000

    async with httpx.AsyncClient(base_url=base, timeout=CLIENT_TIMEOUT) as client:
        return await _timed(
            client,
            "POST",
            "/sparql",
            content=chunks(),
            headers={"Content-Type": "application/sparql-query", "Accept": JSON_RESULTS},
        )


def probe_b(service: Service) -> list[Row]:
    pid = service.process.pid
    before = tree_memory(pid)
    sizes, statuses = asyncio.run(_big_answers(service.base, 40, 10_000_000))
    after_answers = tree_memory(pid)
    outcome, took = asyncio.run(_huge_post(service.base, 100))
    after_post = tree_memory(pid)
    time.sleep(5)
    idle = tree_memory(pid)

    def grew(memory: Memory) -> str:
        web = memory.rss_mb - memory.query_rss_mb - (before.rss_mb - before.query_rss_mb)
        return (
            f"RSS {memory.rss_mb:.0f} MB (+{memory.rss_mb - before.rss_mb:.0f}: query workers "
            f"+{memory.query_rss_mb - before.query_rss_mb:.0f}, web +{web:.0f}), PSS {memory.pss_mb:.0f} MB"
        )

    mean = sum(sizes) / len(sizes) / 1e6 if sizes else 0.0
    return [
        Row(
            "b1. RSS before",
            f"RSS {before.rss_mb:.0f} MB, PSS {before.pss_mb:.0f} MB ({before.processes} processes)",
            "-",
        ),
        Row(
            "b2. after 40 distinct ~10 MB answers",
            f"{grew(after_answers)}; answers {_counts(statuses)}, mean {mean:.1f} MB",
            "growth bounded by the answer cache (64 MB per web worker)",
        ),
        Row(
            "b3. after one 100 MB POST /sparql",
            f"{grew(after_post)}; answer {outcome} in {_ms(took)}",
            "413 at once (1 MB cap), no growth",
        ),
        Row("b4. after 5 s idle", grew(idle), "no further growth"),
    ]


# --- c. a dripping remote store ----------------------------------------------------------------------

DRIP = (
    b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\nContent-Length: 30\r\n\r\n"
    b'{"head":{},"boolean":true}    '
)


async def _drip(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """Read the SPARQL request, then answer one byte every 3 s."""
    try:
        head = await reader.readuntil(b"\r\n\r\n")
        length = next(
            (int(line.split(b":", 1)[1]) for line in head.split(b"\r\n") if line.lower().startswith(b"content-length")),
            0,
        )
        await reader.readexactly(length)
        for byte in DRIP:
            writer.write(bytes([byte]))
            await writer.drain()
            await asyncio.sleep(3)
    except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
        pass
    except asyncio.CancelledError:
        pass  # the probe is over: end quietly, not as a cancelled task asyncio would log
    finally:
        writer.close()


@contextlib.contextmanager
def dripping_store() -> Iterator[int]:
    """The dripping server on its own event loop in a thread, so that nothing here can stall it."""
    loop = asyncio.new_event_loop()
    started = threading.Event()
    port: list[int] = []

    async def run() -> None:
        server = await asyncio.start_server(_drip, "127.0.0.1", 0)
        port.append(server.sockets[0].getsockname()[1])
        started.set()
        async with server:
            await server.serve_forever()

    thread = threading.Thread(target=loop.run_until_complete, args=(run(),), daemon=True)
    thread.start()
    started.wait(10)
    try:
        yield port[0]
    finally:
        for task in asyncio.all_tasks(loop):
            loop.call_soon_threadsafe(task.cancel)
        thread.join(5)


async def _requests(base: str, targets: dict[str, tuple[str, dict[str, str]]]) -> list[tuple[str, float]]:
    async with httpx.AsyncClient(base_url=base, timeout=CLIENT_TIMEOUT) as client:
        return list(
            await asyncio.gather(*(_timed(client, "GET", path, headers=headers) for path, headers in targets.values()))
        )


def probe_c() -> list[Row]:
    targets = {
        "page /": ("/", {"Accept": "text/html"}),
        "/sparql ASK": (_sparql("ASK {}"), {"Accept": JSON_RESULTS}),
        "REST /plannen": ("/plannen", {}),
    }
    with dripping_store() as port, serve(sparql_query_url=f"http://127.0.0.1:{port}/query", query_timeout="5") as svc:
        results = asyncio.run(_requests(svc.base, targets))
        stopping = time.perf_counter()
    stopped = time.perf_counter() - stopping
    figures = "; ".join(
        f"{name}: {outcome}" + ("" if outcome.startswith("hangs") else f" in {took:.1f} s")
        for name, (outcome, took) in zip(targets, results, strict=True)
    )
    figures += f"; stopping the service then took {stopped:.1f} s (SIGTERM, SIGKILL after 15 s)"
    return [Row("c. remote store drips 1 byte / 3 s (timeout 5 s)", figures, "503/504 in about 5 s; stops at once")]


# --- d. half-open connections ------------------------------------------------------------------------


def probe_d(service: Service, count: int = 200, wait: float = 30) -> list[Row]:
    host, port = "127.0.0.1", int(service.base.rsplit(":", 1)[1])
    sockets = []
    for _ in range(count):
        sock = socket.create_connection((host, port), timeout=5)
        sock.sendall(b"GET /sparql?query=ASK")  # half a request line, then nothing
        sockets.append(sock)
    health_started = time.perf_counter()
    try:
        health = str(httpx.get(service.base + "/health", timeout=CLIENT_TIMEOUT).status_code)
    except httpx.HTTPError as error:
        health = type(error).__name__
    health_took = time.perf_counter() - health_started
    time.sleep(wait)
    closed = answered = 0
    for sock in sockets:
        sock.setblocking(False)
        try:
            data = sock.recv(65536)
            if data:
                answered += 1
                with contextlib.suppress(BlockingIOError, OSError):
                    while sock.recv(65536):
                        pass
            closed += 1
        except BlockingIOError:
            pass
        except OSError:
            closed += 1
        finally:
            sock.close()
    return [
        Row(
            f"d. {count} half-open connections, after {wait:g} s",
            f"closed by the server: {closed}/{count} ({answered} with a response first); "
            f"/health meanwhile {health} in {_ms(health_took)}",
            f"all {count} closed (a header-read timeout), /health unaffected",
        )
    ]


# --- e. /health with the store gone ------------------------------------------------------------------


async def _broken(base: str) -> dict[str, str]:
    out: dict[str, str] = {}
    async with httpx.AsyncClient(base_url=base, timeout=CLIENT_TIMEOUT) as client:
        for name, path in {"/": "/", "/plannen": "/plannen", "/sparql": _sparql("ASK {}")}.items():
            out[name] = (await _timed(client, "GET", path))[0]
        health = await client.get("/health")
        out["/health"] = f"{health.status_code} {health.text.strip()}"
    return out


def probe_e() -> list[Row]:
    closed = free_port()  # nothing listens there
    try:
        with serve(sparql_query_url=f"http://127.0.0.1:{closed}/query", query_timeout="5") as service:
            out = asyncio.run(_broken(service.base))
    except RuntimeError as error:
        return [Row("e. /health, store unreachable", f"service did not start: {error}", "starts, /health says so")]
    data = ", ".join(f"{name} {status}" for name, status in out.items() if name != "/health")
    return [
        Row(
            "e. /health, store unreachable (closed port)",
            f"/health {out['/health']}; data routes: {data}",
            "/health 503 naming the store; data routes 502/503",
        )
    ]


# --- f. a panicking query worker ---------------------------------------------------------------------


async def _panic(base: str) -> tuple[str, str, str]:
    async with httpx.AsyncClient(base_url=base, timeout=CLIENT_TIMEOUT) as client:
        first, _ = await _timed(client, "GET", _sparql("SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?o"))
        second, _ = await _timed(client, "GET", _sparql("SELECT ?o WHERE { ?s ?p ?o } ORDER BY DESC(?o)"))
        after, _ = await _timed(client, "GET", _sparql("ASK {}\n# after the panic"))
    return first, second, after


def probe_f(service: Service) -> list[Row]:
    first, second, after = asyncio.run(_panic(service.base))
    return [
        Row(
            "f. ORDER BY ?o over all terms (worker panic)",
            f"ORDER BY ?o -> {first}; then ORDER BY DESC(?o) on the same keep-alive connection -> {second}; "
            f"ASK afterwards -> {after}",
            "an answer or 4xx/503, never 500 nor a reset connection; ASK 200",
        )
    ]


# -----------------------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", default="abcdef", help="which probes, e.g. 'ad'")
    args = parser.parse_args()
    rows: list[Row] = []
    chosen = set(args.only.replace(",", ""))
    probes: list[tuple[str, Callable[[], list[Row]]]] = [("a", probe_a), ("c", probe_c), ("e", probe_e)]
    for name, probe in probes:
        if name in chosen:
            print(f"probe {name} ...", flush=True)
            rows += probe()
    shared: list[tuple[str, Callable[[Service], list[Row]]]] = [("b", probe_b), ("f", probe_f), ("d", probe_d)]
    if chosen & {"b", "d", "f"}:
        with serve() as service:
            for name, service_probe in shared:
                if name in chosen:
                    print(f"probe {name} ...", flush=True)
                    rows += service_probe(service)
            alive = service.alive
        rows.append(Row("service (b, f, d) still running", "yes" if alive else "NO, IT DIED", "yes"))
    rows.sort(key=lambda row: row.probe)
    print(f"\nHardening probes ({cpu_note()}; figures are noisy when other work shares the machine)\n")
    width = max(len(row.probe) for row in rows)
    print(f"{'probe':{width}}  figures  [good]")
    for row in rows:
        print(f"{row.probe:{width}}  {row.figures}  [good: {row.good}]")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
