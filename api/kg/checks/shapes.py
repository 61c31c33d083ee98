"""Read a SHACL shapes graph into the subset the compiler translates, refusing everything else.

The subset: targets (class, node, subjectsOf, objectsOf, implicit class targets), property shapes with
predicate/inverse/sequence/alternative/*/+/? paths, the core value constraints in CORE_PARAMETERS, and
SHACL-SPARQL constraints (sh:sparql with sh:select and sh:prefixes). Any other SHACL term on a shape
raises UnsupportedFeature naming the shape and the term, so no constraint is ever silently ignored.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path as FilePath

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS
from rdflib.term import Node

from api.kg.checks.errors import ShapeError, UnsupportedFeature
from api.kg.checks.model import Severity
from api.kg.checks.paths import Path, parse_path

SH = "http://www.w3.org/ns/shacl#"
TARGETS = ("targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf")
CORE_PARAMETERS = (
    "minCount", "maxCount", "class", "datatype", "in", "hasValue", "nodeKind",
    "minInclusive", "maxInclusive", "minExclusive", "maxExclusive", "minLength", "maxLength", "pattern",
)  # fmt: skip
# Terms that describe a shape without constraining anything.
DESCRIPTIVE = frozenset(
    {"path", "property", "message", "severity", "deactivated", "name", "description", "order", "group",
     "defaultValue", "flags", "sparql", "select", "declare", "prefixes", *TARGETS}
)  # fmt: skip
DEFAULT_PREFIXES = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
}


def sh(local: str) -> URIRef:
    return URIRef(SH + local)


@dataclass(frozen=True)
class Target:
    kind: str  # one of TARGETS
    term: Node


@dataclass(frozen=True)
class SparqlConstraint:
    node: str
    select: str
    prefixes: tuple[tuple[str, str], ...]
    messages: tuple[tuple[str, str], ...]
    deactivated: bool = False


@dataclass
class Shape:
    node: Node
    id: str
    path: Path | None
    severity: Severity
    messages: tuple[tuple[str, str], ...]
    targets: list[Target] = field(default_factory=list)
    constraints: dict[str, list[Node]] = field(default_factory=dict)
    sparql: list[SparqlConstraint] = field(default_factory=list)
    properties: list[Shape] = field(default_factory=list)
    deactivated: bool = False
    flags: str = ""

    @property
    def is_property(self) -> bool:
        return self.path is not None


@dataclass
class ShapesGraph:
    graph: Graph
    shapes: dict[Node, Shape]

    def __iter__(self) -> Iterator[Shape]:
        return iter(self.shapes.values())

    def __len__(self) -> int:
        return len(self.shapes)


def node_id(node: Node) -> str:
    return f"_:{node}" if isinstance(node, BNode) else str(node)


def load_shapes(paths: Iterable[FilePath]) -> ShapesGraph:
    """Parse shapes files (Turtle) into one shapes graph and read it."""
    graph = Graph()
    for path in sorted(paths):
        try:
            graph.parse(path, format="turtle")
        except Exception as error:  # rdflib raises several parser exception types
            raise ShapeError(str(path), f"kan niet gelezen worden: {error}") from None
    return read_shapes(graph)


def read_shapes_text(text: str) -> ShapesGraph:
    """A shapes graph from Turtle text (tests, small ad-hoc checks)."""
    return read_shapes(Graph().parse(data=text, format="turtle"))


def read_shapes(graph: Graph) -> ShapesGraph:
    _refuse_custom_components(graph)
    shapes: dict[Node, Shape] = {}
    for node in sorted(_shape_nodes(graph), key=node_id):
        shapes[node] = _read_shape(graph, node)
    for shape in shapes.values():
        for child in graph.objects(shape.node, sh("property")):
            shape.properties.append(shapes[child])
    return ShapesGraph(graph, shapes)


def _shape_nodes(graph: Graph) -> set[Node]:
    nodes: set[Node] = set()
    for kind in ("NodeShape", "PropertyShape"):
        nodes.update(graph.subjects(RDF.type, sh(kind)))
    for name in (*TARGETS, "target", "path", "sparql"):
        nodes.update(graph.subjects(sh(name), None))
    nodes.update(graph.objects(None, sh("property")))
    # Results in W3C test manifests use sh:resultPath, never sh:path, so they are not shapes.
    return {node for node in nodes if not isinstance(node, Literal)}


def _refuse_custom_components(graph: Graph) -> None:
    for component in graph.subjects(sh("parameter"), None):
        raise UnsupportedFeature(node_id(component), "sh:ConstraintComponent (eigen SHACL-SPARQL-component)")


def _read_shape(graph: Graph, node: Node) -> Shape:
    shape_id = node_id(node)
    _refuse_unknown_terms(graph, node, shape_id)
    path_node = graph.value(node, sh("path"))
    shape = Shape(
        node=node,
        id=shape_id,
        path=parse_path(graph, path_node, shape_id) if path_node is not None else None,
        severity=_severity(graph, node, shape_id),
        messages=_messages(graph, node),
        deactivated=_boolean(graph, node, "deactivated", shape_id),
        flags=str(graph.value(node, sh("flags")) or ""),
    )
    for kind in TARGETS:
        shape.targets.extend(Target(kind, term) for term in graph.objects(node, sh(kind)))
    if (node, RDF.type, RDFS.Class) in graph and (node, RDF.type, sh("NodeShape")) in graph:
        shape.targets.append(Target("targetClass", node))  # implicit class target
    for name in CORE_PARAMETERS:
        values = list(graph.objects(node, sh(name)))
        if values:
            shape.constraints[name] = _checked(graph, shape, name, values)
    shape.sparql = [_read_sparql(graph, shape_id, item) for item in graph.objects(node, sh("sparql"))]
    return shape


def _refuse_unknown_terms(graph: Graph, node: Node, shape_id: str) -> None:
    for predicate in set(graph.predicates(node, None)):
        text = str(predicate)
        if text.startswith(SH):
            local = text[len(SH) :]
            if local not in DESCRIPTIVE and local not in CORE_PARAMETERS:
                raise UnsupportedFeature(shape_id, f"sh:{local}")


def _severity(graph: Graph, node: Node, shape_id: str) -> Severity:
    values = list(graph.objects(node, sh("severity")))
    if not values:
        return Severity.VIOLATION
    if len(values) > 1 or str(values[0]) not in {s.iri for s in Severity}:
        raise UnsupportedFeature(shape_id, "sh:severity buiten sh:Violation, sh:Warning en sh:Info", str(values[0]))
    return Severity.from_iri(str(values[0]))


def _messages(graph: Graph, node: Node) -> tuple[tuple[str, str], ...]:
    found = []
    for value in graph.objects(node, sh("message")):
        if isinstance(value, Literal):
            found.append((value.language or "", str(value)))
    return tuple(sorted(found))


def _boolean(graph: Graph, node: Node, name: str, shape_id: str) -> bool:
    value = graph.value(node, sh(name))
    if value is None:
        return False
    if not isinstance(value, Literal) or not isinstance(value.toPython(), bool):
        raise ShapeError(shape_id, f"sh:{name} moet een xsd:boolean zijn")
    return bool(value.toPython())


def _checked(graph: Graph, shape: Shape, name: str, values: list[Node]) -> list[Node]:
    if name in ("minCount", "maxCount") and shape.path is None:
        raise ShapeError(shape.id, f"sh:{name} kan alleen op een property shape")
    if name in ("minCount", "maxCount", "minLength", "maxLength"):
        for value in values:
            if not isinstance(value, Literal) or not isinstance(value.toPython(), int) or value.toPython() < 0:
                raise ShapeError(shape.id, f"sh:{name} moet een niet-negatief geheel getal zijn")
    if name == "in":
        if len(values) != 1:
            raise ShapeError(shape.id, "sh:in moet precies één lijst hebben")
        return list(Collection(graph, values[0]))
    return values


def _read_sparql(graph: Graph, shape_id: str, node: Node) -> SparqlConstraint:
    selects = list(graph.objects(node, sh("select")))
    if len(selects) != 1 or not isinstance(selects[0], Literal):
        raise ShapeError(shape_id, "sh:sparql heeft precies één sh:select (tekst) nodig")
    for predicate in set(graph.predicates(node, None)):
        local = str(predicate).removeprefix(SH)
        if str(predicate).startswith(SH) and local not in DESCRIPTIVE:
            raise UnsupportedFeature(shape_id, f"sh:{local} in een sh:sparql-constraint")
    prefixes = dict(DEFAULT_PREFIXES)
    prefixes.update(_declared_prefixes(graph, node, shape_id))
    deactivated = _boolean(graph, node, "deactivated", shape_id)
    return SparqlConstraint(
        node_id(node), str(selects[0]), tuple(prefixes.items()), _messages(graph, node), deactivated
    )


def _declared_prefixes(graph: Graph, node: Node, shape_id: str) -> dict[str, str]:
    """Declarations of every owl:Ontology, of each sh:prefixes value and of what it owl:imports."""
    holders = list(graph.subjects(RDF.type, OWL.Ontology))
    pending = list(graph.objects(node, sh("prefixes")))
    while pending:
        holder = pending.pop()
        if holder not in holders:
            holders.append(holder)
            pending.extend(graph.objects(holder, OWL.imports))
    declarations = [d for holder in holders for d in graph.objects(holder, sh("declare"))]
    found: dict[str, str] = {}
    for declaration in declarations:
        prefix, namespace = graph.value(declaration, sh("prefix")), graph.value(declaration, sh("namespace"))
        if prefix is None or namespace is None:
            raise ShapeError(shape_id, "sh:declare heeft sh:prefix en sh:namespace nodig")
        found[str(prefix)] = str(namespace)
    return found
