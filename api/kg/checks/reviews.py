"""Accepted findings (bg:Beoordeling): read beside the plan, matched to today's findings, lapsed on change.

An officer who has read a finding and accepts it ("de nulmeting volgt in 2025, dat staat in de begroting")
should not meet it again on every report, but must meet it again when the element it is about changes: the
review keeps a fingerprint of the element as it was, and a finding counts as accepted only while the element
still has that fingerprint. Reviews live in graph/<gemeente>/<plan>.beoordelingen.ttl, next to the plan.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD

from api.kg.checks.model import Finding
from api.kg.namespaces import BG as BG_IRI
from api.kg.namespaces import DATA, PLAN
from api.kg.queries import catalog, run_named
from api.kg.store import GraphStore

BG = Namespace(BG_IRI)
REVIEW_SUFFIX = ".beoordelingen"
REVIEW_BASE = f"{DATA}beoordeling/"


@dataclass(frozen=True)
class Review:
    """One accepted finding: which check on which element, why, by whom, when, and the element as it was."""

    shape: str
    focus: str
    plan: str
    reason: str
    by: str
    on: date
    fingerprint: str

    @property
    def iri(self) -> str:
        digest = hashlib.sha256(f"{self.shape} {self.focus}".encode()).hexdigest()[:16]
        return f"{REVIEW_BASE}{self.plan}/{digest}"


@dataclass(frozen=True)
class Reviewed:
    """Today's findings split by their reviews: open (counted; some reopened because the element changed)
    and accepted (shown apart, not counted)."""

    open: list[Finding]
    accepted: list[tuple[Finding, Review]] = field(default_factory=list)
    reopened: dict[tuple[str, str], Review] = field(default_factory=dict)  # (shape, focus) -> lapsed review

    def lapsed(self, finding: Finding) -> Review | None:
        return self.reopened.get((finding.shape, finding.focus))


def read_reviews(store: GraphStore, queries_dir: Path) -> list[Review]:
    rows = run_named(store, catalog(queries_dir), "beoordelingen").records()
    return [
        Review(
            shape=row["controle"],
            focus=row["gegeven"],
            plan=row["plan"],
            reason=row["reden"],
            by=row["naam"],
            on=date.fromisoformat(row["datum"]),
            fingerprint=row["vingerafdruk"],
        )
        for row in rows
    ]


def fingerprint(store: GraphStore, queries_dir: Path, focus: str) -> str:
    """SHA-256 over what the graph says about the element: its properties, and those of the blank nodes it
    points to by their content (blank node labels change with every load), outside the review files."""
    rows = run_named(store, catalog(queries_dir), "gegeven-inhoud", gegeven=focus).rows
    plain: set[str] = set()
    nested: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in rows:
        predicate, value = str(row["p"]), row["o"]
        if isinstance(value, ox.BlankNode):
            inner = nested[(predicate, value.value)]
            if "dp" in row:
                inner.add(f"{row['dp']} {row['do']}")
        else:
            plain.add(f"{predicate} {value}")
    described = plain | {f"{p} [{'; '.join(sorted(inner))}]" for (p, _), inner in nested.items()}
    return hashlib.sha256("\n".join(sorted(described)).encode()).hexdigest()


def apply_reviews(findings: Iterable[Finding], reviews: Iterable[Review], fingerprints: dict[str, str]) -> Reviewed:
    """A finding is accepted when a review names its check and element and the element is unchanged."""
    by_key = {(review.shape, review.focus): review for review in reviews}
    result = Reviewed(open=[])
    for finding in findings:
        review = by_key.get((finding.shape, finding.focus))
        if review is None:
            result.open.append(finding)
        elif fingerprints.get(finding.focus) == review.fingerprint:
            result.accepted.append((finding, review))
        else:
            result.open.append(finding)
            result.reopened[(finding.shape, finding.focus)] = review
    return result


def review_path(plan_file: Path) -> Path:
    return plan_file.with_name(plan_file.stem + REVIEW_SUFFIX + ".ttl")


def reviews_turtle(reviews: Iterable[Review]) -> str:
    """The review file of one plan, sorted, so that accepting the same finding twice writes the same bytes."""
    graph = Graph()
    graph.bind("bg", BG)
    graph.bind("dct", DCTERMS)
    for review in sorted(reviews, key=lambda r: (r.shape, r.focus)):
        node = URIRef(review.iri)
        graph.add((node, RDF.type, BG.Beoordeling))
        graph.add((node, BG.betreftControle, URIRef(review.shape)))
        graph.add((node, BG.betreftGegeven, URIRef(review.focus)))
        graph.add((node, BG.betreftPlan, URIRef(PLAN + review.plan)))
        graph.add((node, BG.reden, Literal(review.reason, lang="nl")))
        graph.add((node, DCTERMS.creator, Literal(review.by)))
        graph.add((node, DCTERMS.date, Literal(review.on.isoformat(), datatype=XSD.date)))
        graph.add((node, BG.vingerafdruk, Literal(review.fingerprint)))
    header = (
        "# Beoordelingen: bevindingen van de samenhangcontroles, gelezen en aanvaard (beleidsgraaf accepteer).\n"
        "# Een beoordeling vervalt vanzelf als het gegeven verandert (bg:vingerafdruk).\n"
    )
    return header + graph.serialize(format="turtle")
