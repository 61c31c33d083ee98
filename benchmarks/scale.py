"""The national-scale table of issue #16: the five plans copied K times (benchmarks/scaled_data.py), measured
as a user meets them: load, cold start, check, every named query, every page type, load under 8
connections, uncached /sparql against `oxigraph serve` on the same quads, and the memory of the service.

Run: uv run python benchmarks/scale.py [--sizes 1,24,85] [--seconds 10] [--keep] [--out DIR]
Targets (at 85x, issue #16 "Done when") are in the table's target column; the verdict is for the largest size
run. Every measurement has a time limit: a cell reads "> 60 s" or "fout: ..." instead of the script hanging.
Load is generated with asyncio + httpx (wrk is not required); client and servers share the machine's cores.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import itertools
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar
from urllib.parse import quote, urlencode

import httpx
import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from api.kg.queries import NamedQuery, catalog  # noqa: E402
from api.kg.sparql_text import inline_bindings  # noqa: E402
from benchmarks.scaled_data import build  # noqa: E402
from tests.live import free_port  # noqa: E402

SPARQL_QUERY = "beleidsterreinen-per-opgave"  # the query benchmarks/service.py compares, bound to its example
JSON_RESULTS = "application/sparql-results+json"
PREFIXES = "PREFIX bg: <https://beleidsgraaf.nl/def/>\nPREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
T = TypeVar("T")


class OverLimit(Exception):
    """A measurement that did not finish within its time limit."""


@dataclass(frozen=True)
class Limits:
    """Seconds each kind of measurement may take before its cell reads '> N s'."""

    build: float = 1800
    load: float = 1800
    check: float = 1800
    start: float = 600
    request: float = 60


@dataclass
class Cell:
    """One measured figure: its value in the row's unit (None when it failed) and how it is shown."""

    value: float | None
    text: str


@dataclass
class Row:
    name: str
    target: str = ""
    meets: Callable[[float], bool] | None = None
    cells: dict[int, Cell] = field(default_factory=dict)

    def verdict(self, size: int) -> str:
        cell = self.cells.get(size)
        if self.meets is None:
            return ""
        if cell is None or cell.value is None:
            return "?"
        return "ok" if self.meets(cell.value) else "NO"


class Table:
    """Rows in the order they were first measured, one column per size."""

    def __init__(self) -> None:
        self.rows: dict[str, Row] = {}

    def put(
        self, size: int, name: str, cell: Cell, target: str = "", meets: Callable[[float], bool] | None = None
    ) -> None:
        row = self.rows.setdefault(name, Row(name, target, meets))
        row.cells[size] = cell

    def render(self, sizes: Sequence[int]) -> str:
        largest = max(sizes)
        header = ["measurement", *(f"{k}x" for k in sizes), "target (85x)", f"verdict @{largest}x"]
        lines = [
            [r.name, *(r.cells[k].text if k in r.cells else "" for k in sizes), r.target, r.verdict(largest)]
            for r in self.rows.values()
        ]
        widths = [max(len(line[i]) for line in [header, *lines]) for i in range(len(header))]
        out = [" | ".join(text.ljust(w) for text, w in zip(header, widths, strict=True))]
        out.append("-|-".join("-" * w for w in widths))
        out += [" | ".join(text.ljust(w) for text, w in zip(line, widths, strict=True)) for line in lines]
        return "\n".join(out)


def seconds_text(value: float) -> str:
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.1f} s"


def timed(value: float) -> Cell:
    return Cell(value, seconds_text(value))


def failed(error: BaseException, limit: float) -> Cell:
    if isinstance(error, OverLimit | TimeoutError | httpx.TimeoutException | subprocess.TimeoutExpired):
        return Cell(limit, f"> {limit:g} s")  # the limit is a lower bound: a time target is missed
    return Cell(None, f"fout: {str(error).splitlines()[0][:60] if str(error) else type(error).__name__}")


def attempt(work: Callable[[], T], limit: float) -> T | Cell:
    """The result of `work`, or a failed cell that says why; never raises for a measurement's error."""
    try:
        return work()
    except Exception as error:  # a cell shows every failure, the table goes on
        return failed(error, limit)


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# Processes -------------------------------------------------------------------------------------------------


