"""Diagrams (api/kg/diagrams): bijlage 1 and the partner networks, checked on the SVG they produce.

The SVG is parsed with xml.etree: every label is real <text>, boxes nest where they belong, no two lines
of text overlap, everything stays on the A4 page, and text keeps WCAG AA contrast with what is behind it.
The Heemskerk bijlage 1 is compared with the source document's own bijlage 1.
"""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.cli_diagram import DiagramKind, diagram
from api.errors import NotFound
from api.kg.diagrams import ALLE, network_figures, render_diagram
from api.kg.diagrams.layout import ASCENT, DESCENT, MM, PAGE_HEIGHT, PAGE_WIDTH, Rect, text_width, wrap
from api.kg.diagrams.palette import contrast
from api.kg.store import GraphStore
from api.web.diagrams import router

ROOT = Path(__file__).resolve().parent.parent
SVG = "{http://www.w3.org/2000/svg}"
PLAN_IDS = sorted(
    path.stem
    for path in (ROOT / "graph").glob("*/*.ttl")
    if path.parent.name != "shared" and not path.parent.name.startswith("_")
)
HEEMSKERK = "heemskerk-sociaal-domein-2024"

# Bijlage 1 "Samenhang missie, visie, maatschappelijke opgaven en beleidsterreinen" of the Heemskerk plan,
# typed over from the last page of source 001 (001_8e8eb7bf66575766.txt in graph/bronnen.ttl): the missie on
# top, one column per maatschappelijke opgave with its beleidsterreinen, the visie at the bottom.
BIJLAGE_1_MISSIE = "Een zorgzaam Heemskerk, waar iedere inwoner eigenwaarde behoudt en naar vermogen aan bijdraagt."
BIJLAGE_1_VISIE = (
    "In Heemskerk moedigen we inwoners aan zich bij elkaar betrokken te voelen, elkaar te helpen en mee te doen. "
    "Samen met inwoners en maatschappelijke partners maken we het verschil en zorgen we voor goed bereikbare, "
    "passende en betaalbare ondersteuning. Zo bieden we voor mensen die dat nodig hebben een (tijdelijk) vangnet. "
    "Hierbij werken we vanuit vertrouwen en de eigen regie van inwoners."
)
BIJLAGE_1_COLUMNS = {
    "Vitaal en weerbaar": ["Gezondheid", "Jeugdgezondheid"],
    "Zorg en wonen": ["Maatwerkvoorzieningen Wmo", "Maatschappelijke opvang & beschermd wonen", "Sociale veiligheid"],
    "Opgroeien en zelfontplooiing": [
        "Jeugd",
        "Onderwijsachterstandenbeleid",
        "Passend onderwijs",
        "Leerplicht",
        "Kinderopvang",
        "Laaggeletterdheid & volwasseneducatie",
    ],
    "Financieel fit": ["Werk & inkomen", "Armoede", "Schuldhulpverlening", "Re-integratie", "Inburgering"],
    "Ontmoeten en omzien naar elkaar": [
        "Welzijn & maatschappelijke dienstverlening",
        "Inclusie",
        "Vrijwillige inzet & mantelzorg",
    ],
}


def normal(text: str) -> str:
    """Compare labels the way a reader does: '&' is 'en', case, spaces, hyphens and punctuation do not count."""
    return re.sub(r"[^a-z0-9]", "", text.lower().replace("&", "en"))


@dataclass(frozen=True)
class Line:
    text: str
    box: Rect
    fill: str
    background: str
    owner: int  # id of the <text> element
    css: str = ""  # the <text>'s class: titel, ondertitel, bijschrift, voet, ...


def text_of(element: ET.Element) -> str:
    """A <text>'s lines joined back: a line ending in '-' or '/' continues the word."""
    joined = ""
    for tspan in element.iter(f"{SVG}tspan"):
        line = tspan.text or ""
        joined += line if not joined or joined.endswith(("-", "/")) else " " + line
    return joined


