"""Public means bounded: a runaway query is stopped at its limit while others are answered."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import httpx
import pytest

from tests.live import running_service

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
QUICK = "ASK { ?s ?p ?o }"
LIMIT = 2.0


@pytest.fixture(scope="module")
def service() -> Iterator[str]:
    with running_service(query_timeout=str(LIMIT), query_workers="2", max_result_bytes="20000") as base:
        yield base


def test_runaway_query_is_stopped_while_another_client_is_answered(service: str) -> None:
    outcome: dict[str, object] = {}

    def slow() -> None:
        started = time.monotonic()
        response = httpx.get(f"{service}/sparql", params={"query": RUNAWAY}, timeout=30)
        outcome.update(status=response.status_code, text=response.text, seconds=time.monotonic() - started)

    thread = threading.Thread(target=slow)
    thread.start()
    time.sleep(0.3)
    started = time.monotonic()
    quick = httpx.get(f"{service}/sparql", params={"query": QUICK}, timeout=30)
    quick_seconds = time.monotonic() - started
    thread.join(timeout=30)

    assert quick.status_code == 200 and '"boolean":true' in quick.text
    assert quick_seconds < LIMIT, "the other client waited for the runaway query"
    assert outcome["status"] == 503
    assert "tijdslimiet" in str(outcome["text"])
    assert float(outcome["seconds"]) < LIMIT + 1.5  # type: ignore[arg-type]


def test_service_keeps_answering_after_stopping_queries(service: str) -> None:
    for _ in range(3):
        assert httpx.get(f"{service}/sparql", params={"query": RUNAWAY}, timeout=30).status_code == 503
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        response = httpx.get(f"{service}/sparql", params={"query": QUICK}, timeout=30)
        if response.status_code == 200:
            return
        time.sleep(0.5)
    pytest.fail("the service did not recover after its workers were replaced")


def test_result_size_limit_gives_an_error_not_a_truncated_200(service: str) -> None:
    response = httpx.get(f"{service}/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"}, timeout=30)
    assert response.status_code == 503
    assert "limiet" in response.text


@pytest.mark.parametrize(
    "template",
    [
        "SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
        "LOAD <http://127.0.0.1:{port}/data.ttl>",
    ],
)
def test_service_and_load_never_reach_the_network(service: str, template: str) -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        listener.settimeout(1.0)
        query = template.format(port=listener.getsockname()[1])
        response = httpx.post(f"{service}/sparql", data={"query": query}, timeout=30)
        assert response.status_code == 400
        with pytest.raises(TimeoutError):
            listener.accept()
