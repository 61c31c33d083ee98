"""Comparing municipalities (/vergelijk) and law pages (/wetten, /wetten/<BWB id>): #15 item 3.

Expected rows come from the documents: Heemskerk's beleidsplan (001) and Heemstede's Wmo plan (004) both name the
Wmo 2015, the Wet langdurige zorg and the VN-verdrag handicap; the Jeugdwet is named by Heemskerk (001 §2) and by
Heiloo's gebiedsplan through the BUCH plan it follows (000), not by Heemstede's Wmo plan.
"""

from __future__ import annotations

import csv
import io

import openpyxl
from fastapi.testclient import TestClient

from api.kg.compare import Scope, compare
from api.web.templates import local_path

WMO, WLZ, VN, JEUGDWET = (
    "https://wetten.overheid.nl/BWBR0035362",
    "https://wetten.overheid.nl/BWBR0035917",
    "https://wetten.overheid.nl/BWBV0004045",
    "https://wetten.overheid.nl/BWBR0034925",
)
BOTH = "gemeente=gm0396&gemeente=gm0397"
HTML = {"Accept": "text/html"}


def csv_rows(client: TestClient, query: str) -> list[list[str]]:
    body = client.get(f"/vergelijk.csv?{query}").content
    assert body.startswith("\ufeff".encode()), "Dutch Excel needs the BOM"
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))


def test_heemskerk_and_heemstede_share_the_laws_both_documents_name(client: TestClient) -> None:
    rows = csv_rows(client, BOTH)
    assert rows[0] == ["Soort", "Naam", "Heemskerk", "Heemstede", "Gedeeld door"]
    laws = {row[1]: row[2:] for row in rows[1:] if row[0] == "Wetten en verdragen"}
    for name in ("Wet maatschappelijke ondersteuning 2015", "Wet langdurige zorg",
                 "Verdrag inzake de rechten van personen met een handicap"):  # fmt: skip
        assert laws[name] == ["ja", "ja", "2"], name
    assert laws["Jeugdwet"] == ["ja", "", "1"]
    page = client.get(f"/vergelijk?{BOTH}").text
    assert 'href="/wetten/BWBR0035362"' in page and "gedeeld door alle 2" in page


def test_the_counts_on_the_page_add_up_and_match_the_download(client: TestClient) -> None:
    rows = csv_rows(client, BOTH)[1:]
    page = client.get(f"/vergelijk?{BOTH}").text
    for kind in ("Wetten en verdragen", "Doelgroepen", "Partners"):
        mine = [row for row in rows if row[0] == kind]
        shared = sum(row[-1] == "2" for row in mine)
        only = [sum(row[2 + i] == "ja" and row[-1] == "1" for row in mine) for i in range(2)]
        assert shared + sum(only) == len(mine)
        assert f"{len(mine)} in totaal · gedeeld door alle 2: <strong>{shared}</strong>" in page, kind


def test_the_xlsx_holds_what_the_csv_holds(client: TestClient) -> None:
    book = openpyxl.load_workbook(io.BytesIO(client.get(f"/vergelijk.xlsx?{BOTH}").content))
    cells = [[("" if c is None else str(c)) for c in row] for row in book.active.iter_rows(values_only=True)]
    assert cells == csv_rows(client, BOTH)


def test_plans_can_be_compared_too_and_mistakes_are_named(client: TestClient) -> None:
    page = client.get("/vergelijk?plan=heemskerk-gala-2023-2026&gemeente=gm0399")
    assert page.status_code == 200 and "Plan van aanpak GALA 2023-2026" in page.text
    chooser = client.get("/vergelijk")
    assert chooser.status_code == 200 and 'name="gemeente" value="gm0396"' in chooser.text
    wrong = client.get("/vergelijk?gemeente=gm9999")
    assert wrong.status_code == 404 and "gm9999" in wrong.text
    assert client.get("/vergelijk.csv").status_code == 404


def test_beleidsterreinen_match_by_name() -> None:
    """Minted per plan, so compared by name: '&' and 'en', and case, do not count."""
    rows = [
        {"gemeente": "x/gm0001", "planId": "a", "soort": "beleidsterrein", "item": "a/1", "itemNaam": "Werk & inkomen"},
        {
            "gemeente": "x/gm0002",
            "planId": "b",
            "soort": "beleidsterrein",
            "item": "b/1",
            "itemNaam": "werk en Inkomen",
        },
    ]
    result = compare(rows, [Scope("gemeente", "gm0001", "A"), Scope("gemeente", "gm0002", "B")])
    terrains = next(k for k in result.kinds if k.soort == "beleidsterrein")
    assert len(terrains.items) == 1 and terrains.items[0].found == {"gm0001": {"a/1": "a"}, "gm0002": {"b/1": "b"}}


def test_a_law_page_says_per_municipality_what_it_does_under_the_law(client: TestClient) -> None:
    assert local_path(JEUGDWET) == "/wetten/BWBR0034925"
    page = client.get("/wetten/BWBR0034925", headers=HTML)
    assert page.status_code == 200
    text = page.text
    assert "<h1>Jeugdwet</h1>" in text and 'id="gemeente-gm0396"' in text and 'id="gemeente-gm0399"' in text
    assert 'id="gemeente-gm0397"' not in text
    assert 'href="https://wetten.overheid.nl/BWBR0034925" rel="external"' in text
    assert client.get("/wetten/BWBR0034925?format=ttl").headers["content-type"].startswith("text/turtle")
    assert client.get("/wetten/geen-wet").status_code == 404


def test_the_law_list_links_every_law_to_its_page(client: TestClient) -> None:
    text = client.get("/wetten").text
    assert text.count("<tr>") - 1 >= 18
    for law in (WMO, WLZ, VN, JEUGDWET):
        path = local_path(law)
        assert path is not None and f'href="{path}"' in text
        assert client.get(path, headers=HTML).status_code == 200
    minted = client.get("/id/wet/wet-passend-onderwijs", headers=HTML).text
    assert "Wat gemeenten onder deze wet doen" in minted and "Heemskerk" in minted
