"""Findings as JSON, as Dutch text grouped by plan and severity, and as a SHACL ValidationReport in Turtle."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF

from api.kg.checks.model import Finding, Severity
from api.kg.checks.paths import Path
from api.kg.checks.reviews import Reviewed
from api.kg.checks.shapes import sh
from api.kg.namespaces import DATA, PLAN, PREFIXES

SHARED = "gedeelde knopen"
_OPS = {"^": "inversePath", "*": "zeroOrMorePath", "+": "oneOrMorePath", "?": "zeroOrOnePath"}


def has_violations(findings: Sequence[Finding]) -> bool:
    return any(f.severity is Severity.VIOLATION for f in findings)


def to_json(findings: Sequence[Finding]) -> str:
    return json.dumps([f.as_json() for f in findings], ensure_ascii=False, indent=2)


def by_plan(findings: Sequence[Finding]) -> dict[str, dict[Severity, list[Finding]]]:
    """{plan id (or SHARED): {severity: findings}}, plans alphabetically, severities from worst."""
    grouped: dict[str, dict[Severity, list[Finding]]] = defaultdict(lambda: defaultdict(list))
    for finding in findings:
        grouped[finding.source.document or (finding.plans[0] if finding.plans else SHARED)][finding.severity].append(
            finding
        )
    return {
        plan: {severity: grouped[plan][severity] for severity in Severity if grouped[plan].get(severity)}
        for plan in sorted(grouped, key=lambda p: (p == SHARED, p))
    }


def to_text(findings: Sequence[Finding], reviewed: Reviewed | None = None) -> str:
    if not findings:
        return "Geen bevindingen: alle controles slagen.\n"
    lines = [summary(findings), ""]
    for plan, severities in by_plan(findings).items():
        title = next((f.source.title for group in severities.values() for f in group if f.source.title), None)
        lines.append(f"== {plan}" + (f" — {title}" if title else ""))
        for severity, group in severities.items():
            lines.append(f"-- {severity.label_nl} ({len(group)})")
            for finding in group:
                where = f"§{finding.source.section}" if finding.source.section else "zonder sectie"
                lines.append(f"  [{where}] {finding.label}: {finding.message}")
                lapsed = reviewed.lapsed(finding) if reviewed else None
                if lapsed:
                    lines.append(
                        f"      weer open: aanvaard door {lapsed.by} op {lapsed.on:%d-%m-%Y}, sindsdien gewijzigd"
                    )
                lines.append(f"      {finding.shape.rsplit('/', 1)[-1]} · {_short(finding.focus, plan)}")
        lines.append("")
    return "\n".join(lines)


def accepted_text(reviewed: Reviewed) -> str:
    """The accepted findings, apart from the counted ones: what was accepted, why, by whom and when."""
    lines = [f"== Aanvaard, niet meegeteld ({len(reviewed.accepted)})"]
    for finding, review in reviewed.accepted:
        plan = finding.source.document or review.plan
        where = f"§{finding.source.section}" if finding.source.section else "zonder sectie"
        lines.append(f"  [{plan} {where}] {finding.label}: {finding.message}")
        lines.append(f"      aanvaard door {review.by} op {review.on:%d-%m-%Y}: {review.reason}")
        lines.append(f"      {finding.shape.rsplit('/', 1)[-1]} · {_short(finding.focus, plan)}")
    return "\n".join(lines) + "\n"


def _short(iri: str, plan: str) -> str:
    """The node as a reader finds it under its plan ("actie/eigen-kracht-1"), not the whole IRI on every line."""
    own = f"{PLAN}{plan}/"
    if iri.startswith(own):
        return iri.removeprefix(own)
    return iri.removeprefix(DATA) if iri.startswith(DATA) else iri


def summary(findings: Sequence[Finding]) -> str:
    counts = {severity: sum(f.severity is severity for f in findings) for severity in Severity}
    return f"{len(findings)} bevindingen: " + ", ".join(f"{n} {s.label_nl.lower()}" for s, n in counts.items())


def to_turtle(findings: Sequence[Finding]) -> str:
    graph = Graph()
    for name, namespace in PREFIXES.items():
        graph.bind(name, namespace)
    graph.bind("bgsh", "https://beleidsgraaf.nl/def/shapes/")
    report = BNode()
    graph.add((report, RDF.type, sh("ValidationReport")))
    graph.add((report, sh("conforms"), Literal(not has_violations(findings))))
    for finding in findings:
        result = BNode()
        graph.add((report, sh("result"), result))
        graph.add((result, RDF.type, sh("ValidationResult")))
        graph.add((result, sh("focusNode"), URIRef(finding.focus)))
        graph.add((result, sh("resultSeverity"), URIRef(finding.severity.iri)))
        graph.add((result, sh("sourceShape"), URIRef(finding.shape)))
        if finding.path_node is not None:
            graph.add((result, sh("resultPath"), _path(graph, finding.path_node)))
        if finding.value is not None:
            graph.add((result, sh("value"), URIRef(finding.value) if finding.value_is_iri else Literal(finding.value)))
        graph.add((result, sh("resultMessage"), Literal(finding.message, lang="nl")))
        if finding.message_en:
            graph.add((result, sh("resultMessage"), Literal(finding.message_en, lang="en")))
    return graph.serialize(format="turtle")


def _path(graph: Graph, path: Path) -> URIRef | BNode:
    if path.op == "iri":
        return URIRef(path.iri)
    node = BNode()
    if path.op == "/":
        Collection(graph, node, [_path(graph, part) for part in path.parts])
    elif path.op == "|":
        items = BNode()
        Collection(graph, items, [_path(graph, part) for part in path.parts])
        graph.add((node, sh("alternativePath"), items))
    else:
        graph.add((node, sh(_OPS[path.op]), _path(graph, path.parts[0])))
    return node
