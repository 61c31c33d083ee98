"""Mixed load on the real service: 32 clients for 60 s over pages, named queries, REST, /sparql, expensive
but bounded queries, diagrams and bad input; p50/p99/max per kind of route and the memory of the whole
process tree (uvicorn supervisor, web workers, query workers) before, after and after 5 s idle.

Run: uv run python benchmarks/load_mixed.py [--seconds 60] [--clients 32] [--web-workers N]
Good: no 5xx, no dropped connections, RSS after the idle pause close to RSS after the load (no growth
beyond the answer cache, 64 MB per web worker by default). Exit code 1 only if the service died.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.live import free_port, wait_until_up  # noqa: E402

PLAN_ID = "heemskerk-sociaal-domein-2024"
ID = "https://beleidsgraaf.nl/id/"
PLAN = f"{ID}plan/{PLAN_ID}"
OPGAVE = f"{PLAN}/opgave/vitaal-en-weerbaar"
DOELSTELLING = f"{PLAN}/doelstelling/vitaal-en-weerbaar-1"
JSON_RESULTS = "application/sparql-results+json"
NAMED_ACCEPT = f"{JSON_RESULTS}, text/turtle;q=0.9"  # a named query may be a SELECT or a CONSTRUCT


# --- the service as a process tree -------------------------------------------------------------------


@dataclass
class Service:
    base: str
    process: subprocess.Popen[bytes]

    @property
    def alive(self) -> bool:
        return self.process.poll() is None


@contextmanager
def serve(web_workers: int | None = None, **settings: str) -> Iterator[Service]:
    """`beleidsgraaf serve` on a free loopback port; settings as BELEIDSGRAAF_* variables."""
    port = free_port()
    env = {**os.environ, **{f"BELEIDSGRAAF_{key.upper()}": value for key, value in settings.items()}}
    command = [sys.executable, "-m", "api.cli", "serve", "--host", "127.0.0.1", "--port", str(port)]
    if web_workers:
        command += ["--workers", str(web_workers)]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base + "/health", process, seconds=120)
        # /health answers as soon as one web worker is up; wait until every worker of the tree is.
        time.sleep(3)
        yield Service(base, process)
    finally:
        stop(process)


def stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the supervisor; a tree that is still there after 15 s (a web worker stuck in a request
    uvicorn waits for) is killed process by process, so that no web or query worker is left behind."""
    pids = tree_pids(process.pid)
    process.terminate()
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=15)
    for pid in reversed(pids):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGKILL)
    process.wait()


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        # the command name may hold spaces and parentheses; the fields after the last ')' do not.
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(ppid, []).append(int(entry))
    return tree


def tree_pids(root: int) -> list[int]:
    tree, pids, todo = _children(), [], [root]
    while todo:
        pid = todo.pop()
        pids.append(pid)
        todo.extend(tree.get(pid, []))
    return pids


