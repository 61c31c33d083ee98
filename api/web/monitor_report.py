"""The monitor of one plan for the council: HTML for print, typeset by WeasyPrint into an A4 PDF.

Shared by /monitor/{plan}/rapportage.pdf and `beleidsgraaf monitor -o`, so both give the same report. The charts
are inline PNG from api.kg.monitoring.charts and the stylesheet is the report's own: WeasyPrint needs to fetch
nothing, and the fetcher refuses anything it is asked for.
"""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any

import weasyprint
from markupsafe import Markup, escape
from weasyprint.urls import URLFetcher, URLFetcherResponse

from api.kg.monitoring import charts
from api.kg.monitoring.model import RULE, STATUSES, Monitor, Objective, due_label, number
from api.web.templates import TEMPLATES

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december")  # fmt: skip


class InlineFetcher(URLFetcher):  # type: ignore[misc]
    """The report is self-contained (its charts are data: URLs); any other URL is a mistake, never a request."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols=("data",))

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        if not url.startswith("data:image/png;base64,"):
            raise ValueError(f"niet opgehaald voor de rapportage: {url}")
        return super().fetch(url, headers)


def dutch_date(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def context(monitor: Monitor, title: str) -> dict[str, Any]:
    """What the page and the report both show, with the helpers their templates format values with."""
    return {
        "monitor": monitor,
        "titel": title,
        "regel": RULE,
        "statussen": STATUSES,
        "getal": number,
        "verwacht_op": due_label,
        "datum": dutch_date,
    }


def report_html(monitor: Monitor, title: str, made: dt.date) -> str:
    drawn = dict(zip((o.iri for o in monitor.objectives), charts.pngs(monitor.objectives), strict=True))

    def chart(objective: Objective) -> Markup:
        picture = base64.b64encode(drawn[objective.iri]).decode("ascii")
        alt = escape(charts.description(objective))
        return Markup(f'<img class="grafiek" src="data:image/png;base64,{picture}" alt="{alt}">')

    values = context(monitor, title) | {"grafiek": chart, "gemaakt": dutch_date(made)}
    return TEMPLATES.env.get_template("monitor-rapportage.html").render(values)


def report_pdf(monitor: Monitor, title: str, made: dt.date | None = None) -> bytes:
    html = report_html(monitor, title, made or dt.date.today())
    document = weasyprint.HTML(string=html, base_url="about:blank", url_fetcher=InlineFetcher())
    pdf: bytes = document.write_pdf()
    return pdf
