from __future__ import annotations

from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from peaceops.errors import WorkspaceError
from peaceops.geo.names import fold_name
from peaceops.provenance import DatasetRecord
from peaceops.workspace import Workspace


def test_create_then_open_keeps_country_and_groups(tmp_path: Path) -> None:
    Workspace.create(tmp_path / "w", country="mli")
    ws = Workspace.open(tmp_path / "w")
    assert ws.config.country == "MLI"
    assert set(ws.config.region_groups) == {"north", "centre", "south"}
    assert ws.config.region_group_of("Mopti") == "centre"
    assert ws.config.region_group_of("Koulikouro") == "south"  # the 2015 OCHA spelling
    assert ws.config.region_group_of("MÉNAKA") == "north"
    assert ws.config.region_group_of("Atlantis") is None


def test_open_refuses_a_plain_directory(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError, match="not a peaceops workspace"):
        Workspace.open(tmp_path)


def test_create_refuses_existing_workspace(tmp_path: Path) -> None:
    Workspace.create(tmp_path / "w")
    with pytest.raises(WorkspaceError, match="already"):
        Workspace.create(tmp_path / "w")


def test_fold_name_ignores_accents_case_and_punctuation() -> None:
    assert fold_name("Ségou") == fold_name("SEGOU") == "segou"
    assert fold_name("Tin-Essako") == "tin essako"


def _staged_table(ws: Workspace, values: list[int]) -> Path:
    path = ws.staging_file("things")
    pq.write_table(pa.table({"v": values}), path)
    return path


def test_publish_switches_file_and_records_provenance(workspace: Workspace) -> None:
    record = DatasetRecord(
        kind="things", source="test", file_name="a.csv", sha256="0" * 64, accessed=date.today()
    )
    workspace.publish("things", _staged_table(workspace, [1, 2]), [record])
    first = workspace.current_file("things")
    workspace.publish("things", _staged_table(workspace, [3]))
    second = workspace.current_file("things")
    assert first is not None and second is not None and first != second
    assert not first.exists()  # the old version is removed once the new one is current
    with workspace.duckdb() as con:
        assert con.execute("select sum(v) from things").fetchone() == (3,)
    (saved,) = workspace.datasets("things")
    assert saved.id is not None and saved.file_name == "a.csv"


def test_failed_publish_leaves_previous_state(workspace: Workspace) -> None:
    workspace.publish("things", _staged_table(workspace, [1]))
    before = workspace.current_file("things")
    bad = DatasetRecord(
        kind="things",
        source="test",
        file_name="b.csv",
        sha256="0" * 64,
        accessed=None,  # type: ignore[arg-type]
    )
    with pytest.raises(Exception):  # noqa: B017 - any database error will do
        workspace.publish("things", _staged_table(workspace, [9]), [bad])
    assert workspace.current_file("things") == before
    with workspace.duckdb() as con:
        assert con.execute("select sum(v) from things").fetchone() == (1,)
    assert workspace.datasets() == []


def test_a_citation_gives_the_hash_or_none_never_an_empty_one() -> None:
    day = date(2020, 1, 2)
    hashed = DatasetRecord("events", "ACLED", "a.csv", "ab" * 32, day).cite()
    assert hashed == "ACLED, file a.csv (sha256 abababababab), accessed 2020-01-02"
    shipped = DatasetRecord("resolution", "peaceops example", "r.txt", "", day).cite()
    assert shipped == "peaceops example, file r.txt, accessed 2020-01-02"
