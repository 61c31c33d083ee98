"""A plan's graph as workbook rows: every node on the sheet of its kind, what no column holds on "Overige gegevens".

Deterministic: rows sorted by id, multi-valued cells sorted, blank nodes numbered in that order, so two exports
of the same plan are the same workbook.
"""

from __future__ import annotations

from rdflib import RDF, RDFS, BNode, Graph, Literal, Namespace, URIRef
from rdflib.term import Node

from api.kg.workbook.cells import Cell, Ids, literal_cell
from api.kg.workbook.references import References
from api.kg.workbook.rows import PlanRows, Row, natural
from api.kg.workbook.schema import BG, EXTRA, SHEETS, Column, Sheet, sheet_for

TIME = Namespace("http://www.w3.org/2006/time#")
Triple = tuple[Node, Node, Node]


def _period(graph: Graph, node: Node) -> tuple[str | None, int | None, int | None, set[Triple]] | None:
    """Label, first and last year of a period written the usual way, with the triples that say it; else None."""
    if not isinstance(node, BNode) or len(list(graph.subject_predicates(node))) != 1:
        return None
    said: set[Triple] = set(graph.triples((node, None, None)))
    if set(graph.objects(node, RDF.type)) != {TIME.ProperInterval}:
        return None
    labels = list(graph.objects(node, RDFS.label))
    if len(labels) > 1 or (labels and (not isinstance(labels[0], Literal) or labels[0].language != "nl")):
        return None
    years: dict[Node, int] = {}
    for edge in (TIME.hasBeginning, TIME.hasEnd):
        instants = list(graph.objects(node, edge))
        if len(instants) > 1:
            return None
        if instants:
            instant = instants[0]
            inner = list(graph.triples((instant, None, None)))
            if not isinstance(instant, BNode) or len(list(graph.subject_predicates(instant))) != 1:
                return None
            if len(inner) != 1 or inner[0][1] != TIME.inXSDgYear:
                return None
            text = str(inner[0][2])
            if (
                not text.isdigit()
                or len(text) != 4
                or str(getattr(inner[0][2], "datatype", "")).rsplit("#")[-1] != "gYear"
            ):
                return None
            years[edge] = int(text)
            said.update(inner)
    if len(said) != 1 + len(labels) + len(years) * 2:
        return None
    label = str(labels[0]) if labels else None
    return label, years.get(TIME.hasBeginning), years.get(TIME.hasEnd), said


