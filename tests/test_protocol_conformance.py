"""The W3C SPARQL 1.1 Protocol test cases, against the service started as a real process on loopback.

Data: tests/w3c/sparql11-protocol (manifest.ttl, data1-3.nt), vendored from the W3C rdf-tests. The query
tests must succeed and the bad requests must get a 4xx. The update tests expect success from a writable
endpoint; this public endpoint is read-only by design, so for them we assert a clear 4xx refusal instead.
"""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import rdflib
from rdflib.namespace import RDFS

from tests.live import running_service

ROOT = Path(__file__).resolve().parent.parent
SUITE = ROOT / "tests" / "w3c" / "sparql11-protocol"
MF = rdflib.Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = rdflib.Namespace("http://www.w3.org/2011/http#")
CNT = rdflib.Namespace("http://www.w3.org/2011/content#")
UT = rdflib.Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
HTS = "http://www.w3.org/2011/http-statusCodes#StatusCode"
REFUSED_BY_DESIGN = "update"  # every test whose name starts with this is an update request


@dataclass(frozen=True)
class Exchange:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes | None
    statuses: frozenset[str]
    format: str | None
    boolean: bool | None


@dataclass(frozen=True)
class ProtocolCase:
    name: str
    exchanges: tuple[Exchange, ...]


def _exchange(manifest: rdflib.Graph, request: rdflib.term.Node) -> Exchange:
    headers = {}
    for header in manifest.items(manifest.value(request, HT.headers)):
        headers[str(manifest.value(header, HT.fieldName))] = str(manifest.value(header, HT.fieldValue))
    body_node = manifest.value(request, HT.body)
    body = None
    if body_node is not None:
        encoding = str(manifest.value(body_node, CNT.characterEncoding) or "UTF-8")
        body = str(manifest.value(body_node, CNT.chars)).encode(encoding)
    response = manifest.value(request, HT.resp)
    statuses = frozenset(str(s).removeprefix(HTS)[0] for s in manifest.objects(response, MF.expectedStatus))
    expected_format = manifest.value(response, MF.expectedFormat)
    boolean = manifest.value(response, MF.expectedBoolean)
    return Exchange(
        method=str(manifest.value(request, HT.methodName)),
        path=str(manifest.value(request, HT.absolutePath)).replace("/sparql/", "/sparql", 1),
        headers=headers,
        body=body,
        statuses=statuses,
        format=str(expected_format) if expected_format is not None else None,
        boolean=bool(boolean.toPython()) if boolean is not None else None,
    )


def _cases() -> list[ProtocolCase]:
    manifest = rdflib.Graph().parse(SUITE / "manifest.ttl")
    entries = manifest.items(next(manifest.objects(None, MF.entries)))
    cases = []
    for entry in entries:
        action = manifest.value(entry, MF.action)
        requests = manifest.items(manifest.value(action, HT.requests))
        name = str(entry).rsplit("#", 1)[-1]
        cases.append(ProtocolCase(name, tuple(_exchange(manifest, request) for request in requests)))
    return cases


CASES = _cases()


def _dataset_file(target: Path) -> None:
    """data1-3.nt as the named graphs the manifest's ut:graphData labels give them."""
    manifest = rdflib.Graph().parse(SUITE / "manifest.ttl")
    names = {
        str(manifest.value(d, UT.graph)): str(manifest.value(d, RDFS.label))
        for d in manifest.objects(None, UT.graphData)
    }
    lines = []
    for file_iri, graph_name in sorted(names.items()):
        data = rdflib.Graph().parse(SUITE / Path(file_iri).name, format="nt")
        lines += [f"{s.n3()} {p.n3()} {o.n3()} <{graph_name}> ." for s, p, o in data]
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("protocol")
    shutil.copytree(ROOT / "ontology", root / "ontology", ignore=shutil.ignore_patterns("_*"))
    shutil.copytree(ROOT / "queries", root / "queries")
    (root / "graph").mkdir()
    _dataset_file(root / "graph" / "protocol.nq")
    with running_service(root=str(root)) as base:
        yield base + ""


def test_the_suite_is_there() -> None:
    assert len(CASES) == 34
    assert sum(case.name.startswith(REFUSED_BY_DESIGN) for case in CASES) == 7


def _check_format(exchange: Exchange, response: httpx.Response) -> None:
    media_type = response.headers.get("content-type", "").split(";")[0]
    if exchange.format == "boolean":
        if media_type == "application/sparql-results+json":
            value = json.loads(response.text)["boolean"]
        else:
            element = ET.fromstring(response.text).find("{http://www.w3.org/2005/sparql-results#}boolean")
            assert element is not None
            value = element.text == "true"
        if exchange.boolean is not None:
            assert value is exchange.boolean
    elif exchange.format == "tabular":
        assert media_type in {
            "application/sparql-results+json",
            "application/sparql-results+xml",
            "text/csv",
            "text/tab-separated-values",
        }
    elif exchange.format == "RDF":
        assert media_type in {"text/turtle", "application/n-triples", "application/rdf+xml", "application/ld+json"}
        rdflib.Graph().parse(data=response.text, format={"application/ld+json": "json-ld"}.get(media_type, media_type))


def _is_update(exchange: Exchange) -> bool:
    content_type = exchange.headers.get("content-type", "")
    return "sparql-update" in content_type or (exchange.body or b"").startswith(b"update=")


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_protocol_case(endpoint: str, case: ProtocolCase) -> None:
    with httpx.Client(base_url=endpoint, timeout=30) as client:
        for exchange in case.exchanges:
            response = client.request(exchange.method, exchange.path, headers=exchange.headers, content=exchange.body)
            if case.name.startswith(REFUSED_BY_DESIGN):
                if _is_update(exchange):
                    assert 400 <= response.status_code < 500, (case.name, response.status_code, response.text)
                    assert "alleen-lezen" in response.text
                else:  # the follow-up query that would have seen the update still gets a proper answer
                    assert response.status_code == 200, (case.name, response.status_code, response.text)
                continue
            assert str(response.status_code)[0] in exchange.statuses, (case.name, response.status_code, response.text)
            if str(response.status_code)[0] == "2":
                _check_format(exchange, response)
