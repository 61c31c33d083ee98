"""`beleidsgraaf check`: run the coherence checks and print the findings; exit 1 on any violation.

A Typer command like those in api/cli.py; the application registers it (`app.command()(check)`). The
module's own `app` runs it standalone: `python -m api.cli_check --plan heemskerk-sociaal-domein-2024`.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated

import typer
from rich.console import Console

from api.errors import BeleidsgraafError
from api.kg import graph
from api.kg.checks import review
from api.kg.checks.accept import accept, withdraw
from api.kg.checks.report import accepted_text, has_violations, to_json, to_text, to_turtle
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
        reviewed = review(graph.open_store(settings), settings, plan)
    except BeleidsgraafError as error:
        err.print(f"[bold red]fout:[/] {error}", highlight=False)
        raise typer.Exit(2) from None
    findings = reviewed.open
    if format is CheckFormat.json:
        typer.echo(to_json(findings))
    elif format is CheckFormat.turtle:
        typer.echo(to_turtle(findings))
    elif format is CheckFormat.html:
        from api.web.check import render_html

        typer.echo(render_html(findings, plan))
    else:
        typer.echo(to_text(findings, reviewed))
        if reviewed.accepted:
            typer.echo(accepted_text(reviewed))
    raise typer.Exit(1 if has_violations(findings) else 0)


def accepteer(
    plan: Annotated[str, typer.Option("--plan", help="Plan-id, bv. heemskerk-sociaal-domein-2024")],
    controle: Annotated[str, typer.Option("--controle", help="De controle (smart-nulmeting)")],
    gegeven: Annotated[
        str, typer.Option("--gegeven", help="Het gegeven, zoals het rapport het noemt (doelstelling/financieel-fit-6)")
    ],
    reden: Annotated[str, typer.Option("--reden", help="Waarom de bevinding aanvaard wordt")] = "",
    naam: Annotated[str, typer.Option("--naam", help="Wie haar beoordeelde")] = "",
    intrekken: Annotated[bool, typer.Option("--intrekken", help="Een eerdere aanvaarding intrekken")] = False,
) -> None:
    """Aanvaard een bevinding (met reden en naam): zij telt niet meer mee tot het gegeven verandert.

    Schrijft graph/<gemeente>/<plan>.beoordelingen.ttl; de volgende keer dat de plannen geladen worden telt zij.
    """
    settings = get_settings()
    try:
        store = graph.open_store(settings)
        if intrekken:
            path = withdraw(store, settings, plan, controle, gegeven)
            typer.echo(f"Ingetrokken; {path} bijgewerkt.")
            return
        path, done = accept(store, settings, plan, controle, gegeven, reden, naam, date.today())
    except BeleidsgraafError as error:
        err.print(f"[bold red]fout:[/] {error}", highlight=False)
        raise typer.Exit(2) from None
    typer.echo(f"Aanvaard door {done.by} op {done.on.isoformat()}: {controle} over {done.focus}\nGeschreven: {path}")


app = typer.Typer(help="Coherentiecontroles van Beleidsgraaf.")
app.command()(check)

if __name__ == "__main__":
    app()
