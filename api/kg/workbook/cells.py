"""How one RDF term is written in a workbook cell and read back: ids, references and typed values.

A value goes into a column only if reading the cell gives back exactly the same term (lexical form, language,
datatype); anything else goes to "Overige gegevens". That rule is what makes the round trip lossless.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from rdflib import XSD, BNode, Literal, URIRef
from rdflib.term import Node

from api.kg.namespaces import PLAN, PREFIXES
from api.kg.workbook.schema import Column

Cell = str | int | float | Decimal | dt.datetime | dt.date | bool | None

PLAN_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LOCAL_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._~%/-]*$")
CURIE = re.compile(r"^([a-z][a-z0-9]*):([A-Za-z0-9._~%/-]*)$")
LABELLED = re.compile(r"^(.*?)\s*\[([^\[\]]+)\]$")
_INTEGER = re.compile(r"^-?(?:0|[1-9][0-9]*)$")
_YEAR = re.compile(r"^[0-9]{4}$")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
DATATYPES = {
    "decimal": XSD.decimal,
    "integer": XSD.integer,
    "year": XSD.gYear,
    "boolean": XSD.boolean,
    "date": XSD.date,
}
_NAMESPACES = sorted(((n, iri) for n, iri in PREFIXES.items() if n != "plan"), key=lambda item: -len(item[1]))


class CellProblem(ValueError):
    """A cell that cannot be read: the message says, in Dutch, what to put there instead."""


@dataclass(frozen=True)
class Ids:
    """Ids as the workbook writes them: relative under the plan ('actie/x'), prefix:name, or <IRI>."""

    plan_id: str

    @property
    def plan(self) -> URIRef:
        return URIRef(PLAN + self.plan_id)

    @property
    def base(self) -> str:
        return PLAN + self.plan_id + "/"

    def of(self, term: Node, bnodes: dict[BNode, str] | None = None) -> str:
        if isinstance(term, BNode):
            if bnodes is None:
                raise ValueError("blank node without a label table")
            return bnodes.setdefault(term, f"_:b{len(bnodes) + 1}")
        iri = str(term)
        if iri.startswith(self.base) and LOCAL_ID.match(iri[len(self.base) :]) and ":" not in iri[len(self.base) :]:
            return iri[len(self.base) :]
        if iri.startswith(PLAN) and PLAN_ID.match(iri[len(PLAN) :].split("/", 1)[0]):
            rest = iri[len(PLAN) :]
            if LOCAL_ID.match(rest):
                return "plan:" + rest
        for name, namespace in _NAMESPACES:
            if iri.startswith(namespace) and LOCAL_ID.match(iri[len(namespace) :] or "x"):
                return f"{name}:{iri[len(namespace) :]}"
        return f"<{iri}>"

    def term(self, text: str, bnodes: dict[str, BNode] | None = None) -> URIRef | BNode:
        """The node an id names; CellProblem when it is not an id at all."""
        text = text.strip()
        if text.startswith("_:") and bnodes is not None and re.match(r"^_:[A-Za-z0-9]+$", text):
            return bnodes.setdefault(text, BNode())
        if text.startswith("<") and text.endswith(">") and re.match(r"^<https?://[^\s<>\"{}|\\^`]+>$", text):
            return URIRef(text[1:-1])
        if re.match(r"^https?://[^\s<>\"{}|\\^`]+$", text):
            return URIRef(text)
        match = CURIE.match(text)
        if match:
            name, local = match.groups()
            if name == "plan":
                return URIRef(PLAN + local)
            if name in PREFIXES:
                return URIRef(PREFIXES[name] + local)
            raise CellProblem(f"'{name}:' is geen bekend voorvoegsel; gebruik een id uit de lijst")
        if LOCAL_ID.match(text) and ".." not in text:
            return URIRef(self.base + text)
        raise CellProblem(
            f"'{text}' is geen geldige id; gebruik kleine letters, cijfers, '-' en '/' (bijv. actie/mantelzorg)"
        )


def slug(text: str) -> str:
    """A readable id part from a name: 'Zorg & Wonen' -> 'zorg-wonen'."""
    table = str.maketrans("àáâäãåèéêëìíîïòóôöõùúûüçñ", "aaaaaaeeeeiiiiooooouuuucn")
    lowered = text.lower().translate(table)
    return re.sub(r"[^a-z0-9]+", "-", lowered).strip("-")[:60].strip("-") or "rij"


# --- literals: column value <-> cell -----------------------------------------------------------------------


def _number_cell(lexical: str) -> int | float | None:
    """The cell number that reads back as this lexical form, or None when no number does."""
    if _INTEGER.match(lexical):
        number = int(lexical)
        return number if abs(number) < 10**15 else None
    try:
        value = float(lexical)
    except ValueError:
        return None
    return value if repr(value) == lexical and abs(value) < 1e15 else None


def literal_cell(column: Column, term: Node) -> Cell:
    """The cell for a literal in this column, or None when the column cannot hold it exactly."""
    if not isinstance(term, Literal):
        return None
    text = str(term)
    if column.kind == "text":
        plain = term.datatype is None
        if term.language != column.lang or not plain or not text or (column.multi and "\n" in text):
            return None
        return text if _survives_as_text(text) else None
    if term.datatype != DATATYPES.get(column.kind) or term.language:
        return None
    if column.kind in ("decimal", "integer"):
        if column.kind == "integer" and not _INTEGER.match(text):
            return None
        return _number_cell(text)
    if column.kind == "year":
        return int(text) if _YEAR.match(text) and not text.startswith("0") else None
    if column.kind == "boolean":
        return {"true": "ja", "false": "nee"}.get(text)
    if column.kind == "date":
        return text if _DATE.match(text) else None
    return None


def _survives_as_text(text: str) -> bool:
    """Spreadsheet programs keep text, but not leading/trailing blanks or control characters."""
    return text == text.strip() and not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", text)


def read_literal(column: Column, value: Cell) -> Literal:
    """The literal a cell stands for; CellProblem with a Dutch instruction when it is not one."""
    kind = column.kind
    if kind == "text":
        if isinstance(value, (dt.datetime, dt.date)):
            value = value.isoformat()
        text = _text_of(value)
        return Literal(text, lang=column.lang) if column.lang else Literal(text)
    if kind in ("decimal", "integer"):
        number = _number(value)
        if kind == "integer":
            if number != number.to_integral_value():
                raise CellProblem(f"'{value}' is geen geheel getal; vul een geheel getal in (bijv. 3)")
            return Literal(str(int(number)), datatype=XSD.integer)
        text = str(int(number)) if number == number.to_integral_value() else repr(float(number))
        return Literal(text, datatype=XSD.decimal)
    if kind == "year":
        text = _text_of(value).removesuffix(".0")
        if not _YEAR.match(text) or text.startswith("0"):
            raise CellProblem(f"'{value}' is geen jaartal; vul een jaar in met vier cijfers (bijv. 2025)")
        return Literal(text, datatype=XSD.gYear)
    if kind == "boolean":
        if isinstance(value, bool):
            return Literal("true" if value else "false", datatype=XSD.boolean)
        answer = {"ja": "true", "nee": "false", "waar": "true", "onwaar": "false", "true": "true", "false": "false"}
        text = _text_of(value).lower()
        if text not in answer:
            raise CellProblem(f"'{value}' is geen ja of nee; kies ja of nee")
        return Literal(answer[text], datatype=XSD.boolean)
    if kind == "date":
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return Literal(value.isoformat(), datatype=XSD.date)
        text = _text_of(value)
        try:
            dt.date.fromisoformat(text)
        except ValueError:
            raise CellProblem(f"'{value}' is geen datum; schrijf hem als JJJJ-MM-DD (bijv. 2024-01-01)") from None
        if not _DATE.match(text):
            raise CellProblem(f"'{value}' is geen datum; schrijf hem als JJJJ-MM-DD (bijv. 2024-01-01)")
        return Literal(text, datatype=XSD.date)
    raise ValueError(f"column {column.header} holds no literal")


def _text_of(value: Cell) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip() if isinstance(value, str) else str(value)


def _number(value: Cell) -> Decimal:
    if isinstance(value, bool) or value is None:
        raise CellProblem(f"'{value}' is geen getal")
    if isinstance(value, (int, Decimal)):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    text = str(value).strip().replace("\u00a0", "").replace(" ", "")
    if re.match(r"^-?[0-9]{1,3}(\.[0-9]{3})+(,[0-9]+)?$", text):  # 1.234,5 as Dutch Excel writes it
        text = text.replace(".", "")
    text = text.replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise CellProblem(
            f"'{value}' is geen getal; zet de tekst zoals gedrukt in kolom 'Zoals gedrukt' en laat deze cel leeg"
        ) from None
    if not number.is_finite():
        raise CellProblem(f"'{value}' is geen getal")
    return number


def split_items(value: Cell) -> list[str]:
    """A multi-valued cell: one item per line (Alt+Enter in Excel)."""
    if value is None:
        return []
    return [item.strip() for item in _text_of(value).splitlines() if item.strip()]


def labelled(item: str) -> tuple[str, str | None]:
    """'Viva! Zorggroep [bgorg:viva-zorggroep]' -> (name, id); a bare id or name -> (text, None)."""
    match = LABELLED.match(item)
    if match:
        return match.group(1).strip(), match.group(2).strip()
    return item, None
