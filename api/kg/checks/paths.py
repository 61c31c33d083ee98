"""SHACL property paths: read from the shapes graph, written as SPARQL and as readable text.

One small syntax tree serves both engines: the compiler writes it as a SPARQL property path, and the
path of a result (ours or pySHACL's) is written as text the same way, so the two can be compared.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from rdflib import BNode, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF

from api.kg.checks.errors import ShapeError

SH = "http://www.w3.org/ns/shacl#"
_UNARY = {"inversePath": "^", "zeroOrMorePath": "*", "oneOrMorePath": "+", "zeroOrOnePath": "?"}


@dataclass(frozen=True)
class Path:
    """A predicate path (op "iri"), or an operator over sub-paths: ^ * + ? / |."""

    op: str
    iri: str = ""
    parts: tuple[Path, ...] = ()

    def sparql(self) -> str:
        if self.op == "iri":
            return f"<{self.iri}>"
        inner = [part.sparql() for part in self.parts]
        if self.op == "^":
            return f"^({inner[0]})"
        if self.op in "*+?":
            return f"({inner[0]}){self.op}"
        return "(" + self.op.join(inner) + ")"

    def text(self, prefixes: Mapping[str, str]) -> str:
        if self.op == "iri":
            return compact(self.iri, prefixes)
        inner = [part.text(prefixes) for part in self.parts]
        if self.op == "^":
            return "^" + _wrap(self.parts[0], inner[0])
        if self.op in "*+?":
            return _wrap(self.parts[0], inner[0]) + self.op
        return self.op.join(_wrap(part, text) for part, text in zip(self.parts, inner, strict=True))


def _wrap(part: Path, text: str) -> str:
    return text if part.op == "iri" else f"({text})"


def compact(iri: str, prefixes: Mapping[str, str]) -> str:
    """bg:zwaartepuntOpgave for a known namespace, else the full IRI in angle brackets."""
    for name, namespace in sorted(prefixes.items(), key=lambda item: -len(item[1])):
        if iri.startswith(namespace) and iri != namespace:
            return f"{name}:{iri[len(namespace) :]}"
    return f"<{iri}>"


def parse_path(graph: Graph, node: object, shape: str) -> Path:
    """The path starting at node in graph; an ill-formed path is a ShapeError naming the shape."""
    if isinstance(node, URIRef):
        return Path("iri", iri=str(node))
    if not isinstance(node, BNode):
        raise ShapeError(shape, f"sh:path {node!r} is geen IRI of pad")
    if graph.value(node, RDF.first) is not None:
        items = list(Collection(graph, node))
        if len(items) < 2:
            raise ShapeError(shape, "een sequentiepad heeft minstens twee stappen nodig")
        return Path("/", parts=tuple(parse_path(graph, item, shape) for item in items))
    alternatives = graph.value(node, URIRef(SH + "alternativePath"))
    if alternatives is not None:
        items = list(Collection(graph, alternatives))
        if len(items) < 2:
            raise ShapeError(shape, "sh:alternativePath heeft minstens twee paden nodig")
        return Path("|", parts=tuple(parse_path(graph, item, shape) for item in items))
    for local, op in _UNARY.items():
        inner = graph.value(node, URIRef(SH + local))
        if inner is not None:
            return Path(op, parts=(parse_path(graph, inner, shape),))
    raise ShapeError(shape, "sh:path is een lege knoop zonder herkenbaar pad")
