"""Turn the Turtle in ontology/ and graph/ into quads, one named graph per file.

Everything is parsed before anything is written, so a syntax error in one file changes nothing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from api.errors import DataError, DataSyntaxError
from api.kg.namespaces import ONTOLOGY_GRAPH, graph_iri


@dataclass(frozen=True)
class SourceFile:
    path: Path
    graph: str


@dataclass(frozen=True)
class ParsedFile:
    source: SourceFile
    quads: list[ox.Quad]


def discover(ontology_dir: Path, graph_dir: Path) -> list[SourceFile]:
    """The ontology goes into its own graph; every graph/ file into graph/<stem>.

    Folders starting with '_' hold material awaiting review and are not loaded.
    """
    files = [SourceFile(path, ONTOLOGY_GRAPH) for path in sorted(ontology_dir.glob("*.ttl"))]
    data = sorted(
        path for path in graph_dir.rglob("*.ttl") if not any(part.startswith("_") for part in path.parts)
    )
    stems = Counter(path.stem for path in data)
    clashes = sorted(stem for stem, n in stems.items() if n > 1)
    if clashes:
        raise DataError(
            f"graph/: file names must be unique, these occur more than once: {', '.join(clashes)}"
        )
    files.extend(SourceFile(path, graph_iri(path.stem)) for path in data)
    if not files:
        raise DataError(f"no Turtle files found under {ontology_dir} or {graph_dir}")
    return files


def parse_file(source: SourceFile) -> ParsedFile:
    try:
        graph = ox.NamedNode(source.graph)
        parser = ox.parse(path=source.path, format=ox.RdfFormat.TURTLE, rename_blank_nodes=True)
        quads = [ox.Quad(q.subject, q.predicate, q.object, graph) for q in parser]
    except SyntaxError as error:
        line, column = _position(error)
        raise DataSyntaxError(source.path, line, column, _message(error)) from None
    return ParsedFile(source, quads)


def parse_all(files: list[SourceFile]) -> list[ParsedFile]:
    return [parse_file(source) for source in files]


def _position(error: SyntaxError) -> tuple[int | None, int | None]:
    return error.lineno, error.offset


def _message(error: SyntaxError) -> str:
    return str(error.msg if error.msg else error)
