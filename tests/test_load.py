"""Loading: one named graph per file, errors that point at file/line/column, idempotent, all-or-nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from api.errors import DataError, DataSyntaxError
from api.kg import graph
from api.kg.load import discover
from api.kg.namespaces import GRAPH, ONTOLOGY_GRAPH
from api.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


def _mini_repo(tmp_path: Path) -> Settings:
    (tmp_path / "graph" / "shared").mkdir(parents=True)
    shutil.copytree(ROOT / "ontology", tmp_path / "ontology", ignore=shutil.ignore_patterns("_*"))
    shutil.copy(ROOT / "graph" / "bronnen.ttl", tmp_path / "graph" / "bronnen.ttl")
    (tmp_path / "graph" / "shared" / "extra.ttl").write_text(
        '<https://example.org/a> <https://example.org/p> "één" .\n', encoding="utf-8"
    )
    return Settings(root=tmp_path, store_path=tmp_path / "store")


def test_each_file_gets_its_own_named_graph(settings: Settings) -> None:
    files = discover(settings.ontology_dir, settings.graph_dir)
    graphs = {f.path.name: f.graph for f in files}
    assert graphs["beleid.ttl"] == ONTOLOGY_GRAPH
    assert graphs["bronnen.ttl"] == GRAPH + "bronnen"
    assert len(set(graphs.values())) == len(files) - 0


def test_folders_starting_with_underscore_are_not_loaded(tmp_path: Path) -> None:
    settings = _mini_repo(tmp_path)
    (tmp_path / "graph" / "_incoming").mkdir()
    (tmp_path / "graph" / "_incoming" / "x.ttl").write_text("not turtle at all", encoding="utf-8")
    names = [f.path.name for f in discover(settings.ontology_dir, settings.graph_dir)]
    assert "x.ttl" not in names


def test_duplicate_file_names_are_refused(tmp_path: Path) -> None:
    settings = _mini_repo(tmp_path)
    (tmp_path / "graph" / "other").mkdir()
    shutil.copy(tmp_path / "graph" / "shared" / "extra.ttl", tmp_path / "graph" / "other" / "extra.ttl")
    with pytest.raises(DataError, match="extra"):
        discover(settings.ontology_dir, settings.graph_dir)


def test_syntax_error_names_file_line_and_column_and_changes_nothing(tmp_path: Path) -> None:
    settings = _mini_repo(tmp_path)
    before = graph.load(settings).quads
    broken = tmp_path / "graph" / "shared" / "kapot.ttl"
    broken.write_text('@prefix ex: <https://example.org/> .\nex:a ex:b "open string .\n', encoding="utf-8")
    with pytest.raises(DataSyntaxError) as caught:
        graph.load(settings)
    assert caught.value.path == broken
    assert caught.value.line == 2
    assert caught.value.column is not None
    assert "kapot.ttl:2:" in str(caught.value)
    broken.unlink()
    store = graph.open_store(settings)
    assert len(store.result("SELECT * WHERE { ?s ?p ?o }").rows) == before


def test_load_is_idempotent_and_drops_graphs_of_removed_files(tmp_path: Path) -> None:
    settings = _mini_repo(tmp_path)
    first = graph.load(settings)
    second = graph.load(settings)
    assert first.quads == second.quads > 0
    (tmp_path / "graph" / "shared" / "extra.ttl").unlink()
    graph.load(settings)
    store = graph.open_store(settings)
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert int(store.result(count).rows[0]["n"].value) == first.quads - 1
    graphs = store.result("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }").values("g")
    assert GRAPH + "extra" not in graphs


def test_literals_keep_their_language_and_unicode(tmp_path: Path) -> None:
    settings = _mini_repo(tmp_path)
    graph.load(settings)
    store = graph.open_store(settings)
    assert store.result("SELECT ?o WHERE { <https://example.org/a> ?p ?o }").values("o") == ["één"]
