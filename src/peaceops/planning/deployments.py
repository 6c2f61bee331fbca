"""Geo-PKO deployments in the workspace: import (Parquet slot with provenance) and load."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from peaceops.errors import InputError, NotFoundError
from peaceops.planning.geopko import (
    GEOPKO_CITATION,
    Deployment,
    DeploymentTable,
    read_frontmap,
)
from peaceops.provenance import DatasetRecord, file_sha256
from peaceops.workspace import Workspace

__all__ = ["DEPLOYMENTS_SLOT", "import_deployments", "load_deployments"]

DEPLOYMENTS_SLOT = "deployments"


def import_deployments(ws: Workspace, path: Path) -> dict[str, Any]:
    """Read a Geo-PKO FrontMap CSV and make it the workspace's deployments (atomic)."""
    table = read_frontmap(path)
    if not table.deployments:
        raise InputError(f"{path.name}: no valid deployment rows")
    columns: dict[str, list[Any]] = {
        "mission": [d.mission for d in table.deployments],
        "year": [d.year for d in table.deployments],
        "location": [d.location for d in table.deployments],
        "latitude": [d.latitude for d in table.deployments],
        "longitude": [d.longitude for d in table.deployments],
        "troops": [d.troops for d in table.deployments],
        "maps": [d.maps for d in table.deployments],
    }
    staged = ws.staging_file(DEPLOYMENTS_SLOT)
    pq.write_table(pa.table(columns), staged)
    record = DatasetRecord(
        kind="deployments",
        source="Geo-PKO",
        file_name=path.name,
        sha256=file_sha256(path),
        accessed=date.today(),
        version="2.3" if "2.3" in path.name else "",
        citation=GEOPKO_CITATION,
        rows_read=table.rows_read,
        rows_accepted=table.rows_read - len(table.rejected),
        rows_rejected=len(table.rejected),
        details={
            "location_years": len(table.deployments),
            "rejected": [f"line {r.line}: {r.reason}" for r in table.rejected[:50]],
        },
    )
    ws.publish(DEPLOYMENTS_SLOT, staged, [record])
    return {
        "rows read": table.rows_read,
        "rejected": len(table.rejected),
        "location-years": len(table.deployments),
        "missions": len({d.mission for d in table.deployments}),
    }


def load_deployments(ws: Workspace, csv_path: Path | None = None) -> tuple[DeploymentTable, str]:
    """Deployments from a CSV (when given) or from the workspace, with a citation."""
    if csv_path is not None:
        table = read_frontmap(csv_path)
        return table, f"{GEOPKO_CITATION} (file {csv_path.name})"
    path = ws.current_file(DEPLOYMENTS_SLOT)
    if path is None:
        raise NotFoundError(
            "no deployments in this workspace (a Geo-PKO FrontMap table)",
            missing="deployments",
            remedy="plan.deployments",
        )
    data = pq.read_table(path).to_pylist()
    deps = tuple(
        Deployment(
            str(r["mission"]),
            int(r["year"]),
            str(r["location"]),
            float(r["latitude"]),
            float(r["longitude"]),
            float(r["troops"]),
            int(r["maps"]),
        )
        for r in data
    )
    records = ws.datasets("deployments")
    cite = records[-1].cite() if records else GEOPKO_CITATION
    name = records[-1].file_name if records else path.name
    return DeploymentTable(deps, len(deps), (), name), cite
