"""Publish, withdraw and restore a plan: who may, against which version, and what lands in the data directory.

Every step that can refuse runs before anything is written: the workbook is checked and the plan loaded with the
rest of the data in a scratch store (api.kg.workbook.service), the account's municipality is checked against the
plan's (before and after), and under the publish lock the version the publisher saw must still be the current one.
Only then is the new version written, whole (api.kg.publishing.versions). Every attempt goes into the audit log.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from rdflib import Graph, URIRef

from api.errors import (
    BaseVersionMissing,
    BeleidsgraafError,
    DataError,
    NotAllowed,
    NotFound,
    ParameterError,
    PublishError,
    Unpublishable,
    VersionConflict,
)
from api.kg.checks.model import Finding
from api.kg.graph import parse_sources_with_plan
from api.kg.namespaces import BG, PLAN
from api.kg.publishing import audit
from api.kg.publishing.accounts import Account
from api.kg.publishing.diff import PlanDiff, diff
from api.kg.publishing.versions import (
    KINDS,
    Version,
    file_name,
    files_of,
    meta_graph,
    publish_lock,
    tidy,
    versions,
    write_version,
)
from api.kg.queries import QueryCatalog, catalog, run_named
from api.kg.store import EmbeddedStore, GraphStore
from api.kg.workbook.files import turtle
from api.kg.workbook.problems import Problem, WorkbookError
from api.kg.workbook.service import Prepared, export_plan, prepare_workbook
from api.kg.workbook.xlsx_read import Limits
from api.settings import Settings

GEMEENTE_PROP = URIRef(BG + "gemeente")
T = TypeVar("T")


def cbs(iri: str) -> str:
    return str(iri).rstrip("/").rsplit("/", 1)[-1].lower()


# --- what is stored ------------------------------------------------------------------------------------------


def curated_texts(settings: Settings, plan_id: str) -> dict[str, str]:
    """Version 0: the plan's files as graph/ ships them (its entry cut out of bronnen.ttl); empty if it has none."""
    found = sorted(settings.graph_dir.rglob(f"{plan_id}.ttl"))
    if not found:
        return {}
    plan_file = found[0]
    texts = {"plan": plan_file.read_text(encoding="utf-8")}
    bronnen = Graph().parse(settings.graph_dir / "bronnen.ttl", format="turtle")
    entry = Graph()
    subject = URIRef(PLAN + plan_id)
    for triple in bronnen.triples((subject, None, None)):
        entry.add(triple)
    texts["bron"] = turtle(entry)
    for kind in ("metingen", "beoordelingen"):
        beside = plan_file.parent / file_name(plan_id, kind)
        if beside.is_file():
            texts[kind] = beside.read_text(encoding="utf-8")
    return texts


def history(settings: Settings, plan_id: str) -> list[Version]:
    """Every version, oldest first, version 0 (graph/) included when the project ships the plan."""
    found = versions(settings.published_dir, plan_id)
    if sorted(settings.graph_dir.rglob(f"{plan_id}.ttl")):
        zero = Version(plan_id, 0, "meegeleverd", None, "", "Beleidsgraaf (graph/)", "", "", None, None)
        found = [zero, *found]
    return found


def current(settings: Settings, plan_id: str) -> Version | None:
    found = history(settings, plan_id)
    return found[-1] if found else None


def version_texts(settings: Settings, plan_id: str, number: int) -> dict[str, str]:
    if number == 0:
        texts = curated_texts(settings, plan_id)
        if texts:
            return texts
    for version in versions(settings.published_dir, plan_id):
        if version.number == number:
            return {kind: path.read_text(encoding="utf-8") for kind, path in files_of(version).items()}
    raise NotFound(f"plan '{plan_id}' heeft geen versie {number}; zie /id/plan/{plan_id}/versies")


def version_workbook(settings: Settings, plan_id: str, number: int) -> bytes:
    """An older version as the plan workbook, to read or to start from: the data loaded with that version in place."""
    texts = version_texts(settings, plan_id, number)
    if not texts:
        raise Unpublishable(f"versie {number} van '{plan_id}' trekt het plan in; er is geen werkboek van")
    store = EmbeddedStore()
    store.replace(parse_sources_with_plan(settings, plan_id, texts))
    return export_plan(store, catalog(settings.queries_dir), plan_id)


def plan_graph(texts: dict[str, str]) -> Graph:
    """Plan and entry together: what a comparison of two versions looks at."""
    graph = Graph()
    for kind in ("plan", "bron"):
        if texts.get(kind):
            graph.parse(data=texts[kind], format="turtle")
    return graph


def gemeenten_of(texts: dict[str, str]) -> set[str]:
    if not texts.get("bron"):
        return set()
    entry = Graph().parse(data=texts["bron"], format="turtle")
    return {cbs(str(o)) for o in entry.objects(None, GEMEENTE_PROP)}