def environment(root: Path, work: Path, **settings: str) -> dict[str, str]:
    """This process's environment without any BELEIDSGRAAF_* of its own, pointed at the scaled root."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("BELEIDSGRAAF_")}
    env["BELEIDSGRAAF_ROOT"] = str(root)
    metrics = work / f"metrics-{time.monotonic_ns()}"  # several web workers share /metrics here; removed with work
    metrics.mkdir()
    env["PROMETHEUS_MULTIPROC_DIR"] = str(metrics)
    env.update({f"BELEIDSGRAAF_{k.upper()}": v for k, v in settings.items()})
    return env


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop a process started in its own session, and everything it started (its process group)."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        with suppress(subprocess.TimeoutExpired):
            process.wait(timeout=20)
    with suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)  # stragglers of the group, if any
    process.wait()


def cli(env: dict[str, str], limit: float, *args: str) -> tuple[float, int, str]:
    """Run `beleidsgraaf <args>`: wall seconds, exit code and output; stopped at `limit`."""
    command = [sys.executable, "-m", "api.cli", *args]
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        out, _ = process.communicate(timeout=limit)
    except subprocess.TimeoutExpired:
        raise OverLimit from None
    finally:
        stop(process)
    return time.perf_counter() - started, process.returncode, out.decode(errors="replace")


@contextmanager
def server(command: list[str], env: dict[str, str], log_file: Path) -> Iterator[subprocess.Popen[bytes]]:
    """A server process in its own session (so its workers are found and stopped with it), always stopped."""
    with open(log_file, "ab") as output:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        yield process
    finally:
        stop(process)


def wait_for_200(url: str, process: subprocess.Popen[bytes], started: float, limit: float) -> float:
    """Seconds from `started` until `url` answers 200 (not just any answer: /health is 503 while loading)."""
    while time.perf_counter() - started < limit:
        if process.poll() is not None:
            raise RuntimeError(f"proces stopte met code {process.returncode}")
        try:
            if httpx.get(url, timeout=5).status_code == 200:
                return time.perf_counter() - started
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise OverLimit


def serve_command(port: int) -> list[str]:
    return [sys.executable, "-m", "api.cli", "serve", "--host", "127.0.0.1", "--port", str(port)]


def oxigraph_command(port: int) -> list[str]:
    binary = Path(sys.executable).parent / "oxigraph"
    return [str(binary), "serve", "--bind", f"127.0.0.1:{port}", "--union-default-graph"]


@dataclass(frozen=True)
class Memory:
    processes: int
    bytes: int
    kind: str  # "PSS" where every smaps_rollup was readable, else "RSS"


def session_memory(session: int) -> Memory:
    """The memory of every process in a session (the server and all it started, even if reparented):
    PSS from smaps_rollup, so pages the workers share are counted once; RSS where that cannot be read."""
    pss_total = rss_total = count = 0
    all_pss = True
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            if int(stat.rsplit(")", 1)[1].split()[3]) != session:
                continue
            status = (entry / "status").read_text()
        except (OSError, IndexError, ValueError):
            continue
        rss = next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0)
        try:
            rollup = (entry / "smaps_rollup").read_text()
            pss = next(int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:"))
        except (OSError, StopIteration):
            all_pss, pss = False, rss
        count += 1
        pss_total += pss
        rss_total += rss
    kind = "PSS" if all_pss else "RSS"
    return Memory(count, (pss_total if all_pss else rss_total) * 1024, kind)


# HTTP ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Probe:
    """One request's outcome: seconds (None on a transport error or time-out), HTTP status, bytes."""

    seconds: float | None
    status: int
    size: int
    error: str = ""


async def _get(client: httpx.AsyncClient, url: str, headers: dict[str, str], limit: float) -> Probe:
    started = time.perf_counter()
    try:
        response = await asyncio.wait_for(client.get(url, headers=headers), limit)
    except (TimeoutError, httpx.TimeoutException):
        return Probe(None, 0, 0, f"> {limit:g} s")
    except httpx.HTTPError as error:
        return Probe(None, 0, 0, f"fout: {type(error).__name__}")
    return Probe(time.perf_counter() - started, response.status_code, len(response.content))


