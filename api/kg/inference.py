"""The RDFS entailments of the ontology, materialised when the store is built, into a named graph of their own.

Queries then find every partner with `?s a bg:Partner` and every law link with `bg:verwijstNaarWet`, on any
SPARQL 1.1 server, without a reasoner. The rules are CONSTRUCT queries in ontology/regels/ (run in file-name
order, each on the data plus what the rules before it added); each leaves out what is already stated
(FILTER NOT EXISTS), so the inferred graph holds only what follows and is not said. What they add lives only in
https://beleidsgraaf.nl/graph/afgeleid: a dump per plan graph leaves it out, and a query that wants the
documents' own statements reads the plan graphs (`GRAPH ?g`), where no inferred triple is.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from api.errors import DataError
from api.kg.load import ParsedFile, SourceFile
from api.kg.namespaces import GRAPH
from api.kg.progress import Progress, silent, tracked

INFERRED_GRAPH = GRAPH + "afgeleid"


def rule_files(rules_dir: Path) -> list[Path]:
    return sorted(rules_dir.glob("*.rq"))


def _rules(rules_dir: Path) -> list[tuple[Path, str]]:
    files = rule_files(rules_dir)
    if not files:
        raise DataError(f"{rules_dir}: geen afleidingsregels (*.rq) gevonden")
    return [(path, path.read_text(encoding="utf-8")) for path in files]


def infer(parsed: Iterable[ParsedFile], rules_dir: Path, progress: Progress = silent) -> list[ParsedFile]:
    """The files as given (an earlier inference left out) and one more: what the rules entail that is not stated."""
    target = ox.NamedNode(INFERRED_GRAPH)
    files = [item for item in parsed if item.source.graph != INFERRED_GRAPH]
    store = ox.Store()
    for item in files:
        store.extend(item.quads)
    added: list[ox.Quad] = []
    rules = _rules(rules_dir)
    for path, rule in tracked(rules, "afleiden", len(rules), progress):
        try:
            result = store.query(rule, use_default_graph_as_union=True)
        except (SyntaxError, ValueError) as error:
            raise DataError(f"{path}: afleidingsregel is geen geldige CONSTRUCT-query: {error}") from None
        if not isinstance(result, ox.QueryTriples):
            raise DataError(f"{path}: een afleidingsregel moet een CONSTRUCT-query zijn")
        new = list(dict.fromkeys(ox.Quad(t.subject, t.predicate, t.object, target) for t in result))
        store.extend(new)
        added.extend(new)
    return [*files, ParsedFile(SourceFile(rules_dir, INFERRED_GRAPH), added)]
