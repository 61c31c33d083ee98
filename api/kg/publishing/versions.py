"""Published plans in the data directory: one folder per plan, one complete folder per version.

<data>/<plan-id>/<NNNN>/ holds one version in graph/'s own format: <plan-id>.ttl (the plan's graph), bronnen.ttl
(its entry), <plan-id>.metingen.ttl and <plan-id>.beoordelingen.ttl when it has them, and versie.ttl (who, when
and why, in PROV-O and DCTERMS). A withdrawal is a version with only versie.ttl. Version 0 is the plan as the
project ships it in graph/, when it does.

A version is written into a hidden folder beside its place and renamed into place only when every file in it is
on disk: a rename is atomic, so after a crash at any moment the plan is served as it was or, complete, as it is
now. Two publishers of the same version number race for that rename; the loser gets VersionConflict.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import os
import re
import secrets
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef

from api.errors import VersionConflict
from api.kg.checks.reviews import REVIEW_SUFFIX
from api.kg.namespaces import BG, PLAN, graph_iri
from api.kg.store_dir import fsync_dir
from api.settings import Settings

PROV = Namespace("http://www.w3.org/ns/prov#")
DCT = Namespace("http://purl.org/dc/terms/")
BGNS = Namespace(BG)
ACCOUNT = "https://beleidsgraaf.nl/id/gebruiker/"
GEMEENTE = "https://identifier.overheid.nl/tooi/id/gemeente/"
META = "versie.ttl"
VERSIONS_GRAPH = graph_iri("versies")
STAMP = ".stand"  # rewritten after every version: processes that serve the data look at it to reload
NUMBER = re.compile(r"^\d{4,}$")
ACTIONS = {"publiceren": "gepubliceerd", "intrekken": "ingetrokken", "herstellen": "hersteld"}
KINDS = ("plan", "bron", "metingen", "beoordelingen")


def file_name(plan_id: str, kind: str) -> str:
    return {
        "plan": f"{plan_id}.ttl",
        "bron": "bronnen.ttl",
        "metingen": f"{plan_id}.metingen.ttl",
        "beoordelingen": f"{plan_id}{REVIEW_SUFFIX}.ttl",
    }[kind]


def graph_of(plan_id: str, kind: str) -> str:
    """The named graph a kind of file is served in: the same as for the plan's files in graph/."""
    return {
        "plan": graph_iri(plan_id),
        "bron": graph_iri("bronnen"),
        "metingen": graph_iri(f"{plan_id}.metingen"),
        "beoordelingen": graph_iri(f"{plan_id}{REVIEW_SUFFIX}"),
    }[kind]


def version_iri(plan_id: str, number: int) -> str:
    return f"{PLAN}{plan_id}/versies/{number}"


@dataclass(frozen=True)
class Version:
    plan_id: str
    number: int
    action: str  # "publiceren", "intrekken", "herstellen"; "meegeleverd" for version 0
    when: dt.datetime | None
    account: str  # account id; "" for version 0
    name: str  # who, as the account is named
    gemeente: str  # the account's municipality (gm0396)
    note: str
    restored_from: int | None
    path: Path | None  # None: version 0, the files in graph/

    @property
    def withdrawn(self) -> bool:
        return self.action == "intrekken"

    @property
    def iri(self) -> str:
        return version_iri(self.plan_id, self.number)

    @property
    def action_label(self) -> str:
        return ACTIONS.get(self.action, "meegeleverd met Beleidsgraaf")


def plan_dir(data_dir: Path, plan_id: str) -> Path:
    return data_dir / plan_id


def _read_meta(plan_id: str, folder: Path) -> Version:
    graph = Graph().parse(folder / META, format="turtle")
    number = int(folder.name)
    subject = URIRef(version_iri(plan_id, number))
    activity = graph.value(subject, PROV.wasGeneratedBy)
    agent = graph.value(subject, PROV.wasAttributedTo)
    restored = graph.value(activity, PROV.used) if activity is not None else None
    when = graph.value(subject, PROV.generatedAtTime)
    gemeente = graph.value(agent, PROV.actedOnBehalfOf) if agent is not None else None
    return Version(
        plan_id=plan_id,
        number=number,
        action=str(graph.value(activity, BGNS.handeling) or "publiceren"),
        when=when.toPython() if isinstance(when, Literal) else None,
        account=str(agent).removeprefix(ACCOUNT) if agent is not None else "",
        name=str(graph.value(agent, RDFS.label) or "") if agent is not None else "",
        gemeente=str(gemeente).removeprefix(GEMEENTE) if gemeente is not None else "",
        note=str(graph.value(subject, RDFS.comment) or ""),
        restored_from=int(str(restored).rsplit("/", 1)[-1]) if restored is not None else None,
        path=folder,
    )


def versions(data_dir: Path, plan_id: str) -> list[Version]:
    """The plan's published versions, oldest first; a hidden folder is one a crash left half written."""
    folder = plan_dir(data_dir, plan_id)
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir() if p.is_dir() and NUMBER.match(p.name) and (p / META).is_file()]
    return [_read_meta(plan_id, p) for p in sorted(found, key=lambda p: int(p.name))]


