"""/plannen/{id}.pdf (#15 item 4): the plan page as an A4 PDF, made on the server, holding what the page holds,
and fetching nothing but its own stylesheet and drawing."""

from __future__ import annotations

import shutil
import subprocess
import threading
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.kg.store import GraphStore
from api.web import plan_pdf
from api.web.plan_pdf import LocalFetcher

PDFTOTEXT = shutil.which("pdftotext")


@pytest.mark.skipif(PDFTOTEXT is None, reason="needs poppler-utils (pdftotext); make test installs it")
def test_the_plan_pdf_holds_the_plan_page(client: TestClient, tmp_path: Path) -> None:
    response = client.get("/plannen/heemstede-wmo-2025-2028.pdf")
    assert response.status_code == 200 and response.headers["content-type"] == "application/pdf"
    assert 'filename="heemstede-wmo-2025-2028.pdf"' in response.headers["content-disposition"]
    (tmp_path / "plan.pdf").write_bytes(response.content)
    info = subprocess.run(["pdfinfo", str(tmp_path / "plan.pdf")], capture_output=True, text=True, check=True).stdout
    assert "595.276 x 841.89 pts (A4)" in info
    text = subprocess.run([str(PDFTOTEXT), str(tmp_path / "plan.pdf"), "-"], capture_output=True, text=True).stdout
    flat = " ".join(text.split())
    assert "Beleidsplan maatschappelijke ondersteuning (Wmo) Heemstede 2025-2028" in flat
    assert "Uitvoeringsagenda" in flat and "Afspraken budgetsubsidie WIJ Heemstede 2025-2028 monitoren" in flat
    assert "Alles in dit plan" in flat and "pagina 1 van" in flat
    assert "Hoofdmenu" not in flat and "Zoek op naam" not in flat, "the print stylesheet leaves navigation out"


def test_an_unknown_plan_gives_404(client: TestClient) -> None:
    assert client.get("/plannen/bestaat-niet.pdf").status_code == 404


def test_the_pdf_fetches_nothing_from_elsewhere(store: GraphStore) -> None:
    fetch = LocalFetcher(store, "http://testserver")
    assert fetch("http://testserver/static/beleidsgraaf.css").status == 200
    for url in ("https://example.org/x.css", "http://testserver/static/../../pyproject.toml",
                "http://testserver/sparql?query=ASK{}", "file:///etc/passwd"):  # fmt: skip
        with pytest.raises(ValueError):
            fetch(url)


def test_a_plan_pdf_is_made_once_and_a_crowd_gets_a_clear_503(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:

    first = client.get("/plannen/heemskerk-gala-2023-2026.pdf").content
    monkeypatch.setattr(plan_pdf, "RENDERING", threading.BoundedSemaphore(1))
    plan_pdf.RENDERING.acquire()  # as if another request were typesetting
    monkeypatch.setattr(plan_pdf, "WAIT_SECONDS", 0.05)
    assert client.get("/plannen/heemskerk-gala-2023-2026.pdf").content == first, "the cached PDF needs no typesetting"
    busy = client.get("/plannen/heiloo-gebiedsplan-2023-2024.pdf", headers={"Accept": "text/html"})
    assert busy.status_code == 503 and "probeer het over een minuut opnieuw" in busy.text
