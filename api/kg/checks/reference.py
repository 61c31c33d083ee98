"""The reference: the same shapes validated by pySHACL on the same data, read back as RawResults.

pySHACL is slow (pySHACL #237) but it is the SHACL implementation we trust; tests assert that the fast
engine reports exactly the results pySHACL reports on the real graph and on every example.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path as FilePath

import pyshacl
from rdflib import Graph, Literal
from rdflib.namespace import RDF
from rdflib.term import Node

from api.kg.checks.model import RawResult, Severity
from api.kg.checks.paths import parse_path
from api.kg.checks.shapes import SH, node_id, sh
from api.kg.checks.terms import display, exact, is_iri
from api.kg.namespaces import PREFIXES
from api.kg.store import GraphStore


def union_graph(store: GraphStore) -> Graph:
    """The union of all named graphs of the store (ontology included), as one rdflib Graph."""
    data = store.serialize("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "application/n-triples", max_bytes=2**31)
    return Graph().parse(data=data, format="nt")


def files_graph(paths: Iterable[FilePath]) -> Graph:
    graph = Graph()
    for path in paths:
        graph.parse(path, format="turtle")
    return graph


def validate_with_pyshacl(data: Graph, shapes: Graph) -> list[RawResult]:
    """pySHACL's results for data against shapes, without inference, every severity kept."""
    _, report, _ = pyshacl.validate(
        data,
        shacl_graph=shapes,
        inference="none",
        abort_on_first=False,
        allow_infos=True,
        allow_warnings=True,
        advanced=False,
    )
    assert isinstance(report, Graph)
    return [_result(report, node) for node in report.subjects(RDF.type, sh("ValidationResult"))]


def _result(report: Graph, node: Node) -> RawResult:
    focus, shape = report.value(node, sh("focusNode")), report.value(node, sh("sourceShape"))
    if focus is None or shape is None:
        raise ValueError(f"pySHACL gave a result without focus node or source shape: {node}")
    value = report.value(node, sh("value"))
    path_node = report.value(node, sh("resultPath"))
    path = parse_path(report, path_node, node_id(shape)) if path_node is not None else None
    messages = tuple(
        sorted((m.language or "", str(m)) for m in report.objects(node, sh("resultMessage")) if isinstance(m, Literal))
    )
    return RawResult(
        shape=node_id(shape),
        component=str(report.value(node, sh("sourceConstraintComponent"))),
        severity=Severity.from_iri(str(report.value(node, sh("resultSeverity")) or SH + "Violation")),
        focus=display(focus),
        path=path.text(PREFIXES) if path else None,
        value=display(value) if value is not None else None,
        value_is_iri=value is not None and is_iri(value),
        messages=messages,
        focus_term=exact(focus),
        value_term=exact(value) if value is not None else None,
        path_node=path,
    )
