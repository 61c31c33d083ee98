"""What a query is, read before any engine runs it.

The tokens come from api.kg.sparql_lexer, which follows the SPARQL grammar's terminals, so a keyword is
only found where it is a keyword. This is what lets the endpoint refuse SERVICE (which pyoxigraph
would execute against the network) and updates before execution, and place typed parameter
bindings inside a query for remote stores. The refusal fails closed: a query the lexer cannot read,
or reads two ways, is refused with its position rather than passed on.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence

import pyoxigraph as ox

from api.errors import QueryRefused, QuerySyntaxError
from api.kg.sparql_lexer import Token, lex

__all__ = ["Token", "declares_dataset", "inline_bindings", "inline_rows", "query_form", "refuse_unsafe", "tokens"]

QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
UPDATE_KEYWORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH", "USING"}
)
_VARIABLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# pyoxigraph matches keywords without a word boundary: `SERVICEex:a` is SERVICE followed by ex:a, and
# `trueSERVICE<...>` is the literal true followed by SERVICE. So a bare word holding SERVICE, or a
# prefixed name starting with it, is read as the keyword.
_SERVICE_IN_NAME = re.compile(r"(?:TRUE|FALSE)?SERVICE", re.IGNORECASE)


def tokens(query: str) -> Iterator[Token]:
    """The query's tokens without whitespace and comments (up to the first one that cannot be read)."""
    return lex(query)


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


def _line_column(query: str, offset: int) -> tuple[int, int]:
    line = query.count("\n", 0, offset) + 1
    return line, offset - (query.rfind("\n", 0, offset) + 1) + 1


def _where(query: str, offset: int) -> str:
    line, column = _line_column(query, offset)
    return f"regel {line}, kolom {column}"


def _names_service(token: Token) -> bool:
    if token.kind == "word":
        return "SERVICE" in token.keyword
    return token.kind == "pname" and _SERVICE_IN_NAME.match(token.text) is not None


def _unreadable(query: str, token: Token) -> QuerySyntaxError:
    line, column = _line_column(query, token.start)
    if token.kind == "ambiguous":
        message = (
            "'<' kan hier zowel een vergelijking als het begin van een IRI zijn; zet een spatie na "
            "'<' of schrijf de IRI met spaties eromheen. The query was not run."
        )
    elif not token.text:
        message = "de query eindigt terwijl een '(', '[' of '{' nog open is."
    elif token.text in (")", "]", "}", ")>>"):
        message = f"'{token.text}' sluit niets dat open is."
    else:
        message = f"onverwacht teken {token.text!r} (U+{ord(token.text):04X}); deze query wordt niet uitgevoerd."
    return QuerySyntaxError(message, line, column)


def refuse_unsafe(query: str) -> str:
    """Raise QueryRefused for updates and federation; return the query form otherwise.

    The whole query is read first; one that cannot be read is a QuerySyntaxError with its position,
    never passed on. Then: an optional prologue (BASE, PREFIX, VERSION), a query form, and nowhere
    SERVICE or an update keyword.
    """
    found = list(tokens(query))
    for token in found:
        if token.kind in ("error", "ambiguous"):
            raise _unreadable(query, token)
        if _names_service(token):
            raise QueryRefused(
                "SERVICE (federatie naar een andere server) wordt niet uitgevoerd "
                f"({_where(query, token.start)}). This endpoint does not query other hosts."
            )
        if token.keyword in UPDATE_KEYWORDS:
            raise QueryRefused(
                f"{token.keyword}: SPARQL Update wordt niet geaccepteerd; dit endpoint is alleen-lezen "
                f"({_where(query, token.start)}). This endpoint is read-only."
            )
    form = _form_after_prologue(found)
    if form is None:
        raise QueryRefused("Geen SPARQL-query gevonden (SELECT, ASK, CONSTRUCT of DESCRIBE).")
    return form


def _form_after_prologue(found: list[Token]) -> str | None:
    """The query form that follows BASE <iri>, PREFIX p: <iri> and VERSION "..." declarations."""
    at = 0
    while at < len(found):
        keyword = found[at].keyword
        if keyword == "BASE" and at + 1 < len(found) and found[at + 1].kind == "iri":
            at += 2
        elif (
            keyword == "PREFIX"
            and at + 2 < len(found)
            and found[at + 1].text.endswith(":")
            and found[at + 2].kind == "iri"
        ):
            at += 3
        elif keyword == "VERSION" and at + 1 < len(found) and found[at + 1].kind == "string":
            at += 2
        else:
            return keyword if keyword in QUERY_FORMS else None
    return None


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


def inline_rows(
    query: str, variables: Sequence[str], rows: Sequence[Sequence[ox.NamedNode | ox.Literal | None]]
) -> str:
    """Bind several rows of variables by one inline VALUES block at the start of the WHERE group.

    The rows are pyoxigraph terms (an IRI is checked when its NamedNode is made), serialised here as
    N-Triples, and None is UNDEF: like inline_bindings, no text is pasted into the query unescaped.
    """
    for name in variables:
        if not _VARIABLE.match(name):
            raise ValueError(f"geen geldige SPARQL-variabele: {name!r}")
    cells = []
    for row in rows:
        if len(row) != len(variables):
            raise ValueError(f"rij met {len(row)} waarden voor {len(variables)} variabelen")
        for term in row:
            if term is not None and not isinstance(term, (ox.NamedNode, ox.Literal)):
                raise TypeError(f"alleen IRI's en literals horen in een VALUES-blok, niet {type(term).__name__}")
        cells.append("(" + " ".join("UNDEF" if term is None else str(term) for term in row) + ")")
    names = " ".join(f"?{name}" for name in variables)
    at = where_body_offset(query)
    return f"{query[:at]} VALUES ({names}) {{ {' '.join(cells)} }} {query[at:]}"