def published(data_dir: Path) -> dict[str, Version]:
    """Every plan with a published version, and its current (latest) one."""
    if not data_dir.is_dir():
        return {}
    current = {}
    for folder in sorted(p for p in data_dir.iterdir() if p.is_dir() and not p.name.startswith(".")):
        found = versions(data_dir, folder.name)
        if found:
            current[folder.name] = found[-1]
    return current


def files_of(version: Version) -> dict[str, Path]:
    """The version's files by kind; none for a withdrawal."""
    assert version.path is not None
    paths = {kind: version.path / file_name(version.plan_id, kind) for kind in KINDS}
    return {kind: path for kind, path in paths.items() if path.is_file()}


def meta_graph(
    plan_id: str,
    number: int,
    action: str,
    account: str,
    name: str,
    gemeente: str,
    note: str,
    when: dt.datetime,
    replaces: int | None,
    restored_from: int | None = None,
) -> Graph:
    """The version described for researchers: a prov:Entity generated by a prov:Activity of an account."""
    graph = Graph()
    version, plan = URIRef(version_iri(plan_id, number)), URIRef(PLAN + plan_id)
    activity, agent = URIRef(f"{version}/activiteit"), URIRef(ACCOUNT + account)
    stamp = Literal(when.isoformat(timespec="seconds"), datatype=XSD.dateTime)
    graph.add((version, RDF.type, PROV.Entity))
    graph.add((version, RDF.type, BGNS.Planversie))
    graph.add((version, DCT.isVersionOf, plan))
    graph.add((version, BGNS.versienummer, Literal(number)))
    graph.add((version, PROV.generatedAtTime, stamp))
    graph.add((version, PROV.wasGeneratedBy, activity))
    graph.add((version, PROV.wasAttributedTo, agent))
    graph.add((version, RDFS.label, Literal(f"{plan_id}, versie {number} ({ACTIONS[action]})", lang="nl")))
    if replaces is not None:  # version 0 is the curated plan; a new plan's first version replaces nothing
        graph.add((version, DCT.replaces, URIRef(version_iri(plan_id, replaces))))
    if note:
        graph.add((version, RDFS.comment, Literal(note, lang="nl")))
    graph.add((activity, RDF.type, PROV.Activity))
    graph.add((activity, BGNS.handeling, Literal(action)))
    graph.add((activity, PROV.endedAtTime, stamp))
    graph.add((activity, PROV.wasAssociatedWith, agent))
    if restored_from is not None:
        graph.add((activity, PROV.used, URIRef(version_iri(plan_id, restored_from))))
    graph.add((agent, RDF.type, PROV.Agent))
    graph.add((agent, RDFS.label, Literal(name, lang="nl")))
    graph.add((agent, PROV.actedOnBehalfOf, URIRef(GEMEENTE + gemeente)))
    return graph


def _write(path: Path, text: str) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write(text)
        out.flush()
        os.fsync(out.fileno())


def write_version(data_dir: Path, plan_id: str, number: int, texts: dict[str, str], meta: str) -> Path:
    """Write a complete version folder and rename it into place; VersionConflict when the number is taken."""
    folder = plan_dir(data_dir, plan_id)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{number:04d}"
    staging = folder / f".{number:04d}.{secrets.token_hex(4)}"
    staging.mkdir()
    try:
        for kind, text in texts.items():
            _write(staging / file_name(plan_id, kind), text)
        _write(staging / META, meta)
        fsync_dir(staging)
        if target.exists():
            raise VersionConflict(f"versie {number} van '{plan_id}' bestaat al: iemand publiceerde intussen")
        try:
            os.rename(staging, target)  # onto an existing, non-empty folder this fails: one publisher wins
        except OSError:
            raise VersionConflict(f"versie {number} van '{plan_id}' bestaat al: iemand publiceerde intussen") from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    fsync_dir(folder)
    touch_stamp(data_dir)
    return target


def touch_stamp(data_dir: Path) -> None:
    stamp = data_dir / STAMP
    temporary = data_dir / f"{STAMP}.{secrets.token_hex(4)}"
    _write(temporary, dt.datetime.now(dt.UTC).isoformat() + f" {secrets.token_hex(4)}\n")
    os.replace(temporary, stamp)


def stamp_of(data_dir: Path) -> str:
    """What a serving process compares to know the published data changed (cheap: one stat)."""
    try:
        info = (data_dir / STAMP).stat()
    except FileNotFoundError:
        return ""
    return f"{info.st_mtime_ns}:{info.st_ino}:{info.st_size}"


def tidy(data_dir: Path, plan_id: str) -> None:
    """Remove what a crash left half written (call with the publish lock held: nobody is writing one now)."""
    folder = plan_dir(data_dir, plan_id)
    if folder.is_dir():
        for leftover in folder.glob(".*"):
            if leftover.is_dir():
                shutil.rmtree(leftover, ignore_errors=True)


@contextlib.contextmanager
def publish_lock(settings: Settings) -> Iterator[None]:
    """One publish at a time on this machine (all web workers and the CLI): the version check and the write
    happen under it. The lock file is in the admin folder, so the data folder only changes when a version lands."""
    settings.beheer_dir.mkdir(parents=True, exist_ok=True)
    with (settings.beheer_dir / "publiceren.lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
