"""The brief grades every key consideration by its inputs, marks partial periods, shows
deployment against threat and reads ``--as-of`` as valid time.

Built from the demo workspace on the published data (ACLED Mali, OCHA boundaries, Geo-PKO,
plus the project's illustrative framework, plan and mandate texts) and from the synthetic
scenario.
"""

from __future__ import annotations

import json
from datetime import date
from html import escape as html_escape
from pathlib import Path

import pytest
from pypdf import PdfReader

from peaceops.demo import build_demo
from peaceops.framework.store import save_framework
from peaceops.reports.brief import build_brief, write_brief_data
from peaceops.workspace import Workspace

# Words that appear in the text or sources of a consideration drawn from an input the
# project ships as an example.
_ILLUSTRATIVE_MARKS = ("S/RES/910", "results framework", "plan;", "benchmark", "indicators")


@pytest.fixture(scope="module")
def real_demo(tmp_path_factory: pytest.TempPathFactory, shared_data: Path) -> Workspace:
    ws, _ = build_demo(tmp_path_factory.mktemp("honest") / "demo", shared_dir=shared_data)
    return ws


@pytest.mark.realdata
def test_demo_brief_grades_each_consideration_by_its_inputs(
    real_demo: Workspace, tmp_path: Path
) -> None:
    brief = build_brief(real_demo)
    grades = [c.grade for c in brief.considerations]
    assert grades and set(grades) <= {"real", "illustrative"}
    # Real findings come first.
    assert grades == sorted(grades, key=["real", "illustrative", "synthetic"].index)
    by_section = {c.section: c.grade for c in brief.considerations}
    # ACLED, Geo-PKO and PEMA's coding of the MINUSMA mandates are published data: real. The
    # framework and plan of the demo are the project's examples: illustrative, never real.
    for key in ("context", "actors", "deployment", "mandate"):
        assert by_section[key] == "real", key
    for key in ("framework", "plan"):
        assert by_section[key] == "illustrative", key
    for c in brief.considerations:
        if any(m in c.text + " ".join(c.citations()) for m in _ILLUSTRATIVE_MARKS):
            assert c.grade != "real", c.text
    assert any("example plan" in label for label in brief.input_labels)
    assert any("example results framework" in label for label in brief.input_labels)

    out = tmp_path / "brief"
    write_brief_data(brief, out)
    data = json.loads((out / "brief.json").read_text("utf-8"))
    kc = data["key_considerations"]
    assert [k["grade"] for k in kc] == grades
    assert all(k["text"] and k["sources"] for k in kc)
    assert data["grade"] == "illustrative"
    html = (out / "brief.html").read_text("utf-8")
    # The grade stands on the same line as the consideration.
    assert html.count('<span class="grade"') == len(grades)
    for c in brief.considerations:
        assert f"[{c.grade.upper()}]</span> {html_escape(c.text[:30], quote=False)}" in html
    # Every PDF page carries the running header.
    pages = PdfReader(out / "brief.pdf").pages
    assert len(pages) > 3
    assert all("ILLUSTRATIVE" in p.extract_text() for p in pages)


@pytest.mark.realdata
def test_demo_brief_marks_the_partial_year_and_shows_deployment_against_threat(
    real_demo: Workspace,
) -> None:
    brief = build_brief(real_demo, charts=False)
    deployment = brief.section("deployment")
    assert deployment is not None
    # The ACLED export ends on 2020-10-31: 2020 is named with its months wherever shown.
    caption = deployment.tables[0].caption
    assert caption.endswith("2020 (Jan–Oct, partial)")
    rows = {r[0]: r for r in deployment.tables[0].rows}
    troop_shares = [float(r[2].rstrip("%")) for r in rows.values()]
    assert abs(sum(troop_shares) - 100.0) < 0.5
    # Known from the data: civilians are killed mostly in the centre while most troops are
    # in the north.
    assert float(rows["centre"][4].rstrip("%")) > 50.0
    assert float(rows["north"][2].rstrip("%")) > float(rows["centre"][2].rstrip("%"))
    # The strength used is said: Geo-PKO's shares scaled to the authorised ceiling.
    assert "scaled to a strength of 13,289" in deployment.paragraphs[0]
    assert "authorised ceiling" in deployment.paragraphs[0]
    gap = next(c for c in brief.considerations if c.section == "deployment")
    assert "2020 (Jan–Oct, partial)" in gap.text and "centre" in gap.text


