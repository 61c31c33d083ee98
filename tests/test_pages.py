"""The pages for people render from the real graph: status, title, and the content the documents give."""

from __future__ import annotations

import csv
import io
import re
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient

from api.kg.queries import QueryCatalog
from api.web.pages.format import dutch_number, sections
from api.web.pages.matrix_model import grid
from tests.graphdata import PLANS

HTML = {"accept": "text/html"}
PLAN = "/id/plan/heemskerk-sociaal-domein-2024"


def page(client: TestClient, path: str) -> str:
    response = client.get(path, headers=HTML)
    assert response.status_code == 200, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    return response.text


def title(html: str) -> str:
    found = re.search(r"<title>(.*?)</title>", html, re.S)
    assert found
    return found.group(1).strip()


def count(html: str, css_class: str) -> int:
    return len(re.findall(rf'class="{css_class}"', html))


def test_home_lists_municipalities_and_their_plans(client: TestClient) -> None:
    html = page(client, "/")
    assert title(html) == "Gemeenten en hun plannen · Beleidsgraaf"
    for name in ("Beverwijk", "Heemskerk", "Heemstede", "Heiloo"):
        assert f"<h3>{name} " in html
    for plan_id in PLANS:
        assert f'href="/id/plan/{plan_id}"' in html
    assert '<label for="zoek-home">' in html and 'action="/zoeken"' in html


def test_search_finds_names_in_every_kind_of_node(client: TestClient) -> None:
    html = page(client, "/zoeken?q=mantelzorg")
    assert title(html) == "Zoeken: mantelzorg · Beleidsgraaf"
    assert 'href="/id/plan/heemstede-wmo-2025-2028/thema/mantelzorg"' in html
    assert 'href="/id/organisatie/mantelzorgelijk"' in html


def test_search_finds_other_spellings(client: TestClient) -> None:
    html = page(client, "/zoeken?q=Buurtsporttcoaches")  # the document's typo, kept as skos:altLabel
    assert 'href="/id/organisatie/buurtsportcoaches-heiloo"' in html
    assert "gevonden als" in html


def test_search_asks_for_two_characters(client: TestClient) -> None:
    assert "Typ minstens 2 tekens" in page(client, "/zoeken?q=a")
    assert "treffer" not in page(client, "/zoeken")


def test_heemskerk_plan_page_shows_its_course(client: TestClient) -> None:
    html = page(client, PLAN)
    assert title(html).startswith("Samen sterk voor Heemskerk")
    assert count(html, "kern") == 5  # the five maatschappelijke opgaven
    assert count(html, "kind") == 19  # the nineteen beleidsterreinen under them
    assert "Een zorgzaam Heemskerk, waar iedere inwoner eigenwaarde behoudt" in html  # missie, as printed
    assert "Wet maatschappelijke ondersteuning 2015" in html  # the law under a beleidsterrein
    assert "€ 45.128.079" in html and "€ 12.476.129" in html  # total and one opgave's budget
    assert "Vergrijzing" in html or "vergrijzing" in html  # an ontwikkeling


def test_plan_page_shows_missing_values_as_the_document_states_them(client: TestClient) -> None:
    html = page(client, PLAN)
    assert "(geen nulmeting)" in html  # financieel-fit-6: printed "(geen nulmeting)"
    assert "x*" in html  # opgroeien-en-zelfontplooiing-6: the placeholder
    assert "2023 → 2027" in html  # baseline year to target year
    assert "Geen partner genoemd" in html  # this plan names no partner for any opgave


def test_plan_page_embeds_the_bijlage1_diagram_with_downloads(client: TestClient) -> None:
    html = page(client, PLAN)
    plan_id = PLAN.rsplit("/", 1)[-1]
    assert f'<img src="/diagrams/{plan_id}/bijlage1.svg"' in html
    for ext in ("svg", "png", "pdf"):
        assert f'href="/diagrams/{plan_id}/bijlage1.{ext}" download=' in html


