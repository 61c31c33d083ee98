"""How long a diagram takes to draw, per plan and kind: SVG (queries, layout, template) and PNG (plus CairoSVG).

Run: uv run python benchmarks/diagrams.py [--runs 7]
Target: an SVG in under 100 ms (the median of the runs, after one warm-up run that loads fonts, networkx
and the templates); the table prints the ratio to that target. PNG is shown for comparison: it adds the
rasterising at about 190 dpi and has no target of its own.
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
from api.kg.diagrams import ALLE, render_diagram  # noqa: E402
from api.kg.diagrams.plans import plans  # noqa: E402
from api.kg.store import GraphStore  # noqa: E402
from api.settings import Settings  # noqa: E402

TARGET_MS = 100.0
LAYERS = {"wetten": True, "doelen": True, "budget": True}


def median_ms(work: Callable[[], bytes], runs: int) -> float:
    work()  # warm-up: first use loads fonts, templates and caches
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def cases(store: GraphStore) -> list[tuple[str, str, dict[str, bool]]]:
    ids = sorted(plans(store))
    return [(plan, "bijlage1", LAYERS) for plan in ids] + [(plan, "netwerk", {}) for plan in [*ids, ALLE]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    store = graph.open_store(Settings())
    header = f"{'plan':36} {'soort':9} {'SVG ms':>8} {'/100 ms':>8} {'PNG ms':>8}  oordeel"
    print(header)
    print("-" * len(header))
    worst = 0.0
    for plan, kind, layers in cases(store):

        def svg(plan: str = plan, kind: str = kind, layers: dict[str, bool] = layers) -> bytes:
            return render_diagram(store, plan, kind, "svg", **layers)

        def png(plan: str = plan, kind: str = kind, layers: dict[str, bool] = layers) -> bytes:
            return render_diagram(store, plan, kind, "png", **layers)

        svg_ms, png_ms = median_ms(svg, args.runs), median_ms(png, max(args.runs // 2, 1))
        ratio = svg_ms / TARGET_MS
        worst = max(worst, ratio)
        verdict = "ok" if ratio < 1 else "TE TRAAG"
        print(f"{plan:36} {kind:9} {svg_ms:8.1f} {ratio:8.2f} {png_ms:8.1f}  {verdict}")
    print(f"\nDoel: SVG < {TARGET_MS:.0f} ms (mediaan van {args.runs}); slechtste verhouding {worst:.2f}.")


if __name__ == "__main__":
    main()
