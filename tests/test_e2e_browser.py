"""End to end in a real browser: Debian's Chromium, headless, through Playwright, against the real service.

Walks home → plan → partner, uses and filters the matrix and downloads its CSV, runs a named query in
YASGUI, downloads a diagram, and runs axe-core on every page (no serious or critical violation). Every
request the browser makes is recorded: anything for another host than the service is aborted and fails the
test. Needs /usr/bin/chromium (`make test` installs it with apt-get); skipped where it is absent.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import BrowserContext, Page, Route, expect, sync_playwright

from tests.live import running_service

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
PLAN = "/id/plan/heemskerk-sociaal-domein-2024"
PAGES = {
    "home": "/",
    "zoeken": "/zoeken?q=mantelzorg",
    "plan": PLAN,
    "plan-woonzorgvisie": "/id/plan/beverwijk-heemskerk-woonzorgvisie",
    "opgave": PLAN + "/opgave/zorg-en-wonen",
    "doelstelling": PLAN + "/doelstelling/opgroeien-en-zelfontplooiing-6",
    "generiek": PLAN + "/beleidsterrein/jeugd",
    "partner": "/id/organisatie/ggd-kennemerland",
    "partners": "/partners.html",
    "matrix-kies": "/matrix",
    "matrix": "/matrix?plan=beverwijk-heemskerk-woonzorgvisie",
    "matrix-transponeerd": "/matrix?gemeente=gm0396&richting=doelen&niveau=doel",
    "samenhang": "/samenhang?plan=heemskerk-gala-2023-2026",
    "vergelijk-kies": "/vergelijk",
    "vergelijk": "/vergelijk?gemeente=gm0396&gemeente=gm0397",
    "wetten": "/wetten",
    "wet": "/wetten/BWBR0035362",
    "monitor-index": "/monitor",
    "monitor": "/monitor/heemskerk-sociaal-domein-2024",
    "query": "/query",
    "docs": "/docs",
    "dataset": "/dataset",
    "niet-gevonden": "/matrix?plan=bestaat-niet",
}

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's Chromium at /usr/bin/chromium")


@dataclass
class Browser:
    base: str
    context: BrowserContext
    elsewhere: list[str] = field(default_factory=list)  # requests for other hosts, aborted


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with (
        running_service(workers=1) as base,
        sync_playwright() as playwright,
        tempfile.TemporaryDirectory(prefix="beleidsgraaf-chromium-") as profile,
    ):
        context = playwright.chromium.launch_persistent_context(
            profile,
            executable_path=str(CHROMIUM),
            headless=True,
            args=ARGS,
            viewport={"width": 1280, "height": 900},
            accept_downloads=True,
        )
        found = Browser(base, context)
        service = urlsplit(base).netloc

        def guard(route: Route) -> None:
            if urlsplit(route.request.url).netloc == service:
                route.continue_()
            else:
                found.elsewhere.append(route.request.url)
                route.abort()

        context.route("**/*", guard)
        yield found
        context.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    opened = browser.context.new_page()
    errors: list[str] = []
    blocked: list[str] = []  # what the service's own Content-Security-Policy refused: a page it breaks
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.on(
        "console",
        lambda message: blocked.append(message.text) if "Content Security Policy" in message.text else None,
    )
    yield opened
    opened.close()
    assert browser.elsewhere == [], f"requests to other hosts: {browser.elsewhere}"
    assert errors == [], f"JavaScript errors: {errors}"
    assert blocked == [], f"refused by the Content-Security-Policy: {blocked}"


def axe_violations(page: Page, exclude: str | None = None) -> list[str]:
    """Serious and critical axe-core violations on the page as it is now, one line each."""
    page.evaluate(AXE.read_text(encoding="utf-8"))  # through DevTools: the page's own policy forbids inline script
    context = f"{{exclude: [{json.dumps(exclude)}]}}" if exclude else "document"
    result = page.evaluate(f"() => axe.run({context}, {{resultTypes: ['violations']}})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:5]]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def goto(page: Page, browser: Browser, path: str) -> None:
    response = page.goto(browser.base + path, wait_until="networkidle")
    assert response is not None and response.status < 500


def test_home_to_plan_to_partner(page: Page, browser: Browser) -> None:
    goto(page, browser, "/")
    expect(page.locator("h1")).to_have_text("Beleid in het sociaal domein, als één kennisgraaf")
    beverwijk = page.locator("li.gemeente", has=page.locator("h3", has_text="Beverwijk"))
    beverwijk.get_by_role("link", name="Woonzorgvisie").click()
    expect(page.locator("h1")).to_have_text("Woonzorgvisie Beverwijk en Heemskerk")
    assert page.locator("section.kern").count() == 14
    assert axe_violations(page) == []
    page.locator("section.kern").filter(has_text="Ambitie op wonen").get_by_role("link", name="Woonopmaat").click()
    expect(page.locator("h1")).to_have_text("Woonopmaat")
    expect(page.locator("tr.doel").first).to_be_visible()
    assert page.locator("tr.doel").count() >= 1
    assert axe_violations(page) == []


def test_search_from_the_header(page: Page, browser: Browser) -> None:
    goto(page, browser, "/partners.html")
    page.get_by_role("searchbox", name="Zoeken").fill("participatiewet")
    page.get_by_role("searchbox", name="Zoeken").press("Enter")
    expect(page.locator("h1")).to_have_text("Zoeken")
    expect(page.locator("ol.treffers")).to_contain_text("Participatiewet")


def test_matrix_filter_and_csv(page: Page, browser: Browser) -> None:
    goto(page, browser, "/matrix?plan=beverwijk-heemskerk-woonzorgvisie")
    rows = page.locator("#matrix tbody tr")
    total = rows.count()
    assert total > 3
    page.get_by_label("Filter rijen op tekst").fill("wonen")
    expect(page.locator("#matrix tbody tr:visible")).to_have_count(1)  # Pré Wonen
    expect(page.locator("[data-filter-status]")).to_have_text(f"1 van {total} rijen")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download als CSV").click()
    download = download_info.value
    assert download.suggested_filename == "matrix-beverwijk-heemskerk-woonzorgvisie-opgave-partners.csv"
    rows_csv = list(csv.reader(io.StringIO(Path(download.path()).read_text(encoding="utf-8-sig")), delimiter=";"))
    assert rows_csv[0][:2] == ["Partner", "Aantal doelen"]
    assert [row[0] for row in rows_csv[1:]] == ["Pré Wonen"]  # the filter went along
    page.get_by_label("doelen als rijen").check()
    page.get_by_role("button", name="Toon").click()
    page.wait_for_load_state("networkidle")
    assert "richting=doelen" in page.url
    expect(page.locator("#matrix thead")).to_contain_text("Aantal partners")
    assert axe_violations(page) == []


def test_compare_two_municipalities_and_open_a_law_they_share(page: Page, browser: Browser) -> None:
    goto(page, browser, "/vergelijk")
    page.get_by_role("checkbox", name="Heemskerk", exact=True).check()
    page.get_by_role("checkbox", name="Heemstede", exact=True).check()
    page.get_by_role("button", name="Vergelijk").click()
    page.wait_for_load_state("networkidle")
    assert "gemeente=gm0396" in page.url and "gemeente=gm0397" in page.url
    laws = page.locator("section", has=page.locator("h2#wet")).locator("tbody tr")
    shared = laws.filter(has_not=page.locator("td .ontbreekt"))
    names = [name.strip() for name in shared.locator("th").all_inner_texts()]
    assert "Wet maatschappelijke ondersteuning 2015" in names and "Wet langdurige zorg" in names
    assert "Jeugdwet" not in names
    assert axe_violations(page) == []
    shared.get_by_role("link", name="Wet langdurige zorg").click()
    page.wait_for_load_state("networkidle")
    expect(page.locator("h1")).to_have_text("Wet langdurige zorg")
    expect(page.locator("h3", has_text="Heemskerk")).to_be_visible()
    expect(page.locator("h3", has_text="Heemstede")).to_be_visible()
    assert page.url.endswith("/wetten/BWBR0035917")


def test_named_query_in_yasgui(page: Page, browser: Browser) -> None:
    goto(page, browser, "/query")
    page.wait_for_selector(".yasqe .CodeMirror")
    page.get_by_role("link", name="Gemeenten en hun plannen").click()
    expect(page.locator(".tabsList .tab.active")).to_contain_text("Gemeenten en hun plannen")
    editor = page.locator(".tabPanel.active .CodeMirror")
    expect(editor).to_contain_text("SELECT ?gemeente ?code ?naam")
    page.locator(".tabPanel.active .yasqe_queryButton").click()
    table = page.locator(".tabPanel.active .yasr table.dataTable")
    expect(table.locator("tbody tr").first).to_be_visible(timeout=15_000)
    expect(table).to_contain_text("Heemskerk")
    expect(table).to_contain_text("GM0396")
    assert axe_violations(page) == []


def test_download_bijlage1_diagram(page: Page, browser: Browser) -> None:
    goto(page, browser, PLAN)
    expect(page.locator("figure.diagram img")).to_be_visible()
    assert page.locator("figure.diagram img").evaluate("img => img.naturalWidth") > 0
    for extension, magic in (("svg", b"<"), ("png", b"\x89PNG"), ("pdf", b"%PDF")):
        with page.expect_download() as download_info:
            page.locator(f'figure.diagram a.download[href$=".{extension}"]').click()
        download = download_info.value
        assert download.suggested_filename == f"heemskerk-sociaal-domein-2024-bijlage1.{extension}"
        assert Path(download.path()).read_bytes().lstrip()[: len(magic)] == magic


@pytest.mark.parametrize("name", list(PAGES))
def test_accessibility(page: Page, browser: Browser, name: str) -> None:
    goto(page, browser, PAGES[name])
    if name == "query":
        page.wait_for_selector(".yasqe .CodeMirror")
    exclude = None
    if name == "docs":
        page.wait_for_selector("#swagger-ui .opblock")  # Swagger UI drew the operations: it works offline
        # Swagger UI's own markup (contrast of its method badges, buttons inside buttons) is upstream's;
        # the page around it is ours and is held to the same rule as every other page.
        exclude = "#swagger-ui"
    violations = axe_violations(page, exclude)
    assert violations == [], json.dumps(violations, ensure_ascii=False, indent=1)


def test_pages_work_without_javascript(browser: Browser) -> None:
    """Everything but YASGUI is plain HTML: the matrix filters on the server when scripts are off."""
    page = browser.context.new_page()
    try:
        page.route("**/*.js", lambda route: route.abort())
        page.goto(browser.base + "/matrix?plan=beverwijk-heemskerk-woonzorgvisie", wait_until="networkidle")
        page.get_by_label("Filter rijen op tekst").fill("woon")
        page.get_by_role("button", name="Toon").click()
        page.wait_for_load_state("networkidle")
        assert "filter=woon" in page.url
        expect(page.locator("#matrix tbody tr")).to_have_count(1)  # Woonopmaat
    finally:
        page.close()
    assert browser.elsewhere == []


PDFTOTEXT = shutil.which("pdftotext")


@pytest.mark.skipif(PDFTOTEXT is None, reason="needs poppler-utils (pdftotext) to read the printed PDF")
@pytest.mark.parametrize("name", ["matrix", "matrix-transponeerd"])
def test_printing_the_matrix_keeps_every_row(page: Page, browser: Browser, name: str, tmp_path: Path) -> None:
    """Before: printing clipped the matrix to the rows of its scroll box (8 of 17)."""
    goto(page, browser, PAGES[name])
    labels = page.locator("#matrix tbody tr[data-filter-row] > th").all_inner_texts()
    assert len(labels) >= 5
    page.emulate_media(media="print")
    pdf = tmp_path / "matrix.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True)
    text = subprocess.run([str(PDFTOTEXT), str(pdf), "-"], check=True, capture_output=True, text=True).stdout

    # A row label wraps inside its cell and pdftotext interleaves it with its neighbours, so each label is
    # looked for word by word; a clipped row has none of its words on paper.
    printed = set(text.replace("-", " ").split())

    def on_paper(label: str) -> bool:
        words = [word for word in label.replace("-", " ").split() if len(word) > 3]
        # a word may be broken over the lines of a narrow cell: its first letters are enough
        return all(word in printed or any(token.startswith(word[:4]) for token in printed) for word in words)

    missing = [label for label in labels if not on_paper(label)]
    assert missing == [], f"rows not in the printed PDF: {missing}"
    headers = page.locator("#matrix thead th.kolom").all_inner_texts()
    cut = [header for header in headers if not on_paper(header)]
    assert cut == [], f"columns cut off the page: {cut}"
    assert "SPARQL-endpoint" not in text and "Zoek op naam" not in text  # no site furniture on paper
