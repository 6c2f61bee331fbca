"""The data version: bumped by every publish and save, shared by every process, and the key of
the workspace's caches (so a new import or a saved record is never answered from an old cache)."""

from __future__ import annotations

import threading
from pathlib import Path

from peaceops.demo.framework import load_example
from peaceops.workspace import Workspace


def _publish(ws: Workspace, slot: str, text: str) -> None:
    staged = ws.staging_file(slot, ".txt")
    staged.write_text(text)
    ws.publish(slot, staged)


def test_publish_and_saves_bump_the_version_other_writes_do_not(workspace: Workspace) -> None:
    v0 = workspace.data_version()
    _publish(workspace, "notes", "one")
    v1 = workspace.data_version()
    assert v1[0] == v0[0] + 1
    load_example(workspace)  # a saved framework and observations
    v2 = workspace.data_version()
    assert v2[0] > v1[0]
    with workspace.transaction(changes_data=False):
        pass  # accounts and sessions change no data
    assert workspace.data_version() == v2
    # Another process (here: another Workspace on the same directory) sees the same version.
    assert Workspace.open(workspace.root).data_version() == v2


def test_failed_transaction_keeps_the_version(workspace: Workspace) -> None:
    before = workspace.data_version()
    try:
        with workspace.transaction():
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    assert workspace.data_version() == before


def test_cache_is_per_directory_and_dropped_on_a_new_version(
    workspace: Workspace, tmp_path: Path
) -> None:
    calls: list[int] = []

    def make() -> int:
        calls.append(1)
        return len(calls)

    assert workspace.cached("k", make) == 1
    assert Workspace.open(workspace.root).cached("k", make) == 1  # shared by the directory
    other = Workspace.create(tmp_path / "other")
    assert other.cached("k", make) == 2  # another workspace has its own
    _publish(workspace, "notes", "two")
    assert workspace.cached("k", make) == 3


def test_duckdb_sees_a_new_import_at_once(workspace: Workspace) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    def put(n: int) -> None:
        staged = workspace.staging_file("numbers")
        pq.write_table(pa.table({"n": list(range(n))}), staged)
        workspace.publish("numbers", staged)

    put(3)
    with workspace.duckdb() as con:
        assert con.execute("SELECT count(*) FROM numbers").fetchone() == (3,)
    put(5)
    with workspace.duckdb() as con:
        assert con.execute("SELECT count(*) FROM numbers").fetchone() == (5,)


def test_concurrent_cursors_share_one_database(workspace: Workspace) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    staged = workspace.staging_file("numbers")
    pq.write_table(pa.table({"n": list(range(1000))}), staged)
    workspace.publish("numbers", staged)
    results: list[object] = []

    def query() -> None:
        with workspace.duckdb() as con:
            results.append(con.execute("SELECT sum(n) FROM numbers").fetchone())

    threads = [threading.Thread(target=query) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [(499500,)] * 8
