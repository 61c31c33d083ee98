"""Query workers without network: their own user and network namespace, entered at start.

pyoxigraph executes SERVICE against any host and has no switch to turn it off. The parse-based
refusal (api.kg.sparql_text) is one wall; this is the other: a worker that has unshared its network
namespace sees only a loopback interface that is down, so no query it runs can reach another host,
whatever the query says. Where the OS refuses unprivileged user namespaces (some containers, kernels
with the sysctl off, non-Linux), the worker runs on with the refusal as the only wall, unless the
setting says isolation is required.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys
from dataclasses import dataclass
from typing import Literal

SandboxMode = Literal["auto", "required", "off"]

CLONE_NEWUSER = 0x10000000
CLONE_NEWNET = 0x40000000


@dataclass(frozen=True)
class Isolation:
    isolated: bool
    reason: str  # why not, in words; empty when isolated


def isolate() -> Isolation:
    """Move this process into a new user+network namespace; must run before any thread starts."""
    if not sys.platform.startswith("linux"):
        return Isolation(False, f"geen Linux ({sys.platform}): netwerk-namespaces ontbreken")
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        unshare = libc.unshare
    except (OSError, AttributeError) as error:
        return Isolation(False, f"unshare() niet beschikbaar: {error}")
    if unshare(CLONE_NEWUSER | CLONE_NEWNET) != 0:
        errno = ctypes.get_errno()
        return Isolation(False, f"unshare(CLONE_NEWUSER|CLONE_NEWNET) geweigerd: {os.strerror(errno)}")
    return Isolation(True, "")


def enter(mode: SandboxMode) -> Isolation:
    """Apply the setting at a worker's start; exits the worker when isolation is required but refused."""
    if mode == "off":
        return Isolation(False, "uitgeschakeld (BELEIDSGRAAF_QUERY_SANDBOX=off)")
    result = isolate()
    if not result.isolated and mode == "required":
        print(
            f"beleidsgraaf query-werkproces: geen netwerkisolatie ({result.reason}) en "
            "BELEIDSGRAAF_QUERY_SANDBOX=required; het werkproces stopt.",
            file=sys.stderr,
        )
        raise SystemExit(3)
    return result


def has_own_network(pid: int) -> bool:
    """True when process `pid` lives in another network namespace than this one (Linux /proc)."""
    try:
        return os.readlink(f"/proc/{pid}/ns/net") != os.readlink("/proc/self/ns/net")
    except OSError:
        return False
