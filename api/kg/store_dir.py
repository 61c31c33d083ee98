"""The on-disk store as versions beside each other and one pointer that switches atomically.

    <store_path>/v-<timestamp>-<pid>/   a complete RocksDB store, written once by one load
    <store_path>/current-version        symlink to the version in use, replaced with os.replace
    <store_path>/.load.lock             held (flock) by the one load that may build or clean up
    <store_path>/.build.lock            held while one process parses the sources for a new version
    <version>/sources.sha256            the fingerprint of the sources it was built from (api.kg.store_location)

A load fills a new version beside the one in use, closes and fsyncs it, then switches the pointer in
one rename: kill -9 at any moment leaves the old or the new data, complete, and a reopen replays no
log. The pointer is not called `current` because RocksDB keeps its own `CURRENT` file and the two
would be one file on a case-insensitive file system (an old-style store is a bare RocksDB directory).

Readers hold a shared flock on `<version>/.readers` while they have it open; the load only deletes
versions nobody holds, so a running service keeps answering from the version it opened.
"""

from __future__ import annotations

import fcntl
import gc
import logging
import os
import shutil
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox

from api.kg.load import ParsedFile
from api.kg.progress import Progress, silent, tracked

POINTER = "current-version"
PREFIX = "v-"
READERS = ".readers"
LOAD_LOCK = ".load.lock"
FINGERPRINT = "sources.sha256"
BUILD_LOCK = ".build.lock"

log = logging.getLogger(__name__)


def current_version(root: Path) -> Path | None:
    """The version the pointer names, or None when there is none (yet) or it is gone."""
    try:
        target = os.readlink(root / POINTER)
    except (FileNotFoundError, NotADirectoryError):
        return None
    version = root / target
    return version if version.is_dir() else None


def current_fingerprint(root: Path) -> str:
    """What the version in use was built from; empty when unknown (none yet, or built before fingerprints)."""
    version = current_version(root)
    try:
        return (version / FINGERPRINT).read_text(encoding="ascii").strip() if version else ""
    except FileNotFoundError:
        return ""


def is_legacy(root: Path) -> bool:
    """A store from before versions: RocksDB's own files right in store_path, no pointer."""
    return (root / "CURRENT").is_file() and not (root / POINTER).is_symlink()


def open_current(root: Path) -> tuple[ox.Store, int] | None:
    """The version in use, read-only, and the descriptor of the shared lock that keeps a load from deleting it."""
    for _ in range(5):  # a load may switch and delete between reading the pointer and locking
        version = current_version(root)
        if version is None:
            return None
        try:
            pin = os.open(version / READERS, os.O_RDONLY)
        except FileNotFoundError:
            continue
        fcntl.flock(pin, fcntl.LOCK_SH)
        if (version / READERS).exists():
            try:
                return ox.Store.read_only(str(version)), pin
            except OSError:
                os.close(pin)
                raise
        os.close(pin)
    return None


@contextmanager
def _load_lock(root: Path, *, wait: bool) -> Iterator[bool]:
    with open(root / LOAD_LOCK, "ab") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        yield True


@contextmanager
def build_lock(root: Path) -> Iterator[None]:
    """Held by the one process that parses the sources to build a version; the others wait, then re-check."""
    with open(root / BUILD_LOCK, "ab") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def _fsync_tree(path: Path) -> None:
    for entry in path.iterdir():
        if entry.is_file():
            with open(entry, "rb") as handle:
                os.fsync(handle.fileno())
    fsync_dir(path)


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _switch(root: Path, version: Path) -> None:
    """Point at the new version in one rename of a freshly made symlink."""
    staged = root / f".{POINTER}.{os.getpid()}"
    staged.unlink(missing_ok=True)
    staged.symlink_to(version.name)
    os.replace(staged, root / POINTER)
    fsync_dir(root)


def _unused(version: Path) -> bool:
    """Nobody holds the version open (a half-built one has no readers file at all)."""
    readers = version / READERS
    if not readers.exists():
        return True
    with open(readers, "rb") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        readers.unlink()  # while locked: a reader that opened it just now sees it gone and re-reads the pointer
        return True


def _remove_legacy(root: Path) -> None:
    """The files of an old-style store, once a version has replaced it (subdirectories are left alone)."""
    log.warning("%s: store van vóór de versie-indeling verwijderd; de nieuwe staat in %s", root, POINTER)
    for entry in root.iterdir():
        if entry.is_file() and not entry.name.startswith(".") and not entry.is_symlink():
            entry.unlink()


def _clean(root: Path) -> None:
    """Delete every version but the one in use, unless a reader still holds it; caller holds the load lock."""
    keep = current_version(root)
    if keep is not None and (root / "CURRENT").is_file():
        _remove_legacy(root)  # a migrating load died after its switch but before this
    for entry in root.iterdir():
        if entry.name.startswith(PREFIX) and entry.is_dir() and entry != keep and _unused(entry):
            shutil.rmtree(entry, ignore_errors=True)
        elif entry.name.startswith(f".{POINTER}."):
            entry.unlink(missing_ok=True)  # a staged pointer of a load that died before its rename


def tidy(root: Path) -> None:
    """Remove what a crashed load left behind, if no load is running now; cheap, called on open."""
    if not root.is_dir() or is_legacy(root):
        return
    try:
        with _load_lock(root, wait=False) as locked:
            if locked:
                _clean(root)
    except PermissionError:  # a service that may only read the store leaves the tidying to the next load
        return


def build_version(root: Path, parsed: Sequence[ParsedFile], fingerprint: str = "", progress: Progress = silent) -> int:
    """Write these files' quads as a new version and switch to it; returns the number of quads stored."""
    root.mkdir(parents=True, exist_ok=True)
    with _load_lock(root, wait=True):
        if not is_legacy(root):
            _clean(root)
        version = root / f"{PREFIX}{time.strftime('%Y%m%dT%H%M%S')}-{time.time_ns() % 10**9:09d}-{os.getpid()}"
        store = ox.Store(str(version))
        for item in tracked(parsed, "store schrijven", len(parsed), progress):
            store.bulk_extend(item.quads)
        progress("store samenvoegen", 0, 1)
        store.flush()
        store.optimize()
        quads = len(store)
        progress("store samenvoegen", 1, 1)
        del store  # pyoxigraph has no close(): dropping the last reference closes RocksDB and its log
        gc.collect()
        (version / READERS).touch()
        (version / FINGERPRINT).write_text(fingerprint + "\n", encoding="ascii")
        _fsync_tree(version)
        fsync_dir(root)
        _switch(root, version)
        _clean(root)
    return quads