def lines(root: ET.Element) -> list[Line]:
    """Every line of text with the box it occupies (font metrics) and the fill of what lies behind it."""
    found: list[Line] = []

    def visit(element: ET.Element, background: str) -> None:
        rect = element.find(f"{SVG}rect")
        if element.tag == f"{SVG}g" and rect is not None:
            background = rect.get("fill", background)
        for child in element:
            if child.tag == f"{SVG}text":
                size, bold = float(child.get("font-size", "0")), child.get("font-weight") == "bold"
                anchor = child.get("text-anchor", "start")
                for tspan in child.iter(f"{SVG}tspan"):
                    width = text_width(tspan.text or "", size, bold)
                    x = float(tspan.get("x", "0"))
                    left = {"middle": x - width / 2, "end": x - width}.get(anchor, x)
                    top = float(tspan.get("y", "0")) - ASCENT * size
                    box = Rect(left, top, width, (ASCENT + DESCENT) * size)
                    fill, css = child.get("fill", "#000000"), child.get("class", "")
                    found.append(Line(tspan.text or "", box, fill, background, id(child), css))
            elif child.tag == f"{SVG}g":
                visit(child, background)

    visit(root, "#ffffff")
    return found


def rect_of(group: ET.Element) -> Rect:
    rect = group.find(f"{SVG}rect")
    assert rect is not None
    return Rect(*(float(rect.get(name, "0")) for name in ("x", "y", "width", "height")))


def boxes(root: ET.Element, css: str) -> list[ET.Element]:
    return [g for g in root.iter(f"{SVG}g") if css in (g.get("class") or "").split()]


@pytest.fixture(scope="module")
def heemskerk(store: GraphStore) -> ET.Element:
    return ET.fromstring(render_diagram(store, HEEMSKERK, "bijlage1", "svg"))


def test_plans_are_collected() -> None:
    assert HEEMSKERK in PLAN_IDS


def test_heemskerk_has_the_missie_and_visie_of_bijlage_1(heemskerk: ET.Element) -> None:
    (missie,) = boxes(heemskerk, "missie")
    (visie,) = boxes(heemskerk, "visie")
    # Bijlage 1 repeats the missie with one word more ("naar vermogen aan bijdraagt") than §4.2; the graph keeps
    # §4.2's wording as the missie and the bijlage's as its bg:Herhaling, and the diagram draws the missie.
    shown_missie = text_of(missie.findall(f"{SVG}text")[1])
    assert normal(shown_missie) == normal(BIJLAGE_1_MISSIE.replace("vermogen aan bijdraagt", "vermogen bijdraagt"))
    assert normal(text_of(visie.findall(f"{SVG}text")[1])) == normal(BIJLAGE_1_VISIE)
    assert rect_of(missie).bottom < min(rect_of(c).y for c in boxes(heemskerk, "kolom"))
    assert rect_of(visie).y > max(rect_of(c).bottom for c in boxes(heemskerk, "kolom"))


def test_heemskerk_has_the_columns_of_bijlage_1(heemskerk: ET.Element) -> None:
    columns = {}
    for column in boxes(heemskerk, "kolom"):
        (head,) = boxes(column, "kop")
        level, name = (text_of(t) for t in head.findall(f"{SVG}text"))
        assert level == "Maatschappelijke opgave"
        headings = [text_of(t) for g in boxes(column, "niveau") for t in g.findall(f"{SVG}text")]
        assert headings == ["Beleidsterreinen"]
        children = boxes(column, "kind")
        for child in children:  # each beleidsterrein's box lies inside its opgave's column
            assert rect_of(column).contains(rect_of(child))
        columns[normal(name)] = sorted(normal(text_of(child.findall(f"{SVG}text")[0])) for child in children)
    expected = {normal(opgave): sorted(map(normal, terreinen)) for opgave, terreinen in BIJLAGE_1_COLUMNS.items()}
    assert columns == expected
    assert sum(len(terreinen) for terreinen in expected.values()) == 19


