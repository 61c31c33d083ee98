"""The monitor of one plan for the council: HTML for print, typeset by WeasyPrint into an A4 PDF.

Shared by /monitor/{plan}/rapportage.pdf and `beleidsgraaf monitor -o`, so both give the same report. The charts
are inline SVG from api.kg.monitoring.charts and the stylesheet is the report's own: WeasyPrint needs to fetch
nothing, and the fetcher refuses anything it is asked for.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import weasyprint
from markupsafe import Markup
from weasyprint.urls import URLFetcher, URLFetcherResponse

from api.kg.monitoring import charts
from api.kg.monitoring.model import RULE, STATUSES, Monitor, Objective, due_label, number
from api.web.templates import TEMPLATES

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december")  # fmt: skip


class NothingFetcher(URLFetcher):  # type: ignore[misc]
    """The report is self-contained; a URL in it is a mistake, never a request to another host."""

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        raise ValueError(f"niet opgehaald voor de rapportage: {url}")


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
    def chart(objective: Objective) -> Markup:
        return Markup(charts.svg(objective).decode("utf-8"))

    values = context(monitor, title) | {"grafiek": chart, "gemaakt": dutch_date(made)}
    return TEMPLATES.env.get_template("monitor-rapportage.html").render(values)


def report_pdf(monitor: Monitor, title: str, made: dt.date | None = None) -> bytes:
    html = report_html(monitor, title, made or dt.date.today())
    document = weasyprint.HTML(string=html, base_url="about:blank", url_fetcher=NothingFetcher())
    pdf: bytes = document.write_pdf()
    return pdf