def stored_gemeenten(settings: Settings, plan_id: str) -> set[str]:
    """The municipalities the plan belongs to now, or did before it was withdrawn."""
    for version in reversed(history(settings, plan_id)):
        texts = version_texts(settings, plan_id, version.number) if not version.withdrawn else {}
        if texts:
            return gemeenten_of(texts)
    return set()


def property_names(store: GraphStore, queries: QueryCatalog) -> dict[str, str]:
    return {r["term"]: r["naam"] for r in run_named(store, queries, "eigenschap-namen").records() if r.get("naam")}


def compare(settings: Settings, store: GraphStore, plan_id: str, old: int, new: int) -> PlanDiff:
    queries = catalog(settings.queries_dir)
    before = plan_graph(version_texts(settings, plan_id, old)) if old >= 0 else Graph()
    after = plan_graph(version_texts(settings, plan_id, new))
    return diff(before, after, property_names(store, queries))


# --- who may -------------------------------------------------------------------------------------------------


def authorize(account: Account, plan_id: str, before: Iterable[str], after: Iterable[str] = ()) -> None:
    """A plan may be changed by an account of one of its municipalities, before and after the change."""
    before, after = set(before), set(after)
    for place, codes in (("nu", before), ("na deze versie", after)):
        if codes and account.gemeente not in codes:
            names = ", ".join(sorted(codes))
            error = NotAllowed(
                f"account '{account.naam}' ({account.gemeente}) mag plan '{plan_id}' niet wijzigen: "
                f"het plan hoort {place} bij {names}"
            )
            error.plan_id = plan_id
            raise error
    if not before and not after:
        raise NotAllowed(f"plan '{plan_id}' noemt geen gemeente; het kan niet worden gepubliceerd")


# --- preview and publish -------------------------------------------------------------------------------------


@dataclass
class Preview:
    """What a publish would do: problems per cell (then nothing else), or the findings and the diff."""

    plan_id: str
    problems: list[Problem] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    changes: PlanDiff | None = None
    basis: int = 0  # the version this one would replace (0: the curated plan, or none for a new plan)
    title: str = ""
    prepared: Prepared | None = None
    status: int = 200  # 422 with problems; 413 or 415 when the file itself is refused

    @property
    def publishable(self) -> bool:
        return not self.problems and self.prepared is not None


def _stored_kinds(settings: Settings, plan_id: str) -> set[str]:
    version = current(settings, plan_id)
    if version is None or version.withdrawn:
        return set()
    return set(version_texts(settings, plan_id, version.number))


def preview(
    data: bytes,
    settings: Settings,
    store: GraphStore,
    account: Account,
    *,
    plan_id: str | None = None,
    limits: Limits | None = None,
) -> Preview:
    """Check a workbook for publishing; NotAllowed (audited) when the account may not publish this plan."""
    try:
        prepared = prepare_workbook(
            data, settings, store, limits=limits, stored_kinds=lambda found: _stored_kinds(settings, found)
        )
    except WorkbookError as error:
        return Preview(plan_id or "", problems=error.problems, status=error.status)
    found = prepared.report.plan_id
    if plan_id and found != plan_id:
        problem = Problem("Plan", 2, None, "Id", found, f"dit werkboek is van plan '{found}', niet van '{plan_id}'")
        return Preview(plan_id, problems=[problem], status=422)
    authorize(account, found, stored_gemeenten(settings, found), gemeenten_of(prepared.texts))
    version = current(settings, found)
    basis = version.number if version is not None else 0
    old = version_texts(settings, found, basis) if version is not None and not version.withdrawn else {}
    changes = diff(plan_graph(old), plan_graph(prepared.texts), property_names(store, catalog(settings.queries_dir)))
    title = next((str(t) for t in plan_graph(prepared.texts).objects(URIRef(PLAN + found), _TITLE)), found)
    return Preview(found, [], prepared.report.findings, changes, basis, title, prepared)


_TITLE = URIRef("http://purl.org/dc/terms/title")


def _check_basis(settings: Settings, plan_id: str, basis: int | None) -> int:
    """The next version number, if `basis` is still the current version."""
    if basis is None:
        raise BaseVersionMissing(
            f"zeg op welke versie van '{plan_id}' deze voortbouwt (veld 'basis', 0 voor een nieuw plan); "
            f"zie /id/plan/{plan_id}/versies"
        )
    version = current(settings, plan_id)
    now = version.number if version is not None else 0
    if basis != now:
        who = f" door {version.name} op {version.when:%d-%m-%Y %H:%M}" if version and version.when else ""
        raise VersionConflict(
            f"deze wijziging bouwt voort op versie {basis} van '{plan_id}', maar de huidige versie is {now}"
            f"{who}; bekijk die en probeer het opnieuw (er is niets samengevoegd)"
        )
    return now + 1