def one_each(base: str, targets: Sequence[tuple[str, str, dict[str, str]]], limit: float) -> dict[str, Probe]:
    """Every target once, one after the other (name -> probe); targets are (name, path, headers)."""

    async def run() -> dict[str, Probe]:
        async with httpx.AsyncClient(base_url=base, timeout=limit) as client:
            return {name: await _get(client, path, headers, limit) for name, path, headers in targets}

    return asyncio.run(run())


@dataclass(frozen=True)
class Load:
    """Latencies of a closed-loop load test: every connection sends its next request when its answer is in."""

    latencies: dict[str, list[float]]
    failures: Counter[str]
    seconds: float

    def everything(self) -> list[float]:
        return sorted(itertools.chain.from_iterable(self.latencies.values()))

    @property
    def throughput(self) -> float:
        return len(self.everything()) / self.seconds

    def quantile(self, q: float, values: list[float] | None = None) -> float:
        ordered = sorted(values) if values is not None else self.everything()
        if not ordered:
            raise RuntimeError("geen enkel geslaagd antwoord")
        return ordered[min(len(ordered) - 1, int(len(ordered) * q))]


def load_test(
    base: str,
    next_target: Callable[[], tuple[str, str, dict[str, str]]],
    seconds: float,
    connections: int,
    limit: float,
) -> Load:
    """`connections` clients for `seconds`, each asking next_target() in turn; non-2xx answers count as failures.
    Each client has its own loopback address, as separate users would: the service limits queries per address."""

    async def run() -> Load:
        latencies: dict[str, list[float]] = {}
        failures: Counter[str] = Counter()
        deadline = time.perf_counter() + seconds

        async def client_loop(number: int) -> None:
            async with client_from(base, number, limit) as client:
                await ask_until(client)

        async def ask_until(client: httpx.AsyncClient) -> None:
            while time.perf_counter() < deadline:
                name, path, headers = next_target()
                probe = await _get(client, path, headers, limit)
                if probe.seconds is None or not 200 <= probe.status < 300:
                    failures[probe.error or f"HTTP {probe.status}"] += 1
                else:
                    latencies.setdefault(name, []).append(probe.seconds)

        started = time.perf_counter()
        await asyncio.gather(*(client_loop(number) for number in range(connections)))
        return Load(latencies, failures, time.perf_counter() - started)

    return asyncio.run(run())


def client_from(base: str, number: int, limit: float) -> httpx.AsyncClient:
    """One keep-alive connection from 127.0.0.<number + 2> (all of 127.0.0.0/8 is loopback on Linux)."""
    transport = httpx.AsyncHTTPTransport(local_address=f"127.0.0.{number % 250 + 2}")
    return httpx.AsyncClient(base_url=base, timeout=limit, transport=transport)


def failure_text(failures: Counter[str]) -> str:
    return ", ".join(f"{count}x {what}" for what, count in failures.most_common(3)) or "0"


def round_robin(targets: Sequence[tuple[str, str, dict[str, str]]]) -> Callable[[], tuple[str, str, dict[str, str]]]:
    cycle = itertools.cycle(targets)
    return lambda: next(cycle)


# What is asked -----------------------------------------------------------------------------------------------


def named_targets() -> list[tuple[str, str, dict[str, str]]]:
    """Every named query with its header's example parameters, as the REST route /queries/<name> takes them."""
    targets: list[tuple[str, str, dict[str, str]]] = []
    for named in catalog(ROOT / "queries"):
        query = f"?{urlencode(named.example)}" if named.example else ""
        targets.append((named.name, f"/queries/{named.name}{query}", {}))
    return targets


def bound(named: NamedQuery) -> str:
    return inline_bindings(named.sparql, {name: str(term) for name, term in named.bind(named.example).items()})


def select(base: str, query: str, limit: float) -> list[dict[str, str]]:
    response = httpx.get(
        f"{base}/sparql", params={"query": PREFIXES + query}, headers={"Accept": JSON_RESULTS}, timeout=limit
    )
    response.raise_for_status()
    bindings = response.json()["results"]["bindings"]
    return [{k: v["value"] for k, v in row.items()} for row in bindings]


def first(base: str, query: str, limit: float) -> str:
    rows = select(base, query, limit)
    if not rows:
        raise RuntimeError(f"niets gevonden voor {query}")
    return next(iter(rows[0].values()))


