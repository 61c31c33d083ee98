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

Ranking: names whose words are the text's words first, then names starting with them, then names with every word
as a word start or by stem, then names holding the text anywhere. Rows are stored shortest name first, so each stage
is read in that order and only until 100 nodes are found; the last two are ordered by bm25 when they have at most
SCORED matches (scoring tens of thousands of names for a common word cost 100-250 ms at 85x; among names that all
hold every word of the text bm25 mostly prefers the shorter name anyway). The MATCH expressions are built only from
this module's own tokens, each double-quoted, so no text a visitor types is read as FTS5 syntax.
"""

from __future__ import annotations

import re
import sqlite3
import threading
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
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
SCORED = 2000  # a stage with more matches than this lists them shortest name first instead of scoring each by bm25


@dataclass(frozen=True)
class Hit:
    """A node found, by which of its names, and its rank class (0 exact, 1 starts with the text, 2 other)."""

    knoop: str
    naam: str
    rang: int


def fold(text: str) -> str:
    """Lower case without diacritics, whitespace collapsed: how names and search text are compared.

    Control and format characters become spaces: FTS5 reads a NUL inside a quoted string as its end.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(
        " " if unicodedata.category(char).startswith("C") else char
        for char in decomposed
        if not unicodedata.combining(char)
    )
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
        kept = []
        for row in rows:
            knoop, naam = row.get("knoop", ""), row.get("naam", "")
            found = words(naam)
            if found and _valid_iri(knoop):
                kept.append((len(found), len(naam), naam, knoop, found))
        kept.sort()  # rowid order is then shortest name first: the order of matches too many to score
        for _, _, naam, knoop, found in kept:
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
            index.db.execute("CREATE INDEX namen_woordreeks ON namen (woordreeks)")
        index.size = len(namen)
        return index

    def __len__(self) -> int:
        return self.size

    def close(self) -> None:
        """Free the database; a generation that is retired closes its index."""
        with self.lock:
            self.db.close()

    def search(self, text: str, limit: int = LIMIT) -> list[Hit]:
        """The best `limit` nodes for a search text, one hit per node, best first.

        In stages, each read only until `limit` nodes are found, so that a common word at national scale does not
        make every one of its names be scored: names equal to the text's words (rank 0), names starting with them
        (1), names with every word as a word start or by stem (2), names holding the text anywhere (2).
        """
        found = words(text)[:MAX_TOKENS]
        folded = fold(text)
        hits: dict[str, Hit] = {}
        with self.lock:
            for rang, rows in self._stages(found, folded):
                for knoop, naam in rows:
                    if knoop not in hits:
                        hits[knoop] = Hit(knoop, naam, rang)
                        if len(hits) >= limit:
                            return list(hits.values())
        return list(hits.values())

    def _stages(self, found: Sequence[str], folded: str) -> Iterator[tuple[int, Iterable[tuple[str, str]]]]:
        if found:
            reeks = " ".join(found)
            yield 0, self.db.execute("SELECT knoop, naam FROM namen WHERE woordreeks = ? ORDER BY id", (reeks,))
            phrase = f"woord : ^ {_quoted(reeks)} *"  # the name's first words are the text's, the last one begun
            yield 1, self._matches("woorden", phrase, scored=False)
            yield 2, self._matches("woorden", self._words_expression(found), scored=True)
        if len(folded) >= 3:
            yield 2, self._matches("tekens", _quoted(folded), scored=True)

    def _matches(self, table: str, expression: str, *, scored: bool) -> Iterable[tuple[str, str]]:
        """(knoop, naam) of the names matching, by bm25 when they are few, else shortest first (rowid order)."""
        if scored:
            probe = f"SELECT count(*) FROM (SELECT 1 FROM {table} WHERE {table} MATCH ? LIMIT ?)"
            scored = self.db.execute(probe, (expression, SCORED + 1)).fetchone()[0] <= SCORED
        order = f"bm25({table}), {table}.rowid" if scored else f"{table}.rowid"  # rowid: FTS5 gives it unsorted
        sql = f"SELECT n.knoop, n.naam FROM {table} JOIN namen AS n ON n.id = {table}.rowid WHERE {table} MATCH ?"
        return self.db.execute(f"{sql} ORDER BY {order}", (expression,))

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