def _land(
    settings: Settings,
    account: Account,
    plan_id: str,
    basis: int | None,
    action: str,
    note: str,
    texts: Callable[[], dict[str, str]],
    restored_from: int | None = None,
) -> Version:
    with publish_lock(settings):
        number = _check_basis(settings, plan_id, basis)
        tidy(settings.published_dir, plan_id)
        previous = current(settings, plan_id)
        when = dt.datetime.now(dt.UTC).replace(microsecond=0)
        meta = meta_graph(
            plan_id,
            number,
            action,
            account.id,
            account.naam,
            account.gemeente,
            note.strip(),
            when,
            previous.number if previous is not None else None,
            restored_from,
        )
        write_version(settings.published_dir, plan_id, number, texts(), turtle(meta))
    return versions(settings.published_dir, plan_id)[-1]


def publish(
    data: bytes,
    settings: Settings,
    store: GraphStore,
    account: Account,
    *,
    basis: int | None,
    note: str = "",
    plan_id: str | None = None,
    limits: Limits | None = None,
) -> Version:
    """Publish a workbook as the plan's next version; WorkbookError, NotAllowed or VersionConflict refuse it."""
    checked = preview(data, settings, store, account, plan_id=plan_id, limits=limits)
    if checked.problems or checked.prepared is None:
        error = WorkbookError(checked.problems)
        error.status = checked.status
        raise error
    found, prepared = checked.plan_id, checked.prepared

    def texts() -> dict[str, str]:
        carried = {}
        version = current(settings, found)
        if version is not None and not version.withdrawn:  # a sheet the workbook does not have keeps its data
            carried = version_texts(settings, found, version.number)
        whole = {kind: text for kind, text in {**carried, **prepared.texts}.items() if kind in KINDS}
        return {kind: text for kind, text in whole.items() if text.strip()}

    return _land(settings, account, found, basis, "publiceren", note, texts)


def withdraw(settings: Settings, account: Account, plan_id: str, *, basis: int | None, note: str = "") -> Version:
    version = current(settings, plan_id)
    if version is None:
        raise NotFound(f"geen plan '{plan_id}'")
    authorize(account, plan_id, stored_gemeenten(settings, plan_id))
    if version.withdrawn:
        raise VersionConflict(f"plan '{plan_id}' is al ingetrokken (versie {version.number})")
    return _land(settings, account, plan_id, basis, "intrekken", note, dict)


def restore(
    settings: Settings, account: Account, plan_id: str, number: int, *, basis: int | None, note: str = ""
) -> Version:
    """A new version with the content of an older one, if that still loads with today's data."""
    texts = version_texts(settings, plan_id, number)
    if not texts:
        raise Unpublishable(f"versie {number} van '{plan_id}' is een intrekking; kies een versie met inhoud")
    authorize(account, plan_id, stored_gemeenten(settings, plan_id), gemeenten_of(texts))
    try:
        parse_sources_with_plan(settings, plan_id, texts)
    except DataError as error:
        raise Unpublishable(f"versie {number} kan niet worden hersteld: {error}") from None
    return _land(settings, account, plan_id, basis, "herstellen", note, lambda: texts, restored_from=number)


# --- the audit trail -----------------------------------------------------------------------------------------


def reason(error: BeleidsgraafError) -> str:
    if isinstance(error, WorkbookError):
        cells = "; ".join(str(p) for p in error.problems[:5])
        return f"{len(error.problems)} fout(en) in het werkboek: {cells}"
    return str(error)


def record_refusal(
    settings: Settings, action: str, plan_id: str, account: Account | None, source: str, error: BeleidsgraafError
) -> None:
    """A refusal that happened before the work could start (no valid token, a foreign form)."""

    def refuse() -> None:
        raise error

    with contextlib.suppress(BeleidsgraafError):
        audited(settings, action, plan_id, account, source, refuse)


def audited(
    settings: Settings,
    action: str,
    plan_id: str,
    account: Account | None,
    source: str,
    work: Callable[[], T],
) -> T:
    """Run a publish, withdrawal or restore and log it, accepted or refused, with the reason."""

    def log(outcome: str, why: str, plan: str, gemeenten: list[str], number: int | None = None) -> None:
        audit.record(
            settings,
            audit.Entry(
                audit.now(),
                action,
                plan,
                outcome,
                why,
                account.id if account else "",
                account.naam if account else "",
                account.gemeente if account else "",
                gemeenten,
                number,
                source,
            ),
        )

    gemeenten = sorted(stored_gemeenten(settings, plan_id)) if plan_id else []
    try:
        result = work()
    except (PublishError, WorkbookError, NotFound, ParameterError) as error:
        log("geweigerd", reason(error), plan_id, gemeenten)
        raise
    if isinstance(result, Version):
        log("geaccepteerd", "", result.plan_id, sorted(stored_gemeenten(settings, result.plan_id)), result.number)
    else:
        log("geaccepteerd", "", plan_id, gemeenten)
    return result
