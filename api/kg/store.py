"""Where the graph is queried: the embedded Oxigraph store, or any SPARQL 1.1 server.

Every caller (CLI, web, checks, diagrams) talks to a GraphStore, so the same code serves from memory,
from disk, or from a remote Oxigraph/Fuseki/GraphDB/Virtuoso by configuration alone.
"""

from __future__ import annotations

import os
import weakref
from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pyoxigraph as ox

from api.errors import QuerySyntaxError
from api.kg.load import ParsedFile
from api.kg.namespaces import sparql_prologue
from api.kg.results import DATASET_FORMATS, GRAPH_FORMATS, QueryResult, read_result, serialize
from api.kg.sparql_text import declares_dataset, inline_bindings, query_form

Bindings = Mapping[str, ox.NamedNode | ox.Literal]


@dataclass(frozen=True)
class DatasetSpec:
    """The SPARQL protocol's default-graph-uri / named-graph-uri; empty means the union of all graphs."""

    default_graphs: Sequence[str] = field(default_factory=tuple)
    named_graphs: Sequence[str] = field(default_factory=tuple)
    base_iri: str | None = None  # against which relative IRIs in the query resolve

    @property
    def is_default(self) -> bool:
        return not self.default_graphs and not self.named_graphs


DEFAULT_DATASET = DatasetSpec()


class GraphStore(ABC):
    @abstractmethod
    def result(
        self, query: str, *, bindings: Bindings | None = None, dataset: DatasetSpec = DEFAULT_DATASET
    ) -> QueryResult:
        """Run a query and read the whole result into Python."""

    @abstractmethod
    def serialize(
        self,
        query: str,
        media_type: str,
        *,
        bindings: Bindings | None = None,
        dataset: DatasetSpec = DEFAULT_DATASET,
        max_bytes: int = 20_000_000,
    ) -> bytes:
        """Run a query and write its result in a media type of api.kg.results."""

    @abstractmethod
    def replace(self, parsed: Sequence[ParsedFile]) -> int:
        """Make the store hold exactly these files' graphs; returns the number of quads."""

    @abstractmethod
    def dump(self, media_type: str, graph: str | None = None) -> bytes:
        """All quads (N-Quads, TriG) or one graph's triples (Turtle, N-Triples, ...)."""

    def close(self) -> None:  # noqa: B027 - optional hook: only remote stores hold connections
        """Release connections; the embedded store needs nothing."""

    def select(self, query: str, bindings: Bindings | None = None) -> QueryResult:
        """Run one of our own queries with the standard prefixes available."""
        return self.result(sparql_prologue() + query, bindings=bindings)


class EmbeddedStore(GraphStore):
    """pyoxigraph in this process: in memory, or a read-only on-disk version (see api.kg.store_dir)."""

    def __init__(self, store: ox.Store | None = None, *, pin: int | None = None) -> None:
        self.store = store if store is not None else ox.Store()
        if pin is not None:  # the shared lock that keeps a load from deleting the on-disk version in use
            weakref.finalize(self, os.close, pin)

    def _run(
        self, query: str, bindings: Bindings | None, dataset: DatasetSpec
    ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        if bindings:
            query = inline_bindings(query, {name: str(term) for name, term in bindings.items()})
        options: dict[str, object] = {"base_iri": dataset.base_iri} if dataset.base_iri else {}
        if dataset.is_default:
            options["use_default_graph_as_union"] = not declares_dataset(query)
        else:
            options["default_graph"] = [ox.NamedNode(iri) for iri in dataset.default_graphs]
            options["named_graphs"] = [ox.NamedNode(iri) for iri in dataset.named_graphs]
        try:
            return self.store.query(query, **options)  # type: ignore[arg-type]
        except SyntaxError as error:
            raise QuerySyntaxError(str(error)) from None

    def result(
        self, query: str, *, bindings: Bindings | None = None, dataset: DatasetSpec = DEFAULT_DATASET
    ) -> QueryResult:
        return read_result(self._run(query, bindings, dataset), query_form(query) or "SELECT")

    def serialize(
        self,
        query: str,
        media_type: str,
        *,
        bindings: Bindings | None = None,
        dataset: DatasetSpec = DEFAULT_DATASET,
        max_bytes: int = 20_000_000,
    ) -> bytes:
        return serialize(self._run(query, bindings, dataset), media_type, max_bytes)

    def replace(self, parsed: Sequence[ParsedFile]) -> int:
        """Fill a fresh store, then swap it in with one assignment: a query sees the old data or the new."""
        fresh = ox.Store()
        for item in parsed:
            fresh.extend(item.quads)
        self.store = fresh
        return len(fresh)  # distinct quads, valid literals in canonical form, as the store keeps them

    def dump(self, media_type: str, graph: str | None = None) -> bytes:
        format_ = GRAPH_FORMATS[media_type]
        if graph is None:
            return bytes(self.store.dump(format=format_) or b"")
        name = ox.NamedNode(graph)
        if media_type in DATASET_FORMATS:
            quads = self.store.quads_for_pattern(None, None, None, name)
            return bytes(ox.serialize(quads, format=format_) or b"")
        return bytes(self.store.dump(format=format_, from_graph=name) or b"")

    def __len__(self) -> int:
        return len(self.store)
