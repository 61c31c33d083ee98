"""Memory for small data, one on-disk store beyond a size, rebuilt only when the sources change."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from api.errors import DataError
from api.kg import graph
from api.kg.store import EmbeddedStore
from api.kg.store_location import DEFAULT_DIR, source_bytes, store_location
from api.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
EXTRA = "graph/shared/extra.ttl"


def _repo(tmp_path: Path, **options: object) -> Settings:
    (tmp_path / "graph" / "shared").mkdir(parents=True)
    shutil.copytree(ROOT / "ontology", tmp_path / "ontology", ignore=shutil.ignore_patterns("_*"))
    shutil.copy(ROOT / "graph" / "bronnen.ttl", tmp_path / "graph" / "bronnen.ttl")
    (tmp_path / EXTRA).write_text('<https://example.org/a> <https://example.org/p> "één" .\n', encoding="utf-8")
    return Settings(root=tmp_path, **options)  # type: ignore[arg-type]


def _has(store: EmbeddedStore, value: str) -> bool:
    return bool(store.result(f'ASK {{ ?s ?p "{value}" }}').boolean)


def test_the_five_plans_are_served_from_memory() -> None:
    settings = Settings()
    assert source_bytes(settings) < settings.store_on_disk_above
    assert store_location(settings) is None


def test_beyond_the_size_the_store_goes_on_disk_unless_a_place_or_a_server_is_named(tmp_path: Path) -> None:
    assert store_location(_repo(tmp_path / "a", store_on_disk_above=0)) == tmp_path / "a" / DEFAULT_DIR
    assert store_location(_repo(tmp_path / "b", store_on_disk_above=0, store_path=tmp_path / "x")) == tmp_path / "x"
    remote = _repo(tmp_path / "c", store_on_disk_above=0, sparql_query_url="http://127.0.0.1:9/sparql")
    assert store_location(remote) is None


def test_a_restart_opens_the_built_store_and_a_changed_source_rebuilds_it(tmp_path: Path) -> None:
    settings = _repo(tmp_path, store_on_disk_above=0)
    location = tmp_path / DEFAULT_DIR
    assert graph.ensure_built(settings, location) is True
    assert graph.ensure_built(settings, location) is False  # nothing changed: nothing parsed again
    first = graph.open_store(settings)
    assert isinstance(first, EmbeddedStore) and _has(first, "één")

    extra = tmp_path / EXTRA
    extra.write_text('<https://example.org/a> <https://example.org/p> "twee" .\n', encoding="utf-8")
    os.utime(extra, ns=(extra.stat().st_atime_ns, extra.stat().st_mtime_ns + 1_000_000))
    second = graph.open_store(settings)
    assert isinstance(second, EmbeddedStore)
    assert _has(second, "twee") and not _has(second, "één")
    assert graph.ensure_built(settings, location) is False


def test_a_broken_source_leaves_the_last_good_store_serving(tmp_path: Path) -> None:
    settings = _repo(tmp_path, store_on_disk_above=0)
    graph.ensure_built(settings, tmp_path / DEFAULT_DIR)
    (tmp_path / EXTRA).write_text("<https://example.org/a> <https://example.org/p> .\n", encoding="utf-8")
    store = graph.open_store(settings)
    assert isinstance(store, EmbeddedStore) and _has(store, "één")
    built, kept = graph.build_or_keep(settings, tmp_path / DEFAULT_DIR)  # what `serve` reports before it starts
    assert not built and kept is not None and "extra.ttl" in str(kept)


def test_without_a_built_version_a_broken_source_is_an_error_that_names_the_file(tmp_path: Path) -> None:
    settings = _repo(tmp_path, store_on_disk_above=0)
    (tmp_path / EXTRA).write_text("<https://example.org/a> <https://example.org/p> .\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"extra\.ttl"):
        graph.open_store(settings)


def test_loading_reports_each_stage_with_its_counts(tmp_path: Path) -> None:
    settings = _repo(tmp_path, store_on_disk_above=0)
    seen: list[tuple[str, int, int]] = []
    report = graph.load(settings, lambda stage, done, total: seen.append((stage, done, total)))
    finished = {stage: (done, total) for stage, done, total in seen if done == total}
    assert finished["bestanden lezen"] == (report.files - 1, report.files - 1)  # the inferred graph is no file
    assert finished["store schrijven"] == (report.files, report.files)
    assert set(finished) == {"bestanden lezen", "afleiden", "store schrijven", "store samenvoegen"}
    assert seen[0] == ("bestanden lezen", 0, report.files - 1)
