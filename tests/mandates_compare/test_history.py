"""Mandate history: metrics per resolution and the chart."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from peaceops.cli import app
from peaceops.mandates.classify import classify
from peaceops.mandates.history import mandate_history
from peaceops.mandates.model import Paragraph, Resolution, Tier


def _res(number: int, paragraphs: tuple[Paragraph, ...]) -> Resolution:
    return classify(Resolution(f"S/RES/{number} (2030)", number, 2030, operative=paragraphs))


def test_history_metrics_and_changes() -> None:
    first = _res(
        9002,
        (
            Paragraph(
                "1", "Decides that UNTEST shall monitor the ceasefire", "Decides", Tier.PRIORITY
            ),
            Paragraph(
                "2", "Decides that UNTEST shall support demining of roads", "Decides", Tier.OTHER
            ),
        ),
    )
    second = _res(
        9005,
        (
            Paragraph(
                "1", "Decides that UNTEST shall monitor the ceasefire", "Decides", Tier.PRIORITY
            ),
            Paragraph(
                "2",
                "Decides that UNTEST shall protect civilians in the north",
                "Decides",
                Tier.PRIORITY,
            ),
        ),
    )
    rows = mandate_history([second, first])  # ordered by number, not input order
    assert [r.symbol for r in rows] == ["S/RES/9002 (2030)", "S/RES/9005 (2030)"]
    assert (rows[0].tasks, rows[0].priority_tasks, rows[0].operative_paragraphs) == (2, 1, 2)
    assert rows[0].tasks_added == ()
    assert rows[1].tasks_added == ("CivProtect",)
    assert rows[1].tasks_dropped == ("Demining",)
    assert rows[1].priority_tasks == 2


def test_cli_history_from_texts_with_chart(shared_data: Path, tmp_path: Path) -> None:
    texts = shared_data / "unsc_res_crunsc_gold" / "res_en_gold"
    chart = tmp_path / "h.svg"
    out = CliRunner().invoke(
        app,
        [
            "mandates",
            "history",
            "UNOMIL",
            "--texts",
            str(texts),
            "--format",
            "json",
            "--chart",
            str(chart),
        ],
    )
    assert out.exit_code == 0, out.output
    data = json.loads(out.output[: out.output.rindex("]") + 1])
    assert [r["symbol"] for r in data][:2] == ["S/RES/856 (1993)", "S/RES/866 (1993)"]
    assert data[1]["tasks"] > data[0]["tasks"]
    assert "Source:" in chart.read_text()
    out = CliRunner().invoke(app, ["mandates", "history", "NOSUCH", "--texts", str(texts)])
    assert out.exit_code == 1 and "Error:" in out.output
