"""The passage of a source text that a section of the graph comes from ("Toon bron").

The graph cites sections, not lines: a `bg:Sectie` has the document's own number and title. Given the text the
document was curated from (registered by file name and SHA-256 in graph/bronnen.ttl, kept in a folder outside
the repository), the section's heading is found by its title and the passage runs to the next heading of the
document that is not inside it. A text whose checksum differs is refused: its lines are not the ones curated.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from api.kg.queries import QueryCatalog, run_named
from api.kg.store import GraphStore

# A passage longer than this is cut (a whole chapter); the page says so and gives the line range.
MAX_PASSAGE_LINES = 600
# the part of a title compared with a heading line: long titles wrap, and a wrapped line holds at least this much
MIN_TITLE_PREFIX = 12


@dataclass(frozen=True)
class Section:
    iri: str
    number: str
    title: str | None


@dataclass(frozen=True)
class Passage:
    """Lines first..last (1-based, inclusive) of the registered file; `cut` when it was shortened."""

    file_name: str
    first: int
    last: int
    lines: list[str]
    cut: bool


class SourceTextUnavailable(Exception):
    """Why a passage cannot be shown; the message is Dutch, for the page."""


def _plain(text: str) -> str:
    """Letters and digits in lower case, single-spaced: PDF extraction leaves odd dashes, quotes and blanks."""
    text = unicodedata.normalize("NFKC", text).lower()
    return " ".join(re.sub(r"[^\w.]+", " ", text).split())


_HEADING_PREFIX = re.compile(r"^(?:hoofdstuk\s+|bijlage\s+|h)?(\d+(?:\.\d+)*[a-z]?)\.?\s+(?:\|\s*)?")


def _split_heading(line: str) -> tuple[str | None, str]:
    """'4.3.4 Title', 'Hoofdstuk 4 Title', 'H2 | Title' → (number, title part)."""
    match = _HEADING_PREFIX.match(line)
    if not match:
        return None, line
    return match.group(1), line[match.end() :]


def _section_number(section: Section) -> str | None:
    """The number a heading would print: '4.3.4', and for 'bijlage 3.2' the '3.2'."""
    digits = re.findall(r"\d+(?:\.\d+)*[a-z]?", section.number)
    return digits[-1] if digits else None


def _title_of(section: Section) -> str:
    title = _plain(section.title or section.number)
    _, rest = _split_heading(title)
    return rest or title


def _matches(title: str, rest: str) -> bool:
    rest = rest.rstrip(" ")
    if rest.startswith(title) and re.fullmatch(r"\s+\d{1,3}", rest[len(title) :]):
        return False  # a table-of-contents line: the heading and its page number
    rest = rest.rstrip(".")
    if rest == title or rest.startswith(title + " "):
        return len(rest) <= len(title) + 20
    return title.startswith(rest) and len(rest) >= min(MIN_TITLE_PREFIX, len(title))


def heading_lines(lines: list[str], sections: list[Section]) -> dict[str, int]:
    """Section IRI → index of its heading line, for the sections whose heading the text prints."""
    plain = [_plain(line) for line in lines]
    split = [_split_heading(line) for line in plain]
    found: dict[str, int] = {}
    for section in sections:
        number, title = _section_number(section), _title_of(section)
        numbered = [i for i, (n, rest) in enumerate(split) if n and n == number and _matches(title, rest)]
        # an unnumbered heading is a line of its own; a line ending in a full stop ends a sentence instead
        bare = [i for i, line in enumerate(plain) if not lines[i].rstrip().endswith(".") and _matches(title, line)]
        # a section numbered like "4.3.3" has its number printed; "1 Ouderen" and "bijlage 1" may be printed bare
        candidates = numbered if numbered or re.fullmatch(r"[\d.]+[a-z]?", section.number) else bare
        if candidates:
            # the first outside the table of contents (whose lines end in a page number): a later one is
            # usually a summary table repeating the heading (the Heemstede uitvoeringsagenda)
            found[section.iri] = candidates[0]
    return found


def _inside(inner: Section, outer: Section) -> bool:
    a, b = _section_number(inner), _section_number(outer)
    if not (a and b and a.startswith(b + ".")):
        return False
    # "bijlage 3.2" is inside "bijlage 3", not inside chapter 3
    return inner.number[: inner.number.rfind(a)] == outer.number[: outer.number.rfind(b)]


def passage(lines: list[str], sections: list[Section], wanted: str, file_name: str) -> Passage:
    """The lines of section `wanted`: from its heading to the next heading that is not one of its sub-sections."""
    starts = heading_lines(lines, sections)
    if wanted not in starts:
        raise SourceTextUnavailable("De kop van deze sectie staat niet herkenbaar in de brontekst.")
    by_iri = {section.iri: section for section in sections}
    first = starts[wanted]
    later = [line for iri, line in starts.items() if line > first and not _inside(by_iri[iri], by_iri[wanted])]
    end = min(later, default=len(lines))
    cut = end - first > MAX_PASSAGE_LINES
    end = min(end, first + MAX_PASSAGE_LINES)
    return Passage(file_name, first + 1, end, lines[first:end], cut)


# how much of a quoted text must be found, at its start and at its end, to mark the lines it spans
QUOTE_PROBE = 40


def quoted_lines(found: Passage, quote: str) -> tuple[int, int] | None:
    """The line numbers (first, last) of the passage that print `quote` (a node's bg:tekst), if they do.

    The text as curated joins the lines a PDF broke and drops footnote marks, so the comparison is on the plain
    words of the passage run together, with the start and the end of the quote looked up separately.
    """
    words = _plain(quote)
    if len(words) < QUOTE_PROBE // 2:
        return None
    owner: list[int] = []  # for every character of the joined passage, its line number
    joined = ""
    for number, line in enumerate(found.lines, start=found.first):
        plain = _plain(line) + " "
        joined += plain
        owner.extend([number] * len(plain))
    start = joined.find(words[:QUOTE_PROBE])
    if start < 0:
        return None
    tail = words[-QUOTE_PROBE:]
    end = joined.find(tail, start)
    last = owner[end + len(tail) - 1] if end >= 0 else owner[start]
    return owner[start], last


def read_registered(folder: Path | None, file_name: str, sha256: str) -> list[str]:
    """The lines of a registered source text, refused unless it is exactly the file the graph was curated from."""
    if folder is None:
        raise SourceTextUnavailable("Er is geen map met bronteksten ingesteld (BELEIDSGRAAF_SOURCE_TEXTS_DIR).")
    if Path(file_name).name != file_name:
        raise SourceTextUnavailable(f"Ongeldige bestandsnaam in de registratie: {file_name!r}.")
    path = folder / file_name
    if not path.is_file():
        raise SourceTextUnavailable(f"De brontekst {file_name} staat niet in de map met bronteksten.")
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != sha256:
        raise SourceTextUnavailable(
            f"De brontekst {file_name} wijkt af van de geregistreerde versie (SHA-256): de regels kloppen niet meer."
        )
    return data.decode("utf-8", errors="replace").splitlines()


def section_passage(store: GraphStore, queries: QueryCatalog, folder: Path | None, section_iri: str) -> Passage:
    """The passage of the registered source text that a section of the graph stands for."""
    rows = run_named(store, queries, "bronsecties", sectie=section_iri).records()
    if not rows:
        raise SourceTextUnavailable("Deze sectie hoort bij geen geregistreerd brondocument.")
    sections = [Section(row["andere"], row["nummer"], row.get("titel")) for row in rows]
    sections = list({section.iri: section for section in sections}.values())  # one title per section
    lines = read_registered(folder, rows[0]["bronbestand"], rows[0]["sha256"])
    return passage(lines, sections, section_iri, rows[0]["bronbestand"])
