"""Compile shapes to SPARQL SELECT queries that return the failing focus nodes (and values) at once.

Every query projects ?this (the focus node) and, where the constraint has one, ?value; the targets of
the shape are one DISTINCT sub-select placed first. Core constraints become FILTERs or GROUP BY/HAVING
over the value nodes; SHACL-SPARQL constraints keep their own query with the targets joined in
(api.kg.checks.select).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from rdflib import Literal, URIRef
from rdflib.term import Node

from api.kg.checks.errors import ShapeError, UnsupportedFeature
from api.kg.checks.select import prepare
from api.kg.checks.shapes import SH, Shape, ShapesGraph, SparqlConstraint, Target

INSTANCE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>/<http://www.w3.org/2000/01/rdf-schema#subClassOf>*"
COMPONENT = {
    "minCount": "MinCount", "maxCount": "MaxCount", "class": "Class", "datatype": "Datatype", "in": "In",
    "hasValue": "HasValue", "nodeKind": "NodeKind", "minInclusive": "MinInclusive",
    "maxInclusive": "MaxInclusive", "minExclusive": "MinExclusive", "maxExclusive": "MaxExclusive",
    "minLength": "MinLength", "maxLength": "MaxLength", "pattern": "Pattern", "sparql": "SPARQL",
}  # fmt: skip
NODE_KINDS = {
    "BlankNode": "isBlank(?value)", "IRI": "isIRI(?value)", "Literal": "isLiteral(?value)",
    "BlankNodeOrIRI": "(isBlank(?value) || isIRI(?value))",
    "BlankNodeOrLiteral": "(isBlank(?value) || isLiteral(?value))",
    "IRIOrLiteral": "(isIRI(?value) || isLiteral(?value))",
}  # fmt: skip
COMPARISON = {"minInclusive": ">=", "maxInclusive": "<=", "minExclusive": ">", "maxExclusive": "<"}
XSD = "http://www.w3.org/2001/XMLSchema#"
# Datatypes with a SPARQL cast function: casting the lexical form tells an ill-formed literal apart.
CASTABLE = {XSD + name for name in ("integer", "decimal", "double", "float", "boolean", "dateTime", "date", "time")}


@dataclass(frozen=True)
class CompiledQuery:
    """One query for one constraint of one shape; value_mode says where a result's sh:value comes from."""

    shape: Shape
    component: str
    sparql: str
    value_mode: str  # "value": ?value; "none": no value; "sparql": ?value, else the focus for node shapes
    constraint: SparqlConstraint | None = None


def compile_shapes(shapes: ShapesGraph) -> list[CompiledQuery]:
    targets = _effective_targets(shapes)
    compiled: list[CompiledQuery] = []
    for shape in shapes:
        found = targets.get(shape.id)
        if not found or shape.deactivated:
            continue
        compiled.extend(compile_shape(shape, _targets_pattern(found, shape.id)))
    return compiled


def _effective_targets(shapes: ShapesGraph) -> dict[str, list[Target]]:
    """Own targets, plus a node shape's targets for each property shape it lists in sh:property."""
    found: dict[str, list[Target]] = {shape.id: list(shape.targets) for shape in shapes}
    for shape in shapes:
        if shape.properties and shape.is_property:
            raise UnsupportedFeature(shape.id, "sh:property op een property shape")
        if shape.deactivated:
            continue
        for child in shape.properties:
            if not child.is_property:
                raise ShapeError(child.id, "een waarde van sh:property moet een sh:path hebben")
            found[child.id].extend(shape.targets)
    return found


def _term(node: Node) -> str:
    if isinstance(node, URIRef | Literal):
        return node.n3()
    raise ShapeError(str(node), f"{node!r} kan niet als SPARQL-term geschreven worden")


def _targets_pattern(targets: list[Target], shape: str) -> str:
    branches = []
    for target in dict.fromkeys(targets):
        term = _term(target.term)
        if target.kind == "targetClass":
            branches.append(f"?this {INSTANCE} {term} .")
        elif target.kind == "targetNode":
            branches.append(f"BIND({term} AS ?this)")
        elif target.kind == "targetSubjectsOf":
            branches.append(f"?this {term} ?bgsh_object .")
        else:
            branches.append(f"?bgsh_subject {term} ?this .")
    union = " UNION ".join("{ " + branch + " }" for branch in branches)
    return f"{{ SELECT DISTINCT ?this WHERE {{ {union} }} }}"


