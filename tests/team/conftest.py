"""Fixtures for the team-server tests: a workspace with the example framework and accounts."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from peaceops import audit
from peaceops.auth import add_user, create_token
from peaceops.framework import read_framework, save_framework
from peaceops.workspace import Workspace

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    from fastapi.testclient import TestClient  # noqa: F401  (imported once, warnings silenced)

EXAMPLES = Path(__file__).resolve().parents[2] / "src" / "peaceops" / "examples"
PASSWORD = "correct horse battery"


@pytest.fixture
def team_ws(tmp_path: Path) -> Path:
    """A workspace with the example framework, three accounts (one a role each) and a token
    for the viewer; tokens are in ``team_ws / 'tokens'`` only for the tests' convenience."""
    root = tmp_path / "team"
    with Workspace.create(root, country="MLI") as ws, audit.acting_as("setup"):
        save_framework(ws, read_framework(EXAMPLES / "minusma_framework.yaml"))
        for name, role in (("vera", "viewer"), ("ana", "analyst"), ("adam", "admin")):
            add_user(ws, name, role, PASSWORD)
            _, token = create_token(ws, name, "tests")
            (root / f"token-{name}").write_text(token)
    return root
