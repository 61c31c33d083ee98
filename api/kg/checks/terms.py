"""Terms from either engine (pyoxigraph or rdflib) as display text, exact N-Triples and comparable keys."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

import pyoxigraph as ox
import rdflib

XSD = "http://www.w3.org/2001/XMLSchema#"
NUMERIC = {XSD + name for name in ("integer", "decimal", "double", "float", "int", "long", "short", "byte")}
NUMERIC |= {XSD + name for name in ("nonNegativeInteger", "positiveInteger", "negativeInteger")}

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | rdflib.term.Node


def display(term: Term) -> str:
    """The IRI, the literal's lexical form, or _:id for a blank node."""
    if isinstance(term, ox.BlankNode | rdflib.BNode):
        return f"_:{term.value if isinstance(term, ox.BlankNode) else term}"
    if isinstance(term, ox.NamedNode | ox.Literal):
        return term.value
    return str(term)


def is_iri(term: Term) -> bool:
    return isinstance(term, ox.NamedNode | rdflib.URIRef)


def exact(term: Term) -> str:
    """N-Triples; numbers compared by value, so "1.0"^^decimal and "1"^^decimal agree across engines."""
    if isinstance(term, ox.Literal):
        return _literal(term.value, term.datatype.value, term.language)
    if isinstance(term, rdflib.Literal):
        datatype = str(term.datatype) if term.datatype else (None if term.language else XSD + "string")
        return _literal(str(term), datatype or "", term.language)
    if isinstance(term, ox.NamedNode | rdflib.URIRef):
        return f"<{display(term)}>"
    return display(term)


def _literal(lexical: str, datatype: str, language: str | None) -> str:
    if language:
        return f'"{lexical}"@{language.lower()}'
    if datatype in NUMERIC:
        try:
            number = Decimal(lexical)
            lexical = format(number.normalize(), "f") if number == number.to_integral() else str(number.normalize())
        except InvalidOperation:
            pass
    return f'"{lexical}"^^<{datatype}>'


def format_number(lexical: str, language: str) -> str:
    """39452 as 39.452 and 48.1 as 48,1 in Dutch; 39,452 and 48.1 in English."""
    try:
        number = Decimal(lexical)
    except InvalidOperation:
        return lexical
    text = f"{number:,f}" if number != number.to_integral() else f"{int(number):,}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if language == "nl":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text
