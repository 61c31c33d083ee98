"""SVG from the jinja2 templates, and PNG/PDF from that SVG through CairoSVG.

The SVG is the one drawing; PNG and PDF are conversions of it, so the three formats never disagree.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import cairosvg
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from api.kg.diagrams.layout import FONT_FAMILY, MM

TEMPLATES = Path(__file__).resolve().parent / "templates"
FORMATS: dict[str, str] = {
    "svg": "image/svg+xml",
    "png": "image/png",
    "pdf": "application/pdf",
}
PNG_SCALE = 2.0  # 297 mm at 96 dpi times two: about 190 dpi, sharp enough for 6 pt text


def _number(value: float) -> str:
    """Coordinates with two decimals and no trailing zeros: small files, stable diffs."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _zip(left: Iterable[Any], right: Iterable[Any]) -> Iterator[tuple[Any, Any]]:
    return zip(left, right, strict=True)


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["n"] = _number
    env.filters["zip"] = _zip
    return env


def render_svg(template: str, **context: Any) -> bytes:
    """Fill a template from templates/ (e.g. 'bijlage1.svg.j2') into UTF-8 SVG."""
    text = environment().get_template(template).render(font=FONT_FAMILY, mm=MM, **context)
    return text.encode("utf-8")


def convert(svg: bytes, fmt: str) -> bytes:
    """The SVG itself, or CairoSVG's rendering of it as PNG or PDF (the SVG's own size: A4 wide, at most A4 high)."""
    if fmt == "svg":
        return svg
    if fmt == "png":
        return bytes(cairosvg.svg2png(bytestring=svg, scale=PNG_SCALE))
    if fmt == "pdf":
        return bytes(cairosvg.svg2pdf(bytestring=svg))
    raise ValueError(f"onbekend formaat '{fmt}'; kies uit {', '.join(FORMATS)}")
