"""Tie results to what a policy officer reads: the node's Dutch name and the document section it cites.

Both come from named queries (queries/check-namen.rq, check-bronnen.rq, check-plannen.rq), asked once
per run for the whole graph and looked up here; no query text is built around a node.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from api.kg.checks.model import Finding, RawResult, Source
from api.kg.namespaces import PLAN
from api.kg.queries import read_query
from api.kg.store import GraphStore

_PART = re.compile(r"(\d+)|(\D+)")


def section_order(number: str) -> tuple[tuple[int, int | str], ...]:
    """4.3 before 4.3.5 before 10, and numbered sections before "bijlage 1"."""
    return tuple((0, int(d)) if d else (1, t.strip()) for d, t in _PART.findall(number))


@dataclass
class SourceIndex:
    names: dict[str, str] = field(default_factory=dict)
    documents: dict[str, dict[str, str]] = field(default_factory=lambda: defaultdict(dict))  # node -> id -> title
    sections: dict[tuple[str, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    plans: dict[str, str] = field(default_factory=dict)  # plan id -> title
    levels: dict[str, int] = field(default_factory=dict)  # node -> level (see Finding.level)
    heads: dict[str, tuple[str, str]] = field(default_factory=dict)  # node -> (kernelement IRI, its name)

    def source(self, node: str) -> tuple[Source, tuple[str, ...]]:
        """The first document (by id) with all its sections; and every document the node is in."""
        found = self.documents.get(node, {})
        if not found:
            return Source(), ()
        first = sorted(found)[0]
        numbers = sorted(self.sections.get((node, first), set()), key=section_order)
        return Source(first, found[first] or None, ", ".join(numbers) or None), tuple(sorted(found))


def build_index(store: GraphStore, queries_dir: Path) -> SourceIndex:
    index = SourceIndex()
    ranked: dict[str, tuple[int, str]] = {}
    for row in _rows(store, queries_dir / "check-namen.rq"):
        dutch = row.get("taal", "") in ("nl", "")
        rank = int(row["rang"]) + (0 if row.get("taal") == "nl" else 10 if dutch else 20)
        if row["knoop"] not in ranked or rank < ranked[row["knoop"]][0]:
            ranked[row["knoop"]] = (rank, row["naam"])
    index.names = {node: name for node, (_, name) in ranked.items()}
    for name in ("check-bronnen.rq", "check-plannen.rq"):
        for row in _rows(store, queries_dir / name):
            node, document = row["knoop"], row["documentId"]
            index.documents[node][document] = row.get("documentTitel", "")
            if row.get("sectienummer"):
                index.sections[(node, document)].add(row["sectienummer"])
            if name == "check-plannen.rq":
                index.plans[document] = row.get("documentTitel", "")
    for row in _rows(store, queries_dir / "check-niveaus.rq"):
        node = row["knoop"]
        index.levels[node] = min(index.levels.get(node, 9), int(row["rang"]))
        if row.get("hoofd") and (node not in index.heads or row["hoofd"] < index.heads[node][0]):
            index.heads[node] = (row["hoofd"], row.get("hoofdNaam", ""))
    return index


def _rows(store: GraphStore, path: Path) -> list[dict[str, str]]:
    query = read_query(path)
    return store.result(query.sparql).records()


def to_findings(results: Iterable[RawResult], index: SourceIndex) -> list[Finding]:
    findings = []
    for result in results:
        source, plans = index.source(result.focus)
        if result.focus.startswith(PLAN):
            plans = tuple(sorted({*plans, result.focus.removeprefix(PLAN).split("/", 1)[0]}))
        findings.append(
            Finding(
                shape=result.shape,
                severity=result.severity,
                focus=result.focus,
                label=index.names.get(result.focus) or result.focus.rstrip("/").rsplit("/", 1)[-1],
                path=result.path,
                value=result.value,
                message=name_section(result.message("nl"), source, "het document"),
                message_en=name_section(result.message("en"), source, "the document"),
                source=source,
                value_is_iri=result.value_is_iri,
                plans=plans,
                path_node=result.path_node,
                level=index.levels.get(result.focus, 0 if result.focus.removeprefix(PLAN).count("/") == 0 else 5),
                head=index.heads.get(result.focus, ("", ""))[0],
                head_label=index.heads.get(result.focus, ("", ""))[1],
            )
        )
    return sorted(findings, key=importance)


SECTION_PLACEHOLDER = "{§}"


def section_text(sections: str) -> str:
    """ "4.3.3, bijlage 4" as a reader writes it: "§4.3.3, bijlage 4" (a § only before a number)."""
    items = [item.strip() for item in sections.split(",") if item.strip()]
    return ", ".join(f"§{item}" if item[0].isdigit() else item for item in items)


def name_section(message: str, source: Source, unknown: str) -> str:
    """Put the section the finding is about into its advice ("Neem in §4.3.3 een nulmeting op"): a message
    says where to act, and the shapes write that place as {§} because only the source index knows it."""
    where = section_text(source.section) if source.section else unknown
    return message.replace(SECTION_PLACEHOLDER, where)


def importance(finding: Finding) -> tuple[object, ...]:
    """Most important first: severity, then the level of the element (missie and visie before an opgave before
    a doelstelling before an actie), then document and section order; the same order on every surface."""
    first_section = (finding.source.section or "").split(",")[0].strip().removeprefix("§").strip()
    return (
        finding.severity.rank,
        finding.level,
        finding.source.document or "~",
        section_order(first_section or "~"),
        finding.label.lower(),
        finding.shape,
        finding.focus,
        finding.value or "",
    )
