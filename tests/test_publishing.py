"""Publishing from the browser and the API: accounts, preview, versions, audit trail, and what is refused.

Every refused request leaves the data directory byte for byte as it was; a crash at any moment of a publish leaves
the previous version or the new one, complete; of two publishes on the same version one wins, the other gets 409.
"""

from __future__ import annotations

import hashlib
import io
import re
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from fastapi.testclient import TestClient

from api.errors import VersionConflict
from api.kg import graph
from api.kg.publishing import accounts, audit
from api.kg.publishing import service as publishing
from api.kg.publishing.versions import published
from api.kg.queries import catalog, run_named
from api.kg.workbook.service import export_plan
from api.settings import Settings
from api.web.app import create_app
from tests.graphdata import project_copy
from tests.live import oxigraph_server

PLAN = "heemstede-wmo-2025-2028"
NEW_TITLE = "Beleidsplan Wmo Heemstede 2025-2028, herziene versie"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    if folder.exists():
        for path in sorted(folder.rglob("*")):
            digest.update(str(path.relative_to(folder)).encode())
            if path.is_file():
                digest.update(path.read_bytes())
    return digest.hexdigest()


def edited(original: bytes, title: str = NEW_TITLE, **cells: tuple[str, int, str, object]) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(original))

    def put(sheet: str, row: int, header: str, value: object) -> None:
        headers = [c.value for c in book[sheet][1]]
        book[sheet].cell(row=row, column=headers.index(header) + 1, value=value)

    put("Plan", 2, "Titel", title)
    for sheet, row, header, value in cells.values():
        put(sheet, row, header, value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@dataclass
class Site:
    settings: Settings
    client: TestClient
    workbook: bytes  # the plan as published now, exported
    heemstede: str  # token of an account of gm0397
    heemskerk: str  # token of an account of gm0396

    def publish(self, data: bytes, basis: int | None, token: str | None = None, **extra: str) -> object:
        headers = {"Content-Type": XLSX}
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        params = {"basis": str(basis)} if basis is not None else {}
        return self.client.post(f"/plannen/{PLAN}/versies", content=data, headers=headers, params={**params, **extra})


@pytest.fixture(scope="module")
def exported() -> bytes:
    settings = Settings()
    return export_plan(graph.open_store(settings), catalog(settings.queries_dir), PLAN)


@dataclass
class Copy:
    settings: Settings
    workbook: bytes
    heemstede: str
    heemskerk: str


@pytest.fixture
def copy(tmp_path: Path, exported: bytes) -> Copy:
    """The project in a temporary folder (its own var/), with an account for Heemstede and one for Heemskerk."""
    settings = project_copy(Settings(), tmp_path / "project")
    _, heemstede = accounts.add_account(settings, "gm0397", "Beleidsmedewerker Wmo Heemstede")
    _, heemskerk = accounts.add_account(settings, "gm0396", "Beleidsmedewerker Heemskerk")
    return Copy(settings, exported, heemstede, heemskerk)


@pytest.fixture
def site(copy: Copy) -> Iterator[Site]:
    with TestClient(create_app(copy.settings)) as client:
        yield Site(copy.settings, client, copy.workbook, copy.heemstede, copy.heemskerk)


def titles(client: TestClient) -> list[str]:
    query = f"SELECT ?t WHERE {{ <https://beleidsgraaf.nl/id/plan/{PLAN}> <http://purl.org/dc/terms/title> ?t }}"
    answer = client.get("/sparql", params={"query": query}, headers={"Accept": "application/sparql-results+json"})
    return [b["t"]["value"] for b in answer.json()["results"]["bindings"]]


def test_a_published_version_is_served_everywhere_and_described_in_prov(site: Site) -> None:
    before = titles(site.client)
    answer = site.publish(edited(site.workbook), basis=0, token=site.heemstede, toelichting="Titel herzien")
    assert answer.status_code == 201, answer.text
    assert answer.json()["versie"] == 1 and answer.headers["location"] == f"/id/plan/{PLAN}/versies/1"
    assert titles(site.client) == [NEW_TITLE] and before != [NEW_TITLE]
    assert NEW_TITLE in site.client.get(f"/id/plan/{PLAN}", headers={"Accept": "text/html"}).text
    assert [v["versie"] for v in site.client.get(f"/plannen/{PLAN}/versies").json()] == [0, 1]
    history = """PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX dct: <http://purl.org/dc/terms/>
      SELECT ?v ?replaces ?who ?when WHERE { GRAPH <https://beleidsgraaf.nl/graph/versies> {
        ?v dct:isVersionOf <https://beleidsgraaf.nl/id/plan/PLAN> ; dct:replaces ?replaces ;
           prov:wasAttributedTo/prov:actedOnBehalfOf ?who ; prov:generatedAtTime ?when } }""".replace("PLAN", PLAN)
    rows = site.client.get("/sparql", params={"query": history}, headers={"Accept": "application/sparql-results+json"})
    (row,) = rows.json()["results"]["bindings"]
    assert row["v"]["value"].endswith(f"/{PLAN}/versies/1") and row["replaces"]["value"].endswith("/versies/0")
    assert row["who"]["value"].endswith("/gm0397")
    page = site.client.get(f"/id/plan/{PLAN}/versies/1").text
    assert "Titel herzien" in page and NEW_TITLE in page and "Beleidsplan maatschappelijke ondersteuning" in page
    # the second version must say it builds on the first
    assert site.publish(edited(site.workbook, "Nog een titel"), basis=0, token=site.heemstede).status_code == 409
    assert site.publish(edited(site.workbook, "Nog een titel"), basis=1, token=site.heemstede).status_code == 201
    diff = site.client.get(f"/id/plan/{PLAN}/versies/vergelijk", params={"van": 1, "naar": 2}).text
    assert NEW_TITLE in diff and "Nog een titel" in diff
    # an older version can be read back as the workbook it was
    older = openpyxl.load_workbook(io.BytesIO(site.client.get(f"/id/plan/{PLAN}/versies/1.xlsx").content))
    assert [c.value for c in older["Plan"][2]][1] == NEW_TITLE


def test_every_refusal_gets_its_status_and_changes_nothing(site: Site) -> None:
    good = edited(site.workbook)
    revoked_account, revoked = accounts.add_account(site.settings, "gm0397", "Oud-medewerker")
    accounts.revoke_account(site.settings, revoked_account.id)
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<x/>")
        archive.writestr("xl/workbook.xml", b"<x/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * 60_000_000)
    before = tree_digest(site.settings.published_dir)
    cases = [
        ("no token", site.publish(good, 0), 401),
        ("wrong token", site.publish(good, 0, token="bgt_" + "x" * 43), 401),
        ("revoked token", site.publish(good, 0, token=revoked), 401),
        ("other municipality", site.publish(good, 0, token=site.heemskerk), 403),
        ("no base version", site.publish(good, None, token=site.heemstede), 428),
        ("stale base version", site.publish(good, 3, token=site.heemstede), 409),
        ("not a workbook", site.publish(b"Naam;Waarde\nx;1\n", 0, token=site.heemstede), 415),
        ("zip bomb", site.publish(bomb.getvalue(), 0, token=site.heemstede), 413),
        ("200 MB", site.publish(b"PK" + b"\0" * 200_000_000, 0, token=site.heemstede), 413),
    ]
    for name, answer, status in cases:
        assert answer.status_code == status, (name, answer.status_code, answer.text[:300])
    # a form without its CSRF code, from a logged-in browser
    page = site.client.get("/publiceren")
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    assert site.client.post("/publiceren/inloggen", data={"csrf": csrf, "token": site.heemstede}).status_code == 200
    forged = site.client.post("/publiceren/intrekken", data={"plan": PLAN, "basis": "0"})
    assert forged.status_code == 403 and "CSRF" in forged.text
    cross_site = site.client.post(
        "/publiceren/intrekken",
        data={"plan": PLAN, "basis": "0", "csrf": csrf},
        headers={"Origin": "https://elders.example"},
    )
    assert cross_site.status_code == 403
    # the SPARQL endpoint stays read-only whatever token is sent
    update = site.client.post(
        "/sparql",
        data={"update": "DROP ALL"},
        headers={"Authorization": f"Bearer {site.heemstede}"},
    )
    assert update.status_code >= 400 and titles(site.client)
    csrf_refusals = [e for e in audit.entries(site.settings) if "CSRF" in e.reden or "andere site" in e.reden]
    assert [e.actie for e in csrf_refusals] == ["intrekken", "intrekken"]
    assert tree_digest(site.settings.published_dir) == before
    reasons = " | ".join(e.reden for e in audit.entries(site.settings) if not e.accepted)
    for reason in ("Authorization: Bearer", "hoort bij geen account", "ingetrokken", "mag plan", "huidige versie is 0"):
        assert reason in reasons, reason
    foreign = [e for e in audit.entries(site.settings, "gm0397") if e.gemeente == "gm0396"]
    assert foreign and foreign[0].uitkomst == "geweigerd" and "mag plan" in foreign[0].reden


def test_the_browser_flow_shows_the_cell_then_the_diff_then_publishes(site: Site) -> None:
    client = site.client
    csrf = re.search(r'name="csrf" value="([^"]+)"', client.get("/publiceren").text).group(1)  # type: ignore[union-attr]
    wrong = client.post("/publiceren/inloggen", data={"csrf": csrf, "token": "bgt_fout"})
    assert wrong.status_code == 401 and "hoort bij geen account" in wrong.text
    assert client.post("/publiceren/inloggen", data={"csrf": csrf, "token": site.heemstede}).status_code == 200
    assert "Ingelogd als" in client.get("/publiceren").text
    broken = edited(site.workbook, a=("Doelstellingen", 2, "SMART", "misschien"))
    files = {"werkboek": ("plan.xlsx", broken, XLSX)}
    answer = client.post("/publiceren/voorbeeld", data={"csrf": csrf}, files=files)
    assert answer.status_code == 422 and "Doelstellingen" in answer.text and "misschien" in answer.text
    assert "Publiceren</button>" not in answer.text
    files = {"werkboek": ("plan.xlsx", edited(site.workbook), XLSX)}
    answer = client.post("/publiceren/voorbeeld", data={"csrf": csrf}, files=files)
    assert answer.status_code == 200 and "1 gewijzigd" in answer.text and NEW_TITLE in answer.text
    hidden = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', answer.text))
    assert hidden["basis"] == "0" and hidden["plan"] == PLAN
    done = client.post("/publiceren/plan", data={**hidden, "toelichting": "Via de browser"})
    assert done.status_code == 200 and "Versie 1 is gepubliceerd" in done.text
    assert titles(client) == [NEW_TITLE]
    log = client.get("/beheer/audit").text
    assert "publiceren (web)" in log and "geaccepteerd" in log
    # restore version 0 (a new version), then withdraw
    restore = {"csrf": csrf, "plan": PLAN, "versie": "0", "basis": "1", "toelichting": "terug"}
    assert client.post("/publiceren/herstellen", data=restore).status_code == 200
    assert titles(client) != [NEW_TITLE] and titles(client)
    assert client.post("/publiceren/intrekken", data={"csrf": csrf, "plan": PLAN, "basis": "2"}).status_code == 200
    assert titles(client) == []
    assert [v.action for v in publishing.history(site.settings, PLAN)] == [
        "meegeleverd",
        "publiceren",
        "herstellen",
        "intrekken",
    ]


def test_another_web_worker_serves_the_new_version_after_a_publish(site: Site) -> None:
    with TestClient(create_app(site.settings)) as other:
        assert titles(other) != [NEW_TITLE]
        assert site.publish(edited(site.workbook), basis=0, token=site.heemstede).status_code == 201
        deadline = time.monotonic() + 60
        while titles(other) != [NEW_TITLE] and time.monotonic() < deadline:
            time.sleep(0.3)
        assert titles(other) == [NEW_TITLE]


def test_two_concurrent_publishes_one_wins_the_other_conflicts(copy: Copy) -> None:
    site = copy
    settings = site.settings
    store = graph.open_store(settings)
    account = accounts.authenticate(settings, site.heemstede)
    outcomes: list[object] = []

    def attempt(title: str) -> None:
        try:
            outcomes.append(publishing.publish(edited(site.workbook, title), settings, store, account, basis=0))
        except VersionConflict as error:
            outcomes.append(error)

    threads = [threading.Thread(target=attempt, args=(t,)) for t in ("Titel A", "Titel B")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(type(o).__name__ for o in outcomes) == ["Version", "VersionConflict"]
    assert [v.number for v in publishing.history(settings, PLAN)] == [0, 1]


CRASH = """
import os, signal, sys
from pathlib import Path
from api.settings import Settings
from api.kg import graph
from api.kg.publishing import accounts, service, versions

point, nth = sys.argv[2], int(sys.argv[3])
settings = Settings(root=Path(sys.argv[1]))
calls = {"n": 0}

def crashing(original):
    def wrapper(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == nth:
            os.kill(os.getpid(), signal.SIGKILL)
        return original(*args, **kwargs)
    return wrapper

if point == "write":
    versions._write = crashing(versions._write)
elif point == "rename":
    versions.os.rename = crashing(os.rename)
elif point == "stamp":
    versions.touch_stamp = crashing(versions.touch_stamp)
account = accounts.authenticate(settings, sys.argv[4])
service.publish(Path(sys.argv[5]).read_bytes(), settings, graph.open_store(settings), account, basis=0)
"""


@pytest.mark.parametrize(("point", "nth"), [("write", 1), ("write", 3), ("rename", 1), ("stamp", 1)])
def test_a_kill_at_any_moment_leaves_the_old_or_the_new_version_whole(
    copy: Copy, tmp_path: Path, point: str, nth: int
) -> None:
    site = copy
    workbook = tmp_path / "plan.xlsx"
    workbook.write_bytes(edited(site.workbook))
    command = [sys.executable, "-c", CRASH, str(site.settings.root), point, str(nth), site.heemstede, str(workbook)]
    finished = subprocess.run(command, cwd=Path(__file__).parent.parent, capture_output=True, timeout=300)
    assert finished.returncode == -9, finished.stderr.decode()[-2000:]
    store = graph.open_store(site.settings)  # what a restart serves
    rows = run_named(store, catalog(site.settings.queries_dir), "plan", plan=PLAN).records()
    served = {r["titel"] for r in rows}
    current = published(site.settings.published_dir)
    if point == "stamp":  # killed after the rename: the new version is there, complete
        assert served == {NEW_TITLE} and current[PLAN].number == 1
    else:
        assert served != {NEW_TITLE} and PLAN not in current
    if point != "rename":
        return
    # the next publish works, and tidies what the crash left
    account = accounts.authenticate(site.settings, site.heemstede)
    basis = 1 if point == "stamp" else 0
    publishing.publish(edited(site.workbook, "Na de crash"), site.settings, store, account, basis=basis)
    assert not [p for p in (site.settings.published_dir / PLAN).iterdir() if p.name.startswith(".")]


def test_publishing_against_a_remote_sparql_server_reloads_it(copy: Copy) -> None:
    with oxigraph_server() as base:
        settings = Settings(
            root=copy.settings.root, sparql_query_url=base + "/query", sparql_update_url=base + "/update"
        )
        graph.load(settings)
        with TestClient(create_app(settings)) as client:
            site = Site(settings, client, copy.workbook, copy.heemstede, copy.heemskerk)
            assert site.publish(edited(copy.workbook), basis=0, token=copy.heemstede).status_code == 201
            assert titles(client) == [NEW_TITLE]  # read back from the server, not from this process
