"""The W3C SHACL test suite through the fast engine, like pySHACL's test/test_sht_validate.py.

Every sht:Validate entry runs: the engine must report exactly the expected results (focus, path, value,
severity, source shape, component), or raise for a shape outside its subset. UNSUPPORTED lists the
entries whose shapes use a SHACL feature the compiler does not translate (they must raise, not pass
silently); KNOWN_DIFFERENCES the ones where it runs but differs, each with the reason.
"""

from __future__ import annotations

import warnings
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.collection import Collection

from api.kg.checks import RawResult, ShapeError, validate
from api.kg.checks.paths import parse_path
from api.kg.checks.shapes import read_shapes
from api.kg.checks.terms import exact
from api.kg.namespaces import PREFIXES
from api.kg.store import EmbeddedStore

SUITE = Path(__file__).resolve().parent / "w3c" / "shacl"
MF = rdflib.Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
SHT = rdflib.Namespace("http://www.w3.org/ns/shacl-test#")
SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")

UNSUPPORTED = {
    "core/complex/personexample": "sh:closed",
    "core/complex/shacl-shacl": "sh:node, sh:or, sh:xone",
    "core/misc/severity-002": "a severity outside sh:Violation/sh:Warning/sh:Info",
    "core/node/and-001": "sh:and",
    "core/node/and-002": "sh:and",
    "core/node/closed-001": "sh:closed",
    "core/node/closed-002": "sh:closed",
    "core/node/disjoint-001": "sh:disjoint",
    "core/node/equals-001": "sh:equals",
    "core/node/languageIn-001": "sh:languageIn",
    "core/node/node-001": "sh:node",
    "core/node/not-001": "sh:not",
    "core/node/not-002": "sh:not",
    "core/node/or-001": "sh:or",
    "core/node/qualified-001": "sh:qualifiedValueShape",
    "core/node/xone-001": "sh:xone",
    "core/node/xone-duplicate": "sh:xone",
    "core/property/and-001": "sh:and",
    "core/property/datatype-003": "sh:or",
    "core/property/disjoint-001": "sh:disjoint",
    "core/property/equals-001": "sh:equals",
    "core/property/languageIn-001": "sh:languageIn",
    "core/property/lessThan-001": "sh:lessThan",
    "core/property/lessThan-002": "sh:lessThan",
    "core/property/lessThanOrEquals-001": "sh:lessThanOrEquals",
    "core/property/node-001": "sh:node",
    "core/property/node-002": "sh:node",
    "core/property/not-001": "sh:not",
    "core/property/or-001": "sh:or",
    "core/property/or-datatypes-001": "sh:or",
    "core/property/property-001": "sh:property on a property shape",
    "core/property/qualifiedMinCountDisjoint-001": "sh:qualifiedValueShape",
    "core/property/qualifiedValueShape-001": "sh:qualifiedValueShape",
    "core/property/qualifiedValueShapesDisjoint-001": "sh:qualifiedValueShape",
    "core/property/uniqueLang-001": "sh:uniqueLang",
    "core/property/uniqueLang-002": "sh:uniqueLang",
    "core/validation-reports/shared": "sh:property on a property shape",
    "sparql/component/nodeValidator-001": "SHACL-SPARQL constraint components",
    "sparql/component/optional-001": "SHACL-SPARQL constraint components",
    "sparql/component/propertyValidator-select-001": "SHACL-SPARQL constraint components",
    "sparql/component/validator-001": "SHACL-SPARQL constraint components",
    "sparql/pre-binding/pre-binding-002": "$this inside a nested group (UNION branch)",
    "sparql/pre-binding/pre-binding-003": "$this inside a nested group",
    "sparql/pre-binding/pre-binding-005": "$this inside a nested group",
    "sparql/pre-binding/pre-binding-007": "$this inside a sub-SELECT",
    "sparql/pre-binding/shapesGraph-001": "$shapesGraph",
}
KNOWN_DIFFERENCES = {
    "core/property/datatype-ill-formed": "ill-formed literals of derived XSD types (xsd:byte) are not detected",
}


