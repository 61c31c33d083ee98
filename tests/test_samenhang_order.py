"""The coherence report puts the real problems first (#13 item 3): severity, then the level of the element
(missie and visie before opgaven before doelstellingen before acties), grouped per plan and kernelement, with
the same order in the engine, the page and the downloads, filters by check and by kernelement."""

from __future__ import annotations

import io
import json

import openpyxl
from fastapi.testclient import TestClient

from api.kg.checks import check
from api.kg.store import GraphStore
from api.settings import Settings

HEEMSKERK = "heemskerk-sociaal-domein-2024"
MISSIE = f"https://beleidsgraaf.nl/id/plan/{HEEMSKERK}/missie/missie"


def test_findings_come_in_order_of_importance(store: GraphStore, settings: Settings) -> None:
    findings = check(store, settings)
    keys = [(f.severity.rank, f.level) for f in findings]
    assert keys == sorted(keys), "severity first, then the level of the element"
    heemskerk = [f for f in findings if f.belongs_to(HEEMSKERK) and f.severity.value == "Warning"]
    assert heemskerk[0].focus == MISSIE and heemskerk[0].shape.endswith("herhaling-kernboodschap"), (
        "the mission stated two ways is the first thing a council member would catch"
    )
    under = [f for f in findings if f.focus.endswith("/doelstelling/financieel-fit-6")]
    assert under and under[0].head.endswith("/opgave/financieel-fit") and under[0].head_label == "Financieel fit"


def test_the_first_screen_of_samenhang_shows_the_mission_mismatch(client: TestClient) -> None:
    page = client.get(f"/samenhang?plan={HEEMSKERK}").text
    warnings = page.index('class="plangroep"', page.index('id="ernst-warning"'))
    info = page.index('id="ernst-info"')
    first = page.index("herhaling-kernboodschap", warnings)
    assert first < info and page.index(MISSIE.removeprefix("https://beleidsgraaf.nl"), warnings) < info
    assert "actie-partner" not in page[warnings:info] and "opgave-partner" not in page[warnings:info], (
        "an action or opgave without a named partner is worth knowing (Info), not a defect to fix first"
    )
    assert page.index(">Plan, missie en visie <", warnings) < page.index(">Financieel fit <", warnings)
    assert "Per controle:" in page


def test_downloads_hold_what_the_page_shows(client: TestClient) -> None:
    query = f"plan={HEEMSKERK}&ernst=Warning"
    shown = json.loads(client.get(f"/samenhang.json?{query}").content)
    assert shown and shown[0]["focus"] == MISSIE
    csv = client.get(f"/samenhang.csv?{query}").content.decode("utf-8-sig").splitlines()
    assert csv[0].startswith("Ernst;Plan;Sectie") and len(csv) == len(shown) + 1
    book = openpyxl.load_workbook(io.BytesIO(client.get(f"/samenhang.xlsx?{query}").content))
    rows = list(book.active.iter_rows(values_only=True))
    assert len(rows) == len(shown) + 1 and rows[1][-1] == MISSIE
    assert client.get("/samenhang.pdf").status_code == 404


def test_filters_by_check_and_by_kernelement(client: TestClient) -> None:
    sums = json.loads(client.get(f"/samenhang.json?plan={HEEMSKERK}&controle=smart-nulmeting").content)
    assert sums and all(f["shape"].endswith("/smart-nulmeting") for f in sums)
    head = f"https://beleidsgraaf.nl/id/plan/{HEEMSKERK}/opgave/financieel-fit"
    page = client.get("/samenhang", params={"plan": HEEMSKERK, "opgave": head}).text
    assert '<h3 class="kopgroep">Financieel fit' in page
    assert f'href="/id/plan/{HEEMSKERK}/missie/missie"' not in page and '<h3 class="kopgroep">Zorg en wonen' not in page


def test_a_partner_page_counts_the_goals_partners_html_counts(client: TestClient) -> None:
    """#15: Viva! Zorggroep showed 9 goals on its page and 8 on /partners.html (signing the plan counted)."""
    import re

    listing = client.get("/partners.html").text
    counted = re.findall(r'<a href="(/id/[^"]+)">[^<]+</a></th>\s*<td[^>]*>(\d+)</td>', listing)
    assert len(counted) == listing.count("<tr data-filter-row>") > 40
    for path, goals in counted:
        page = client.get(path, headers={"Accept": "text/html"}).text
        shown = re.search(r"Doelen: <strong>(\d+)</strong>", page)
        assert shown and shown.group(1) == goals, path
    viva = client.get("/id/organisatie/viva-zorggroep", headers={"Accept": "text/html"}).text
    assert "is ondertekenaar van dit plan" in viva
