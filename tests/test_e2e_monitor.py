"""The monitor in a real browser (#12): the service runs on a copy of the project with the fictitious example
measurements imported; Chromium opens the Heemskerk dashboard, filters on "achter" through the form, checks
accessibility and downloads the report for the council. Requests for other hosts are aborted and fail the test."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, Route, expect, sync_playwright

from api.kg import graph
from api.kg.monitoring.service import import_measurements
from api.settings import Settings
from tests.graphdata import project_copy
from tests.live import running_service
from tests.test_e2e_browser import ARGS, CHROMIUM, axe_violations

PLAN = "heemskerk-sociaal-domein-2024"
EXAMPLE = Path(__file__).parent.parent / "docs" / "voorbeelden" / f"FICTIEF-metingen-{PLAN}.csv"

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's Chromium at /usr/bin/chromium")


@pytest.fixture(scope="module")
def dashboard(settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Page, str, list[str]]]:
    copy = project_copy(settings, tmp_path_factory.mktemp("monitor-e2e"))
    import_measurements(
        EXAMPLE.read_bytes(), EXAMPLE.name, PLAN, copy, graph.open_store(copy), today=dt.date(2025, 7, 1)
    )
    elsewhere: list[str] = []
    with (
        running_service(workers=1, root=str(copy.root)) as base,
        sync_playwright() as playwright,
        tempfile.TemporaryDirectory(prefix="beleidsgraaf-chromium-") as profile,
    ):
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=str(CHROMIUM), headless=True, args=ARGS, accept_downloads=True,
            viewport={"width": 1280, "height": 900},
        )  # fmt: skip
        service = urlsplit(base).netloc

        def guard(route: Route) -> None:
            if urlsplit(route.request.url).netloc == service:
                route.continue_()
            else:
                elsewhere.append(route.request.url)
                route.abort()

        context.route("**/*", guard)
        yield context.new_page(), base, elsewhere
        context.close()


def test_filter_on_behind_and_download_the_report(dashboard: tuple[Page, str, list[str]], tmp_path: Path) -> None:
    page, base, elsewhere = dashboard
    page.goto(f"{base}/id/plan/{PLAN}")
    page.get_by_role("link", name="Monitor", exact=True).last.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Heemskerk")
    page.goto(f"{base}/monitor/{PLAN}?peildatum=2025-07-01")
    expect(page.locator("article.monitor-doel")).to_have_count(28)
    page.get_by_label("Status").select_option("achter")
    page.get_by_role("button", name="Toon").click()
    expect(page.locator("article.monitor-doel")).to_have_count(2)
    expect(page.get_by_role("status")).to_contain_text("2 van de 28 doelstellingen met status achter")
    names = page.locator("article.monitor-doel h3 a").all_inner_texts()
    assert names == ["Overgewicht volwassenen en ouderen", "Toekenningen minimaregelingen"]
    chart = page.locator("article#financieel-fit-1 img")
    expect(chart).to_have_attribute(
        "alt", re.compile(r"^Toekenningen minimaregelingen: nulmeting 5\.377.*Status: achter\.$")
    )
    chart.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=chart.element_handle(), timeout=15_000)
    assert axe_violations(page) == []
    with page.expect_download() as download:
        page.get_by_role("link", name="Rapportage voor de raad (PDF)").click()
    target = tmp_path / "rapportage.pdf"
    download.value.save_as(target)
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout
    assert "stand op 1 juli 2025" in text and "Overgewicht volwassenen en ouderen" in text
    assert elsewhere == []
