"""Throughput and latency of one named query: on the store directly, over our HTTP service, over
`oxigraph serve` (in memory) and over rdflib-endpoint, all on 127.0.0.1 with the same data.

Run: uv run python benchmarks/service.py [--seconds 10] [--connections 8] [--workers 1]
Needs `wrk` (Debian package wrk). Target: our service at least 0.7x the throughput of oxigraph serve,
and the HTTP layer adding under 2 ms at p50 over the same query on the store.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from api.kg import graph  # noqa: E402
from api.kg.queries import catalog  # noqa: E402
from api.kg.sparql_text import inline_bindings  # noqa: E402
from api.settings import Settings  # noqa: E402
from tests.live import free_port, oxigraph_server, running_service, wait_until_up  # noqa: E402

QUERY = "beleidsterreinen-per-opgave"
ARGUMENTS = {"plan": "heemskerk-sociaal-domein-2024"}
MEDIA = "application/sparql-results+json"


def bound_query() -> str:
    named = catalog(ROOT / "queries").get(QUERY)
    bindings = {name: str(term) for name, term in named.bind(ARGUMENTS).items()}
    return inline_bindings(named.sparql, bindings)


def direct(seconds: float) -> dict[str, float]:
    """The same query on the embedded store in this process: the floor any HTTP layer adds to."""
    store = graph.open_store(Settings())
    query = bound_query()
    latencies = []
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        started = time.perf_counter()
        store.serialize(query, MEDIA)
        latencies.append(time.perf_counter() - started)
    latencies.sort()
    return {
        "rps": len(latencies) / sum(latencies),
        "p50": latencies[len(latencies) // 2] * 1000,
        "p99": latencies[int(len(latencies) * 0.99)] * 1000,
    }


def _ms(value: str) -> float:
    match = re.match(r"([\d.]+)(us|ms|s)$", value)
    if match is None:
        raise ValueError(f"cannot read wrk latency '{value}'")
    number, unit = match.groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def wrk(url: str, seconds: float, connections: int) -> dict[str, float]:
    command = [
        "wrk",
        f"-t{min(2, connections)}",
        f"-c{connections}",
        f"-d{seconds:g}s",
        "--latency",
        "-H",
        f"Accept: {MEDIA}",
        url,
    ]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if non_2xx:
        raise RuntimeError(f"{url}: {non_2xx.group(1)} failed responses\n{out}")
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),  # type: ignore[union-attr]
        "p50": _ms(re.search(r"^\s+50%\s+(\S+)$", out, re.M).group(1)),  # type: ignore[union-attr]
        "p99": _ms(re.search(r"^\s+99%\s+(\S+)$", out, re.M).group(1)),  # type: ignore[union-attr]
    }


RDFLIB_ENDPOINT = """
import sys, rdflib, uvicorn
from rdflib_endpoint import SparqlEndpoint
data = rdflib.Dataset(default_union=True)
data.parse(sys.argv[1], format="nquads")
uvicorn.run(SparqlEndpoint(graph=data), host="127.0.0.1", port=int(sys.argv[2]), log_level="warning")
"""


def rdflib_endpoint(seconds: float, connections: int, dump: Path) -> dict[str, float]:
    port = free_port()
    process = subprocess.Popen([sys.executable, "-c", RDFLIB_ENDPOINT, str(dump), str(port)])
    try:
        wait_until_up(f"http://127.0.0.1:{port}/", process, seconds=120)
        return wrk(f"http://127.0.0.1:{port}/?" + urlencode({"query": bound_query()}), seconds, connections)
    finally:
        process.terminate()
        process.wait()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes of our service")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is needed: apt-get install wrk")
    store = graph.open_store(Settings())
    triples = len(store.result("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }").rows)
    rows: dict[str, dict[str, float]] = {"store directly (in process)": direct(args.seconds)}
    ours = f"beleidsgraaf /queries over HTTP ({args.workers} web workers)"
    with running_service(workers=args.workers) as base:
        url = f"{base}/queries/{QUERY}?" + urlencode(ARGUMENTS)
        rows[ours] = wrk(url, args.seconds, args.connections)
        rows["beleidsgraaf /queries, one connection (latency)"] = wrk(url, args.seconds, 1)
        sparql = f"{base}/sparql?" + urlencode({"query": bound_query()})
        rows["beleidsgraaf /sparql over HTTP"] = wrk(sparql, args.seconds, args.connections)
    with running_service(workers=args.workers, response_cache_bytes="0") as base:
        url = f"{base}/queries/{QUERY}?" + urlencode(ARGUMENTS)
        rows["beleidsgraaf /queries, answer cache off (every request runs)"] = wrk(url, args.seconds, args.connections)
    with oxigraph_server() as base:
        graph.load(Settings(sparql_query_url=f"{base}/query", sparql_update_url=f"{base}/update"))
        rows["oxigraph serve (in memory)"] = wrk(
            f"{base}/query?" + urlencode({"query": bound_query()}), args.seconds, args.connections
        )
    with tempfile.TemporaryDirectory() as folder:
        dump = Path(folder) / "all.nq"
        dump.write_bytes(store.dump("application/n-quads"))
        rows["rdflib-endpoint"] = rdflib_endpoint(args.seconds, args.connections, dump)
    reference = rows["oxigraph serve (in memory)"]["rps"]
    floor = rows["store directly (in process)"]["p50"]
    print(
        f"\nNamed query '{QUERY}' {ARGUMENTS} on {triples:,} triples; wrk -c{args.connections} {args.seconds:g}s each\n"
    )
    print(f"{'server':58} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'x oxigraph':>11} {'+p50 ms':>8}")
    for name, row in rows.items():
        print(
            f"{name:58} {row['rps']:9.0f} {row['p50']:8.2f} {row['p99']:8.2f} "
            f"{row['rps'] / reference:11.2f} {row['p50'] - floor:8.2f}"
        )
    latency = rows["beleidsgraaf /queries, one connection (latency)"]["p50"] - floor
    print(
        f"\ntarget: >= 0.70x oxigraph serve -> {rows[ours]['rps'] / reference:.2f}x; "
        f"HTTP layer adds < 2 ms at p50 (one connection, no queueing) -> {latency:.2f} ms"
    )


if __name__ == "__main__":
    main()