def test_heemskerk_columns_are_in_document_order_left_to_right(heemskerk: ET.Element) -> None:
    heads = sorted(boxes(heemskerk, "kop"), key=lambda g: rect_of(g).x)
    names = [normal(text_of(g.findall(f"{SVG}text")[1])) for g in heads]
    assert names == [normal(opgave) for opgave in BIJLAGE_1_COLUMNS]


def test_layers_add_laws_goals_and_budget(store: GraphStore) -> None:
    plain = render_diagram(store, HEEMSKERK, "bijlage1", "svg").decode()
    layered = render_diagram(store, HEEMSKERK, "bijlage1", "svg", wetten=True, doelen=True, budget=True).decode()
    root = ET.fromstring(layered)
    texts = [text_of(t) for t in root.iter(f"{SVG}text")]
    assert "Wet: Participatiewet" in texts and "Wet: Participatiewet" not in plain
    assert "Budget € 11.440.518 (2024)" in texts
    assert any(re.fullmatch(r"\d+ doelstellingen", t) for t in texts)
    assert_well_drawn(root)


def assert_well_drawn(root: ET.Element) -> None:
    """No two lines of text overlap, all lies on a page A4 wide and at most A4 high, boxed text stays in its
    box, AA contrast; the page's size in millimetres is the drawing's, so it prints at 100 %."""
    width, height = page_size(root)
    assert width == PAGE_WIDTH and 0 < height <= PAGE_HEIGHT
    assert root.get("width") == f"{width / MM:g}mm" and root.get("height") == f"{height / MM:g}mm"
    assert root.find(f"{SVG}title") is not None and root.find(f"{SVG}desc") is not None
    found = lines(root)
    assert found, "no <text> at all"
    page = Rect(0, 0, width, height)
    for line in found:
        assert page.contains(line.box), f"off the page: {line.text!r}"
        assert contrast(line.fill, line.background) >= 4.5, f"low contrast: {line.text!r}"
    for a, b in itertools.combinations(found, 2):
        if a.owner != b.owner:
            assert not a.box.overlaps(b.box), f"{a.text!r} overlaps {b.text!r}"
    for group in root.iter(f"{SVG}g"):
        if "box" not in (group.get("class") or "").split():
            continue
        assert group.find(f"{SVG}title") is not None and group.find(f"{SVG}desc") is not None
        own = [line for line in lines(group) if any(id(t) == line.owner for t in group.findall(f"{SVG}text"))]
        for line in own:
            assert rect_of(group).contains(line.box), f"{line.text!r} sticks out of its box"
        for child in group.findall(f"{SVG}g"):
            if "box" in (child.get("class") or "").split():
                assert rect_of(group).contains(rect_of(child)), "a box sticks out of its column"


def page_size(root: ET.Element) -> tuple[float, float]:
    _, _, width, height = (float(v) for v in (root.get("viewBox") or "").split())
    return width, height


def content_rects(root: ET.Element) -> list[Rect]:
    """Every line of loose text but the footer, and every outermost box: what the drawing consists of."""
    found = [line.box for line in lines(root) if line.css not in {"voet"}]
    return found + [rect_of(g) for g in root.findall(f"{SVG}g") if "box" in (g.get("class") or "").split()]


@pytest.mark.parametrize("plan_id", PLAN_IDS)
def test_bijlage1_has_no_empty_bands(store: GraphStore, plan_id: str) -> None:
    """The drawing follows the heading and the page ends with it: no band of white above, between or below."""
    root = ET.fromstring(render_diagram(store, plan_id, "bijlage1", "svg", voettekst=False))
    _, height = page_size(root)
    rects = sorted(content_rects(root), key=lambda r: r.y)
    for above, below in itertools.pairwise(rects):
        covered = max(r.bottom for r in rects if r.y <= above.y)
        assert below.y - covered <= 8 * MM, f"an empty band of {(below.y - covered) / MM:.0f} mm in {plan_id}"
    assert height - max(r.bottom for r in rects) <= 11 * MM  # the margin, rounded up to whole millimetres