@pytest.mark.realdata
def test_deployment_section_reads_the_deployments_once(
    real_demo: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    from peaceops.planning import alignment, deployments
    from peaceops.reports.brief_deployment import gather_deployment

    before = gather_deployment(real_demo, "MINUSMA", None, charts=False)
    reads: list[object] = []
    real = deployments.load_deployments

    def counted(*args: object, **kwargs: object) -> object:
        reads.append(args)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(deployments, "load_deployments", counted)
    monkeypatch.setattr(alignment, "load_deployments", counted)
    after = gather_deployment(real_demo, "MINUSMA", None, charts=False)
    assert len(reads) == 1
    assert after == before


@pytest.mark.realdata
def test_context_charts_label_the_partial_year(real_demo: Workspace) -> None:
    from peaceops.reports.context_charts import context_chart

    spec = context_chart(real_demo, "fatalities").to_dict()
    text = json.dumps(spec, ensure_ascii=False)
    assert "2020 (Jan–Oct, partial)" in text
    assert '"2019"' in text  # a full year keeps its plain label


def test_synthetic_brief_grades_every_consideration_synthetic(tmp_path: Path) -> None:
    ws, _ = build_demo(tmp_path / "demo", synthetic=True)
    brief = build_brief(ws, charts=False)
    assert brief.considerations
    # Nothing in the synthetic scenario is real: figures from the generated events are
    # synthetic, those from the project's example texts, framework and plan illustrative.
    assert "real" not in {c.grade for c in brief.considerations}
    assert {c.grade for c in brief.considerations if c.section == "context"} == {"synthetic"}
    # The framework reads the generated events too, so it is graded synthetic.
    assert {c.grade for c in brief.considerations if c.section == "framework"} <= {"synthetic"}
    assert brief.grade == "synthetic"


def test_as_of_uses_a_framework_imported_after_that_date(workspace: Workspace) -> None:
    from peaceops.examples import example_path
    from peaceops.framework.io import read_framework

    # Imported today, for a period that starts in 2018: valid on 2020-06-30.
    save_framework(workspace, read_framework(example_path("minusma_framework.yaml")), "analyst")
    brief = build_brief(workspace, as_of=date(2020, 6, 30), charts=False)
    section = brief.section("framework")
    assert section is not None
    assert "as of 2020-06-30" in section.paragraphs[0]
    assert not any(m.key == "framework" for m in brief.missing)


@pytest.mark.realdata
def test_demo_brief_names_perpetrators_and_attacks_on_the_mission(real_demo: Workspace) -> None:
    brief = build_brief(real_demo, charts=False)
    actors = brief.section("actors")
    assert actors is not None
    perpetrators, split, attacks = actors.tables[:3]
    centre = {r[1]: r for r in perpetrators.rows if r[0] == "centre"}
    # Known from the data: state forces' share of civilian-targeting fatalities in the centre
    # rose sharply in 2020 (about a third, against about a tenth or less before).
    assert int(centre["state forces"][4].rstrip("%")) > 25
    assert int(centre["state forces"][5].rstrip("%")) < 15
    shift = next(c for c in brief.considerations if c.section == "actors")
    assert "centre" in shift.text and "state forces" in shift.text and shift.grade == "real"
    # Yearly tables mark the partial year too.
    assert split.rows[-1][0] == attacks.rows[-1][0] == "2020 (Jan–Oct, partial)"


@pytest.mark.realdata
def test_demo_brief_shows_the_record_of_each_state_force_the_plan_supports(
    real_demo: Workspace,
) -> None:
    brief = build_brief(real_demo, charts=False)
    plan = brief.section("plan")
    assert plan is not None
    table = next(t for t in plan.tables if t.caption.startswith("Support to state forces"))
    forces = {row[1] for row in table.rows}
    assert forces  # the example plan supports the Malian forces' redeployment
    # The record is counted over the 12 months of data up to the last event (2020-10-31).
    assert all(row[2].endswith("2020-10-31") for row in table.rows)
    # Known from the data: state forces killed well over a hundred civilians in those months
    # (about 36% of 808 in the centre alone).
    assert max(int(row[4].replace(",", "")) for row in table.rows) > 100
    assert "illustrative" in table.note


@pytest.mark.realdata
def test_demo_brief_has_a_political_timeline_with_recorded_milestones(
    real_demo: Workspace,
) -> None:
    from peaceops.actors.timeline import add_milestone

    brief = build_brief(real_demo, charts=False)
    section = brief.section("timeline")
    assert section is not None  # ACLED's strategic developments alone make a timeline
    before = len(section.tables[0].rows)
    assert before > 0
    add_milestone(
        real_demo,
        date(2020, 8, 18),
        "coup",
        "Military coup; the president resigns",
        "test: a milestone recorded for this test",
    )
    after = build_brief(real_demo, charts=False).section("timeline")
    assert after is not None
    rows = [r for r in after.tables[0].rows if r[1] == "milestone"]
    assert [r[0] for r in rows] == ["2020-08-18"] and rows[0][2] == "coup"
    titles = [s.title for s in build_brief(real_demo, charts=False).sections]
    assert titles.index("Political timeline") == titles.index("Context") + 2


def test_brief_without_timeline_data_says_how_to_add_it(workspace: Workspace) -> None:
    brief = build_brief(workspace, charts=False)
    missing = {m.key: m for m in brief.missing}
    assert missing["timeline"].remedy == "timeline.add"
