"""A query worker process: `python -m api.kg.worker FD SETTINGS_JSON`.

It holds its own read-only copy of the store and answers jobs over the inherited socket until told
to stop. Started as a plain subprocess (not multiprocessing), so it never re-imports the parent's
__main__ and can be killed at any moment without harming the service.
"""

from __future__ import annotations

import sys
from multiprocessing.connection import Connection

from api.errors import BeleidsgraafError, DataError
from api.kg import sandbox
from api.kg.store import EmbeddedStore
from api.settings import Settings


def open_worker_store(settings: Settings) -> EmbeddedStore:
    from api.kg.graph import open_on_disk, parse_sources

    if settings.store_path:
        store = open_on_disk(settings.store_path)
        if store is None:  # the service opens (and if need be builds) the store before its workers start
            raise DataError(f"{settings.store_path}: geen geladen store; draai eerst `beleidsgraaf load`")
        return store

    store = EmbeddedStore()
    store.replace(parse_sources(settings))
    return store


def serve(conn: Connection, settings: Settings) -> None:
    store = open_worker_store(settings)
    conn.send(("ready", None))
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        if job is None:
            return
        try:
            body = store.serialize(job.query, job.media_type, dataset=job.dataset, max_bytes=job.max_bytes)
            conn.send(("ok", body))
        except BeleidsgraafError as error:
            conn.send(("error", (type(error).__name__, getattr(error, "engine_message", str(error)))))
        except Exception as error:  # the engine failed on this query: report it and keep serving
            conn.send(("error", ("StoreUnavailable", f"de query kon niet worden uitgevoerd: {error}")))


if __name__ == "__main__":
    worker_settings = Settings.model_validate_json(sys.argv[2])
    sandbox.enter(worker_settings.query_sandbox)  # before any data is loaded or thread started
    serve(Connection(int(sys.argv[1])), worker_settings)
