"""`beleidsgraaf check`: run the coherence checks and print the findings; exit 1 on any violation.

A Typer command like those in api/cli.py; the application registers it (`app.command()(check)`). The
module's own `app` runs it standalone: `python -m api.cli_check --plan heemskerk-sociaal-domein-2024`.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer
from rich.console import Console

from api.errors import BeleidsgraafError
from api.kg import graph
from api.kg.checks import check as run_checks
from api.kg.checks.report import has_violations, to_json, to_text, to_turtle
from api.settings import get_settings

err = Console(stderr=True)


class CheckFormat(StrEnum):
    text = "text"
    json = "json"
    turtle = "turtle"
    html = "html"


def check(
    plan: Annotated[
        str | None, typer.Option("--plan", help="Alleen bevindingen over dit plan (id, zie `beleidsgraaf plans`)")
    ] = None,
    format: Annotated[CheckFormat, typer.Option("--format", "-f", help="text, json, turtle of html")] = (
        CheckFormat.text
    ),
) -> None:
    """Toets de plannen op samenhang (SHACL): fouten, waarschuwingen en informatie met de bronsectie."""
    settings = get_settings()
    try:
        findings = run_checks(graph.open_store(settings), settings, plan)
    except BeleidsgraafError as error:
        err.print(f"[bold red]fout:[/] {error}", highlight=False)
        raise typer.Exit(2) from None
    if format is CheckFormat.json:
        typer.echo(to_json(findings))
    elif format is CheckFormat.turtle:
        typer.echo(to_turtle(findings))
    elif format is CheckFormat.html:
        from api.web.check import render_html

        typer.echo(render_html(findings, plan))
    else:
        typer.echo(to_text(findings))
    raise typer.Exit(1 if has_violations(findings) else 0)


app = typer.Typer(help="Coherentiecontroles van Beleidsgraaf.")
app.command()(check)

if __name__ == "__main__":
    app()
