"""Search over every name in the graph by a full-text index, instead of a CONTAINS scan over all labels.

zoek.rq compares the search text with every name in the store, which grows with the data (53 s at 85x, issue #16).
This index is built once from queries/zoekindex.rq (every IRI with each of its names, from any store, embedded or
remote) into an in-memory SQLite database with two FTS5 tables:

    woorden  the name's words and their Dutch Snowball stems (unicode61, diacritics removed): a query word matches
             a word it starts, or a word with the same stem ("mantelzorgers" - "mantelzorger")
    tekens   the whole name, folded (trigram): the text as a substring anywhere, like CONTAINS ("zorg" in
             "Mantelzorg"); trigram needs at least 3 characters, so shorter text uses only the words

Snowball's Dutch stemmer keeps agent nouns apart from their base ("mantelzorger" stays "mantelzorger"), so a stem
ending in -er also stands for the stem without it (long stems only: "ouder" is not "oud").

Ranking: names equal to the text's words first, then names whose words start with them, then the rest; inside each,
word matches before substring-only matches, then bm25. The MATCH expressions are built only from this module's own
tokens, each double-quoted, so no text a visitor types is read as FTS5 syntax.
"""

from __future__ import annotations

import re
import sqlite3
import threading
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox
import snowballstemmer

from api.kg.queries import QueryCatalog, run_named
from api.kg.results import QueryResult
from api.kg.sparql_text import inline_rows

LIMIT = 100
MAX_TOKENS = 12  # words of the text that are searched; a pasted paragraph is not a question of 80 words
MIN_REDUCED = 5  # characters left after taking -er off a stem
INDEX_QUERY = "zoekindex"
HITS_QUERY = "zoektreffers"
HIT_VARIABLES = ("knoop", "volgorde", "treffer", "rang")  # the VALUES block zoektreffers.rq is given
_WORD = re.compile(r"[^\W_]+")
_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")


@dataclass(frozen=True)
class Hit:
    """A node found, by which of its names, and its rank class (0 exact, 1 starts with the text, 2 other)."""

    knoop: str
    naam: str
    rang: int


