"""Administrative boundaries: reading GeoJSON, Shapefile or GeoPackage layers into the workspace.

A boundary level is stored in the Parquet slot ``boundaries/<level>`` with columns ``pcode``,
``name`` (for level 1: the workspace's canonical admin1 name, so region groups work whatever
the boundary file spells), ``name_source`` (the file's own spelling), ``admin1_pcode``,
``admin2_pcode`` (parent codes, when the file has them), ``geometry`` (WKB, lon/lat) and
``iso3``: the country of the feature. A level's layer is made of country parts: importing one
country's file replaces that country's part and keeps the others (``geo.boundary_parts``).

P-code and name columns are detected from common conventions: OCHA COD-AB (``admin1Pcod``,
``admin1Name``), HDX/ITOS (``ADM1_PCODE``, ``ADM1_EN``, ``ADM1_FR``) and geoBoundaries
(``shapeID``, ``shapeName``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pyogrio
import shapely

from peaceops.errors import InputError, NotFoundError
from peaceops.geo.boundary_parts import (
    ADM0_COLUMNS,
    assign_countries,
    country_letters,
    layer_records,
    merge_parts,
)
from peaceops.provenance import DatasetRecord, file_sha256
from peaceops.workspace import Workspace

__all__ = [
    "BOUNDARY_SCHEMA",
    "BoundaryLayer",
    "StoredBoundaries",
    "boundary_records",
    "boundary_slot",
    "detect_columns",
    "load_boundaries",
    "read_boundary_file",
    "store_boundaries",
    "stored_boundaries",
]

BOUNDARY_SCHEMA = pa.schema(
    [
        pa.field("pcode", pa.string(), nullable=False),
        pa.field("name", pa.string()),
        pa.field("name_source", pa.string()),
        pa.field("admin1_pcode", pa.string()),
        pa.field("admin2_pcode", pa.string()),
        pa.field("geometry", pa.binary(), nullable=False),
        pa.field("iso3", pa.string()),
    ]
)

_LEVELS = (1, 2, 3)


def boundary_slot(level: int) -> str:
    return f"boundaries/{level}"


@dataclass(frozen=True)
class BoundaryLayer:
    """One level of boundaries in memory: codes, names, parents and shapely geometries."""

    level: int
    pcodes: tuple[str, ...]
    names: tuple[str, ...]
    admin1_pcodes: tuple[str | None, ...]
    admin2_pcodes: tuple[str | None, ...]
    geometries: Any  # numpy array of shapely geometries


def _pick(fields: list[str], candidates: list[str]) -> str | None:
    lower = {f.casefold(): f for f in fields}
    for cand in candidates:
        if cand.casefold() in lower:
            return lower[cand.casefold()]
    return None


def _pcode_candidates(level: int) -> list[str]:
    n = level
    return [
        f"admin{n}Pcod",
        f"admin{n}Pcode",
        f"ADM{n}_PCODE",
        f"adm{n}_pcode",
        f"ADM{n}_CODE",
        f"ADM{n}PCODE",
        f"pcode_adm{n}",
        "pcode",
        "shapeID",
    ]


def _name_candidates(level: int) -> list[str]:
    n = level
    return [
        f"admin{n}Name",
        f"admin{n}Name_en",
        f"admin{n}Name_fr",
        f"ADM{n}_EN",
        f"ADM{n}_FR",
        f"ADM{n}_NAME",
        f"adm{n}_name",
        f"NAME_{n}",
        "name",
        "shapeName",
    ]


def detect_columns(fields: list[str], level: int) -> dict[str, str | None]:
    """The file's P-code, name and parent P-code columns for ``level``."""
    found: dict[str, str | None] = {
        "pcode": _pick(fields, _pcode_candidates(level)),
        "name": _pick(fields, _name_candidates(level)),
        "admin1_pcode": _pick(fields, _pcode_candidates(1)) if level > 1 else None,
        "admin2_pcode": _pick(fields, _pcode_candidates(2)) if level > 2 else None,
    }
    return found


