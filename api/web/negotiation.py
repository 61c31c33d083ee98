"""Content negotiation from explicit tables: RFC 9110 Accept headers with q-values.

The caller offers media types in its order of preference; the client's Accept decides.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class MediaRange:
    type: str
    subtype: str
    q: float
    specificity: int

    def matches(self, media_type: str) -> bool:
        kind, _, sub = media_type.partition("/")
        return (self.type in ("*", kind)) and (self.subtype in ("*", sub))


def parse_accept(header: str | None) -> list[MediaRange]:
    """Media ranges of an Accept header, most specific first; a missing header accepts anything."""
    if not header or not header.strip():
        return [MediaRange("*", "*", 1.0, 0)]
    ranges = []
    for part in header.split(","):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if "/" not in media:
            if media == "*":
                media = "*/*"
            else:
                continue
        kind, _, sub = media.partition("/")
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        specificity = (kind != "*") + (sub != "*")
        ranges.append(MediaRange(kind, sub, q, specificity))
    return sorted(ranges, key=lambda r: -r.specificity)


def quality(ranges: Sequence[MediaRange], media_type: str) -> float:
    """The q-value the most specific matching range gives this media type (0 when none matches)."""
    for media_range in ranges:
        if media_range.matches(media_type):
            return media_range.q
    return 0.0


def choose(header: str | None, offered: Sequence[str], aliases: dict[str, str] | None = None) -> str | None:
    """The offered media type the client prefers; ties go to the server's order. None means 406.

    `aliases` maps a media type clients ask for (application/json) to an offered one, so that it counts
    as acceptable without being advertised twice.
    """
    ranges = parse_accept(header)
    best, best_q = None, 0.0
    for media_type in offered:
        q = quality(ranges, media_type)
        if q > best_q:
            best, best_q = media_type, q
    for asked, offered_type in (aliases or {}).items():
        if offered_type in offered:
            q = next((r.q for r in ranges if r.specificity == 2 and r.matches(asked)), 0.0)
            if q > best_q:
                best, best_q = offered_type, q
    return best
