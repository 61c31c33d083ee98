"""The data as served: graph/ with each published plan's current version in place of what graph/ says of it.

A plan's files keep the named graphs they have in graph/ (…/graph/<plan>, …/graph/<plan>.metingen, its entry in
…/graph/bronnen), so every query, page and check reads a published plan exactly as a curated one. A withdrawn plan
is left out altogether. What each version is (who, when, which it replaces) is served in …/graph/versies.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

import pyoxigraph as ox

from api.errors import DataSyntaxError
from api.kg.literals import check_literals
from api.kg.load import ParsedFile, SourceFile, parse_file
from api.kg.namespaces import PLAN
from api.kg.publishing.versions import KINDS, META, VERSIONS_GRAPH, Version, files_of, graph_of, published, versions


def _entry_subjects(quads: Iterable[ox.Quad], plan: ox.NamedNode) -> set[ox.NamedNode | ox.BlankNode]:
    """The plan's entry in bronnen: its own triples and the blank nodes they lead to."""
    quads = list(quads)
    found: set[ox.NamedNode | ox.BlankNode] = {plan}
    grew = True
    while grew:
        grew = False
        for quad in quads:
            if quad.subject in found and isinstance(quad.object, ox.BlankNode) and quad.object not in found:
                found.add(quad.object)
                grew = True
    return found


def without_plan(parsed: Iterable[ParsedFile], plan_id: str, kinds: Iterable[str] = KINDS) -> list[ParsedFile]:
    """Every file with what it says of this plan (of these kinds of file) taken out."""
    kinds = set(kinds)
    graphs = {ox.NamedNode(graph_of(plan_id, kind)) for kind in kinds if kind != "bron"}
    bronnen = ox.NamedNode(graph_of(plan_id, "bron"))
    plan = ox.NamedNode(PLAN + plan_id)
    out = []
    for item in parsed:
        quads = [q for q in item.quads if q.graph_name not in graphs]
        if "bron" in kinds and any(q.graph_name == bronnen for q in quads):
            entry = _entry_subjects((q for q in quads if q.graph_name == bronnen), plan)
            quads = [q for q in quads if q.graph_name != bronnen or q.subject not in entry]
        if len(quads) == len(item.quads):
            out.append(item)
        elif quads:
            out.append(ParsedFile(item.source, quads))
    return out


def parse_text(text: str, name: Path, graph: str) -> ParsedFile:
    """Turtle that is not (yet) a file: a version being checked before anything is written."""
    try:
        parser = ox.parse(input=text.encode("utf-8"), format=ox.RdfFormat.TURTLE, rename_blank_nodes=True)
        target = ox.NamedNode(graph)
        quads = [ox.Quad(q.subject, q.predicate, q.object, target) for q in parser]
    except SyntaxError as error:
        raise DataSyntaxError(name, error.lineno, error.offset, str(error.msg or error)) from None
    check_literals(name, quads)
    return ParsedFile(SourceFile(name, graph), quads)


def with_plan(parsed: Iterable[ParsedFile], plan_id: str, texts: Mapping[str, str]) -> list[ParsedFile]:
    """The data with these kinds of the plan's files replaced by these texts (kinds not given stay as they are)."""
    out = without_plan(parsed, plan_id, texts)
    for kind, text in texts.items():
        if text.strip():
            out.append(parse_text(text, Path(f"(nieuwe versie)/{kind}.ttl"), graph_of(plan_id, kind)))
    return out


def _version_files(version: Version) -> list[ParsedFile]:
    return [parse_file(SourceFile(path, graph_of(version.plan_id, kind))) for kind, path in files_of(version).items()]


def apply_published(parsed: list[ParsedFile], data_dir: Path) -> list[ParsedFile]:
    """graph/ as served once the data directory's versions are in place."""
    current = published(data_dir)
    if not current:
        return parsed
    out = parsed
    for plan_id, version in current.items():
        out = without_plan(out, plan_id)
        if not version.withdrawn:
            out.extend(_version_files(version))
    for plan_id in current:
        for version in versions(data_dir, plan_id):
            assert version.path is not None
            out.append(parse_file(SourceFile(version.path / META, VERSIONS_GRAPH)))
    return out
