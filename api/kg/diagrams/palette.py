"""Colours of the diagrams, chosen for WCAG AA contrast and never the only carrier of meaning.

Every level is also named in text ("Maatschappelijke opgave", "Beleidsterreinen"), so the colours only
help the eye group a column; `contrast` lets the tests prove each text/background pair reaches 4.5:1.
"""

from __future__ import annotations

from dataclasses import dataclass

TEXT = "#1a1a1a"
MUTED = "#4d4d4d"
WHITE = "#ffffff"
PAGE = "#ffffff"
RULE = "#767676"


@dataclass(frozen=True)
class Hue:
    """A column's colours: a dark header (white text on it), a light panel and the box outline."""

    dark: str
    light: str


HUES: tuple[Hue, ...] = (
    Hue("#1f4e79", "#e9f0f7"),  # blue
    Hue("#2d6a2f", "#eaf4ea"),  # green
    Hue("#8a3b12", "#f9eee7"),  # rust
    Hue("#5b3a8c", "#f1ecf8"),  # purple
    Hue("#0e5f64", "#e5f3f3"),  # teal
    Hue("#8a1f5c", "#f8eaf2"),  # plum
    Hue("#665500", "#f6f2dc"),  # olive
    Hue("#3d4a5c", "#edf0f4"),  # slate
)

MISSIE = Hue("#6b4a00", "#fbf2d9")
VISIE = Hue("#1f4e79", "#e4eef8")


def hue(index: int) -> Hue:
    return HUES[index % len(HUES)]


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance of a #rrggbb colour."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(foreground: str, background: str) -> float:
    """WCAG 2.1 contrast ratio, from 1 to 21; AA asks 4.5 for normal text."""
    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)
