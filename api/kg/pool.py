"""Run client queries where they can be stopped, fairly.

pyoxigraph cannot cancel a running query (oxigraph#1926), so every query runs in a worker process.
A query over its time limit is stopped by killing its worker; a new one is forked at once from the
template process (api.kg.worker), which holds the built store, so no graph is parsed again.

Fairness: the time limit starts when a worker takes the query, not while it waits for one; a query
that finds no worker free within `query_queue_timeout` gets ServiceBusy (503 with Retry-After), never
a timeout it did not cause. Named queries (the service's own, cheap questions) have a reserved lane
of workers that client SPARQL never occupies, so runaway client queries cannot stop the pages' and
the API's questions.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any, Literal

from api import errors
from api.errors import BeleidsgraafError, EngineFailure, QueryTimeout, ServiceBusy, StoreUnavailable
from api.kg.sandbox import has_own_network
from api.kg.store import DatasetSpec
from api.settings import Settings

Lane = Literal["client", "named"]


@dataclass(frozen=True)
class Job:
    query: str
    media_type: str
    dataset: DatasetSpec = field(default_factory=DatasetSpec)
    max_bytes: int = 20_000_000
    lane: Lane = "client"  # "named": one of queries/*.rq, may also use the reserved workers


log = logging.getLogger(__name__)


@dataclass(eq=False)
class Worker:
    pid: int
    conn: Connection
    lane: Lane
    isolated: bool = False  # in its own network namespace (see api.kg.sandbox)

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        self.conn.close()


EventHook = Callable[[str], None]  # told "timeout", "busy", "worker_started", ... (the web layer counts them)


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


class Template:
    """The forking template process: loads the store once, forks a worker on request."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.process: subprocess.Popen[bytes] | None = None
        self.control: socket.socket | None = None

    def start(self) -> None:
        ours, theirs = socket.socketpair()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "api.kg.worker", str(theirs.fileno()), self.settings.model_dump_json()],
            pass_fds=[theirs.fileno()],
        )
        theirs.close()
        self.control = ours
        if self._line() != "ready":
            self.stop()
            raise StoreUnavailable("het query-sjabloonproces kon de graaf niet laden")

    def _line(self) -> str:
        assert self.control is not None
        data = b""
        while not data.endswith(b"\n"):
            chunk = self.control.recv(64)
            if not chunk:
                return ""
            data += chunk
        return data.decode().strip()

    def fork(self) -> tuple[int, Connection]:
        """A new worker's pid and the pool's end of its job socket (blocking: call in a thread)."""
        assert self.control is not None
        ours, theirs = socket.socketpair()
        try:
            socket.send_fds(self.control, [b"spawn"], [theirs.fileno()])
            reply = self._line()
        except BaseException:
            ours.close()
            raise
        finally:
            theirs.close()
        if not reply.isdigit():
            ours.close()
            raise StoreUnavailable("het query-sjabloonproces antwoordt niet meer")
        return int(reply), Connection(ours.detach())

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self) -> None:
        if self.control is not None:
            self.control.close()
            self.control = None
        if self.process is not None:
            try:
                self.process.wait(timeout=2)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.process = None