class Exporter:
    def __init__(self, plan_id: str, plan: Graph, bron: Graph, references: References) -> None:
        self.ids = Ids(plan_id)
        self.plan, self.bron, self.references = plan, bron, references
        self.bnodes: dict[BNode, str] = {}
        self.used: set[Triple] = set()
        self.local_names = {
            str(s): str(o)
            for s, o in plan.subject_objects(URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"))
            if isinstance(o, Literal) and o.language == "nl"
        }

    def ref_text(self, term: Node) -> str:
        identifier = self.ids.of(term, self.bnodes)
        if isinstance(term, URIRef) and not str(term).startswith(self.ids.base):
            name = self.references.name(str(term))
            if name and str(term) != str(self.ids.plan):
                return f"{name} [{identifier}]"
        return identifier

    def section_text(self, term: Node) -> str:
        identifier = self.ids.of(term, self.bnodes)
        if identifier.startswith("sectie/") and "\n" not in identifier:
            return identifier.removeprefix("sectie/")
        return f"[{identifier}]"

    def cells(self, sheet: Sheet, subject: Node, graph: Graph, part: str = "plan") -> dict[str, Cell]:
        values: dict[str, Cell] = {}
        for column in sheet.columns:
            if column.graph != part:
                continue
            if column.kind == "id":
                values[column.header] = self.ids.plan_id if sheet.name == "Plan" else self.ids.of(subject, self.bnodes)
            elif column.kind == "period":
                if column.predicate is not None:
                    values.update(self.period_cells(graph, subject))
            elif column.predicate is not None:
                value = self.column_cell(column, subject, graph)
                if value is not None:
                    values[column.header] = value
        return values

    def period_cells(self, graph: Graph, subject: Node) -> dict[str, Cell]:
        periods = list(graph.objects(subject, BG.periode))
        if len(periods) != 1:
            return {}
        found = _period(graph, periods[0])
        if found is None:
            return {}
        label, start, end, said = found
        self.used.add((subject, BG.periode, periods[0]))
        self.used.update(said)
        return {"Periode": label, "Van": start, "Tot": end}

    def column_cell(self, column: Column, subject: Node, graph: Graph) -> Cell:
        assert column.predicate is not None
        objects = sorted(
            graph.objects(subject, RDF.type if column.kind == "types" else column.predicate),
            key=lambda o: natural(str(o)),
        )
        taken: list[tuple[Node, Cell]] = []
        for obj in objects:
            cell = self.one_cell(column, obj)
            if cell is not None:
                taken.append((obj, cell))
        if not column.multi:
            taken = taken[:1]
        if not taken:
            return None
        predicate = RDF.type if column.kind == "types" else column.predicate
        self.used.update((subject, predicate, obj) for obj, _ in taken)
        if not column.multi:
            return taken[0][1]
        return "\n".join(str(cell) for _, cell in taken)

    def one_cell(self, column: Column, obj: Node) -> Cell:
        if column.kind == "types":
            return str(obj).removeprefix(str(BG)) if str(obj).startswith(str(BG)) else None
        if column.kind == "ref":
            return self.ref_text(obj) if isinstance(obj, URIRef) else None
        if column.kind == "section":
            return self.section_text(obj) if isinstance(obj, URIRef) else None
        return literal_cell(column, obj)

    def extra(self, triple: Triple) -> Row:
        subject, predicate, obj = triple
        if isinstance(obj, Literal):
            kind = (
                f"tekst@{obj.language}"
                if obj.language
                else "tekst"
                if obj.datatype is None
                else self.ids.of(obj.datatype)
            )
            value: Cell = str(obj)
        else:
            kind, value = "verwijzing", self.ids.of(obj, self.bnodes)
        return Row(
            {
                "Onderwerp": self.ids.of(subject, self.bnodes),
                "Eigenschap": self.ids.of(predicate),
                "Waarde": value,
                "Soort waarde": kind,
            }
        )

    def rows(self) -> PlanRows:
        out = PlanRows({sheet.name: [] for sheet in SHEETS})
        plan_sheet = SHEETS[0]
        plan_values = self.cells(plan_sheet, self.ids.plan, self.plan)
        plan_values.update(self.cells(plan_sheet, self.ids.plan, self.bron, part="bron"))
        out.rows("Plan").append(Row(plan_values))
        subjects = sorted(
            {s for s in self.plan.subjects() if s != self.ids.plan and not isinstance(s, BNode)},
            key=lambda s: natural(self.ids.of(s, {})),
        )
        for subject in subjects:
            types = {str(t).removeprefix(str(BG)) for t in self.plan.objects(subject, RDF.type)}
            sheet = sheet_for(types)
            if sheet is not None:
                out.rows(sheet.name).append(Row(self.cells(sheet, subject, self.plan)))
                if sheet.column("Soort") is None:  # the sheet says what it is
                    self.used.add((subject, RDF.type, BG[sheet.classes[0]]))
        rest = [t for t in self.plan if t not in self.used]
        rest.sort(
            key=lambda t: (
                isinstance(t[0], BNode),
                natural(self.ids.of(t[0], self.bnodes)),
                natural(self.ids.of(t[1])),
                natural(str(t[2])),
            )
        )
        out.rows(EXTRA).extend(self.extra(t) for t in rest)
        return out


def bron_leftovers(plan_id: str, bron: Graph) -> list[Triple]:
    """bronnen.ttl statements about the plan that the Plan sheet has no column for (besides the derived ones)."""
    ids = Ids(plan_id)
    held = {c.predicate for c in SHEETS[0].columns if c.graph == "bron"}
    derived = {RDF.type, URIRef("http://purl.org/dc/terms/identifier"), BG.graaf}
    return [t for t in bron.triples((ids.plan, None, None)) if t[1] not in held | derived]


def plan_rows(plan_id: str, plan: Graph, bron: Graph, references: References) -> PlanRows:
    return Exporter(plan_id, plan, bron, references).rows()
