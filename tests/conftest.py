"""Fixtures shared by every test package."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
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


@pytest.fixture(autouse=True)
def _records_on_postgresql(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """With PEACEOPS_TEST_DATABASE_URL set (a PostgreSQL server's database URL, as .ci/run
    does), every test's workspaces keep their records in a fresh PostgreSQL database, dropped
    after the test; without it, records stay in each workspace's SQLite file."""
    server = os.environ.get("PEACEOPS_TEST_DATABASE_URL")
    if not server:
        yield
        return
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    base = make_url(server).set(drivername="postgresql+psycopg")
    name = f"peaceops_t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    monkeypatch.setenv("PEACEOPS_DATABASE_URL", base.set(database=name).render_as_string(False))
    try:
        yield
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
