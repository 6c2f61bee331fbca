"""Framework and plan sections from plain rows, and a full brief with every feature's data."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import docx
import pytest
from PIL import Image
from pypdf import PdfReader

from peaceops.demo.framework import load_example as load_framework_example
from peaceops.demo.mandate_texts import MODERN_RENEWALS, modern_resolution_text
from peaceops.examples import example_path
from peaceops.mandates.reader import read_text
from peaceops.mandates.store import save_resolution
from peaceops.planning.store import save_plan
from peaceops.reports.brief import write_brief
from peaceops.reports.brief_framework import BenchmarkRow, IndicatorRow, framework_part
from peaceops.reports.brief_plan import CapacityRow, PlanTaskRow, plan_part
from peaceops.workspace import Workspace

sys.path.insert(0, str(Path(__file__).parent))
from brief_fixtures import publish_boundaries, publish_events

INDICATORS = (
    IndicatorRow(
        "civ-centre",
        "Civilian fatalities, centre",
        "Protection of civilians",
        "120 (2019-Q4)",
        "40 by 2020-12-31",
        "off track",
        "worsening (+20 a quarter)",
        "computed from events",
    ),
    IndicatorRow(
        "alerts-mopti",
        "Alert months, Mopti",
        "Protection of civilians",
        "1 (2019-Q4)",
        "0 by 2020-12-31",
        "at risk",
        "flat",
        "computed from events",
    ),
    IndicatorRow(
        "cantoned",
        "Combatants cantoned",
        "Peace agreement",
        "5,200 (2019-12-01)",
        "10,000 by 2020-06-30",
        "on track",
        "improving (+600 a quarter)",
        "observations",
    ),
)
BENCHMARKS = (
    BenchmarkRow(
        "b1",
        "Interim authorities in place in the north",
        "2019-12-31",
        "not met",
        "Two of five installed",
        "2020-01-10 by analyst",
    ),
    BenchmarkRow(
        "b2", "Redeployment of reconstituted army units", "2020-06-30", "partly met", "", ""
    ),
)
TASKS = (
    PlanTaskRow("poc-centre", "Protect civilians in the centre", 1, 3, 1, ()),
    PlanTaskRow(
        "ddr",
        "Support cantonment and DDR",
        3,
        5,
        2,
        ("precondition 'ceasefire holds' expected in phase 3",),
    ),
    PlanTaskRow(
        "elections",
        "Support elections",
        None,
        None,
        4,
        ("troops: 1,500 short in phase 5 (capacity 12,000)",),
    ),
)
CAPACITY = (
    CapacityRow("troops", 5, 12000, 12000, 13500),
    CapacityRow("troops", 4, 9000, 12000, 9000),
    CapacityRow("air assets", 5, 10, 14, 14),
)


def test_framework_part_orders_by_status_and_flags_off_track() -> None:
    part = framework_part(INDICATORS, BENCHMARKS, date(2019, 12, 31), "peaceops framework")
    assert part.section is not None
    assert part.section.paragraphs[0] == (
        "3 indicators as of 2019-12-31: 1 off track, 1 at risk, 1 on track."
    )
    indicators = part.section.tables[1]
    assert [r[4] for r in indicators.rows] == ["off track", "at risk", "on track"]
    texts = [c.text for c in part.considerations]
    assert texts[0] == (
        "1 of 3 indicators are off track: Civilian fatalities, centre: 120 (2019-Q4) against "
        "40 by 2020-12-31."
    )
    assert texts[1].startswith("1 of 2 benchmarks not met: Interim authorities in place")
    assert framework_part((), (), None, "x").section is None


def test_plan_part_reports_sequence_deferrals_and_shortfalls() -> None:
    part = plan_part("MINUSMA plan", "optimal", 6, TASKS, CAPACITY, "plan file minusma.yaml")
    assert part.section is not None
    assert part.section.paragraphs[0] == (
        "Plan 'MINUSMA plan' (optimal solution): 2 of 3 tasks scheduled over 6 phases; "
        "1 deferred beyond their earliest phase, 1 left out."
    )
    sequence, deferred, mismatch = part.section.tables
    assert sequence.rows == (
        ("1", "Protect civilians in the centre"),
        ("3", "Support cantonment and DDR"),
    )
    assert (
        "Support elections",
        "4",
        "left out",
        "troops: 1,500 short in phase 5 (capacity 12,000)",
    ) in deferred.rows
    assert mismatch.columns == ("Resource", "1", "2", "3", "4", "5", "6")
    assert ("troops", "–", "–", "–", "9,000 / 12,000", "12,000 / 12,000 (short 1,500)", "–") in (
        mismatch.rows
    )
    shortfall = part.considerations[0]
    assert shortfall.text == (
        "Capacity shortfalls to carry out every task: troops: 1,500 short in phase 5 "
        "(12,000 available, 13,500 needed)."
    )


@pytest.fixture(scope="module")
def full_brief(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A workspace with every feature's data: events and boundaries (fixtures), the
    illustrative renewals, the example framework and the example plan."""
    ws = Workspace.create(tmp_path_factory.mktemp("full") / "ws", country="MLI", synthetic=True)
    publish_events(ws)
    publish_boundaries(ws)
    for key in MODERN_RENEWALS:
        save_resolution(ws, read_text(modern_resolution_text(key), source=f"{key}.txt"))
    load_framework_example(ws)
    save_plan(ws, example_path("minusma_plan.yaml"))
    out = tmp_path_factory.mktemp("full_out")
    return {p.suffix: p for p in write_brief(ws, out)}


