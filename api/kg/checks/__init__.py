"""Coherence checks: SHACL shapes (shapes/*.ttl) compiled to SPARQL and run on the store.

    load_shapes(paths) -> ShapesGraph      read and vet the shapes (ShapeError, UnsupportedFeature)
    validate(store, shapes) -> [RawResult] the fast engine: one query per constraint on the store
    check(store, settings, plan=None)      findings with Dutch names and source sections
    reference.validate_with_pyshacl(...)   the same results from pySHACL, the reference

Non-conformance is data (Finding); only a shape the engine cannot run raises. Never imports FastAPI.
"""

from __future__ import annotations

from api.kg.checks.engine import validate
from api.kg.checks.errors import ShapeError, UnsupportedFeature
from api.kg.checks.model import Finding, RawResult, Severity, Source
from api.kg.checks.run import check, load_project_shapes, review
from api.kg.checks.shapes import ShapesGraph, load_shapes, read_shapes, read_shapes_text

__all__ = [
    "Finding",
    "RawResult",
    "Severity",
    "ShapeError",
    "ShapesGraph",
    "Source",
    "UnsupportedFeature",
    "check",
    "load_project_shapes",
    "load_shapes",
    "read_shapes",
    "read_shapes_text",
    "review",
    "validate",
]
