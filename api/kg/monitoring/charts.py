"""One small chart per objective: nulmeting, the measured values and the streefwaarde, drawn by Vega-Lite.

altair writes the Vega-Lite spec and vl-convert renders it to SVG in-process (no browser, no network: remote
data URLs are refused with allowed_base_urls=[]). The chart does not rely on colour: the three kinds of point
have their own shape and the legend names them; the SVG carries a description for screen readers. A rendered
chart is kept by its spec, so a page asks vl-convert only for charts whose data changed.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from typing import Any

import altair as alt
import vl_convert

from api.kg.monitoring.model import Objective, fractional_year, number

CACHE_SIZE = 512
_cache: OrderedDict[str, bytes] = OrderedDict()
_lock = threading.Lock()
SHAPES = {"nulmeting": "square", "meting": "circle", "streefwaarde": "triangle-up"}


def points(objective: Objective) -> list[dict[str, object]]:
    """The chart's data: whole-municipality values only (a wijk value would read as the municipality's)."""
    out: list[dict[str, object]] = []
    if objective.baseline is not None and objective.baseline_year is not None:
        out.append({"jaar": objective.baseline_year, "waarde": objective.baseline, "soort": "nulmeting"})
    for value in objective.values:
        if value.area is None:
            out.append({"jaar": round(fractional_year(value.date), 3), "waarde": value.value, "soort": "meting"})
    if objective.target is not None and objective.target_year is not None:
        out.append({"jaar": objective.target_year, "waarde": objective.target, "soort": "streefwaarde"})
    return out


def description(objective: Objective) -> str:
    """The chart in words: its text alternative and its caption."""
    parts = []
    if objective.baseline is not None:
        parts.append(f"nulmeting {number(objective.baseline, objective.unit)}")
    parts += [
        f"{v.label}: {number(v.value, objective.unit)}" + (f" ({v.area})" if v.area else "") for v in objective.values
    ]
    if objective.target is not None:
        parts.append(f"streefwaarde {number(objective.target, objective.unit)}")
    return f"{objective.name}: " + ("; ".join(parts) if parts else "geen getallen") + f". Status: {objective.status}."


@cache
def _template() -> str:
    """The chart without its data, written by altair once (building it costs 60 ms; filling it in, nothing)."""
    base = alt.Chart(alt.NamedData(name="punten"))
    x = alt.X("jaar:Q", title=None, axis=alt.Axis(format="d", tickMinStep=1))
    y = alt.Y("waarde:Q", title=None, scale=alt.Scale(zero=False), axis=alt.Axis(format=",~f", tickCount=4))
    plan_line = base.transform_filter("datum.soort != 'meting'").mark_line(strokeDash=[4, 3], color="#777")
    measured = base.transform_filter("datum.soort != 'streefwaarde'").mark_line(color="#1f3b57")
    shapes = base.mark_point(filled=True, size=70, color="#1f3b57", opacity=1).encode(
        shape=alt.Shape(
            "soort:N",
            scale=alt.Scale(domain=list(SHAPES), range=list(SHAPES.values())),
            legend=alt.Legend(title=None, orient="bottom", labelFontSize=10, symbolSize=50),
        ),
        tooltip=["soort:N", "waarde:Q"],
    )
    chart = (
        alt.layer(plan_line.encode(x=x, y=y), measured.encode(x=x, y=y), shapes.encode(x=x, y=y))
        .properties(width=230, height=90)
        .configure_view(strokeWidth=0)
        .configure_axis(labelFontSize=10, grid=True, gridColor="#eee")
    )
    return json.dumps(chart.to_dict())


def spec(objective: Objective) -> dict[str, Any]:
    """The Vega-Lite spec of one objective: the template with its points, year range and description."""
    data = points(objective)
    years = [float(str(p["jaar"])) for p in data] or [2024.0]
    drawing: dict[str, Any] = json.loads(_template())
    drawing["datasets"] = {"punten": data}
    drawing["description"] = description(objective)
    drawing["resolve"] = {"scale": {"x": "shared"}}
    for layer in drawing["layer"]:
        layer["encoding"]["x"]["scale"] = {"domain": [int(min(years)) - 0.3, int(max(years)) + 1.3]}
    return drawing


def svg(objective: Objective) -> bytes:
    """The chart as SVG (for the page), from the cache when its spec was drawn before."""
    drawing = spec(objective)
    key = "svg" + hashlib.sha256(json.dumps(drawing, sort_keys=True).encode()).hexdigest()
    return _kept(
        key,
        lambda: vl_convert.vegalite_to_svg(drawing, format_locale="nl-NL", allowed_base_urls=[]).encode("utf-8"),
    )


def png(objective: Objective) -> bytes:
    """The chart as PNG at twice its size, for print (WeasyPrint places a picture ten times faster than an SVG).

    Rasterised from the SVG, so a report made after its dashboard was viewed only rasterises (30 ms a chart)."""
    drawn = svg(objective)
    key = "png" + hashlib.sha256(drawn).hexdigest()
    return _kept(key, lambda: vl_convert.svg_to_png(drawn.decode("utf-8"), scale=2))


def pngs(objectives: list[Objective], workers: int = 2) -> list[bytes]:
    """Every chart of a report, drawn side by side (vl-convert renders outside the GIL)."""
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="grafiek") as pool:
        return list(pool.map(png, objectives))


def _kept(key: str, draw: Callable[[], bytes]) -> bytes:
    with _lock:
        hit = _cache.get(key)
        if hit is not None:
            _cache.move_to_end(key)
            return hit
    rendered = draw()
    with _lock:
        _cache[key] = rendered
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return rendered
