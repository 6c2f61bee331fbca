"""The team server while its PostgreSQL server restarts under load: 503 while it is down, no
request hangs, none fails once it is back, and every write is either stored with its audit
row or refused and not stored.

The test runs its own throwaway PostgreSQL cluster (.ci/postgres.sh) so that it can stop and
start it; a real ``peaceops serve --auth`` process answers real HTTP clients.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text

from peaceops import audit
from peaceops.auth import add_user, create_token
from peaceops.framework import read_framework, save_framework
from peaceops.workspace import Workspace

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "src" / "peaceops" / "examples"
CLIENTS = 20
# far below the 30 s clients usually wait: the longest any request may take
MAX_REQUEST_S = 15.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass(frozen=True)
class Cluster:
    url: str
    directory: Path
    port: int

    def pg_ctl(self, *args: str) -> None:
        bins = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
        exe = str(bins[-1]) if bins else "pg_ctl"
        cmd = [exe, "-D", str(self.directory / "data"), *args]
        if os.getuid() == 0:  # the server refuses root: .ci/postgres.sh made it 'postgres'
            cmd = ["su", "postgres", "-s", "/bin/bash", "-c", " ".join(f"'{c}'" for c in cmd)]
        subprocess.run(cmd, check=True, capture_output=True, timeout=60)


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[Cluster]:
    directory = Path(f"/tmp/peaceops-restart-{uuid.uuid4().hex[:8]}") / "cluster"
    port = _free_port()
    script = str(REPO / ".ci" / "postgres.sh")
    url = subprocess.run(
        [script, "start", str(directory), str(port)], capture_output=True, text=True, check=True
    ).stdout.strip()
    try:
        yield Cluster(url, directory, port)
    finally:
        subprocess.run([script, "stop", str(directory)], capture_output=True, check=False)
        shutil.rmtree(directory.parent, ignore_errors=True)


@dataclass
class Answer:
    started: float
    seconds: float
    status: int  # 0: no answer (timeout, connection error)
    note: str | None  # the write's note


def _client(
    i: int, base: str, token: str, stop: float, answers: list[Answer], lock: threading.Lock
) -> None:
    # one value per indicator and day: each client writes its own days
    headers = {"Authorization": f"Bearer {token}"}
    n = 0
    with httpx.Client(base_url=base, timeout=30.0, headers=headers) as client:
        while time.monotonic() < stop:
            n += 1
            note = f"restart-{uuid.uuid4().hex}" if n % 3 == 0 else None
            t0 = time.monotonic()
            try:
                if note:
                    day = date(2019, 1, 1) + timedelta(days=140 * i + n // 6)
                    indicator = ("I-ADM", "I-DDR")[n % 2]
                    body = {"indicator_id": indicator, "value": n % 100, "date": day.isoformat()}
                    r = client.post(
                        "/api/framework/observations", json={**body, "source": "t", "note": note}
                    )
                else:
                    r = client.get("/api/framework/status")
                status = r.status_code
            except httpx.HTTPError:
                status = 0
            with lock:
                answers.append(Answer(t0, time.monotonic() - t0, status, note))
            if status == 503:
                time.sleep(0.05)


def test_postgresql_restart_under_load(
    cluster: Cluster, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PEACEOPS_DATABASE_URL", cluster.url)
    root = tmp_path / "team"
    with Workspace.create(root, country="MLI") as ws, audit.acting_as("setup"):
        save_framework(ws, read_framework(EXAMPLES / "minusma_framework.yaml"))
        add_user(ws, "ana", "analyst", "correct horse battery")
        _, token = create_token(ws, "ana", "tests")
    port = _free_port()
    exe = str(Path(sys.executable).parent / "peaceops")
    env = {**os.environ, "PEACEOPS_DATABASE_URL": cluster.url}
    # the log goes to a file: an undrained pipe fills up with warnings while the database is
    # down and then blocks the server's event loop (every client hangs)
    log = tmp_path / "server.log"
    log_file = log.open("w", encoding="utf-8")
    server = subprocess.Popen(
        [exe, "serve", "--auth", "--port", str(port), "-w", str(root)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log_file,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    answers: list[Answer] = []
    lock = threading.Lock()
    try:
        for _ in range(300):
            try:
                if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        stop = time.monotonic() + 25
        threads = [
            threading.Thread(target=_client, args=(i, base, token, stop, answers, lock))
            for i in range(CLIENTS)
        ]
        for t in threads:
            t.start()
        time.sleep(4)
        cluster.pg_ctl("-m", "fast", "-w", "stop")
        down_at = time.monotonic()
        time.sleep(4)
        cluster.pg_ctl(
            "-w",
            "-l",
            str(cluster.directory / "restart.log"),
            "-o",
            f"-c listen_addresses=127.0.0.1 -p {cluster.port} -k {cluster.directory}",
            "start",
        )
        back_at = time.monotonic()
        for t in threads:
            t.join(60)
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log_file.close()
    errors = log.read_text(encoding="utf-8")

    while_down = [a for a in answers if down_at + 0.5 < a.started < back_at - 0.5]
    after = [a for a in answers if a.started > back_at + 2]
    assert while_down and {a.status for a in while_down} <= {200, 201, 503}
    assert 503 in {a.status for a in while_down}
    assert max(a.seconds for a in answers) < MAX_REQUEST_S
    assert after and {a.status for a in after} <= {200, 201}, errors[-3000:]
    assert {a.status for a in answers} <= {200, 201, 503}, errors[-3000:]
    assert "Traceback" not in errors

    acked = {a.note for a in answers if a.note and a.status == 201}
    refused = {a.note for a in answers if a.note and a.status == 503}
    assert acked and refused
    with Workspace.open(root) as ws, ws.engine.connect() as conn:
        stored = {
            r[0]
            for r in conn.execute(
                text("SELECT note FROM framework_observations WHERE note LIKE 'restart-%'")
            )
        }
        audited = set()
        for (after_value,) in conn.execute(
            text("SELECT after FROM audit_log WHERE action = 'framework.observe'")
        ):
            row = json.loads(after_value) if isinstance(after_value, str) else after_value
            audited.add(row["note"])
    assert stored == acked  # nothing refused was stored, nothing acknowledged was lost
    assert audited & (acked | refused) == acked  # each stored write has its audit row
