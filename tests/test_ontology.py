"""The ontology is the only home of our terms: every term documented, every used term declared."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from api.kg.namespaces import BG

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = rdflib.Graph().parse(ROOT / "ontology" / "beleid.ttl")
TERMS = sorted({s for s in ONTOLOGY.subjects(RDF.type, None) if isinstance(s, rdflib.URIRef) and str(s).startswith(BG)})
DECLARED = {
    s for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty) for s in ONTOLOGY.subjects(RDF.type, kind)
}

# Terms of standard vocabularies the graph may use: listed one by one so that a typo
# (skos:preflabel, prov:wasDerivedfrom) fails instead of passing as "some standard term".
STANDARD_TERMS = {
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://www.w3.org/2000/01/rdf-schema#comment",
    "http://www.w3.org/2000/01/rdf-schema#seeAlso",
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://www.w3.org/2004/02/skos/core#altLabel",
    "http://www.w3.org/2004/02/skos/core#hiddenLabel",
    "http://www.w3.org/2004/02/skos/core#definition",
    "http://www.w3.org/2004/02/skos/core#notation",
    "http://www.w3.org/2004/02/skos/core#inScheme",
    "http://www.w3.org/2004/02/skos/core#Concept",
    "http://www.w3.org/2004/02/skos/core#ConceptScheme",
    "http://www.w3.org/2004/02/skos/core#broader",
    "http://www.w3.org/2004/02/skos/core#note",
    "http://www.w3.org/2004/02/skos/core#editorialNote",
    "http://www.w3.org/2004/02/skos/core#scopeNote",
    "http://purl.org/dc/terms/identifier",
    "http://purl.org/dc/terms/title",
    "http://purl.org/dc/terms/description",
    "http://purl.org/dc/terms/isPartOf",
    "http://purl.org/dc/terms/source",
    "http://purl.org/dc/terms/issued",
    "http://purl.org/dc/terms/isReplacedBy",
    "http://purl.org/dc/terms/created",
    "http://purl.org/dc/terms/creator",
    "http://purl.org/dc/terms/publisher",
    "http://purl.org/dc/terms/bibliographicCitation",
    "http://purl.org/dc/terms/temporal",
    "http://purl.org/dc/terms/spatial",
    "http://purl.org/dc/terms/subject",
    "http://www.w3.org/ns/prov#wasDerivedFrom",
    "http://www.w3.org/ns/prov#wasRevisionOf",
    "http://www.w3.org/ns/prov#wasAttributedTo",
    "http://www.w3.org/ns/org#Organization",
    "http://www.w3.org/ns/org#OrganizationalCollaboration",
    "http://www.w3.org/ns/org#OrganizationalUnit",
    "http://www.w3.org/ns/org#hasMember",
    "http://www.w3.org/ns/org#memberOf",
    "http://www.w3.org/ns/org#subOrganizationOf",
    "http://www.w3.org/ns/org#hasSubOrganization",
    "http://www.w3.org/ns/org#classification",
    "http://www.w3.org/ns/org#purpose",
    "http://www.w3.org/2006/time#ProperInterval",
    "http://www.w3.org/2006/time#Instant",
    "http://www.w3.org/2006/time#hasBeginning",
    "http://www.w3.org/2006/time#hasEnd",
    "http://www.w3.org/2006/time#inXSDgYear",
    "http://www.w3.org/2006/time#inXSDDate",
    "https://schema.org/url",
    "https://schema.org/containedInPlace",
}


@pytest.mark.parametrize("term", TERMS, ids=lambda t: t.removeprefix(BG))
def test_every_term_has_dutch_and_english_label_and_definition(term: rdflib.URIRef) -> None:
    for predicate in (RDFS.label, SKOS.definition):
        if predicate == SKOS.definition and (term, RDF.type, SKOS.ConceptScheme) in ONTOLOGY:
            continue
        langs = {o.language for o in ONTOLOGY.objects(term, predicate) if isinstance(o, rdflib.Literal)}
        if predicate == RDFS.label and not langs:
            langs = {o.language for o in ONTOLOGY.objects(term, SKOS.prefLabel) if isinstance(o, rdflib.Literal)}
        if predicate == SKOS.definition and (term, RDF.type, OWL.Ontology) in ONTOLOGY:
            continue
        if predicate == SKOS.definition and not any(
            (term, RDF.type, kind) in ONTOLOGY for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
        ):
            continue
        assert {"nl", "en"} <= langs, f"{term} lacks {predicate} in nl and en (has {langs})"


def test_core_classes_named_by_the_foundation_issue_exist() -> None:
    names = """Gemeente Samenwerkingsverband Beleidsdocument Missie Visie Uitgangspunt MaatschappelijkeOpgave
    Beleidsterrein WettelijkKader Doelstelling Indicator Meting Partner Actie Ontwikkeling Doelgroep Gebied
    Budget"""
    missing = [n for n in names.split() if rdflib.URIRef(BG + n) not in DECLARED]
    assert not missing


def _used_terms() -> dict[str, set[str]]:
    used: dict[str, set[str]] = {}
    for path in sorted((ROOT / "graph").rglob("*.ttl")):
        if any(part.startswith("_") for part in path.relative_to(ROOT).parts):
            continue
        data = rdflib.Graph().parse(path)
        for _s, p, o in data:
            used.setdefault(str(p), set()).add(path.name)
            if p == RDF.type:
                used.setdefault(str(o), set()).add(path.name)
    return used


def test_graph_files_exist() -> None:
    assert len(list((ROOT / "graph").rglob("*.ttl"))) > 0


def test_every_class_and_property_used_in_graph_is_declared() -> None:
    declared = {str(t) for t in DECLARED} | {str(t) for t in TERMS} | STANDARD_TERMS
    undeclared = {term: files for term, files in _used_terms().items() if term not in declared}
    assert not undeclared, "\n".join(f"{t} in {sorted(f)}" for t, f in sorted(undeclared.items()))
