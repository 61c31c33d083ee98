"""Where the embedded store lives, and whether the one on disk still holds what the sources say.

Small data is served from memory: it loads in seconds and memory is cheap. Beyond
`Settings.store_on_disk_above` bytes of source RDF the store goes on disk (`<root>/var/store`, unless
`store_path` names a place), built once with a bulk load and opened read-only by every process of the
service, so the machine holds one copy and a restart opens it instead of parsing graph/ again.

A built version records the fingerprint of what it was built from (the files' names, sizes and modification
times, and the code that turns them into quads); a store whose fingerprint differs is built again on open.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from api import __version__
from api.kg.inference import rule_files
from api.kg.load import discover
from api.settings import Settings

DEFAULT_DIR = Path("var") / "store"
# The modules whose behaviour decides which quads a source file becomes.
_BUILDERS = ("load.py", "inference.py", "literals.py", "publishing/overlay.py")


def _source_paths(settings: Settings) -> list[Path]:
    paths = [source.path for source in discover(settings.ontology_dir, settings.graph_dir)]
    paths.extend(rule_files(settings.rules_dir))
    if settings.published_dir.is_dir():
        paths.extend(sorted(path for path in settings.published_dir.rglob("*") if path.is_file()))
    return paths


def source_bytes(settings: Settings) -> int:
    """The size of the RDF the store is built from; it decides memory or disk."""
    return sum(path.stat().st_size for path in _source_paths(settings))


def store_location(settings: Settings) -> Path | None:
    """The on-disk store to use, or None for memory (and for a remote SPARQL server)."""
    if settings.sparql_query_url:
        return None
    if settings.store_path is not None:
        return settings.store_path
    if source_bytes(settings) > settings.store_on_disk_above:
        return settings.root / DEFAULT_DIR
    return None


def _stat_lines(paths: Iterable[Path], base: Path) -> Iterable[str]:
    for path in paths:
        info = path.stat()
        shown = path.relative_to(base) if path.is_relative_to(base) else path
        yield f"{shown}\t{info.st_size}\t{info.st_mtime_ns}\n"


def source_fingerprint(settings: Settings) -> str:
    """Changes whenever a source file, a rule, a published version or the loading code changes."""
    digest = hashlib.sha256(f"beleidsgraaf {__version__}\n".encode())
    package = Path(__file__).resolve().parent
    for line in _stat_lines([package / name for name in _BUILDERS], package):
        digest.update(line.encode())
    for line in _stat_lines(_source_paths(settings), settings.root):
        digest.update(line.encode())
    return digest.hexdigest()
