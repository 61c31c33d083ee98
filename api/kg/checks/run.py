"""Run the project's shapes on a store and return findings, optionally for one plan."""

from __future__ import annotations

from api.errors import NotFound
from api.kg.checks.engine import validate
from api.kg.checks.model import Finding
from api.kg.checks.reviews import Reviewed, apply_reviews, fingerprint, read_reviews
from api.kg.checks.shapes import ShapesGraph, load_shapes
from api.kg.checks.sources import build_index, to_findings
from api.kg.store import GraphStore
from api.settings import Settings


def load_project_shapes(settings: Settings) -> ShapesGraph:
    return load_shapes(settings.shapes_dir.glob("*.ttl"))


def check(
    store: GraphStore, settings: Settings, plan: str | None = None, shapes: ShapesGraph | None = None
) -> list[Finding]:
    """The open findings on the store, or those whose focus node belongs to plan (an id such as heemskerk-...):
    what every report counts. A finding an officer accepted is left out while its element is unchanged.

    A plan id that names no plan in the graph is an error (NotFound), not an empty report.
    """
    return review(store, settings, plan, shapes).open


def review(
    store: GraphStore, settings: Settings, plan: str | None = None, shapes: ShapesGraph | None = None
) -> Reviewed:
    """Today's findings split into open and accepted, by the reviews beside the plans (bg:Beoordeling)."""
    index = build_index(store, settings.queries_dir)
    if plan is not None and plan not in index.plans:
        known = ", ".join(sorted(index.plans))
        raise NotFound(f"onbekend plan '{plan}'; bekend zijn: {known}")
    findings = to_findings(validate(store, shapes or load_project_shapes(settings)), index)
    if plan:
        findings = [f for f in findings if f.belongs_to(plan)]
    reviews = read_reviews(store, settings.queries_dir)
    reviewed = {r.focus for r in reviews} & {f.focus for f in findings}
    prints = {focus: fingerprint(store, settings.queries_dir, focus) for focus in sorted(reviewed)}
    return apply_reviews(findings, reviews, prints)
