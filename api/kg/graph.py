"""Open the configured store and (re)build it from the curated Turtle."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from api.errors import DataError
from api.kg import store_dir
from api.kg.inference import infer
from api.kg.load import ParsedFile, discover, parse_all
from api.kg.progress import Progress, silent
from api.kg.store import EmbeddedStore, GraphStore
from api.kg.store_location import source_fingerprint, store_location
from api.settings import Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LoadReport:
    files: int
    graphs: int
    quads: int
    target: str


def parse_stated(settings: Settings, progress: Progress = silent) -> list[ParsedFile]:
    """ontology/ and graph/, with the plans published into the data directory in their current version: what the
    files say, nothing inferred."""
    from api.kg.publishing.overlay import apply_published

    files = discover(settings.ontology_dir, settings.graph_dir)
    return apply_published(parse_all(files, progress), settings.published_dir)


def parse_sources(settings: Settings, progress: Progress = silent) -> list[ParsedFile]:
    """What is stated, and what the ontology's rules entail from it (api.kg.inference)."""
    return infer(parse_stated(settings, progress), settings.rules_dir, progress)


def parse_sources_with_plan(settings: Settings, plan_id: str, texts: Mapping[str, str]) -> list[ParsedFile]:
    """The data as it would be served with these files of the plan in place (a version being checked or
    published), the inferences made once, on that data."""
    from api.kg.publishing.overlay import with_plan

    return infer(with_plan(parse_stated(settings), plan_id, texts), settings.rules_dir)


def _target(settings: Settings) -> str:
    if settings.sparql_query_url:
        return settings.sparql_update_url or settings.sparql_query_url
    location = store_location(settings)
    return str(location) if location else "geheugen (in-memory)"


def load(settings: Settings, progress: Progress = silent) -> LoadReport:
    """Parse every file first, then replace the store's data: idempotent, all or nothing on errors.

    On disk the new data goes into a new version beside the old one and a pointer switches over, so a
    crash at any moment leaves the old or the new data, complete (api.kg.store_dir).
    """
    location = store_location(settings)
    fingerprint = source_fingerprint(settings) if location else ""  # before parsing: a change meanwhile rebuilds
    parsed = parse_sources(settings, progress)
    if location:
        quads = store_dir.build_version(location, parsed, fingerprint, progress)
    else:
        store = _writable_store(settings)
        try:
            quads = store.replace(parsed)
        finally:
            store.close()
    return LoadReport(len(parsed), len(set().union(*(p.graphs for p in parsed))), quads, _target(settings))


def _writable_store(settings: Settings) -> GraphStore:
    if settings.sparql_query_url:
        from api.kg.remote import RemoteStore

        return RemoteStore(settings.sparql_query_url, settings.sparql_update_url, settings.query_timeout)
    return EmbeddedStore()


def open_on_disk(root: Path) -> EmbeddedStore | None:
    """The on-disk version in use, read-only; None when no load has finished there yet."""
    store_dir.tidy(root)
    opened = store_dir.open_current(root)
    if opened is None:
        return None
    return EmbeddedStore(opened[0], pin=opened[1])


def ensure_built(settings: Settings, location: Path, progress: Progress = silent) -> bool:
    """Build the on-disk store when it holds no version of the current sources; True when it built one.

    One process builds while the others wait for it (a lock beside the store), then find it current.
    """
    fingerprint = source_fingerprint(settings)
    if store_dir.current_fingerprint(location) == fingerprint:
        return False
    location.mkdir(parents=True, exist_ok=True)
    with store_dir.build_lock(location):
        if store_dir.current_fingerprint(location) == fingerprint:
            return False  # built by another process while this one waited
        if store_dir.is_legacy(location):
            log.warning("%s: store van vóór de versie-indeling; wordt opnieuw opgebouwd", location)
        elif store_dir.current_version(location) is not None:
            log.info("%s: de bronnen zijn veranderd sinds de store gebouwd werd; opnieuw opbouwen", location)
        load(settings, progress)
    return True


def build_or_keep(settings: Settings, location: Path, progress: Progress = silent) -> tuple[bool, DataError | None]:
    """ensure_built, except that bad sources change nothing where a good version exists: that one goes on
    serving and the error comes back to be reported (built, error). Without an earlier version it is raised."""
    try:
        return ensure_built(settings, location, progress), None
    except DataError as error:
        if store_dir.current_version(location) is None:
            raise
        return False, error


def open_store(settings: Settings) -> GraphStore:
    """The store to query: remote when configured, else on disk (built if absent or out of date), else in
    memory (see api.kg.store_location for which)."""
    if settings.sparql_query_url:
        from api.kg.remote import RemoteStore

        return RemoteStore(settings.sparql_query_url, settings.sparql_update_url, settings.query_timeout)
    location = store_location(settings)
    if location:
        _, kept = build_or_keep(settings, location)
        if kept is not None:
            log.error("%s; de store blijft de vorige versie gebruiken", kept)
        store = open_on_disk(location)
        if store is None:
            raise DataError(f"{location}: de store kon niet worden geopend na het laden")
        return store
    store = EmbeddedStore()
    store.replace(parse_sources(settings))
    return store
