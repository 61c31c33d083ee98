"""Ill-typed literals ("abc"^^xsd:integer) as load errors with file:line:column.

pyoxigraph parses such literals without complaint and stores them as opaque values, so a typo in a
number or date would silently drop out of every comparison and aggregate. We check the XSD lexical
spaces ourselves (XSD 1.1, no whitespace normalisation, as RDF 1.1 requires) and, since the parser
gives no position per triple, find the first spelling of the literal in the file text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path

import pyoxigraph as ox

from api.errors import DataSyntaxError

XSD = "http://www.w3.org/2001/XMLSchema#"

_INTEGER = re.compile(r"[+-]?[0-9]+")
_DECIMAL = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)")
_DOUBLE = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?|[+-]?INF|NaN")
_BOOLEAN = re.compile(r"true|false|1|0")
_YEAR = r"(?P<year>-?([1-9][0-9]{3,}|0[0-9]{3}))"
_MONTH = r"(?P<month>0[1-9]|1[0-2])"
_DAY = r"(?P<day>0[1-9]|[12][0-9]|3[01])"
_TIME = r"(([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]+)?|24:00:00(\.0+)?)"
_ZONE = r"(Z|[+-]((0[0-9]|1[0-3]):[0-5][0-9]|14:00))?"
_DATE = re.compile(f"{_YEAR}-{_MONTH}-{_DAY}{_ZONE}")
_DATE_TIME = re.compile(f"{_YEAR}-{_MONTH}-{_DAY}T{_TIME}{_ZONE}")
_G_YEAR = re.compile(f"{_YEAR}{_ZONE}")
_G_YEAR_MONTH = re.compile(f"{_YEAR}-{_MONTH}{_ZONE}")

# the integer types derived from xsd:integer, with their inclusive bounds (None: unbounded)
_INTEGER_BOUNDS: dict[str, tuple[int | None, int | None]] = {
    "integer": (None, None),
    "nonPositiveInteger": (None, 0),
    "negativeInteger": (None, -1),
    "nonNegativeInteger": (0, None),
    "positiveInteger": (1, None),
    "long": (-(2**63), 2**63 - 1),
    "int": (-(2**31), 2**31 - 1),
    "short": (-(2**15), 2**15 - 1),
    "byte": (-(2**7), 2**7 - 1),
    "unsignedLong": (0, 2**64 - 1),
    "unsignedInt": (0, 2**32 - 1),
    "unsignedShort": (0, 2**16 - 1),
    "unsignedByte": (0, 2**8 - 1),
}


def _integer_check(low: int | None, high: int | None) -> Callable[[str], bool]:
    def check(text: str) -> bool:
        if not _INTEGER.fullmatch(text):
            return False
        value = int(text)
        return (low is None or value >= low) and (high is None or value <= high)

    return check


def _day_exists(pattern: re.Pattern[str]) -> Callable[[str], bool]:
    """The pattern allows 31 days in every month; February 30th is no date."""

    def check(text: str) -> bool:
        match = pattern.fullmatch(text)
        if not match:
            return False
        year, month, day = int(match["year"]), int(match["month"]), int(match["day"])
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        days = [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return day <= days

    return check


def _matches(pattern: re.Pattern[str]) -> Callable[[str], bool]:
    return lambda text: pattern.fullmatch(text) is not None


CHECKS: dict[str, Callable[[str], bool]] = {
    **{XSD + name: _integer_check(*bounds) for name, bounds in _INTEGER_BOUNDS.items()},
    XSD + "decimal": _matches(_DECIMAL),
    XSD + "double": _matches(_DOUBLE),
    XSD + "float": _matches(_DOUBLE),
    XSD + "boolean": _matches(_BOOLEAN),
    XSD + "date": _day_exists(_DATE),
    XSD + "dateTime": _day_exists(_DATE_TIME),
    XSD + "gYear": _matches(_G_YEAR),
    XSD + "gYearMonth": _matches(_G_YEAR_MONTH),
}


def is_well_typed(literal: ox.Literal) -> bool:
    """True unless the datatype is one we check and the lexical form is outside its lexical space."""
    check = CHECKS.get(literal.datatype.value)
    return check is None or check(literal.value)


def first_ill_typed(quads: Iterable[ox.Quad]) -> ox.Quad | None:
    for quad in quads:
        if isinstance(quad.object, ox.Literal) and not is_well_typed(quad.object):
            return quad
    return None


_PREFIX_DECL = re.compile(r"(?:@prefix|PREFIX)\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>", re.IGNORECASE)


def _position(text: str, literal: ox.Literal) -> tuple[int, int] | None:
    """Line and column (1-based) of the first `"form"^^datatype` in the text, however the datatype is spelt."""
    datatype = literal.datatype.value
    local = datatype.removeprefix(XSD)
    spellings = [re.escape(f"<{datatype}>")]
    for prefix, namespace in _PREFIX_DECL.findall(text):
        if namespace == XSD:
            spellings.append(re.escape(f"{prefix}:{local}") + r"(?![\w-])")
    form = re.escape(literal.value)
    quoted = "|".join(f"{q}{form}{q}" for q in ('"""', "'''", '"', "'"))
    match = re.search(f"(?:{quoted})\\s*\\^\\^\\s*(?:{'|'.join(spellings)})", text)
    if match is None:
        return None
    line = text.count("\n", 0, match.start()) + 1
    return line, match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1


def check_literals(path: Path, quads: Iterable[ox.Quad]) -> None:
    """Raise DataSyntaxError at the first ill-typed literal; the file is only read when there is one."""
    quad = first_ill_typed(quads)
    if quad is None:
        return
    literal = quad.object
    assert isinstance(literal, ox.Literal)
    name = literal.datatype.value
    shown = "xsd:" + name.removeprefix(XSD) if name.startswith(XSD) else f"<{name}>"
    message = f'"{literal.value}" is geen geldige {shown}'
    where = _position(path.read_text(encoding="utf-8", errors="replace"), literal)
    if where is None:
        raise DataSyntaxError(path, 1, 1, f"{message} (bij {quad.subject}; positie niet gevonden)")
    raise DataSyntaxError(path, where[0], where[1], message)
