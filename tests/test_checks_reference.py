"""The fast engine reports exactly what pySHACL reports, on the real graph and on every example.

Compared as sets of (shape, focus, path, value, severity), terms exact. pySHACL takes a few minutes on
the whole graph (that is why the fast engine exists), so it runs once per session.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from api.kg.checks import RawResult, ShapesGraph, load_project_shapes, validate
from api.kg.checks.examples import example_files, example_store
from api.kg.checks.reference import files_graph, union_graph, validate_with_pyshacl
from api.kg.store import GraphStore
from api.settings import Settings

SETTINGS = Settings()
EXAMPLES = example_files(SETTINGS.shapes_dir)
ONTOLOGY = SETTINGS.ontology_dir / "beleid.ttl"


@cache
def project_shapes() -> ShapesGraph:
    return load_project_shapes(SETTINGS)


def keys(results: list[RawResult]) -> set[tuple[str, str, str | None, str | None, str]]:
    return {result.key for result in results}


def test_engine_and_pyshacl_agree_on_the_whole_graph(
    store: GraphStore, pyshacl_reference_keys: frozenset[tuple[str, str, str | None, str | None, str]]
) -> None:
    """pySHACL's side is computed in a separate process while the rest of the suite runs (tests/conftest.py)."""
    ours = validate(store, project_shapes())
    assert ours, "the real graph has findings (the Heemskerk plan's known defects at least)"
    assert keys(ours) == pyshacl_reference_keys


def test_union_graph_holds_every_triple_of_the_store(store: GraphStore) -> None:
    count = store.result("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }")
    assert len(union_graph(store)) == int(count.rows[0]["n"].value)  # type: ignore[union-attr]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_engine_and_pyshacl_agree_on_every_example(path: Path) -> None:
    ours = validate(example_store(path, ONTOLOGY), project_shapes())
    theirs = validate_with_pyshacl(files_graph([ONTOLOGY, path]), project_shapes().graph)
    assert keys(ours) == keys(theirs)
