"""Fixtures for the strategy tests."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from st_fixtures import SMALL, write_yaml


@pytest.fixture
def small_yaml(tmp_path: Path) -> Path:
    return write_yaml(tmp_path, SMALL, "small.yaml")
