"""CLI commands: ``peaceops mandates ...`` (reading, fetching, evaluating, comparing)."""

from __future__ import annotations

import typer

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    """Add the ``mandates`` group; its commands come from three modules."""
    from peaceops.commands import mandates_compare, mandates_pema, mandates_read

    group = typer.Typer(
        no_args_is_help=True,
        help="Read Security Council resolutions, classify tasks, compare renewals.",
    )
    mandates_read.add_commands(group)
    mandates_compare.add_commands(group)
    mandates_pema.add_commands(group)
    app.add_typer(group, name="mandates")
