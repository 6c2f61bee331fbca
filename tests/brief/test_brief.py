"""The brief from a workspace with fixture events: figures, sections, and the three formats."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import docx
import pytest
from PIL import Image
from pypdf import PdfReader
from typer.testing import CliRunner

from peaceops.cli import app
from peaceops.commands.brief import with_commands
from peaceops.commands.remedies import COMMANDS
from peaceops.reports.brief import BriefData, build_brief, write_brief_data
from peaceops.reports.brief_context import month_windows
from peaceops.workspace import Workspace

sys.path.insert(0, str(Path(__file__).parent))
from brief_fixtures import EXPECTED, publish_boundaries, publish_events

SECTION_TITLES = ("Key considerations", "Context", "Sources and attribution")


@pytest.fixture(scope="module")
def events_ws(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    ws = Workspace.create(tmp_path_factory.mktemp("brief") / "ws", country="MLI", synthetic=True)
    publish_events(ws)
    publish_boundaries(ws)
    return ws


def _ink_share(img: Image.Image) -> float:
    """Share of pixels darker than light grey."""
    histogram = img.convert("L").histogram()
    return sum(histogram[:200]) / (img.width * img.height)


def test_month_windows_are_whole_months() -> None:
    recent, previous = month_windows(date(2019, 11, 14))
    assert recent == (date(2018, 12, 1), date(2019, 11, 30))
    assert previous == (date(2017, 12, 1), date(2018, 11, 30))


@pytest.fixture(scope="module")
def default_brief(events_ws: Workspace) -> BriefData:
    return build_brief(events_ws)


@pytest.fixture(scope="module")
def written(default_brief: BriefData, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    paths = write_brief_data(with_commands(default_brief), tmp_path_factory.mktemp("brief_out"))
    return {p.suffix: p for p in paths}


def test_considerations_cite_figures_and_source(default_brief: BriefData) -> None:
    brief = default_brief
    texts = [c.text for c in brief.considerations]
    # Last event 2019-11-14: recent window 2018-12..2019-11 holds four Mopti events of 30,
    # the previous window 2017-12..2018-11 four of 10.
    civ = next(t for t in texts if t.startswith("Civilian fatalities"))
    assert "centre: civilian 40 → 120 (rose 200%)" in civ
    assert "north: civilian 24 → 12 (fell 50%)" in civ
    assert "largest change in civilian fatalities is in the centre" in civ
    # Each group's civilian figure stands beside all its fatalities.
    assert civ.count("all fatalities") == civ.count(": civilian ")
    assert all(
        "ACLED (fixture_events.csv, accessed 2020-01-15)" in c.source for c in brief.considerations
    )
    context = brief.section("context")
    assert context is not None
    assert context.paragraphs[0].startswith(f"{EXPECTED['events']} events with")
    share = next(t for t in texts if "accounts for" in t)
    assert "centre accounts for 73%" in share and "(120 of 165)" in share


def test_as_of_limits_every_figure(events_ws: Workspace) -> None:
    brief = build_brief(events_ws, as_of=date(2018, 12, 31), charts=False)
    context = brief.section("context")
    assert context is not None
    assert "2018-11-14" in context.paragraphs[0]
    assert "2019" not in context.paragraphs[0]
    civ = brief.considerations[0].text
    assert "2017-12 to 2018-11 against 2016-12 to 2017-11" in civ
    assert "centre: civilian 16 → 40" in civ
    assert dict(brief.data_as_of)["ACLED"].startswith("events to 2018-11-14")
    # The dataset was obtained after the cut-off but holds the events before it: still cited.
    assert [e.file_name for e in brief.sources] == ["fixture_admin1.geojson", "fixture_events.csv"]


def test_missing_sections_are_left_out_with_the_command_to_run(default_brief: BriefData) -> None:
    brief = default_brief
    keys = {s.key for s in brief.sections}
    missing = {m.key: m.remedy for m in brief.missing}
    for key in ("framework", "plan"):
        if key not in keys:
            assert missing[key] in COMMANDS  # the CLI turns the remedy into a command


def test_pdf_pages_render_with_content(written: dict[str, Path], tmp_path: Path) -> None:
    reader = PdfReader(str(written[".pdf"]))
    n_pages = len(reader.pages)
    assert 2 <= n_pages <= 8
    text = " ".join(page.extract_text() for page in reader.pages)
    for title in SECTION_TITLES:
        assert title in text
    assert "Synthetic data" in text
    assert "Page 1 of" in text
    assert "40 → 120" in text
    assert "Early-warning alerts, 2019-06 to 2019-11" in text
    assert "Raleigh" in text  # ACLED's required citation
    subprocess.run(
        ["pdftoppm", "-r", "40", "-png", str(written[".pdf"]), str(tmp_path / "page")],
        check=True,
    )
    pngs = sorted(tmp_path.glob("page*.png"))
    assert len(pngs) == n_pages
    for png in pngs:
        with Image.open(png) as img:
            width, height = img.size
            assert abs(width / height - 210 / 297) < 0.01  # A4 portrait
            assert _ink_share(img) > 0.003, f"{png.name} is blank"
    with Image.open(pngs[0]) as first:
        assert _ink_share(first) > 0.03  # title block, considerations and a chart


def test_docx_has_headings_tables_and_charts(written: dict[str, Path]) -> None:
    document = docx.Document(str(written[".docx"]))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:3] == [
        "1. Key considerations",
        "2. Context",
        "3. Conflict structure and perpetrators",
    ]
    assert "Not included" in headings
    assert headings[-2:] == ["4. Sources and attribution", "Required citations"]
    cells = {c.text for t in document.tables for row in t.rows for c in row.cells}
    assert {"ACLED", "fixture_events.csv", "2020-01-15", "centre", "+200%"} <= cells
    assert {"OCHA COD-AB", "fixture_admin1.geojson"} <= cells
    assert len(document.inline_shapes) == 4
    body = "\n".join(p.text for p in document.paragraphs)
    assert body.startswith("Synthetic data.")


def test_html_inlines_svg_and_lists_sources(written: dict[str, Path]) -> None:
    html = written[".html"].read_text("utf-8")
    assert html.count("<svg") == 4  # three charts and the map
    assert "<img" not in html  # charts are inline SVG, the file stands alone
    for anchor in ('id="key-considerations"', 'id="context"', 'id="sources"'):
        assert anchor in html
    assert "fixture_events.csv" in html and "abababababab" in html
    assert 'class="synthetic"' in html
    assert "peaceops framework import" in html


def test_empty_workspace_brief_says_what_is_missing(workspace: Workspace, tmp_path: Path) -> None:
    brief = build_brief(workspace)
    assert brief.sections == ()
    assert brief.considerations == ()
    remedies = {m.key: m.remedy for m in brief.missing}
    assert remedies["context"] == "events.import"
    assert all("peaceops" not in m.message for m in brief.missing)  # words are the CLI's
    # The command writes the same brief: three files, and what was left out, with the fix.
    out = tmp_path / "cli"
    runner = CliRunner()
    result = runner.invoke(app, ["brief", "--out", str(out), "-w", str(workspace.root)])
    assert result.exit_code == 0, result.output
    assert "Sections: none" in result.output
    assert (
        "Left out: Context: No conflict events: add an ACLED or UCDP export; "
        "run 'peaceops events import FILE'"
    ) in result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "brief.docx",
        "brief.html",
        "brief.json",
        "brief.pdf",
    ]
    html = (out / "brief.html").read_text("utf-8")
    assert "<svg" not in html and 'class="synthetic"' not in html
    assert "No datasets have been imported" in html
    assert len(PdfReader(str(out / "brief.pdf")).pages) == 1
    bad = runner.invoke(
        app, ["brief", "--out", str(out), "--as-of", "2018-13-01", "-w", str(workspace.root)]
    )
    assert bad.exit_code == 1
    assert bad.output.strip().splitlines() == [
        "Error: --as-of: '2018-13-01' is not a date (use YYYY-MM-DD, YYYY-MM or YYYY)"
    ]


def test_recent_alerts_are_listed_and_respect_the_cut_off(
    events_ws: Workspace, default_brief: BriefData
) -> None:
    brief = default_brief
    alert = next(c for c in brief.considerations if "early-warning" in c.text)
    assert alert.text.startswith("1 early-warning alert in 2019-06 to 2019-11 (Mopti)")
    assert "8 events in 2019-10" in alert.text
    context = brief.section("context")
    assert context is not None
    table = next(t for t in context.tables if t.caption.startswith("Early-warning alerts"))
    assert [row[:3] for row in table.rows] == [("2019-10", "Mopti", "8 events")]
    # A cut-off inside October leaves October out: its count would include later events.
    early = build_brief(events_ws, as_of=date(2019, 10, 5), charts=False)
    assert not any("early-warning" in c.text for c in early.considerations)
    early_context = early.section("context")
    assert early_context is not None
    assert "No early-warning alerts in 2019-04 to 2019-09." in early_context.paragraphs


def test_out_must_be_a_directory(workspace: Workspace, tmp_path: Path) -> None:
    target = tmp_path / "brief.pdf"
    target.write_text("not a directory")
    result = CliRunner().invoke(
        app, ["brief", "--out", str(target), "--mission", "minusma", "-w", str(workspace.root)]
    )
    assert result.exit_code == 1
    assert (
        result.output.strip() == f"Error: --out: {target} is a file; give a directory for the brief"
    )
    assert build_brief(workspace, mission=" minusma ", charts=False).title == (
        "MINUSMA mandate renewal brief"
    )
