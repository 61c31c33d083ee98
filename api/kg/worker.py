"""The query-worker template: `python -m api.kg.worker CONTROL_FD SETTINGS_JSON`.

One template process enters the sandbox, builds the store once and then forks a query worker for
every request on its control socket. A fork shares the built store copy-on-write, so a worker that
was killed for running over its time limit is replaced in milliseconds and without parsing graph/
again, and N workers cost about one copy of the store in memory. The template runs no threads and
serves no queries itself, which is what makes forking it safe. Started as a plain subprocess (not
multiprocessing), so it never re-imports the parent's __main__.
"""

from __future__ import annotations

import os
import signal
import socket
import sys
from multiprocessing.connection import Connection

from api.errors import BeleidsgraafError, DataError
from api.kg import sandbox
from api.kg.store import EmbeddedStore
from api.kg.store_location import store_location
from api.settings import Settings

SPAWN = b"spawn"


def open_worker_store(settings: Settings) -> EmbeddedStore:
    from api.kg.graph import open_on_disk, parse_sources

    location = store_location(settings)
    if location:
        store = open_on_disk(location)
        if store is None:  # the service opens (and if need be builds) the store before its workers start
            raise DataError(f"{location}: geen geladen store; draai eerst `beleidsgraaf load`")
        return store

    store = EmbeddedStore()
    store.replace(parse_sources(settings))
    return store


def serve(conn: Connection, store: EmbeddedStore) -> None:
    """Answer jobs until told to stop (None) or the other end goes away."""
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
            conn.send(("error", ("EngineFailure", f"de SPARQL-engine kon deze query niet uitvoeren: {error}")))
        except BaseException as error:  # a Rust panic (pyo3's PanicException) is no Exception
            if isinstance(error, KeyboardInterrupt | SystemExit):
                raise
            conn.send(("error", ("EngineFailure", f"de SPARQL-engine brak af op deze query: {error}")))


def _fork_worker(control: socket.socket, job_fd: int, store: EmbeddedStore | None, settings: Settings) -> int:
    pid = os.fork()
    if pid == 0:  # the worker
        code = 0
        try:
            control.close()
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            # An on-disk store runs background threads, so each worker opens it after the fork.
            serve(Connection(job_fd), store if store is not None else open_worker_store(settings))
        except BaseException:  # a worker never returns into the template's loop
            code = 1
        finally:
            os._exit(code)
    os.close(job_fd)
    return pid


def run_template(control: socket.socket, settings: Settings) -> None:
    store = None if store_location(settings) else open_worker_store(settings)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the kernel reaps workers the pool has killed
    control.sendall(b"ready\n")
    while True:
        try:
            message, fds, _, _ = socket.recv_fds(control, 64, 1)
        except OSError:
            return
        if not message or message != SPAWN or len(fds) != 1:
            for fd in fds:
                os.close(fd)
            return  # the pool closed the control socket (or sent nonsense): stop
        pid = _fork_worker(control, fds[0], store, settings)
        control.sendall(f"{pid}\n".encode())


if __name__ == "__main__":
    template_settings = Settings.model_validate_json(sys.argv[2])
    sandbox.enter(template_settings.query_sandbox)  # before any data is loaded or thread started
    run_template(socket.socket(fileno=int(sys.argv[1])), template_settings)
