"""Import measurements for one plan: all rows checked, then graph/<gemeente>/<plan>.metingen.ttl written at once.

The file sits beside the plan in its own named graph (…/graph/<plan>.metingen), so the plan's graph stays what
the document says and a query can tell the two apart. A CSV or measurements workbook adds to what is stored (a
row for a measurement already there replaces it); the plan workbook's sheet Metingen is the plan's whole set.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, Graph, URIRef

from api.errors import NotFound
from api.kg.monitoring.files import read_csv, read_xlsx
from api.kg.monitoring.measurements import BG, SHEET, Measurement, as_graph, read_rows, subjects
from api.kg.queries import QueryCatalog, catalog, run_named
from api.kg.store import GraphStore
from api.kg.workbook.files import turtle, write_atomically
from api.kg.workbook.problems import Problem, WorkbookError
from api.kg.workbook.references import read_references
from api.kg.workbook.rows import Row
from api.settings import Settings

SUFFIX = ".metingen"
HEADER = (
    "# Gemeten waarden van plan {plan} na de nulmeting (bg:Realisatie).\n"
    "# Written by `beleidsgraaf metingen import`: import a corrected file rather than editing this one.\n"
)


@dataclass(frozen=True)
class MeasurementReport:
    plan_id: str
    path: Path
    written: bool
    added: int
    replaced: int
    total: int


def measurements_path(graph_dir: Path, plan_id: str) -> Path:
    plans = sorted(graph_dir.rglob(f"{plan_id}.ttl"))
    if not plans:
        raise NotFound(f"geen plan '{plan_id}' in {graph_dir}; zie `beleidsgraaf plans`")
    return plans[0].with_name(f"{plan_id}{SUFFIX}.ttl")


def stored(path: Path) -> Graph:
    graph = Graph()
    if path.exists():
        graph.parse(path, format="turtle")
    return graph


def rows_of(data: bytes, filename: str) -> tuple[list[Row], dict[str, str], list[Problem]]:
    if filename.lower().endswith(".xlsx"):
        return read_xlsx(data)
    if filename.lower().endswith((".csv", ".txt")):
        return read_csv(data)
    raise WorkbookError([Problem("(bestand)", None, None, None, None, "geef een .csv of een .xlsx met blad Metingen")])


def check_rows(
    rows: list[Row],
    letters: dict[str, str],
    plan_id: str,
    store: GraphStore,
    queries: QueryCatalog,
    today: dt.date,
) -> list[Measurement]:
    """The measurements the rows stand for; WorkbookError with every problem when one row is wrong."""
    known = subjects(store, queries, plan_id)
    if not known:
        raise NotFound(f"plan '{plan_id}' heeft geen doelstelling met een streefwaarde en geen indicator om te meten")
    read = read_rows(
        rows,
        sheet=SHEET,
        letters=letters,
        plan_id=plan_id,
        known=known,
        references=read_references(store, queries),
        today=today,
        municipalities=municipalities(store, queries, plan_id),
    )
    if read.problems:
        raise WorkbookError(read.problems)
    return read.measurements


def municipalities(store: GraphStore, queries: QueryCatalog, plan_id: str) -> frozenset[str]:
    """The plan's municipalities: a measurement's area may name one of them (in a joint plan: which one)."""
    return frozenset(
        r["gemeente"] for r in run_named(store, queries, "plan", plan=plan_id).records() if r.get("gemeente")
    )


def file_text(plan_id: str, graph: Graph) -> str:
    return HEADER.format(plan=plan_id) + turtle(graph)


def import_measurements(
    data: bytes,
    filename: str,
    plan_id: str,
    settings: Settings,
    store: GraphStore,
    *,
    dry_run: bool = False,
    today: dt.date | None = None,
) -> MeasurementReport:
    path = measurements_path(settings.graph_dir, plan_id)
    rows, letters, unreadable = rows_of(data, filename)
    if unreadable:
        raise WorkbookError(unreadable)
    measurements = check_rows(rows, letters, plan_id, store, catalog(settings.queries_dir), today or dt.date.today())
    current = stored(path)
    existing = {str(s) for s in current.subjects(RDF.type, BG.Realisatie)}
    replaced = [m for m in measurements if m.iri in existing]
    for measurement in replaced:
        current.remove((URIRef(measurement.iri), None, None))
    current += as_graph(measurements)
    if not dry_run:
        write_atomically({path: file_text(plan_id, current)})
    total = len(set(current.subjects(RDF.type, BG.Realisatie)))
    return MeasurementReport(plan_id, path, not dry_run, len(measurements) - len(replaced), len(replaced), total)
