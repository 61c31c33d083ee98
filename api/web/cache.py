"""Answers of read-only queries, kept while the data cannot change.

The embedded store is built from graph/ at start-up and never written while serving, so the same
query over the same dataset in the same format always gives the same bytes. A remote store may be
written by others, so no cache is used there.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Hashable

from api.web.metrics import CACHE

ENTRY_OVERHEAD = 200  # bytes an entry costs besides its body: digest, tuple, media type, dict slot


def digest(key: Hashable) -> bytes:
    """A fixed-size stand-in for a key: a 10 MB query as key would otherwise be kept beside its answer."""
    return hashlib.blake2b(repr(key).encode("utf-8", "surrogatepass"), digest_size=20).digest()


class ResponseCache:
    """Least-recently-used, bounded by what its entries cost in memory: bodies plus keys."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.size = 0
        self.hits = 0
        self.misses = 0
        self.entries: OrderedDict[bytes, tuple[str, bytes]] = OrderedDict()

    @staticmethod
    def cost(entry: tuple[str, bytes]) -> int:
        return len(entry[1]) + len(entry[0]) + ENTRY_OVERHEAD

    def get(self, key: Hashable) -> tuple[str, bytes] | None:
        name = digest(key)
        entry = self.entries.get(name)
        if entry is None:
            self.misses += 1
            CACHE.labels("miss").inc()
            return None
        self.hits += 1
        CACHE.labels("hit").inc()
        self.entries.move_to_end(name)
        return entry

    def put(self, key: Hashable, entry: tuple[str, bytes]) -> None:
        """Keep (media type, body); entries over a quarter of the budget are not kept."""
        name, cost = digest(key), self.cost(entry)
        if cost > self.max_bytes // 4 or name in self.entries:
            return
        self.entries[name] = entry
        self.size += cost
        while self.size > self.max_bytes:
            _, evicted = self.entries.popitem(last=False)
            self.size -= self.cost(evicted)
