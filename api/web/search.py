"""Search for visitors: the generation's full-text index (api.kg.search_index), then zoektreffers.rq in the workers.

The index is started when a generation is opened, in a thread beside the event loop and without holding up the
opening: after a publish the old generation serves while the new one is built, and the first search usually finds
the index ready. A search that comes earlier waits for that same build; a failed build is started again by the
next search. /queries/zoek keeps answering with zoek.rq, the standard SPARQL any researcher can run elsewhere.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from fastapi import Request

from api.kg.queries import QueryCatalog
from api.kg.search_index import SearchIndex, hits_query
from api.web.pages.common import Record, select_in_workers

log = logging.getLogger(__name__)


def start_index(store: Any, queries: QueryCatalog) -> asyncio.Task[SearchIndex]:
    """Build the index of this store in a thread; the task is awaited by searches, never by the opening."""
    task = asyncio.get_running_loop().create_task(asyncio.to_thread(SearchIndex.build, store, queries))
    task.add_done_callback(_report_failure)
    return task


def _report_failure(task: asyncio.Task[SearchIndex]) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("zoekindex bouwen mislukt; de volgende zoekvraag probeert het opnieuw", exc_info=task.exception())


def close_index(task: asyncio.Task[SearchIndex] | None) -> None:
    """Free a retired generation's index (or drop its unfinished build)."""
    if task is None:
        return
    if not task.done():
        task.cancel()
    elif not task.cancelled() and task.exception() is None:
        task.result().close()


async def current_index(request: Request) -> SearchIndex:
    """The index of the request's generation, built now if it was not (or its build failed)."""
    state = request.app.state
    task: asyncio.Task[SearchIndex] | None = state.search_index
    if task is None or (task.done() and (task.cancelled() or task.exception() is not None)):
        task = state.search_index = start_index(state.store, state.catalog)
    # shielded: a visitor who goes away does not cancel the build the next search needs
    return await asyncio.shield(task)


async def search_records(request: Request, text: str) -> list[Record]:
    """The rows zoek.rq would give (knoop, naam, gevonden, score, soort, documenten), found by the index."""
    index = await current_index(request)
    hits = await asyncio.to_thread(index.search, text)
    if not hits:
        return []
    result = await select_in_workers(request.app.state.runner, hits_query(request.app.state.catalog, hits))
    rows: list[Record] = result.records()
    return rows
