"""Where an imported plan goes in graph/, written so that a git diff of a re-import shows exactly what changed.

graph/<gemeente>/<plan-id>.ttl holds the plan (an existing file of that name keeps its folder), graph/bronnen.ttl
its entry. Turtle comes out sorted (rdflib's serializer orders subjects, predicates and objects) with the project's
prefixes; both files are written next to their place and then renamed, after everything has been checked.
"""

from __future__ import annotations

import io
import os
import re
import tempfile
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.plugins.serializers.turtle import TurtleSerializer
from rdflib.term import Node

from api.kg.namespaces import PREFIXES
from api.kg.workbook.cells import slug

GENERATED = (
    "# {title}\n"
    "# Written by `beleidsgraaf import` from a plan workbook: change the workbook and import it again rather than\n"
    "# editing this file (an edit here is lost at the next import).\n"
)


class ExactTurtle(TurtleSerializer):
    """rdflib's Turtle, except that a number is written in short form only when that keeps its exact lexical form.

    rdflib writes "12"^^xsd:decimal as 12.0, which reads back as a different literal ("12.0").
    """

    def label(self, node: Node, position: int) -> str:
        if isinstance(node, Literal) and node.datatype is not None:
            short = node._literal_n3(use_plain=True)
            if not short.startswith('"') and short != str(node):
                return node._literal_n3(use_plain=False, qname_callback=lambda dt: self.get_pname(dt, True))
        return super().label(node, position)


def turtle(graph: Graph, base: str | None = None) -> str:
    out = Graph(bind_namespaces="none")
    for name, namespace in PREFIXES.items():
        out.bind(name, namespace, override=True, replace=True)
    for triple in graph:
        out.add(triple)
    buffer = io.BytesIO()
    ExactTurtle(out).serialize(buffer, base=base, encoding="utf-8")
    text = buffer.getvalue().decode("utf-8")
    if base:  # rdflib declares the base but writes full IRIs; relative ones keep a plan file readable
        declaration = f"@base <{base}> ."
        head, found, body = text.partition(declaration)
        text = head + found + body.replace(f"<{base}", "<") if found else text
    # rdflib writes every bound prefix; keep only those the file uses, so small plans stay small.
    lines = text.splitlines()
    body = "\n".join(line for line in lines if not line.startswith("@prefix"))
    used = [line for line in lines if line.startswith("@prefix") and _prefix_used(line, body)]
    return "\n".join(used) + "\n" + body.strip() + "\n"


def _prefix_used(line: str, body: str) -> bool:
    match = re.match(r"@prefix (\w*): ", line)
    if match is None:
        return False
    return re.search(rf"(?<![\w<]){re.escape(match.group(1))}:", body) is not None


def plan_path(graph_dir: Path, plan_id: str, gemeente_names: list[str]) -> Path:
    existing = sorted(graph_dir.rglob(f"{plan_id}.ttl"))
    if existing:
        return existing[0]
    folder = "-".join(slug(name) for name in gemeente_names) or "overig"
    return graph_dir / folder / f"{plan_id}.ttl"


def bronnen_text(path: Path, plan: URIRef, entry: Graph) -> str:
    """bronnen.ttl with this plan's entry replaced (or added at the end); every other line stays as it was.

    The entry is one blank-line-separated block; the result is parsed back and compared with what it must say,
    and only a file whose layout defeats that gets written out whole (sorted) instead.
    """
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    current = Graph()
    if text:
        current.parse(data=text, format="turtle")
    expected = Graph()
    for triple in current:
        if triple[0] != plan:
            expected.add(triple)
    for triple in entry:
        expected.add(triple)
    block = _entry_block(entry, plan)
    blocks = re.split(r"\n\s*\n", text.strip("\n")) if text.strip() else []
    plan_id = str(plan).rsplit("/", 1)[-1]
    starts = (f"plan:{plan_id} ", f"<{plan}> ")
    mine = [i for i, b in enumerate(blocks) if b.lstrip().startswith(starts)]
    if len(mine) == 1:
        blocks[mine[0]] = block
    elif not mine:
        blocks.append(block)
    candidate = "\n\n".join(blocks) + "\n"
    check = Graph()
    try:
        check.parse(data=candidate, format="turtle")
    except Exception:
        check = Graph()
    if isomorphic(check, expected):
        return candidate
    return "".join(line + "\n" for line in _leading_comment(text)) + turtle(expected)


def _entry_block(entry: Graph, plan: URIRef) -> str:
    body = turtle(entry)
    lines = [line for line in body.splitlines() if not line.startswith("@prefix") and line.strip()]
    return "\n".join(lines)


def _leading_comment(text: str) -> list[str]:
    lines = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line)
    return lines


def write_atomically(files: dict[Path, str]) -> None:
    """Every file written beside its target first; only when all are written are they renamed into place."""
    staged: list[tuple[Path, Path]] = []
    try:
        for target, text in files.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, name = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
                out.flush()
                os.fsync(out.fileno())
            staged.append((Path(name), target))
    except BaseException:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        raise
    for temporary, target in staged:
        os.replace(temporary, target)
