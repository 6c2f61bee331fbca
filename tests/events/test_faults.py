"""Faults are tested, not assumed: kill -9 at many points of an import, a full disk, and
several writers at once. After each, the stored events are the before or the after state,
never a mix, and the next import works."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from acled_files import ACLED, TOTAL, event_count, read_rows, snapshot, subset, write_rows
from typer.testing import CliRunner

from peaceops import wslock
from peaceops.cli import app
from peaceops.errors import WorkspaceError
from peaceops.events import importer, quarantine, versions
from peaceops.events.importer import import_events
from peaceops.workspace import Workspace

pytestmark = pytest.mark.realdata

HARNESS = Path(__file__).with_name("fault_harness.py")

# (function, kill before or after it, is the import committed by then)
KILL_POINTS = [
    ("peaceops.events.importer:sniff", "before", False),
    ("peaceops.events.versions:begin", "after", False),
    ("peaceops.events.importer:transcode", "after", False),
    ("peaceops.events.importer:map_rows", "after", False),
    ("peaceops.events.importer:write_quarantine", "after", False),
    ("peaceops.events.importer:place_table", "after", False),
    ("peaceops.events.importer:write_events_parquet", "after", False),
    ("peaceops.workspace:_fsync_file", "after", False),
    # the data file is in store/ under its final name; the pointer still names the old one
    ("peaceops.workspace:Workspace._switch", "before", False),
    ("peaceops.events.versions:commit_version", "before", False),
    ("peaceops.events.versions:commit_version", "after", False),
    # committed: the quarantine file is renamed next, then old versions pruned
    ("peaceops.events.versions:prune", "before", True),
]


@pytest.fixture
def newer_file(shared_data: Path, tmp_path: Path) -> Path:
    """The whole export plus one bad row, in Windows-1252 (so it is transcoded first)."""
    fields, rows = read_rows(shared_data)
    bad = dict(rows[0], event_id_cnty="MLI999999", fatalities="many")
    return write_rows(tmp_path / "newer.csv", fields, [*rows, bad], encoding="cp1252")


@pytest.fixture
def half(shared_data: Path, tmp_path: Path) -> tuple[Workspace, int]:
    ws = Workspace.create(tmp_path / "ws", country="MLI")
    path, rows = subset(shared_data, tmp_path / "early.csv", lambda r: r["year"] < "2016")
    import_events(ws, path)
    return ws, len(rows)


def _harness(ws: Workspace, file: Path, target: str, when: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(HARNESS), str(ws.root), str(file), target, when],
        capture_output=True,
        text=True,
        timeout=300,
        env=dict(os.environ),
    )


def _all_clean(ws: Workspace) -> None:
    """No staging leftovers, no pending quarantine, no event file no version names."""
    assert not list(ws.staging_dir.iterdir())
    assert not list(ws.quarantine_dir.glob(versions.PENDING_PREFIX + "*"))
    named = {v.data_file for v in versions.history(ws) if v.data_file}
    assert {p.name for p in ws.store_dir.glob("events-*.parquet")} == named


@pytest.mark.parametrize(("target", "when", "committed"), KILL_POINTS)
def test_kill_9_leaves_the_before_or_the_after_state(
    half: tuple[Workspace, int], newer_file: Path, target: str, when: str, committed: bool
) -> None:
    ws, before_count = half
    before = snapshot(ws)
    done = _harness(ws, newer_file, target, when)
    assert done.returncode == -signal.SIGKILL, (done.stdout, done.stderr)
    expected = TOTAL if committed else before_count
    assert event_count(ws.root) == expected
    if not committed:
        assert len(versions.history(Workspace.open(ws.root))) == 1
        # the next writer clears what the killed one left: exactly the state before
        reopened = Workspace.open(ws.root)
        with reopened.writing():
            versions.begin(reopened)
        assert snapshot(reopened) == before
    # and the next import works
    reopened = Workspace.open(ws.root)
    report = import_events(reopened, newer_file)
    assert report.rejected == 1
    assert event_count(ws.root) == TOTAL
    _all_clean(reopened)
    assert len(list(reopened.quarantine_dir.glob("*.quarantine.csv"))) == (2 if committed else 1)


def test_injected_disk_full_leaves_everything_as_before(
    half: tuple[Workspace, int], newer_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws, before_count = half
    before = snapshot(ws)
    real_write = importer.write_events_parquet

    def full(table, path):  # type: ignore[no-untyped-def]
        real_write(table.slice(0, 10), path)  # part of the file reached the disk
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    monkeypatch.setattr(importer, "write_events_parquet", full)
    with pytest.raises(WorkspaceError, match=r"No space left on device.*nothing was changed"):
        import_events(ws, newer_file)
    assert snapshot(ws) == before and event_count(ws.root) == before_count
    _all_clean(ws)

    # the quarantine file cannot be written either: same
    def no_fsync(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(importer, "write_events_parquet", real_write)
    monkeypatch.setattr(quarantine.os, "fsync", no_fsync)
    with pytest.raises(WorkspaceError, match="No space left"):
        import_events(ws, newer_file)
    assert snapshot(ws) == before
    monkeypatch.undo()
    assert import_events(ws, newer_file).inserted == TOTAL - before_count
    _all_clean(ws)


@pytest.mark.skipif(os.geteuid() != 0, reason="mounting a small tmpfs needs root")
def test_real_disk_full_on_a_small_tmpfs(shared_data: Path, tmp_path: Path) -> None:
    mnt = tmp_path / "small"
    mnt.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", str(mnt)]).returncode:
        pytest.fail("could not mount a tmpfs although running as root")
    try:
        ws = Workspace.create(mnt / "ws", country="MLI")
        early, rows = subset(shared_data, tmp_path / "early.csv", lambda r: r["year"] < "2012")
        import_events(ws, early)
        before = snapshot(ws)
        filler = mnt / "filler"
        with filler.open("wb") as fh:  # fill the disk but for 64 KiB
            free = os.statvfs(mnt).f_bavail * os.statvfs(mnt).f_frsize
            fh.write(b"\0" * max(free - (64 << 10), 0))
        result = CliRunner().invoke(
            app, ["events", "import", str(shared_data / ACLED), "-w", str(ws.root)]
        )
        assert result.exit_code == 1
        assert "No space left on device" in result.output and "nothing was changed" in result.output
        assert len(result.output.strip().splitlines()) == 1
        assert snapshot(ws) == before and event_count(ws.root) == len(rows)
        filler.unlink()
        assert import_events(ws, shared_data / ACLED).inserted == TOTAL - len(rows)
        _all_clean(ws)
        ws.close()
    finally:
        # lazy: detached now, gone once the last file on it is closed
        subprocess.run(["umount", "-l", str(mnt)], check=False)


def _cli_import(ws: Workspace, file: Path) -> subprocess.Popen[str]:
    code = "from peaceops.cli import main; main()"
    return subprocess.Popen(
        [sys.executable, "-c", code, "events", "import", str(file), "-w", str(ws.root)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ),
    )


def test_three_concurrent_writers_repeated(shared_data: Path, tmp_path: Path) -> None:
    files = [
        subset(shared_data, tmp_path / "early.csv", lambda r: r["event_date"] < "2016-01-01"),
        subset(shared_data, tmp_path / "late.csv", lambda r: r["event_date"] >= "2016-01-01"),
        subset(shared_data, tmp_path / "mopti.csv", lambda r: r["admin1"] == "Mopti"),
    ]
    ids = [{r["event_id_cnty"] for r in rows} for _, rows in files]
    # every count a reader may see: the union of any subset of the files
    valid = {len(set().union(*(ids[i] for i in range(3) if mask >> i & 1))) for mask in range(8)}
    for round_ in range(3):
        ws = Workspace.create(tmp_path / f"ws{round_}", country="MLI")
        seen: list[int] = []
        stop = threading.Event()

        def watch(
            root: Path = ws.root, seen: list[int] = seen, stop: threading.Event = stop
        ) -> None:
            while not stop.is_set():
                seen.append(event_count(root))
                time.sleep(0.02)

        watcher = threading.Thread(target=watch)
        watcher.start()
        procs = [_cli_import(ws, path) for path, _ in files]
        outs = [p.communicate(timeout=300) for p in procs]
        stop.set()
        watcher.join()
        for p, (_out, err) in zip(procs, outs, strict=True):
            assert p.returncode == 0, err
        assert event_count(ws.root) == TOTAL
        assert set(seen) <= valid, sorted(set(seen) - valid)
        history = versions.history(ws)
        assert sorted(v.action for v in history) == ["import"] * 3
        assert history[0].events == TOTAL
        assert import_events(ws, shared_data / ACLED).unchanged == TOTAL
        _all_clean(ws)


def _holder(ws: Workspace, seconds: float) -> subprocess.Popen[str]:
    code = (
        "import sys, time; from peaceops.workspace import Workspace\n"
        "ws = Workspace.open(sys.argv[1])\n"
        "with ws.writing('framework observe --long'):\n"
        "    print('held', flush=True); time.sleep(float(sys.argv[2]))\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(ws.root), str(seconds)],
        stdout=subprocess.PIPE,
        text=True,
        env=dict(os.environ),
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


def test_second_writer_waits_then_says_busy(half: tuple[Workspace, int], shared_data: Path) -> None:
    ws, before_count = half
    ws.save_config(ws.config.model_copy(update={"write_lock_wait": 0.5}))
    holder = _holder(ws, 30)
    try:
        started = time.monotonic()
        result = CliRunner().invoke(
            app, ["events", "import", str(shared_data / ACLED), "-w", str(ws.root)]
        )
        waited = time.monotonic() - started
        assert result.exit_code == 1
        line = result.output.strip()
        assert len(line.splitlines()) == 1 and "busy" in line
        assert "'framework observe --long'" in line and f"PID {holder.pid}" in line
        assert "started 20" in line and "UTC" in line
        assert 0.5 <= waited < 10
        assert event_count(ws.root) == before_count
        # a writer that waits long enough gets through once the holder is done
        ws.save_config(ws.config.model_copy(update={"write_lock_wait": 60}))
        holder.send_signal(signal.SIGTERM)
        assert import_events(Workspace.open(ws.root), shared_data / ACLED).inserted > 0
    finally:
        holder.kill()
        holder.wait()


def test_stale_lock_of_a_killed_writer_is_detected_and_cleared(
    half: tuple[Workspace, int], shared_data: Path
) -> None:
    ws, _ = half
    holder = _holder(ws, 60)
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    stale = wslock.stale_holder(ws.root)
    assert stale is not None and stale.pid == holder.pid
    ws.save_config(ws.config.model_copy(update={"write_lock_wait": 0}))
    with Workspace.open(ws.root).writing() as lease:
        assert lease.taken and lease.stale == stale
    assert wslock.stale_holder(ws.root) is None
    assert import_events(Workspace.open(ws.root), shared_data / ACLED).inserted > 0
