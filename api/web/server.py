"""How `beleidsgraaf serve` runs uvicorn: every limit set on purpose, none left at "unbounded".

uvicorn's httptools protocol closes idle keep-alive connections but puts no deadline on a request
head that never completes and no cap on its size: 200 half-open connections that sent half a request
line stayed open for good. GuardedHttpToolsProtocol adds both; the body has its own deadline in
api.web.sparql.read_body.
"""

from __future__ import annotations

import asyncio
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from api.settings import Settings, get_settings

HEAD_TOO_LARGE = (
    b"HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-type: text/plain; charset=utf-8\r\n"
    b"connection: close\r\ncontent-length: 37\r\n\r\nDe kop van het verzoek is te groot.\r\n"
)
HEAD_TOO_SLOW = (
    b"HTTP/1.1 408 Request Timeout\r\ncontent-type: text/plain; charset=utf-8\r\n"
    b"connection: close\r\ncontent-length: 39\r\n\r\nDe kop van het verzoek kwam te traag.\r\n"
)


class GuardedHttpToolsProtocol(HttpToolsProtocol):
    head_bytes = 64 * 1024

    @property
    def head_seconds(self) -> float:
        return get_settings().request_read_timeout  # read in each web worker, from its environment

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        self._head_timer: asyncio.TimerHandle | None = None
        self._head_size = 0
        self._refused = False
        super().connection_made(transport)
        self._arm()

    def _waiting_for_head(self) -> bool:
        return self.cycle is None or self.cycle.response_complete

    def _arm(self) -> None:
        if self._head_timer is None:
            self._head_timer = self.loop.call_later(self.head_seconds, self._head_late)

    def _disarm(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _refuse(self, response: bytes) -> None:
        self._refused = True
        self._disarm()
        if not self.transport.is_closing():
            self.transport.write(response)
            self.transport.close()

    def _head_late(self) -> None:
        self._head_timer = None
        if self._waiting_for_head():
            self._refuse(HEAD_TOO_SLOW)

    def data_received(self, data: bytes) -> None:
        if self._refused:
            return
        if self._waiting_for_head():
            self._arm()
        super().data_received(data)

    def on_message_begin(self) -> None:
        self._head_size = 0
        super().on_message_begin()

    def _count(self, size: int) -> None:
        self._head_size += size
        if self._head_size > self.head_bytes:
            self._refuse(HEAD_TOO_LARGE)
            raise ValueError("request head too large")  # stops the parser; answered above

    def on_url(self, url: bytes) -> None:
        self._count(len(url))
        super().on_url(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        self._count(len(name) + len(value) + 4)
        super().on_header(name, value)

    def on_headers_complete(self) -> None:
        self._disarm()
        super().on_headers_complete()

    def send_400_response(self, msg: str) -> None:
        if not self._refused:
            super().send_400_response(msg)

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)


def uvicorn_options(settings: Settings, workers: int) -> dict[str, Any]:
    """The server's limits, one place: what each is for is in api/settings.py."""
    return {
        "http": GuardedHttpToolsProtocol,
        "workers": workers,
        "timeout_keep_alive": 5,
        "limit_concurrency": settings.max_connections,  # per web worker; beyond it uvicorn answers 503
        "backlog": 2048,
        # A busy machine must not make the supervisor kill workers that are still loading the graph.
        "timeout_worker_healthcheck": 60,
        "timeout_graceful_shutdown": 10,
        "proxy_headers": False,
    }
