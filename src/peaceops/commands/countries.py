"""CLI commands: countries (list the profiles, build one from a P-code list or boundaries, add
one to a workspace)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from peaceops.commands.common import (
    TableFormat,
    WorkspaceOption,
    console,
    emit_records,
    open_workspace,
)
from peaceops.config import CONFIG_FILE
from peaceops.errors import InputError

__all__ = ["add_command", "create_command", "list_command", "register"]


def _workspace_root(workspace: Path) -> Path | None:
    """The workspace directory when there is one (``countries`` commands also work outside)."""
    return workspace if (workspace / CONFIG_FILE).is_file() else None


def list_command(
    workspace: WorkspaceOption = Path("."),
    fmt: Annotated[TableFormat, typer.Option("--format", "-f", help="Output format.")] = (
        TableFormat.table
    ),
) -> None:
    """List the country profiles: those shipped and the workspace's own (countries/ folder)."""
    from peaceops.countries.catalogue import countries_folder, list_profiles

    root = _workspace_root(workspace)
    config = open_workspace(root).config if root is not None else None
    folder = countries_folder(root) if root is not None else None
    records = [p.as_dict() for p in list_profiles(folder, config)]
    if fmt is not TableFormat.json:
        for r in records:
            r["region_groups"] = ", ".join(r["region_groups"])  # type: ignore[arg-type]
            r["missions"] = ", ".join(r["missions"]) or "none"  # type: ignore[arg-type]
            r["in_workspace"] = "yes" if r["in_workspace"] else ""
    emit_records(records, fmt, title="Country profiles")


def create_command(
    iso3: Annotated[str, typer.Argument(help="ISO3 code of the country, e.g. TCD.")],
    pcodes: Annotated[
        Path | None,
        typer.Option("--pcodes", help="An OCHA/HDX P-code list (CSV) with the admin1 areas."),
    ] = None,
    boundaries: Annotated[
        Path | None,
        typer.Option("--boundaries", help="Admin1 boundaries: GeoJSON, GeoPackage or shapefile."),
    ] = None,
    layer: Annotated[
        str | None, typer.Option("--layer", help="The admin1 layer of a multi-layer file.")
    ] = None,
    name: Annotated[
        str | None, typer.Option("--name", help="The country's name (default: from the file).")
    ] = None,
    name_column: Annotated[
        str | None,
        typer.Option("--name-column", help="The column of the admin1 names (P-code lists)."),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", help="File or folder to write (default: the workspace's countries/ folder)."
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
    workspace: WorkspaceOption = Path("."),
) -> None:
    """Build a country profile (admin1 P-codes, names, aliases) from a P-code list or boundaries.

    Region groups are left empty: write them in the YAML file, then add the country to a
    workspace with 'peaceops countries add ISO3'.
    """
    from peaceops.countries.build import (
        profile_from_boundaries,
        profile_from_pcodes,
        write_profile,
    )
    from peaceops.countries.catalogue import countries_folder

    if (pcodes is None) == (boundaries is None):
        raise InputError("give either --pcodes FILE or --boundaries FILE")
    if boundaries is not None:
        built = profile_from_boundaries(iso3, boundaries, layer=layer, name=name)
    else:
        assert pcodes is not None
        built = profile_from_pcodes(iso3, pcodes, name=name, name_column=name_column)
    if out is None:
        root = _workspace_root(workspace)
        if root is None:
            raise InputError(
                "not in a workspace: give --out FILE.yaml (or --workspace DIR)", field="out"
            )
        countries_folder(root).mkdir(exist_ok=True)
        out = countries_folder(root)
    path = write_profile(built, out, overwrite=force)
    p = built.profile
    console.print(
        f"Wrote {path}: {p.name} ({p.iso3}), {len(p.admin1)} admin1 areas, "
        f"{len(p.admin1_aliases)} aliases from {built.file_name}"
    )
    console.print("Region groups: none yet (edit the file to add them)")


def add_command(
    codes: Annotated[
        str, typer.Argument(help="ISO3 code(s) to add, comma-separated, e.g. BFA,NER.")
    ],
    workspace: WorkspaceOption = Path("."),
) -> None:
    """Add countries to the workspace (shipped profiles or the workspace's countries/ folder)."""
    from peaceops.countries.catalogue import add_countries, countries_folder

    ws = open_workspace(workspace)
    with ws.writing():
        config, added = add_countries(ws.config, codes, countries_folder(ws.root))
        if added:
            ws.save_config(config)
    if not added:
        console.print(f"Nothing to add: the workspace already covers {config.country_label}")
        return
    names = ", ".join(f"{p.name} ({p.iso3})" for p in added)
    console.print(f"Added {names}; the workspace covers {config.country_label}")
    groups = ", ".join(g for g in config.region_groups) or "none"
    console.print(f"Region groups: {groups}")


def register(app: typer.Typer) -> None:
    group = typer.Typer(
        help="Country profiles: admin1 P-codes, aliases, region groups.", no_args_is_help=True
    )
    group.command("list")(list_command)
    group.command("create")(create_command)
    group.command("add")(add_command)
    app.add_typer(group, name="countries")
