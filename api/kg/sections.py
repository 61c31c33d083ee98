"""The order of a document's sections, as people number them: 2 < 2.1 < 2.1a < 10 < 'bijlage 1'."""

from __future__ import annotations


def section_key(section: str) -> tuple[int, list[tuple[int, str]]]:
    """Numbers compare as numbers, a title after the number ('3 De opgaven') counts as the number itself, words
    without a number come last."""
    pieces = []
    for piece in section.replace("-", ".").split("."):
        digits = piece[: len(piece) - len(piece.lstrip("0123456789"))]
        rest = piece[len(digits) :]
        pieces.append((int(digits) if digits else 10**9, "" if digits and rest.startswith(" ") else rest))
    return (0 if section[:1].isdigit() else 1, pieces)
