"""The demo loaders: synthetic scenario (always) and published data (when present)."""

from __future__ import annotations

from pathlib import Path

from peaceops.demo.events import load_real, load_synthetic
from peaceops.demo.synthetic import generate_events
from peaceops.workspace import Workspace


def test_synthetic_generator_is_deterministic_and_realistic() -> None:
    a = generate_events(2000, seed=9)
    assert a.equals(generate_events(2000, seed=9))
    assert not a.equals(generate_events(2000, seed=10))
    assert a.get_column("event_date").is_sorted()
    fat = a.get_column("fatalities")
    assert fat.min() == 0 and fat.max() > 20 * fat.median()  # type: ignore[operator]
    assert a.get_column("notes").str.starts_with("SYNTHETIC").all()
    lat, lon = a.get_column("latitude"), a.get_column("longitude")
    assert lat.min() > 9 and lat.max() < 25.1 and lon.min() > -13 and lon.max() < 5


def test_synthetic_demo_workspace_has_region_groups(tmp_path: Path) -> None:
    ws = Workspace.create(tmp_path / "ws", country="MLI", synthetic=True)
    summary = load_synthetic(ws, seed=2, rows=3000)
    assert summary["events"] == 3000 and "SYNTHETIC" in summary["data"]
    con = ws.duckdb()
    names = {r[0] for r in con.execute("SELECT DISTINCT admin1_name FROM events").fetchall()}
    groups = {ws.config.region_group_of(n) for n in names}
    assert groups == {"north", "centre", "south"}
    (boundary,) = ws.datasets("boundaries")
    assert "synthetic" in boundary.source


def test_real_demo_data(tmp_path: Path, shared_data: Path) -> None:
    ws = Workspace.create(tmp_path / "ws", country="MLI")
    summary = load_real(ws, shared_data)
    assert summary["events"] == 4318 and summary["unplaced"] == 0
    assert summary["placed by point"] + summary["by name"] + summary["source names"] == 4318
    assert sorted(ws.slots("boundaries/")) == ["boundaries/1", "boundaries/2"]