@contextmanager
def _literals_as_written() -> Iterator[None]:
    """Expected values are compared exactly, so rdflib must not rewrite "2011-01-01"^^xsd:dateTime."""
    previous = rdflib.NORMALIZE_LITERALS
    rdflib.NORMALIZE_LITERALS = False
    try:
        with warnings.catch_warnings():  # the suite's ill-formed literals make rdflib warn while parsing
            warnings.simplefilter("ignore")
            yield
    finally:
        rdflib.NORMALIZE_LITERALS = previous


def _entries(manifest: Path) -> list[tuple[str, rdflib.Graph, rdflib.term.Node]]:
    with _literals_as_written():
        graph = rdflib.Graph().parse(manifest, format="turtle")
    found = []
    for included in graph.objects(None, MF.include):
        found.extend(_entries(Path(str(included).removeprefix("file://"))))
    for entries in graph.objects(None, MF.entries):
        for entry in Collection(graph, entries):
            found.append((str(entry).split("/w3c/shacl/", 1)[-1], graph, entry))
    return found


ENTRIES = _entries(SUITE / "manifest.ttl")


def _file(graph: rdflib.Graph, node: rdflib.term.Node) -> Path:
    return Path(str(node).removeprefix("file://"))


def _blank(term: str | None) -> str | None:
    return "_:" if term is not None and term.startswith("_:") else term


def _expected(graph: rdflib.Graph, report: rdflib.term.Node) -> Counter[tuple[object, ...]]:
    def term(node: rdflib.term.Node | None) -> str | None:
        return None if node is None else _blank(exact(node))

    found: Counter[tuple[object, ...]] = Counter()
    for result in graph.objects(report, SH.result):
        path = graph.value(result, SH.resultPath)
        found[
            (
                term(graph.value(result, SH.focusNode)),
                parse_path(graph, path, "manifest").text(PREFIXES) if path is not None else None,
                term(graph.value(result, SH.value)),
                str(graph.value(result, SH.resultSeverity)),
                term(graph.value(result, SH.sourceShape)),
                str(graph.value(result, SH.sourceConstraintComponent)),
            )
        ] += 1
    return found


def _actual(results: list[RawResult]) -> Counter[tuple[object, ...]]:
    def shape(identifier: str) -> str:
        return "_:" if identifier.startswith("_:") else f"<{identifier}>"

    return Counter(
        (_blank(r.focus_term), r.path, _blank(r.value_term), r.severity.iri, shape(r.shape), r.component)
        for r in results
    )


def _run(graph: rdflib.Graph, entry: rdflib.term.Node) -> list[RawResult]:
    action = graph.value(entry, MF.action)
    data = _file(graph, graph.value(action, SHT.dataGraph))
    shapes_file = _file(graph, graph.value(action, SHT.shapesGraph))
    store = EmbeddedStore()
    quads = ox.parse(path=data, format=ox.RdfFormat.TURTLE, base_iri=data.as_uri())
    store.store.extend(ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode("urn:data")) for q in quads)
    with _literals_as_written():
        shapes = rdflib.Graph().parse(shapes_file, format="turtle", publicID=shapes_file.as_uri())
    return validate(store, read_shapes(shapes))


def test_the_suite_is_there() -> None:
    assert len(ENTRIES) > 100


@pytest.mark.parametrize(("name", "graph", "entry"), ENTRIES, ids=[name for name, _, _ in ENTRIES])
def test_w3c_entry(name: str, graph: rdflib.Graph, entry: rdflib.term.Node) -> None:
    if name in KNOWN_DIFFERENCES:
        pytest.xfail(KNOWN_DIFFERENCES[name])
    result = graph.value(entry, MF.result)
    if name in UNSUPPORTED or result == SHT.Failure:
        with pytest.raises(ShapeError):
            _run(graph, entry)
        return
    with _literals_as_written():
        expected = _expected(graph, result)
    assert _actual(_run(graph, entry)) == expected