def test_caption_and_footer_are_options(store: GraphStore, client: TestClient) -> None:
    """For a raadsvoorstel: "Bijlage 1" above the title, and no technical footer naming the plan-id."""
    plain = ET.fromstring(render_diagram(store, HEEMSKERK, "bijlage1", "svg"))
    assert any("plan-id" in line.text for line in lines(plain) if line.css == "voet")
    assert not [line for line in lines(plain) if line.css == "bijschrift"]
    asked = client.get(f"/diagrams/{HEEMSKERK}/bijlage1.svg", params={"bijschrift": "Bijlage 1", "voettekst": "false"})
    root = ET.fromstring(asked.content)
    found = lines(root)
    caption = [line for line in found if line.css == "bijschrift"]
    title = [line for line in found if line.css == "titel"]
    assert [line.text for line in caption] == ["Bijlage 1"] and caption[0].box.bottom < title[0].box.y
    assert not [line for line in found if line.css == "voet" or "plan-id" in line.text]
    assert_well_drawn(root)
    network = ET.fromstring(render_diagram(store, ALLE, "netwerk", "svg", bijschrift="Figuur 2", voettekst=False))
    assert "Figuur 2" in [line.text for line in lines(network)]
    assert not [line for line in lines(network) if line.css == "voet"]
    assert client.get(f"/diagrams/{HEEMSKERK}/bijlage1.svg", params={"bijschrift": "x" * 81}).status_code == 422


@pytest.mark.parametrize("plan_id", PLAN_IDS)
def test_every_bijlage1_is_well_drawn(store: GraphStore, plan_id: str) -> None:
    root = ET.fromstring(render_diagram(store, plan_id, "bijlage1", "svg", wetten=True, doelen=True, budget=True))
    assert_well_drawn(root)
    for child in boxes(root, "kind"):
        assert text_of(child.findall(f"{SVG}text")[0]), "a child without a label"


@pytest.mark.parametrize("plan_id", [*PLAN_IDS, ALLE])
def test_every_network_is_well_drawn(store: GraphStore, plan_id: str) -> None:
    root = ET.fromstring(render_diagram(store, plan_id, "netwerk", "svg"))
    assert_well_drawn(root)
    texts = " ".join(text_of(t) for t in root.iter(f"{SVG}text"))
    assert "Partners die de meeste doelen dienen" in texts


@pytest.mark.parametrize("kind", ["bijlage1", "netwerk"])
def test_the_same_graph_gives_the_same_drawing(store: GraphStore, kind: str) -> None:
    plan = "heemskerk-gala-2023-2026" if "heemskerk-gala-2023-2026" in PLAN_IDS else HEEMSKERK
    assert render_diagram(store, plan, kind, "svg") == render_diagram(store, plan, kind, "svg")


def test_the_side_table_and_the_drawing_agree(store: GraphStore) -> None:
    """Every partner of the figure 'most goals' is a node of the drawing, with the same count."""
    for plan_id in PLAN_IDS:
        figures = network_figures(store, plan_id)
        root = ET.fromstring(render_diagram(store, plan_id, "netwerk", "svg"))
        nodes = [text_of(t) for t in root.iter(f"{SVG}text") if t.get("class") == "knooplabel"]
        for row in figures["meeste_doelen"]:
            label = f"{row['partnerNaam']} ({row['doelen']})"
            assert any(label.startswith(node.rstrip("\u2026")) for node in nodes), (plan_id, label)


