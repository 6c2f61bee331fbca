"""The events Parquet file: every version of the event store is written here."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from peaceops.events.schema import EVENT_SCHEMA

__all__ = ["write_events_parquet"]


def write_events_parquet(table: pa.Table, path: Path) -> None:
    """Write an events table with dictionary encoding only where values repeat."""
    repeating = [
        "source", "source_version", "event_type", "sub_event_type", "actor1", "actor2",
        "actor1_category", "actor2_category", "country", "iso3", "admin1", "admin2", "admin3",
        "admin1_pcode", "admin1_name", "admin2_pcode", "admin2_name", "placement",
    ]  # fmt: skip
    pq.write_table(
        table.cast(EVENT_SCHEMA), path, use_dictionary=repeating, row_group_size=256 * 1024
    )
