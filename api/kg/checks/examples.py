"""The shape examples of shapes/examples/: a store per example and the shape each one is about.

An example is `<shape>-valid.ttl` (triggers nothing), `<shape>-invalid-NN.ttl` (triggers exactly that
shape) or `plan-valid.ttl` (a complete small plan that triggers nothing). Each is validated as the real
graph is: together with the ontology, which holds the class and property hierarchies the shapes use.
"""

from __future__ import annotations

from pathlib import Path

from api.kg.load import SourceFile, parse_file
from api.kg.namespaces import ONTOLOGY_GRAPH
from api.kg.store import EmbeddedStore

SHAPES_NAMESPACE = "https://beleidsgraaf.nl/def/shapes/"


def example_files(shapes_dir: Path) -> list[Path]:
    return sorted((shapes_dir / "examples").glob("*.ttl"))


def example_store(path: Path, ontology: Path) -> EmbeddedStore:
    store = EmbeddedStore()
    store.replace([parse_file(SourceFile(ontology, ONTOLOGY_GRAPH)), parse_file(SourceFile(path, "urn:example"))])
    return store


def expected_shape(path: Path) -> str | None:
    """None for a valid example; the id of the shape an invalid example is about."""
    stem = path.stem
    if stem == "plan-valid" or stem.endswith("-valid"):
        return None
    return SHAPES_NAMESPACE + stem.rsplit("-invalid-", 1)[0]
