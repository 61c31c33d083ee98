"""`beleidsgraaf`: the same core functions as the web layer, from a terminal."""

from __future__ import annotations

import atexit
import json
import os
import shutil
import sys
import tempfile
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from api.cli_accounts import gebruiker
from api.cli_check import accepteer, check
from api.cli_diagram import diagram
from api.cli_progress import shown
from api.cli_workbook import export, import_command, measurements_import, monitor_command, template_command
from api.errors import BeleidsgraafError
from api.kg import graph
from api.kg.namespaces import PREFIXES, sparql_prologue
from api.kg.queries import NamedQuery, catalog, read_query
from api.kg.results import QueryResult
from api.kg.sparql_text import refuse_unsafe
from api.kg.store_location import store_location
from api.settings import Settings, get_settings

app = typer.Typer(help="Beleidsgraaf: kennisgraaf van gemeentelijk beleid in het sociaal domein.", no_args_is_help=True)
err = Console(stderr=True)


class ResultFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


class ListFormat(StrEnum):
    table = "table"
    json = "json"


def _fail(error: BeleidsgraafError) -> None:
    err.print(f"[bold red]fout:[/] {error}", highlight=False)
    raise typer.Exit(2)


def _settings() -> Settings:
    return get_settings()


@app.command()
def load() -> None:
    """(Her)bouw de store uit ontology/ en graph/: elk bestand een eigen named graph; idempotent."""
    try:
        with shown(err) as progress:
            report = graph.load(_settings(), progress)
    except BeleidsgraafError as error:
        _fail(error)
        return
    typer.echo(
        f"{report.files} bestanden, {report.graphs} named graphs, {report.quads} quads geladen in {report.target}"
    )


def _parse_params(params: list[str]) -> dict[str, str]:
    parsed = {}
    for item in params:
        name, sep, value = item.partition("=")
        if not sep:
            raise typer.BadParameter(f"'{item}': verwacht naam=waarde", param_hint="--param")
        parsed[name.strip()] = value
    return parsed


def _resolve(query: str, settings: Settings) -> NamedQuery | str:
    path = Path(query)
    if query.endswith(".rq") and path.is_file():
        text = path.read_text(encoding="utf-8")
        return read_query(path) if text.lstrip().startswith("#+") else text
    queries = catalog(settings.queries_dir)
    if query in queries.queries:
        return queries.get(query)
    return query


def _compact(value: str) -> str:
    """An IRI in a known namespace as prefix:local, so that tables stay readable."""
    for prefix, namespace in sorted(PREFIXES.items(), key=lambda item: -len(item[1])):
        if value.startswith(namespace):
            return f"{prefix}:{value.removeprefix(namespace)}"
    return value


def _print_table(result: QueryResult) -> None:
    if result.form == "ASK":
        typer.echo("ja" if result.boolean else "nee")
        return
    if result.form != "SELECT":
        for triple in result.triples:
            typer.echo(f"{triple.subject} {triple.predicate} {triple.object} .")
        return
    table = Table(*result.variables, show_lines=False)
    for record in result.records():
        table.add_row(*(_compact(record.get(name, "")) for name in result.variables))
    Console(width=200).print(table)
    err.print(f"{len(result.rows)} rijen")


@app.command()
def query(
    query: Annotated[str, typer.Argument(help="Naam van een query in queries/, een .rq-bestand of SPARQL-tekst")],
    format: Annotated[ResultFormat, typer.Option("--format", "-f")] = ResultFormat.table,
    param: Annotated[list[str], typer.Option("--param", "-p", help="naam=waarde, voor named queries")] = [],  # noqa: B006
) -> None:
    """Beantwoord een vraag uit de graaf: een named query, een .rq-bestand of SPARQL."""
    settings = _settings()
    try:
        target = _resolve(query, settings)
        if isinstance(target, NamedQuery):
            sparql, bindings = target.sparql, target.bind(_parse_params(param))
        else:
            sparql, bindings = sparql_prologue() + target, {}
        form = refuse_unsafe(sparql)
        store = graph.open_store(settings)
        if format is ResultFormat.table:
            _print_table(store.result(sparql, bindings=bindings))
            return
        media = {
            ResultFormat.csv: "text/csv" if form == "SELECT" else "text/turtle",
            ResultFormat.json: "application/sparql-results+json"
            if form in ("SELECT", "ASK")
            else "application/ld+json",
        }[format]
        sys.stdout.buffer.write(store.serialize(sparql, media, bindings=bindings))
    except BeleidsgraafError as error:
        _fail(error)


