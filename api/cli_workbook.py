"""`beleidsgraaf export`, `template`, `import` and `metingen import`: plans and measurements in and out of files."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from api.errors import BeleidsgraafError, NotFound
from api.kg import graph
from api.kg.checks.model import Severity
from api.kg.checks.run import review
from api.kg.monitoring.model import read_monitor
from api.kg.monitoring.service import import_measurements
from api.kg.queries import catalog
from api.kg.store_location import store_location
from api.kg.workbook.problems import WorkbookError
from api.kg.workbook.service import ImportReport, export_plan, import_workbook, template
from api.settings import Settings, get_settings
from api.web.monitor_report import report_pdf
from api.web.pages.common import records

err = Console(stderr=True)


def _fail(error: BeleidsgraafError) -> None:
    err.print(f"[bold red]fout:[/] {error}", highlight=False, markup=False)
    raise typer.Exit(2)


def export(
    plan: Annotated[str, typer.Option("--plan", help="Het plan (id, zie `beleidsgraaf plans`)")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Het .xlsx-bestand om te schrijven")],
) -> None:
    """Schrijf een plan naar een werkboek (.xlsx) om het in Excel te bekijken of bij te werken."""
    settings = get_settings()
    try:
        store = graph.open_store(settings)
        data = export_plan(store, catalog(settings.queries_dir), plan, review(store, settings, plan))
    except BeleidsgraafError as error:
        _fail(error)
        return
    output.write_bytes(data)
    typer.echo(f"{output}: plan {plan}, {len(data):,} bytes")


def template_command(
    output: Annotated[Path, typer.Option("--output", "-o", help="Het .xlsx-bestand om te schrijven")],
) -> None:
    """Schrijf een leeg planwerkboek met de keuzelijsten (partners, wetten, gemeenten) uit de graaf."""
    settings = get_settings()
    try:
        data = template(graph.open_store(settings), catalog(settings.queries_dir))
    except BeleidsgraafError as error:
        _fail(error)
        return
    output.write_bytes(data)
    typer.echo(f"{output}: leeg werkboek, {len(data):,} bytes. Vul het in en lees het in met `beleidsgraaf import`.")


def _print_report(report: ImportReport) -> None:
    verb = "geschreven" if report.written else "gecontroleerd (--dry-run: niets geschreven)"
    typer.echo(f"Plan {report.plan_id}: {report.path} {verb}; de graaf telt dan {report.quads:,} quads.")
    summary = report.summary
    for title, items in (
        ("Nieuwe organisaties", summary.new_organisations),
        ("Nieuwe gemeenten", summary.new_gemeenten),
    ):
        if items:
            typer.echo(f"{title} ({len(items)}):")
            for iri, name in sorted(items.items()):
                typer.echo(f"  {name}  <{iri}>")
    if summary.new_spellings:
        typer.echo(f"Nieuwe schrijfwijzen van bestaande knopen ({len(summary.new_spellings)}):")
        for iri, names in sorted(summary.new_spellings.items()):
            typer.echo(f"  <{iri}>: {', '.join(sorted(names))}")
    counts = Counter(f.severity for f in report.findings)
    accepted = f"; {report.accepted} aanvaard (blad Beoordelingen), niet meegeteld" if report.accepted else ""
    typer.echo(
        f"Controles voor dit plan: {counts[Severity.VIOLATION]} fouten, {counts[Severity.WARNING]} waarschuwingen, "
        f"{counts[Severity.INFO]} ter informatie{accepted}."
    )
    if report.resolved:
        typer.echo(f"Aanvaarde bevindingen die met deze versie verdwenen zijn ({len(report.resolved)}):")
        for label in report.resolved:
            typer.echo(f"  {label}")
    order = {Severity.VIOLATION: 0, Severity.WARNING: 1, Severity.INFO: 2}
    for finding in sorted(report.findings, key=lambda f: (order[f.severity], f.label))[:40]:
        typer.echo(f"  [{finding.severity.value}] {finding.label}: {finding.message}")
    if len(report.findings) > 40:
        typer.echo(f"  … en {len(report.findings) - 40} meer: `beleidsgraaf check --plan {report.plan_id}`")


def _read_input(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        err.print(f"[bold red]fout:[/] {path}: {error.strerror}", highlight=False)
        raise typer.Exit(2) from None


def import_command(
    workbook: Annotated[Path, typer.Argument(help="Het ingevulde werkboek (.xlsx)")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Alleen controleren, niets schrijven")] = False,
) -> None:
    """Lees een planwerkboek in: alles wordt gecontroleerd; bij één fout wordt niets geschreven."""
    settings = get_settings()
    data = _read_input(workbook)
    try:
        report = import_workbook(data, settings, graph.open_store(settings), dry_run=dry_run)
    except WorkbookError as error:
        err.print(f"{workbook}: {error}", highlight=False, markup=False)
        raise typer.Exit(1) from None
    except BeleidsgraafError as error:
        _fail(error)
        return
    _print_report(report)
    _reloaded(settings, report.written)


def measurements_import(
    file: Annotated[Path, typer.Argument(help="Metingen als .csv of .xlsx (blad Metingen)")],
    plan: Annotated[str, typer.Option("--plan", help="Het plan waarvan de doelstellingen gemeten zijn")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Alleen controleren, niets schrijven")] = False,
) -> None:
    """Lees gemeten waarden in (na de nulmeting); bij één fout wordt niets geschreven."""
    settings = get_settings()
    data = _read_input(file)
    try:
        report = import_measurements(data, file.name, plan, settings, graph.open_store(settings), dry_run=dry_run)
    except WorkbookError as error:
        err.print(f"{file}: {error}", highlight=False, markup=False)
        raise typer.Exit(1) from None
    except BeleidsgraafError as error:
        _fail(error)
        return
    verb = "geschreven" if report.written else "gecontroleerd (--dry-run: niets geschreven)"
    typer.echo(
        f"Plan {report.plan_id}: {report.added} nieuwe en {report.replaced} bijgewerkte metingen; "
        f"{report.path} {verb} ({report.total} metingen in totaal)."
    )
    _reloaded(settings, report.written)


def _reloaded(settings: Settings, written: bool) -> None:
    if not written:
        return
    if store_location(settings):
        loaded = graph.load(settings)
        typer.echo(f"Store bijgewerkt: {loaded.quads:,} quads in {loaded.target}.")
    elif settings.sparql_query_url:
        typer.echo("Laad de graaf opnieuw in de SPARQL-server met `beleidsgraaf load`.")
    else:
        typer.echo("Herstart de service (make run) om de metingen op de pagina's te zien.")


def monitor_command(
    plan: Annotated[str, typer.Option("--plan", help="Het plan (id, zie `beleidsgraaf plans`)")],
    output: Annotated[Path, typer.Option("--output", "-o", help="De PDF om te schrijven")],
    peildatum: Annotated[str, typer.Option("--peildatum", help="Stand op deze datum (JJJJ-MM-DD); leeg: vandaag")] = "",
) -> None:
    """Schrijf de rapportage voor de raad: de stand van de doelstellingen op de peildatum, als PDF (A4)."""
    settings = get_settings()
    try:
        day = dt.date.fromisoformat(peildatum) if peildatum else dt.date.today()
    except ValueError:
        err.print(f"[bold red]fout:[/] peildatum '{peildatum}' is geen datum; schrijf JJJJ-MM-DD", highlight=False)
        raise typer.Exit(2) from None
    try:
        store = graph.open_store(settings)
        queries = catalog(settings.queries_dir)
        title = next((r.get("titel") or plan for r in records(store, queries, "plannen") if r.get("id") == plan), None)
        if title is None:
            raise NotFound(f"geen plan '{plan}'; zie `beleidsgraaf plans`")
        monitor = read_monitor(store, queries, plan, day)
    except BeleidsgraafError as error:
        _fail(error)
        return
    pdf = report_pdf(monitor, title)
    output.write_bytes(pdf)
    counts = ", ".join(f"{n} {status}" for status, n in monitor.counts.items())
    typer.echo(f"{output}: rapportage {plan}, stand {day.isoformat()} ({counts}); {len(pdf):,} bytes")
