"""The shipped example as the demo loads it: dated history, as-of reporting."""

from __future__ import annotations

from datetime import date

import pytest

from peaceops.demo.framework import load_example
from peaceops.errors import NotFoundError
from peaceops.framework import changes, framework_status


def test_load_example_history_and_as_of(workspace):
    summary = load_example(workspace)
    assert (summary.indicators, summary.computed, summary.observations) == (6, 3, 21)
    log = changes(workspace)
    assert log[0].action == "import"
    assert [c.at for c in log] == sorted(c.at for c in log)
    assert {c.who for c in log} == {"example"}
    # Adopted in July 2019 but in force from its baselines: valid time, not typing time.
    assert framework_status(workspace, date(2019, 6, 30)).framework_id == "minusma-2019"
    with pytest.raises(NotFoundError):
        framework_status(workspace, date(2017, 12, 31))
    july = framework_status(workspace, date(2019, 7, 31))
    agr = next(i for i in july.indicators if i.id == "I-AGR")
    # The 2019-06-30 value is the latest valid on 2019-07-31; the 2019-09-30 one is not yet.
    assert (agr.latest, agr.latest_date) == (27.0, date(2019, 6, 30))
    b2 = next(b for b in july.benchmarks if b.id == "B2")
    assert b2.status == "not assessed"  # assessed only in July 2020
    b2_later = next(b for b in framework_status(workspace).benchmarks if b.id == "B2")
    assert b2_later.status == "partly met"
