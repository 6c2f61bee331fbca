"""UCDP GED CSV: a fixture written from the public GED codebook's column names."""

from __future__ import annotations

import csv
from pathlib import Path

from peaceops.events.importer import import_events
from peaceops.workspace import Workspace

GED_COLUMNS = [
    "id", "relid", "year", "active_year", "code_status", "type_of_violence", "conflict_dset_id",
    "conflict_new_id", "conflict_name", "dyad_dset_id", "dyad_new_id", "dyad_name",
    "side_a_dset_id", "side_a_new_id", "side_a", "side_b_dset_id", "side_b_new_id", "side_b",
    "number_of_sources", "source_article", "source_office", "source_date", "source_headline",
    "source_original", "where_prec", "where_coordinates", "where_description", "adm_1",
    "adm_2", "latitude", "longitude", "geom_wkt", "priogrid_gid", "country", "country_id",
    "region", "event_clarity", "date_prec", "date_start", "date_end", "deaths_a", "deaths_b",
    "deaths_civilians", "deaths_unknown", "best", "high", "low", "gwnoa", "gwnob",
]  # fmt: skip

ROWS = [
    # state-based: government vs. a rebel group, two civilians killed in the crossfire
    {"id": "101", "type_of_violence": "1", "side_a": "Government of Mali",
     "side_b": "JNIM", "where_prec": "1", "where_coordinates": "Boni village",
     "adm_1": "Mopti region", "adm_2": "Douentza cercle", "latitude": "15.03",
     "longitude": "-2.03", "country": "Mali", "date_start": "2019-03-02 00:00:00.000",
     "deaths_civilians": "2", "best": "9", "low": "7", "high": "14"},
    # non-state: two armed groups
    {"id": "102", "type_of_violence": "2", "side_a": "MSA", "side_b": "IS Sahel",
     "where_prec": "2", "adm_1": "Menaka region", "latitude": "15.9", "longitude": "2.4",
     "country": "Mali", "date_start": "2019-05-10", "deaths_civilians": "0", "best": "12",
     "low": "12", "high": "20"},
    # one-sided: a group against civilians
    {"id": "103", "type_of_violence": "3", "side_a": "Dan Na Ambassagou",
     "side_b": "Civilians", "where_prec": "1", "adm_1": "Mopti region",
     "adm_2": "Bankass cercle", "latitude": "14.32", "longitude": "-3.46", "country": "Mali",
     "date_start": "2019-03-23", "deaths_civilians": "157", "best": "157", "low": "157",
     "high": "160"},
    # bad: type of violence 4 does not exist
    {"id": "104", "type_of_violence": "4", "side_a": "X", "side_b": "Y", "adm_1": "Gao",
     "latitude": "16.2", "longitude": "-0.3", "country": "Mali", "date_start": "2019-01-01",
     "best": "1"},
    # bad: best is not a number
    {"id": "105", "type_of_violence": "1", "side_a": "Government of Mali", "side_b": "JNIM",
     "adm_1": "Gao", "latitude": "16.2", "longitude": "-0.3", "country": "Mali",
     "date_start": "2019-01-01", "best": "unknown"},
]  # fmt: skip


def _write(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=GED_COLUMNS)
        w.writeheader()
        for r in rows:
            w.writerow({k: r.get(k, "") for k in GED_COLUMNS})
    return path


def test_ucdp_ged_maps_onto_the_canonical_table(tmp_path: Path, workspace: Workspace) -> None:
    report = import_events(workspace, _write(tmp_path / "ged.csv", ROWS), version="GED 24.1")
    assert report.source == "ucdp"
    assert (report.read, report.accepted, report.rejected) == (5, 3, 2)
    assert report.rejected_reasons == {
        "type_of_violence is not 1, 2 or 3": 1,
        "best is not a whole number >= 0": 1,
    }
    con = workspace.duckdb()
    got = {
        r[0]: r[1:]
        for r in con.execute(
            "SELECT source_id, event_type, actor1_category, actor2_category, fatalities, "
            "fatalities_low, fatalities_high, civilian_targeting, civilian_fatalities, admin1, "
            "admin2, geo_precision, event_date::VARCHAR, admin1_name FROM events"
        ).fetchall()
    }
    assert got["101"] == (
        "State-based violence", "State forces", "Rebel groups", 9, 7, 14, False, 2,
        "Mopti", "Douentza", 1, "2019-03-02", "Mopti",
    )  # fmt: skip
    assert got["102"][:3] == ("Non-state violence", "Political militias", "Political militias")
    assert got["102"][8] == "Menaka"  # "Menaka region" without the suffix
    # the documented rule: the non-government side of one-sided violence is an armed group
    assert got["103"][:3] == ("One-sided violence", "Rebel groups", "Civilians")
    assert got["103"][6:8] == (True, 157)
    (record,) = workspace.datasets("events")
    assert record.source == "UCDP GED" and record.version == "GED 24.1"
    assert record.rows_read == 5 and record.rows_rejected == 2
