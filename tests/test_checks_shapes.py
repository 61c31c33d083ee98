"""Every shape in shapes/ is well described, and its examples show exactly what it checks."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from api.kg.checks import ShapesGraph, load_project_shapes, validate
from api.kg.checks.examples import SHAPES_NAMESPACE as BGSH
from api.kg.checks.examples import example_files, example_store, expected_shape
from api.kg.checks.shapes import sh
from api.kg.store import EmbeddedStore
from api.settings import Settings

SETTINGS = Settings()
EXAMPLES = example_files(SETTINGS.shapes_dir)


@cache
def project_shapes() -> ShapesGraph:
    return load_project_shapes(SETTINGS)


def store_of(path: Path) -> EmbeddedStore:
    return example_store(path, SETTINGS.ontology_dir / "beleid.ttl")


SHAPES = sorted(project_shapes(), key=lambda s: s.id)
NAMED = [shape for shape in SHAPES if isinstance(shape.node, URIRef)]


def test_there_are_shapes_and_examples() -> None:
    assert len(NAMED) >= 20
    assert len(EXAMPLES) >= 2 * len(NAMED)


@pytest.mark.parametrize("shape", SHAPES, ids=lambda s: s.id.removeprefix(BGSH))
def test_every_shape_has_a_stable_id_under_bgsh(shape) -> None:  # type: ignore[no-untyped-def]
    assert isinstance(shape.node, URIRef) and shape.id.startswith(BGSH), "node and property shapes need an IRI"


@pytest.mark.parametrize("shape", NAMED, ids=lambda s: s.id.removeprefix(BGSH))
def test_every_shape_has_a_dutch_and_english_message_and_a_severity(shape) -> None:  # type: ignore[no-untyped-def]
    languages = {language for language, text in shape.messages if text.strip()}
    assert {"nl", "en"} <= languages
    assert project_shapes().graph.value(shape.node, sh("severity")) is not None


RULE_OPENING = {"Violation": "Fout", "Warning": "Waarschuwing", "Info": "Info"}


@pytest.mark.parametrize("shape", NAMED, ids=lambda s: s.id.removeprefix(BGSH))
def test_every_message_says_what_to_do_at_its_section(shape) -> None:  # type: ignore[no-untyped-def]
    """A finding is read by someone who must act on it: the message ends in advice that names the section
    ({§}, filled in per finding); a message that only states the problem leaves the officer guessing."""
    for language, text in shape.messages:
        assert "{§}" in text, f"{language} message of {shape.id} names no section to act in"
        problem = text.partition("{§}")[0]
        assert problem.strip() and len(text) > 40


@pytest.mark.parametrize("shape", NAMED, ids=lambda s: s.id.removeprefix(BGSH))
def test_every_shape_writes_down_why_it_has_its_severity(shape) -> None:  # type: ignore[no-untyped-def]
    """The calibration rule (#13): why this is broken, a defect to fix before the council, or worth knowing."""
    rules = [d for d in project_shapes().graph.objects(shape.node, sh("description")) if isinstance(d, Literal)]
    dutch = [str(rule) for rule in rules if rule.language == "nl"]
    assert dutch, f"{shape.id} has no sh:description@nl with its rule"
    assert dutch[0].startswith(RULE_OPENING[shape.severity.value]), (
        f"{shape.id}: the rule opens with its severity ({RULE_OPENING[shape.severity.value]}), as written"
    )


@pytest.mark.parametrize("shape", NAMED, ids=lambda s: s.id.removeprefix(BGSH))
def test_every_shape_has_a_valid_and_an_invalid_example(shape) -> None:  # type: ignore[no-untyped-def]
    local = shape.id.removeprefix(BGSH)
    names = {path.name for path in EXAMPLES}
    assert f"{local}-valid.ttl" in names
    assert f"{local}-invalid-01.ttl" in names


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_says_why_on_its_first_line(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# ") and ("valid" in first or "invalid" in first)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_triggers_exactly_its_shape(path: Path) -> None:
    found = {result.shape for result in validate(store_of(path), project_shapes())}
    expected = expected_shape(path)
    assert found == (set() if expected is None else {expected})


def test_the_complete_valid_plan_triggers_nothing() -> None:
    path = next(p for p in EXAMPLES if p.stem == "plan-valid")
    assert validate(store_of(path), project_shapes()) == []


def test_messages_of_sparql_shapes_are_filled_in() -> None:
    path = next(p for p in EXAMPLES if p.stem == "som-delen-invalid-01")
    [result] = validate(store_of(path), project_shapes())
    assert result.message("nl").startswith(
        "De delen tellen op tot 30, maar het document noemt als totaal 31 (verschil -1, over 2 delen); dat is meer "
        "dan afronding verklaart."
    )
    assert result.message("en").startswith("The parts add up to 30")


def test_severity_literal_is_a_shacl_severity() -> None:
    for shape in NAMED:
        value = project_shapes().graph.value(shape.node, sh("severity"))
        assert not isinstance(value, Literal)