def municipalities_with_plans(base: str, limit: float) -> list[str]:
    """CBS codes of the municipalities of copy 1's plans, as the compare page knows them (gemeenten.rq)."""
    response = httpx.get(f"{base}/queries/gemeenten", headers={"Accept": JSON_RESULTS}, timeout=limit)
    response.raise_for_status()
    codes = {
        row["code"]["value"].lower()
        for row in response.json()["results"]["bindings"]
        if "planId" in row and not re.search(r"-k[0-9]+$", row["planId"]["value"])
    }
    return sorted(codes)


def page_targets(base: str, limit: float) -> list[tuple[str, str, dict[str, str]]]:
    """One page of every type, on real IRIs of copy 1 (the plan most named queries use as their example)."""
    examples = Counter(q.example["plan"] for q in catalog(ROOT / "queries") if "plan" in q.example)
    plan = examples.most_common(1)[0][0]
    plan_iri = f"https://beleidsgraaf.nl/id/plan/{plan}"

    def under_plan(kind: str) -> str:
        query = f"SELECT ?x WHERE {{ ?x a bg:{kind} FILTER STRSTARTS(STR(?x), '{plan_iri}/') }} ORDER BY ?x LIMIT 1"
        return first(base, query, limit)

    opgave = under_plan("MaatschappelijkeOpgave")
    doel = under_plan("Doelstelling")
    partners = "SELECT ?p WHERE { ?p a bg:Partner . ?x ?r ?p FILTER STRSTARTS(STR(?p), 'https://beleidsgraaf.nl/id/') }"
    partner = first(base, partners + " GROUP BY ?p ORDER BY DESC(COUNT(?x)) ?p LIMIT 1", limit)  # the most linked
    laws = "SELECT DISTINCT ?w WHERE { ?x ?r ?w FILTER STRSTARTS(STR(?w), 'https://wetten.overheid.nl/BWB') }"
    wet = first(base, laws + " ORDER BY ?w LIMIT 1", limit)
    gemeenten = municipalities_with_plans(base, limit)[:2]
    html = {"Accept": "text/html"}
    local = "https://beleidsgraaf.nl"
    if not all(iri.startswith(local + "/") for iri in (opgave, doel, partner)):
        raise RuntimeError(f"geen IRI onder {local}: {opgave} {doel} {partner}")
    compare = urlencode([("gemeente", code) for code in gemeenten])
    return [
        ("home", "/", html),
        ("zoeken ?q=mantelzorg", "/zoeken?q=mantelzorg", html),
        ("plan page", plan_iri.removeprefix(local), html),
        ("opgave", opgave.removeprefix(local), html),
        ("doelstelling", doel.removeprefix(local), html),
        ("partner", partner.removeprefix(local), html),
        ("partners.html", "/partners.html", html),
        ("wet", "/wetten/" + quote(wet.removeprefix("https://wetten.overheid.nl/").split("/")[0]), html),
        ("wetten", "/wetten", html),
        ("samenhang", "/samenhang", html),
        ("partner network alle (svg)", "/diagrams/alle/netwerk.svg", {}),
        ("matrix", f"/matrix?plan={plan}", html),
        ("monitor", "/monitor", html),
        ("monitor of the plan", f"/monitor/{plan}", html),
        ("vergelijk 2 gemeenten", f"/vergelijk?{compare}", html),
        ("bijlage 1 (svg)", f"/diagrams/{plan}/bijlage1.svg", {}),
        ("bijlage 1 (png)", f"/diagrams/{plan}/bijlage1.png", {}),
        ("network of the plan (svg)", f"/diagrams/{plan}/netwerk.svg", {}),
    ]


# One size ----------------------------------------------------------------------------------------------------


@dataclass
class Options:
    sizes: list[int]
    seconds: float
    connections: int
    keep: bool
    out: Path
    limits: Limits = field(default_factory=Limits)


def probe_cell(probe: Probe) -> Cell:
    if probe.seconds is None:
        over = probe.error.startswith(">")
        return Cell(float(probe.error.split()[1]) if over else None, probe.error)
    if not 200 <= probe.status < 300:
        return Cell(None, f"fout: HTTP {probe.status} na {seconds_text(probe.seconds)}")
    return timed(probe.seconds)


def under(limit: float) -> Callable[[float], bool]:
    return lambda value: value < limit


