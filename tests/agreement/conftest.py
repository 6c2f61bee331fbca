"""Fixtures for the agreement tests."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from ag_fixtures import SMALL


@pytest.fixture
def small_yaml(tmp_path: Path) -> Path:
    path = tmp_path / "accord.yaml"
    path.write_text(SMALL, encoding="utf-8")
    return path