@pytest.mark.parametrize("plan_id", PLANS)
def test_only_a_document_with_its_own_schema_names_it_in_the_heading(client: TestClient, plan_id: str) -> None:
    """Heemskerk's document draws its coherence in bijlage 1; Heiloo's bijlage 1 is a strategic course, the others
    have no such drawing: their heading says only "Samenhangschema"."""
    heading = re.search(r'<h2 id="schema-kop">(.*?)</h2>', page(client, f"/id/plan/{plan_id}"))
    assert heading
    expected = "Samenhangschema (bijlage 1)" if plan_id == "heemskerk-sociaal-domein-2024" else "Samenhangschema"
    assert heading.group(1) == expected


def test_a_plan_known_only_from_another_document_has_working_diagram_links(client: TestClient) -> None:
    """The BUCH beleidskader is summarised in Heiloo's gebiedsplan: its page's image and downloads resolve."""
    html = page(client, "/id/plan/buch-iedereen-doet-mee-2023-2026")
    links = sorted(set(re.findall(r'(?:src|href)="(/diagrams/[^"]+)"', html)))
    assert len(links) == 3  # svg (image and link), png, pdf
    for link in links:
        assert client.get(link).status_code == 200, link


@pytest.mark.parametrize("plan_id", PLANS)
def test_every_plan_page_renders(client: TestClient, plan_id: str) -> None:
    html = page(client, f"/id/plan/{plan_id}")
    assert 'class="kern"' in html
    assert f'href="/matrix?plan={plan_id}"' in html


def test_opgave_page(client: TestClient) -> None:
    html = page(client, PLAN + "/opgave/zorg-en-wonen")
    assert title(html) == "Zorg en wonen · Beleidsgraaf"
    assert count(html, "kind") == 3  # Maatwerkvoorzieningen Wmo, Maatschappelijke opvang..., Sociale veiligheid
    assert "Verblijfsduur daklozenvoorziening" in html and "244 nachten in 2023" in html
    assert "§ 4.3.2" in html  # where the document says it
    assert "Het document noemt geen partner voor Zorg en wonen" in html


def test_opgave_page_lists_partners_of_what_falls_beneath_it(client: TestClient) -> None:
    html = page(client, "/id/plan/heemstede-wmo-2025-2028/onderdeel/hulp-en-ondersteuning")
    assert "WIJ Heemstede" in html and "Veilig Thuis Kennemerland" in html


def test_doelstelling_page_keeps_the_placeholder_and_its_footnote(client: TestClient) -> None:
    html = page(client, PLAN + "/doelstelling/opgroeien-en-zelfontplooiing-6")
    assert "x*" in html and "plaatshouder" in html
    assert "De cijfers over het schooljaar 2023-2024 komen in het najaar 2024 beschikbaar" in html
    assert "schooljaar 2023-2024" in html
    assert "§ 4.3.3" in html


def test_partner_page_lists_goals_per_plan_with_role(client: TestClient) -> None:
    html = page(client, "/id/organisatie/ggd-kennemerland")
    assert title(html) == "GGD Kennemerland · Beleidsgraaf"
    assert count(html, "doel") == 8, "as /partners.html counts: signing a plan is no goal served"
    assert "GGD Kennemerland is samenwerkingspartner van dit plan." in html
    assert "Plan van aanpak GALA 2023-2026" in html and "Heemstede 2025-2028" in html
    assert "uitvoerder" in html and "samenwerkingspartner" in html
    assert 'href="/matrix?gemeente=gm0396&amp;filter=GGD%20Kennemerland"' in html


def test_organisation_without_goals_gets_the_generic_page(client: TestClient) -> None:
    html = page(client, "/id/organisatie/abf-research")
    assert "ABF Research" in html and "Waar het document het zegt" in html
    assert "doet en waaraan het bijdraagt" not in html


def test_generic_page_groups_properties_and_cites_sections(client: TestClient) -> None:
    html = page(client, PLAN + "/beleidsterrein/jeugd")
    assert title(html) == "Jeugd · Beleidsgraaf"
    assert '<th scope="row">wettelijk kader</th>' in html
    assert 'href="/wetten/BWBR' in html, "a law links to its page here, which links to the official text"
    assert "§ 4.3.3" in html


