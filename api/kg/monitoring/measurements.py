"""Measured values after the baseline (bg:Realisatie), read from rows an officer filled in, checked per cell.

The rows come from a CSV, a measurements workbook or the plan workbook's sheet Metingen (api.kg.monitoring.files
reads those); all three have the same Dutch columns. A measurement is identified by what it measures, when and
where: the same objective, period and area is the same measurement, so importing a corrected value replaces it and
two rows for it in one file are a mistake. The document's own baseline stays the nulmeting: a measurement in or
before its year is refused rather than silently sitting beside it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import DCTERMS, RDF, XSD, Graph, Literal, Namespace, URIRef

from api.kg.namespaces import BG as BG_IRI
from api.kg.namespaces import DATA, PLAN
from api.kg.queries import QueryCatalog, run_named
from api.kg.store import GraphStore
from api.kg.workbook.cells import CellProblem, Ids, labelled, read_literal, split_items
from api.kg.workbook.problems import Problem
from api.kg.workbook.references import References
from api.kg.workbook.rows import Row
from api.kg.workbook.schema import Column

BG = Namespace(BG_IRI)
SHEET = "Metingen"
HEADERS = (
    "Doelstelling of indicator",
    "Naam",
    "Jaar",
    "Peildatum",
    "Waarde",
    "Zoals gerapporteerd",
    "Gebied",
    "Bron",
    "Vindplaats",
    "Bron-URL",
    "Vastgelegd door",
    "Toelichting",
)
HELP = {
    "Doelstelling of indicator": "Id van de doelstelling of indicator (bijv. doelstelling/vitaal-en-weerbaar-1).",
    "Naam": "Alleen ter herkenning; wordt niet ingelezen.",
    "Jaar": "Het jaar waarover gemeten is; of vul Peildatum in.",
    "Peildatum": "De datum van de meting (JJJJ-MM-DD); of vul Jaar in.",
    "Waarde": "De gemeten waarde als getal (59 of 59,5). Verplicht.",
    "Zoals gerapporteerd": "De waarde zoals de bron haar geeft (bijv. '59% (n=1.204)').",
    "Gebied": "Leeg of de gemeente: voor de hele gemeente; anders de wijk (kies uit de lijst). Bij een plan van "
    "meer gemeenten: de gemeente die gemeten is, of leeg voor allemaal samen.",
    "Bron": "Welke monitor, registratie of rapportage. Verplicht.",
    "Vindplaats": "Waar in de bron (tabel, pagina).",
    "Bron-URL": "Link naar de bron (https://…); meer links: één per regel.",
    "Vastgelegd door": "Wie de waarde invoerde (naam of functie). Verplicht.",
    "Toelichting": "Het 'vertellen' bij het getal: wat verklaart het, wat gaan we doen. Komt in de rapportage.",
}
INTRO = (
    "Gemeten waarden na de nulmeting (monitor, registratie, rapportage), één rij per meting. Bij het inlezen van "
    "het werkboek is dit blad alle metingen van het plan; een losse meting inlezen kan ook met `beleidsgraaf "
    "metingen import bestand.csv --plan <id>`. Leeg zolang er geen zijn."
)
WIDTHS = (40, 40, 8, 12, 10, 24, 28, 34, 18, 30, 20, 60)
REQUIRED = ("Doelstelling of indicator", "Waarde", "Bron", "Vastgelegd door")
BASE = DATA + "meting/"
_DECIMAL = Column("Waarde", "decimal")
_YEAR = Column("Jaar", "year")
_DATE = Column("Peildatum", "date")
_URL = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")


@dataclass(frozen=True)
class Subject:
    """What a measurement can be of: an objective of the plan (with its baseline year) or an indicator it uses."""

    iri: str
    kind: str  # "doelstelling" or "indicator"
    name: str
    baseline_year: int | None = None


@dataclass(frozen=True)
class Measurement:
    iri: str
    of: str
    value: Literal
    when: Literal  # xsd:gYear or xsd:date
    area: str | None
    triples: tuple[tuple[URIRef, URIRef, URIRef | Literal], ...]


@dataclass
class ReadMeasurements:
    measurements: list[Measurement] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def subjects(store: GraphStore, queries: QueryCatalog, plan_id: str) -> dict[str, Subject]:
    found: dict[str, Subject] = {}
    for row in run_named(store, queries, "monitor-onderwerpen", plan=plan_id).records():
        year = row.get("nulJaar")
        found.setdefault(
            row["onderwerp"], Subject(row["onderwerp"], row["soort"], row["naam"], int(year) if year else None)
        )
    return found


def local_key(plan_id: str, iri: str) -> str:
    """The id as an officer writes it: under the plan ('doelstelling/x') or, for shared nodes, under /id/."""
    return iri.removeprefix(PLAN + plan_id + "/") if iri.startswith(PLAN + plan_id + "/") else iri.removeprefix(DATA)


def measurement_iri(plan_id: str, of: str, when: str, area: str | None) -> str:
    """What is measured, when and where: re-importing the same row finds the same node."""
    local = area.removeprefix(DATA) if area and area.startswith(DATA) else (area or "").rsplit("/", 1)[-1]
    tail = f"/{local.replace('/', '-')}" if area else ""
    return f"{BASE}{plan_id}/{local_key(plan_id, of)}/{when}{tail}"


def _text(row: Row, header: str) -> str:
    value = row.get(header)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (dt.datetime, dt.date)):
        value = value.date().isoformat() if isinstance(value, dt.datetime) else value.isoformat()
    return "" if value is None else str(value).strip()


class _Reader:
    def __init__(
        self,
        sheet: str,
        letters: dict[str, str],
        plan_id: str,
        known: dict[str, Subject],
        references: References,
        today: dt.date,
        municipalities: frozenset[str],
    ) -> None:
        self.sheet, self.letters, self.plan_id = sheet, letters, plan_id
        self.known, self.references, self.today = known, references, today
        self.municipalities = municipalities
        self.ids = Ids(plan_id)
        self.out = ReadMeasurements()
        self.seen: dict[str, int] = {}

    def problem(self, row: Row, header: str, message: str) -> None:
        self.out.problems.append(
            Problem(self.sheet, row.number, self.letters.get(header), header, _text(row, header)[:80], message)
        )

    def subject(self, row: Row) -> Subject | None:
        text = labelled(_text(row, "Doelstelling of indicator"))[1] or _text(row, "Doelstelling of indicator")
        try:
            iri = str(self.ids.term(text))
        except CellProblem as error:
            self.problem(row, "Doelstelling of indicator", str(error))
            return None
        if iri not in self.known and text.startswith("indicator/") and DATA + text in self.known:
            iri = DATA + text  # a shared indicator written as 'indicator/x'
        if iri not in self.known:
            self.problem(
                row,
                "Doelstelling of indicator",
                f"geen doelstelling met een streefwaarde of indicator van plan {self.plan_id}; gebruik een id uit "
                "het blad Metingen dat de export of het sjabloon geeft",
            )
            return None
        return self.known[iri]

    def when(self, row: Row, subject: Subject | None) -> Literal | None:
        year, day = row.get("Jaar"), row.get("Peildatum")
        if year is None and day is None:
            self.problem(row, "Jaar", "vul het jaar in waarover gemeten is, of de peildatum")
            return None
        if year is not None and day is not None:
            self.problem(row, "Peildatum", "vul Jaar of Peildatum in, niet allebei")
            return None
        header, column = ("Jaar", _YEAR) if year is not None else ("Peildatum", _DATE)
        try:
            literal = read_literal(column, year if year is not None else day)
        except CellProblem as error:
            self.problem(row, header, str(error))
            return None
        first = int(str(literal)[:4])
        future = first > self.today.year if header == "Jaar" else dt.date.fromisoformat(str(literal)) > self.today
        if future:
            self.problem(
                row, header, "ligt in de toekomst; een meting krijgt het jaar of de datum waarop zij gedaan is"
            )
            return None
        if subject is not None and subject.baseline_year is not None and first <= subject.baseline_year:
            self.problem(
                row,
                header,
                f"valt in of vóór het jaar van de nulmeting ({subject.baseline_year}); de nulmeting staat in het plan "
                "en blijft zoals het document haar geeft: een meting komt daarna",
            )
            return None
        return literal

    def area(self, row: Row) -> str | bool | None:
        """The area's IRI, None for the whole municipality, False when the cell names nothing known."""
        text = _text(row, "Gebied")
        if not text:
            return None
        name, given = labelled(text)
        candidates: list[str] = []
        if given:
            try:
                candidates = [str(self.ids.term(given))]
            except CellProblem:
                candidates = []
        candidates = [c for c in candidates if self.references.known(c)] or self.references.find("gebieden", name)
        if len(candidates) != 1:
            self.problem(
                row, "Gebied", "geen bekende gemeente of wijk; kies uit de lijst of laat leeg voor de hele gemeente"
            )
            return False
        found = candidates[0]
        if "/wijk/" in found or "/gebied/" in found:
            return found
        if found not in self.municipalities:
            names = ", ".join(sorted(self.references.name(m) or m for m in self.municipalities))
            self.problem(
                row, "Gebied", f"dit plan is van {names}; een meting voor een andere gemeente hoort bij haar eigen plan"
            )
            return False
        # The plan's own municipality is the same as no area; in a joint plan it says which of them was measured.
        return found if len(self.municipalities) > 1 else None

    def read(self, row: Row) -> None:
        missing = [header for header in REQUIRED if not _text(row, header)]
        for header in missing:
            self.problem(row, header, "verplicht: een meting noemt wat, de waarde, de bron en wie haar vastlegde")
        subject = self.subject(row) if _text(row, "Doelstelling of indicator") else None
        when = self.when(row, subject)
        value = None
        if _text(row, "Waarde"):
            try:
                value = read_literal(_DECIMAL, row.get("Waarde"))
            except CellProblem:
                self.problem(
                    row,
                    "Waarde",
                    "geen getal; zet hier alleen het getal (59 of 59,5) en de tekst van de bron in "
                    "'Zoals gerapporteerd'",
                )
        area = self.area(row)
        urls = split_items(row.get("Bron-URL"))
        for url in urls:
            if not _URL.match(url):
                self.problem(row, "Bron-URL", f"'{url[:60]}' is geen link; begin met https://")
        if missing or subject is None or when is None or value is None or area is False:
            return
        area_iri = area if isinstance(area, str) else None
        iri = measurement_iri(self.plan_id, subject.iri, str(when), area_iri)
        if iri in self.seen:
            self.problem(
                row,
                "Doelstelling of indicator",
                f"dezelfde meting (zelfde {subject.kind}, {'jaar' if when.datatype == XSD.gYear else 'peildatum'} "
                f"en gebied) staat al in rij {self.seen[iri]}; laat er één staan",
            )
            return
        self.seen[iri] = row.number
        node = URIRef(iri)
        triples: list[tuple[URIRef, URIRef, URIRef | Literal]] = [
            (node, RDF.type, BG.Realisatie),
            (node, BG.realisatieVan, URIRef(subject.iri)),
            (node, BG.waarde, value),
            (node, BG.jaar if when.datatype == XSD.gYear else BG.peildatum, when),
            (node, BG.bron, Literal(_text(row, "Bron"), lang="nl")),
            (node, BG.vastgelegdDoor, Literal(_text(row, "Vastgelegd door"))),
            (node, DCTERMS.isPartOf, URIRef(PLAN + self.plan_id)),
        ]
        if area_iri:
            triples.append((node, BG.gebied, URIRef(area_iri)))
        for header, predicate, lang in (
            ("Zoals gerapporteerd", BG.ruweTekst, None),
            ("Vindplaats", BG.vindplaats, None),
            ("Toelichting", BG.toelichting, "nl"),
        ):
            if _text(row, header):
                triples.append((node, predicate, Literal(_text(row, header), lang=lang)))
        triples.extend((node, DCTERMS.source, URIRef(url)) for url in urls)
        self.out.measurements.append(Measurement(iri, subject.iri, value, when, area_iri, tuple(triples)))


