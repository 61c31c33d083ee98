"""Query results in Python, and the media types they can be written as."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

import pyoxigraph as ox

from api.errors import ResultTooLarge

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple

SOLUTION_FORMATS: dict[str, ox.QueryResultsFormat] = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
BOOLEAN_FORMATS: dict[str, ox.QueryResultsFormat] = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
}
GRAPH_FORMATS: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/trig": ox.RdfFormat.TRIG,
}
DATASET_FORMATS: dict[str, ox.RdfFormat] = {
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/trig": ox.RdfFormat.TRIG,
}


def formats_for(form: str) -> dict[str, ox.QueryResultsFormat] | dict[str, ox.RdfFormat]:
    """The media types a query of this form (SELECT, ASK, CONSTRUCT, DESCRIBE) can be answered in."""
    if form == "SELECT":
        return SOLUTION_FORMATS
    if form == "ASK":
        return BOOLEAN_FORMATS
    return GRAPH_FORMATS


@dataclass
class QueryResult:
    """A fully read result: rows for SELECT, a boolean for ASK, triples for CONSTRUCT/DESCRIBE."""

    form: str
    variables: list[str] = field(default_factory=list)
    rows: list[dict[str, Term]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[ox.Triple] = field(default_factory=list)

    def values(self, variable: str) -> list[str]:
        return [lexical(row[variable]) for row in self.rows if variable in row]

    def records(self) -> list[dict[str, str]]:
        """Rows as plain strings (lexical forms), for tables, JSON APIs and templates."""
        return [{name: lexical(term) for name, term in row.items()} for row in self.rows]


def lexical(term: Term) -> str:
    """The IRI, the literal's lexical form, or the blank node/triple in N-Triples."""
    return str(term) if isinstance(term, ox.Triple) else term.value


def read_result(raw: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples, form: str) -> QueryResult:
    if isinstance(raw, ox.QuerySolutions):
        variables = [variable.value for variable in raw.variables]
        rows = []
        for solution in raw:
            row = {}
            for name in variables:
                term = solution[name]
                if term is not None:
                    row[name] = term
            rows.append(row)
        return QueryResult("SELECT", variables, rows)
    if isinstance(raw, ox.QueryBoolean):
        return QueryResult("ASK", boolean=bool(raw))
    return QueryResult(form, triples=list(raw))


class BoundedBuffer(io.BytesIO):
    """A byte buffer that stops a serialisation (and the lazy query behind it) at a size limit."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit

    def write(self, data: bytes) -> int:  # type: ignore[override]
        if self.tell() + len(data) > self.limit:
            raise ResultTooLarge(
                f"Het resultaat is groter dan de limiet van {self.limit:,} bytes en is afgebroken; "
                "verklein de query (LIMIT, filters). The result exceeds the size limit."
            )
        return super().write(data)


def serialize(raw: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples, media_type: str, max_bytes: int) -> bytes:
    buffer = BoundedBuffer(max_bytes)
    if isinstance(raw, ox.QueryTriples):
        raw.serialize(buffer, GRAPH_FORMATS[media_type])
    elif isinstance(raw, ox.QueryBoolean):
        raw.serialize(buffer, BOOLEAN_FORMATS[media_type])
    else:
        raw.serialize(buffer, SOLUTION_FORMATS[media_type])
    return buffer.getvalue()