def test_entity_pages_vary_on_accept_and_rdf_is_still_served(client: TestClient) -> None:
    html = client.get(PLAN, headers=HTML)
    assert "Accept" in html.headers["vary"]
    turtle = client.get(PLAN, headers={"accept": "text/turtle"})
    assert turtle.status_code == 200 and turtle.headers["content-type"].startswith("text/turtle")


def test_partners_overview_and_its_filter(client: TestClient) -> None:
    html = page(client, "/partners.html")
    assert 'href="/id/organisatie/pre-wonen"' in html
    filtered = page(client, "/partners.html?filter=heiloo")
    assert 'href="/id/organisatie/jongerenwerk-heiloo"' in filtered
    assert 'href="/id/organisatie/pre-wonen"' not in filtered


def test_matrix_chooser(client: TestClient) -> None:
    html = page(client, "/matrix")
    assert 'href="/matrix?plan=beverwijk-heemskerk-woonzorgvisie"' in html
    assert 'href="/matrix?gemeente=gm0396"' in html


def test_matrix_shows_goals_without_any_partner(client: TestClient) -> None:
    html = page(client, "/matrix?plan=beverwijk-heemskerk-woonzorgvisie")
    assert "Zonder partner" in html and "Opgave ouderen" in html
    assert "data-filter-row" in html and "/static/filter.js" in html
    assert 'class="cel gevuld"' in html


def test_matrix_of_a_plan_without_partners(client: TestClient) -> None:
    html = page(client, "/matrix?plan=heemskerk-sociaal-domein-2024")
    assert "Het document noemt bij geen enkel doel een partner" in html
    assert "Zonder partner (5 van 5)" in html


def test_matrix_filters_without_javascript(client: TestClient) -> None:
    html = page(client, "/matrix?plan=beverwijk-heemskerk-woonzorgvisie&filter=woonopmaat")
    assert html.count("data-filter-row") == 1


def read_csv(client: TestClient, query: str) -> list[list[str]]:
    response = client.get("/matrix.csv?" + query)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf"), "Dutch Excel needs the BOM to read UTF-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert all(len(row) == len(rows[0]) for row in rows)
    return rows


def test_matrix_csv_partners_as_rows(client: TestClient) -> None:
    rows = read_csv(client, "plan=beverwijk-heemskerk-woonzorgvisie")
    header = rows[0]
    assert header[:2] == ["Partner", "Aantal doelen"]
    assert {"Ambitie op wonen", "Opgave ouderen", "Opgave mantelzorgers"} <= set(header)
    assert len(header) == 2 + 14  # ten opgaven and four ambities
    woonopmaat = next(row for row in rows if row[0] == "Woonopmaat")
    assert woonopmaat[header.index("Ambitie op wonen")].startswith("samenwerkingspartner")
    assert all(row[header.index("Opgave ouderen")] == "" for row in rows[1:])


def test_matrix_csv_goals_as_rows_for_a_municipality(client: TestClient) -> None:
    rows = read_csv(client, "gemeente=gm0396&richting=doelen&niveau=doel")
    assert rows[0][:5] == ["Doel", "Plan", "Soort", "Valt onder", "Aantal partners"]
    assert "GGD Kennemerland" in rows[0]
    assert any(row[4] == "geen partner" for row in rows[1:])
    assert {row[1] for row in rows[1:]} == {
        "beverwijk-heemskerk-woonzorgvisie",
        "heemskerk-gala-2023-2026",
        "heemskerk-sociaal-domein-2024",
    }


def test_matrix_of_unknown_plan_is_a_dutch_404(client: TestClient) -> None:
    response = client.get("/matrix?plan=bestaat-niet", headers=HTML)
    assert response.status_code == 404 and "Niet gevonden" in response.text
    assert client.get("/matrix.csv?plan=bestaat-niet").status_code == 404