@app.command()
def plans(format: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.table) -> None:
    """Alle plannen met hun id (te gebruiken bij --plan), titel en gemeente(n)."""
    settings = _settings()
    try:
        result = graph.open_store(settings).result(catalog(settings.queries_dir).get("plannen").sparql)
    except BeleidsgraafError as error:
        _fail(error)
        return
    if format is ListFormat.json:
        typer.echo(json.dumps(result.records(), ensure_ascii=False, indent=2))
    else:
        _print_table(result)


@app.command()
def queries() -> None:
    """De named queries in queries/ met hun titel en parameters."""
    settings = _settings()
    table = Table("naam", "titel", "parameters")
    for named in catalog(settings.queries_dir):
        params = ", ".join(f"{p.name}:{p.type}{'' if p.required else '?'}" for p in named.parameters)
        table.add_row(named.name, named.title["nl"], params)
    Console(width=200).print(table)


def _metrics_dir(web_workers: int) -> None:
    """Several web workers share their /metrics through files (prometheus_client's multi-process mode)."""
    if web_workers > 1 and not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        folder = tempfile.mkdtemp(prefix="beleidsgraaf-metrics-")
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = folder
        atexit.register(shutil.rmtree, folder, True)


@app.command()
def serve(
    host: Annotated[str, typer.Option()] = "127.0.0.1",
    port: Annotated[int, typer.Option()] = 8000,
    workers: Annotated[int | None, typer.Option(help="webprocessen (standaard BELEIDSGRAAF_WEB_WORKERS)")] = None,
) -> None:
    """Start de webservice (SPARQL-endpoint, API en pagina's)."""
    import uvicorn

    from api.web.server import uvicorn_options

    count = workers or _settings().web_workers
    _prepare_store()
    _metrics_dir(count)
    # glibc gives each thread of the thread pool its own malloc arena; under load that fragmentation
    # more than doubled the web workers' memory (32 clients x 60 s: +729 MB, with 2 arenas +306 MB).
    # Read at process start, so it holds for the web and query workers started from here.
    os.environ.setdefault("MALLOC_ARENA_MAX", "2")
    options = uvicorn_options(_settings(), count)
    uvicorn.run("api.web.app:create_app", factory=True, host=host, port=port, log_level="info", **options)


def _prepare_store() -> None:
    """Build the on-disk store here, once, before the web workers start and open it (api.kg.store_location)."""
    settings = _settings()
    location = store_location(settings)
    if location is None:
        return
    try:
        with shown(err) as progress:
            built, kept = graph.build_or_keep(settings, location, progress)
    except BeleidsgraafError as error:
        _fail(error)
        return
    if kept is not None:
        err.print(f"[bold red]fout:[/] {kept}\nDe service gebruikt de vorige versie van de store.", highlight=False)
    err.print(f"store {'gebouwd' if built else 'geopend'}: {location}", highlight=False)
    os.environ["BELEIDSGRAAF_STORE_PATH"] = str(location)  # every web and query worker opens this one
    get_settings.cache_clear()


app.command()(diagram)
app.command(name="check")(check)
app.command()(accepteer)
app.command()(export)
app.command(name="template")(template_command)
app.command(name="import")(import_command)
metingen = typer.Typer(help="Gemeten waarden na de nulmeting: inlezen uit CSV of werkboek.", no_args_is_help=True)
metingen.command(name="import")(measurements_import)
app.add_typer(metingen, name="metingen")
app.command(name="monitor")(monitor_command)
app.add_typer(gebruiker, name="gebruiker")

if __name__ == "__main__":
    app()
