"""Building a country profile from an OCHA P-code list or an admin1 boundary file.

Two inputs are read:

* a P-code CSV: the HDX global P-code list layout (``Location``, ``Admin Level``, ``P-Code``,
  ``Name``; rows of level 1 are kept) or an OCHA COD tabular file at any level (``ADM1_PCODE``
  with ``ADM1_EN``/``ADM1_FR``..., or ``admin1Pcod``/``admin1Name``: the distinct admin1 codes
  and names of its rows are kept);
* a boundary file (GeoJSON, GeoPackage, shapefile, read by ``peaceops.geo.boundaries``): one
  feature per admin1 area, which also gives the bounding box.

Other name columns of the file (``ADM1_FR`` beside ``ADM1_EN``, ``admin1AltN``...) become
aliases. Region groups are left empty, for the user to write in the YAML: the profile says
nothing about a country's conflict that a file of names cannot.
"""

from __future__ import annotations

import csv
import math
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pyogrio
import shapely
import yaml

from peaceops.config import CountryProfile, known_countries
from peaceops.config import country_profile as shipped_profile
from peaceops.csvfile import sniff
from peaceops.errors import InputError
from peaceops.geo.boundaries import detect_columns, read_boundary_file
from peaceops.geo.names import fold_name

__all__ = [
    "BuiltProfile",
    "profile_from_boundaries",
    "profile_from_pcodes",
    "profile_yaml",
    "write_profile",
]

# Name columns of admin1 in OCHA COD and HDX files besides the one picked as canonical.
_ALIAS_COLUMN = re.compile(
    r"^(adm1_(en|fr|es|pt|ref)|adm1alt\d?(en|fr|es|pt)|admin1name(_[a-z]{2})?|admin1refn|"
    r"admin1altn|admin1al_\d)$",
    re.IGNORECASE,
)
_COUNTRY_CODE_COLUMNS = ("location", "adm0_pcode", "admin0pcod", "adm0_code", "iso3")
_COUNTRY_NAME_COLUMNS = ("adm0_en", "admin0name", "adm0_fr", "adm0_name")


@dataclass(frozen=True)
class BuiltProfile:
    """A profile made from a file, with what was read to make it."""

    profile: CountryProfile
    file_name: str
    pcode_column: str
    name_column: str
    alias_columns: tuple[str, ...]
    rows_read: int


# -- P-code lists -----------------------------------------------------------------------------


def _read_rows(path: Path) -> tuple[list[str], list[list[str]]]:
    layout = sniff(path)
    encoding = "utf-8-sig" if layout.encoding == "utf-8" else layout.encoding
    try:
        with path.open(encoding=encoding, newline="") as fh:
            reader = csv.reader(fh, delimiter=layout.delimiter)
            next(reader, None)
            rows = [r for r in reader if any(v.strip() for v in r)]
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise InputError(f"{path.name}: cannot read the file ({exc})") from None
    # HDX files may carry an HXL hashtag row (#adm1+code...) under the header
    rows = [r for r in rows if not all(v.strip().startswith("#") for v in r if v.strip())]
    return list(layout.columns), rows


def _find(columns: list[str], wanted: tuple[str, ...]) -> str | None:
    lower = {c.casefold(): c for c in columns}
    return next((lower[w] for w in wanted if w in lower), None)


def _country_rows(
    iso3: str, columns: list[str], rows: list[list[str]], file_name: str
) -> list[list[str]]:
    """The rows of ``iso3`` when the file covers several countries (by its country column)."""
    col = _find(columns, _COUNTRY_CODE_COLUMNS)
    if col is None:
        return rows
    i = columns.index(col)
    values = {r[i].strip().upper() for r in rows if i < len(r) and r[i].strip()}
    if len(values) <= 1:
        return rows
    kept = [r for r in rows if i < len(r) and r[i].strip().upper() == iso3]
    if not kept:
        raise InputError(
            f"{file_name} covers several countries ({', '.join(sorted(values)[:8])}) in "
            f"{col}, none of them {iso3}"
        )
    return kept


def _country_name(iso3: str, columns: list[str], rows: list[list[str]]) -> str:
    if iso3 in known_countries():
        return shipped_profile(iso3).name
    col = _find(columns, _COUNTRY_NAME_COLUMNS)
    if col is not None:
        i = columns.index(col)
        names = [r[i].strip() for r in rows if i < len(r) and r[i].strip()]
        if names:
            return names[0]
    return iso3


