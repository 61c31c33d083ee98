"""Answers of read-only queries, kept while the data cannot change.

The embedded store is built from graph/ at start-up and never written while serving, so the same
query over the same dataset in the same format always gives the same bytes. A remote store may be
written by others, so no cache is used there.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable


class ResponseCache:
    """Least-recently-used, bounded by the total size of the cached bodies."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.size = 0
        self.entries: OrderedDict[Hashable, tuple[str, bytes]] = OrderedDict()

    def get(self, key: Hashable) -> tuple[str, bytes] | None:
        body = self.entries.get(key)
        if body is not None:
            self.entries.move_to_end(key)
        return body

    def put(self, key: Hashable, entry: tuple[str, bytes]) -> None:
        """Keep (media type, body); bodies over a quarter of the budget are not kept."""
        size = len(entry[1])
        if size > self.max_bytes // 4 or key in self.entries:
            return
        self.entries[key] = entry
        self.size += size
        while self.size > self.max_bytes:
            _, (_, evicted) = self.entries.popitem(last=False)
            self.size -= len(evicted)
