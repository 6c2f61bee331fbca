"""The status rules on their edge cases, without any workspace."""

from __future__ import annotations

from datetime import date

from peaceops.framework.rules import (
    AT_RISK,
    NO_DATA,
    NO_INDICATORS,
    OFF_TRACK,
    ON_TRACK,
    Point,
    judge,
    roll_up,
    trend,
)

B_DATE = date(2019, 1, 1)
T_DATE = date(2021, 1, 1)  # 731 days after the baseline
MID = date(2020, 1, 1)  # 365 days in: half way, almost exactly


def status(points, *, baseline=100.0, target=200.0, up=True, as_of=MID, freq="quarter"):
    return judge(
        baseline=baseline,
        baseline_date=B_DATE,
        target=target,
        target_date=T_DATE,
        up_is_good=up,
        frequency=freq,
        points=[Point(d, v) for d, v in points],
        as_of=as_of,
    )


def test_no_data():
    j = status([])
    assert j.status == NO_DATA
    assert "no value" in j.reason


def test_values_after_the_as_of_date_are_ignored():
    assert status([(date(2020, 6, 1), 190.0)], as_of=MID).status == NO_DATA


def test_stale_value_is_no_recent_data():
    # A quarterly indicator whose last value is 7 months old (more than two quarters).
    j = status([(date(2019, 6, 1), 150.0)])
    assert j.status == NO_DATA
    assert "2019-06-01" in j.reason
    # The same value is recent for a yearly indicator.
    assert status([(date(2019, 6, 1), 150.0)], freq="year").status != NO_DATA


def test_target_met_in_two_values_in_a_row_is_met_even_before_the_path_says_so():
    j = status([(date(2019, 1, 1), 201.0), (date(2019, 3, 1), 205.0)], as_of=date(2019, 4, 1))
    assert (j.status, j.target_met) == (ON_TRACK, True)
    assert "target met in the last 2 values" in j.reason


def test_one_lucky_value_at_the_target_is_not_met():
    # The latest value reaches the target but the one before is far below: not yet "met".
    j = status([(date(2019, 1, 1), 120.0), (date(2019, 3, 1), 205.0)], as_of=date(2019, 4, 1))
    assert j.status == ON_TRACK  # ahead of the straight path
    assert j.target_met is False
    assert "latest value only" in j.reason
    # A single value, with nothing before it, is not enough either.
    assert status([(date(2019, 3, 1), 205.0)], as_of=date(2019, 4, 1)).target_met is False


def test_one_value_at_the_target_after_the_target_date_is_at_risk_not_met():
    pts = [(date(2020, 9, 1), 150.0), (date(2020, 12, 1), 210.0)]
    j = status(pts, as_of=date(2021, 2, 1))
    assert (j.status, j.target_met) == (AT_RISK, False)
    assert "latest value only" in j.reason


def test_on_the_straight_path():
    # Half way in time, half way to the target: expected 150 on 2020-01-01.
    j = status([(MID, 150.0)])
    assert j.status == ON_TRACK
    assert abs(j.expected - 149.93) < 0.01


def test_bands_of_the_shortfall():
    # Expected ~150; the change asked for is 100, so 10 % = 10 and 25 % = 25 behind.
    assert status([(MID, 141.0)]).status == ON_TRACK
    assert status([(MID, 130.0)]).status == AT_RISK
    assert status([(MID, 120.0)]).status == OFF_TRACK


def test_direction_down():
    # 100 -> 40, down is good: expected ~70 half way.
    assert status([(MID, 72.0)], target=40.0, up=False).status == ON_TRACK
    assert status([(MID, 85.0)], target=40.0, up=False).status == AT_RISK
    assert status([(MID, 120.0)], target=40.0, up=False).status == OFF_TRACK
    # Below the target is good when down is good.
    j = status([(date(2019, 10, 1), 38.0), (MID, 35.0)], target=40.0, up=False)
    assert (j.status, j.target_met) == (ON_TRACK, True)
    # A value that rose would be "on track" if up were good: direction matters.
    assert status([(MID, 160.0)], target=40.0, up=False).status == OFF_TRACK


def test_target_date_passed_without_the_target():
    late = date(2021, 2, 1)
    j = status([(date(2021, 1, 15), 199.0)], as_of=late)
    assert j.status == OFF_TRACK
    assert "passed" in j.reason
    # Met in the last two values after the date: on track and met.
    met = status([(date(2020, 12, 1), 201.0), (date(2021, 1, 15), 200.0)], as_of=late)
    assert (met.status, met.target_met) == (ON_TRACK, True)


def test_baseline_equal_to_target_means_hold_the_level():
    # Keep at 100; the scale is the target itself (10 % = 10).
    assert status([(MID, 100.0)], target=100.0).status == ON_TRACK
    assert status([(MID, 95.0)], target=100.0).status == ON_TRACK
    assert status([(MID, 85.0)], target=100.0).status == AT_RISK
    assert status([(MID, 60.0)], target=100.0).status == OFF_TRACK
    # With a zero target the scale is 1: any violence above zero is off track.
    assert status([(MID, 3.0)], baseline=0.0, target=0.0, up=False).status == OFF_TRACK


def test_before_the_baseline_date_the_path_is_the_baseline():
    j = status([(date(2018, 12, 1), 100.0)], as_of=date(2018, 12, 31))
    assert j.status == ON_TRACK
    assert j.expected == 100.0


def test_trend_words_and_slope():
    def pts(values):
        return [Point(date(2019, m, 1), v) for m, v in zip((1, 4, 7, 10), values, strict=False)]

    up = trend(pts([10, 20, 30, 40]), up_is_good=True)
    assert (up.word, up.slope) == ("improving", 10.0)
    assert trend(pts([10, 20, 30, 40]), up_is_good=False).word == "worsening"
    assert trend(pts([100, 101, 100, 101]), up_is_good=True).word == "flat"
    short = trend(pts([1, 2]), up_is_good=True)
    assert (short.word, short.slope) == ("not enough data", None)
    assert up.describe("quarter") == "improving (+10 a quarter)"


def test_roll_up_rule():
    assert roll_up([])[0] == NO_INDICATORS
    assert roll_up([NO_DATA, NO_DATA])[0] == NO_DATA
    assert roll_up([ON_TRACK, ON_TRACK, AT_RISK])[0] == ON_TRACK
    assert roll_up([ON_TRACK, ON_TRACK, OFF_TRACK])[0] == OFF_TRACK  # a third off track
    assert roll_up([ON_TRACK, ON_TRACK, ON_TRACK, OFF_TRACK])[0] == AT_RISK
    assert roll_up([ON_TRACK, AT_RISK, AT_RISK])[0] == AT_RISK
    # Indicators without recent data do not count either way.
    status_, counts = roll_up([ON_TRACK, NO_DATA, NO_DATA])
    assert status_ == ON_TRACK
    assert counts == {ON_TRACK: 1, AT_RISK: 0, OFF_TRACK: 0, NO_DATA: 2}
