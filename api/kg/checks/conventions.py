"""The model conventions (docs/model.md) checked on what is stated: graph/ and the ontology, never the inferred graph.

The shapes are in shapes/model/. They say how a kind of fact must be written so that one query finds it in every
plan; breaking one is never a finding about a plan's policy, so the tests require none on graph/ and a workbook
that would break one is refused before anything is written.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from api.kg.checks.engine import validate
from api.kg.checks.model import RawResult
from api.kg.checks.shapes import ShapesGraph, load_shapes
from api.kg.inference import INFERRED_GRAPH
from api.kg.load import ParsedFile
from api.kg.store import EmbeddedStore


def model_shapes_dir(shapes_dir: Path) -> Path:
    return shapes_dir / "model"


def load_model_shapes(shapes_dir: Path) -> ShapesGraph:
    return load_shapes(sorted(model_shapes_dir(shapes_dir).glob("*.ttl")))


def stated_store(parsed: Iterable[ParsedFile]) -> EmbeddedStore:
    store = EmbeddedStore()
    store.replace([item for item in parsed if item.source.graph != INFERRED_GRAPH])
    return store


def breaches(parsed: Iterable[ParsedFile], shapes: ShapesGraph) -> list[RawResult]:
    """Every place where the stated data breaks a model convention."""
    return validate(stated_store(parsed), shapes)
