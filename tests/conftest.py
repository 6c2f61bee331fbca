"""Fixtures shared by every test package."""

from __future__ import annotations

from pathlib import Path

import pytest

from peaceops.shared_data import shared_data_dir
from peaceops.workspace import Workspace


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The published reference data beside the repository (../shared/data)."""
    path = shared_data_dir()
    if path is None:
        pytest.skip("../shared/data not found (set PEACEOPS_SHARED_DATA)")
    return path


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    """A fresh, empty Mali workspace in a temporary directory."""
    return Workspace.create(tmp_path / "ws", country="MLI")
