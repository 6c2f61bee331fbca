"""The context and alerts commands: formats, files, errors."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import polars as pl
from context_fixtures import event
from openpyxl import load_workbook
from typer.testing import CliRunner

from peaceops.cli import app

ROWS = [
    event(date(2018, 1, 5), "Mopti", 10),
    event(date(2018, 2, 7), "Gao", 4),
    event(date(2019, 3, 9), "Mopti", 6, civilian=True),
]


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def test_series_json_and_csv(with_events):
    ws = with_events(ROWS)
    w = ["-w", str(ws.root)]
    result = run("context", "series", "--by", "year", "--group", "region", "--format", "json", *w)
    assert result.exit_code == 0, result.output
    records = json.loads(result.output)
    centre = [r for r in records if r["region"] == "centre"]
    assert [(r["period"], r["events"], r["fatalities"]) for r in centre] == [
        ("2018", 1, 10),
        ("2019", 1, 6),
    ]
    result = run(
        "context",
        "series",
        "--by",
        "month",
        "--civilian",
        "--from",
        "2019-03",
        "--to",
        "2019-03",
        "--format",
        "csv",
        *w,
    )
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "period,events,fatalities,partial",
        "2019-03,1,6,2019-03-01 to 2019-03-09",  # the last event is on 9 March
    ]


def test_series_out_files(with_events, tmp_path):
    ws = with_events(ROWS)
    w = ["-w", str(ws.root)]
    for suffix in (".csv", ".parquet", ".xlsx"):
        out = tmp_path / f"series{suffix}"
        result = run("context", "series", "--by", "quarter", "--out", str(out), *w)
        assert result.exit_code == 0, result.output
        assert out.is_file()
    back = pl.read_parquet(tmp_path / "series.parquet")
    assert back.height == 5  # 2018-Q1 .. 2019-Q1
    assert back.get_column("fatalities").sum() == 20
    sheet = load_workbook(tmp_path / "series.xlsx").active
    assert [c.value for c in sheet[1]] == ["period", "events", "fatalities", "partial"]
    # the first event is on 5 January: coverage starts with its month, so 2018-Q1 is whole
    assert [c.value for c in sheet[2]] == ["2018-Q1", 2, 14, None]
    last = [c.value for c in sheet[sheet.max_row]]
    assert last[0] == "2019-Q1" and last[3] == "2019-01-01 to 2019-03-09"


def test_chart_and_alerts_commands(with_events, tmp_path):
    ws = with_events(ROWS)
    w = ["-w", str(ws.root)]
    out = tmp_path / "f.svg"
    result = run("context", "chart", "fatalities", "--out", str(out), *w)
    assert result.exit_code == 0, result.output
    assert "Source: ACLED" in out.read_text()
    result = run("alerts", "--format", "json", *w)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == []
    result = run("alerts", "backtest", "--format", "json", *w)
    assert result.exit_code == 0, result.output
    assert set(json.loads(result.output)) >= {"alert_rule", "naive_rule", "base_rate"}


def test_errors_are_one_line(with_events, tmp_path):
    ws = with_events(ROWS)
    w = ["-w", str(ws.root)]
    for args in (
        ["context", "series", "--by", "week"],
        ["context", "series", "--from", "last year"],
        ["context", "chart", "pie", "--out", str(tmp_path / "x.svg")],
        ["context", "chart", "map", "--out", str(tmp_path / "x.svg")],
        ["context", "series", "--out", str(tmp_path / "x.txt")],
        ["alerts", "--metric", "deaths"],
    ):
        result = run(*args, *w)
        lines = [ln for ln in result.output.splitlines() if ln.strip()]
        assert result.exit_code == 1, args
        assert len(lines) == 1 and lines[0].startswith("Error: "), (args, result.output)


def test_no_events_says_how_to_import(workspace):
    result = run("context", "series", "-w", str(workspace.root))
    assert result.exit_code == 1
    assert "peaceops events import" in result.output


def test_series_marks_the_partly_covered_years_in_every_format(with_events):
    # The events run from 2018-01-05 to 2019-03-09: 2019 holds ten weeks, not a year; 2018 is
    # whole (coverage starts with the first event's month, and 5 January is no gap).
    ws = with_events(ROWS)
    w = ["-w", str(ws.root)]
    result = run("context", "series", "--by", "year", "--format", "json", *w)
    assert result.exit_code == 0, result.output
    marks = {r["period"]: r["partial"] for r in json.loads(result.output)}
    assert marks == {"2018": "", "2019": "2019-01-01 to 2019-03-09"}
    result = run("context", "series", "--by", "quarter", "--from", "2018", "-f", "csv", *w)
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [(r["period"], r["partial"]) for r in rows if r["partial"]] == [
        ("2019-Q1", "2019-01-01 to 2019-03-09"),
    ]
    result = run("context", "series", "--by", "year", "--from", "2019-01", *w)
    assert "2019-01-01 to 2019-03-09" in result.output
    assert "partial" in result.output
