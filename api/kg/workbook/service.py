"""The plan workbook end to end: export a plan, an empty template, and import a filled-in workbook.

Import is all or nothing: the workbook is read, every cell checked, the plan built and loaded into a scratch store
with the rest of graph/ (so Turtle the loader would refuse is never written); only then are the plan file and
bronnen.ttl written. The checks then run on that scratch store, and their findings for the plan come back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from api.errors import DataError, NotFound
from api.kg.checks.conventions import breaches, load_model_shapes
from api.kg.checks.model import Finding, RawResult
from api.kg.checks.reviews import Reviewed, apply_reviews, fingerprint, read_reviews, review_path, reviews_turtle
from api.kg.checks.run import review
from api.kg.graph import parse_sources_with_plan
from api.kg.monitoring.measurements import SHEET as MEASUREMENTS
from api.kg.monitoring.measurements import as_graph, export_rows, subjects
from api.kg.monitoring.service import SUFFIX as MEASUREMENTS_SUFFIX
from api.kg.monitoring.service import check_rows
from api.kg.monitoring.service import file_text as measurements_text
from api.kg.namespaces import PLAN
from api.kg.queries import QueryCatalog, catalog, run_named
from api.kg.store import EmbeddedStore, GraphStore
from api.kg.workbook.build import Built, Summary, build
from api.kg.workbook.cells import Ids
from api.kg.workbook.export import bron_leftovers, plan_rows
from api.kg.workbook.files import GENERATED, bronnen_text, plan_path, turtle, write_atomically
from api.kg.workbook.problems import Problem, WorkbookError
from api.kg.workbook.references import References, read_references
from api.kg.workbook.reviews_sheet import (
    REVIEWS,
    Request,
    SheetReviews,
    read_requests,
    resolve_requests,
    review_rows,
)
from api.kg.workbook.rows import PlanRows, Row
from api.kg.workbook.xlsx_read import Limits, read_workbook
from api.kg.workbook.xlsx_write import write_workbook
from api.settings import Settings


def _rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal, bnodes: dict[str, BNode]) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return bnodes.setdefault(term.value, BNode())
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    if datatype == "http://www.w3.org/2001/XMLSchema#string":
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(datatype))


def plan_graphs(store: GraphStore, queries: QueryCatalog, plan_id: str) -> tuple[Graph, Graph]:
    """The plan's named graph and its bronnen.ttl entry, as rdflib graphs."""
    result = run_named(store, queries, "plan-graaf", plan=plan_id)
    plan, bron = Graph(), Graph()
    bnodes: dict[str, BNode] = {}
    for row in result.rows:
        target = plan if row["graaf"].value == "plan" else bron
        target.add((_rdflib(row["s"], bnodes), _rdflib(row["p"], bnodes), _rdflib(row["o"], bnodes)))
    if not bron:
        raise NotFound(f"geen plan '{plan_id}' met een eigen graaf; zie `beleidsgraaf plans`")
    return plan, bron


def export_plan(store: GraphStore, queries: QueryCatalog, plan_id: str, reviewed: Reviewed | None = None) -> bytes:
    """The plan as a workbook; with `reviewed` (its check findings) the sheet Beoordelingen lists them."""
    plan, bron = plan_graphs(store, queries, plan_id)
    leftovers = bron_leftovers(plan_id, bron)
    if leftovers:
        names = ", ".join(sorted({str(p) for _, p, _ in leftovers}))
        raise NotFound(f"de vermelding van '{plan_id}' in bronnen.ttl heeft eigenschappen zonder kolom: {names}")
    references = read_references(store, queries)
    rows = plan_rows(plan_id, plan, bron, references)
    if reviewed is not None:
        rows.sheets[REVIEWS] = review_rows(plan_id, reviewed)
    measured, bnodes = Graph(), dict[str, BNode]()
    for row in run_named(store, queries, "werkboek-metingen", plan=plan_id).rows:
        measured.add((_rdflib(row["s"], bnodes), _rdflib(row["p"], bnodes), _rdflib(row["o"], bnodes)))
    rows.sheets[MEASUREMENTS] = export_rows(measured, plan_id, subjects(store, queries, plan_id), references)
    return write_workbook(rows, references)