TITLES = [
    "1. Key considerations",
    "2. Context",
    "3. Conflict structure and perpetrators",
    "4. Mandate",
    "5. Benchmarks and indicators",
    "6. Plan",
    "7. Sources and attribution",
]


def test_full_brief_numbers_sections_in_every_format(full_brief: dict[str, Path]) -> None:
    html = full_brief[".html"].read_text("utf-8")
    for title in TITLES:
        assert f">{title}</h2>" in html
    # The workspace has no timeline, agreement, strategy or deployment data: each is listed
    # under "Not included" with what is missing.
    missing = html.split('id="not-included"', 1)[1].split("</section>", 1)[0]
    assert missing.count("<li>") == 4
    for title in (
        "Political timeline",
        "Peace agreement",
        "Political strategy",
        "Deployment against threat",
    ):
        assert f"<strong>{title}:</strong>" in missing
    assert html.count("<svg") == 5  # three context charts, the map, the phase chart
    pdf_text = " ".join(p.extract_text() for p in PdfReader(str(full_brief[".pdf"])).pages)
    for title in TITLES:
        assert title in pdf_text
    for expected in (
        "S/RES/9103 (2020)",  # current mandate
        "Logistic and security support to elections",  # left out of the plan
        "Implementation of the Agreement",  # an indicator (from the agreement tracker)
        "Di Salvatore",  # PEMA, the taxonomy of the mandate tasks
        "Synthetic data",
    ):
        assert expected.replace(" ", "") in pdf_text.replace(" ", "").replace("\n", "")
    document = docx.Document(str(full_brief[".docx"]))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == [*TITLES[:-1], "Not included", TITLES[-1]]
    assert len(document.inline_shapes) == 5


def test_full_brief_pdf_pages(full_brief: dict[str, Path], tmp_path: Path) -> None:
    subprocess.run(
        ["pdftoppm", "-r", "30", "-png", str(full_brief[".pdf"]), str(tmp_path / "p")],
        check=True,
    )
    pages = sorted(tmp_path.glob("p*.png"))
    assert 4 <= len(pages) <= 12
    for page in pages:
        with Image.open(page) as img:
            histogram = img.convert("L").histogram()
            assert sum(histogram[:200]) / (img.width * img.height) > 0.003, page.name
