"""`beleidsgraaf diagram bijlage1|netwerk --plan ID -o FILE`: the web layer's diagrams, written to a file.

The format follows from the file's extension (.svg, .png, .pdf), so a script can ask for exactly what it
needs; wired into api/cli.py as `app.command()(diagram)`.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from api.errors import BeleidsgraafError
from api.kg import graph
from api.kg.diagrams import ALLE, FORMATS, render_diagram
from api.settings import get_settings

err = Console(stderr=True)


class DiagramKind(StrEnum):
    bijlage1 = "bijlage1"
    netwerk = "netwerk"


def diagram(
    kind: Annotated[DiagramKind, typer.Argument(help="bijlage1 (samenhang van het plan) of netwerk (partners)")],
    plan: Annotated[str, typer.Option("--plan", "-p", help=f"Plan-id (zie `beleidsgraaf plans`), of '{ALLE}'")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Bestand: .svg, .png of .pdf")],
    wetten: Annotated[bool, typer.Option(help="bijlage1: wettelijk kader onder elk beleidsterrein")] = False,
    doelen: Annotated[bool, typer.Option(help="bijlage1: aantal doelstellingen per opgave")] = False,
    budget: Annotated[bool, typer.Option(help="bijlage1: budget per opgave")] = False,
    bijschrift: Annotated[str, typer.Option(help="Bijschrift boven de titel, bv. 'Bijlage 1'")] = "",
    voettekst: Annotated[bool, typer.Option(help="De technische voetregel over de herkomst tonen")] = True,
) -> None:
    """Teken bijlage 1 of het partnernetwerk van een plan als SVG, PNG of PDF (naar de extensie van -o)."""
    fmt = output.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise typer.BadParameter(f"'{output.name}': kies een .svg-, .png- of .pdf-bestand", param_hint="--output")
    layers = {"wetten": wetten, "doelen": doelen, "budget": budget} if kind is DiagramKind.bijlage1 else {}
    try:
        body = render_diagram(
            graph.open_store(get_settings()),
            plan,
            kind.value,
            fmt,
            bijschrift=bijschrift.strip(),
            voettekst=voettekst,
            **layers,
        )
    except BeleidsgraafError as error:
        err.print(f"[bold red]fout:[/] {error}", highlight=False)
        raise typer.Exit(2) from None
    output.write_bytes(body)
    err.print(f"{output} geschreven ({len(body):,} bytes)", highlight=False)