def template(store: GraphStore, queries: QueryCatalog) -> bytes:
    """An empty workbook whose dropdowns hold the graph's partners, laws, gemeenten and choices."""
    references = read_references(store, queries)
    rows = PlanRows()
    rows.rows("Plan").append(Row({"Documentsoort": "Beleidsplan [bg:Beleidsplan]"}))
    return write_workbook(rows, references)


def known_subjects(store: GraphStore, queries: QueryCatalog) -> set[str]:
    return set(run_named(store, queries, "werkboek-knopen").values("iri"))


@dataclass
class ImportReport:
    plan_id: str
    path: Path
    written: bool
    quads: int
    summary: Summary
    findings: list[Finding] = field(default_factory=list)  # open: what the report counts
    accepted: int = 0  # findings left out because an officer accepted them
    resolved: list[str] = field(default_factory=list)  # acceptances the import made moot by fixing the finding


def _gemeente_names(built: Built, references: References) -> list[str]:
    names = []
    for gemeente in sorted(str(o) for o in built.bron.objects(None, URIRef("https://beleidsgraaf.nl/def/gemeente"))):
        names.append(built.summary.new_gemeenten.get(gemeente) or references.name(gemeente) or gemeente[-6:])
    return names


def _outside_plan(store: GraphStore, queries: QueryCatalog, plan_id: str) -> set[str]:
    """Nodes a reference may point at: all but this plan's own, which exist only as rows of the workbook."""
    own = PLAN + plan_id
    return {iri for iri in known_subjects(store, queries) if iri != own and not iri.startswith(own + "/")}


def _keys(reviewed: Reviewed) -> set[tuple[str, str]]:
    return {(f.shape, f.focus) for f in reviewed.open} | {(f.shape, f.focus) for f, _ in reviewed.accepted}


def _published(store: GraphStore, settings: Settings, plan_id: str) -> Reviewed:
    """The plan's findings as it is published today; none for a plan that is new."""
    try:
        return review(store, settings, plan_id)
    except NotFound:
        return Reviewed(open=[])


@dataclass
class Prepared:
    """A checked workbook: the plan's files as text by kind (api.kg.publishing.versions.KINDS) and its report.

    A kind left out means the workbook does not speak of it (no sheet Metingen, no sheet Beoordelingen), so what
    is stored for it stays as it is.
    """

    report: ImportReport
    texts: dict[str, str]
    bron: Graph
    gemeente_names: list[str]


def prepare_workbook(
    data: bytes,
    settings: Settings,
    store: GraphStore,
    *,
    limits: Limits | None = None,
    stored_kinds: Callable[[str], set[str]] | None = None,
) -> Prepared:
    """Check and build a plan from a workbook, nothing written; WorkbookError lists every problem.

    `stored_kinds(plan_id)`: the kinds of file the plan has now, so that an empty sheet can empty one.
    """
    queries = catalog(settings.queries_dir)
    rows, unreadable = read_workbook(data, limits)
    references = read_references(store, queries)
    plan_id = str(next(iter(rows.rows("Plan")), Row({})).get("Id") or "").strip()
    built = build(rows, references, _outside_plan(store, queries, plan_id))
    requests, review_problems = read_requests(rows, built.plan_id or plan_id, date.today())
    if unreadable or built.problems or review_problems:
        raise WorkbookError(unreadable + built.problems + review_problems)
    existing = stored_kinds(built.plan_id) if stored_kinds else set()
    title = next((str(o) for o in built.bron.objects(None, URIRef("http://purl.org/dc/terms/title"))), built.plan_id)
    texts = {
        "plan": GENERATED.format(title=title) + turtle(built.plan, base=Ids(built.plan_id).base),
        "bron": turtle(built.bron),
    }
    scratch, quads = _trial_load(settings, built.plan_id, texts)
    after = review(scratch, settings, built.plan_id)
    findings, accepted, resolved = after.open, len(after.accepted), []
    if REVIEWS in rows.sheets:
        sheet = _sheet_reviews(rows, settings, store, scratch, built.plan_id, requests, after)
        if sheet.problems:
            raise WorkbookError(sheet.problems)
        if sheet.reviews or "beoordelingen" in existing:
            texts["beoordelingen"] = reviews_turtle(sheet.reviews)
        everything = after.open + [f for f, _ in after.accepted]
        prints = {r.focus: fingerprint(scratch, settings.queries_dir, r.focus) for r in sheet.reviews}
        now = apply_reviews(everything, sheet.reviews, prints)
        findings, accepted, resolved = now.open, len(now.accepted), sheet.resolved
    measured = rows.sheets.get(MEASUREMENTS)
    if measured or (measured is not None and "metingen" in existing):  # the sheet is the plan's whole set
        checked = check_rows(
            measured, rows.columns.get(MEASUREMENTS, {}), built.plan_id, scratch, queries, date.today()
        )
        texts["metingen"] = measurements_text(built.plan_id, as_graph(checked))
    names = _gemeente_names(built, references)
    path = plan_path(settings.graph_dir, built.plan_id, names)
    report = ImportReport(built.plan_id, path, False, quads, built.summary, findings, accepted, resolved)
    return Prepared(report, texts, built.bron, names)


