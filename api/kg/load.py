"""Turn the curated RDF in ontology/ and graph/ into quads, one named graph per file.

A Turtle file goes into the named graph https://beleidsgraaf.nl/graph/<file stem>; a TriG or N-Quads
file keeps the graph names it gives (for datasets that name their own graphs). Everything is parsed
before anything is written, so a syntax error or an ill-typed literal in one file changes nothing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from api.errors import DataError, DataSyntaxError
from api.kg.literals import check_literals
from api.kg.namespaces import ONTOLOGY_GRAPH, graph_iri
from api.kg.progress import Progress, silent, tracked

FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".trig": ox.RdfFormat.TRIG, ".nq": ox.RdfFormat.N_QUADS}


@dataclass(frozen=True)
class SourceFile:
    path: Path
    graph: str | None  # None: the file names its own graphs

    @property
    def format(self) -> ox.RdfFormat:
        return FORMATS[self.path.suffix]


@dataclass(frozen=True)
class ParsedFile:
    source: SourceFile
    quads: list[ox.Quad]

    @property
    def graphs(self) -> set[str]:
        return {q.graph_name.value for q in self.quads if isinstance(q.graph_name, ox.NamedNode)}


def _data_files(graph_dir: Path) -> list[Path]:
    """Folders starting with '_' hold material awaiting review and are not loaded."""
    return sorted(
        path
        for path in graph_dir.rglob("*")
        if path.suffix in FORMATS and not any(part.startswith("_") for part in path.relative_to(graph_dir).parts)
    )


def discover(ontology_dir: Path, graph_dir: Path) -> list[SourceFile]:
    files = [SourceFile(path, ONTOLOGY_GRAPH) for path in sorted(ontology_dir.glob("*.ttl"))]
    data = _data_files(graph_dir)
    stems = Counter(path.stem for path in data if path.suffix == ".ttl")
    clashes = sorted(stem for stem, n in stems.items() if n > 1)
    if clashes:
        raise DataError(f"graph/: file names must be unique, these occur more than once: {', '.join(clashes)}")
    files.extend(SourceFile(path, graph_iri(path.stem) if path.suffix == ".ttl" else None) for path in data)
    if not files:
        raise DataError(f"no RDF files found under {ontology_dir} or {graph_dir}")
    return files


def parse_file(source: SourceFile) -> ParsedFile:
    try:
        parser = ox.parse(path=source.path, format=source.format, rename_blank_nodes=True)
        if source.graph is None:
            quads = list(parser)
        else:
            graph = ox.NamedNode(source.graph)
            quads = [ox.Quad(q.subject, q.predicate, q.object, graph) for q in parser]
    except SyntaxError as error:
        raise DataSyntaxError(source.path, error.lineno, error.offset, str(error.msg or error)) from None
    check_literals(source.path, quads)
    return ParsedFile(source, quads)


def parse_all(files: list[SourceFile], progress: Progress = silent) -> list[ParsedFile]:
    return [parse_file(source) for source in tracked(files, "bestanden lezen", len(files), progress)]