def measure_size(size: int, options: Options, table: Table, per_query: dict[str, dict[int, Probe]]) -> None:
    """Every row of the table for one size K; the built root is removed afterwards unless --keep."""
    limits = options.limits
    work = Path(tempfile.mkdtemp(prefix=f"bg-scale-k{size}-"))
    root, store = work / "root", work / "store"
    try:
        log(f"{size}x: building the root in {root}")
        started = time.perf_counter()
        built = attempt(lambda: build(size, root), limits.build)
        if isinstance(built, Cell):
            table.put(size, "build scaled root", built)
            return
        table.put(size, "build scaled root", timed(time.perf_counter() - started))
        measure_load(size, root, store, work, options, table)
        log(f"{size}x: beleidsgraaf check")
        checked = attempt(lambda: cli(environment(root, work), limits.check, "check"), limits.check)
        if isinstance(checked, Cell):
            table.put(size, "beleidsgraaf check", checked, "< 30 s", under(30))
        else:
            seconds, code, out = checked
            cell = timed(seconds) if code in (0, 1) else Cell(None, f"fout: code {code}: {out.strip()[-50:]}")
            table.put(size, "beleidsgraaf check", cell, "< 30 s", under(30))
        log(f"{size}x: cold start, on-disk store")
        on_disk = environment(root, work, store_path=str(store))
        table.put(size, "cold start to /health 200, on disk", cold_start(on_disk, work, limits), "< 10 s", under(10))
        log(f"{size}x: cold start, in memory")
        measure_service(size, root, store, work, options, table, per_query)
    finally:
        if options.keep:
            log(f"{size}x: kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def measure_load(size: int, root: Path, store: Path, work: Path, options: Options, table: Table) -> None:
    log(f"{size}x: beleidsgraaf load into {store}")
    limit = options.limits.load
    loaded = attempt(lambda: cli(environment(root, work, store_path=str(store)), limit, "load"), limit)
    if isinstance(loaded, Cell):
        table.put(size, "beleidsgraaf load, on disk", loaded)
        return
    seconds, code, out = loaded
    if code != 0:
        table.put(size, "beleidsgraaf load, on disk", Cell(None, f"fout: code {code}: {out.strip()[-50:]}"))
        return
    table.put(size, "beleidsgraaf load, on disk", timed(seconds))
    quads = next((int(w) for line in out.splitlines() for w, n in itertools.pairwise(line.split()) if n == "quads"), 0)
    table.put(size, "quads in the store", Cell(quads, f"{quads:,}"))


def cold_start(env: dict[str, str], work: Path, limits: Limits) -> Cell:
    port = free_port()
    started = time.perf_counter()
    with server(serve_command(port), env, work / "serve.log") as process:
        result = attempt(
            lambda: wait_for_200(f"http://127.0.0.1:{port}/health", process, started, limits.start), limits.start
        )
    return result if isinstance(result, Cell) else timed(result)


def measure_service(
    size: int,
    root: Path,
    store: Path,
    work: Path,
    options: Options,
    table: Table,
    per_query: dict[str, dict[int, Probe]],
) -> None:
    """The in-memory service with default settings: start, one request of everything, load, memory, /sparql."""
    limits = options.limits
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    with server(serve_command(port), environment(root, work), work / "serve.log") as process:
        up = attempt(lambda: wait_for_200(f"{base}/health", process, started, limits.start), limits.start)
        name = "cold start to /health 200, in memory"
        table.put(size, name, up if isinstance(up, Cell) else timed(up), "< 10 s", under(10))
        if isinstance(up, Cell):
            return
        log(f"{size}x: every named query, one request each")
        named = named_targets()
        probes = one_each(base, named, limits.request)
        for query, probe in probes.items():
            per_query.setdefault(query, {})[size] = probe
        named_rows(size, probes, table)
        log(f"{size}x: every page type, one request each")
        pages = attempt(lambda: page_targets(base, limits.request), limits.request)
        if isinstance(pages, Cell):
            table.put(size, "pages", pages)
            pages = []
        for page, probe in one_each(base, pages, limits.request).items():
            search = page.startswith("zoeken")
            table.put(
                size,
                f"page: {page}",
                probe_cell(probe),
                "< 200 ms" if search else "< 300 ms",
                under(0.2 if search else 0.3),
            )
        log(f"{size}x: load tests, {options.connections} connections x {options.seconds:g} s")
        load_rows(size, "named queries", base, named, options, table)
        if pages:
            load_rows(size, "pages", base, pages, options, table)
        memory = session_memory(process.pid)
        table.put(
            size,
            f"service memory after load ({memory.kind}, {memory.processes} processes)",
            Cell(memory.bytes / 1e9, f"{memory.bytes / 1e9:.2f} GB"),
            "< 3 GB",
            under(3),
        )
        log(f"{size}x: /sparql uncached against oxigraph serve")
        sparql_rows(size, base, store, work, options, table)


def named_rows(size: int, probes: dict[str, Probe], table: Table) -> None:
    answered = {n: p.seconds for n, p in probes.items() if p.seconds is not None and 200 <= p.status < 300}
    failures = {n: probe_cell(p).text for n, p in probes.items() if n not in answered}
    if answered:
        slowest = sorted(answered.items(), key=lambda item: item[1], reverse=True)
        table.put(size, "named queries, slowest one request", timed(slowest[0][1]), "< 300 ms", under(0.3))
        for rank, (query, seconds) in enumerate(slowest[:3], 1):
            table.put(size, f"named queries, slowest #{rank}", Cell(seconds, f"{query} {seconds_text(seconds)}"))
    text = ", ".join(f"{n} {t}" for n, t in failures.items()) or "none"
    table.put(size, "named queries failed or over limit", Cell(len(failures), text[:70]), "0", lambda n: n == 0)


def load_rows(
    size: int, what: str, base: str, targets: list[tuple[str, str, dict[str, str]]], options: Options, table: Table
) -> None:
    limit = options.limits.request
    result = attempt(
        lambda: load_test(base, round_robin(targets), options.seconds, options.connections, limit),
        options.seconds + limit,
    )
    name = f"{what}: p99 at {options.connections} connections, all"
    if isinstance(result, Cell):
        table.put(size, name, result, "< 1 s", under(1))
        return
    p99 = attempt(lambda: result.quantile(0.99), limit)
    table.put(size, name, p99 if isinstance(p99, Cell) else timed(p99), "< 1 s", under(1))
    worst = max(result.latencies.items(), key=lambda item: result.quantile(0.99, item[1]), default=None)
    if worst is not None:
        value = result.quantile(0.99, worst[1])
        table.put(
            size, f"{what}: worst p99 of one", Cell(value, f"{worst[0]} {seconds_text(value)}"), "< 1 s", under(1)
        )
    table.put(
        size,
        f"{what}: req/s, failed",
        Cell(result.throughput, f"{result.throughput:.1f}/s, {failure_text(result.failures)}"),
    )


def dump_store(store: Path, target: Path) -> None:
    """The quads `beleidsgraaf load` wrote, as N-Quads, for `oxigraph serve` to hold the same data."""
    on_disk = ox.Store.read_only(str(store / "current-version"))
    on_disk.dump(output=str(target), format=ox.RdfFormat.N_QUADS)
    del on_disk


def sparql_rows(size: int, base: str, store: Path, work: Path, options: Options, table: Table) -> None:
    """Uncached /sparql: the query text differs per request (a comment), the two servers take turns, 3 runs."""
    limits = options.limits
    query = bound(catalog(ROOT / "queries").get(SPARQL_QUERY))
    dump = work / "all.nq"
    port = free_port()
    oxigraph = f"http://127.0.0.1:{port}"
    try:
        dump_store(store, dump)
        with server(oxigraph_command(port), dict(os.environ), work / "oxigraph.log") as process:
            wait_for_200(f"{oxigraph}/query?query=ASK%7B%7D", process, time.perf_counter(), limits.start)
            with open(dump, "rb") as body:
                httpx.post(
                    f"{oxigraph}/store",
                    content=body,
                    headers={"Content-Type": "application/n-quads"},
                    timeout=limits.start,
                ).raise_for_status()
            counter = itertools.count()

            def unique(path: str) -> Callable[[], tuple[str, str, dict[str, str]]]:
                def target() -> tuple[str, str, dict[str, str]]:
                    text = f"{query}\n# {next(counter)}"
                    return ("sparql", f"{path}?{urlencode({'query': text})}", {"Accept": JSON_RESULTS})

                return target

            runs: dict[str, list[Load]] = {"ours": [], "oxigraph": []}
            for _ in range(3):
                for who, path, at in (("ours", "/sparql", base), ("oxigraph", "/query", oxigraph)):
                    runs[who].append(load_test(at, unique(path), options.seconds, options.connections, limits.request))
            oxigraph_memory = session_memory(process.pid)
    except Exception as error:  # the cell says what went wrong; the rest of the table stands
        table.put(
            size,
            "/sparql uncached, ours / oxigraph (req/s)",
            failed(error, limits.start),
            ">= 0.7x",
            lambda r: r >= 0.7,
        )
        return
    finally:
        dump.unlink(missing_ok=True)
    median = {who: statistics.median(r.throughput for r in loads) for who, loads in runs.items()}
    p50 = {who: statistics.median(r.quantile(0.5) for r in loads) for who, loads in runs.items()}
    failures = {who: failure_text(sum((r.failures for r in loads), Counter())) for who, loads in runs.items()}
    for who in ("ours", "oxigraph"):
        text = f"{p50[who] * 1000:.1f} ms, {median[who]:.0f}/s" + f", failed {failures[who]}"
        table.put(size, f"/sparql uncached p50, req/s: {who}", Cell(p50[who], text))
    ratio = median["ours"] / median["oxigraph"] if median["oxigraph"] else 0.0
    table.put(
        size, "/sparql uncached, ours / oxigraph (req/s)", Cell(ratio, f"{ratio:.2f}x"), ">= 0.7x", lambda r: r >= 0.7
    )
    table.put(
        size,
        f"oxigraph serve memory ({oxigraph_memory.kind})",
        Cell(oxigraph_memory.bytes / 1e9, f"{oxigraph_memory.bytes / 1e9:.2f} GB"),
    )


# The run ---------------------------------------------------------------------------------------------------


def write_queries_csv(path: Path, sizes: Sequence[int], per_query: dict[str, dict[int, Probe]]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        columns = itertools.chain.from_iterable((f"ms {k}x", f"status {k}x", f"bytes {k}x") for k in sizes)
        paths = {name: path for name, path, _ in named_targets()}
        writer.writerow(["query", "path", *columns])
        for query, probes in sorted(per_query.items()):
            cells: list[str] = [query, paths.get(query, "")]
            for k in sizes:
                probe = probes.get(k)
                if probe is None:
                    cells += ["", "", ""]
                else:
                    ms = f"{probe.seconds * 1000:.1f}" if probe.seconds is not None else probe.error
                    cells += [ms, str(probe.status), str(probe.size)]
            writer.writerow(cells)


def parse_options(argv: Sequence[str] | None = None) -> Options:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", default="1,24,85", help="copies K of the five plans, comma-separated (280 allowed)")
    parser.add_argument("--seconds", type=float, default=10, help="length of each load test")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--keep", action="store_true", help="keep the built roots and stores")
    parser.add_argument("--out", type=Path, default=None, help="folder for the CSV and the table (default: new temp)")
    args = parser.parse_args(argv)
    sizes = [int(k) for k in args.sizes.split(",") if k.strip()]
    if not sizes or any(k < 1 or k > 280 for k in sizes):
        parser.error("--sizes: whole numbers from 1 to 280")
    out = args.out or Path(tempfile.mkdtemp(prefix="beleidsgraaf-scale-"))
    out.mkdir(parents=True, exist_ok=True)
    return Options(sizes, args.seconds, args.connections, args.keep, out)


def main(argv: Sequence[str] | None = None) -> int:
    options = parse_options(argv)
    table = Table()
    per_query: dict[str, dict[int, Probe]] = {}
    started = time.perf_counter()
    for size in options.sizes:
        measure_size(size, options, table, per_query)
        write_queries_csv(options.out / "named-queries.csv", options.sizes, per_query)
    rendered = table.render(options.sizes)
    (options.out / "table.txt").write_text(rendered + "\n", encoding="utf-8")
    print(
        f"\nThe five plans copied K times; load with asyncio + httpx, {options.connections} connections x "
        f"{options.seconds:g} s; memory is the service's whole process session.\n"
    )
    print(rendered)
    print(f"\nper named query: {options.out / 'named-queries.csv'}   table: {options.out / 'table.txt'}")
    print(f"whole run: {seconds_text(time.perf_counter() - started)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
