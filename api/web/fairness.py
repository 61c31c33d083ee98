"""One client's share of the query workers: a few queries at a time per address, then 429.

Without it four clients that each send one runaway query hold every worker. The address is the
peer uvicorn reports (behind a proxy: the forwarded address, when uvicorn is told to trust it);
once accounts exist, their token is the natural key instead.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol

from api.errors import TooManyRequests
from api.kg.pool import Job
from api.web.metrics import query_event


class ClientLimiter:
    def __init__(self, per_client: int, retry_after: int) -> None:
        self.per_client = max(1, per_client)
        self.retry_after = retry_after
        self.running: Counter[str] = Counter()
        self.refused = 0

    @contextmanager
    def slot(self, client: str) -> Iterator[None]:
        if self.running[client] >= self.per_client:
            self.refused += 1
            query_event("refused")
            raise TooManyRequests(
                f"Er lopen al {self.running[client]} queries van dit adres; wacht tot die klaar zijn "
                "en probeer het dan opnieuw.",
                retry_after=self.retry_after,
            )
        self.running[client] += 1
        try:
            yield
        finally:
            self.running[client] -= 1
            if not self.running[client]:
                del self.running[client]


class QueryRunner(Protocol):
    async def run(self, job: Job) -> bytes: ...


class ClientRunner:
    """The query runner as one client sees it: its jobs count against its own share."""

    def __init__(self, runner: QueryRunner, limiter: ClientLimiter, client: str) -> None:
        self.runner, self.limiter, self.client = runner, limiter, client

    async def run(self, job: Job) -> bytes:
        with self.limiter.slot(self.client):
            return await self.runner.run(job)
