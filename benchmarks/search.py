"""Search at national scale (issue #16): zoek.rq's CONTAINS scan against the full-text index + zoektreffers.rq.

For each size the five plans are copied K times (benchmarks/scaled_data.py) and opened as the service opens them;
then the index is built once, and each term is searched the old way (zoek.rq) and the new way (index search, then
zoektreffers.rq for the hits, as /zoeken does; here in this process rather than in a query worker). Each figure is
the median of --repeat runs; zoek.rq is run only up to --old-up-to (53 s a search at 85x).

Run: uv run python benchmarks/search.py [--sizes 1,24] [--repeat 5] [--old-up-to 24] [--keep]
Target (issue #16): a search under 200 ms at 85x.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from api.kg import graph  # noqa: E402
from api.kg.queries import catalog, run_named  # noqa: E402
from api.kg.search_index import SearchIndex, describe  # noqa: E402
from api.settings import Settings  # noqa: E402
from benchmarks.scaled_data import build  # noqa: E402

TERMS = ("mantelzorg", "zorg", "mantelzorger", "jeugd")
TARGET = 0.2  # seconds for one search at 85x


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def seconds_text(value: float) -> str:
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"


def median_time(work: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def resident_mb() -> float:
    """Resident memory now (not the peak, which the store's loading sets)."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * resource.getpagesize() / 2**20


def measure(size: int, root: Path, repeat: int, old: bool) -> dict[str, str]:
    """One column of the table: the figures for K copies."""
    settings = Settings(root=root)
    queries = catalog(settings.queries_dir)
    cells: dict[str, str] = {}
    start = time.perf_counter()
    store = graph.open_store(settings)
    cells["open store (as the service does)"] = seconds_text(time.perf_counter() - start)
    before = resident_mb()
    start = time.perf_counter()
    rows = run_named(store, queries, "zoekindex").records()
    cells["zoekindex.rq (every name)"] = seconds_text(time.perf_counter() - start)
    start = time.perf_counter()
    index = SearchIndex.from_rows(rows)
    cells["index build (FTS5, stems)"] = seconds_text(time.perf_counter() - start)
    cells["names indexed"] = f"{len(index):,}"
    cells["memory held by the index"] = f"{resident_mb() - before:.0f} MB"
    for term in TERMS:
        log(f"{size}x: {term}")
        if old:
            elapsed = median_time(lambda t=term: run_named(store, queries, "zoek", tekst=t).records(), repeat)
            cells[f"{term}: zoek.rq (old)"] = seconds_text(elapsed)
        else:
            cells[f"{term}: zoek.rq (old)"] = "not run"
        hits = index.search(term)
        searched = median_time(lambda t=term: index.search(t), repeat)
        described = median_time(lambda h=hits: describe(store, queries, h), repeat)
        total = searched + described
        verdict = "" if size < 85 else (" ok" if total < TARGET else " NO")
        cells[f"{term}: index search"] = seconds_text(searched)
        cells[f"{term}: + zoektreffers.rq"] = seconds_text(described)
        cells[f"{term}: new total"] = seconds_text(total) + verdict
        cells[f"{term}: hits (at most 100)"] = str(len(hits))
    index.close()
    store.close()
    return cells


def render(sizes: Sequence[int], columns: dict[int, dict[str, str]]) -> str:
    names = list(dict.fromkeys(name for size in sizes for name in columns[size]))
    header = ["measurement", *(f"{size}x" for size in sizes)]
    lines = [[name, *(columns[size].get(name, "") for size in sizes)] for name in names]
    widths = [max(len(line[i]) for line in [header, *lines]) for i in range(len(header))]
    out = [" | ".join(text.ljust(width) for text, width in zip(header, widths, strict=True))]
    out.append("-|-".join("-" * width for width in widths))
    out += [" | ".join(text.ljust(width) for text, width in zip(line, widths, strict=True)) for line in lines]
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1,24", help="copies of the data, comma-separated (1 = graph/ itself)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per figure; the median is shown")
    parser.add_argument("--old-up-to", type=int, default=24, help="largest size at which zoek.rq is run")
    parser.add_argument("--keep", action="store_true", help="keep the generated data (printed folder)")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    work = Path(tempfile.mkdtemp(prefix="beleidsgraaf-search-"))
    columns: dict[int, dict[str, str]] = {}
    try:
        for size in sizes:
            root = ROOT if size == 1 else build(size, work / f"k{size}")
            log(f"{size}x: data in {root}")
            columns[size] = measure(size, root, args.repeat, size <= args.old_up_to)
    finally:
        if args.keep:
            log(f"data kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    print(render(sizes, columns))


if __name__ == "__main__":
    main()
