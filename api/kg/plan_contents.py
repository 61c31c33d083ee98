"""Everything a plan holds, beside its course (api.kg.plan_model): every node by kind, the uitvoeringsagenda as the
document's own table (a cross per year), and the figures per section. The plan page shows all three, so that no
node of a plan's graph is reachable only through SPARQL; the header counts are these counts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from api.kg.queries import QueryCatalog, run_named
from api.kg.sections import section_key
from api.kg.store import GraphStore

# Kinds in the order a reader looks for them; kinds not named here follow alphabetically.
KIND_ORDER = (
    "Missie", "Visie", "Maatschappelijke opgave", "Focuspunt", "Ambitie", "Beleidsonderdeel", "Thema", "Accent",
    "Beleidsterrein", "Doelstelling", "Actielijn", "Actie", "Uitgangspunt", "Randvoorwaarde", "Behoefte",
    "Indicator", "Meting", "Huisvestingsopgave", "Budget", "Ontwikkeling", "Voorziening", "Doelgroep",
)  # fmt: skip
# Kinds that are parts of another node or of the document, not things a reader counts in the header.
NOT_COUNTED = {"Sectie", "Nulmeting", "Streefwaarde", "Herhaling", "Schrijfwijze", "Correctie", "Overig"}


@dataclass(frozen=True)
class Entry:
    iri: str
    naam: str
    soort: str
    secties: str = ""


@dataclass(frozen=True)
class AgendaRow:
    iri: str
    naam: str
    jaren: tuple[str, ...]
    thema: str
    thema_naam: str
    onderdeel_naam: str
    gedrukt: str = ""
    jaren_gepland: int = 0  # the agenda marks this many years but the text does not say which


@dataclass(frozen=True)
class Figure:
    iri: str
    naam: str
    gedrukt: str
    eenheid: str
    jaar: str
    gebied: str
    populatie: str
    status: str
    secties: str
    eerste_sectie: str


@dataclass
class Contents:
    entries: list[Entry] = field(default_factory=list)
    agenda: list[AgendaRow] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)

    def by_kind(self) -> list[tuple[str, list[Entry]]]:
        kinds: dict[str, list[Entry]] = {}
        for entry in self.entries:
            kinds.setdefault(entry.soort, []).append(entry)
        rank = {kind: index for index, kind in enumerate(KIND_ORDER)}
        ordered = sorted(kinds.items(), key=lambda item: (rank.get(item[0], len(rank)), item[0]))
        for kind, entries in ordered:
            key = (lambda e: section_key(e.naam)) if kind == "Sectie" else (lambda e: (e.naam.casefold(), e.iri))
            entries.sort(key=key)
        return ordered

    def counts(self) -> list[tuple[str, int]]:
        """What the header counts: every kind a reader looks for, as often as the index below lists it."""
        return [(kind, len(entries)) for kind, entries in self.by_kind() if kind not in NOT_COUNTED]

    @property
    def agenda_years(self) -> list[str]:
        return sorted({year for row in self.agenda for year in row.jaren})

    def agenda_groups(self) -> list[tuple[str, str, list[AgendaRow]]]:
        """(onderdeel, thema, rows) in the order of the agenda."""
        groups: dict[tuple[str, str], list[AgendaRow]] = {}
        for row in self.agenda:
            groups.setdefault((row.onderdeel_naam, row.thema_naam), []).append(row)
        return [(onderdeel, thema, rows) for (onderdeel, thema), rows in groups.items()]

    def figures_by_section(self) -> list[tuple[str, list[Figure]]]:
        """Each figure under the last of its sections in document order, footnotes aside: the table or figure it
        is a row of rather than the paragraph that quotes it (Heiloo's 6,0% is in § 2.1 and in the table of
        bijlage 4; the woonzorgvisie's shares in § 2.1a and in figuur 1)."""
        sections: dict[str, list[Figure]] = {}
        for figure in self.figures:
            own = [s for s in _split(figure.secties) if not s.startswith("voetnoot")] or _split(figure.secties)
            home = max(own, key=section_key) if own else ""
            sections.setdefault(home, []).append(figure)
        return sorted(sections.items(), key=lambda item: section_key(item[0] or "~"))


def _split(sections: str) -> list[str]:
    return [s.strip() for s in sections.split(",") if s.strip()]


def read_contents(store: GraphStore, queries: QueryCatalog, plan_id: str) -> Contents:
    def rows(name: str) -> list[dict[str, str]]:
        return list(run_named(store, queries, name, plan=plan_id).records())

    entries = [Entry(r["knoop"], r["naam"], r["soort"], r.get("secties", "")) for r in rows("plan-inhoud")]
    agenda = [_agenda_row(r) for r in rows("uitvoeringsagenda")]
    figures = [_figure(r) for r in rows("plan-cijfers")]
    return Contents(entries, agenda, figures)


def _agenda_row(r: dict[str, str]) -> AgendaRow:
    years = tuple(sorted(r.get("jaren", "").split()))
    planned = int(r["aantalJarenGepland"]) if r.get("aantalJarenGepland") and not years else 0
    return AgendaRow(
        r["actie"], r["actieNaam"], years, r.get("thema", ""), r.get("themaNaam", ""), r.get("onderdeelNaam", ""),
        r.get("gedrukt", ""), planned,
    )  # fmt: skip


def _figure(r: dict[str, str]) -> Figure:
    return Figure(
        r["cijfer"], r["naam"], r.get("gedrukt", ""), r.get("eenheid", ""), r.get("jaar", ""), r.get("gebied", ""),
        r.get("populatie", ""), r.get("status", ""), r.get("secties", ""), r.get("eersteSectie", ""),
    )  # fmt: skip
