"""The ``peaceops`` command line. Commands are thin wrappers around the library."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from peaceops import registry
from peaceops.commands import common, remedies
from peaceops.errors import PeaceopsError
from peaceops.workspace import Workspace

__all__ = ["app", "main"]


class PeaceopsGroup(TyperGroup):
    """Turns every error into one line on stderr and a non-zero exit status.

    Set ``PEACEOPS_DEBUG=1`` to see the traceback of an unexpected error.
    """

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort):
            raise
        except typer.TyperException as exc:
            # Usage errors (unknown option, bad value) become one line too; a group called
            # without a subcommand still shows its help.
            if type(exc).__name__ == "NoArgsIsHelpError" or not hasattr(exc, "format_message"):
                raise
            sub = getattr(exc, "ctx", None)
            where = getattr(sub, "command_path", "") or "peaceops"
            _fail(f"{exc.format_message()} (see '{where} --help')")
        except PeaceopsError as exc:
            _fail(remedies.describe(exc))
        except KeyboardInterrupt:
            raise typer.Abort() from None
        except Exception as exc:
            if os.environ.get("PEACEOPS_DEBUG"):
                raise
            _fail(f"unexpected {type(exc).__name__}: {exc} (set PEACEOPS_DEBUG=1 for details)")


def _fail(message: str) -> Any:
    typer.echo(f"Error: {_one_line(message)}", err=True)
    raise typer.Exit(1)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _flags_show_no_type() -> None:
    """Help lists a flag (``--dry-run``, ``--civilian/--all-events``) without a type: Typer's
    rich help writes ``<bool>`` beside it, as if the flag took a value."""
    from typer.core import TyperOption

    shown = TyperOption.display_type_rich

    def display_type_rich(self: TyperOption, ctx: Any) -> str | None:
        return None if self.is_flag and self.metavar is None else shown(self, ctx)

    TyperOption.display_type_rich = display_type_rich  # type: ignore[method-assign]


_flags_show_no_type()

app = typer.Typer(
    cls=PeaceopsGroup,
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    help="Context, mandates, results frameworks and planning for UN peace operations.",
)


def _print_version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            number = version("peaceops")
        except PackageNotFoundError:  # running from a source tree that is not installed
            number = "unknown (not installed)"
        typer.echo(f"peaceops {number}")
        raise typer.Exit()


@app.callback()
def root(
    as_user: Annotated[
        str | None,
        typer.Option(
            "--as",
            envvar="PEACEOPS_AS",
            help="Record changes under this name (default: the operating-system user).",
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            help="Print the peaceops version and exit.",
            is_eager=True,
            callback=_print_version,
        ),
    ] = False,
) -> None:
    """Context, mandates, results frameworks and planning for UN peace operations."""
    from peaceops import audit

    name = (as_user or "").strip()
    audit.set_actor(audit.Actor(name, audit.VIA_CLI) if name else None)


@app.command()
def init(
    directory: Annotated[Path, typer.Argument(help="Directory to create the workspace in.")],
    country: Annotated[
        str | None,
        typer.Option(
            "--country",
            "-c",
            help="ISO3 country code, e.g. MLI, or several: MLI,BFA,NER ('peaceops countries "
            "list' shows the profiles).",
        ),
    ] = None,
    name: Annotated[str | None, typer.Option(help="A name for the workspace.")] = None,
) -> None:
    """Create a workspace: configuration (countries, region groups), embedded store and cache."""
    ws = Workspace.create(directory, country=country, name=name)
    groups = (
        ", ".join(f"{g} ({len(m)})" for g, m in ws.config.region_groups.items())
        or "none (edit peaceops.yaml to add some)"
    )
    common.console.print(
        f"Created workspace {ws.root} for {ws.config.country_label or 'no country'}"
    )
    common.console.print(f"Region groups: {groups}")


def _register_commands() -> None:
    # Each feature's commands live in their own module, listed by the feature registry.
    for feature in registry.features():
        for ref in feature.cli:
            registry.resolve(ref)(app)


_register_commands()


def main() -> None:
    """Entry point of the console script."""
    app(prog_name="peaceops")


if __name__ == "__main__":  # pragma: no cover
    main()
