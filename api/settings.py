"""One typed configuration, read from BELEIDSGRAAF_* environment variables."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal

from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Where the data lives, which store serves it, and the limits every query runs under."""

    model_config = SettingsConfigDict(env_prefix="BELEIDSGRAAF_")

    root: Path = PROJECT_ROOT
    # None: in memory while the sources are small, else on disk in <root>/var/store (api/kg/store_location.py).
    store_path: Path | None = None
    # bytes of source RDF (ontology/, graph/, published plans) above which the store goes on disk by default:
    # about 13x today's five plans. In memory, every process of the service holds a copy; on disk, one.
    store_on_disk_above: int = 16_000_000
    # A remote SPARQL 1.1 server replaces the embedded store when its query URL is set.
    sparql_query_url: str | None = None
    sparql_update_url: str | None = None
    base_iri: str = "https://beleidsgraaf.nl/"
    query_timeout: float = 30.0
    max_result_bytes: int = 20_000_000
    # largest request body /sparql reads (a POSTed query); larger ones get 413 before the rest is read.
    max_request_bytes: int = 1_000_000
    # seconds a client may take to send a request's head, and its body; slower ones get 408.
    request_read_timeout: float = 10.0
    # open connections per web worker; beyond it uvicorn answers 503 at once instead of queueing.
    max_connections: int = 256
    # workers for client SPARQL; named queries have their own reserved lane beside them.
    query_workers: int = 2
    named_query_workers: int = 1
    # how long a query may wait for a free worker before it gets 503 + Retry-After (not its time limit).
    query_queue_timeout: float = 10.0
    # client queries one address may have running or waiting at once; more get 429 + Retry-After.
    queries_per_client: int = 2
    # Query workers enter their own network namespace (no network at all): "auto" where the OS allows
    # it, "required" refuses to start a worker without it, "off" skips it. See api/kg/sandbox.py.
    query_sandbox: Literal["auto", "required", "off"] = "auto"
    # uvicorn worker processes for `beleidsgraaf serve`; each holds its own store and query workers.
    web_workers: int = 2
    # bytes of query answers kept in memory (embedded store only; 0 switches the cache off).
    response_cache_bytes: int = 64_000_000
    host: str = "127.0.0.1"
    port: int = 8000
    # Plans published through the service (one folder per plan, one per version); None: <root>/var/data.
    data_dir: Path | None = None
    # Accounts, the audit log and the session key; None: <root>/var/beheer. Never inside data_dir, so a
    # refused attempt (which the audit log records) leaves the published data byte for byte as it was.
    admin_dir: Path | None = None
    # The texts the curated plans were made from, one file per document as registered in graph/bronnen.ttl
    # (bg:bronbestand, bg:sha256). None: pages cite sections without "Toon bron". Never part of the repository.
    source_texts_dir: Path | None = None
    # lifetime of a /publiceren login
    session_hours: float = 8.0

    @property
    def graph_dir(self) -> Path:
        return self.root / "graph"

    @property
    def ontology_dir(self) -> Path:
        return self.root / "ontology"

    @property
    def rules_dir(self) -> Path:
        return self.ontology_dir / "regels"

    @property
    def queries_dir(self) -> Path:
        return self.root / "queries"

    @property
    def shapes_dir(self) -> Path:
        return self.root / "shapes"

    @property
    def published_dir(self) -> Path:
        return self.data_dir or self.root / "var" / "data"

    @property
    def beheer_dir(self) -> Path:
        return self.admin_dir or self.root / "var" / "beheer"


@cache
def get_settings() -> Settings:
    return Settings()
