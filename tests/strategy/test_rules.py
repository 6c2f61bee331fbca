"""The pure rules: statuses from data, and how judged and computed statuses combine."""

from __future__ import annotations

from datetime import date

import pytest

from peaceops.strategy.rules import (
    combine,
    last_complete_quarter,
    status_from_count,
    status_from_indicator,
    status_from_level,
    worse,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0, "holds"), (10, "holds"), (10.5, "at risk"), (50, "at risk"), (51, "fails")],
)
def test_count_thresholds_are_inclusive_upper_bounds(value: float, expected: str):
    assert status_from_count(value, at_risk=10, fails=50) == expected


def test_provision_level_against_the_level_needed():
    assert status_from_level(3, 2) == "holds"
    assert status_from_level(2, 2) == "holds"
    assert status_from_level(1, 2) == "at risk"
    assert status_from_level(0, 2) == "fails"
    assert status_from_level(None, 2) == "unknown"


def test_indicator_status_words():
    assert status_from_indicator("on track") == "holds"
    assert status_from_indicator("off track") == "fails"
    assert status_from_indicator("no recent data") == "unknown"


def test_the_worse_status_wins_and_unknown_never_hides_a_known_one():
    assert worse("holds", "fails") == "fails"
    assert worse("at risk", "holds") == "at risk"
    assert worse("unknown", "holds") == "holds"
    assert combine(None, None) == "unknown"
    assert combine("holds", "at risk") == "at risk"
    assert combine("fails", "holds") == "fails"


@pytest.mark.parametrize(
    ("day", "label", "first", "last"),
    [
        (date(2020, 10, 31), "2020-Q3", date(2020, 7, 1), date(2020, 9, 30)),
        (date(2020, 9, 30), "2020-Q3", date(2020, 7, 1), date(2020, 9, 30)),
        (date(2020, 2, 10), "2019-Q4", date(2019, 10, 1), date(2019, 12, 31)),
        (date(2020, 12, 31), "2020-Q4", date(2020, 10, 1), date(2020, 12, 31)),
    ],
)
def test_last_complete_quarter(day: date, label: str, first: date, last: date):
    assert last_complete_quarter(day) == (label, first, last)
