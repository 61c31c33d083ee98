"""Prepare a SHACL-SPARQL sh:select for the store: prefixes, $PATH, and the targets joined in.

pySHACL runs a constraint's query once per focus node with $this pre-bound. We run it once: the target
pattern (binding ?this; in SPARQL $this and ?this are the same variable) is placed first in the outer
WHERE group, so every later pattern, OPTIONAL, FILTER (NOT) EXISTS and aggregate sees ?this bound
exactly as pre-binding would. SHACL forbids the constructs where the two differ (MINUS, VALUES,
SERVICE, sub-SELECTs that do not project $this, AS $this); those raise a ShapeError here.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import pairwise

from api.kg.checks.errors import ShapeError, UnsupportedFeature
from api.kg.sparql_text import Token, tokens

FORBIDDEN = {"MINUS": "MINUS", "VALUES": "VALUES", "SERVICE": "SERVICE (federated query)"}
UNSUPPORTED_VARIABLES = {"shapesGraph": "$shapesGraph", "currentShape": "$currentShape"}


def prepare(select: str, shape: str, prefixes: Mapping[str, str], path_sparql: str | None, targets: str) -> str:
    """The query text to run on the store, with the targets pattern injected."""
    found = list(tokens(select))
    _check(found, shape)
    text = _replace_path(select, found, shape, path_sparql)
    brace = next((t for t in tokens(text) if t.kind == "brace" and t.text == "{"), None)
    if brace is None:
        raise ShapeError(shape, "sh:select heeft geen WHERE-groep")
    at = brace.start + 1
    prologue = "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in prefixes.items())
    return f"{prologue}{text[:at]}\n  {targets}\n{text[at:]}"


def _check(found: list[Token], shape: str) -> None:
    selects = [i for i, t in enumerate(found) if t.keyword == "SELECT"]
    if not selects:
        raise ShapeError(shape, "sh:select bevat geen SELECT")
    for token in found:
        if token.keyword in FORBIDDEN:
            raise ShapeError(shape, f"een SHACL-SPARQL-constraint mag geen {FORBIDDEN[token.keyword]} bevatten")
        if token.kind == "var" and token.text[1:] in UNSUPPORTED_VARIABLES:
            raise UnsupportedFeature(shape, UNSUPPORTED_VARIABLES[token.text[1:]])
    for previous, token in pairwise(found):
        if previous.keyword == "AS" and token.kind == "var" and token.text[1:] in ("this", "value"):
            raise ShapeError(shape, f"AS {token.text} bindt een vooraf gebonden variabele opnieuw")
    _check_this_in_nested_groups(found, shape)
    for index in selects:
        projected = _projection(found, index, top=index == selects[0])
        if "this" not in projected:
            where = "een geneste SELECT" if index != selects[0] else "sh:select"
            raise ShapeError(shape, f"{where} moet $this selecteren")


def _check_this_in_nested_groups(found: list[Token], shape: str) -> None:
    """$this may appear in the outer group, in OPTIONAL and in (NOT) EXISTS, where a join sees it bound.

    In any other nested group (a UNION branch, a sub-SELECT, a plain { }) SPARQL evaluates the group
    before joining, so a FILTER on $this there would see it unbound: pre-binding and a join differ.
    """
    stack: list[str] = []
    previous: Token | None = None
    for token in found:
        if token.kind == "brace" and token.text == "{":
            kind = previous.keyword if previous is not None else ""
            stack.append("open" if kind in ("WHERE", "OPTIONAL", "EXISTS") or not stack else "group")
        elif token.kind == "brace":
            if stack:
                stack.pop()
        elif token.kind == "var" and token.text[1:] == "this" and "group" in stack:
            raise UnsupportedFeature(shape, "$this in een geneste groep (UNION-tak, sub-SELECT of { })")
        previous = token


def _projection(found: list[Token], index: int, *, top: bool) -> set[str]:
    names: set[str] = set()
    depth = 0
    for token in found[index + 1 :]:
        if token.text == "(":
            depth += 1
        elif token.text == ")":
            depth -= 1
        elif token.kind == "brace" or token.keyword in ("WHERE", "FROM"):
            break
        elif token.kind == "var" and depth == 0:
            names.add(token.text[1:])
        elif token.text == "*" and depth == 0 and top:
            names.add("this")
    return names


def _replace_path(select: str, found: list[Token], shape: str, path_sparql: str | None) -> str:
    uses = [t for t in found if t.kind == "var" and t.text[1:] == "PATH"]
    if uses and path_sparql is None:
        raise ShapeError(shape, "sh:select gebruikt $PATH, maar de shape heeft geen sh:path")
    for token in reversed(uses):
        select = select[: token.start] + str(path_sparql) + select[token.start + len(token.text) :]
    return select
