"""The generic page of any node: its name, kind, where the document says it, and its properties grouped.

Read from one named query (eigenschappen: every triple in and out with Dutch names), so that a node of any
class gets a readable page; plan, partner, opgave and doelstelling pages build on the same summary.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from api.kg.namespaces import BG, PREFIXES
from api.kg.queries import QueryCatalog, run_named
from api.kg.store import GraphStore
from api.web.pages.common import Record, records

RDF_TYPE = PREFIXES["rdf"] + "type"
PREF_LABEL = PREFIXES["skos"] + "prefLabel"
ALT_LABEL = PREFIXES["skos"] + "altLabel"
RDFS_LABEL = PREFIXES["rdfs"] + "label"
TITLE = PREFIXES["dct"] + "title"
DESCRIPTION = PREFIXES["dct"] + "description"
COMMENT = PREFIXES["rdfs"] + "comment"
TEXT = BG + "tekst"
DERIVED_FROM = PREFIXES["prov"] + "wasDerivedFrom"
# Shown in the page's head (name, kind, text, sources) rather than in the property table.
IN_HEAD = {RDF_TYPE, PREF_LABEL, ALT_LABEL, TEXT, DESCRIPTION, COMMENT, DERIVED_FROM}
ENGLISH_CLASS_NAMES = {"Organization": "Organisatie", "ProperInterval": "Periode", "Concept": "Begrip"}


@dataclass(frozen=True)
class Value:
    text: str
    iri: str | None = None
    lang: str = ""


@dataclass
class PropertyGroup:
    name: str
    iri: str
    values: list[Value] = field(default_factory=list)


@dataclass
class Node:
    """What a page's head says about a node, and the rest of its triples grouped by property."""

    iri: str
    label: str
    kinds: list[Value]
    alt_labels: list[str]
    texts: list[Value]
    descriptions: list[Value]
    comments: list[Value]
    outgoing: list[PropertyGroup]
    incoming: list[PropertyGroup]
    sources: list[Record]
    inferred: list[PropertyGroup] = field(default_factory=list)  # what the ontology entails (graph afgeleid)
    inferred_kinds: list[Value] = field(default_factory=list)

    @property
    def kind_iris(self) -> set[str]:
        """The classes, inferred ones included: an organisation that holds a role gets the partner page."""
        return {kind.iri for kind in [*self.kinds, *self.inferred_kinds] if kind.iri}

    def values(self, prop: str) -> list[Value]:
        return next((group.values for group in self.outgoing if group.iri == prop), [])


def _value(row: dict[str, ox.NamedNode | ox.BlankNode | ox.Literal], record: Record) -> Value:
    term = row.get("waarde")
    if isinstance(term, ox.NamedNode):
        return Value(record.get("waardeNaam") or term.value, term.value)
    if isinstance(term, ox.BlankNode):
        return Value(record.get("waardeNaam") or "(naamloze knoop)")
    return Value(record.get("waarde", ""), None, record.get("taal", ""))


def _by_language(values: list[Value]) -> list[Value]:
    """Dutch and untagged first, then the rest (English), each keeping its language for the lang attribute."""
    return sorted(values, key=lambda v: (v.lang not in ("nl", ""), v.lang))


def _label(iri: str, out: dict[str, list[Value]]) -> str:
    for prop in (PREF_LABEL, RDFS_LABEL, TITLE):
        for value in _by_language(out.get(prop, [])):
            if value.lang in ("nl", ""):
                return value.text
    return iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _group(pairs: list[tuple[Record, Value]]) -> list[PropertyGroup]:
    groups: dict[str, PropertyGroup] = {}
    for record, value in pairs:
        group = groups.setdefault(record["eigenschap"], PropertyGroup(record["eigenschapNaam"], record["eigenschap"]))
        if value not in group.values:
            group.values.append(value)
    for group in groups.values():
        group.values = _by_language(group.values)
    return sorted(groups.values(), key=lambda g: g.name.lower())


def _kind(value: Value) -> Value:
    return Value(ENGLISH_CLASS_NAMES.get(value.text, value.text), value.iri)


def describe(store: GraphStore, queries: QueryCatalog, iri: str) -> Node:
    """Everything the generic page shows, from eigenschappen and bronvermelding."""
    result = run_named(store, queries, "eigenschappen", iri=iri)
    out: dict[str, list[Value]] = {}
    outgoing: list[tuple[Record, Value]] = []
    incoming: list[tuple[Record, Value]] = []
    inferred: list[tuple[Record, Value]] = []
    inferred_kinds: list[Value] = []
    for row, record in zip(result.rows, result.records(), strict=True):
        value = _value(row, record)
        if record.get("afgeleid") == "true":
            # Incoming inferred links repeat a stated one under its super-property (uitvoerder → partner).
            if record["richting"] == "uit":
                inferred.append((record, value))
                if record["eigenschap"] == RDF_TYPE:
                    inferred_kinds.append(_kind(value))
        elif record["richting"] == "uit":
            out.setdefault(record["eigenschap"], []).append(value)
            if record["eigenschap"] not in IN_HEAD:
                outgoing.append((record, value))
        else:
            incoming.append((record, value))
    return Node(
        iri=iri,
        label=_label(iri, out),
        kinds=[_kind(v) for v in out.get(RDF_TYPE, [])],
        alt_labels=sorted({v.text for v in out.get(ALT_LABEL, [])}),
        texts=_by_language(out.get(TEXT, [])),
        descriptions=_by_language(out.get(DESCRIPTION, [])),
        comments=_by_language(out.get(COMMENT, [])),
        outgoing=_group(outgoing),
        incoming=_group(incoming),
        sources=records(store, queries, "bronvermelding", iri=iri),
        inferred=_group(inferred),
        inferred_kinds=inferred_kinds,
    )