def read_boundary_file(
    path: Path, level: int, layer: str | None = None, *, canonical: Any = None
) -> pa.Table:
    """Read one boundary layer into ``BOUNDARY_SCHEMA`` (InputError for unusable files).

    ``canonical`` maps a level-1 name to the workspace's canonical spelling.
    """
    if level not in _LEVELS:
        raise InputError(f"the admin level must be 1, 2 or 3, not {level}", field="level")
    if not path.exists():
        raise InputError(f"{path}: no such file")
    try:
        layers = [str(row[0]) for row in pyogrio.list_layers(path)]
    except Exception as exc:  # pyogrio raises its own DataSourceError types
        raise InputError(
            f"{path.name}: not a readable GeoJSON/Shapefile/GeoPackage ({exc})"
        ) from None
    if layer is None and len(layers) > 1:
        raise InputError(
            f"{path.name} has several layers ({', '.join(layers)}); choose one", field="layer"
        )
    if layer is not None and layer not in layers:
        raise InputError(f"{path.name} has no layer {layer!r} (layers: {', '.join(layers)})")
    try:
        meta, _index, geometry, field_data = pyogrio.raw.read(path, layer=layer)
    except Exception as exc:
        raise InputError(f"{path.name}: cannot read boundaries ({exc})") from None
    fields = [str(f) for f in meta["fields"]]
    cols = detect_columns(fields, level)
    if cols["pcode"] is None:
        raise InputError(
            f"{path.name}: no P-code column for level {level} found among: {', '.join(fields)}"
        )
    if geometry is None:
        raise InputError(f"{path.name}: the layer has no geometries")
    crs = str(meta.get("crs") or "")
    if crs and "4326" not in crs and "CRS84" not in crs.upper():
        raise InputError(f"{path.name}: boundaries must be in lon/lat (EPSG:4326), not {crs}")
    values = dict(zip(fields, field_data, strict=True))

    def column(name: str | None) -> list[str | None]:
        if name is None:
            return [None] * len(geometry)
        return [None if v is None or str(v).strip() == "" else str(v).strip() for v in values[name]]

    pcodes = column(cols["pcode"])
    names_src = column(cols["name"])
    if any(p is None for p in pcodes):
        raise InputError(f"{path.name}: some features have no P-code in {cols['pcode']}")
    geoms = shapely.from_wkb(geometry)
    if any(g is None or g.is_empty for g in geoms):
        raise InputError(f"{path.name}: some features have no geometry")
    kinds = set(shapely.get_type_id(geoms).tolist())
    if not kinds <= {3, 6}:  # Polygon, MultiPolygon
        raise InputError(f"{path.name}: boundaries must be polygons (this layer has points/lines)")
    geoms = shapely.make_valid(geoms)
    names = [canonical(n) if (canonical is not None and level == 1 and n) else n for n in names_src]
    return pa.Table.from_pydict(
        {
            "pcode": pcodes,
            "name": names,
            "name_source": names_src,
            "admin1_pcode": pcodes if level == 1 else column(cols["admin1_pcode"]),
            "admin2_pcode": pcodes if level == 2 else column(cols["admin2_pcode"]),
            "geometry": list(shapely.to_wkb(geoms)),
            "iso3": column(_pick(fields, ADM0_COLUMNS)),  # as the file writes it
        },
        schema=BOUNDARY_SCHEMA,
    )


def load_boundaries(ws: Workspace, level: int) -> BoundaryLayer | None:
    """The boundaries of ``level`` stored in the workspace, or None."""
    path = ws.current_file(boundary_slot(level))
    if path is None:
        return None
    table = pq.read_table(path)
    names = table.column_names

    def col(name: str) -> tuple[Any, ...]:
        if name not in names:
            return tuple([None] * table.num_rows)
        return tuple(table.column(name).to_pylist())

    return BoundaryLayer(
        level=level,
        pcodes=tuple(str(p) for p in table.column("pcode").to_pylist()),
        names=col("name"),
        admin1_pcodes=col("admin1_pcode"),
        admin2_pcodes=col("admin2_pcode"),
        geometries=shapely.from_wkb(table.column("geometry").to_numpy(zero_copy_only=False)),
    )


@dataclass(frozen=True)
class StoredBoundaries:
    """The stored boundaries of one level as the maps and GIS exports read them: P-codes,
    names (the P-code where the layer has none) and WKB geometries, in file order."""

    level: int
    pcodes: tuple[str, ...]
    names: tuple[str, ...]
    wkb: tuple[bytes, ...]


def _stored_column(names: list[str], *candidates: str) -> str | None:
    lowered = {n.lower(): n for n in names}
    return next((lowered[c] for c in candidates if c in lowered), None)


def stored_boundaries(ws: Workspace, level: int) -> StoredBoundaries:
    """The boundaries slot of ``level`` (NotFoundError without one; InputError when the file
    has no P-code or geometry column). Reads the stored columns by their usual names, so a
    slot written by an older version still draws."""
    path = ws.current_file(boundary_slot(level))
    if path is None:
        raise NotFoundError(
            f"no admin{level} boundaries in this workspace",
            missing=f"admin{level} boundaries",
            remedy=f"boundaries.import.admin{level}",
        )
    table = pq.read_table(path)
    names = table.column_names
    pcode = _stored_column(names, "pcode", f"admin{level}_pcode", f"adm{level}_pcode")
    label = _stored_column(names, "name", f"admin{level}_name", f"adm{level}_name")
    geom = _stored_column(names, "geometry", "wkb", "geom")
    if pcode is None or geom is None:
        raise InputError(f"boundaries/{level} has no pcode or geometry column ({names})")
    pcodes = tuple(str(p) for p in table.column(pcode).to_pylist())
    labels = table.column(label).to_pylist() if label else list(pcodes)
    return StoredBoundaries(
        level=level,
        pcodes=pcodes,
        names=tuple(str(n) if n else p for n, p in zip(labels, pcodes, strict=True)),
        wkb=tuple(table.column(geom).to_pylist()),
    )


