"""Loads are all or nothing: kill -9 at any moment leaves the old or the new data, complete and quick to open."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from api.errors import DataSyntaxError
from api.kg import graph, store_dir
from api.kg.namespaces import GRAPH
from api.kg.store import EmbeddedStore
from api.settings import Settings
from tests.test_load import ROOT, _mini_repo

BIG_TRIPLES = 200_000
KILL_AFTER = (0.2, 1.0, 2.0, 2.8, 3.3)  # s: importing, parsing, writing the new version, around the switch


def _load_in_subprocess(settings: Settings) -> subprocess.Popen[bytes]:
    code = (
        "from pathlib import Path; from api.settings import Settings; from api.kg import graph; "
        f"graph.load(Settings(root=Path({str(settings.root)!r}), store_path=Path({str(settings.store_path)!r})))"
    )
    return subprocess.Popen([sys.executable, "-c", code], cwd=ROOT)


def _graphs(store: EmbeddedStore) -> set[str]:
    return set(store.result("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }").values("g"))


def test_kill_at_any_moment_leaves_old_or_new_data_complete(tmp_path: Path) -> None:
    settings = _mini_repo(tmp_path)
    assert settings.store_path is not None
    old = graph.load(settings).quads
    old_graphs = _graphs(graph.open_on_disk(settings.store_path))  # type: ignore[arg-type]
    with open(tmp_path / "graph" / "shared" / "groot.ttl", "w", encoding="utf-8") as big:
        big.writelines(
            f'<https://example.org/s{i}> <https://example.org/p> "waarde {i}" .\n' for i in range(BIG_TRIPLES)
        )
    new = old + BIG_TRIPLES
    seen = []
    for delay in KILL_AFTER:
        process = _load_in_subprocess(settings)
        time.sleep(delay)
        process.kill()
        process.wait()
        started = time.perf_counter()
        store = graph.open_on_disk(settings.store_path)
        opened = time.perf_counter() - started
        assert store is not None
        quads = len(store)
        seen.append((delay, quads, round(opened, 3)))
        assert quads in (old, new), seen
        assert old_graphs <= _graphs(store), seen  # every graph there, none emptied
        assert opened < 3.0, seen
        del store
    print("kill after s, quads, reopen s:", seen)
    process = _load_in_subprocess(settings)
    assert process.wait(timeout=60) == 0
    store = graph.open_on_disk(settings.store_path)
    assert store is not None and len(store) == new
    assert _graphs(store) == old_graphs | {GRAPH + "groot"}
    versions = [p for p in settings.store_path.iterdir() if p.name.startswith(store_dir.PREFIX)]
    assert versions == [store_dir.current_version(settings.store_path)]  # crashed half-builds are gone


def test_a_reader_keeps_its_version_while_a_load_replaces_it(tmp_path: Path) -> None:
    settings = _mini_repo(tmp_path)
    assert settings.store_path is not None
    before = graph.load(settings).quads
    reader = graph.open_store(settings)
    (tmp_path / "graph" / "shared" / "extra.ttl").unlink()
    after = graph.load(settings).quads
    assert after == before - 1
    assert len(reader.result("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }").rows) == before
    assert len(graph.open_store(settings).result("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }").rows) == after
    pinned = {p for p in settings.store_path.iterdir() if p.name.startswith(store_dir.PREFIX)}
    assert len(pinned) == 2  # the reader's version stays until it lets go
    del reader
    graph.load(settings)
    assert len([p for p in settings.store_path.iterdir() if p.name.startswith(store_dir.PREFIX)]) == 1


def test_an_old_style_store_directory_is_rebuilt_as_a_version(tmp_path: Path) -> None:
    settings = _mini_repo(tmp_path)
    assert settings.store_path is not None
    legacy = ox.Store(str(settings.store_path))
    legacy.add(ox.Quad(ox.NamedNode("https://example.org/oud"), ox.NamedNode("https://example.org/p"), ox.Literal("x")))
    del legacy
    assert store_dir.is_legacy(settings.store_path)
    store = graph.open_store(settings)
    assert store.result("ASK { <https://example.org/oud> ?p ?o }").boolean is False
    assert store.result('ASK { ?s ?p "één" }').boolean is True
    assert not (settings.store_path / "CURRENT").exists()
    assert store_dir.current_version(settings.store_path) is not None


def test_ill_typed_literal_names_file_line_and_column_and_changes_nothing(tmp_path: Path) -> None:
    settings = _mini_repo(tmp_path)
    before = graph.load(settings).quads
    wrong = tmp_path / "graph" / "shared" / "getallen.ttl"
    wrong.write_text(
        "@prefix ex: <https://example.org/> .\n"
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        'ex:a ex:aantal "12"^^xsd:integer ;\n'
        '    ex:jaar  "abc"^^xsd:integer .\n',
        encoding="utf-8",
    )
    with pytest.raises(DataSyntaxError) as caught:
        graph.load(settings)
    assert (caught.value.path, caught.value.line, caught.value.column) == (wrong, 4, 14)
    assert f"{wrong}:4:14" in str(caught.value)
    assert '"abc" is geen geldige xsd:integer' in str(caught.value)
    assert len(graph.open_store(settings)) == before  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "literal", ['"2023-02-29"^^<http://www.w3.org/2001/XMLSchema#date>', '"ja"^^x:boolean', '"300"^^x:byte']
)
def test_ill_typed_literal_found_however_the_datatype_is_spelt(tmp_path: Path, literal: str) -> None:
    settings = _mini_repo(tmp_path)
    (tmp_path / "graph" / "shared" / "fout.ttl").write_text(
        f"@prefix x: <http://www.w3.org/2001/XMLSchema#> .\n<urn:a> <urn:p> {literal} .\n", encoding="utf-8"
    )
    with pytest.raises(DataSyntaxError) as caught:
        graph.parse_sources(settings)
    assert (caught.value.line, caught.value.column) == (2, len("<urn:a> <urn:p> ") + 1)


def test_in_memory_replace_swaps_the_whole_store_at_once(tmp_path: Path) -> None:
    settings = _mini_repo(tmp_path)
    store = EmbeddedStore()
    first = store.replace(graph.parse_sources(settings))
    held = store.store  # what a query already running holds
    (tmp_path / "graph" / "shared" / "extra.ttl").unlink()
    second = store.replace(graph.parse_sources(settings))
    assert second == first - 1
    assert len(held) == first
    assert len(store) == second


def test_real_repository_loads_on_disk(tmp_path: Path) -> None:
    settings = Settings(store_path=tmp_path / "store")
    report = graph.load(settings)
    assert report.quads > 10_000
    assert os.readlink(tmp_path / "store" / store_dir.POINTER).startswith(store_dir.PREFIX)
