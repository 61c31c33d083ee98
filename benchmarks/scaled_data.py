"""The five curated plans copied K times, laid out like the project, for measuring at national scale.

Copy 1 is graph/ as it is. Copy i (i ≥ 2) of every plan file gets every IRI under /id/plan/<plan> and
/graph/<plan> rewritten to <plan>-k<i> (for all plans, so the copies' cross-references stay inside
copy i), its own file `<stem>-k<i>.ttl` (so its own named graph) and its own graph/bronnen.ttl entry.
graph/shared is kept once, as a national deployment would share laws, organisations and gemeenten.

    python benchmarks/scaled_data.py 24 <folder>    # prints the root; BELEIDSGRAAF_ROOT=<root>
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pyoxigraph as ox

PROJECT = Path(__file__).resolve().parent.parent
PLAN = "https://beleidsgraaf.nl/id/plan/"
GRAPH = "https://beleidsgraaf.nl/graph/"
LINKED = ("ontology", "queries", "shapes")  # read-only for every copy: symlinked, not copied


def plan_ids(graph_dir: Path) -> set[str]:
    """Every plan named under /id/plan/ in the plan files (the five documents and the plans they contain)."""
    ids: set[str] = set()
    for path in _plan_files(graph_dir):
        for quad in ox.parse(path=path, format=ox.RdfFormat.TURTLE):
            for term in (quad.subject, quad.object):
                if isinstance(term, ox.NamedNode) and term.value.startswith(PLAN):
                    ids.add(term.value[len(PLAN) :].split("/", 1)[0].split("#", 1)[0])
    ids.discard("")
    return ids


def _plan_files(graph_dir: Path) -> list[Path]:
    return sorted(p for p in graph_dir.rglob("*.ttl") if p.parent != graph_dir and p.parent.name != "shared")


Term = ox.NamedNode | ox.BlankNode | ox.Literal


def _renamer(ids: set[str], copy: int) -> Callable[[Term], Term]:
    suffix = f"-k{copy}"

    def rename(term: Term) -> Term:
        if isinstance(term, ox.NamedNode):
            for base in (PLAN, GRAPH):
                if term.value.startswith(base):
                    rest = term.value[len(base) :]
                    head, sep, tail = rest.partition("/")
                    if head in ids:
                        return ox.NamedNode(f"{base}{head}{suffix}{sep}{tail}")
        elif isinstance(term, ox.Literal) and term.value in ids and term.datatype.value.endswith("#string"):
            return ox.Literal(term.value + suffix)
        return term

    return rename


def _renamed(triples: Iterator[ox.Triple] | Iterator[ox.Quad], ids: set[str], copy: int) -> Iterator[ox.Triple]:
    rename = _renamer(ids, copy)
    for t in triples:
        yield ox.Triple(rename(t.subject), t.predicate, rename(t.object))  # type: ignore[arg-type]


def build(copies: int, root: Path) -> Path:
    """Write a project root holding `copies` copies of every plan; returns root."""
    if root.exists():
        shutil.rmtree(root)
    (root / "graph").mkdir(parents=True)
    for name in LINKED:
        (root / name).symlink_to(PROJECT / name)
    source = PROJECT / "graph"
    shutil.copytree(source / "shared", root / "graph" / "shared")
    ids = plan_ids(source)
    bronnen = list(ox.parse(path=source / "bronnen.ttl", format=ox.RdfFormat.TURTLE))
    with open(root / "graph" / "bronnen.ttl", "wb") as out:
        out.write((source / "bronnen.ttl").read_bytes())
        for copy in range(2, copies + 1):
            out.write(ox.serialize(_renamed(iter(bronnen), ids, copy), format=ox.RdfFormat.N_TRIPLES) or b"")
    for path in _plan_files(source):
        folder = root / "graph" / path.parent.relative_to(source)
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, folder / path.name)
        triples = list(ox.parse(path=path, format=ox.RdfFormat.TURTLE))
        for copy in range(2, copies + 1):
            target = folder / f"{path.stem}-k{copy}.ttl"
            target.write_bytes(ox.serialize(_renamed(iter(triples), ids, copy), format=ox.RdfFormat.N_TRIPLES) or b"")
    return root


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 24
    default = Path(tempfile.gettempdir()) / "beleidsgraaf-scale" / f"k{count}"
    print(build(count, Path(sys.argv[2]) if len(sys.argv) > 2 else default))
