"""The fast engine: run the compiled queries on a GraphStore and turn solutions into results.

One query per constraint over all focus nodes, on the store that already holds the graph: no copy of the
data, no per-node loop. Results follow pySHACL's conventions (a SPARQL solution's ?path and ?value win;
a node shape's result without ?value has the focus node as value) so both engines can be compared.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from api.errors import QueryError
from api.kg.checks.compiler import CompiledQuery, compile_shapes
from api.kg.checks.errors import ShapeError
from api.kg.checks.model import RawResult
from api.kg.checks.paths import Path
from api.kg.checks.shapes import ShapesGraph
from api.kg.checks.terms import NUMERIC, Term, display, exact, format_number, is_iri
from api.kg.namespaces import PREFIXES
from api.kg.store import GraphStore

PLACEHOLDER = re.compile(r"\{[?$]([A-Za-z_][A-Za-z0-9_]*)\}")


def validate(store: GraphStore, shapes: ShapesGraph) -> list[RawResult]:
    """Every validation result of the shapes on the store's (union) graph, in shape order."""
    results: list[RawResult] = []
    for query in compile_shapes(shapes):
        results.extend(run_query(store, query))
    return results


def run_query(store: GraphStore, query: CompiledQuery) -> list[RawResult]:
    try:
        rows = store.result(query.sparql).rows
    except QueryError as error:
        raise ShapeError(query.shape.id, f"de query van {query.component} faalt: {error}") from None
    seen: set[tuple[tuple[str, str], ...]] = set()
    results = []
    for row in rows:
        if "this" not in row:
            continue
        key = tuple(sorted((name, exact(term)) for name, term in row.items()))
        if key not in seen:
            seen.add(key)
            results.append(to_result(query, row))
    return results


def to_result(query: CompiledQuery, row: Mapping[str, Term]) -> RawResult:
    shape, focus = query.shape, row["this"]
    path: Path | None = shape.path
    value: Term | None = row.get("value") if query.value_mode in ("value", "sparql") else None
    if query.value_mode == "sparql":
        if "path" in row and is_iri(row["path"]):
            path = Path("iri", iri=display(row["path"]))
        if value is None and not shape.is_property:
            value = focus
    bindings = dict(row)
    if path is not None:
        bindings.setdefault("path", row.get("path") or _PathTerm(path))  # type: ignore[arg-type]
    messages = query.constraint.messages if query.constraint and query.constraint.messages else shape.messages
    return RawResult(
        shape=shape.id,
        component=query.component,
        severity=shape.severity,
        focus=display(focus),
        path=path.text(PREFIXES) if path else None,
        value=display(value) if value is not None else None,
        value_is_iri=value is not None and is_iri(value),
        messages=tuple((lang, fill(text, bindings, lang)) for lang, text in messages),
        constraint=query.constraint.node if query.constraint else None,
        focus_term=exact(focus),
        value_term=exact(value) if value is not None else None,
        path_node=path,
    )


class _PathTerm:
    """A path as a message placeholder value."""

    def __init__(self, path: Path) -> None:
        self.value = path.text(PREFIXES)


def fill(template: str, bindings: Mapping[str, object], language: str) -> str:
    """Replace {?var} and {$var} by the solution's values; numbers in the message's own notation."""

    def replace(match: re.Match[str]) -> str:
        term = bindings.get(match.group(1))
        if term is None:
            return match.group(0)
        if isinstance(term, _PathTerm):
            return term.value
        text = display(term)  # type: ignore[arg-type]
        datatype = getattr(term, "datatype", None)
        if datatype is not None and getattr(datatype, "value", str(datatype)) in NUMERIC:
            return format_number(text, language)
        return text

    return PLACEHOLDER.sub(replace, template)
