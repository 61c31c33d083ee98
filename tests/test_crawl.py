"""Every page a visitor can reach from home answers 200, and every node of a plan's graph is linked from the plan
page itself (#15: 'a test crawls it'; 'every node of the plan's graph is shown on some page reachable from the plan
page'). The crawl follows every link and source on this site, HTML and downloads alike, in-process. Every node page
links its RDF as Turtle, JSON-LD and N-Triples: the Turtle of every node is fetched, the other two (the same
description through another serialiser) for every tenth node; likewise every matrix view as a page, its CSV and
xlsx twins for every tenth; and one plan PDF. That is about 4,500 URLs, 17 ms each: the crawl takes 75-90 s."""

from __future__ import annotations

import re
from collections import deque
from html import unescape
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient

from api.kg.namespaces import PLAN
from api.kg.store import GraphStore
from api.settings import Settings
from tests.graphdata import PLANS

SITE = "http://testserver"


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [value for name, value in attrs if name in ("href", "src") and value]


def links(html: str, here: str) -> set[str]:
    parser = Links()
    parser.feed(html)
    out = set()
    for href in parser.found:
        target = urlsplit(urljoin(SITE + here, href))
        if target.netloc == "testserver" and target.scheme == "http":
            out.add(target.path + (f"?{target.query}" if target.query else ""))
    return out


OTHER_SERIALISATIONS = re.compile(r"[?&]format=(jsonld|nt)$|^/matrix\.(csv|xlsx)\?")
PLAN_PDF = re.compile(r"^/plannen/[a-z0-9-]+\.pdf$")
MONITOR_PDF = re.compile(r"^/monitor/[a-z0-9-]+/rapportage\.pdf$")
VERSION_XLSX = re.compile(r"^/id/plan/[a-z0-9-]+/versies/\d+\.xlsx$")


def sampled(path: str) -> bool:
    """Whether the crawl fetches this URL: one in ten of the JSON-LD and N-Triples twins and of the matrix's CSV
    and xlsx downloads (tests/test_pages.py and tests/test_tables.py read those formats), and of the plan PDFs
    (3-5 s each to typeset) the one tests/test_plan_pdf.py reads, and of the monitor reports the smallest (the
    largest is read by tests/test_monitoring.py), and of the versions' workbooks (each loads the graph) one."""
    if VERSION_XLSX.match(path):
        return path == "/id/plan/heiloo-gebiedsplan-2023-2024/versies/0.xlsx"
    if MONITOR_PDF.match(path):
        return path == "/monitor/heemskerk-gala-2023-2026/rapportage.pdf"
    if PLAN_PDF.match(path):
        return path == "/plannen/heemstede-wmo-2025-2028.pdf"
    return not OTHER_SERIALISATIONS.search(path) or sum(path.encode()) % 10 == 0


@pytest.fixture(scope="module")
def crawl(client: TestClient) -> dict[str, int]:
    seen: dict[str, int] = {}
    queue = deque(["/"])
    while queue:
        path = queue.popleft()
        if path in seen or not sampled(path):
            continue
        response = client.get(path, headers={"Accept": "text/html,application/xhtml+xml"})
        seen[path] = response.status_code
        if response.status_code == 200 and response.headers.get("content-type", "").startswith("text/html"):
            queue.extend(link for link in links(response.text, path) if link not in seen)
    return seen


def test_every_page_reachable_from_home_answers(crawl: dict[str, int]) -> None:
    broken = {path: status for path, status in crawl.items() if status != 200}
    assert not broken, broken
    assert len(crawl) > 3000 and sum("format=jsonld" in path for path in crawl) > 100
    reached = set(crawl)
    for page in ("/vergelijk", "/wetten", "/wetten/BWBR0035362", "/partners.html", "/samenhang", "/dataset"):
        assert page in reached, page
    assert all(f"/id/plan/{plan}" in reached for plan in PLANS)


@pytest.mark.parametrize("plan", PLANS)
def test_the_plan_page_links_every_node_of_its_graph(
    plan: str, client: TestClient, store: GraphStore, settings: Settings
) -> None:
    rows = store.select(
        "SELECT DISTINCT ?s WHERE { ?plan <https://beleidsgraaf.nl/def/graaf> ?g . GRAPH ?g { ?s ?p ?o } "
        "FILTER(isIRI(?s) && ?s != ?plan) }",
        bindings={"plan": ox.NamedNode(PLAN + plan)},
    ).rows
    ours = [row["s"].value for row in rows if row["s"].value.startswith(settings.base_iri + "id/")]
    assert len(ours) > 100
    page = client.get(f"/id/plan/{plan}", headers={"Accept": "text/html"}).text
    linked = {unescape(link) for link in links(page, f"/id/plan/{plan}")}
    missing = [iri for iri in ours if "/" + iri.removeprefix(settings.base_iri) not in linked]
    assert not missing, f"{len(missing)} nodes of {plan} have no link on its page, e.g. {missing[:5]}"


@pytest.mark.parametrize("plan", PLANS)
def test_the_header_counts_what_the_page_lists(plan: str, client: TestClient) -> None:
    page = client.get(f"/id/plan/{plan}", headers={"Accept": "text/html"}).text
    header = page.split('<p class="telling">', 1)[1].split("</p>", 1)[0]
    counted = re.findall(r'<a href="#(soort-[^"]+)">[^<]+</a>: <strong>(\d+)</strong>', header)
    assert counted
    for anchor, number in counted:
        listed = page.split(f'id="{anchor}"', 1)[1].split("</details>", 1)[0]
        assert f'<span class="label klein">{number}</span>' in listed.split("</summary>", 1)[0], anchor
        assert listed.split("</summary>", 1)[1].count("<li>") == int(number), anchor
