"""Headers every response carries: a Content-Security-Policy, nosniff, no framing, a referrer policy;
and CORS on data only.

Pages load only the service's own scripts and styles (YASGUI and Swagger UI are vendored), so the
policy can say 'self' and nothing else; the two editors set style attributes at run time, so their
pages allow inline styles, never inline script. CORS is a property of data, not of pages: a response
in any format but HTML may be read cross-origin (the SPARQL endpoint, REST, downloads, linked data
as RDF), an HTML page may not, and no route that writes ever gets it. Written as plain ASGI, not
BaseHTTPMiddleware, so streaming responses and the hot path stay as they are.
"""

from __future__ import annotations

from collections.abc import Iterable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

PAGE_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
EDITOR_POLICY = PAGE_POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
EDITOR_PAGES = ("/query", "/docs")
# Diagrams opened on their own: styles inside the SVG, nothing else.
IMAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'"
DATA_POLICY = "default-src 'none'; frame-ancestors 'none'"

COMMON = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"strict-origin-when-cross-origin"),
]
CORS = [
    (b"access-control-allow-origin", b"*"),
    (b"access-control-expose-headers", b"Content-Type, Vary, Retry-After, Content-Disposition"),
]
# Routes that change data (publishing, accounts) get no CORS, also not on a preflight.
WRITE_PREFIXES = ("/publiceren", "/beheer")
PREFLIGHT_METHODS = b"GET, POST, OPTIONS"
PREFLIGHT_HEADERS = b"Accept, Content-Type"


def _policy(path: str, content_type: bytes) -> bytes:
    if content_type.startswith(b"text/html"):
        return (EDITOR_POLICY if path in EDITOR_PAGES else PAGE_POLICY).encode()
    if content_type.startswith(b"image/svg+xml"):
        return IMAGE_POLICY.encode()
    return DATA_POLICY.encode()


def _content_type(headers: Iterable[tuple[bytes, bytes]]) -> bytes:
    return next((value.lower() for name, value in headers if name.lower() == b"content-type"), b"")


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        writes = path.startswith(WRITE_PREFIXES) or (path.startswith("/plannen/") and path.endswith("/versies"))
        if scope["method"] == "OPTIONS" and not writes and _is_preflight(scope):
            await _preflight(send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                content_type = _content_type(headers)
                present = {name.lower() for name, _ in headers}
                extra = [*COMMON, (b"content-security-policy", _policy(path, content_type))]
                if content_type.startswith(b"text/html") or not content_type:
                    extra.append((b"x-frame-options", b"DENY"))
                elif not writes:
                    extra.extend(CORS)
                headers.extend((name, value) for name, value in extra if name not in present)
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _is_preflight(scope: Scope) -> bool:
    names = {name.lower() for name, _ in scope.get("headers", [])}
    return b"origin" in names and b"access-control-request-method" in names


async def _preflight(send: Send) -> None:
    headers = [
        *COMMON,
        (b"access-control-allow-origin", b"*"),
        (b"access-control-allow-methods", PREFLIGHT_METHODS),
        (b"access-control-allow-headers", PREFLIGHT_HEADERS),
        (b"access-control-max-age", b"600"),
        (b"vary", b"Origin"),
        (b"content-length", b"0"),
    ]
    await send({"type": "http.response.start", "status": 204, "headers": headers})
    await send({"type": "http.response.body", "body": b""})