def import_workbook(
    data: bytes, settings: Settings, store: GraphStore, *, dry_run: bool = False, limits: Limits | None = None
) -> ImportReport:
    """Check, build and (unless dry_run) write a plan into graph/ from a workbook; WorkbookError lists every problem."""

    def in_graph_dir(plan_id: str) -> set[str]:
        found = sorted(settings.graph_dir.rglob(f"{plan_id}.ttl"))
        if not found:
            return set()
        kinds = {"beoordelingen"} if review_path(found[0]).exists() else set()
        return kinds | ({"metingen"} if found[0].with_name(f"{plan_id}{MEASUREMENTS_SUFFIX}.ttl").exists() else set())

    prepared = prepare_workbook(data, settings, store, limits=limits, stored_kinds=in_graph_dir)
    report, texts = prepared.report, prepared.texts
    path = report.path
    bronnen_path = settings.graph_dir / "bronnen.ttl"
    files = {
        path: texts["plan"],
        bronnen_path: bronnen_text(bronnen_path, URIRef(PLAN + report.plan_id), prepared.bron),
    }
    if "beoordelingen" in texts:
        files[review_path(path)] = texts["beoordelingen"]
    if "metingen" in texts:
        files[path.with_name(f"{report.plan_id}{MEASUREMENTS_SUFFIX}.ttl")] = texts["metingen"]
    if not dry_run:
        write_atomically(files)
    report.written = not dry_run
    return report


def _sheet_reviews(
    rows: PlanRows,
    settings: Settings,
    store: GraphStore,
    scratch: GraphStore,
    plan_id: str,
    requests: list[Request],
    after: Reviewed,
) -> SheetReviews:
    """The sheet Beoordelingen against the findings before and after this import."""
    return resolve_requests(
        rows,
        plan_id,
        requests,
        before=_keys(_published(store, settings, plan_id)),
        after=_keys(after),
        existing=read_reviews(store, settings.queries_dir),
        fingerprint_of=lambda focus: fingerprint(scratch, settings.queries_dir, focus),
    )


def _trial_load(settings: Settings, plan_id: str, texts: dict[str, str]) -> tuple[EmbeddedStore, int]:
    """The data as it would be served after this import, parsed and loaded in memory: the loader's checks apply."""
    try:
        parsed = parse_sources_with_plan(settings, plan_id, texts)
    except DataError as error:
        problem = Problem(
            "(plan)",
            None,
            None,
            None,
            None,
            f"het plan kan zo niet geladen worden: {error or type(error).__name__}",
        )
        raise WorkbookError([problem]) from None
    broken = breaches(parsed, load_model_shapes(settings.shapes_dir))
    if broken:
        raise WorkbookError([_convention_problem(result) for result in broken])
    store = EmbeddedStore()
    quads = store.replace(parsed)
    return store, quads


def _convention_problem(result: RawResult) -> Problem:
    """A workbook the writer turned into data that breaks a model convention (docs/model.md): refused whole."""
    message = next((text for language, text in result.messages if language == "nl"), result.shape).replace(" {§}", "")
    where = f"{result.focus} ({result.path})" if result.path else result.focus
    convention = result.shape.rsplit("/", 1)[-1]
    return Problem("(plan)", None, None, None, None, f"modelconventie {convention}: {where}: {message}")