def _collect(
    codes: list[str | None],
    names: list[str | None],
    others: dict[str, list[str | None]],
    file_name: str,
) -> tuple[dict[str, str], dict[str, str]]:
    """(P-code -> name, alias -> name) from parallel columns; InputError on conflicts."""
    admin1: dict[str, str] = {}
    for code, name in zip(codes, names, strict=True):
        if not code:
            continue
        if not name:
            name = admin1.get(code) or code
        seen = admin1.get(code)
        if seen is not None and seen != name and seen != code:
            raise InputError(f"{file_name}: P-code {code} has two names, {seen!r} and {name!r}")
        admin1[code] = name
    if not admin1:
        raise InputError(f"{file_name}: no admin1 P-codes found")
    by_name: dict[str, str] = {}
    for name in admin1.values():
        if fold_name(name) in by_name:
            raise InputError(f"{file_name}: two admin1 areas are named {name!r}")
        by_name[fold_name(name)] = name
    aliases: dict[str, str] = {}
    for values in others.values():
        for code, other in zip(codes, values, strict=True):
            if not code or not other or code not in admin1:
                continue
            key = fold_name(other)
            # an alias must differ from every canonical name and be written in Latin letters
            if key and key not in by_name and re.search("[a-z]", key):
                aliases.setdefault(other, admin1[code])
    return dict(sorted(admin1.items())), aliases


def profile_from_pcodes(
    iso3: str, path: Path, *, name: str | None = None, name_column: str | None = None
) -> BuiltProfile:
    """A profile whose admin1 list is the level-1 P-codes and names of a P-code CSV."""
    code = _check_iso3(iso3)
    columns, rows = _read_rows(path)
    level_col = _find(columns, ("admin level", "admin_level", "adm_level", "level"))
    pcode_col = _find(columns, ("p-code", "p_code"))
    if level_col is not None and pcode_col is not None:
        # HDX global P-code list: one row per area of any level
        li = columns.index(level_col)
        rows = [r for r in rows if li < len(r) and r[li].strip() in ("1", "1.0")]
        name_col = name_column or _find(columns, ("name", "name_en", "name_fr"))
    else:
        found = detect_columns(columns, 1)
        pcode_col, name_col = found["pcode"], name_column or found["name"]
    if pcode_col is None:
        raise InputError(
            f"{path.name}: no admin1 P-code column found (expected ADM1_PCODE, admin1Pcod or "
            f"the HDX P-code list's P-Code); columns: {', '.join(columns)}"
        )
    if name_col is not None and name_col not in columns:
        raise InputError(f"{path.name}: no column {name_col!r}", field="name_column")
    rows = _country_rows(code, columns, rows, path.name)

    def values(col: str | None) -> list[str | None]:
        if col is None:
            return [None] * len(rows)
        i = columns.index(col)
        return [(r[i].strip() or None) if i < len(r) else None for r in rows]

    alias_cols = [c for c in columns if _ALIAS_COLUMN.match(c) and c != name_col]
    admin1, aliases = _collect(
        values(pcode_col), values(name_col), {c: values(c) for c in alias_cols}, path.name
    )
    profile = CountryProfile(
        iso3=code,
        name=name or _country_name(code, columns, rows),
        admin1=admin1,
        admin1_aliases=aliases,
    )
    return BuiltProfile(profile, path.name, pcode_col, name_col or "", tuple(alias_cols), len(rows))


# -- boundary files ---------------------------------------------------------------------------


def _admin1_layer(path: Path, layer: str | None) -> str | None:
    """The layer to read: the one given, the only one, or the one named as admin1."""
    if layer is not None:
        return layer
    try:
        layers = [str(row[0]) for row in pyogrio.list_layers(path)]
    except Exception:  # pyogrio's own errors: read_boundary_file reports them
        return None
    if len(layers) <= 1:
        return None
    named = [n for n in layers if re.search(r"adm(in)?_?1(?!\d)", n, re.IGNORECASE)]
    return named[0] if len(named) == 1 else None


def _outward(value: float, up: bool) -> float:
    step = math.ceil(value * 10) if up else math.floor(value * 10)
    return round(step / 10, 1)


