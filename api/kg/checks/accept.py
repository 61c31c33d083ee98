"""Accept a finding (or take an acceptance back): write the plan's review file, and nothing else.

The review names the check, the element and the plan, and keeps the element's fingerprint of today, so that
a later change to the element reopens the finding by itself.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from api.errors import DataError
from api.kg.checks.examples import SHAPES_NAMESPACE
from api.kg.checks.reviews import Review, fingerprint, read_reviews, review_path, reviews_turtle
from api.kg.checks.run import review
from api.kg.checks.shapes import ShapesGraph
from api.kg.namespaces import PLAN
from api.kg.store import GraphStore
from api.kg.workbook.files import write_atomically
from api.settings import Settings


def shape_iri(check: str) -> str:
    return check if check.startswith(("http://", "https://")) else SHAPES_NAMESPACE + check


def focus_iri(plan: str, element: str) -> str:
    """A full IRI, or one relative to the plan ("doelstelling/financieel-fit-6"), as the reports print it."""
    if element.startswith(("http://", "https://")):
        return element
    return f"{PLAN}{plan}/{element.strip('/')}" if element else f"{PLAN}{plan}"


def plan_file(settings: Settings, plan: str) -> Path:
    found = sorted(settings.graph_dir.rglob(f"{plan}.ttl"))
    if not found:
        raise DataError(
            f"plan '{plan}' heeft geen bestand onder {settings.graph_dir}; alleen daar kan het beoordeeld worden"
        )
    return found[0]


def accept(
    store: GraphStore,
    settings: Settings,
    plan: str,
    check: str,
    element: str,
    reason: str,
    by: str,
    on: date,
    shapes: ShapesGraph | None = None,
) -> tuple[Path, Review]:
    """Record that the open finding of `check` on `element` in `plan` is accepted; returns the file written."""
    if not reason.strip() or not by.strip():
        raise DataError("een beoordeling heeft een reden (--reden) en een naam (--naam)")
    shape, focus = shape_iri(check), focus_iri(plan, element)
    reviewed = review(store, settings, plan, shapes)
    if not any(f.shape == shape and f.focus == focus for f in reviewed.open):
        if any(f.shape == shape and f.focus == focus for f, _ in reviewed.accepted):
            raise DataError(f"de bevinding van '{check}' over {focus} is al aanvaard")
        raise DataError(f"het plan '{plan}' heeft geen open bevinding van controle '{check}' over {focus}")
    new = Review(shape, focus, plan, reason.strip(), by.strip(), on, fingerprint(store, settings.queries_dir, focus))
    return _write(settings, plan, [r for r in _of_plan(store, settings, plan) if r.iri != new.iri] + [new]), new


def withdraw(store: GraphStore, settings: Settings, plan: str, check: str, element: str) -> Path:
    """Take an acceptance back: the finding counts again from the next load."""
    key = (shape_iri(check), focus_iri(plan, element))
    kept = [r for r in _of_plan(store, settings, plan) if (r.shape, r.focus) != key]
    if len(kept) == len(_of_plan(store, settings, plan)):
        raise DataError(f"geen beoordeling van '{check}' over {key[1]} in plan '{plan}'")
    return _write(settings, plan, kept)


def _of_plan(store: GraphStore, settings: Settings, plan: str) -> list[Review]:
    return [r for r in read_reviews(store, settings.queries_dir) if r.plan == plan]


def _write(settings: Settings, plan: str, reviews: list[Review]) -> Path:
    target = review_path(plan_file(settings, plan))
    if reviews:
        write_atomically({target: reviews_turtle(reviews)})
    elif target.exists():
        target.unlink()
    return target
