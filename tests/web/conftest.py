"""A small synthetic workspace served in-process, shared by the web tests."""

from __future__ import annotations

import sys
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    from fastapi.testclient import TestClient

from peaceops.demo.fixtures import build_small_workspace
from peaceops.web.app import create_app
from peaceops.workspace import Workspace


@pytest.fixture(scope="session")
def small_ws(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("web") / "ws"
    build_small_workspace(root)
    return root


@pytest.fixture(scope="session")
def client(small_ws: Path) -> Iterator[TestClient]:
    with TestClient(create_app(small_ws)) as c:
        yield c


@pytest.fixture
def empty_client(tmp_path: Path) -> Iterator[TestClient]:
    Workspace.create(tmp_path / "empty", country="MLI").close()
    with TestClient(create_app(tmp_path / "empty")) as c:
        yield c