def read_rows(
    rows: Iterable[Row],
    *,
    sheet: str,
    letters: dict[str, str],
    plan_id: str,
    known: dict[str, Subject],
    references: References,
    today: dt.date,
    municipalities: frozenset[str],
) -> ReadMeasurements:
    """Every row checked on its own and against the others; problems name sheet, row and column."""
    reader = _Reader(sheet, letters, plan_id, known, references, today, municipalities)
    for row in rows:
        reader.read(row)
    return reader.out


def as_graph(measurements: Iterable[Measurement]) -> Graph:
    graph = Graph()
    for measurement in measurements:
        for triple in measurement.triples:
            graph.add(triple)
    return graph


def export_rows(graph: Graph, plan_id: str, known: dict[str, Subject], references: References) -> list[Row]:
    """The stored measurements as rows of the sheet, oldest first per subject: what an import reads back."""
    rows = []
    for node in sorted(set(graph.subjects(RDF.type, BG.Realisatie)), key=str):
        of = str(graph.value(node, BG.realisatieVan))
        area = graph.value(node, BG.gebied)
        values: dict[str, str | float | int | dt.date | None] = {
            "Doelstelling of indicator": local_key(plan_id, of),
            "Naam": known[of].name if of in known else None,
            "Jaar": str(graph.value(node, BG.jaar) or "") or None,
            "Peildatum": str(graph.value(node, BG.peildatum) or "") or None,
            "Waarde": str(graph.value(node, BG.waarde)),
            "Zoals gerapporteerd": str(graph.value(node, BG.ruweTekst) or "") or None,
            "Gebied": f"{references.name(str(area)) or ''} [{str(area).removeprefix(DATA)}]" if area else None,
            "Bron": str(graph.value(node, BG.bron) or "") or None,
            "Vindplaats": str(graph.value(node, BG.vindplaats) or "") or None,
            "Bron-URL": "\n".join(sorted(str(u) for u in graph.objects(node, DCTERMS.source))) or None,
            "Vastgelegd door": str(graph.value(node, BG.vastgelegdDoor) or "") or None,
            "Toelichting": str(graph.value(node, BG.toelichting) or "") or None,
        }
        rows.append(Row({k: v for k, v in values.items() if v is not None}))
    return rows
