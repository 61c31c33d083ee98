"""`beleidsgraaf gebruiker …`: the accounts that may publish a municipality's plans (api.kg.publishing.accounts)."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.console import Console

from api.errors import BeleidsgraafError
from api.kg.publishing.accounts import accounts, add_account, revoke_account
from api.settings import get_settings

gebruiker = typer.Typer(help="Accounts die plannen van hun gemeente mogen publiceren.", no_args_is_help=True)
err = Console(stderr=True)


def _fail(error: BeleidsgraafError) -> None:
    err.print(f"[bold red]fout:[/] {error}", highlight=False)
    raise typer.Exit(2)


@gebruiker.command(name="toevoegen")
def add(
    gemeente: Annotated[str, typer.Option("--gemeente", help="CBS-code, bv. gm0396")],
    naam: Annotated[str, typer.Option("--naam", help="Wie het account gebruikt")],
) -> None:
    """Maak een account en toon het token één keer: alleen een hash ervan wordt bewaard."""
    try:
        account, token = add_account(get_settings(), gemeente, naam)
    except BeleidsgraafError as error:
        _fail(error)
    typer.echo(f"Account {account.id} voor {account.naam} ({account.gemeente}).")
    typer.echo("Token (wordt niet nog eens getoond; geef het veilig door):")
    typer.echo(token)


@gebruiker.command(name="intrekken")
def revoke(account_id: Annotated[str, typer.Argument(help="Account-id, zie `beleidsgraaf gebruiker lijst`")]) -> None:
    """Trek een account in: zijn token en sessies werken meteen niet meer."""
    try:
        account = revoke_account(get_settings(), account_id)
    except BeleidsgraafError as error:
        _fail(error)
    typer.echo(f"Account {account.id} ({account.naam}, {account.gemeente}) is ingetrokken op {account.ingetrokken}.")


@gebruiker.command(name="lijst")
def list_accounts() -> None:
    """Alle accounts (zonder tokens), als JSON."""
    found = [
        {"id": a.id, "naam": a.naam, "gemeente": a.gemeente, "aangemaakt": a.aangemaakt, "ingetrokken": a.ingetrokken}
        for a in accounts(get_settings())
    ]
    typer.echo(json.dumps(found, ensure_ascii=False, indent=2))
