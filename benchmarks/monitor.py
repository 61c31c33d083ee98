"""Monitor speed: the dashboard, its charts and the report for the council of the plan with the most objectives.

Runs on a scratch copy of the project with the fictitious example measurements imported (docs/voorbeelden), through
the whole service in-process (FastAPI's TestClient). "cold" is the first request after start (charts not yet
drawn, the PDF not in the response cache); "warm" the median of the following ones.

Run: uv run python benchmarks/monitor.py
Targets (issue #12): dashboard under 200 ms, PDF under 3 s on this machine.
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fastapi.testclient import TestClient  # noqa: E402

from api.kg import graph  # noqa: E402
from api.kg.monitoring import charts  # noqa: E402
from api.kg.monitoring.model import read_monitor  # noqa: E402
from api.kg.monitoring.service import import_measurements  # noqa: E402
from api.kg.queries import catalog  # noqa: E402
from api.settings import Settings  # noqa: E402
from api.web.app import create_app  # noqa: E402
from api.web.monitor_report import report_pdf  # noqa: E402
from tests.graphdata import project_copy  # noqa: E402

PLAN = "heemskerk-sociaal-domein-2024"
EXAMPLE = ROOT / "docs" / "voorbeelden" / f"FICTIEF-metingen-{PLAN}.csv"
DAY = "2025-07-01"


def seconds(action, repeat: int = 5) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """(first, median of the rest)."""
    times = []
    for _ in range(repeat + 1):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return times[0], statistics.median(times[1:])


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        copy = project_copy(Settings(root=ROOT), Path(scratch))
        store = graph.open_store(copy)
        import_measurements(EXAMPLE.read_bytes(), EXAMPLE.name, PLAN, copy, store, today=dt.date(2025, 7, 1))
        store = graph.open_store(copy)
        queries = catalog(copy.queries_dir)
        model = seconds(lambda: read_monitor(store, queries, PLAN, dt.date(2025, 7, 1)))
        monitor = read_monitor(store, queries, PLAN, dt.date(2025, 7, 1))
        chart_times = []
        for objective in monitor.objectives:
            start = time.perf_counter()
            charts.svg(objective)
            chart_times.append(time.perf_counter() - start)
        pdf = seconds(lambda: report_pdf(monitor, PLAN), repeat=3)
        with TestClient(create_app(copy)) as client:
            page = seconds(lambda: client.get(f"/monitor/{PLAN}", params={"peildatum": DAY}).raise_for_status())
            json_ = seconds(lambda: client.get(f"/monitor/{PLAN}.json", params={"peildatum": DAY}).raise_for_status())
            served_pdf = seconds(
                lambda: client.get(f"/monitor/{PLAN}/rapportage.pdf", params={"peildatum": DAY}).raise_for_status(),
                repeat=3,
            )
    rows = [
        ("monitor model (3 named queries)", model, None),
        ("dashboard page /monitor/{plan}", page, 0.2),
        ("JSON /monitor/{plan}.json", json_, None),
        ("report PDF (typeset, charts drawn)", pdf, 3.0),
        ("report PDF over HTTP (then cached)", served_pdf, 3.0),
    ]
    print(f"Monitor of {PLAN}: {len(monitor.objectives)} objectives, {sum(len(o.values) for o in monitor.objectives)} "
          "measurements (fictitious example)\n")  # fmt: skip
    print(f"| {'what':<38} | {'cold':>8} | {'warm':>8} | {'target':>7} | {'warm/target':>11} |")
    print(f"|{'-' * 40}|{'-' * 10}|{'-' * 10}|{'-' * 9}|{'-' * 13}|")
    for name, (cold, warm), target in rows:
        ratio = f"{warm / target:.2f}" if target else ""
        shown = f"{target:.1f} s" if target else ""
        print(f"| {name:<38} | {cold * 1000:>6.0f} ms | {warm * 1000:>6.0f} ms | {shown:>7} | {ratio:>11} |")
    first, rest = chart_times[0], chart_times[1:]
    print(f"\nOne chart drawn by vl-convert: first {first * 1000:.0f} ms (starts its JavaScript engine), then median "
          f"{statistics.median(rest) * 1000:.0f} ms; a drawn chart is served from memory.")  # fmt: skip


if __name__ == "__main__":
    main()
