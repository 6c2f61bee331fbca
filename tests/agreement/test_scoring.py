"""The pure scoring rules, on hand-made entries (expected values worked out by hand)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from peaceops.agreement import StatusEntry, read_agreement
from peaceops.agreement.scoring import (
    change_since,
    part_scores,
    provision_states,
    quarter_ends,
    stall,
)


@pytest.fixture
def accord(small_yaml: Path):
    return read_agreement(small_yaml)


def E(pid: str, day: str, level: int) -> StatusEntry:
    return StatusEntry(pid, date.fromisoformat(day), level, "Report X, p. 1")


def test_scores_by_part_count_unassessed_as_zero_and_show_both_ratios(accord):
    entries = [
        E("p-assembly", "2016-05-01", 2),
        E("s-ddr", "2016-05-01", 3),
        E("s-ddr", "2016-02-01", 1),
    ]
    states = provision_states(accord, entries, date(2016, 6, 1))
    parts, overall = part_scores(accord, states)
    p1, p2 = parts
    # Politics: assembly 2, senate unassessed -> 2 / (3 x 2)
    assert (p1.provisions, p1.assessed, p1.level_sum) == (2, 1, 2)
    assert p1.score == pytest.approx(2 / 6)
    assert p1.score_assessed == pytest.approx(2 / 3)
    # Security: the later DDR entry (3) wins over the earlier one (1); patrols unassessed.
    assert p2.score == pytest.approx(3 / 6)
    assert overall.score == pytest.approx(5 / 12)
    assert overall.counts["unassessed"] == 2 and overall.counts["complete"] == 1


def test_level_on_a_date_ignores_later_entries(accord):
    entries = [E("s-ddr", "2016-02-01", 1), E("s-ddr", "2016-05-01", 3)]
    before = {s.id: s.level for s in provision_states(accord, entries, date(2016, 3, 1))}
    assert before["s-ddr"] == 1 and before["s-patrols"] is None


def test_overdue_needs_a_recorded_level_below_complete(accord):
    entries = [E("s-patrols", "2016-02-01", 1), E("p-senate", "2016-11-01", 3)]
    states = {s.id: s for s in provision_states(accord, entries, date(2017, 2, 1))}
    assert states["s-patrols"].overdue  # due 2016-03-10, level 1
    assert not states["p-senate"].overdue  # complete before its deadline
    # assembly: due at the end of the interim period, unassessed -> listed apart
    assert not states["p-assembly"].overdue and states["p-assembly"].past_due_unassessed
    assert not states["s-ddr"].overdue and not states["s-ddr"].past_due_unassessed  # no deadline


def test_change_since_the_last_renewal(accord):
    entries = [
        E("s-ddr", "2016-02-01", 1),
        E("s-ddr", "2017-03-01", 2),
        E("p-senate", "2017-01-05", 0),
    ]
    ch = change_since(accord, entries, date(2017, 5, 1))
    assert (ch.since, ch.resolution) == (date(2016, 6, 30), "S/RES/1 (2016)")
    assert ch.overall_before == pytest.approx(1 / 12)
    assert ch.overall_after == pytest.approx(2 / 12)
    assert {(m.provision_id, m.before, m.after) for m in ch.moved} == {
        ("s-ddr", 1, 2),
        ("p-senate", None, 0),
    }


def test_stall_flag(accord):
    # Entries in the window since the 2016-06-30 renewal, none rising: stalled.
    flat = [E("s-ddr", "2016-02-01", 1), E("s-ddr", "2016-10-01", 1)]
    assert stall(accord, flat, date(2017, 5, 1)).stalled is True
    # One provision rose: not stalled.
    up = [E("s-ddr", "2016-02-01", 1), E("s-ddr", "2016-10-01", 2)]
    assert stall(accord, up, date(2017, 5, 1)).stalled is False
    # A first entry is no rise.
    first = [E("s-ddr", "2016-10-01", 2)]
    assert stall(accord, first, date(2017, 5, 1)).stalled is True
    # Nothing recorded in the window: unknown, not "stalled".
    old = [E("s-ddr", "2016-02-01", 1)]
    result = stall(accord, old, date(2017, 5, 1))
    assert result.stalled is None and "no status entry" in result.reason
    # The last renewal is less than six months before: the window starts at the earlier one.
    assert stall(accord, flat, date(2017, 8, 1)).window_start == date(2016, 6, 30)


def test_quarter_ends():
    assert quarter_ends(date(2016, 2, 3), date(2016, 11, 1)) == [
        date(2016, 3, 31),
        date(2016, 6, 30),
        date(2016, 9, 30),
        date(2016, 11, 1),
    ]
    assert quarter_ends(date(2016, 2, 3), date(2016, 6, 30))[-1] == date(2016, 6, 30)
