"""The agreement commands end to end, through the CLI, on a real workspace database."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from ag_fixtures import write_csv
from typer.testing import CliRunner

from peaceops import audit
from peaceops.agreement import read_agreement, record_entries, save_agreement, status_entries
from peaceops.agreement.status import agreement_status
from peaceops.cli import app

runner = CliRunner()


def run(ws, *args: str):
    return runner.invoke(app, ["agreement", *args, "-w", str(ws.root)])


def test_import_observe_status_export_report(workspace, small_yaml: Path, tmp_path: Path):
    r = run(workspace, "import", str(small_yaml), "--user", "lead")
    assert r.exit_code == 0, r.output
    assert "2 parts, 2 chapters, 4 provisions" in r.output
    r = run(workspace, "import", str(small_yaml))
    assert "unchanged, still version 1" in r.output

    csv = write_csv(
        tmp_path / "s.csv",
        [
            "p-assembly,2016-05-01,2,Report A p. 3,first",
            "s-ddr,2016-05-01,3,Report B para 12,",
        ],
    )
    r = run(workspace, "observe", str(csv), "--user", "analyst")
    assert r.exit_code == 0, r.output
    assert "Recorded 2 status entries for 2 provisions" in r.output
    r = run(workspace, "observe", str(csv))
    assert "Recorded 0 status entries" in r.output and "2 already recorded" in r.output
    assert len(status_entries(workspace)) == 2

    r = run(workspace, "status", "--format", "json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert data["overall"] == pytest.approx(5 / 12, abs=1e-4)
    assert [
        {k: p[k] for k in ("id", "name", "provisions", "assessed")} for p in data["pillars"]
    ] == [
        {"id": "P1", "name": "Politics", "provisions": 2, "assessed": 1},
        {"id": "P2", "name": "Security", "provisions": 2, "assessed": 1},
    ]
    assert data["pillars"][1]["score"] == pytest.approx(0.5)
    # The assembly (level 2) is past the interim period's end; patrols and senate are past
    # their deadlines but unassessed: not called overdue.
    assert [o["id"] for o in data["overdue"]] == ["p-assembly"]
    assert set(data["past_deadline_unassessed"]) == {"s-patrols", "p-senate"}
    assert data["label"] == ""

    r = run(workspace, "status")
    assert r.exit_code == 0 and "Unassessed: 2 of 4 provisions" in r.output

    out = tmp_path / "exported.xlsx"
    r = run(workspace, "export", "--out", str(out))
    assert r.exit_code == 0, r.output
    assert read_agreement(out) == read_agreement(small_yaml)

    r = run(workspace, "history", "--format", "json")
    log = json.loads(r.output)
    # newest first, each entry with its id (the API's /api/agreement/history document)
    assert [(c["who"], c["action"]) for c in log] == [("analyst", "observe"), ("lead", "import")]
    assert log[0]["id"] > log[1]["id"]
    trail = audit.entries(workspace.engine, action="agreement.observe")
    assert {(e.user, e.object) for e in trail} == {
        ("analyst", "provision:p-assembly"),
        ("analyst", "provision:s-ddr"),
    }
    assert [e.user for e in audit.entries(workspace.engine, action="agreement.import")] == ["lead"]

    r = run(workspace, "report", "--out", str(tmp_path / "rep"))
    assert r.exit_code == 0, r.output
    md = (tmp_path / "rep" / "agreement-report.md").read_text()
    assert "| Title II: Security | 2 | 1 | **50%** | 100% |" in md
    assert "no sourced status recorded" in md
    assert "Report B para 12" in md
    html = (tmp_path / "rep" / "agreement-report.html").read_text()
    assert html.count("<svg") == 2
    for chart in ("agreement-implementation.svg", "agreement-matrix.svg"):
        svg = (tmp_path / "rep" / "charts" / chart).read_text()
        assert "Source: peaceops agreement tracker" in svg


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("s-nothing,2016-05-01,1,Report,", "row 3: unknown provision 's-nothing'"),
        ("s-ddr,2016-05-01,4,Report,", "row 3: 'level' 4 is outside the scale"),
        ("s-ddr,2016-05-01,1.5,Report,", "row 3: 'level' 1.5 is outside the scale"),
        ("s-ddr,2016-05-01,high,Report,", "row 3: 'level' 'high' is not a number"),
        ("s-ddr,2999-01-01,1,Report,", "row 3: 'date' 2999-01-01 is in the future"),
        ("s-ddr,2016-05-01,1,,", "row 3: 'source' is missing"),
    ],
)
def test_a_bad_row_refuses_the_whole_file(workspace, small_yaml, tmp_path, row, message):
    assert run(workspace, "import", str(small_yaml)).exit_code == 0
    csv = write_csv(tmp_path / "bad.csv", ["p-assembly,2016-05-01,2,Report A,", row])
    r = run(workspace, "observe", str(csv))
    assert r.exit_code == 1
    assert message in r.output
    assert "nothing recorded" in r.output
    assert "Traceback" not in r.output
    assert status_entries(workspace) == []  # the good first row was not stored either


def test_missing_columns_and_no_agreement_are_one_line(workspace, small_yaml, tmp_path):
    csv = tmp_path / "x.csv"
    csv.write_text("provision,date,value\np-senate,2016-01-01,1\n")
    r = run(workspace, "observe", str(csv))
    assert r.exit_code == 1 and "no peace agreement in this workspace" in r.output
    run(workspace, "import", str(small_yaml))
    r = run(workspace, "observe", str(csv))
    assert r.exit_code == 1 and "missing column(s) level, source" in r.output


def test_true_as_of_uses_what_was_recorded_by_then(workspace, small_yaml):
    a = read_agreement(small_yaml)
    t0 = datetime(2016, 1, 11, 9, tzinfo=UTC)
    save_agreement(workspace, a, "lead", at=t0)
    from peaceops.agreement import StatusEntry

    # Level 1 known from February; on 2016-08-01 someone records that it was 3 since May.
    record_entries(
        workspace, [StatusEntry("s-ddr", date(2016, 2, 1), 1, "R1")], at=t0 + timedelta(days=30)
    )
    record_entries(
        workspace,
        [StatusEntry("s-ddr", date(2016, 5, 1), 3, "R2")],
        at=datetime(2016, 8, 1, tzinfo=UTC),
    )
    june = agreement_status(workspace, date(2016, 6, 30))
    assert {s.id: s.level for s in june.provisions}["s-ddr"] == 1
    later = agreement_status(workspace, date(2016, 9, 1))
    assert {s.id: s.level for s in later.provisions}["s-ddr"] == 3
    # Before the agreement was recorded there is none.
    r = run(workspace, "status", "--as-of", "2015-12-31")
    assert r.exit_code == 1 and "no peace agreement in this workspace on 2015-12-31" in r.output


def test_a_new_definition_keeps_every_entry(workspace, small_yaml, tmp_path):
    run(workspace, "import", str(small_yaml))
    run(workspace, "observe", str(write_csv(tmp_path / "s.csv", ["s-patrols,2016-05-01,1,R,"])))
    smaller = small_yaml.read_text().replace(
        "    - {id: s-patrols, article: Art. 4, summary: Mixed patrols., deadline: 2016-03-10}\n",
        "",
    )
    (tmp_path / "v2.yaml").write_text(smaller)
    r = run(workspace, "import", str(tmp_path / "v2.yaml"))
    assert r.exit_code == 0 and "version 2" in r.output
    assert [e.provision_id for e in status_entries(workspace)] == ["s-patrols"]
    st = agreement_status(workspace)
    assert "s-patrols" not in {s.id for s in st.provisions}
