"""How long the coherence checks take on the full graph: the fast engine against pySHACL, the reference.

Run: uv run python benchmarks/checks.py [--runs 5] [--pyshacl-runs 3]
Target: the fast engine validates the whole graph in under 1 s (the median of the runs, after a warm-up).
pySHACL (pySHACL #237: 42 s for 126k triples) runs the same shapes on the same triples, the union of all
named graphs with the ontology, without inference; the table prints both, the triples, the findings
(which must be equal) and the ratio. Shapes are read once; the time is validation only.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from api.kg import graph  # noqa: E402
from api.kg.checks import RawResult, load_project_shapes, validate  # noqa: E402
from api.kg.checks.reference import union_graph, validate_with_pyshacl  # noqa: E402
from api.settings import Settings  # noqa: E402

TARGET_S = 1.0


def timed(work: Callable[[], list[RawResult]], runs: int, warm_up: bool) -> tuple[float, list[RawResult]]:
    results = work() if warm_up else []
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        results = work()
        times.append(time.perf_counter() - started)
    return statistics.median(times), results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pyshacl-runs", type=int, default=1, help="0 skips the (minutes-long) reference")
    args = parser.parse_args()
    settings = Settings()
    store = graph.open_store(settings)
    shapes = load_project_shapes(settings)
    data = union_graph(store)

    fast, ours = timed(lambda: validate(store, shapes), args.runs, warm_up=True)
    print(f"{'engine':<22}{'median s':>10}{'runs':>6}{'triples':>9}{'findings':>10}")
    print(f"{'fast (SPARQL, store)':<22}{fast:>10.3f}{args.runs:>6}{len(data):>9}{len(ours):>10}")
    same = True
    if args.pyshacl_runs > 0:
        slow, theirs = timed(lambda: validate_with_pyshacl(data, shapes.graph), args.pyshacl_runs, warm_up=False)
        same = {r.key for r in ours} == {r.key for r in theirs}
        print(f"{'pySHACL (rdflib)':<22}{slow:>10.3f}{args.pyshacl_runs:>6}{len(data):>9}{len(theirs):>10}")
        print(f"ratio pySHACL / fast: {slow / fast:,.0f}x; same findings: {'ja' if same else 'NEE'}")
    print(
        f"target fast < {TARGET_S:.1f} s: {'gehaald' if fast < TARGET_S else 'NIET gehaald'}"
        f" ({fast / TARGET_S:.2f} of target)"
    )
    return 0 if same and fast < TARGET_S else 1


if __name__ == "__main__":
    raise SystemExit(main())
