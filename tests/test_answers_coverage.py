"""Every named query has answers worked out from the source documents in some test module.

A module that checks queries against the documents lists them in CHECKED_QUERIES; a new query in queries/ fails
here until a test says what the documents expect of it.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERY_STEMS = {path.stem for path in (ROOT / "queries").glob("*.rq")}


def checked_queries() -> dict[str, set[str]]:
    """Query stem → the test modules whose CHECKED_QUERIES name it (read from the source, not imported)."""
    checked: dict[str, set[str]] = {}
    for module in sorted((ROOT / "tests").glob("test_*.py")):
        for node in ast.parse(module.read_text(encoding="utf-8")).body:
            target = node.target if isinstance(node, ast.AnnAssign) else None
            if isinstance(node, ast.Assign) and len(node.targets) == 1:
                target = node.targets[0]
            if isinstance(target, ast.Name) and target.id == "CHECKED_QUERIES" and node.value is not None:
                names = {
                    c.value for c in ast.walk(node.value) if isinstance(c, ast.Constant) and isinstance(c.value, str)
                }
                for name in names:
                    checked.setdefault(name, set()).add(module.name)
    return checked


def test_every_named_query_is_checked_against_the_documents() -> None:
    missing = sorted(QUERY_STEMS - set(checked_queries()))
    assert not missing, f"no test module lists these queries in CHECKED_QUERIES: {missing}"


def test_checked_queries_name_queries_that_exist() -> None:
    unknown = {name: modules for name, modules in checked_queries().items() if name not in QUERY_STEMS}
    assert not unknown, f"CHECKED_QUERIES names queries that queries/ does not have: {unknown}"
