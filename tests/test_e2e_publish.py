"""Publishing in a real browser (Debian's Chromium, as test_e2e_browser) against the real service on a copy of the
project: log in, upload a workbook with an error and see the cell, fix it, see the diff, publish, and find the
change on the plan page and in /sparql; a token of another municipality is refused (403) and its attempt is in the
audit log. Skipped where /usr/bin/chromium is absent.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from playwright.sync_api import Page, Route, expect, sync_playwright

from api.kg import graph
from api.kg.publishing import accounts
from api.kg.queries import catalog
from api.kg.workbook.service import export_plan
from api.settings import Settings
from tests.graphdata import project_copy
from tests.live import running_service
from tests.test_e2e_browser import ARGS, CHROMIUM, axe_violations
from tests.test_publishing import NEW_TITLE, PLAN, XLSX, edited

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's Chromium at /usr/bin/chromium")


def titles(base: str) -> list[str]:
    query = f"SELECT ?t WHERE {{ <https://beleidsgraaf.nl/id/plan/{PLAN}> <http://purl.org/dc/terms/title> ?t }}"
    answer = httpx.get(base + "/sparql", params={"query": query}, headers={"Accept": "application/sparql-results+json"})
    return [b["t"]["value"] for b in answer.json()["results"]["bindings"]]


def test_a_policy_officer_publishes_from_the_browser(tmp_path: Path) -> None:
    settings = project_copy(Settings(), tmp_path / "project")
    _, heemstede = accounts.add_account(settings, "gm0397", "Beleidsmedewerker Wmo Heemstede")
    _, heemskerk = accounts.add_account(settings, "gm0396", "Beleidsmedewerker Heemskerk")
    exported = export_plan(graph.open_store(settings), catalog(settings.queries_dir), PLAN)
    broken, fixed = tmp_path / "plan-met-fout.xlsx", tmp_path / "plan.xlsx"
    broken.write_bytes(edited(exported, a=("Doelstellingen", 2, "SMART", "misschien")))
    fixed.write_bytes(edited(exported))
    elsewhere: list[str] = []
    errors: list[str] = []
    with (
        running_service(workers=1, root=str(settings.root)) as base,
        sync_playwright() as playwright,
        tempfile.TemporaryDirectory(prefix="beleidsgraaf-chromium-") as profile,
    ):
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=str(CHROMIUM), headless=True, args=ARGS, viewport={"width": 1280, "height": 900}
        )
        service = urlsplit(base).netloc

        def guard(route: Route) -> None:
            if urlsplit(route.request.url).netloc == service:
                route.continue_()
            else:
                elsewhere.append(route.request.url)
                route.abort()

        context.route("**/*", guard)
        page: Page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("console", lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None)

        page.goto(base + "/publiceren")
        assert axe_violations(page) == []
        page.get_by_label("Token").fill(heemstede)
        page.get_by_role("button", name="Inloggen").click()
        expect(page.locator("p.meta")).to_contain_text("Ingelogd als Beleidsmedewerker Wmo Heemstede")

        page.get_by_label("Planwerkboek (.xlsx)").set_input_files(str(broken))
        page.get_by_role("button", name="Controleren").click()
        expect(page.locator("h1")).to_have_text("Dit werkboek kan zo niet gepubliceerd worden")
        row = page.locator("table.fouten tbody tr").filter(has_text="misschien")
        expect(row).to_contain_text("Doelstellingen")
        assert page.get_by_role("button", name="Publiceren").count() == 0
        assert axe_violations(page) == []

        page.get_by_label("Verbeterd werkboek (.xlsx)").set_input_files(str(fixed))
        page.get_by_role("button", name="Opnieuw controleren").click()
        expect(page.locator("h1")).to_contain_text("Voorbeeld")
        change = page.locator("table.wijzigingen-tabel tbody tr").filter(has_text="titel")
        expect(change.locator("td.oud")).to_contain_text("Beleidsplan maatschappelijke ondersteuning")
        expect(change.locator("td.nieuw")).to_have_text(NEW_TITLE)
        assert axe_violations(page) == []
        page.get_by_label("Toelichting bij deze versie").fill("Titel herzien na raadsbehandeling")
        page.get_by_role("button", name="Publiceren").click()
        expect(page.locator("[role=status]")).to_have_text("Versie 1 is gepubliceerd.")
        expect(page.locator("table.versies")).to_contain_text("Titel herzien na raadsbehandeling")
        assert axe_violations(page) == []

        page.goto(base + f"/id/plan/{PLAN}")
        expect(page.locator("main")).to_contain_text(NEW_TITLE)
        assert titles(base) == [NEW_TITLE]

        refused = httpx.post(
            f"{base}/plannen/{PLAN}/versies",
            params={"basis": "1"},
            content=fixed.read_bytes(),
            headers={"Authorization": f"Bearer {heemskerk}", "Content-Type": XLSX},
            timeout=60,
        )
        assert refused.status_code == 403, refused.text
        page.goto(base + "/beheer/audit")
        attempt = page.locator("table.audit tbody tr").filter(has_text="Beleidsmedewerker Heemskerk")
        expect(attempt.first).to_contain_text("geweigerd")
        expect(attempt.first).to_contain_text("mag plan")
        assert axe_violations(page) == []
        context.close()
    assert elsewhere == [] and errors == []
