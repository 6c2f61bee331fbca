"""The Python API: the event table as a frame, dates as ``date`` or ISO strings, py.typed."""

from __future__ import annotations

import csv
from datetime import date
from importlib import resources
from pathlib import Path

import pytest

from peaceops.errors import InputError, NotFoundError
from peaceops.events.analysis import series
from peaceops.events.frame import events_frame
from peaceops.events.importer import import_events
from peaceops.period import as_day
from peaceops.workspace import Workspace

ACLED = "acled_mali_smose94/Processed_Acled_Mali.csv"


@pytest.fixture
def mali(workspace: Workspace, shared_data: Path) -> Workspace:
    import_events(workspace, shared_data / ACLED)
    return workspace


def _csv_rows(shared: Path) -> list[dict[str, str]]:
    with (shared / ACLED).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_the_package_declares_its_types() -> None:
    assert resources.files("peaceops").joinpath("py.typed").is_file()


def test_as_day_reads_dates_datetimes_and_iso_strings() -> None:
    from datetime import datetime

    assert as_day("2019-06-30") == date(2019, 6, 30)
    assert as_day("2019") == date(2019, 1, 1)
    assert as_day("2019", end=True) == date(2019, 12, 31)
    assert as_day("2020-02", end=True) == date(2020, 2, 29)
    assert as_day(datetime(2019, 6, 30, 23, 59)) == date(2019, 6, 30)
    assert as_day(None) is None
    with pytest.raises(InputError) as bad:
        as_day("30/06/2019", field="start")
    assert bad.value.field == "start"
    with pytest.raises(InputError):
        as_day(20190630)  # type: ignore[arg-type]


def test_events_frame_holds_every_event_of_the_file(mali: Workspace, shared_data: Path) -> None:
    rows = _csv_rows(shared_data)
    frame = events_frame(mali)
    assert frame.height == len(rows)
    assert "raw" not in frame.columns
    assert set(frame["source_id"].to_list()) == {r["event_id_cnty"] for r in rows}
    assert frame["event_date"].is_sorted()
    assert frame["fatalities"].sum() == sum(int(r["fatalities"]) for r in rows)


def test_events_frame_takes_iso_strings_like_dates(mali: Workspace, shared_data: Path) -> None:
    in_2019 = sum(1 for r in _csv_rows(shared_data) if r["event_date"].startswith("2019-"))
    by_string = events_frame(mali, "2019", "2019")
    by_date = events_frame(mali, date(2019, 1, 1), date(2019, 12, 31))
    assert by_string.height == by_date.height == in_2019
    assert by_string.equals(by_date)
    picked = events_frame(mali, start="2019-06", columns=["event_date", "admin1"])
    assert picked.columns == ["event_date", "admin1"]
    assert picked["event_date"].min() >= date(2019, 6, 1)


def test_analysis_functions_take_iso_strings(mali: Workspace) -> None:
    assert series(mali, by="quarter", start="2018", end="2019").equals(
        series(mali, by="quarter", start=date(2018, 1, 1), end=date(2019, 12, 31))
    )
    with pytest.raises(InputError) as bad:
        series(mali, start="last year")
    assert bad.value.field == "start"


def test_events_frame_refuses_unknown_columns_and_reversed_ranges(mali: Workspace) -> None:
    with pytest.raises(InputError) as bad:
        events_frame(mali, columns=["event_date", "casualties"])
    assert "casualties" in str(bad.value) and bad.value.field == "columns"
    with pytest.raises(InputError):
        events_frame(mali, "2020", "2019")


def test_events_frame_without_events_names_what_is_missing(workspace: Workspace) -> None:
    with pytest.raises(NotFoundError) as missing:
        events_frame(workspace)
    assert missing.value.remedy == "events.import"


def test_to_pandas_gives_the_same_table(mali: Workspace) -> None:
    frame = events_frame(mali, "2020", columns=["event_date", "event_type", "fatalities"])
    pdf = frame.to_pandas()
    assert len(pdf) == frame.height
    assert int(pdf["fatalities"].sum()) == frame["fatalities"].sum()


PUBLIC_DATED = [
    ("peaceops.events.analysis", ["series", "breakdown", "area_totals", "summary"]),
    ("peaceops.events.listing", ["event_list"]),
    ("peaceops.events.alerts", ["alerts"]),
    ("peaceops.events.points", ["event_points"]),
    ("peaceops.events.frame", ["events_frame"]),
    ("peaceops.events.versions", ["events_as_of"]),
    ("peaceops.framework.status", ["framework_status"]),
    ("peaceops.agreement.status", ["agreement_status"]),
    ("peaceops.strategy.status", ["strategy_status"]),
    (
        "peaceops.actors.analysis",
        ["filtered_events", "perpetrators", "peacekeeper_attacks", "dyads", "agreement_violence"],
    ),
    ("peaceops.reports.brief", ["build_brief", "write_brief"]),
]


@pytest.mark.parametrize(("module", "names"), PUBLIC_DATED)
def test_public_functions_declare_iso_string_dates(module: str, names: list[str]) -> None:
    import importlib
    import inspect
    import typing

    mod = importlib.import_module(module)
    for name in names:
        hints = typing.get_type_hints(getattr(mod, name))
        dated = [p for p in inspect.signature(getattr(mod, name)).parameters if p in DATE_ARGS]
        assert dated, f"{module}.{name} takes no date"
        for param in dated:
            assert str in typing.get_args(hints[param]), f"{module}.{name}({param}=...)"
        doc = (Path(__file__).parents[2] / "docs" / "python.md").read_text(encoding="utf-8")
        assert name in doc, f"{name} missing from docs/python.md"


DATE_ARGS = {"start", "end", "as_of", "day"}
