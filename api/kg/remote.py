"""A GraphStore backed by any SPARQL 1.1 server (Oxigraph server, Fuseki, GraphDB, Virtuoso).

Configure the server with a union default graph (Oxigraph: --union-default-graph; Fuseki:
tdb2:unionDefaultGraph) so that queries see every plan, as with the embedded store.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlencode

import httpx
import pyoxigraph as ox

from api.errors import QuerySyntaxError, QueryTimeout, ResultTooLarge, StoreUnavailable
from api.kg.http_deadline import Answer, DeadlineClient, TooLarge
from api.kg.load import ParsedFile
from api.kg.namespaces import GRAPH, ONTOLOGY_GRAPH
from api.kg.results import DATASET_FORMATS, GRAPH_FORMATS, QueryResult, read_result
from api.kg.sparql_text import inline_bindings, query_form
from api.kg.store import DEFAULT_DATASET, Bindings, DatasetSpec, GraphStore

_INSERT_BATCH = 5_000


def _insert_line(quad: ox.Quad) -> str:
    triple = f"{quad.subject} {quad.predicate} {quad.object} ."
    return triple if isinstance(quad.graph_name, ox.DefaultGraph) else f"GRAPH {quad.graph_name} {{ {triple} }}"


class RemoteStore(GraphStore):
    """httpx's timeouts hold per read, so a server that drips one byte every few seconds would keep a
    request open for ever; every call here has one deadline for the whole answer instead."""

    def __init__(self, query_url: str, update_url: str | None = None, timeout: float = 30.0) -> None:
        self.query_url, self.update_url = query_url, update_url
        self.timeout = timeout
        self.http = DeadlineClient(timeout)

    def close(self) -> None:
        self.http.close()

    def _send(self, url: str, form: list[tuple[str, str]], accept: str, max_bytes: int) -> Answer:
        headers = {"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"}
        try:
            return self.http.post(url, urlencode(form).encode(), headers, max_bytes)
        except TimeoutError:
            raise QueryTimeout(
                f"de SPARQL-server {url} gaf geen volledig antwoord binnen de tijdslimiet van {self.timeout:g} s"
            ) from None
        except TooLarge:
            raise ResultTooLarge(f"Het resultaat is groter dan de limiet van {max_bytes:,} bytes.") from None
        except httpx.HTTPError as error:
            raise StoreUnavailable(f"de SPARQL-server {url} is niet bereikbaar: {error}") from None

    def _post(
        self, query: str, accept: str, bindings: Bindings | None, dataset: DatasetSpec, max_bytes: int = 200_000_000
    ) -> bytes:
        if bindings:
            query = inline_bindings(query, {name: str(term) for name, term in bindings.items()})
        data: list[tuple[str, str]] = [("query", query)]
        data += [("default-graph-uri", iri) for iri in dataset.default_graphs]
        data += [("named-graph-uri", iri) for iri in dataset.named_graphs]
        answer = self._send(self.query_url, data, accept, max_bytes)
        if answer.status == 400:
            raise QuerySyntaxError(answer.body.decode("utf-8", "replace"))
        if answer.status >= 300:
            text = answer.body[:500].decode("utf-8", "replace")
            raise StoreUnavailable(f"{self.query_url} antwoordde {answer.status}: {text}")
        return answer.body

    def result(
        self, query: str, *, bindings: Bindings | None = None, dataset: DatasetSpec = DEFAULT_DATASET
    ) -> QueryResult:
        form = query_form(query) or "SELECT"
        if form in ("SELECT", "ASK"):
            body = self._post(query, "application/sparql-results+json", bindings, dataset)
            return read_result(ox.parse_query_results(body, ox.QueryResultsFormat.JSON), form)
        body = self._post(query, "application/n-triples", bindings, dataset)
        triples = [quad.triple for quad in ox.parse(body, ox.RdfFormat.N_TRIPLES)]
        return QueryResult(form, triples=triples)

    def serialize(
        self,
        query: str,
        media_type: str,
        *,
        bindings: Bindings | None = None,
        dataset: DatasetSpec = DEFAULT_DATASET,
        max_bytes: int = 20_000_000,
    ) -> bytes:
        return self._post(query, media_type, bindings, dataset, max_bytes)

    def _update(self, update: str) -> None:
        if not self.update_url:
            raise StoreUnavailable("geen update-URL ingesteld (BELEIDSGRAAF_SPARQL_UPDATE_URL)")
        answer = self._send(self.update_url, [("update", update)], "*/*", 10_000_000)
        if answer.status >= 300:
            text = answer.body[:500].decode("utf-8", "replace")
            raise StoreUnavailable(f"{self.update_url} antwoordde {answer.status}: {text}")

    def replace(self, parsed: Sequence[ParsedFile]) -> int:
        wanted = set().union(*(item.graphs for item in parsed))
        present = self.result("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }").values("g")
        for graph in present:
            ours = graph.startswith(GRAPH) or graph == ONTOLOGY_GRAPH
            if ours and graph not in wanted:
                self._update(f"DROP SILENT GRAPH <{graph}>")
        for graph in wanted:
            self._update(f"DROP SILENT GRAPH <{graph}>")
        for item in parsed:
            for start in range(0, len(item.quads), _INSERT_BATCH):
                batch = item.quads[start : start + _INSERT_BATCH]
                lines = "\n".join(_insert_line(quad) for quad in batch)
                self._update(f"INSERT DATA {{\n{lines}\n}}")
        return len({quad for item in parsed for quad in item.quads})  # distinct, as the store keeps them

    def dump(self, media_type: str, graph: str | None = None) -> bytes:
        if graph is not None:
            query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
            return self._post(query, media_type, None, DEFAULT_DATASET)
        rows = self.result("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }").rows
        quads = [ox.Quad(row["s"], row["p"], row["o"], row["g"]) for row in rows]  # type: ignore[arg-type]
        format_ = DATASET_FORMATS.get(media_type) or GRAPH_FORMATS[media_type]
        return bytes(ox.serialize(quads, format=format_) or b"")
