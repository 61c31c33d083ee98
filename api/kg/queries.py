"""Named questions: one queries/*.rq file each, with a YAML header in '#+' comment lines.

    #+ title: {nl: Partners per doelstelling, en: Partners per objective}
    #+ description: {nl: ..., en: ...}
    #+ parameters:
    #+   - {name: plan, type: plan, required: true, description: Plan-id (zie beleidsgraaf plans)}
    #+ example: {plan: heemskerk-sociaal-domein-2024}

Parameters are bound as typed RDF terms, serialised by pyoxigraph into an inline VALUES block at the
start of the WHERE group (the same for the embedded and a remote store); caller text is never pasted
into a query.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import yaml

from api.errors import ParameterError, QueryFileError, UnknownQuery
from api.kg.namespaces import PLAN
from api.kg.sparql_text import query_form

XSD = "http://www.w3.org/2001/XMLSchema#"
_PLAN_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_YEAR = re.compile(r"^-?\d{4}$")


def _iri(value: str) -> ox.NamedNode:
    if not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>\"{}|^`\\]*$", value):
        raise ValueError("geen geldige IRI (absolute IRI verwacht)")
    return ox.NamedNode(value)


def _plan(value: str) -> ox.NamedNode:
    if not _PLAN_ID.match(value):
        raise ValueError("geen geldig plan-id (kleine letters, cijfers en '-'; zie `beleidsgraaf plans`)")
    return ox.NamedNode(PLAN + value)


def _integer(value: str) -> ox.Literal:
    return ox.Literal(str(int(value)), datatype=ox.NamedNode(XSD + "integer"))


def _decimal(value: str) -> ox.Literal:
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise ValueError("geen getal") from None
    return ox.Literal(str(number), datatype=ox.NamedNode(XSD + "decimal"))


def _year(value: str) -> ox.Literal:
    if not _YEAR.match(value):
        raise ValueError("geen jaartal (vier cijfers)")
    return ox.Literal(value, datatype=ox.NamedNode(XSD + "gYear"))


def _date(value: str) -> ox.Literal:
    try:
        day = date.fromisoformat(value.strip())
    except ValueError:
        raise ValueError("geen datum (JJJJ-MM-DD)") from None
    return ox.Literal(day.isoformat(), datatype=ox.NamedNode(XSD + "date"))


def _string(value: str) -> ox.Literal:
    return ox.Literal(value)


PARAMETER_TYPES: dict[str, Callable[[str], ox.NamedNode | ox.Literal]] = {
    "iri": _iri,
    "plan": _plan,
    "integer": _integer,
    "decimal": _decimal,
    "year": _year,
    "date": _date,
    "string": _string,
}


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str
    required: bool = True
    description: str = ""

    def bind(self, raw: str) -> ox.NamedNode | ox.Literal:
        try:
            return PARAMETER_TYPES[self.type](raw)
        except ValueError as error:
            raise ParameterError(self.name, f"'{raw}' is ongeldig voor type {self.type}: {error}") from None


@dataclass(frozen=True)
class NamedQuery:
    name: str
    path: Path
    sparql: str
    form: str
    title: Mapping[str, str]
    description: Mapping[str, str]
    parameters: tuple[Parameter, ...] = ()
    example: Mapping[str, str] = field(default_factory=dict)
    tags: tuple[str, ...] = ()

    def bind(self, arguments: Mapping[str, str]) -> dict[str, ox.NamedNode | ox.Literal]:
        """Typed terms for the given arguments; unknown or missing required ones are errors."""
        known = {parameter.name: parameter for parameter in self.parameters}
        unknown = sorted(set(arguments) - set(known))
        if unknown:
            raise ParameterError(unknown[0], f"onbekende parameter voor query '{self.name}'")
        bound = {}
        for parameter in self.parameters:
            raw = arguments.get(parameter.name)
            if raw is None or raw == "":
                if parameter.required:
                    raise ParameterError(parameter.name, f"verplicht voor query '{self.name}'")
                continue
            bound[parameter.name] = parameter.bind(raw)
        return bound

    def describe(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "title": dict(self.title),
            "description": dict(self.description),
            "form": self.form,
            "parameters": [vars(parameter) for parameter in self.parameters],
            "example": dict(self.example),
            "tags": list(self.tags),
        }


def _header(path: Path, text: str) -> dict[str, Any]:
    lines = [line[2:] for line in text.splitlines() if line.startswith("#+")]
    try:
        header = yaml.safe_load("\n".join(line[1:] if line.startswith(" ") else line for line in lines))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        raise QueryFileError(f"{path}{where}: header is geen geldige YAML: {error}") from None
    if not isinstance(header, dict):
        raise QueryFileError(f"{path}: header ontbreekt ('#+ title: ...' regels bovenaan)")
    return header


def _localised(path: Path, header: Mapping[str, Any], key: str) -> dict[str, str]:
    value = header.get(key)
    if isinstance(value, str):
        return {"nl": value}
    if not isinstance(value, dict) or "nl" not in value:
        raise QueryFileError(f"{path}: header '{key}' moet een Nederlandse tekst hebben (nl)")
    return {str(lang): str(text) for lang, text in value.items()}


def read_query(path: Path) -> NamedQuery:
    text = path.read_text(encoding="utf-8")
    header = _header(path, text)
    parameters = []
    for item in header.get("parameters") or []:
        if not isinstance(item, dict) or "name" not in item or item.get("type") not in PARAMETER_TYPES:
            raise QueryFileError(
                f"{path}: parameter {item!r} heeft een naam en een type uit {sorted(PARAMETER_TYPES)} nodig"
            )
        parameters.append(
            Parameter(
                str(item["name"]),
                str(item["type"]),
                bool(item.get("required", True)),
                str(item.get("description", "")),
            )
        )
    form = query_form(text)
    if form is None:
        raise QueryFileError(f"{path}: geen SELECT, ASK, CONSTRUCT of DESCRIBE gevonden")
    return NamedQuery(
        name=path.stem,
        path=path,
        sparql=text,
        form=form,
        title=_localised(path, header, "title"),
        description=_localised(path, header, "description"),
        parameters=tuple(parameters),
        example={str(k): str(v) for k, v in (header.get("example") or {}).items()},
        tags=tuple(str(tag) for tag in header.get("tags") or ()),
    )


class QueryCatalog:
    """All named queries of a folder, read once."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.queries = {query.name: query for query in map(read_query, sorted(folder.glob("*.rq")))}

    def __iter__(self) -> Iterator[NamedQuery]:
        return iter(self.queries.values())

    def __len__(self) -> int:
        return len(self.queries)

    def get(self, name: str) -> NamedQuery:
        try:
            return self.queries[name]
        except KeyError:
            raise UnknownQuery(f"onbekende query '{name}'; bekend zijn: {', '.join(sorted(self.queries))}") from None


@cache
def catalog(folder: Path) -> QueryCatalog:
    return QueryCatalog(folder)


def run_named(store: Any, queries: QueryCatalog, name: str, **arguments: str) -> Any:
    """Answer a named question with typed arguments: the one way code asks the graph."""
    named = queries.get(name)
    return store.result(named.sparql, bindings=named.bind(arguments))
