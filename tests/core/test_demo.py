"""The demo builder: real data when found, a labelled synthetic scenario otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest

from peaceops.demo import build_demo
from peaceops.errors import WorkspaceError
from peaceops.events.analysis import series
from peaceops.mandates.store import list_resolutions
from peaceops.workspace import Workspace


def test_synthetic_demo_is_labelled_and_complete(tmp_path: Path) -> None:
    heard: list[tuple[str, int, int]] = []
    ws, result = build_demo(
        tmp_path / "demo", synthetic=True, on_progress=lambda *a: heard.append(a)
    )
    try:
        assert result.data == "synthetic"
        parts = [s.name for s in result.steps]
        assert heard == [(name, i, 6) for i, name in enumerate(parts)] + [
            ("demo workspace built", 6, 6)
        ]
        assert ws.config.synthetic is True
        assert "synthetic" in ws.config.name
        assert [s.name for s in result.steps] == [
            "events",
            "mandates",
            "agreement",
            "framework",
            "strategy",
            "plan",
        ]
        yearly = series(ws, by="year", group="region")
        assert set(yearly["region"].to_list()) >= {"north", "centre", "south"}
        assert int(yearly["fatalities"].sum()) > 0
        assert len(list_resolutions(ws)) == 3
    finally:
        ws.close()


def test_real_demo_uses_the_published_acled_export(tmp_path: Path, shared_data: Path) -> None:
    ws, result = build_demo(tmp_path / "demo", shared_dir=shared_data)
    try:
        assert result.data == "real"
        assert ws.config.synthetic is False
        kinds = {d.kind for d in ws.datasets()}
        assert {"events", "boundaries"} <= kinds
        # The README of the shared data: 4,318 events from 1997 to 2020.
        yearly = series(ws, by="year")
        assert int(yearly["events"].sum()) == 4318
        assert yearly["period"].to_list()[0] == "1997"
    finally:
        ws.close()


def test_demo_rebuilds_its_own_workspace_but_not_others(tmp_path: Path) -> None:
    ws, _ = build_demo(tmp_path / "demo", synthetic=True)
    ws.close()
    ws, _ = build_demo(tmp_path / "demo", synthetic=True)  # rebuilt in place
    ws.close()
    Workspace.create(tmp_path / "mine", country="MLI").close()
    with pytest.raises(WorkspaceError, match="did not create"):
        build_demo(tmp_path / "mine", synthetic=True)
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "notes.txt").write_text("keep me")
    with pytest.raises(WorkspaceError, match="not empty"):
        build_demo(tmp_path / "other", synthetic=True)
    assert (tmp_path / "other" / "notes.txt").read_text() == "keep me"
