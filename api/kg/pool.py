"""Run client queries where they can be stopped.

pyoxigraph cannot cancel a running query (oxigraph#1926), so every client query runs in a worker
process with its own read-only copy of the store. A query over its time limit is stopped by killing
that worker, which is replaced at once; the other workers keep answering meanwhile.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import subprocess
import sys
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any

from api import errors
from api.errors import BeleidsgraafError, QueryTimeout, StoreUnavailable
from api.kg.sandbox import has_own_network
from api.kg.store import DatasetSpec
from api.settings import Settings


@dataclass(frozen=True)
class Job:
    query: str
    media_type: str
    dataset: DatasetSpec = field(default_factory=DatasetSpec)
    max_bytes: int = 20_000_000


log = logging.getLogger(__name__)


@dataclass(eq=False)
class Worker:
    process: subprocess.Popen[bytes]
    conn: Connection
    isolated: bool = False  # in its own network namespace (see api.kg.sandbox)


async def _receive(conn: Connection) -> Any:
    loop = asyncio.get_running_loop()
    ready: asyncio.Future[None] = loop.create_future()

    def wake() -> None:
        if not ready.done():
            ready.set_result(None)

    loop.add_reader(conn.fileno(), wake)
    try:
        await ready
    finally:
        loop.remove_reader(conn.fileno())
        # uvloop leaves the descriptor non-blocking; a result larger than one read must still arrive whole.
        os.set_blocking(conn.fileno(), True)
    return conn.recv()


def _raise(kind: str, message: str) -> None:
    error_class = getattr(errors, kind, StoreUnavailable)
    if not (isinstance(error_class, type) and issubclass(error_class, BeleidsgraafError)):
        error_class = StoreUnavailable
    raise error_class(message)


class QueryPool:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.size = max(1, settings.query_workers)
        self.timeout = settings.query_timeout
        self.idle: asyncio.Queue[Worker] = asyncio.Queue()
        self.workers: set[Worker] = set()
        self._spawning: set[asyncio.Task[None]] = set()
        self._warned_unisolated = False

    @property
    def network_isolated(self) -> bool:
        """True when every running query worker has no network (for /health and /metrics)."""
        return bool(self.workers) and all(worker.isolated for worker in self.workers)

    async def start(self) -> None:
        await asyncio.gather(*(self._spawn() for _ in range(self.size)))

    async def _spawn(self) -> None:
        ours, theirs = socket.socketpair()
        process = subprocess.Popen(
            [sys.executable, "-m", "api.kg.worker", str(theirs.fileno()), self.settings.model_dump_json()],
            pass_fds=[theirs.fileno()],
        )
        theirs.close()
        worker = Worker(process, Connection(ours.detach()))
        try:
            status, _ = await _receive(worker.conn)
        except EOFError:
            status = "died"
        if status != "ready":
            process.kill()
            raise StoreUnavailable("een query-werkproces kon de graaf niet laden")
        worker.isolated = has_own_network(process.pid)
        if not worker.isolated and self.settings.query_sandbox != "off" and not self._warned_unisolated:
            self._warned_unisolated = True
            log.warning(
                "Query-werkprocessen draaien zonder eigen netwerk-namespace (het OS weigert user "
                "namespaces); alleen de weigering van SERVICE bij het lezen van de query houdt "
                "verkeer naar andere hosts tegen."
            )
        self.workers.add(worker)
        self.idle.put_nowait(worker)

    def _replace(self, worker: Worker) -> None:
        self.workers.discard(worker)
        worker.process.kill()
        worker.process.wait(timeout=5)
        worker.conn.close()
        task = asyncio.get_running_loop().create_task(self._spawn())
        self._spawning.add(task)
        task.add_done_callback(self._spawning.discard)

    async def run(self, job: Job) -> bytes:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.timeout
        try:
            worker = await asyncio.wait_for(self.idle.get(), timeout=self.timeout)
        except TimeoutError:
            raise QueryTimeout(
                f"Alle query-werkprocessen waren {self.timeout:g} s bezet; probeer het later opnieuw."
            ) from None
        try:
            worker.conn.send(job)
            status, payload = await asyncio.wait_for(_receive(worker.conn), timeout=deadline - loop.time())
        except TimeoutError:
            self._replace(worker)
            raise QueryTimeout(
                f"De query is na {self.timeout:g} s gestopt (tijdslimiet). The query was stopped at the time limit."
            ) from None
        except (EOFError, OSError, asyncio.CancelledError):
            self._replace(worker)
            raise
        self.idle.put_nowait(worker)
        if status == "ok":
            return bytes(payload)
        _raise(*payload)
        raise AssertionError("unreachable")

    async def close(self) -> None:
        for task in list(self._spawning):
            task.cancel()
        for worker in list(self.workers):
            with contextlib.suppress(OSError, BrokenPipeError):
                worker.conn.send(None)
        for worker in list(self.workers):
            try:
                worker.process.wait(timeout=2)
            except subprocess.TimeoutExpired:
                worker.process.kill()
                worker.process.wait()
            worker.conn.close()
        self.workers.clear()


class StoreRunner:
    """Runs client queries on a store that enforces its own limits (a remote SPARQL server)."""

    def __init__(self, store: Any) -> None:
        self.store = store

    async def start(self) -> None:
        return None

    async def run(self, job: Job) -> bytes:
        body: bytes = await asyncio.to_thread(
            self.store.serialize, job.query, job.media_type, dataset=job.dataset, max_bytes=job.max_bytes
        )
        return body

    async def close(self) -> None:
        return None
