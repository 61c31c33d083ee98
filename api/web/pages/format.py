"""How values read on a page: Dutch numbers, figures as the document prints them, links to our own pages.

Registered as jinja2 filters on the shared environment of api.web.templates, so every template formats a
number or a missing baseline the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation

from jinja2 import Environment
from markupsafe import Markup, escape

from api.kg.namespaces import PLAN
from api.kg.sections import section_key
from api.web.templates import TEMPLATES, local_path


def dutch_number(value: str | float | None) -> str:
    """12476129 -> '12.476.129', 48.1 -> '48,1': how a Dutch reader expects a figure."""
    if value is None or value == "":
        return ""
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    sign = "-" if number < 0 else ""
    whole, _, fraction = f"{abs(number):f}".partition(".")
    fraction = fraction.rstrip("0")
    groups = f"{int(whole):,}".replace(",", ".")
    return f"{sign}{groups},{fraction}" if fraction else f"{sign}{groups}"


def euro(value: str | float | None) -> str:
    return f"€ {dutch_number(value)}" if value not in (None, "") else ""


def printed(record: Mapping[str, str], prefix: str) -> Markup:
    """A baseline or target as the document states it: the printed text, else why it is missing.

    prefix is 'nul' or 'streef' (the column names of the doelstelling queries). A value never printed is
    not invented from bg:waarde: the status ('geen waarde in het document') is shown instead, marked as missing.
    """
    text = record.get(f"{prefix}Tekst")
    status = record.get(f"{prefix}Status")
    if text:
        note = f' <span class="status">({escape(status)})</span>' if status and not _says(text, status) else ""
        return Markup(f"{escape(text)}{note}")
    if status:
        return Markup(f'<span class="ontbreekt">{escape(status)}</span>')
    if record.get(f"{prefix}Waarde"):
        unit = record.get(f"{prefix}Eenheid", "")
        return Markup(escape(f"{dutch_number(record[f'{prefix}Waarde'])} {unit}".strip()))
    return Markup('<span class="ontbreekt">geen waarde in het document</span>')


def _says(text: str, status: str) -> bool:
    """Whether the printed text already says what the status says ("(geen 0-meting)" is "geen nulmeting")."""

    def plain(words: str) -> str:
        return words.lower().replace("0-meting", "nulmeting").replace("nul-meting", "nulmeting")

    return plain(status) in plain(text)


def years(record: Mapping[str, str]) -> str:
    """'2023 → 2027' from the baseline and target years (or periods, 'schooljaar 2023-2024') the document gives."""
    start = record.get("nulJaar") or record.get("nulPeriode", "")
    end = record.get("streefJaar") or record.get("streefPeriode", "")
    if start and end:
        return f"{start} → {end}"
    return end or start


def sections(value: str | Iterable[str] | None) -> str:
    """'4.3.2, bijlage 1' -> '§ 4.3.2, bijlage 1': numbered sections get the section sign, named ones not."""
    if not value:
        return ""
    parts = value.replace("|", ", ").split(", ") if isinstance(value, str) else list(value)
    return ", ".join(f"§ {p}" if p[:1].isdigit() else p for p in sorted(set(parts), key=section_key) if p)


def plan_path(plan_id: str) -> str:
    return local_path(PLAN + plan_id) or f"/id/plan/{plan_id}"


def local_path_of(iri: str) -> str:
    return local_path(iri) or iri


def install(env: Environment) -> None:
    env.filters.update(
        dutch_number=dutch_number,
        euro=euro,
        printed=printed,
        years=years,
        sections=sections,
        plan_path=plan_path,
        local_path_of=local_path_of,
    )


install(TEMPLATES.env)
