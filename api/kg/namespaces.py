"""The IRIs the code relies on; the ontology and curation guide define what they mean."""

from __future__ import annotations

BG = "https://beleidsgraaf.nl/def/"
DATA = "https://beleidsgraaf.nl/id/"
PLAN = DATA + "plan/"
GRAPH = "https://beleidsgraaf.nl/graph/"
ONTOLOGY_GRAPH = BG

PREFIXES: dict[str, str] = {
    "bg": BG,
    "plan": PLAN,
    "bgorg": DATA + "organisatie/",
    "bgsv": DATA + "samenwerkingsverband/",
    "bgprog": DATA + "programma/",
    "bgwijk": DATA + "wijk/",
    "bgdg": DATA + "doelgroep/",
    "bgvz": DATA + "voorziening/",
    "bgind": DATA + "indicator/",
    "bgwet": DATA + "wet/",
    "gm": "https://identifier.overheid.nl/tooi/id/gemeente/",
    "bwb": "https://wetten.overheid.nl/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dct": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "org": "http://www.w3.org/ns/org#",
    "sosa": "http://www.w3.org/ns/sosa/",
    "time": "http://www.w3.org/2006/time#",
    "schema": "https://schema.org/",
    "sh": "http://www.w3.org/ns/shacl#",
    "void": "http://rdfs.org/ns/void#",
    "dcat": "http://www.w3.org/ns/dcat#",
}


def plan_iri(plan_id: str) -> str:
    return PLAN + plan_id


def graph_iri(stem: str) -> str:
    return GRAPH + stem


def sparql_prologue() -> str:
    return "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIXES.items())
