"""A small SPARQL lexer: enough to see what a query is before any engine runs it.

It skips comments, strings and IRIs, so a keyword is only found where it is a keyword. This is what
lets the endpoint refuse SERVICE (which pyoxigraph would execute against the network) and updates
before execution, and place typed parameter bindings inside a query for remote stores.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from api.errors import QueryRefused

_TOKEN = re.compile(
    r"""
    (?P<comment>\#[^\n]*)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
               |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\s]*>)
  | (?P<var>[?$][A-Za-z0-9_\u00B7-\uFFFF]+)
  | (?P<word>[A-Za-z_][A-Za-z0-9_\-.]*(?::[^\s{}();,]*)?|:[^\s{}();,]*)
  | (?P<brace>[{}])
  | (?P<other>\S)
    """,
    re.VERBOSE,
)

QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
UPDATE_KEYWORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"})


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    start: int

    @property
    def keyword(self) -> str:
        return self.text.upper() if self.kind == "word" and ":" not in self.text else ""


def tokens(query: str) -> Iterator[Token]:
    for match in _TOKEN.finditer(query):
        kind = match.lastgroup or "other"
        if kind != "comment":
            yield Token(kind, match.group(), match.start())


def query_form(query: str) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE; None when no query form is found (an update, say)."""
    for token in tokens(query):
        if token.keyword in QUERY_FORMS:
            return token.keyword
        if token.keyword in UPDATE_KEYWORDS:
            return None
    return None


def declares_dataset(query: str) -> bool:
    """True when the query names its own dataset (FROM / FROM NAMED), which then takes precedence."""
    depth = 0
    for token in tokens(query):
        if token.text == "{":
            depth += 1
        elif token.text == "}":
            depth -= 1
        elif depth == 0 and token.keyword == "FROM":
            return True
    return False


def _line_column(query: str, offset: int) -> str:
    line = query.count("\n", 0, offset) + 1
    column = offset - (query.rfind("\n", 0, offset) + 1) + 1
    return f"regel {line}, kolom {column}"


def refuse_unsafe(query: str) -> str:
    """Raise QueryRefused for updates and federation; return the query form otherwise."""
    for token in tokens(query):
        if token.keyword == "SERVICE":
            raise QueryRefused(
                "SERVICE (federatie naar een andere server) wordt niet uitgevoerd "
                f"({_line_column(query, token.start)}). "
                "This endpoint does not query other hosts."
            )
        if token.keyword in UPDATE_KEYWORDS:
            raise QueryRefused(
                f"{token.keyword}: SPARQL Update wordt niet geaccepteerd; dit endpoint is alleen-lezen "
                f"({_line_column(query, token.start)}). This endpoint is read-only."
            )
    form = query_form(query)
    if form is None:
        raise QueryRefused("Geen SPARQL-query gevonden (SELECT, ASK, CONSTRUCT of DESCRIBE).")
    return form


def where_body_offset(query: str) -> int:
    """Offset just after the '{' that opens the outermost WHERE group."""
    depth, after_where, form = 0, False, None
    for token in tokens(query):
        if form is None and token.keyword in QUERY_FORMS:
            form = token.keyword
        if token.keyword == "WHERE" and depth == 0:
            after_where = True
        if token.text == "{":
            if depth == 0 and (after_where or form in ("SELECT", "ASK", "DESCRIBE")):
                return token.start + 1
            depth += 1
        elif token.text == "}":
            depth -= 1
    raise ValueError("query has no WHERE group")


def inline_bindings(query: str, bindings: Mapping[str, str]) -> str:
    """Bind variables by an inline VALUES block at the start of the WHERE group.

    `bindings` maps variable names to terms already serialised as N-Triples (escaped by pyoxigraph),
    so no caller text is ever pasted into the query.
    """
    if not bindings:
        return query
    names = " ".join(f"?{name}" for name in bindings)
    values = " ".join(bindings.values())
    at = where_body_offset(query)
    return f"{query[:at]} VALUES ({names}) {{ ({values}) }} {query[at:]}"
