"""Read the curated Turtle in graph/ for data-driven tests, independent of the store."""

from __future__ import annotations

import shutil
from functools import cache
from pathlib import Path

import rdflib

from api.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
GRAPH_DIR = ROOT / "graph"
ONTOLOGY = ROOT / "ontology" / "beleid.ttl"
# Every curated plan: one file per document under graph/<gemeente>/ (review files beside them are not plans).
PLANS = sorted(path.stem for path in GRAPH_DIR.glob("*/*.ttl") if path.parent.name != "shared" and "." not in path.stem)

PREFIXES = """
PREFIX bg:   <https://beleidsgraaf.nl/def/>
PREFIX plan: <https://beleidsgraaf.nl/id/plan/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dct:  <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX org:  <http://www.w3.org/ns/org#>
PREFIX time: <http://www.w3.org/2006/time#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd:  <http://www.w3.org/2001/XMLSchema#>
PREFIX gm:   <https://identifier.overheid.nl/tooi/id/gemeente/>
PREFIX bwb:  <https://wetten.overheid.nl/>
"""


def plan_file(plan_id: str) -> Path:
    matches = list(GRAPH_DIR.glob(f"*/{plan_id}.ttl"))
    assert len(matches) == 1, f"expected one file for plan {plan_id}, found {matches}"
    return matches[0]


@cache
def plan_graph(plan_id: str) -> rdflib.Graph:
    """The plan's own file, parsed alone: counts and provenance are per document."""
    return rdflib.Graph().parse(plan_file(plan_id), format="turtle")


def count(graph: rdflib.Graph, where: str) -> int:
    """Number of distinct ?x matching a WHERE body."""
    rows = list(graph.query(PREFIXES + f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {where} }}"))
    return int(rows[0][0])


def nodes_without_section(graph: rdflib.Graph, plan_id: str) -> list[str]:
    """Subjects (IRIs minted for this plan) that cite no section of this document."""
    base = f"https://beleidsgraaf.nl/id/plan/{plan_id}/"
    query = (
        PREFIXES
        + f"""
    SELECT DISTINCT ?s WHERE {{
      ?s a ?type .
      FILTER(isIRI(?s) && STRSTARTS(STR(?s), "{base}"))
      FILTER(?type != bg:Sectie)
      FILTER NOT EXISTS {{
        ?s prov:wasDerivedFrom ?sec .
        ?sec a bg:Sectie ; dct:isPartOf plan:{plan_id} ; bg:sectienummer ?nr .
      }}
    }}"""
    )
    return sorted(str(row[0]) for row in graph.query(query))


def project_copy(settings: Settings, target: Path) -> Settings:
    """graph/ copied (imports and reviews write there), ontology, queries and shapes linked: a fresh clone's layout."""
    shutil.copytree(settings.graph_dir, target / "graph")
    for name in ("ontology", "queries", "shapes"):
        (target / name).symlink_to(settings.root / name)
    return Settings(root=target)
