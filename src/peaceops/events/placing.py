"""Placing events against the workspace's boundaries and gazetteer (``geo.placement``).

``place_table`` fills the placement columns of an events table (an import places its new and
revised events); ``replace_all`` places every stored event again after boundaries or a
gazetteer were imported, as a version of its own.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from peaceops.events import versions
from peaceops.events.event_file import write_events_parquet
from peaceops.events.schema import EVENT_SCHEMA, EVENTS_SLOT
from peaceops.geo.placement import Placement, Placer
from peaceops.workspace import Workspace

__all__ = ["place_table", "replace_all"]


def place_table(placer: Placer, table: pa.Table) -> tuple[pa.Table, dict[str, int]]:
    """``table`` with its placement columns filled in by ``placer``."""
    lat = table.column("latitude").to_numpy(zero_copy_only=False).astype(np.float64)
    lon = table.column("longitude").to_numpy(zero_copy_only=False).astype(np.float64)
    placed: Placement = placer.place(
        lat,
        lon,
        table.column("admin1").combine_chunks(),
        table.column("admin2").combine_chunks(),
        table.column("location").combine_chunks(),
    )
    for name, series in (
        ("admin1_pcode", placed.admin1_pcode),
        ("admin1_name", placed.admin1_name),
        ("admin2_pcode", placed.admin2_pcode),
        ("admin2_name", placed.admin2_name),
        ("placement", placed.placement),
    ):
        idx = table.schema.get_field_index(name)
        values = series.to_arrow().cast(pa.string())
        table = table.set_column(idx, EVENT_SCHEMA.field(name), values)
    return table, placed.counts


def replace_all(ws: Workspace) -> dict[str, int]:
    """Place every stored event again (after boundaries or a gazetteer were imported),
    recorded as a version (``place``) so that undo and as-of see the placement then."""
    with ws.writing():
        versions.begin(ws)
        current = ws.current_file(EVENTS_SLOT)
        if current is None:
            return {}
        table = pq.read_table(current)
        placed, counts = place_table(Placer.for_workspace(ws), table)
        staged = ws.staging_file(EVENTS_SLOT)
        try:
            write_events_parquet(placed, staged)
            with ws.transaction() as conn:
                ws.publish(EVENTS_SLOT, staged, [], conn=conn)
                versions.commit_version(
                    ws,
                    conn,
                    action="place",
                    data_file=versions.pointer(conn),
                    events=placed.num_rows,
                    changed=True,
                    counts={k: int(v) for k, v in counts.items()},
                )
        finally:
            staged.unlink(missing_ok=True)
        versions.prune(ws)
    return counts
