"""Workbook rows back into a plan's graph and its bronnen.ttl entry, or every problem found on the way.

Names are matched to what the graph already knows before anything new is made: an id in brackets or on its own,
then the name or another spelling of a node in the column's list. A name nobody knows is a new organisation
where a column holds organisations and a mistake everywhere else. Nothing here writes a file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import DCTERMS, RDF, SKOS, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from api.kg.namespaces import PREFIXES, graph_iri
from api.kg.workbook.cells import PLAN_ID, Cell, CellProblem, Ids, labelled, read_literal, slug, split_items
from api.kg.workbook.export import TIME
from api.kg.workbook.problems import Problem
from api.kg.workbook.references import References, normal
from api.kg.workbook.rows import PlanRows, Row
from api.kg.workbook.schema import BG, EXTRA, SHEET_BY_NAME, SHEETS, Column, Sheet

ORG = "http://www.w3.org/ns/org#"
GEMEENTE = PREFIXES["gm"]
_CBS = re.compile(r"^(?:gm:)?gm(\d{4})$|^GM(\d{4})$", re.IGNORECASE)


@dataclass
class Summary:
    new_organisations: dict[str, str] = field(default_factory=dict)  # IRI -> name
    new_gemeenten: dict[str, str] = field(default_factory=dict)
    new_spellings: dict[str, set[str]] = field(default_factory=dict)  # IRI -> names


@dataclass
class Built:
    plan_id: str
    plan: Graph
    bron: Graph
    summary: Summary
    problems: list[Problem]


def _letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class Builder:
    def __init__(self, rows: PlanRows, references: References, known: set[str]) -> None:
        self.rows, self.references, self.known = rows, references, known
        self.problems: list[Problem] = []
        self.summary = Summary()
        self.plan = Graph()
        self.bron = Graph()
        self.bnodes: dict[str, BNode] = {}
        self.ids = Ids("onbekend")
        self.defined: dict[str, str] = {}  # IRI -> sheet that defines it
        self.names: dict[str, dict[str, list[str]]] = {}  # sheet -> normalised name -> IRIs
        self.sections: dict[str, str] = {}  # number or id part -> IRI

    # --- reporting ------------------------------------------------------------------------------------------

    def problem(self, sheet: str, row: Row | None, header: str | None, value: Cell, message: str) -> None:
        letters = self.rows.columns.get(sheet, {})
        column = letters.get(header) if header else None
        if column is None and header and sheet in SHEET_BY_NAME:
            headers = [c.header for c in SHEET_BY_NAME[sheet].columns]
            column = _letter(headers.index(header)) if header in headers else None
        shown = None if value is None else str(value)
        self.problems.append(Problem(sheet, row.number if row else None, column, header, shown, message))

    # --- identity -------------------------------------------------------------------------------------------

    def plan_id(self) -> str | None:
        rows = [r for r in self.rows.rows("Plan") if any(v not in (None, "") for v in r.values.values())]
        if len(rows) != 1:
            self.problem(
                "Plan",
                rows[1] if len(rows) > 1 else None,
                "Id",
                None,
                "het blad Plan moet precies één ingevulde rij hebben: het plan zelf",
            )
            return None
        value = rows[0].get("Id")
        text = str(value).strip() if value is not None else ""
        if not PLAN_ID.match(text):
            self.problem(
                "Plan",
                rows[0],
                "Id",
                value,
                "geef het plan een id van kleine letters, cijfers en streepjes, bijv. velsen-wmo-2026",
            )
            return None
        return text

    def row_iri(self, sheet: Sheet, row: Row) -> str | None:
        value = row.get("Id")
        if value is None and sheet.name == "Secties" and row.get("Nummer") is not None:
            number = re.sub(r"[^A-Za-z0-9.]+", "-", str(row.get("Nummer"))).strip("-.")
            if number:
                value = f"sectie/{number}"
        if value is None:
            name = row.get("Naam") or row.get("Titel")
            if name is None:
                self.problem(
                    sheet.name, row, "Naam", None, "deze rij heeft geen id en geen naam; vul minstens de naam in"
                )
                return None
            base = sheet.prefix + slug(str(name))
            candidate, n = base, 1
            while self.ids.base + candidate in self.defined:
                n += 1
                candidate = f"{base}-{n}"
            return self.ids.base + candidate
        try:
            term = self.ids.term(str(value))
        except CellProblem as problem:
            self.problem(sheet.name, row, "Id", value, str(problem))
            return None
        if isinstance(term, BNode):
            self.problem(sheet.name, row, "Id", value, "een id begint niet met '_:'; geef een naam als actie/x")
            return None
        return str(term)

    def collect_ids(self) -> list[tuple[Sheet, Row, str]]:
        placed: list[tuple[Sheet, Row, str]] = []
        for sheet in SHEETS[1:]:
            for row in self.rows.rows(sheet.name):
                if not any(v not in (None, "") for v in row.values.values()):
                    continue
                iri = self.row_iri(sheet, row)
                if iri is None:
                    continue
                if iri in self.defined:
                    self.problem(
                        sheet.name,
                        row,
                        "Id",
                        row.get("Id") or self.ids.of(URIRef(iri)),
                        f"deze id staat al op blad {self.defined[iri]}; elke rij een eigen id",
                    )
                    continue
                self.defined[iri] = sheet.name
                placed.append((sheet, row, iri))
                name = row.get("Naam")
                if name is not None:
                    self.names.setdefault(sheet.name, {}).setdefault(normal(str(name)), []).append(iri)
                if sheet.name == "Secties":
                    number = row.get("Nummer")
                    if number is not None:
                        self.sections.setdefault(str(number).strip(), iri)
        for row in self.rows.rows(EXTRA):  # a node of a kind no sheet has lives on "Overige gegevens" only
            subject = row.get("Onderwerp")
            try:
                term = self.ids.term(str(subject)) if subject is not None else None
            except CellProblem:
                continue  # reported when the row itself is read
            if isinstance(term, URIRef) and str(term).startswith(self.ids.base):
                self.defined.setdefault(str(term), EXTRA)
        for iri in self.defined:
            if iri.startswith(self.ids.base + "sectie/"):
                self.sections[iri.removeprefix(self.ids.base + "sectie/")] = iri
        return placed

    # --- references -----------------------------------------------------------------------------------------

    def exists(self, term: URIRef) -> bool:
        iri = str(term)
        if iri in self.defined or iri == str(self.ids.plan):
            return True
        if iri.startswith(self.ids.base):
            return False  # this plan's own nodes exist only as rows of this workbook
        return iri in self.known or self.references.known(iri) or not iri.startswith("https://beleidsgraaf.nl/")

    def resolve(self, column: Column, item: str, section_of: list[Node]) -> Node:
        """One item of a reference cell as a node; CellProblem with what to do when it names nothing."""
        name, identifier = labelled(item)
        if identifier is not None:
            term = self.gemeente(identifier, name) if column.lists == "gemeenten" else None
            term = term or self.id_term(identifier)
            if not self.exists(term):
                raise CellProblem(f"'{identifier}' bestaat niet; kies uit de lijst of voeg een rij toe")
            if name and isinstance(term, URIRef) and column.lists and not column.lists.startswith("blad:"):
                self.spelling(term, name, section_of)
            return term
        gemeente = self.gemeente(item, None) if column.lists == "gemeenten" else None
        if gemeente is not None:
            return gemeente
        try:
            found = self.ids.term(item)
        except CellProblem:
            found = None
        if isinstance(found, URIRef) and self.exists(found):
            return found
        return self.by_name(column, item, section_of)

    def id_term(self, identifier: str) -> URIRef:
        term = self.ids.term(identifier)
        if isinstance(term, BNode):
            raise CellProblem("een verwijzing kan niet naar '_:' wijzen; gebruik blad Overige gegevens")
        return term

    def by_name(self, column: Column, name: str, section_of: list[Node]) -> URIRef:
        lists = column.lists or ""
        if lists.startswith("blad:"):
            sheet = lists.removeprefix("blad:")
            found = sorted({iri for names in self.names.values() for iri in names.get(normal(name), [])})
            if len(found) == 1:
                return URIRef(found[0])
            if len(found) > 1:
                options = ", ".join(self.ids.of(URIRef(i)) for i in found)
                raise CellProblem(f"meer rijen heten '{name}'; gebruik de id ({options})")
            raise CellProblem(f"geen rij met id of naam '{name}'; gebruik een id van blad {sheet}")
        matches = self.references.find(lists, name) if lists else []
        if column.new_organisation and not matches:
            matches = self.references.find("partners", name)
        if len(matches) == 1:
            return URIRef(matches[0])
        if len(matches) > 1:
            options = ", ".join(self.ids.of(URIRef(m)) for m in matches)
            raise CellProblem(f"'{name}' past bij meer dan één: {options}; kies één uit de lijst")
        if column.new_organisation:
            return self.new_organisation(name, section_of)
        where = f"de lijst '{lists}'" if lists else "de graaf"
        raise CellProblem(f"'{name}' staat niet in {where}; kies een waarde uit de keuzelijst")

    def gemeente(self, text: str, name: str | None) -> URIRef | None:
        """A gemeente by CBS code ('GM0453', 'gm:gm0453'); one the graph does not know yet needs its name."""
        match = _CBS.match(text.strip())
        if not match:
            return None
        code = match.group(1) or match.group(2)
        term = URIRef(f"{GEMEENTE}gm{code}")
        if self.references.known(str(term)) or str(term) in self.known:
            return term
        if not name:
            raise CellProblem(f"gemeente GM{code} is nog niet bekend; schrijf haar naam erbij: 'Naam [GM{code}]'")
        if str(term) not in self.summary.new_gemeenten:
            self.summary.new_gemeenten[str(term)] = name
            self.plan.add((term, RDF.type, BG.Gemeente))
            self.plan.add((term, SKOS.prefLabel, Literal(name, lang="nl")))
            self.plan.add((term, DCTERMS.identifier, Literal(f"GM{code}")))
            self.plan.add((term, SKOS.notation, Literal(f"GM{code}")))
        return term

    def new_organisation(self, name: str, section_of: list[Node]) -> URIRef:
        for iri, known_name in self.summary.new_organisations.items():
            if normal(known_name) == normal(name):
                self._cite(URIRef(iri), section_of)
                return URIRef(iri)
        base = PREFIXES["bgorg"] + slug(name)
        iri, n = base, 1
        while self.references.known(iri) or iri in self.known or iri in self.summary.new_organisations:
            n += 1
            iri = f"{base}-{n}"
        term = URIRef(iri)
        self.summary.new_organisations[iri] = name
        self.plan.add((term, RDF.type, URIRef(ORG + "Organization")))
        self.plan.add((term, RDF.type, BG.Partner))
        self.plan.add((term, SKOS.prefLabel, Literal(name, lang="nl")))
        self._cite(term, section_of)
        return term

    def _cite(self, term: URIRef, sections: list[Node]) -> None:
        for section in sections:
            self.plan.add((term, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"), section))

    def spelling(self, term: URIRef, name: str, sections: list[Node]) -> None:
        """A name beside an id that is not one of the node's names becomes another spelling of it."""
        for entries in self.references.lists.values():
            entry = entries.get(str(term))
            if entry is None:
                continue
            if normal(name) in {normal(entry.name), *(normal(n) for n in entry.other_names)}:
                return
        if str(term) in self.summary.new_gemeenten or str(term) in self.summary.new_organisations:
            return
        if not self.references.known(str(term)):
            return
        self.summary.new_spellings.setdefault(str(term), set()).add(name)
        self.plan.add((term, SKOS.altLabel, Literal(name, lang="nl")))

    def section(self, item: str) -> Node:
        _, identifier = labelled(item)
        if identifier is not None:
            term = self.id_term(identifier)
            if not self.exists(term):
                raise CellProblem(f"'{identifier}' bestaat niet; voeg de paragraaf toe op blad Secties")
            return term
        iri = self.sections.get(item.strip().removeprefix("§").strip())
        if iri is None:
            raise CellProblem("deze paragraaf staat niet op blad Secties; voeg haar daar toe (kolom Nummer)")
        return URIRef(iri)

    # --- rows -----------------------------------------------------------------------------------------------

    def fill(self, sheet: Sheet, row: Row, subject: URIRef, graph: Graph, part: str = "plan") -> None:
        sections: list[Node] = []
        section_column = sheet.column("§")
        if section_column is not None and part == "plan":
            for item in split_items(row.get("§")):
                try:
                    sections.append(self.section(item))
                except CellProblem as problem:
                    self.problem(sheet.name, row, "§", item, str(problem))
        for column in sheet.columns:
            if column.graph != part or column.kind == "id":
                continue
            value = row.get(column.header)
            if column.kind == "period":
                if column.predicate is not None:
                    self.period(sheet, row, subject, graph)
                continue
            if value is None:
                if column.required:
                    self.problem(sheet.name, row, column.header, None, "deze kolom is verplicht; vul haar in")
                continue
            assert column.predicate is not None
            if column.kind == "section":
                for section in sections:
                    graph.add((subject, column.predicate, section))
                continue
            if column.kind == "types":
                self.types(sheet, row, subject, graph)
                continue
            items: list[Cell] = list(split_items(value)) if column.multi else [value]
            if not column.multi and column.kind == "ref":
                items = list(split_items(value))
                if len(items) > 1:
                    self.problem(sheet.name, row, column.header, value, "hier past één waarde; zet er één in")
                    continue
            for cell in items:
                try:
                    if column.kind == "ref":
                        obj: Node = self.resolve(column, str(cell), sections)
                    else:
                        obj = read_literal(column, cell)
                except CellProblem as problem:
                    self.problem(sheet.name, row, column.header, cell, str(problem))
                    continue
                graph.add((subject, column.predicate, obj))
        if sheet.name == "Secties" and row.get("Deel van") is None:
            graph.add((subject, DCTERMS.isPartOf, self.ids.plan))
        if sheet.classes and (sheet.column("Soort") is None or row.get("Soort") is None):
            graph.add((subject, RDF.type, BG[sheet.classes[0]]))

    def types(self, sheet: Sheet, row: Row, subject: URIRef, graph: Graph) -> None:
        classes = {e.iri for e in self.references.entries("soort")}
        for item in split_items(row.get("Soort")):
            name, identifier = labelled(item)
            local = (identifier or name).removeprefix("bg:")
            iri = str(BG) + local
            if iri not in classes:
                allowed = ", ".join(sheet.classes)
                self.problem(sheet.name, row, "Soort", item, f"onbekende soort; kies uit de lijst ({allowed})")
                continue
            graph.add((subject, RDF.type, URIRef(iri)))

    def period(self, sheet: Sheet, row: Row, subject: URIRef, graph: Graph) -> None:
        label, start, end = row.get("Periode"), row.get("Van"), row.get("Tot")
        if label is None and start is None and end is None:
            return
        years: dict[URIRef, Literal] = {}
        for header, value, edge in (("Van", start, TIME.hasBeginning), ("Tot", end, TIME.hasEnd)):
            if value is None:
                continue
            try:
                years[edge] = read_literal(Column(header, "year"), value)
            except CellProblem as problem:
                self.problem(sheet.name, row, header, value, str(problem))
        if (
            start is not None
            and end is not None
            and len(years) == 2
            and int(years[TIME.hasBeginning]) > int(years[TIME.hasEnd])
        ):
            self.problem(sheet.name, row, "Tot", end, "het laatste jaar ligt voor het eerste; verwissel Van en Tot")
        interval = BNode()
        graph.add((subject, BG.periode, interval))
        graph.add((interval, RDF.type, TIME.ProperInterval))
        if label is not None:
            graph.add((interval, URIRef("http://www.w3.org/2000/01/rdf-schema#label"), Literal(str(label), lang="nl")))
        for edge, year in years.items():
            instant = BNode()
            graph.add((interval, edge, instant))
            graph.add((instant, TIME.inXSDgYear, year))

    def extra(self) -> None:
        kinds = {"verwijzing", "tekst", "tekst@nl", "tekst@en"}
        for row in self.rows.rows(EXTRA):
            subject_text, predicate_text = row.get("Onderwerp"), row.get("Eigenschap")
            value, kind = row.values.get("Waarde"), row.get("Soort waarde")
            if subject_text is None and predicate_text is None and value in (None, "") and kind is None:
                continue
            try:
                subject = self.ids.term(str(subject_text or ""), self.bnodes)
            except CellProblem as problem:
                self.problem(EXTRA, row, "Onderwerp", subject_text, str(problem))
                continue
            try:
                predicate = self.ids.term(str(predicate_text or ""))
                if ":" not in str(predicate_text) or isinstance(predicate, BNode):
                    raise CellProblem("schrijf de eigenschap als voorvoegsel:naam, bijv. rdfs:comment")
            except CellProblem as problem:
                self.problem(EXTRA, row, "Eigenschap", predicate_text, str(problem))
                continue
            if isinstance(subject, URIRef) and not self.exists(subject):
                self.problem(
                    EXTRA,
                    row,
                    "Onderwerp",
                    subject_text,
                    "dit onderwerp staat op geen enkel blad; voeg het element toe of verwijder de rij",
                )
                continue
            kind_text = str(kind or "tekst")
            text = "" if value is None else str(value)
            if kind_text == "verwijzing":
                try:
                    obj: Node = self.ids.term(text, self.bnodes)
                except CellProblem as problem:
                    self.problem(EXTRA, row, "Waarde", value, str(problem))
                    continue
            elif kind_text in kinds:
                obj = Literal(text, lang=kind_text.partition("@")[2] or None)
            elif re.match(r"^xsd:[A-Za-z]+$", kind_text):
                if isinstance(value, float) and value.is_integer():
                    text = str(int(value))
                obj = Literal(text, datatype=URIRef(PREFIXES["xsd"] + kind_text[4:]))
                if obj.ill_typed:
                    self.problem(EXTRA, row, "Waarde", value, f"geen geldige waarde voor {kind_text}")
                    continue
            else:
                self.problem(
                    EXTRA, row, "Soort waarde", kind, "kies verwijzing, tekst, tekst@nl, tekst@en of een xsd-datatype"
                )
                continue
            self.plan.add((subject, predicate, obj))

    def build(self) -> Built:
        plan_id = self.plan_id() or "onbekend"
        self.ids = Ids(plan_id)
        placed = self.collect_ids()
        plan_rows = [r for r in self.rows.rows("Plan") if any(v not in (None, "") for v in r.values.values())]
        if plan_rows:
            self.fill(SHEETS[0], plan_rows[0], self.ids.plan, self.plan)
            self.fill(SHEETS[0], plan_rows[0], self.ids.plan, self.bron, part="bron")
        self.bron.add((self.ids.plan, RDF.type, BG.Beleidsdocument))
        self.bron.add((self.ids.plan, DCTERMS.identifier, Literal(plan_id)))
        self.bron.add((self.ids.plan, BG.graaf, URIRef(graph_iri(plan_id))))
        for sheet, row, iri in placed:
            self.fill(sheet, row, URIRef(iri), self.plan)
        self.extra()
        return Built(plan_id, self.plan, self.bron, self.summary, self.problems)


def build(rows: PlanRows, references: References, known: set[str]) -> Built:
    """known: every subject IRI in the store outside this plan (to accept references to other plans' nodes)."""
    return Builder(rows, references, known).build()
