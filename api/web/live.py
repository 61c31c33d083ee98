"""The data a web worker serves, as one generation that a publish replaces whole.

A generation is the store, its query workers and every cache of answers drawn from it. Each request is pinned to
the generation that was current when it arrived (a context variable), so it never mixes an old store with a new
cache. After a publish the new generation is built beside the old one while readers go on being served from the
old; one assignment swaps it in, and the old one is closed once its requests have had time to finish.

Other web workers notice a publish by the stamp file in the data directory (api.kg.publishing.versions.STAMP),
looked at no more than once a second, and rebuild the same way.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from starlette.datastructures import State
from starlette.types import ASGIApp, Receive, Scope, Send

from api.kg import graph
from api.kg.pool import QueryPool, StoreRunner
from api.kg.publishing.versions import stamp_of, touch_stamp
from api.kg.queries import catalog
from api.kg.search_index import SearchIndex
from api.kg.store import GraphStore
from api.kg.store_location import store_location
from api.settings import Settings
from api.web import metrics
from api.web.cache import ResponseCache
from api.web.search import close_index, start_index

log = logging.getLogger(__name__)
PER_GENERATION = ("store", "runner", "cache", "quads", "monitors", "samenhang_findings", "search_index")
CHECK_EVERY = 1.0  # seconds between two looks at the stamp


@dataclass(eq=False)
class Generation:
    store: GraphStore
    runner: QueryPool | StoreRunner
    cache: ResponseCache | None
    quads: int | None
    stamp: str
    monitors: OrderedDict[Any, Any] | None = None
    samenhang_findings: Any = None
    search_index: asyncio.Task[SearchIndex] | None = None  # api.web.search: started at opening, awaited by searches
    born: float = field(default_factory=time.monotonic)


_pinned: ContextVar[Generation | None] = ContextVar("beleidsgraaf_generation", default=None)


class LiveState(State):
    """app.state whose store, runner and caches are those of the request's generation."""

    def _generation(self) -> Generation | None:
        pinned = _pinned.get()
        return pinned if pinned is not None else self._state.get("live")

    def __getattr__(self, key: Any) -> Any:
        if key in PER_GENERATION:
            generation = self._generation()
            if generation is not None:
                return getattr(generation, key)
        return super().__getattr__(key)

    def __setattr__(self, key: Any, value: Any) -> None:
        generation = self._generation() if key in PER_GENERATION else None
        if generation is not None:
            setattr(generation, key, value)
        else:
            super().__setattr__(key, value)


def _remote(settings: Settings) -> bool:
    return bool(settings.sparql_query_url)


async def open_generation(settings: Settings) -> Generation:
    stamp = stamp_of(settings.published_dir)
    store = await asyncio.to_thread(graph.open_store, settings)
    remote = _remote(settings)
    runner: QueryPool | StoreRunner = (
        StoreRunner(store) if remote else QueryPool(settings, on_event=metrics.query_event)
    )
    try:
        await runner.start()
    except BaseException:
        await runner.close()
        store.close()
        raise
    cache = ResponseCache(settings.response_cache_bytes) if settings.response_cache_bytes and not remote else None
    generation = Generation(store, runner, cache, None if remote else len(store), stamp)  # type: ignore[arg-type]
    generation.search_index = start_index(store, catalog(settings.queries_dir))
    return generation


async def close_generation(generation: Generation) -> None:
    close_index(generation.search_index)
    await generation.runner.close()
    generation.store.close()


class Live:
    """Owns the current generation of one web worker and replaces it when the published data changes."""

    def __init__(self, state: LiveState, settings: Settings, grace: float | None = None) -> None:
        self.state = state
        self.settings = settings
        self.grace = settings.query_timeout + 5 if grace is None else grace
        self.lock = asyncio.Lock()
        self.checked = 0.0
        self.pending: set[asyncio.Task[None]] = set()
        self.retired: list[Generation] = []  # replaced, closed after the grace period or at shutdown

    @property
    def current(self) -> Generation:
        generation: Generation = self.state._state["live"]
        return generation

    async def start(self) -> None:
        self.state._state["live"] = await open_generation(self.settings)

    async def reload(self, *, build: bool = False) -> None:
        """Swap in a generation built from the data as it is now; `build`: this process just published, so an
        on-disk or remote store is loaded again first (by it alone)."""
        async with self.lock:
            if build and (store_location(self.settings) or _remote(self.settings)):
                await asyncio.to_thread(graph.load, self.settings)
                touch_stamp(self.settings.published_dir)  # the others reopen only once the load is complete
            if not build and stamp_of(self.settings.published_dir) == self.current.stamp:
                return
            fresh = await open_generation(self.settings)
            old, self.state._state["live"] = self.current, fresh
            log.info("gepubliceerde gegevens opnieuw geladen (%s quads)", fresh.quads)
        self.retired.append(old)
        self._later(close_generation, old)

    def _later(self, work: Callable[[Generation], Awaitable[None]], generation: Generation) -> None:
        async def run() -> None:
            await asyncio.sleep(self.grace)  # requests pinned to it may still be running
            self.retired.remove(generation)
            await work(generation)

        task = asyncio.get_running_loop().create_task(run())
        self.pending.add(task)
        task.add_done_callback(self.pending.discard)

    def notice(self) -> None:
        """Called per request: start a reload in the background when another process published."""
        now = time.monotonic()
        if now - self.checked < CHECK_EVERY or self.lock.locked():
            return
        self.checked = now
        if stamp_of(self.settings.published_dir) != self.current.stamp:
            task = asyncio.get_running_loop().create_task(self._background())
            self.pending.add(task)
            task.add_done_callback(self.pending.discard)

    async def _background(self) -> None:
        try:
            await self.reload()
        except Exception:  # keep serving the old generation; the next request tries again
            log.exception("opnieuw laden na een publicatie mislukt; de vorige versie blijft in gebruik")

    async def close(self) -> None:
        for task in list(self.pending):
            task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.gather(*self.pending, return_exceptions=True)
        for generation in [*self.retired, self.current]:
            await close_generation(generation)
        self.retired.clear()


class PinGeneration:
    """Outermost middleware: each request keeps the generation that was current when it came in."""

    def __init__(self, app: ASGIApp, live: Callable[[], Live | None]) -> None:
        self.app = app
        self.live = live

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        live = self.live() if scope["type"] == "http" else None
        if live is None:
            await self.app(scope, receive, send)
            return
        live.notice()
        token = _pinned.set(live.current)
        try:
            await self.app(scope, receive, send)
        finally:
            _pinned.reset(token)
