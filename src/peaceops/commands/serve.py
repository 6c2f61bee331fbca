"""CLI commands: serve (the web dashboard)."""

from __future__ import annotations

from typing import Annotated

import typer

from peaceops.commands.common import WorkspaceOption, console, open_workspace, parse_date

__all__ = ["register", "serve_command"]


def serve_command(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Show the events as stored on this date (YYYY-MM-DD)."),
    ] = None,
    workspace: WorkspaceOption = None,  # type: ignore[assignment]
    auth: Annotated[
        bool | None,
        typer.Option(
            "--auth/--no-auth",
            help="Require sign-in (default: 'auth' in peaceops.yaml). See docs/server.md.",
            show_default=False,
        ),
    ] = None,
    allow_host: Annotated[
        list[str] | None,
        typer.Option(
            help="Another host name to answer to (e.g. behind a proxy); repeatable. "
            "Loopback names and --host are always answered."
        ),
    ] = None,
) -> None:
    """Serve the web dashboard (pages and JSON API) for a workspace."""
    import uvicorn

    from peaceops.web.app import create_app
    from peaceops.web.security import trusted_hosts

    ws = open_workspace(workspace)
    root = ws.root
    if auth if auth is not None else ws.config.auth:
        from peaceops.auth import list_users

        active = [u.name for u in list_users(ws) if not u.disabled]
        console.print(
            f"Sign-in required: {len(active)} active account(s)."
            if active
            else "Sign-in required, but there is no account yet: "
            "add one with 'peaceops users add NAME --role admin --password-stdin'."
        )
    ws.close()
    app_ = create_app(
        root,
        warm=True,
        auth=auth,
        hosts=trusted_hosts(host, allow_host or ()),
        events_as_of=parse_date(as_of, "as-of"),
    )
    console.print(f"peaceops dashboard for {root} at http://{host}:{port}/ (Ctrl+C to stop)")
    uvicorn.run(app_, host=host, port=port, log_level="warning")


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    app.command("serve")(serve_command)
