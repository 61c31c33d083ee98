"""Open the configured store and (re)build it from the curated Turtle."""

from __future__ import annotations

from dataclasses import dataclass

from api.kg.load import ParsedFile, discover, parse_all
from api.kg.store import EmbeddedStore, GraphStore
from api.settings import Settings


@dataclass(frozen=True)
class LoadReport:
    files: int
    graphs: int
    quads: int
    target: str


def parse_sources(settings: Settings) -> list[ParsedFile]:
    return parse_all(discover(settings.ontology_dir, settings.graph_dir))


def _target(settings: Settings) -> str:
    if settings.sparql_query_url:
        return settings.sparql_update_url or settings.sparql_query_url
    return str(settings.store_path) if settings.store_path else "geheugen (in-memory)"


def load(settings: Settings) -> LoadReport:
    """Parse every file first, then replace the store's graphs: idempotent, all or nothing on errors."""
    parsed = parse_sources(settings)
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
    if settings.store_path:
        return EmbeddedStore.on_disk(settings.store_path)
    return EmbeddedStore()


def open_store(settings: Settings) -> GraphStore:
    """The store to query: remote when configured, else on disk (built if absent), else in memory."""
    if settings.sparql_query_url:
        from api.kg.remote import RemoteStore

        return RemoteStore(settings.sparql_query_url, settings.sparql_update_url, settings.query_timeout)
    if settings.store_path:
        if not settings.store_path.exists():
            load(settings)
        return EmbeddedStore.on_disk(settings.store_path, read_only=True)
    store = EmbeddedStore()
    store.replace(parse_sources(settings))
    return store
