"""The context as files other tools open: one Excel workbook, or GIS layers.

``export_workbook`` writes every context table as a sheet of one workbook with real dates and
number formats (integers, percentages) and a ``sources`` sheet (datasets, versions, access
dates, citations). ``export_geo`` writes area totals with their boundaries (admin1, admin2) and
the placed events as points, as GeoJSON, GeoPackage (one file, one layer each) or GeoParquet
(with its ``geo`` metadata), readable by QGIS and geopandas. Files of a synthetic workspace
carry a ``data_label`` column saying so on every row.
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import shapely

from peaceops.errors import InputError, NotFoundError
from peaceops.events.analysis import area_totals, series
from peaceops.events.export import fill_sheet, labelled
from peaceops.events.points import event_points
from peaceops.geo.boundaries import stored_boundaries
from peaceops.period import Period
from peaceops.reports.partial import covered_range, covered_span, with_partial_column
from peaceops.workspace import Workspace

__all__ = ["GEO_FORMATS", "export_geo", "export_workbook"]

GEO_FORMATS = ("geojson", "gpkg", "geoparquet")
_SUFFIX = {"geojson": ".geojson", "gpkg": ".gpkg", "geoparquet": ".parquet"}
_DRIVER = {"geojson": "GeoJSON", "gpkg": "GPKG"}
_WGS84 = "EPSG:4326"


def _label(ws: Workspace) -> str:
    return "synthetic" if ws.config.synthetic else ""


def _labelled(ws: Workspace, df: pl.DataFrame) -> pl.DataFrame:
    return labelled(df, _label(ws))


# -- workbook ---------------------------------------------------------------------------------


def _tables(ws: Workspace, start: date | None, end: date | None) -> dict[str, pl.DataFrame]:
    tables = {
        "by_year": series(ws, by="year", start=start, end=end),
        "by_year_region": series(ws, by="year", group="region", start=start, end=end),
        "civilian_by_year_region": series(
            ws, by="year", group="region", civilian=True, start=start, end=end
        ),
        "by_month_region": series(ws, by="month", group="region", start=start, end=end),
        "by_year_event_type": series(ws, by="year", group="event_type", start=start, end=end),
    }
    for level in (1, 2):
        totals = area_totals(ws, level, start=start, end=end)
        if totals:
            tables[f"admin{level}_totals"] = pl.DataFrame(
                [
                    {
                        "pcode": t.pcode,
                        "name": t.name,
                        "events": t.events,
                        "fatalities": t.fatalities,
                    }
                    for t in totals
                ]
            )
    covered = covered_range(ws, start, end)
    return {name: _labelled(ws, _dated(df, covered)) for name, df in tables.items()}


def _dated(df: pl.DataFrame, covered: tuple[date, date] | None) -> pl.DataFrame:
    """The table with real dates for its periods (``start``, ``end``) beside their labels.

    A period the data covers only in part (2020 of an export ending 2020-10-31) starts and
    ends on its first and last covered day, and its ``partial`` column says so."""
    if "period" not in df.columns or df.is_empty():
        return df
    bounds: dict[str, tuple[date, date]] = {}
    for p in df.get_column("period").unique().to_list():
        span = Period.parse(p)
        part = covered_span(p, *covered) if covered else None
        bounds[p] = part or (span.start, span.end)
    if covered:
        df = with_partial_column(df, *covered)
    return df.with_columns(
        pl.col("period").replace_strict({p: b[0] for p, b in bounds.items()}).alias("start"),
        pl.col("period").replace_strict({p: b[1] for p, b in bounds.items()}).alias("end"),
    ).select("period", "start", "end", pl.exclude("period", "start", "end"))


def _sources(ws: Workspace) -> pl.DataFrame:
    rows = [
        {
            "kind": r.kind,
            "source": r.source,
            "file": r.file_name,
            "version": r.version,
            "accessed": r.accessed,
            "imported_at": r.imported_at.replace(tzinfo=None),
            "sha256": r.sha256,
            "citation": r.cite(),
        }
        for r in ws.datasets()
    ]
    return pl.DataFrame(rows) if rows else pl.DataFrame({"source": [], "citation": []})


def _number_format(name: str, dtype: pl.DataType) -> str | None:
    if name == "share" or name.endswith("_share"):
        return "0.0%"
    if dtype.is_integer():
        return "#,##0"
    if dtype.is_float():
        return "#,##0.00"
    if dtype == pl.Date:
        return "yyyy-mm-dd"
    return None


def export_workbook(
    ws: Workspace, path: Path, start: date | None = None, end: date | None = None
) -> Path:
    """Every context table as a sheet of one .xlsx, with a ``sources`` sheet (see module doc)."""
    from openpyxl import Workbook

    if path.suffix.lower() != ".xlsx":
        raise InputError(f"{path.name}: the workbook is written as .xlsx", field="out")
    tables = _tables(ws, start, end)
    tables["sources"] = _sources(ws)
    wb = Workbook()
    first = True
    for name, df in tables.items():
        sheet = wb.active if first else wb.create_sheet()
        assert sheet is not None
        first = False
        fill_sheet(sheet, df, name, _number_format)
    return _atomic(path, wb.save)


def _atomic(path: Path, write: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp{path.suffix}")
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


# -- GIS layers -------------------------------------------------------------------------------


def _area_layer(
    ws: Workspace, level: int, start: date | None, end: date | None
) -> tuple[pl.DataFrame, np.ndarray[Any, Any]]:
    """Area totals joined to their boundaries: attributes and WKB geometries."""
    stored = stored_boundaries(ws, level)
    totals = {t.pcode: t for t in area_totals(ws, level, start=start, end=end)}
    civilian = {t.pcode: t for t in area_totals(ws, level, civilian=True, start=start, end=end)}
    codes = list(stored.pcodes)
    frame = pl.DataFrame(
        {
            "pcode": codes,
            "name": list(stored.names),
            "events": [totals[c].events if c in totals else 0 for c in codes],
            "fatalities": [totals[c].fatalities if c in totals else 0 for c in codes],
            "civilian_fatalities": [civilian[c].fatalities if c in civilian else 0 for c in codes],
        }
    )
    wkb = np.array(stored.wkb, dtype=object)
    return _labelled(ws, frame), wkb


def _event_layer(
    ws: Workspace, start: date | None, end: date | None
) -> tuple[pl.DataFrame, np.ndarray[Any, Any]]:
    points = event_points(ws, start, end)
    geoms = shapely.points(points["longitude"].to_numpy(), points["latitude"].to_numpy())
    frame = points.drop("latitude", "longitude").with_columns(pl.col("event_date").cast(pl.Utf8))
    return _labelled(ws, frame), shapely.to_wkb(geoms)


def export_geo(
    ws: Workspace,
    path: Path,
    fmt: str,
    *,
    layer: str = "admin1",
    start: date | None = None,
    end: date | None = None,
) -> list[Path]:
    """Write GIS layers (see the module doc); returns the files written.

    GeoPackage holds every layer that has data (``admin1``, ``admin2``, ``events``) in one
    file; GeoJSON and GeoParquet hold one layer each, ``layer`` (``admin1``, ``admin2`` or
    ``events``).
    """
    if fmt not in GEO_FORMATS:
        raise InputError(f"unknown format {fmt!r} (use {', '.join(GEO_FORMATS)})", field="format")
    if layer not in ("admin1", "admin2", "events"):
        raise InputError(f"unknown layer {layer!r} (use admin1, admin2 or events)", field="layer")
    wanted = ["admin1", "admin2", "events"] if fmt == "gpkg" else [layer]
    layers: dict[str, tuple[pl.DataFrame, np.ndarray[Any, Any]]] = {}
    for name in wanted:
        try:
            layers[name] = (
                _event_layer(ws, start, end)
                if name == "events"
                else _area_layer(ws, int(name[-1]), start, end)
            )
        except NotFoundError:
            if fmt != "gpkg":
                raise
    if not layers:
        raise NotFoundError(
            "no boundaries in this workspace",
            missing="admin1 boundaries",
            remedy="boundaries.import.admin1",
        )
    if fmt == "geoparquet":
        frame, wkb = layers[layer]
        return [_atomic(path, lambda tmp: _write_geoparquet(frame, wkb, tmp))]
    from pyogrio.raw import write

    def write_all(tmp: Path) -> None:
        for name, (frame, wkb) in layers.items():
            fields = frame.columns
            data = [_ogr_values(frame.get_column(c)) for c in fields]
            write(
                str(tmp),
                wkb,
                data,
                fields,
                layer=name,
                driver=_DRIVER[fmt],
                crs=_WGS84,
                geometry_type="Point" if name == "events" else "Unknown",
                append=tmp.exists(),
            )

    return [_atomic(path, write_all)]


def _ogr_values(column: pl.Series) -> np.ndarray[Any, Any]:
    if column.dtype.is_integer():
        return column.fill_null(0).to_numpy().astype(np.int64)
    if column.dtype.is_float():
        return column.to_numpy().astype(np.float64)
    if column.dtype == pl.Boolean:
        return column.fill_null(False).cast(pl.Int8).to_numpy()
    return np.array([None if v is None else str(v) for v in column.to_list()], dtype=object)


def _write_geoparquet(frame: pl.DataFrame, wkb: np.ndarray[Any, Any], path: Path) -> None:
    geoms = shapely.from_wkb(wkb)
    kinds = sorted({g.geom_type for g in geoms if g is not None})
    bounds = shapely.total_bounds(geoms).tolist()
    table = frame.to_arrow().append_column("geometry", pa.array(list(wkb), pa.binary()))
    geo = {
        "version": "1.0.0",
        "primary_column": "geometry",
        "columns": {
            "geometry": {
                "encoding": "WKB",
                "geometry_types": kinds,
                "bbox": bounds,
                "crs": None,  # the spec's default: OGC:CRS84 (longitude, latitude on WGS 84)
            }
        },
    }
    meta = dict(table.schema.metadata or {})
    meta[b"geo"] = json.dumps(geo).encode("utf-8")
    pq.write_table(table.replace_schema_metadata(meta), path)
