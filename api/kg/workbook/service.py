"""The plan workbook end to end: export a plan, an empty template, and import a filled-in workbook.

Import is all or nothing: the workbook is read, every cell checked, the plan built and loaded into a scratch store
with the rest of graph/ (so Turtle the loader would refuse is never written); only then are the plan file and
bronnen.ttl written. The checks then run on that scratch store, and their findings for the plan come back.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from api.errors import DataError, NotFound
from api.kg.checks.model import Finding
from api.kg.checks.reviews import Reviewed, apply_reviews, fingerprint, read_reviews, review_path, reviews_turtle
from api.kg.checks.run import review
from api.kg.load import SourceFile, discover, parse_all
from api.kg.monitoring.measurements import SHEET as MEASUREMENTS
from api.kg.monitoring.measurements import as_graph, export_rows, subjects
from api.kg.monitoring.service import SUFFIX as MEASUREMENTS_SUFFIX
from api.kg.monitoring.service import check_rows
from api.kg.monitoring.service import file_text as measurements_text
from api.kg.namespaces import PLAN, graph_iri
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


def import_workbook(
    data: bytes, settings: Settings, store: GraphStore, *, dry_run: bool = False, limits: Limits | None = None
) -> ImportReport:
    """Check, build and (unless dry_run) write a plan from a workbook; WorkbookError lists every problem."""
    queries = catalog(settings.queries_dir)
    rows, unreadable = read_workbook(data, limits)
    references = read_references(store, queries)
    plan_id = str(next(iter(rows.rows("Plan")), Row({})).get("Id") or "").strip()
    built = build(rows, references, _outside_plan(store, queries, plan_id))
    requests, review_problems = read_requests(rows, built.plan_id or plan_id, date.today())
    if unreadable or built.problems or review_problems:
        raise WorkbookError(unreadable + built.problems + review_problems)
    graph_dir = settings.graph_dir
    path = plan_path(graph_dir, built.plan_id, _gemeente_names(built, references))
    title = next((str(o) for o in built.bron.objects(None, URIRef("http://purl.org/dc/terms/title"))), built.plan_id)
    plan_text = GENERATED.format(title=title) + turtle(built.plan, base=Ids(built.plan_id).base)
    bronnen_path = graph_dir / "bronnen.ttl"
    files = {path: plan_text, bronnen_path: bronnen_text(bronnen_path, URIRef(PLAN + built.plan_id), built.bron)}
    scratch, quads = _trial_load(settings, files)
    after = review(scratch, settings, built.plan_id)
    findings, accepted, resolved = after.open, len(after.accepted), []
    if REVIEWS in rows.sheets:
        sheet = _sheet_reviews(rows, settings, store, scratch, built.plan_id, requests, after)
        if sheet.problems:
            raise WorkbookError(sheet.problems)
        target = review_path(path)
        if sheet.reviews or target.exists():
            files[target] = reviews_turtle(sheet.reviews)
        everything = after.open + [f for f, _ in after.accepted]
        prints = {r.focus: fingerprint(scratch, settings.queries_dir, r.focus) for r in sheet.reviews}
        now = apply_reviews(everything, sheet.reviews, prints)
        findings, accepted, resolved = now.open, len(now.accepted), sheet.resolved
    measured = rows.sheets.get(MEASUREMENTS)
    target = path.with_name(f"{built.plan_id}{MEASUREMENTS_SUFFIX}.ttl")
    if measured or (measured is not None and target.exists()):  # the sheet is the plan's whole set
        checked = check_rows(
            measured, rows.columns.get(MEASUREMENTS, {}), built.plan_id, scratch, queries, date.today()
        )
        files[target] = measurements_text(built.plan_id, as_graph(checked))
    if not dry_run:
        write_atomically(files)
    return ImportReport(built.plan_id, path, not dry_run, quads, built.summary, findings, accepted, resolved)


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


def _trial_load(settings: Settings, replaced: dict[Path, str]) -> tuple[EmbeddedStore, int]:
    """graph/ as it would be after the import, parsed and loaded in memory: the loader's own checks apply."""
    targets = {path.resolve(): text for path, text in replaced.items()}
    with tempfile.TemporaryDirectory(prefix="beleidsgraaf-import-") as scratch_dir:
        sources = [s for s in discover(settings.ontology_dir, settings.graph_dir) if s.path.resolve() not in targets]
        for target, text in targets.items():
            copy = Path(scratch_dir) / target.name
            copy.write_text(text, encoding="utf-8")
            sources.append(SourceFile(copy, graph_iri(target.stem)))
        try:
            parsed = parse_all(sources)
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
        store = EmbeddedStore()
        quads = store.replace(parsed)
        return store, quads
