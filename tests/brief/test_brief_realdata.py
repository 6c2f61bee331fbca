"""The brief on the published Mali ACLED export and OCHA admin1 boundaries (read in place)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from peaceops.events.geography import import_boundaries
from peaceops.events.importer import import_events
from peaceops.reports.brief import build_brief
from peaceops.workspace import Workspace


@pytest.mark.realdata
def test_brief_on_real_mali_data(shared_data: Path, workspace: Workspace) -> None:
    import_events(
        workspace,
        shared_data / "acled_mali_smose94" / "Processed_Acled_Mali.csv",
        accessed=date(2020, 11, 2),
    )
    import_boundaries(
        workspace, shared_data / "mali_admin_ocha_codab" / "mli_adm1_regions.geojson", 1
    )
    brief = build_brief(workspace, as_of=date(2019, 12, 31), charts=False)
    context = brief.section("context")
    assert context is not None
    events = int(context.paragraphs[0].split(" events")[0].replace(",", ""))
    assert 2000 < events < 4318  # the export runs to October 2020; the cut-off drops 2020
    assert "and 2019-12-30 (source: ACLED" in context.paragraphs[0]
    assert context.figures == ()  # asked for without charts
    assert dict(brief.data_as_of)["ACLED"] == "events to 2019-12-30, accessed 2020-11-02"
    civ = brief.considerations[0].text
    assert civ.startswith(
        "Civilian fatalities from direct targeting beside all reported fatalities, "
        "2019-01 to 2019-12 against 2018-01 to 2018-12"
    )
    # Known from the data: from 2018 the centre overtakes the north, and violence against
    # civilians there grows; so the centre carries the largest share of 2019's fatalities.
    counts = {
        m[1]: (int(m[2].replace(",", "")), int(m[3].replace(",", "")))
        for m in re.finditer(r"(north|centre|south): civilian ([\d,]+) → ([\d,]+)", civ)
    }
    totals = {
        m[1]: (int(m[2].replace(",", "")), int(m[3].replace(",", "")))
        for m in re.finditer(
            r"(north|centre|south): civilian [^;]*all fatalities ([\d,]+) → ([\d,]+)", civ
        )
    }
    # Civilian fatalities are a part of all fatalities, shown beside them for every group.
    assert set(totals) == set(counts)
    assert all(counts[g][1] <= totals[g][1] for g in counts)
    assert counts["centre"][1] > counts["north"][1]
    assert counts["centre"][1] > counts["centre"][0]
    share = brief.considerations[1].text
    assert share.startswith("The centre accounts for ")
    assert int(re.search(r"(\d+)%", share)[1]) > 50  # type: ignore[index]
    assert any("Raleigh" in a for a in brief.attributions)
    assert any("OCHA" in a for a in brief.attributions)