def compile_shape(shape: Shape, targets: str) -> Iterator[CompiledQuery]:
    path = shape.path.sparql() if shape.path else None
    values = f"?this {path} ?value ." if path else "BIND(?this AS ?value)"
    for name, terms in shape.constraints.items():
        for term in terms if name not in ("in", "pattern") else [None]:
            sparql, mode = _core(shape, name, term, targets, values, path)
            if sparql:
                yield CompiledQuery(shape, SH + COMPONENT[name] + "ConstraintComponent", sparql, mode)
    for constraint in shape.sparql:
        if not constraint.deactivated:
            text = prepare(constraint.select, shape.id, dict(constraint.prefixes), path, targets)
            yield CompiledQuery(shape, SH + "SPARQLConstraintComponent", text, "sparql", constraint)


def _core(shape: Shape, name: str, term: Node | None, targets: str, values: str, path: str | None) -> tuple[str, str]:
    if name in ("minCount", "maxCount"):
        count = int(term.toPython()) if isinstance(term, Literal) else 0
        if name == "minCount":
            if count == 0:
                return "", "none"
            body, having = f"OPTIONAL {{ ?this {path} ?value }}", f"COUNT(DISTINCT ?value) < {count}"
        else:
            body, having = f"?this {path} ?value .", f"COUNT(DISTINCT ?value) > {count}"
        return f"SELECT ?this WHERE {{ {targets} {body} }} GROUP BY ?this HAVING ({having})", "none"
    if name == "hasValue":
        assert term is not None
        if path is None:
            return f"SELECT ?this WHERE {{ {targets} FILTER(!sameTerm(?this, {_term(term)})) }}", "none"
        missing = f"FILTER NOT EXISTS {{ ?this {path} ?bgsh_has . FILTER(sameTerm(?bgsh_has, {_term(term)})) }}"
        return f"SELECT ?this WHERE {{ {targets} {missing} }}", "none"
    condition = _value_condition(shape, name, term)
    return f"SELECT DISTINCT ?this ?value WHERE {{ {targets} {values} FILTER({condition}) }}", "value"


def _value_condition(shape: Shape, name: str, term: Node | None) -> str:
    """A SPARQL expression that is true for a value node that fails the constraint."""
    if name == "class":
        return f"NOT EXISTS {{ ?value {INSTANCE} {_term(_node(term, shape))} }}"
    if name == "datatype":
        datatype = _term(_node(term, shape))
        well_formed = f" && COALESCE(isLiteral({datatype}(STR(?value))), false)" if str(term) in CASTABLE else ""
        return f"!(isLiteral(?value) && sameTerm(DATATYPE(?value), {datatype}){well_formed})"
    if name == "in":
        members = " || ".join(f"sameTerm(?value, {_term(item)})" for item in shape.constraints["in"])
        return f"!({members or 'false'})"
    if name == "nodeKind":
        kind = str(_node(term, shape)).removeprefix(SH)
        if kind not in NODE_KINDS:
            raise ShapeError(shape.id, f"sh:nodeKind {kind} bestaat niet")
        return f"!{NODE_KINDS[kind]}"
    if name in COMPARISON:
        return f"!COALESCE(?value {COMPARISON[name]} {_term(_node(term, shape))}, false)"
    if name in ("minLength", "maxLength"):
        op = ">=" if name == "minLength" else "<="
        return f"isBlank(?value) || !COALESCE(STRLEN(STR(?value)) {op} {_term(_node(term, shape))}, false)"
    patterns = [
        f"COALESCE(REGEX(STR(?value), {_term(p)}, {_term(Literal(shape.flags))}), false)"
        for p in shape.constraints["pattern"]
    ]
    return "isBlank(?value) || !(" + " && ".join(patterns) + ")"


def _node(term: Node | None, shape: Shape) -> Node:
    if term is None:
        raise ShapeError(shape.id, "constraint zonder waarde")
    return term