def _kib(path: str, field_name: str) -> int:
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(field_name + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


@dataclass(frozen=True)
class Memory:
    processes: int
    rss_mb: float  # sum of RSS: counts pages shared between the processes once per process
    pss_mb: float  # sum of PSS: shared pages split between their sharers, the tree's real footprint

    query_rss_mb: float = 0.0  # of these, the query workers (api.kg.worker)

    def __str__(self) -> str:
        return (
            f"RSS {self.rss_mb:7.1f} MB  PSS {self.pss_mb:7.1f} MB  ({self.processes} processes; "
            f"query workers {self.query_rss_mb:.1f} MB, the rest {self.rss_mb - self.query_rss_mb:.1f} MB)"
        )


def _is_query_worker(pid: int) -> bool:
    try:
        return b"api.kg.worker" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def tree_memory(root: int) -> Memory:
    pids = tree_pids(root)
    rss = {pid: _kib(f"/proc/{pid}/status", "VmRSS") for pid in pids}
    pss = sum(_kib(f"/proc/{pid}/smaps_rollup", "Pss") for pid in pids)
    query = sum(kib for pid, kib in rss.items() if _is_query_worker(pid))
    return Memory(len(pids), sum(rss.values()) / 1024, pss / 1024, query / 1024)


# --- the mix -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Call:
    kind: str
    method: str
    path: str
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | None = None
    expect: int = 200
    unique: bool = False  # vary a SPARQL comment per request, so that the answer cache cannot answer it


def _sparql(query: str, accept: str = JSON_RESULTS) -> tuple[str, dict[str, str]]:
    return "/sparql?" + urlencode({"query": query}), {"Accept": accept}


def _arguments(parameters: list[dict[str, object]]) -> dict[str, str] | None:
    """Arguments for a named query's required parameters; None when one cannot be given."""
    given: dict[str, str] = {}
    for parameter in parameters:
        if not parameter.get("required"):
            continue
        name, kind = str(parameter["name"]), parameter.get("type")
        if kind == "plan":
            given[name] = PLAN_ID
        elif kind == "year":
            given[name] = "2024"
        elif kind == "string":
            given[name] = "zorg"
        elif kind == "iri":
            given[name] = {"doelstelling": DOELSTELLING, "opgave": OPGAVE}.get(name, PLAN)
        else:
            return None
    return given


def mix(base: str) -> list[Call]:
    calls = [
        Call("html", "GET", "/", {"Accept": "text/html"}),
        Call("html", "GET", f"/id/plan/{PLAN_ID}", {"Accept": "text/html"}),
        Call("html", "GET", "/matrix", {"Accept": "text/html"}),
        Call("html", "GET", "/partners.html", {"Accept": "text/html"}),
        Call("html", "GET", "/zoeken?q=mantelzorg", {"Accept": "text/html"}),
        Call("rest", "GET", "/plannen"),
        Call("rest", "GET", f"/plannen/{PLAN_ID}"),
        Call("rest", "GET", "/gemeenten"),
        Call("rest", "GET", "/partners"),
        Call("rest", "GET", "/partners/pre-wonen"),
        Call("rest", "GET", f"/opgaven/{PLAN_ID}/vitaal-en-weerbaar"),
        Call("rest", "GET", f"/doelstellingen/{PLAN_ID}/vitaal-en-weerbaar-1"),
        Call("sparql", "GET", *_sparql("SELECT ?plan ?titel WHERE { ?plan a ?type ; ?p ?titel } LIMIT 20")),
        Call("sparql", "GET", *_sparql("ASK { ?s ?p ?o }"), unique=True),
        Call(
            "sparql",
            "POST",
            "/sparql",
            {"Content-Type": "application/sparql-query", "Accept": JSON_RESULTS},
            b"SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
        ),
        Call("expensive", "GET", *_sparql("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?a ?e ?f }"), unique=True),
        Call(
            "expensive",
            "GET",
            *_sparql('SELECT ?s (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER(REGEX(STR(?o), "zorg", "i")) } GROUP BY ?s'),
            unique=True,
        ),
        Call("expensive", "GET", *_sparql("SELECT * WHERE { ?s ?p ?o }"), unique=True),  # about 5 MB of JSON
        Call("diagram", "GET", f"/diagrams/{PLAN_ID}/bijlage1.svg?wetten=true&doelen=true&budget=true"),
        Call("diagram", "GET", "/diagrams/alle/netwerk.svg"),
        Call("diagram", "GET", f"/diagrams/{PLAN_ID}/netwerk.json"),
        Call("bad", "GET", "/bestaat-niet", expect=404),
        Call("bad", "GET", "/id/plan/bestaat-niet", {"Accept": "text/html"}, expect=404),
        Call("bad", "GET", "/plannen/bestaat-niet", expect=404),
        Call("bad", "GET", "/queries/bestaat-niet", expect=404),
        Call("bad", "GET", "/queries/acties-per-jaar?jaar=abc", expect=400),
        Call("bad", "GET", "/diagrams/bestaat-niet/netwerk.svg", expect=404),
        Call("bad", "GET", *_sparql("SELEC ?x"), expect=400),
        Call("bad", "GET", "/sparql?" + urlencode({"update": "CLEAR ALL"}), expect=403),
        Call("bad", "POST", "/sparql", {"Content-Type": "text/plain"}, b"ASK {}", expect=415),
        Call("bad", "GET", "/sparql?query=%FF%FE", expect=400),
    ]
    for named in httpx.get(base + "/queries", timeout=30).json():
        arguments = _arguments(named.get("parameters", []))
        if arguments is not None:
            query = f"?{urlencode(arguments)}" if arguments else ""
            calls.append(Call("named", "GET", f"/queries/{named['name']}{query}", {"Accept": NAMED_ACCEPT}))
    return calls


# --- the clients -------------------------------------------------------------------------------------


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    statuses: Counter[int] = field(default_factory=Counter)
    dropped: Counter[str] = field(default_factory=Counter)
    unexpected: Counter[tuple[str, int]] = field(default_factory=Counter)


async def _client(
    client: httpx.AsyncClient, calls: list[Call], deadline: float, seed: int, tallies: dict[str, Tally]
) -> None:
    order = random.Random(seed)
    sequence = 0
    while time.monotonic() < deadline:
        call = order.choice(calls)
        sequence += 1
        path = call.path
        if call.unique:
            path += f"%0A%23{seed}-{sequence}"  # a newline and a comment at the end of the query text
        tally = tallies.setdefault(call.kind, Tally())
        started = time.perf_counter()
        try:
            response = await client.request(call.method, path, headers=call.headers, content=call.body)
        except httpx.HTTPError as error:
            tally.dropped[type(error).__name__] += 1
            continue
        tally.latencies.append(time.perf_counter() - started)
        tally.statuses[response.status_code] += 1
        if response.status_code != call.expect:
            tally.unexpected[(call.path[:70], response.status_code)] += 1


async def load(base: str, calls: list[Call], clients: int, seconds: float) -> dict[str, Tally]:
    tallies: dict[str, Tally] = {}
    deadline = time.monotonic() + seconds

    # Each client from its own loopback address, as 32 people would be: the per-client share
    # (BELEIDSGRAAF_QUERIES_PER_CLIENT) holds for one address, not for the whole benchmark.
    async def one(seed: int) -> None:
        transport = httpx.AsyncHTTPTransport(local_address=f"127.0.{1 + seed // 250}.{1 + seed % 250}")
        async with httpx.AsyncClient(base_url=base, timeout=60, transport=transport) as client:
            await _client(client, calls, deadline, seed, tallies)

    await asyncio.gather(*(one(seed) for seed in range(clients)))
    return tallies


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))] * 1000 if ordered else float("nan")


