"""Fixtures for the actor tests."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from peaceops.workspace import Workspace

sys.path.insert(0, str(Path(__file__).parents[1] / "context"))
sys.path.insert(0, str(Path(__file__).parent))

from context_fixtures import Event, publish_events


@pytest.fixture
def with_events(workspace: Workspace) -> Callable[[Sequence[Event]], Workspace]:
    def load(rows: Sequence[Event]) -> Workspace:
        publish_events(workspace, rows)
        return workspace

    return load