def store_boundaries(
    ws: Workspace,
    path: Path,
    level: int,
    *,
    layer: str | None = None,
    source: str = "",
    accessed: date | None = None,
    country: str | None = None,
) -> dict[str, Any]:
    """Store a boundary file as its countries' part of ``boundaries/<level>``, with its
    provenance, keeping the other countries' features of the layer.

    The countries come from the file (ADM0 column or P-codes) or ``country``. Returns a report:
    level, features (of the file), countries, features in the layer, file, layer and
    ``unchanged`` (True when the layer already held exactly this: nothing is written).
    Events placed against the old layer are placed again by
    ``peaceops.events.geography.import_boundaries``.
    """
    cfg = ws.config
    codes = cfg.country_codes
    given = country.strip().upper() if country else None
    if given is not None and codes and given not in codes:
        raise InputError(
            f"{given} is not a country of this workspace ({', '.join(codes)})", field="country"
        )
    table = read_boundary_file(path, level, layer, canonical=cfg.canonical_admin1)
    letters = country_letters(cfg, ws.root / "countries")
    only = codes[0] if len(codes) == 1 else None
    table = assign_countries(table, letters, given=given, only=only, file_name=path.name)
    countries = sorted(set(table.column("iso3").to_pylist()), key=_order_key(codes))
    current = ws.current_file(boundary_slot(level))
    old = _stored_with_countries(pq.read_table(current), letters, only) if current else None
    merged = merge_parts(old, table, codes)
    report: dict[str, Any] = {
        "level": level,
        "features": table.num_rows,
        "countries": countries,
        "layer_features": merged.num_rows,
        "file": path.name,
        "layer": layer,
    }
    if old is not None and old.equals(merged):
        return {**report, "unchanged": True}
    digest = file_sha256(path) if path.is_file() else ""
    label = source or _guess_publisher(table, path)
    record = DatasetRecord(
        kind="boundaries",
        source=label,
        file_name=path.name,
        sha256=digest,
        accessed=accessed or date.today(),
        version="",
        citation=f"Administrative boundaries level {level}, {', '.join(countries)}"
        + (f", layer {layer}" if layer else ""),
        rows_read=table.num_rows,
        rows_accepted=table.num_rows,
        details={"level": level, "layer": layer, "countries": countries},
    )
    staged = ws.staging_file(boundary_slot(level))
    pq.write_table(merged, staged)
    ws.publish(boundary_slot(level), staged, [record])
    return {**report, "unchanged": False}


def boundary_records(ws: Workspace, level: int) -> list[DatasetRecord]:
    """The imports the layer of ``level`` is made of now, one a country part, oldest first."""
    return layer_records(ws.datasets("boundaries"), level)


def _order_key(codes: tuple[str, ...]) -> Any:
    return lambda code: (codes.index(code) if code in codes else len(codes), code)


def _stored_with_countries(
    table: pa.Table, letters: dict[str, str], only: str | None
) -> pa.Table | None:
    """A stored layer in ``BOUNDARY_SCHEMA``; one written before layers had country parts
    gets each feature's country from its P-codes (None when it cannot be told)."""
    if "iso3" in table.column_names:
        return table.select(BOUNDARY_SCHEMA.names).cast(BOUNDARY_SCHEMA)
    if not {"pcode", "admin1_pcode"} <= set(table.column_names):
        return None  # a layer of an old layout: the import replaces it whole
    found = []
    for pcode, parent in zip(
        table.column("pcode").to_pylist(), table.column("admin1_pcode").to_pylist(), strict=True
    ):
        code = next((c for c in (parent, pcode) if c), "")
        found.append(letters.get(code.rstrip("0123456789").upper(), only))
    return table.append_column("iso3", pa.array(found, pa.string())).cast(BOUNDARY_SCHEMA)


def _guess_publisher(table: pa.Table, path: Path) -> str:
    # Only a label for citations; --source overrides it.
    name = str(path).casefold()
    if "codab" in name or "cod-ab" in name or "ocha" in name or "admbnda" in name:
        return "OCHA COD-AB"
    if "geoboundaries" in name:
        return "geoBoundaries"
    return "administrative boundaries"