class QueryPool:
    def __init__(self, settings: Settings, on_event: EventHook | None = None) -> None:
        self.settings = settings
        self.on_event = on_event
        self.lanes: dict[Lane, int] = {"client": max(1, settings.query_workers), "named": settings.named_query_workers}
        self.timeout = settings.query_timeout
        self.queue_timeout = settings.query_queue_timeout
        self.idle: dict[Lane, asyncio.Queue[Worker]] = {"client": asyncio.Queue(), "named": asyncio.Queue()}
        self.workers: set[Worker] = set()
        self.events: Counter[str] = Counter()
        self._template = Template(settings)
        self._fork_lock = asyncio.Lock()
        self._spawning: set[asyncio.Task[None]] = set()
        self._warned_unisolated = False

    def _event(self, name: str) -> None:
        self.events[name] += 1
        if self.on_event is not None:
            self.on_event(name)

    @property
    def size(self) -> int:
        return sum(self.lanes.values())

    @property
    def network_isolated(self) -> bool:
        """True when every running query worker has no network (for /health and /metrics)."""
        return bool(self.workers) and all(worker.isolated for worker in self.workers)

    @property
    def ready(self) -> bool:
        return self._template.alive and bool(self.workers)

    async def start(self) -> None:
        await asyncio.to_thread(self._template.start)
        for lane, count in self.lanes.items():
            for _ in range(count):
                await self._spawn(lane)

    async def _fork(self) -> tuple[int, Connection]:
        async with self._fork_lock:
            if not self._template.alive:  # only then is the graph parsed again
                self._template.stop()
                self._event("template_restarted")
                await asyncio.to_thread(self._template.start)
            return await asyncio.to_thread(self._template.fork)

    async def _spawn(self, lane: Lane) -> None:
        pid, conn = await self._fork()
        worker = Worker(pid, conn, lane)
        try:
            status, _ = await asyncio.wait_for(_receive(conn), timeout=60)
        except (EOFError, OSError, TimeoutError):
            status = "died"
        except asyncio.CancelledError:  # the pool is closing: this worker will never be used
            worker.kill()
            raise
        if status != "ready":
            worker.kill()
            raise StoreUnavailable("een query-werkproces kon niet starten")
        worker.isolated = has_own_network(pid)
        if not worker.isolated and self.settings.query_sandbox != "off" and not self._warned_unisolated:
            self._warned_unisolated = True
            log.warning(
                "Query-werkprocessen draaien zonder eigen netwerk-namespace (het OS weigert user "
                "namespaces); alleen de weigering van SERVICE bij het lezen van de query houdt "
                "verkeer naar andere hosts tegen."
            )
        self._event("worker_started")
        self.workers.add(worker)
        self.idle[lane].put_nowait(worker)

    def _replace(self, worker: Worker) -> None:
        self.workers.discard(worker)
        worker.kill()
        self._event("worker_replaced")
        task = asyncio.get_running_loop().create_task(self._respawn(worker.lane))
        self._spawning.add(task)
        task.add_done_callback(self._spawning.discard)

    async def _respawn(self, lane: Lane) -> None:
        for attempt in range(5):
            try:
                await self._spawn(lane)
                return
            except StoreUnavailable:
                log.exception("query-werkproces vervangen mislukt (poging %d)", attempt + 1)
                await asyncio.sleep(0.5 * (attempt + 1))

    async def _take(self, lane: Lane) -> Worker:
        """A free worker: named queries first look in their own lane, then in the client lane."""
        if lane == "named":
            for own in ("named", "client"):
                with contextlib.suppress(asyncio.QueueEmpty):
                    return self.idle[own].get_nowait()
            if not self.lanes["named"]:
                lane = "client"
        try:
            return await asyncio.wait_for(self.idle[lane].get(), timeout=self.queue_timeout)
        except TimeoutError:
            self._event("busy")
            raise ServiceBusy(
                f"Alle query-werkprocessen zijn bezet (na {self.queue_timeout:g} s wachten); "
                "probeer het over enkele seconden opnieuw.",
                retry_after=max(1, round(self.timeout)),
            ) from None

    async def run(self, job: Job) -> bytes:
        worker = await self._take(job.lane)
        started = time.monotonic()  # the limit counts from here: waiting for a worker is not the query's doing
        try:
            worker.conn.send(job)
            status, payload = await asyncio.wait_for(_receive(worker.conn), timeout=self.timeout)
        except TimeoutError:
            self._replace(worker)
            self._event("timeout")
            raise QueryTimeout(
                f"De query is na {time.monotonic() - started:.1f} s gestopt (tijdslimiet {self.timeout:g} s). "
                "The query was stopped at the time limit."
            ) from None
        except (EOFError, OSError):
            self._replace(worker)
            raise EngineFailure("het query-werkproces stopte onverwacht tijdens deze query") from None
        except asyncio.CancelledError:
            self._replace(worker)
            raise
        self.idle[worker.lane].put_nowait(worker)
        if status == "ok":
            return bytes(payload)
        _raise(*payload)
        raise AssertionError("unreachable")

    async def close(self) -> None:
        async with self._fork_lock:  # no fork half done when the template goes
            for task in list(self._spawning):
                task.cancel()
        await asyncio.gather(*self._spawning, return_exceptions=True)
        for worker in list(self.workers):
            with contextlib.suppress(OSError, BrokenPipeError):
                worker.conn.send(None)
        deadline = time.monotonic() + 2
        for worker in list(self.workers):
            while time.monotonic() < deadline and _alive(worker.pid):
                await asyncio.sleep(0.02)
            worker.kill()
        self.workers.clear()
        self._template.stop()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


class StoreRunner:
    """Runs client queries on a store that enforces its own limits (a remote SPARQL server)."""

    def __init__(self, store: Any) -> None:
        self.store = store

    async def start(self) -> None:
        return None

    @property
    def ready(self) -> bool:
        return True

    async def run(self, job: Job) -> bytes:
        body: bytes = await asyncio.to_thread(
            self.store.serialize, job.query, job.media_type, dataset=job.dataset, max_bytes=job.max_bytes
        )
        return body

    async def close(self) -> None:
        return None
