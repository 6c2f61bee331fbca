"""The web dashboard: server-rendered pages and a JSON API over one workspace.

``create_app(workspace_dir)`` builds the FastAPI application; ``peaceops serve`` runs it with
uvicorn. Pages call the feature packages' public functions; nothing is computed here that the
CLI or the brief would compute differently.
"""

from __future__ import annotations

__all__: list[str] = []
