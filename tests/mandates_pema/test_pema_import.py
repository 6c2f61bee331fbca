"""PEMA rows as coded mandates: import, re-import, bad files, and history/diff on them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from peaceops.cli import app
from peaceops.demo.mandate_texts import modern_resolution_text
from peaceops.errors import InputError
from peaceops.mandates.diff import diff_resolutions
from peaceops.mandates.history import mandate_history
from peaceops.mandates.pema import import_pema, read_pema
from peaceops.mandates.reader import read_text
from peaceops.mandates.store import list_resolutions, load_resolution, save_resolution
from peaceops.workspace import Workspace

runner = CliRunner()

HEADER = (
    "Signature,NamePKO,Country,Year,Date2,Mandate_Renewal,Mandate_CompleteAdjustment,"
    "CivProtect_Security,HumanRights_Monitor,HumanRights_Assist,Gender_Assist,Comments\n"
)


def _write(tmp_path: Path, body: str, header: str = HEADER, name: str = "pema.csv") -> Path:
    path = tmp_path / name
    path.write_text(header + body, encoding="utf-8")
    return path


def test_rows_become_coded_mandates(tmp_path: Path, workspace: Workspace) -> None:
    path = _write(
        tmp_path,
        'S/RES/5001,UNTEST,Testland,2015,30-Jun-15,1,0,"12a, 12a(i)",0,12c,0,\n'
        "S/RES/5002,UNTEST,Testland,2016,29-Jun-16,1,1,12a,14 (S/2016/100),12c,20?,\n"
        "S/RES/6001,UNOTHER,Elsewhere,2016,01-Jan-16,0,0,3,0,0,0,\n",
    )
    done = import_pema(workspace, path, "untest")
    assert done.stored is not None
    assert done.stored.stored == ("S/RES/5001 (2015)", "S/RES/5002 (2016)")
    res = load_resolution(workspace, "5002")
    assert res.coded and res.operative == () and res.missions == ("UNTEST",)
    assert res.label == "S/RES/5002 (2016) (coded by PEMA)"
    assert res.date is not None and res.date.isoformat() == "2016-06-29"
    assert res.coding is not None and res.coding.renewal and res.coding.complete_adjustment
    assert res.coding.line == 3
    tasks = {(t.task, t.modality.value): t for t in res.tasks}
    assert tasks[("HumanRights", "Monitor")].paragraphs == ()
    assert tasks[("HumanRights", "Monitor")].elsewhere == ("S/2016/100 para 14",)
    assert "uncertain" in tasks[("Gender", "Assist")].evidence
    assert tasks[("CivProtect", "Security")].paragraphs == ("12a",)
    # only the mission asked for
    assert [r.symbol for r in list_resolutions(workspace)] == [
        "S/RES/5001 (2015)",
        "S/RES/5002 (2016)",
    ]


def test_reimport_changes_nothing(tmp_path: Path, workspace: Workspace) -> None:
    path = _write(tmp_path, "S/RES/5001,UNTEST,Testland,2015,30-Jun-15,1,0,12a,0,12c,0,\n")
    first = import_pema(workspace, path)
    datasets = len(workspace.datasets("pema"))
    again = import_pema(workspace, path)
    assert first.stored is not None and again.stored is not None
    assert again.stored.stored == () and again.stored.unchanged == ("S/RES/5001 (2015)",)
    assert len(workspace.datasets("pema")) == datasets == 1


def test_a_read_text_is_never_replaced_by_a_coding(tmp_path: Path, workspace: Workspace) -> None:
    text = read_text(modern_resolution_text("minusma-like-2020"), source="9103.txt")
    save_resolution(workspace, text)
    path = _write(tmp_path, "S/RES/9103,MINUSMA,Mali,2020,29-Jun-20,1,0,12a,0,0,0,\n")
    done = import_pema(workspace, path)
    assert done.stored is not None and done.stored.kept_text == ("S/RES/9103 (2020)",)
    kept = load_resolution(workspace, "9103")
    assert not kept.coded and kept.operative


def test_missing_columns_is_one_clear_error(tmp_path: Path, workspace: Workspace) -> None:
    path = _write(tmp_path, "UNTEST,2015\n", header="NamePKO,Year\n")
    with pytest.raises(InputError, match=r"missing column.*Signature"):
        read_pema(path)


def test_unknown_task_columns_stop_the_import(tmp_path: Path, workspace: Workspace) -> None:
    path = _write(
        tmp_path,
        "S/RES/5001,UNTEST,2015,12a,3\n",
        header="Signature,NamePKO,Year,CivProtect_Security,Teleportation_Assist\n",
    )
    with pytest.raises(InputError, match="Teleportation_Assist"):
        import_pema(workspace, path)
    assert list_resolutions(workspace) == []


def test_bad_rows_are_set_aside_whole(tmp_path: Path, workspace: Workspace) -> None:
    path = _write(
        tmp_path,
        "S/RES/5001,UNTEST,Testland,2015,30-Jun-15,1,0,12a,3:00 AM,12c,0,\n"
        "S/RES/5002,UNTEST,Testland,2016,29-Jun-16,1,0,12a,0,12c,0,\n"
        "S/RES/5003 AND S/RES/5004,UNTEST,Testland,2016,,1,0,2,0,0,0,\n"
        "S/RES/5005,UNTEST,Testland,twenty,,1,0,2,0,0,0,\n",
    )
    done = import_pema(workspace, path)
    lines = {r.line: r.reason for r in done.read.rejected}
    assert set(lines) == {2, 4, 5}
    assert "HumanRights_Monitor" in lines[2] and "time of day" in lines[2]
    assert "not one resolution" in lines[4]
    assert "not a year" in lines[5]
    # the bad row's good cells were not stored either
    assert [r.symbol for r in list_resolutions(workspace)] == ["S/RES/5002 (2016)"]


def test_unknown_mission_names_the_known_ones(tmp_path: Path, workspace: Workspace) -> None:
    path = _write(tmp_path, "S/RES/5001,UNTEST,Testland,2015,30-Jun-15,1,0,12a,0,0,0,\n")
    with pytest.raises(InputError, match=r"no row for mission 'MINUSCA'.*UNTEST"):
        read_pema(path, "MINUSCA")


def test_cli_import_history_and_diff_on_real_minusma(
    shared_data: Path, workspace: Workspace
) -> None:
    pema = shared_data / "pema" / "PEMA_raw_v2.csv"
    ws = ["-w", str(workspace.root)]
    out = runner.invoke(app, ["mandates", "import-pema", str(pema), "--mission", "MINUSMA", *ws])
    assert out.exit_code == 0, out.output
    assert "4 coded mandate(s) for MINUSMA read, 0 row(s) set aside" in out.output
    out = runner.invoke(app, ["mandates", "history", "MINUSMA", "--format", "json", *ws])
    assert out.exit_code == 0, out.output
    rows = json.loads(out.output)
    assert [r["symbol"] for r in rows] == [
        "S/RES/2100 (2013)",
        "S/RES/2164 (2014)",
        "S/RES/2227 (2015)",
        "S/RES/2295 (2016)",
    ]
    # distinct tasks coded by PEMA in S/RES/2100 (counted from the file by hand: 28 cells,
    # Reintegration..Ceasefire, 23 distinct tasks once modalities are merged)
    assert rows[0]["tasks"] == 23 and rows[0]["words"] is None
    assert all(r["kind"] == "coded" for r in rows)
    assert rows[3]["tasks_added"] == ["StateAuthority"]
    out = runner.invoke(app, ["mandates", "diff", "2227", "2295", "--format", "json", *ws])
    assert out.exit_code == 0, out.output
    d = json.loads(out.output)
    assert d["tasks_added"] == ["StateAuthority"] and d["paragraphs"] == []
    assert d["paragraphs_compared"] is False
    assert {"task": "CivProtect", "old": ["Security"], "new": ["Monitor", "Security"]} in d[
        "task_modalities"
    ]
    # the whole file: bad rows reported by line, the rest stored
    out = runner.invoke(app, ["mandates", "import-pema", str(pema), "--format", "json", *ws])
    assert out.exit_code == 0, out.output
    report = json.loads(out.output)
    assert report["rejected"] and all(r["line"] > 1 for r in report["rejected"])
    assert len(report["stored"]) > 400


def test_history_and_diff_mix_a_coded_and_a_read_mandate(
    tmp_path: Path, workspace: Workspace
) -> None:
    path = _write(tmp_path, "S/RES/2295,MINUSMA,Mali,2016,29-Jun-16,1,0,19c,19f(ii),0,0,\n")
    import_pema(workspace, path)
    save_resolution(
        workspace, read_text(modern_resolution_text("minusma-like-2019"), source="9102.txt")
    )
    coded, text = list_resolutions(workspace, "MINUSMA")
    rows = mandate_history([coded, text])
    assert rows[0].words is None and rows[1].words is not None and rows[1].words > 0
    d = diff_resolutions(coded, text)
    assert d.paragraphs == () and "S/RES/2295 (2016) (coded by PEMA)" in d.paragraphs_note
    assert "CivProtect" not in d.tasks_added