def test_a_plan_without_partner_links_says_so(store: GraphStore) -> None:
    root = ET.fromstring(render_diagram(store, HEEMSKERK, "netwerk", "svg"))
    if root.find(f".//{SVG}path[@class='rol-uitvoerder']") is not None:
        pytest.skip("the Heemskerk beleidsplan now has partner links")
    messages = [text_of(t) for t in root.iter(f"{SVG}text") if t.get("class") == "melding"]
    assert messages and "geen enkele partner" in messages[0]


def test_wrapping_keeps_every_word() -> None:
    text = "Welzijn & maatschappelijke dienstverlening en Onderwijsachterstandenbeleid"
    wrapped = wrap(text, 60, 11.3)
    assert all(text_width(line, 11.3) <= 60 + 1e-6 for line in wrapped)
    assert normal("".join(wrapped)) == normal(text)


@pytest.mark.parametrize(("fmt", "magic"), [("png", b"\x89PNG\r\n\x1a\n"), ("pdf", b"%PDF-")])
def test_png_and_pdf_are_what_they_say(store: GraphStore, fmt: str, magic: bytes) -> None:
    assert render_diagram(store, HEEMSKERK, "bijlage1", fmt).startswith(magic)
    assert render_diagram(store, ALLE, "netwerk", fmt).startswith(magic)


def test_unknown_plan_kind_and_format(store: GraphStore) -> None:
    with pytest.raises(NotFound, match="Onbekend plan"):
        render_diagram(store, "bestaat-niet", "bijlage1", "svg")
    with pytest.raises(NotFound, match="alleen bij het netwerk"):
        render_diagram(store, ALLE, "bijlage1", "svg")
    with pytest.raises(ValueError, match="diagramsoort"):
        render_diagram(store, HEEMSKERK, "taart", "svg")
    with pytest.raises(ValueError, match="formaat"):
        render_diagram(store, HEEMSKERK, "bijlage1", "gif")


@pytest.fixture(scope="module")
def client(store: GraphStore) -> TestClient:
    app = FastAPI()
    app.include_router(router)
    app.state.store = store
    return TestClient(app)


@pytest.mark.parametrize(
    ("path", "media_type", "magic"),
    [
        (f"/diagrams/{HEEMSKERK}/bijlage1.svg?wetten=true", "image/svg+xml", b"<?xml"),
        (f"/diagrams/{HEEMSKERK}/bijlage1.png", "image/png", b"\x89PNG"),
        (f"/diagrams/{HEEMSKERK}/netwerk.pdf", "application/pdf", b"%PDF-"),
        ("/diagrams/alle/netwerk.svg", "image/svg+xml", b"<?xml"),
    ],
)
def test_router_serves_each_format(client: TestClient, path: str, media_type: str, magic: bytes) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media_type)
    assert response.content.startswith(magic)


def test_router_gives_a_dutch_404_for_an_unknown_plan(client: TestClient) -> None:
    response = client.get("/diagrams/bestaat-niet/bijlage1.svg")
    assert response.status_code == 404
    assert "Onbekend plan 'bestaat-niet'" in response.json()["detail"]
    assert client.get("/diagrams/bestaat-niet/netwerk.json").status_code == 404


def test_router_gives_the_figures_as_data(client: TestClient) -> None:
    figures = client.get("/diagrams/alle/netwerk.json").json()
    assert set(figures) == {"meeste_doelen", "weinig_partners", "verbindend"}
    assert all(int(row["aantalGemeenten"]) > 1 for row in figures["verbindend"])
    counts = [int(row["doelen"]) for row in figures["meeste_doelen"]]
    assert counts == sorted(counts, reverse=True)


@pytest.mark.parametrize(("kind", "suffix", "magic"), [("bijlage1", ".pdf", b"%PDF-"), ("netwerk", ".svg", b"<?xml")])
def test_cli_writes_the_format_of_the_extension(tmp_path: Path, kind: str, suffix: str, magic: bytes) -> None:
    output = tmp_path / f"diagram{suffix}"
    diagram(DiagramKind(kind), HEEMSKERK, output)
    assert output.read_bytes().startswith(magic)
