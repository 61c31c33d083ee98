"""Errors of the checks: only broken shapes raise; findings about the data are returned as data.

BeleidsgraafError (api.errors)
└── ShapeError                  a shapes file the engine cannot use (file or shape, and why)
    └── UnsupportedFeature      a SHACL feature outside the compiled subset (shape and feature)
"""

from __future__ import annotations

from api.errors import BeleidsgraafError


class ShapeError(BeleidsgraafError):
    """A shape that is ill-formed: wrong value types, a broken path list, an unusable query."""

    def __init__(self, shape: str, message: str) -> None:
        self.shape = shape
        super().__init__(f"shape {shape}: {message}")


class UnsupportedFeature(ShapeError):
    """A SHACL feature the SPARQL compiler does not translate; raising beats silently skipping it."""

    def __init__(self, shape: str, feature: str, detail: str = "") -> None:
        self.feature = feature
        extra = f" ({detail})" if detail else ""
        super().__init__(shape, f"gebruikt {feature}, dat de check-engine niet ondersteunt{extra}")
