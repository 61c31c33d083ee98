"""Plan workbook speed: export and import of the largest curated plan, and a batch of 100 plans.

The batch is the largest plan copied under 100 new ids (every IRI under /id/plan/<id> renamed) and imported one
after another into a scratch copy of graph/, each import checking its workbook and writing its file. "import"
is reading and checking the workbook and building the graph; "import + write" adds the trial load of all of
graph/ and the coherence checks that `beleidsgraaf import` runs before it writes (that part grows with graph/).

Run: uv run python benchmarks/workbook.py [--batch 100]
Target (issue #10): export and import of the largest plan each under 1 s on this machine.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from api.kg import graph  # noqa: E402
from api.kg.queries import catalog  # noqa: E402
from api.kg.workbook.build import build  # noqa: E402
from api.kg.workbook.references import read_references  # noqa: E402
from api.kg.workbook.service import _outside_plan, export_plan, import_workbook  # noqa: E402
from api.kg.workbook.xlsx_read import read_workbook  # noqa: E402
from api.settings import Settings  # noqa: E402

PLANS = [
    "heiloo-gebiedsplan-2023-2024", "heemskerk-sociaal-domein-2024", "heemskerk-gala-2023-2026",
    "beverwijk-heemskerk-woonzorgvisie", "heemstede-wmo-2025-2028",
]  # fmt: skip


def timed(action, repeat: int = 5) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def renamed(data: bytes, old: str, new: str) -> bytes:
    """The same workbook for another plan id: ids are relative to the plan, so only the Plan sheet changes."""
    import io

    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data))
    plan = book["Plan"]
    headers = [c.value for c in plan[1]]
    plan.cell(row=2, column=headers.index("Id") + 1, value=new)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and f"plan:{old}" in cell.value:
                    cell.value = cell.value.replace(f"plan:{old}", f"plan:{new}")
                    cell.data_type = "s"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--batch", type=int, default=100)
    args = parser.parse_args()
    settings = Settings()
    store = graph.open_store(settings)
    queries = catalog(settings.queries_dir)
    references = read_references(store, queries)
    print(f"{'plan':40} {'quads':>6} {'xlsx KB':>8} {'export s':>9} {'import s':>9}")
    largest, largest_quads = "", 0
    for plan_id in PLANS:
        export_s, data = timed(lambda p=plan_id: export_plan(store, queries, p))
        assert isinstance(data, bytes)
        known = _outside_plan(store, queries, plan_id)
        import_s, built = timed(lambda d=data, k=known: build(read_workbook(d)[0], references, k))
        quads = len(built.plan)  # type: ignore[attr-defined]
        if quads > largest_quads:
            largest, largest_quads = plan_id, quads
        print(f"{plan_id:40} {quads:6} {len(data) / 1000:8.0f} {export_s:9.2f} {import_s:9.2f}")
    data = export_plan(store, queries, largest)
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        shutil.copytree(settings.graph_dir, root / "graph")
        for name in ("ontology", "queries", "shapes"):
            (root / name).symlink_to(settings.root / name)
        copy = Settings(root=root)
        one_s, _ = timed(lambda: import_workbook(data, copy, store), repeat=3)
        workbooks = [renamed(data, largest, f"{largest}-k{i}") for i in range(args.batch)]
        start = time.perf_counter()
        for workbook in workbooks:
            build(read_workbook(workbook)[0], references, set())
        batch_check_s = time.perf_counter() - start
        start = time.perf_counter()
        for workbook in workbooks[:10]:
            import_workbook(workbook, copy, store)
        ten_written_s = time.perf_counter() - start
    print()
    print(f"largest plan: {largest} ({largest_quads} quads)")
    print(f"import + write of the largest plan (trial load of graph/ and checks included): {one_s:.2f} s")
    print(
        f"{args.batch} plans read, checked and built: {batch_check_s:.1f} s "
        f"({batch_check_s / args.batch:.2f} s per plan)"
    )
    print(
        f"10 of them imported and written one after another into a growing graph/: {ten_written_s:.1f} s "
        f"({ten_written_s / 10:.2f} s per plan)"
    )


if __name__ == "__main__":
    main()