def profile_from_boundaries(
    iso3: str, path: Path, *, layer: str | None = None, name: str | None = None
) -> BuiltProfile:
    """A profile whose admin1 list and bounding box come from an admin1 boundary layer."""
    code = _check_iso3(iso3)
    chosen = _admin1_layer(path, layer)
    table = read_boundary_file(path, 1, chosen)
    meta, _index, _geometry, field_data = pyogrio.raw.read(path, layer=chosen, read_geometry=False)
    fields = [str(f) for f in meta["fields"]]
    raw = {
        f: [None if v is None or str(v).strip() == "" else str(v).strip() for v in data]
        for f, data in zip(fields, field_data, strict=True)
    }
    found = detect_columns(fields, 1)
    pcode_col, name_col = found["pcode"] or "", found["name"] or ""
    alias_cols = [c for c in fields if _ALIAS_COLUMN.match(c) and c != name_col]
    codes = [str(p) for p in table.column("pcode").to_pylist()]
    admin1, aliases = _collect(
        list(codes),
        table.column("name_source").to_pylist(),
        {c: raw[c] for c in alias_cols},
        path.name,
    )
    geoms = shapely.from_wkb(table.column("geometry").to_numpy(zero_copy_only=False))
    x0, y0, x1, y1 = (float(v) for v in shapely.total_bounds(geoms))
    bbox = (_outward(x0, False), _outward(y0, False), _outward(x1, True), _outward(y1, True))
    rows = [[raw[f][i] or "" for f in fields] for i in range(len(codes))]
    profile = CountryProfile(
        iso3=code,
        name=name or _country_name(code, fields, rows),
        bbox=bbox,
        admin1=admin1,
        admin1_aliases=aliases,
    )
    file_name = path.name + (f" (layer {chosen})" if chosen else "")
    return BuiltProfile(profile, file_name, pcode_col, name_col, tuple(alias_cols), len(codes))


# -- writing ----------------------------------------------------------------------------------


def _check_iso3(iso3: str) -> str:
    code = iso3.strip().upper()
    if len(code) != 3 or not code.isalpha():
        raise InputError(f"{iso3!r} is not an ISO3 country code", field="iso3")
    return code


def _block(key: str, value: object) -> str:
    return yaml.safe_dump({key: value}, allow_unicode=True, sort_keys=False, width=100)


def profile_yaml(built: BuiltProfile, today: date | None = None) -> str:
    """The profile as YAML, with comments saying where it comes from and what to edit."""
    p = built.profile
    columns = f"P-codes from {built.pcode_column}" + (
        f", names from {built.name_column}" if built.name_column else ""
    )
    if built.alias_columns:
        columns += f", aliases from {', '.join(built.alias_columns)}"
    first = next(iter(p.admin1.values()))
    lines = [
        f"# {p.name}. Built by peaceops from {built.file_name} on "
        f"{(today or date.today()).isoformat()}:",
        f"# {len(p.admin1)} admin1 areas ({columns}).",
        "# Region groups are yours to write: each group lists admin1 names, e.g.",
        f"#   region_groups:\n#     some group: [{first}]",
        "# and say in a comment why the areas go together. Add other spellings your sources",
        "# use under admin1_aliases (accents, case and hyphens are ignored anyway).",
        _block("iso3", p.iso3).rstrip(),
        _block("name", p.name).rstrip(),
    ]
    if p.bbox is not None:
        lines.append(
            f"bbox: [{', '.join(str(v) for v in p.bbox)}]   # lon_min, lat_min, lon_max, lat_max"
        )
    lines += [
        _block("admin1", p.admin1).rstrip(),
        _block("admin1_aliases", p.admin1_aliases).rstrip(),
        "region_groups: {}",
        "missions: []",
    ]
    return "\n".join(lines) + "\n"


def write_profile(
    built: BuiltProfile, target: Path, *, overwrite: bool = False, today: date | None = None
) -> Path:
    """Write the profile to ``target`` (a file, or a folder to hold ``<ISO3>.yaml``)."""
    path = target / f"{built.profile.iso3}.yaml" if target.is_dir() else target
    if path.exists() and not overwrite:
        raise InputError(f"{path} exists; remove it or choose another file", field="out")
    text = profile_yaml(built, today)
    # the written text must read back as the same profile
    assert CountryProfile.model_validate(yaml.safe_load(text)) == built.profile
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return path
