"""Start the real service as a separate process on loopback, for tests that need HTTP for real."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_up(url: str, process: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"process for {url} exited with {process.returncode}")
        try:
            httpx.get(url, timeout=10)  # any answer: uvicorn listens only once start-up is done
            return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not come up within {seconds} s")


@contextmanager
def running_service(workers: int = 1, **settings: str) -> Iterator[str]:
    """`beleidsgraaf serve` (with its uvicorn limits) on a free loopback port; settings as BELEIDSGRAAF_* variables."""
    port = free_port()
    env = {**os.environ, **{f"BELEIDSGRAAF_{key.upper()}": value for key, value in settings.items()}}
    command = [sys.executable, "-m", "api.cli", "serve", "--host", "127.0.0.1", "--port", str(port)]
    command += ["--workers", str(workers)]
    process = subprocess.Popen(command, cwd=ROOT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base + "/health", process)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def oxigraph_server() -> Iterator[str]:
    """An in-memory `oxigraph serve` (from the oxigraph package on PyPI) with a union default graph."""
    port = free_port()
    binary = Path(sys.executable).parent / "oxigraph"
    command = [str(binary), "serve", "--bind", f"127.0.0.1:{port}", "--union-default-graph"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base + "/query?query=ASK%7B%7D", process)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)