def fold(text: str) -> str:
    """Lower case without diacritics, whitespace collapsed: how names and search text are compared."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.casefold().split())


def words(text: str) -> list[str]:
    """The folded words (letters and digits) of a text; punctuation and FTS5 operators are separators."""
    return _WORD.findall(fold(text))


class Stems:
    """Per word its Dutch stem, and the stem without -er when that is a long stem (agent nouns).

    Remembered per word: Snowball in pure Python takes ~0.2 ms a word, and names repeat their words.
    """

    def __init__(self) -> None:
        self.stemmer = snowballstemmer.stemmer("dutch")
        self.known: dict[str, frozenset[str]] = {}

    def __call__(self, word: str) -> frozenset[str]:
        variants = self.known.get(word)
        if variants is None:
            stem = self.stemmer.stemWord(word)
            reduced = {stem[:-2]} if stem.endswith("er") and len(stem) - 2 >= MIN_REDUCED else set()
            variants = self.known[word] = frozenset({stem, *reduced})
        return variants


def _quoted(token: str) -> str:
    """An FTS5 string: the token in double quotes, a quote inside doubled."""
    return '"' + token.replace('"', '""') + '"'


class SearchIndex:
    """The names of one generation of the graph, in SQLite FTS5, answering a search in milliseconds."""

    def __init__(self) -> None:
        self.db = sqlite3.connect(":memory:", check_same_thread=False)
        self.lock = threading.Lock()  # one connection, searched from the web's worker threads one at a time
        self.size = 0
        self.db.executescript(
            """
            CREATE TABLE namen (id INTEGER PRIMARY KEY, knoop TEXT NOT NULL, naam TEXT NOT NULL,
                                woordreeks TEXT NOT NULL);
            CREATE VIRTUAL TABLE woorden USING fts5(woord, stam, tokenize = 'unicode61 remove_diacritics 2');
            CREATE VIRTUAL TABLE tekens USING fts5(tekst, tokenize = 'trigram');
            """
        )

    @classmethod
    def build(cls, store: Any, queries: QueryCatalog) -> SearchIndex:
        """The index of everything zoekindex.rq returns from this store (embedded or remote)."""
        return cls.from_rows(run_named(store, queries, INDEX_QUERY).records())

    @classmethod
    def from_rows(cls, rows: Iterable[Mapping[str, str]]) -> SearchIndex:
        """The index of (knoop, naam) rows; rows without a valid IRI or a name are left out."""
        index = cls()
        stems = Stems()
        namen: list[tuple[int, str, str, str]] = []
        woorden: list[tuple[int, str, str]] = []
        tekens: list[tuple[int, str]] = []
        for row in rows:
            knoop, naam = row.get("knoop", ""), row.get("naam", "")
            found = words(naam)
            if not found or not _valid_iri(knoop):
                continue
            rowid = len(namen) + 1
            variants = sorted(set().union(*map(stems, found)))
            namen.append((rowid, knoop, naam, " ".join(found)))
            woorden.append((rowid, " ".join(found), " ".join(variants)))
            tekens.append((rowid, fold(naam)))
        with index.db:
            index.db.executemany("INSERT INTO namen VALUES (?, ?, ?, ?)", namen)
            index.db.executemany("INSERT INTO woorden (rowid, woord, stam) VALUES (?, ?, ?)", woorden)
            index.db.executemany("INSERT INTO tekens (rowid, tekst) VALUES (?, ?)", tekens)
            index.db.execute("INSERT INTO woorden (woorden) VALUES ('optimize')")
            index.db.execute("INSERT INTO tekens (tekens) VALUES ('optimize')")
        index.size = len(namen)
        return index

    def __len__(self) -> int:
        return self.size

    def close(self) -> None:
        """Free the database; a generation that is retired closes its index."""
        with self.lock:
            self.db.close()

    def search(self, text: str, limit: int = LIMIT) -> list[Hit]:
        """The best `limit` nodes for a search text, one hit per node, best first."""
        found = words(text)[:MAX_TOKENS]
        folded = fold(text)
        parts: list[str] = []
        parameters: dict[str, str | int] = {"reeks": " ".join(found), "limit": limit}
        if found:
            parts.append("SELECT rowid AS id, 0 AS bron, bm25(woorden) AS gewicht FROM woorden WHERE woorden MATCH :w")
            parameters["w"] = self._words_expression(found)
        if len(folded) >= 3:
            parts.append("SELECT rowid AS id, 1 AS bron, bm25(tekens) AS gewicht FROM tekens WHERE tekens MATCH :t")
            parameters["t"] = _quoted(folded)
        if not parts:
            return []
        sql = f"""
            WITH treffers AS ({" UNION ALL ".join(parts)}),
            gerangschikt AS (
                SELECT n.knoop, n.naam, t.bron, t.gewicht,
                       CASE WHEN :reeks = '' THEN 2
                            WHEN n.woordreeks = :reeks THEN 0
                            WHEN substr(n.woordreeks, 1, length(:reeks)) = :reeks THEN 1
                            ELSE 2 END AS rang
                FROM treffers AS t JOIN namen AS n ON n.id = t.id
            ),
            beste AS (
                SELECT *, row_number() OVER (
                    PARTITION BY knoop ORDER BY rang, bron, gewicht, length(naam), naam) AS nummer
                FROM gerangschikt
            )
            SELECT knoop, naam, rang FROM beste WHERE nummer = 1
            ORDER BY rang, bron, gewicht, length(naam), naam, knoop
            LIMIT :limit
        """
        with self.lock:
            rows = self.db.execute(sql, parameters).fetchall()
        return [Hit(knoop, naam, rang) for knoop, naam, rang in rows]

    @staticmethod
    def _words_expression(found: Sequence[str]) -> str:
        """Every word must match: as the start of a word of the name, or by one of its stems."""
        clauses = []
        stems = Stems()
        for word in found:
            options = [f"woord : {_quoted(word)}*"] + [f"stam : {_quoted(stem)}" for stem in sorted(stems(word))]
            clauses.append("(" + " OR ".join(options) + ")")
        return " AND ".join(clauses)


def _valid_iri(value: str) -> bool:
    try:
        ox.NamedNode(value)
    except ValueError:
        return False
    return True


def hits_query(queries: QueryCatalog, hits: Sequence[Hit]) -> str:
    """zoektreffers.rq restricted to these hits by a VALUES block, in the index's order."""
    rows = [
        (
            ox.NamedNode(hit.knoop),
            ox.Literal(str(order), datatype=_INTEGER),
            ox.Literal(hit.naam),
            ox.Literal(str(hit.rang), datatype=_INTEGER),
        )
        for order, hit in enumerate(hits)
    ]
    return inline_rows(queries.get(HITS_QUERY).sparql, HIT_VARIABLES, rows)


def describe(store: Any, queries: QueryCatalog, hits: Sequence[Hit]) -> QueryResult | None:
    """The hits with the columns of zoek.rq (naam, gevonden, score, soort, documenten); None for no hits."""
    return store.result(hits_query(queries, hits)) if hits else None


def search_records(store: Any, queries: QueryCatalog, index: SearchIndex, text: str) -> list[dict[str, str]]:
    """What zoek.rq answers, found by the index: for the CLI, tests and benchmarks (the web runs it in workers)."""
    result = describe(store, queries, index.search(text))
    return result.records() if result is not None else []
