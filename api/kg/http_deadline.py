"""HTTP POSTs with one deadline for the whole exchange, callable from plain (threaded) code.

httpx's timeouts hold per read: a server that drips one byte every few seconds keeps a request open
for ever, head and body alike. Cancelling an asyncio task does stop it at any point, so the requests
run as tasks on one private event loop (in its own thread, with one pooled AsyncClient) under
asyncio.wait_for, and the calling thread waits for the result.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Coroutine
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from typing import Any, TypeVar

import httpx

T = TypeVar("T")


class TooLarge(Exception):
    """The answer grew past max_bytes; reading stopped there."""


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes


class DeadlineClient:
    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="remote-store-http", daemon=True)
        self._thread.start()
        self._client = self._run(self._make_client(), 10.0)

    async def _make_client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(timeout=httpx.Timeout(self.timeout, connect=min(self.timeout, 5.0)))

    def _run(self, coroutine: Coroutine[Any, Any, T], seconds: float) -> T:
        future = asyncio.run_coroutine_threadsafe(asyncio.wait_for(coroutine, seconds), self._loop)
        try:
            return future.result(seconds + 1.0)
        except FutureTimeout:
            future.cancel()
            raise TimeoutError from None

    def post(self, url: str, content: bytes, headers: dict[str, str], max_bytes: int) -> Answer:
        """Raises TimeoutError when the whole answer has not arrived within the timeout."""
        return self._run(self._post(url, content, headers, max_bytes), self.timeout)

    async def _post(self, url: str, content: bytes, headers: dict[str, str], max_bytes: int) -> Answer:
        async with self._client.stream("POST", url, content=content, headers=headers) as response:
            chunks: list[bytes] = []
            size = 0
            async for chunk in response.aiter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise TooLarge
                chunks.append(chunk)
            return Answer(response.status_code, b"".join(chunks))

    def close(self) -> None:
        if self._loop.is_closed():
            return
        try:
            self._run(self._client.aclose(), 5.0)
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout=5)
            self._loop.close()
