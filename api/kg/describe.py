"""RDF about the service and the dataset: SPARQL 1.1 Service Description, VoID and DCAT."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from api.kg.namespaces import BG, GRAPH, PREFIXES
from api.kg.results import GRAPH_FORMATS, SOLUTION_FORMATS

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"
VOID = PREFIXES["void"]
DCAT = PREFIXES["dcat"]
DCT = PREFIXES["dct"]
RDF_TYPE = ox.NamedNode(PREFIXES["rdf"] + "type")
XSD_INTEGER = ox.NamedNode(PREFIXES["xsd"] + "integer")

_FORMAT_IRIS = {
    "application/sparql-results+json": "SPARQL_Results_JSON",
    "application/sparql-results+xml": "SPARQL_Results_XML",
    "text/csv": "SPARQL_Results_CSV",
    "text/tab-separated-values": "SPARQL_Results_TSV",
    "text/turtle": "Turtle",
    "application/n-triples": "N-Triples",
    "application/ld+json": "JSON-LD",
    "application/rdf+xml": "RDF_XML",
    "application/n-quads": "N-Quads",
    "application/trig": "TriG",
}


@dataclass(frozen=True)
class GraphInfo:
    iri: str
    triples: int

    @property
    def stem(self) -> str:
        if self.iri.startswith(GRAPH):
            return self.iri.removeprefix(GRAPH)
        return "ontologie" if self.iri == BG else self.iri.rsplit("/", 1)[-1]


class _Triples:
    def __init__(self) -> None:
        self.items: list[ox.Triple] = []

    def add(self, s: ox.NamedNode | ox.BlankNode, p: str, o: ox.NamedNode | ox.BlankNode | ox.Literal) -> None:
        self.items.append(ox.Triple(s, ox.NamedNode(p), o))

    def text(self, s: ox.NamedNode | ox.BlankNode, p: str, value: str, lang: str | None = None) -> None:
        self.add(s, p, ox.Literal(value, language=lang) if lang else ox.Literal(value))


def service_description(endpoint: str, graphs: list[GraphInfo]) -> list[ox.Triple]:
    out = _Triples()
    service = ox.NamedNode(endpoint)
    out.add(service, PREFIXES["rdf"] + "type", ox.NamedNode(SD + "Service"))
    out.add(service, SD + "endpoint", service)
    out.add(service, SD + "supportedLanguage", ox.NamedNode(SD + "SPARQL11Query"))
    out.add(service, SD + "feature", ox.NamedNode(SD + "UnionDefaultGraph"))
    # sd:BasicFederatedQuery is deliberately absent: SERVICE is refused on this public endpoint.
    for media_type in {**SOLUTION_FORMATS, **GRAPH_FORMATS}:
        out.add(service, SD + "resultFormat", ox.NamedNode(FORMATS + _FORMAT_IRIS[media_type]))
    dataset = ox.BlankNode()
    out.add(service, SD + "defaultDataset", dataset)
    out.add(dataset, PREFIXES["rdf"] + "type", ox.NamedNode(SD + "Dataset"))
    default_graph = ox.BlankNode()
    out.add(dataset, SD + "defaultGraph", default_graph)
    out.add(default_graph, PREFIXES["rdf"] + "type", ox.NamedNode(SD + "Graph"))
    out.text(
        default_graph,
        DCT + "description",
        "De standaardgraaf is de vereniging van alle named graphs.",
        "nl",
    )
    out.text(default_graph, DCT + "description", "The default graph is the union of all named graphs.", "en")
    for info in graphs:
        named = ox.BlankNode()
        out.add(dataset, SD + "namedGraph", named)
        out.add(named, SD + "name", ox.NamedNode(info.iri))
        graph_node = ox.BlankNode()
        out.add(named, SD + "graph", graph_node)
        out.add(graph_node, VOID + "triples", ox.Literal(str(info.triples), datatype=XSD_INTEGER))
    return out.items


def dataset_description(base_url: str, sparql_url: str, graphs: list[GraphInfo], data_base: str) -> list[ox.Triple]:
    """VoID + DCAT: the whole dataset, one subset per named graph, each with its downloads."""
    out = _Triples()
    dataset = ox.NamedNode(base_url + "dataset")
    for kind in (VOID + "Dataset", DCAT + "Dataset"):
        out.add(dataset, PREFIXES["rdf"] + "type", ox.NamedNode(kind))
    out.text(dataset, DCT + "title", "Beleidsgraaf: gemeentelijk beleid in het sociaal domein", "nl")
    out.text(dataset, DCT + "title", "Beleidsgraaf: Dutch municipal social-domain policy", "en")
    out.text(
        dataset,
        DCT + "description",
        "Vijf beleidsdocumenten van gemeenten in Noord-Holland als kennisgraaf, elk gegeven met bronvermelding.",
        "nl",
    )
    out.add(dataset, VOID + "sparqlEndpoint", ox.NamedNode(sparql_url))
    out.add(dataset, VOID + "uriSpace", ox.Literal(data_base + "id/"))
    for vocabulary in (BG, PREFIXES["skos"], DCT, PREFIXES["prov"], PREFIXES["org"], PREFIXES["sosa"]):
        out.add(dataset, VOID + "vocabulary", ox.NamedNode(vocabulary))
    total = sum(info.triples for info in graphs)
    out.add(dataset, VOID + "triples", ox.Literal(str(total), datatype=XSD_INTEGER))
    _distribution(out, dataset, base_url + "downloads/beleidsgraaf.nq", "application/n-quads")
    _distribution(out, dataset, base_url + "downloads/beleidsgraaf.trig", "application/trig")
    for info in graphs:
        subset = ox.NamedNode(base_url + "dataset/" + info.stem)
        out.add(dataset, VOID + "subset", subset)
        out.add(subset, PREFIXES["rdf"] + "type", ox.NamedNode(VOID + "Dataset"))
        out.add(subset, PREFIXES["rdf"] + "type", ox.NamedNode(DCAT + "Dataset"))
        out.text(subset, DCT + "title", info.stem)
        out.add(subset, VOID + "triples", ox.Literal(str(info.triples), datatype=XSD_INTEGER))
        out.add(subset, SD + "name", ox.NamedNode(info.iri))
        _distribution(out, subset, base_url + f"downloads/{info.stem}.ttl", "text/turtle")
        _distribution(out, subset, base_url + f"downloads/{info.stem}.nq", "application/n-quads")
    return out.items


def _distribution(out: _Triples, dataset: ox.NamedNode, url: str, media_type: str) -> None:
    node = ox.NamedNode(url + "#distributie")
    out.add(dataset, DCAT + "distribution", node)
    out.add(node, PREFIXES["rdf"] + "type", ox.NamedNode(DCAT + "Distribution"))
    out.add(node, DCAT + "downloadURL", ox.NamedNode(url))
    out.text(node, DCAT + "mediaType", media_type)
    out.add(dataset, VOID + "dataDump", ox.NamedNode(url))


def serialize_triples(triples: list[ox.Triple], media_type: str) -> bytes:
    prefixes = {"sd": SD, "void": VOID, "dcat": DCAT, "dct": DCT, "formats": FORMATS}
    fmt = GRAPH_FORMATS[media_type]
    if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG):
        return bytes(ox.serialize(triples, format=fmt, prefixes=prefixes) or b"")
    return bytes(ox.serialize(triples, format=fmt) or b"")