def test_samenhang_groups_findings_by_severity_and_plan(client: TestClient) -> None:
    html = page(client, "/samenhang")
    assert title(html) == "Samenhang · Beleidsgraaf"
    assert "Fout" in html and "Waarschuwing" in html
    assert 'href="/id/plan/' in html and "§ " in html
    one = page(client, "/samenhang?plan=heemskerk-sociaal-domein-2024&ernst=Warning")
    assert "Fout" not in re.sub(r"<select.*?</select>", "", one, flags=re.S)
    assert "Samen sterk voor Heemskerk" in one


def test_query_page_offers_every_named_query(client: TestClient, queries: QueryCatalog) -> None:
    html = page(client, "/query")
    assert '<script src="/static/vendor/yasgui/yasgui.min.js"' in html
    assert html.count('class="voorbeeld"') == len(queries)
    assert 'href="/queries/plannen.rq" data-query="plannen"' in html
    assert "<noscript>" in html


def test_static_files_and_vendored_yasgui(client: TestClient) -> None:
    css = client.get("/static/beleidsgraaf.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    assert client.get("/static/vendor/yasgui/yasgui.min.js").status_code == 200
    assert "MIT License" in client.get("/static/vendor/yasgui/LICENSE").text
    assert client.get("/static/../app.py").status_code == 404
    assert client.get("/static/%2e%2e/app.py").status_code == 404


PAGES = [
    "/",
    "/zoeken?q=wmo",
    PLAN,
    PLAN + "/opgave/zorg-en-wonen",
    PLAN + "/doelstelling/zorg-en-wonen-1",
    "/id/organisatie/pre-wonen",
    "/partners.html",
    "/matrix?gemeente=gm0396",
    "/samenhang?plan=heiloo-gebiedsplan-2023-2024",
    "/query",
]


@pytest.mark.parametrize("path", PAGES)
def test_pages_load_nothing_from_other_hosts(client: TestClient, path: str) -> None:
    """Scripts, styles and images come from this service; only ordinary links point elsewhere."""
    html = page(client, path)
    for tag, attribute, url in re.findall(r"<(script|link|img|iframe)\b[^>]*?\b(src|href)=\"([^\"]*)\"", html):
        parsed = urlsplit(url)
        assert not parsed.scheme and not parsed.netloc, (tag, attribute, url)


@pytest.mark.parametrize("path", PAGES)
def test_pages_have_landmarks_and_a_skip_link(client: TestClient, path: str) -> None:
    html = page(client, path)
    assert '<a class="skip" href="#inhoud">' in html and '<main id="inhoud"' in html
    assert '<nav aria-label="Hoofdmenu">' in html and "<footer" in html
    assert len(re.findall(r"<h1[ >]", html)) == 1


@pytest.fixture
def counted(client: TestClient) -> Iterator[list[str]]:
    """The queries the service asks its embedded store while the test runs."""
    store: Any = client.app.state.store  # type: ignore[attr-defined]
    index = client.app.state.search_index  # type: ignore[attr-defined]
    while index is not None and not index.done():  # built beside the opening, not by the page under test
        time.sleep(0.01)
    asked: list[str] = []
    original = store.result

    def result(query: str, **kwargs: Any) -> Any:
        asked.append(query)
        return original(query, **kwargs)

    store.result = result
    yield asked
    del store.result


@pytest.mark.parametrize(
    ("path", "most"),
    # one query per kind of fact, never one per element: the plan page reads its model (8), its index, agenda
    # and figures (3) and the node itself (3); an opgave page the model without the plan's own header
    [("/", 2), (PLAN, 14), (PLAN + "/opgave/zorg-en-wonen", 11), ("/matrix?gemeente=gm0396", 2)],
)
def test_pages_ask_few_queries(client: TestClient, counted: list[str], path: str, most: int) -> None:
    page(client, path)
    assert 0 < len(counted) <= most


def test_dutch_numbers_and_sections() -> None:
    assert dutch_number("12476129") == "12.476.129"
    assert dutch_number("48.1") == "48,1"
    assert dutch_number("-20") == "-20"
    assert sections("4.3.2|bijlage 1|4.3") == "§ 4.3, § 4.3.2, bijlage 1"
    assert sections("10, 2.1a, 2.1, 2") == "§ 2, § 2.1, § 2.1a, § 10"


def test_matrix_counts_a_link_once_and_keeps_empty_goals() -> None:
    row = {"planId": "p", "hoofdNaam": "Opgave A", "hoofdSoort": "opgave", "doelSoort": "actie"}
    rows = [
        {**row, "hoofd": "a", "doel": "x", "doelNaam": "X", "partner": "o", "partnerNaam": "Org", "rol": "uitvoerder"},
        {**row, "hoofd": "a", "doel": "y", "doelNaam": "Y", "partner": "o", "partnerNaam": "Org", "rol": "uitvoerder"},
        {**row, "hoofd": "a", "doel": "x", "doelNaam": "X", "partner": "o", "partnerNaam": "Org", "rol": "uitvoerder"},
        {**row, "hoofd": "b", "hoofdNaam": "Opgave B", "doel": "b", "doelNaam": "Opgave B"},
    ]
    by_partner = grid(rows, "opgave", "partners")
    assert [c.label for c in by_partner.columns] == ["Opgave A", "Opgave B"]
    assert by_partner.rows[0][2] == ["uitvoerder (2)", ""]
    assert [c.label for c in by_partner.empty_columns] == ["Opgave B"]
    by_goal = grid(rows, "opgave", "doelen")
    assert [r[1][-1] for r in by_goal.rows] == ["1", "geen partner"]


def test_a_missing_baseline_is_said_once(client: TestClient) -> None:
    """Before: "(geen 0-meting) (geen nulmeting)" - the printed text and its status, saying the same twice."""
    html = page(client, PLAN + "/doelstelling/ontmoeten-en-omzien-naar-elkaar-3")
    assert "(geen 0-meting)" in html
    assert "(geen nulmeting)" not in html


def test_search_names_every_document_a_shared_partner_is_in(client: TestClient) -> None:
    """Before: Viva! Zorggroep showed as 'in' the Heiloo plan alone, one document picked at random."""
    html = page(client, "/zoeken?q=viva")
    assert "genoemd in 3 documenten: Gebiedsplan Sociale Basis Heiloo 2023-2024; Plan van aanpak GALA" in html


def test_a_development_is_linked_once_per_element(client: TestClient) -> None:
    """Before: 'Ontwikkelingen: Sportakkoord Heemskerk, Sportakkoord Heemskerk' on a GALA action."""
    html = page(client, "/id/plan/heemskerk-gala-2023-2026").split('id="alles"', 1)[0]  # the index links it too
    assert html.count('href="/id/programma/sportakkoord-heemskerk"') == 1


def test_matrix_csv_for_programs_is_rfc_4180(client: TestClient) -> None:
    response = client.get("/matrix.csv?plan=beverwijk-heemskerk-woonzorgvisie&scheiding=komma")
    assert not response.content.startswith(b"\xef\xbb\xbf")
    dutch = read_csv(client, "plan=beverwijk-heemskerk-woonzorgvisie")
    assert list(csv.reader(io.StringIO(response.text))) == dutch


def test_matrix_xlsx_holds_what_the_csv_holds(client: TestClient) -> None:
    import openpyxl

    response = client.get("/matrix.xlsx?plan=beverwijk-heemskerk-woonzorgvisie")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response.headers["content-disposition"].endswith('.xlsx"')
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None and sheet.freeze_panes == "B2" and sheet.auto_filter.ref
    assert all(cell.font.bold for cell in sheet[1])
    cells = [["" if c.value is None else str(c.value) for c in row] for row in sheet.iter_rows()]
    assert cells == read_csv(client, "plan=beverwijk-heemskerk-woonzorgvisie")
    assert not any(c.data_type == "f" for row in sheet.iter_rows() for c in row)  # no formula, ever


def test_partner_page_shows_what_each_action_serves(client: TestClient) -> None:
    """#15 item 2: partner -> action -> goal. GALA §3.5 puts the GGD's plan for mental-health advice under
    'Mentale Gezondheid'; Heemstede §4.2 puts the Wmo quality supervision under 'Voorzieningenaanbod vanuit de Wmo'."""
    html = page(client, "/id/organisatie/ggd-kennemerland")
    gala = html.split("Plan van aanpak GALA 2023-2026", 1)[1]
    row = gala.split("Plan GGD voor versterking kennis- en adviesfunctie mentale gezondheid", 1)[1].split("</tr>", 1)[0]
    assert "Mentale Gezondheid" in row
    assert "Draagt daarmee bij aan:" in gala and "OKO &amp; Vroegsignalering alcoholproblematiek" in gala
    heemstede = html.split("Heemstede 2025-2028", 1)[1].split("Plan van aanpak GALA", 1)[0]
    assert "Voorzieningenaanbod vanuit de Wmo" in heemstede


def test_an_opgave_links_to_its_plans_matrix_only_where_the_plan_has_one(client: TestClient) -> None:
    """The BUCH plan is cited by Heiloo's gebiedsplan and has no graph of its own, so no matrix (#15: it gave 404)."""
    own = page(client, PLAN + "/opgave/zorg-en-wonen")
    assert f'href="/matrix?plan={PLAN.rsplit("/", 1)[-1]}"' in own
    cited = page(
        client, "/id/plan/buch-iedereen-doet-mee-2023-2026/opgave/leveren-van-de-juiste-steun-en-passende-ondersteuning"
    )
    assert "/matrix?plan=buch-iedereen-doet-mee-2023-2026" not in cited


def test_opgaven_show_the_indicators_the_document_names(client: TestClient) -> None:
    """Heemskerk §4.3.4 names six BBV indicators under Financieel fit; §4.3.5 says 'Geen' for Ontmoeten."""
    plan = page(client, PLAN)
    fit = plan.split("Financieel fit</a></h3>", 1)[1].split("</section>", 1)[0]
    assert "Indicatoren:" in fit and "Netto arbeidsparticipatie" in fit and "BBV" in fit
    opgave = page(client, PLAN + "/opgave/financieel-fit")
    table = opgave.split('id="indicatoren-kop"', 1)[1].split("</table>", 1)[0]
    assert table.count("<tr>") == 7 and "LISA" in table and "§ 4.3.4" in table
    none = page(client, PLAN + "/opgave/ontmoeten-en-omzien-naar-elkaar")
    assert "Indicatoren:</span> Geen" in none and "zo staat het in het document" in none


def test_the_uitvoeringsagenda_is_the_documents_table(client: TestClient) -> None:
    """Heemstede's agenda (bijlage): 'Afspraken budgetsubsidie WIJ Heemstede 2025-2028 monitoren' has a cross in
    each of the four years; 'Versterken samenwerking medisch en sociaal domein' one cross whose column the text lost."""
    html = page(client, "/id/plan/heemstede-wmo-2025-2028")
    agenda = html.split('id="uitvoeringsagenda"', 1)[1].split("</section>", 1)[0]
    header = agenda.split("<thead>", 1)[1].split("</thead>", 1)[0]
    assert all(f'class="jaar">{year}</th>' in header for year in ("2025", "2026", "2027", "2028"))
    row = agenda.split("Afspraken budgetsubsidie WIJ Heemstede 2025-2028 monitoren", 1)[1].split("</tr>", 1)[0]
    assert all(f'aria-label="in {year}"' in row for year in ("2025", "2026", "2027", "2028"))
    lost = agenda.split("Versterken samenwerking medisch en sociaal domein", 1)[1].split("</tr>", 1)[0]
    assert "1 jaar gepland" in lost and "welke jaren staat niet in de tekst" in lost
    assert agenda.count('<th scope="row">') == 57
