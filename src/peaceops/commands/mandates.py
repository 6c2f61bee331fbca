"""CLI commands: ``peaceops mandates ...`` (reading, fetching, evaluating, comparing)."""

from __future__ import annotations

import typer

__all__ = ["mandates_app", "register"]

mandates_app = typer.Typer(
    no_args_is_help=True,
    help="Read Security Council resolutions, classify tasks, compare renewals.",
)


def register(app: typer.Typer) -> None:
    """Add the ``mandates`` group; its commands come from three modules."""
    from peaceops.commands import mandates_compare, mandates_pema, mandates_read

    mandates_read.add_commands(mandates_app)
    mandates_compare.add_commands(mandates_app)
    mandates_pema.add_commands(mandates_app)
    app.add_typer(mandates_app, name="mandates")