def report(tallies: dict[str, Tally], seconds: float) -> tuple[int, int]:
    print(
        f"\n{'kind':10} {'requests':>9} {'2xx':>7} {'3xx':>5} {'4xx':>6} {'5xx':>5} {'dropped':>8} "
        f"{'p50 ms':>8} {'p99 ms':>9} {'max ms':>9}"
    )
    everything = Tally()
    for kind in ("html", "named", "rest", "sparql", "expensive", "diagram", "bad"):
        tally = tallies.get(kind, Tally())
        everything.latencies += tally.latencies
        everything.statuses += tally.statuses
        everything.dropped += tally.dropped
        everything.unexpected += tally.unexpected
        _row(kind, tally)
    _row("total", everything)
    requests = sum(everything.statuses.values()) + sum(everything.dropped.values())
    print(f"\nthroughput: {requests / seconds:.0f} requests/s over {seconds:g} s")
    server_errors = sum(n for status, n in everything.statuses.items() if status >= 500)
    dropped = sum(everything.dropped.values())
    for (path, status), n in everything.unexpected.most_common(12):
        print(f"  unexpected status {status} x{n}: {path}")
    if everything.dropped:
        print(f"  dropped connections by error: {dict(everything.dropped)}")
    return server_errors, dropped


def _row(kind: str, tally: Tally) -> None:
    by_class = Counter(status // 100 for status in tally.statuses.elements())
    requests = len(tally.latencies) + sum(tally.dropped.values())
    print(
        f"{kind:10} {requests:9d} {by_class[2]:7d} {by_class[3]:5d} {by_class[4]:6d} {by_class[5]:5d} "
        f"{sum(tally.dropped.values()):8d} {_percentile(tally.latencies, 0.5):8.1f} "
        f"{_percentile(tally.latencies, 0.99):9.1f} {max(tally.latencies, default=float('nan')) * 1000:9.1f}"
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--web-workers", type=int, default=None, help="default: BELEIDSGRAAF_WEB_WORKERS (2)")
    args = parser.parse_args()
    with serve(args.web_workers) as service:
        calls = mix(service.base)
        before = tree_memory(service.process.pid)
        workers_before = set(tree_pids(service.process.pid))
        tallies = asyncio.run(load(service.base, calls, args.clients, args.seconds))
        after = tree_memory(service.process.pid)
        time.sleep(5)
        idle = tree_memory(service.process.pid)
        alive = service.alive
        replaced = len(workers_before - set(tree_pids(service.process.pid)))
        print(
            f"\nMixed load: {args.clients} clients x {args.seconds:g} s over {len(calls)} distinct requests "
            f"({cpu_note()}); figures are noisy when other work shares the machine"
        )
        server_errors, dropped = report(tallies, args.seconds)
    print(f"\nmemory before load      {before}")
    print(f"memory after load       {after}")
    print(f"memory after 5 s idle   {idle}")
    print(f"processes of the tree replaced during the run (query workers killed at the time limit or died): {replaced}")
    print(f"\n5xx responses:        {server_errors:6d}   (good: 0)")
    print(f"dropped connections:  {dropped:6d}   (good: 0)")
    print(f"service still running: {'yes' if alive else 'NO, IT DIED'}")
    return 0 if alive else 1


def cpu_note() -> str:
    return f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}"


if __name__ == "__main__":
    raise SystemExit(main())
