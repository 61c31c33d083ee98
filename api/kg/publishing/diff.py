"""What changes between two versions of a plan, element by element, as a policy officer reads it.

An element is a node with an IRI (the plan, an opgave, a doelstelling, …). It is added, removed, or changed; for a
changed one every property whose values differ is listed with the old and the new values. A blank node (a budget
line, a qualified link) is shown inside the element that points at it, so a change in it is a change of its
element.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS
from rdflib.term import Node

LABELS = (SKOS.prefLabel, RDFS.label, DCTERMS.title)
# Dutch names for the standard properties every plan uses; the ontology's own labels (`names`) come first.
STANDARD_NAMES = {
    str(DCTERMS.title): "titel",
    str(DCTERMS.identifier): "id",
    str(DCTERMS.description): "beschrijving",
    str(SKOS.prefLabel): "naam",
    str(SKOS.altLabel): "andere naam",
    str(SKOS.definition): "omschrijving",
    str(SKOS.notation): "code",
    str(RDFS.label): "naam",
    str(RDFS.comment): "toelichting",
    str(RDF.type): "soort",
}


@dataclass(frozen=True)
class Change:
    prop: str
    name: str
    old: tuple[str, ...]
    new: tuple[str, ...]


@dataclass(frozen=True)
class Element:
    iri: str
    label: str
    kind: str
    changes: tuple[Change, ...] = ()


@dataclass
class PlanDiff:
    added: list[Element] = field(default_factory=list)
    removed: list[Element] = field(default_factory=list)
    changed: list[Element] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)

    @property
    def summary(self) -> str:
        return f"{len(self.added)} toegevoegd, {len(self.removed)} verwijderd, {len(self.changed)} gewijzigd"


def _short(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


class _Reader:
    def __init__(self, graph: Graph, names: Mapping[str, str]) -> None:
        self.graph = graph
        self.names = names

    def label(self, node: Node) -> str:
        for prop in LABELS:
            values = sorted(self.graph.objects(node, prop), key=lambda v: (getattr(v, "language", None) != "nl", v))
            if values:
                return str(values[0])
        return self.names.get(str(node)) or _short(str(node))

    def show(self, node: Node, depth: int = 0) -> str:
        if isinstance(node, Literal):
            return str(node)
        if isinstance(node, BNode):
            if depth > 3:
                return "[…]"
            parts = sorted(
                f"{self.names.get(str(p)) or _short(str(p))}: {self.show(o, depth + 1)}"
                for p, o in self.graph.predicate_objects(node)
            )
            return "[" + "; ".join(parts) + "]"
        return self.label(node) if (node, None, None) in self.graph or str(node) in self.names else _short(str(node))

    def facts(self, subject: URIRef) -> dict[str, set[str]]:
        found: dict[str, set[str]] = {}
        for prop, value in self.graph.predicate_objects(subject):
            found.setdefault(str(prop), set()).add(self.show(value))
        return found

    def kind(self, subject: URIRef) -> str:
        types = sorted(str(t) for t in self.graph.objects(subject, RDF.type))
        return ", ".join(self.names.get(t) or _short(t) for t in types)


def _subjects(graph: Graph) -> set[URIRef]:
    return {s for s in graph.subjects() if isinstance(s, URIRef)}


def diff(old: Graph, new: Graph, names: Mapping[str, str]) -> PlanDiff:
    """The plan's elements in `new` against `old`; `names` gives the Dutch names of properties and classes."""
    names = {**STANDARD_NAMES, **names}
    before, after = _Reader(old, names), _Reader(new, names)
    result = PlanDiff()
    old_subjects, new_subjects = _subjects(old), _subjects(new)
    for subject in sorted(new_subjects - old_subjects):
        result.added.append(Element(str(subject), after.label(subject), after.kind(subject)))
    for subject in sorted(old_subjects - new_subjects):
        result.removed.append(Element(str(subject), before.label(subject), before.kind(subject)))
    for subject in sorted(old_subjects & new_subjects):
        was, now = before.facts(subject), after.facts(subject)
        changes = tuple(
            Change(
                prop,
                names.get(prop) or _short(prop),
                tuple(sorted(was.get(prop, ()))),
                tuple(sorted(now.get(prop, ()))),
            )
            for prop in sorted(set(was) | set(now))
            if was.get(prop, set()) != now.get(prop, set())
        )
        if changes:
            result.changed.append(Element(str(subject), after.label(subject), after.kind(subject), changes))
    return result
