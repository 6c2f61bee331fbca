"""One boundary layer made of country parts: which country each feature belongs to, and
replacing one country's part of a stored layer while keeping the other countries' polygons.

A feature's country comes from the file's ADM0 column (an ISO3 code, or the two letters that
begin the country's P-codes) or else from its P-codes, whose leading letters name the country
in the OCHA coding ("ML01", "BF46", "NE001"). The letters of each workspace country are taken
from its profile's admin1 P-codes, so a profile built from the user's own list works too.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from peaceops.config import WorkspaceConfig, country_profile
from peaceops.errors import InputError, PeaceopsError
from peaceops.provenance import DatasetRecord

__all__ = [
    "ADM0_COLUMNS",
    "assign_countries",
    "country_letters",
    "layer_records",
    "merge_parts",
]

ADM0_COLUMNS = [
    "ADM0_PCODE",
    "admin0Pcod",
    "admin0Pcode",
    "ADM0_ISO",
    "ADM0_ISO3",
    "ADM0_A3",
    "ISO3",
    "GID_0",
    "shapeGroup",
]


def country_letters(config: WorkspaceConfig, folder: Path | None) -> dict[str, str]:
    """The leading letters of each workspace country's admin1 P-codes -> its ISO3 code."""
    letters: dict[str, str] = {}
    for entry in config.country_entries():
        try:
            profile = country_profile(entry.iso3, folder)
        except PeaceopsError:  # a country without a profile is still found by its ADM0 code
            continue
        for pcode in profile.admin1:
            letters.setdefault(_letters(pcode), entry.iso3)
    return letters


def _letters(code: str) -> str:
    text = code.strip().upper()
    end = 0
    while end < len(text) and text[end].isalpha():
        end += 1
    return text[:end]


def _country_of(
    adm0: str | None, codes: Iterable[str | None], letters: dict[str, str]
) -> str | None:
    if adm0:
        value = adm0.strip().upper()
        if len(value) == 3 and value.isalpha():
            return value
        if value in letters:
            return letters[value]
    for code in codes:
        if code and _letters(code) in letters:
            return letters[_letters(code)]
    return None


def assign_countries(
    table: pa.Table,
    letters: dict[str, str],
    *,
    given: str | None,
    only: str | None,
    file_name: str,
) -> pa.Table:
    """``table`` with its ``iso3`` column holding each feature's country.

    ``table["iso3"]`` holds the file's ADM0 values as read. ``given`` is the country the user
    named (every feature must be of it, or of no detectable country); ``only`` the workspace's
    country when it has just one (features of no detectable country are then of it).
    InputError when a feature's country cannot be told or contradicts ``given``.
    """
    adm0 = table.column("iso3").to_pylist()
    pcodes = table.column("pcode").to_pylist()
    parents = table.column("admin1_pcode").to_pylist()
    found: list[str] = []
    for raw, pcode, parent in zip(adm0, pcodes, parents, strict=True):
        country = _country_of(raw, (parent, pcode), letters)
        if given is not None and country not in (None, given):
            raise InputError(
                f"{file_name}: feature {pcode} is in {country}, not {given} (the country given)",
                field="country",
            )
        country = country or given or only
        if country is None:
            raise InputError(
                f"{file_name}: cannot tell which country feature {pcode} is in (no ADM0 column "
                "and no P-code of a workspace country); name the file's country",
                field="country",
            )
        found.append(country)
    index = table.schema.get_field_index("iso3")
    return table.set_column(index, table.schema.field("iso3"), pa.array(found, pa.string()))


def merge_parts(old: pa.Table | None, new: pa.Table, order: Sequence[str]) -> pa.Table:
    """The stored layer ``old`` with the parts of the countries in ``new`` replaced by ``new``.

    Features are kept in the workspace's country order (others after, by code), file order
    within a country, so that importing the same file twice gives the same layer.
    """
    replaced = set(new.column("iso3").to_pylist())
    parts = [new]
    if old is not None and old.num_rows:
        keep = pc.invert(pc.is_in(old.column("iso3"), value_set=pa.array(sorted(replaced))))
        parts.insert(0, old.filter(pc.fill_null(keep, True)))
    merged = pa.concat_tables(parts)
    rank = {code: i for i, code in enumerate(order)}
    countries = merged.column("iso3").to_pylist()
    keys = sorted(
        range(merged.num_rows),
        key=lambda i: (rank.get(countries[i] or "", len(rank)), countries[i] or "", i),
    )
    return merged.take(pa.array(keys, pa.int64()))


def layer_records(records: Sequence[DatasetRecord], level: int) -> list[DatasetRecord]:
    """The boundary imports that make up the layer of ``level`` now, oldest first: for each
    country part the latest import covering it. An import that names no countries replaced
    the whole layer, so nothing before it counts."""
    leveled = [r for r in records if str(r.details.get("level", "")) == str(level)]
    chosen: list[DatasetRecord] = []
    covered: set[str] = set()
    for record in reversed(leveled):
        countries = record.details.get("countries")
        if not countries:
            chosen.append(record)
            break
        if set(countries) - covered:
            chosen.append(record)
            covered |= set(countries)
    return list(reversed(chosen))
