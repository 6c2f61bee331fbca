"""Event data for the demo workspace: the published Mali data when present, else synthetic.

``load_real`` imports the ACLED export for Mali and the OCHA admin1/admin2 boundaries (and the
settlements gazetteer) from the shared data folder. ``load_synthetic`` imports a generated,
clearly labelled synthetic ACLED-format file and a generated set of synthetic regions (Voronoi
cells around made-up region centres), so region groups, maps and every breakdown work offline.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import shapely

from peaceops.demo.synthetic import REGIONS, write_acled_csv
from peaceops.events.geography import import_boundaries, import_gazetteer
from peaceops.events.importer import import_events
from peaceops.workspace import Workspace

__all__ = ["ACLED_FILE", "CODAB_DIR", "load_real", "load_synthetic", "synthetic_regions"]

ACLED_FILE = Path("acled_mali_smose94") / "Processed_Acled_Mali.csv"
CODAB_DIR = Path("mali_admin_ocha_codab")
SYNTHETIC_ROWS = 20_000


def load_real(ws: Workspace, shared_dir: Path) -> dict[str, Any]:
    """Import the published ACLED export and OCHA boundaries; a summary of what was loaded."""
    codab = shared_dir / CODAB_DIR
    import_boundaries(ws, codab / "mli_adm1_regions.geojson", 1)
    import_boundaries(ws, codab / "mli_adm2_cercles.geojson", 2)
    import_gazetteer(ws, codab / "settlements.csv")
    report = import_events(ws, shared_dir / ACLED_FILE)
    return {
        "events": report.accepted,
        "rejected": report.rejected,
        "placed by point": report.placed_point,
        "by name": report.placed_name,
        "source names": report.placed_source,
        "unplaced": report.unplaced,
    }


def synthetic_regions(path: Path) -> Path:
    """A GeoJSON of made-up regions: Voronoi cells around the synthetic region centres."""
    names = list(REGIONS)
    centres = shapely.multipoints([(REGIONS[n][0], REGIONS[n][1]) for n in names])
    frame = shapely.box(-12.3, 10.1, 4.3, 25.1)
    cells = shapely.get_parts(shapely.voronoi_polygons(centres, extend_to=frame))
    pcodes = {"Kayes": "ML01", "Koulikoro": "ML02", "Sikasso": "ML03", "Segou": "ML04",
              "Mopti": "ML05", "Tombouctou": "ML06", "Gao": "ML07", "Kidal": "ML08",
              "Bamako": "ML09", "Menaka": "ML10"}  # fmt: skip
    features = []
    for name in names:
        point = shapely.Point(REGIONS[name][0], REGIONS[name][1])
        cell = next(c for c in cells if c.contains(point)).intersection(frame)
        features.append(
            {
                "type": "Feature",
                "properties": {"admin1Pcod": pcodes[name], "admin1Name": name},
                "geometry": shapely.geometry.mapping(cell),
            }
        )
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return path


def load_synthetic(ws: Workspace, seed: int = 1, rows: int = SYNTHETIC_ROWS) -> dict[str, Any]:
    """Import a generated ACLED-format file and synthetic regions (all clearly synthetic)."""
    folder = ws.cache_dir / "synthetic"
    folder.mkdir(parents=True, exist_ok=True)
    regions = synthetic_regions(folder / "synthetic_regions.geojson")
    import_boundaries(ws, regions, 1, source="synthetic regions (peaceops generator)")
    generated = write_acled_csv(folder / f"synthetic_acled_seed{seed}.csv", rows, seed)
    report = import_events(ws, generated.path, "acled", version=f"synthetic, seed {seed}")
    return {
        "events": report.accepted,
        "data": "SYNTHETIC (generated, not real events)",
        "placed by point": report.placed_point,
        "source names": report.placed_source,
    }
