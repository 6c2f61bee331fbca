"""The brief's political-strategy section and its key considerations."""

from __future__ import annotations

from pathlib import Path

from st_fixtures import small, write_yaml

from peaceops.demo.strategy import load_example
from peaceops.reports.brief_strategy import gather_strategy
from peaceops.strategy import read_strategy, save_strategy
from peaceops.strategy.brief import strategy_brief


def test_a_consideration_for_each_assumption_at_risk_or_failing(workspace):
    load_example(workspace)
    b = strategy_brief(workspace)
    # Without framework, agreement or events, only the cited judgements count:
    # AS1 and AS3 fail, AS4 is at risk (AS2 and AS5 hold).
    assert [c.assumption for c in b.considerations] == ["AS1", "AS3", "AS4"]
    assert all(c.grade == "illustrative" for c in b.considerations)
    assert b.considerations[0].text.startswith("Assumption AS1 fails (since 2020-09-30)")
    assert "UNU-CPR" in b.considerations[0].source
    part = gather_strategy(workspace, "MINUSMA", None, charts=True)
    assert part.section is not None and part.section.key == "strategy"
    assert part.section.paragraphs[0].startswith("ILLUSTRATIVE")
    assert part.grade == "illustrative" and part.labels
    assert part.section.figures[0].png[:4] == b"\x89PNG"
    assert [c.section for c in part.considerations] == ["strategy"] * 3
    at_risk = part.section.tables[1]
    assert [r[0][:3] for r in at_risk.rows] == ["AS1", "AS3", "AS4"]


def test_a_real_strategy_is_graded_real(workspace, tmp_path: Path):
    data = small()
    save_strategy(workspace, read_strategy(write_yaml(tmp_path, data)), "t")
    b = strategy_brief(workspace)
    assert b.grade == "real" and b.label == ""
    (c,) = b.considerations
    assert (c.assumption, c.grade, c.source) == ("A1", "real", "report Y, s. 2")


def test_no_strategy_is_a_missing_section(workspace):
    part = gather_strategy(workspace, None, None, charts=False)
    assert part.section is None
    assert part.missing[0].remedy == "strategy.import"
