"""The model conventions (docs/model.md): the shapes in shapes/model/ hold on all of graph/, each shape's broken
example fails, and the inference adds what the ontology entails in a graph of its own."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient

from api.errors import DataError
from api.kg.checks import ShapesGraph, validate
from api.kg.checks.conventions import breaches, load_model_shapes, model_shapes_dir
from api.kg.checks.examples import SHAPES_NAMESPACE as BGSH
from api.kg.checks.examples import example_files, example_store, expected_shape
from api.kg.graph import parse_sources, parse_sources_with_plan
from api.kg.inference import INFERRED_GRAPH, infer
from api.kg.load import ParsedFile
from api.kg.store import GraphStore
from api.settings import Settings

SETTINGS = Settings()
EXAMPLES = example_files(model_shapes_dir(SETTINGS.shapes_dir))
BG = "https://beleidsgraaf.nl/def/"


@cache
def shapes() -> ShapesGraph:
    return load_model_shapes(SETTINGS.shapes_dir)


@cache
def parsed() -> tuple[ParsedFile, ...]:
    return tuple(parse_sources(SETTINGS))


def test_the_curated_plans_keep_every_convention() -> None:
    found = [(r.shape.removeprefix(BGSH), r.focus, r.path, r.value) for r in breaches(parsed(), shapes())]
    assert found == []


def test_every_model_shape_has_a_valid_and_a_broken_example() -> None:
    names = {path.name for path in EXAMPLES}
    ids = sorted(shape.id.removeprefix(BGSH) for shape in shapes() if shape.id.startswith(BGSH + "model-"))
    assert len(ids) >= 3
    for local in ids:
        assert {f"{local}-valid.ttl", f"{local}-invalid-01.ttl"} <= names, local


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_breaks_exactly_its_convention(path: Path) -> None:
    assert path.read_text(encoding="utf-8").startswith("# ")
    store = example_store(path, SETTINGS.ontology_dir / "beleid.ttl")
    found = {result.shape for result in validate(store, shapes())}
    expected = expected_shape(path)
    assert found == (set() if expected is None else {expected})


def test_a_law_cited_with_see_also_is_refused_in_a_new_version_of_a_plan() -> None:
    """What a workbook import runs (api.kg.workbook.service): the data as it would be, checked before writing."""
    text = (SETTINGS.graph_dir / "heiloo" / "heiloo-gebiedsplan-2023-2024.ttl").read_text(encoding="utf-8")
    broken = text.replace("bg:noemtWet bwb:BWBR0035362 ;", "rdfs:seeAlso bwb:BWBR0035362 ;", 1)
    assert broken != text
    found = breaches(parse_sources_with_plan(SETTINGS, "heiloo-gebiedsplan-2023-2024", {"plan": broken}), shapes())
    assert [(r.shape.removeprefix(BGSH), r.value) for r in found] == [
        ("model-wetsverwijzing", "https://beleidsgraaf.nl/id/plan/heiloo-gebiedsplan-2023-2024/indicator/wmo-gebruik")
    ]


def test_every_holder_of_a_role_is_a_partner_in_the_default_graph(store: GraphStore) -> None:
    missing = store.select(
        f"""SELECT DISTINCT ?o WHERE {{
              ?rol <http://www.w3.org/2000/01/rdf-schema#subPropertyOf>+ <{BG}partner> .
              ?s ?rol ?o . FILTER NOT EXISTS {{ ?o a <{BG}Partner> }} }}"""
    ).rows
    assert missing == []


def test_inferred_triples_are_in_their_own_graph_and_never_restate_a_fact() -> None:
    files = list(parsed())
    inferred = [item for item in files if item.source.graph == INFERRED_GRAPH]
    assert len(inferred) == 1
    stated = {(q.subject, q.predicate, q.object) for item in files if item is not inferred[0] for q in item.quads}
    added = [(q.subject, q.predicate, q.object) for q in inferred[0].quads]
    assert added and not stated.intersection(added)
    assert all(q.graph_name == ox.NamedNode(INFERRED_GRAPH) for q in inferred[0].quads)
    # bg:uitvoerder ⊑ bg:partner; bg:wettelijkKader ⊑ bg:wettelijkeGrondslag ⊑ bg:verwijstNaarWet
    predicates = {p.value for _, p, _ in added}
    assert {BG + "partner", BG + "verwijstNaarWet", BG + "wettelijkeGrondslag"} <= predicates


def test_inferring_again_replaces_the_earlier_inference() -> None:
    again = infer(parsed(), SETTINGS.rules_dir)
    assert [item.source.graph for item in again].count(INFERRED_GRAPH) == 1
    assert len(again[-1].quads) == len(parsed()[-1].quads)


def test_a_plan_dump_leaves_the_inferred_triples_out(store: GraphStore) -> None:
    dump = store.dump("text/turtle", "https://beleidsgraaf.nl/graph/heemstede-wmo-2025-2028")
    predicates = {t.predicate.value for t in ox.parse(dump, format=ox.RdfFormat.TURTLE)}
    assert BG + "uitvoerder" in predicates and BG + "wettelijkeGrondslag" in predicates
    assert BG + "partner" not in predicates and BG + "verwijstNaarWet" not in predicates


def test_a_rule_that_is_no_construct_query_is_refused(tmp_path: Path) -> None:
    (tmp_path / "1-fout.rq").write_text("SELECT * WHERE { ?s ?p ?o }", encoding="utf-8")
    with pytest.raises(DataError, match=r"1-fout\.rq"):
        infer(parsed(), tmp_path)
    with pytest.raises(DataError, match="geen afleidingsregels"):
        infer(parsed(), tmp_path / "leeg")


def test_a_node_page_keeps_what_follows_apart_from_what_the_document_says(client: TestClient) -> None:
    page = client.get("/id/plan/heemstede-wmo-2025-2028/actie/veilig-thuis-1", headers={"Accept": "text/html"}).text
    stated, _, inferred = page.partition('id="afgeleid-kop"')
    assert inferred, "the page has a section for inferred facts"
    # 004 §4.3 "We ondersteunen Veilig Thuis als opdrachtgever in de samenwerking met ketenpartners": Veilig Thuis
    # is samenwerkingspartner; that it is a partner follows from the ontology.
    assert "samenwerkingspartner" in stated and ">partner<" not in stated
    assert ">partner<" in inferred and "Beleidselement" in inferred
    head = stated.partition("<h1")[0]
    assert "Actie" in head and "Beleidselement" not in head


OUTSIDE = re.compile(r"(?<![\w.~-])/(?:home|Users|work|root|mnt|srv)/|\.\./shared\b|\bseeds/")
OWN_FOLDERS = ("api", "benchmarks", "docs", "graph", "ontology", "queries", "shapes", "tests", "tools")
NOT_OURS = ("api/web/static/vendor/", "tests/vendor/", "tests/w3c/")


def test_no_file_names_a_path_outside_the_repository() -> None:
    """Sources are cited by their registered file name and checksum (graph/bronnen.ttl), never by a folder."""
    root = SETTINGS.root
    files = [root / name for name in ("README.md", "DEVELOPERS.md", "Makefile", "pyproject.toml")]
    files += [p for folder in OWN_FOLDERS for p in (root / folder).rglob("*") if p.is_file()]
    found = []
    for path in files:
        relative = path.relative_to(root).as_posix()
        if relative.startswith(NOT_OURS) or "__pycache__" in relative or path.suffix in (".png", ".pdf", ".xlsx"):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            if OUTSIDE.search(line) and "OUTSIDE = re.compile" not in line:
                found.append(f"{relative}:{number}: {line.strip()[:80]}")
    assert found == []
