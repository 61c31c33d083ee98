"""Full-page screenshots (1280 wide) of every kind of page, into docs/screenshots/<page>.png.

    uv run python docs/screenshots/take.py            # all pages
    uv run python docs/screenshots/take.py plan matrix  # some

Starts the real service on loopback (tests/live.py) and Debian's Chromium headless through Playwright, the same
way tests/test_e2e_browser.py does. Look at the PNGs after a change to a template or the stylesheet.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))

from tests.live import running_service  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip
PLAN = "/id/plan/heemskerk-sociaal-domein-2024"
PAGES = {
    "home": "/",
    "zoeken": "/zoeken?q=mantelzorg",
    "plan": PLAN,
    "plan-heemstede": "/id/plan/heemstede-wmo-2025-2028",
    "opgave": PLAN + "/opgave/zorg-en-wonen",
    "doelstelling": PLAN + "/doelstelling/opgroeien-en-zelfontplooiing-6",
    "resource": PLAN + "/beleidsterrein/jeugd",
    "partner": "/id/organisatie/ggd-kennemerland",
    "partners": "/partners.html",
    "matrix-kies": "/matrix",
    "matrix": "/matrix?plan=beverwijk-heemskerk-woonzorgvisie",
    "matrix-gemeente": "/matrix?gemeente=gm0396&richting=doelen",
    "samenhang": "/samenhang?plan=heemskerk-sociaal-domein-2024",
    "query": "/query",
    "vergelijk": "/vergelijk?gemeente=gm0396&gemeente=gm0397",
    "wetten": "/wetten",
    "wet": "/wetten/BWBR0035362",
}
# On a copy of the project with the fictitious example measurements (docs/voorbeelden) imported, never the real graph.
MONITOR_PAGES = {
    "monitor": "/monitor/heemskerk-sociaal-domein-2024?peildatum=2025-07-01",
    "monitor-achter": "/monitor/heemskerk-sociaal-domein-2024?peildatum=2025-07-01&status=achter",
}


def prepare_query(page: Page) -> None:
    """Run the named query the editor opens with, so the screenshot shows the editor with a result table."""
    page.wait_for_selector(".tabPanel.active .CodeMirror")
    page.wait_for_function("document.querySelector('.tabPanel.active .CodeMirror').textContent.includes('SELECT')")
    page.locator(".tabPanel.active .yasqe_queryButton").click()
    page.wait_for_selector(".tabPanel.active .yasr table.dataTable tbody tr")


def take(base: str, names: list[str]) -> None:
    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as profile:
        browser = playwright.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, headless=True, args=ARGS, viewport={"width": 1280, "height": 900}
        )
        page = browser.new_page()
        for name in names:
            page.goto(base + {**PAGES, **MONITOR_PAGES}[name], wait_until="networkidle")
            if name == "query":
                prepare_query(page)
            page.screenshot(path=str(HERE / f"{name}.png"), full_page=True)
            print(f"{name}: {HERE / (name + '.png')}")
        browser.close()


def measured_copy(target: Path) -> Path:
    """The project with the example measurements imported, as the dashboard screenshots show it."""
    import datetime as dt

    from api.kg import graph
    from api.kg.monitoring.service import import_measurements
    from api.settings import Settings
    from tests.graphdata import project_copy

    copy = project_copy(Settings(root=ROOT), target)
    for plan in ("heemskerk-sociaal-domein-2024", "heemstede-wmo-2025-2028"):
        example = ROOT / "docs" / "voorbeelden" / f"FICTIEF-metingen-{plan}.csv"
        import_measurements(
            example.read_bytes(), example.name, plan, copy, graph.open_store(copy), today=dt.date(2025, 7, 1)
        )
    return copy.root


if __name__ == "__main__":
    wanted = sys.argv[1:] or [*PAGES, *MONITOR_PAGES]
    unknown = sorted(set(wanted) - set(PAGES) - set(MONITOR_PAGES))
    if unknown:
        sys.exit(f"onbekende pagina: {', '.join(unknown)}; kies uit {', '.join([*PAGES, *MONITOR_PAGES])}")
    if any(name in PAGES for name in wanted):
        with running_service(workers=1) as service:
            take(service, [name for name in wanted if name in PAGES])
    if any(name in MONITOR_PAGES for name in wanted):
        with (
            tempfile.TemporaryDirectory() as scratch,
            running_service(workers=1, root=str(measured_copy(Path(scratch)))) as service,
        ):
            take(service, [name for name in wanted if name in MONITOR_PAGES])
