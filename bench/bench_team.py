"""A team server under load: signed-in clients reading and writing at once, and a database
restart in the middle.

For each records database (SQLite; PostgreSQL when a server URL is given or a throwaway
cluster can be started with .ci/postgres.sh) it starts ``peaceops serve --auth`` on a fresh
workspace holding the example framework, signs CLIENTS users in through /login, and lets each
loop for SECONDS: 4 reads (framework page, status JSON, history JSON, /api/me) for each write
(an observation, half through the web form with its CSRF token, half through the JSON API).
Before the load, one more signed-in client runs the same mix alone for --baseline seconds
(default a quarter of SECONDS, at least 10): the single-client figures of the same run.
Every write carries a unique note, so afterwards the stored observations and their audit rows
are counted against the writes the server acknowledged: none may be lost, none may be stored
without its audit row, none answered with an error may be stored.

With PostgreSQL it runs a second time and restarts the server (pg_ctl stop, 5 s down, start)
a third of the way through: while it is down requests must fail with 503 (never 500), after it
is back none may fail.

Usage: .venv/bin/python bench/bench_team.py [--seconds 60] [--clients 20] [--baseline S]
       [--only sqlite|postgresql|restart]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
PASSWORD = "bench password 123"
# The framework page is left out: it draws its charts again after every change (seconds on
# a busy machine), which measures the chart renderer, not the team server; see docs/server.md.
# the example framework's indicators that take observations (the others are computed)
OBSERVED = ("I-ADM", "I-DDR")
READS = ("/api/framework/status", "/api/framework/history", "/api/me", "/api/framework/status")


@dataclass
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    statuses: Counter[int] = field(default_factory=Counter)
    acked: set[str] = field(default_factory=set)  # notes of writes answered 201/303
    refused: set[str] = field(default_factory=set)  # notes of writes answered 503
    unknown: set[str] = field(default_factory=set)  # notes of writes whose answer was lost
    events: list[tuple[float, int]] = field(default_factory=list)  # (time, status)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, seconds: float, status: int) -> None:
        with self.lock:
            self.latencies.setdefault(kind, []).append(seconds)
            self.statuses[status] += 1
            self.events.append((time.monotonic(), status))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _peaceops(*args: str, env: dict[str, str], stdin: str | None = None) -> str:
    exe = str(Path(sys.executable).parent / "peaceops")
    done = subprocess.run(
        [exe, *args], input=stdin, capture_output=True, text=True, env=env, check=True
    )
    return done.stdout


def _make_workspace(root: Path, env: dict[str, str], clients: int) -> None:
    example = REPO / "src" / "peaceops" / "examples" / "minusma_framework.yaml"
    _peaceops("init", str(root), "--country", "MLI", env=env)
    _peaceops("db", "upgrade", "-w", str(root), env=env)
    _peaceops("--as", "bench-admin", "framework", "import", str(example), "-w", str(root), env=env)
    # accounts straight through the library (one process instead of one per account)
    code = (
        "import sys\n"
        "from peaceops.auth import add_user\n"
        "from peaceops.workspace import Workspace\n"
        "ws = Workspace.open(sys.argv[1])\n"
        "for i in range(int(sys.argv[2])):\n"
        "    add_user(ws, f'analyst{i:02d}', 'analyst', sys.argv[3])\n"
    )
    subprocess.run(
        [sys.executable, "-c", code, str(root), str(clients), PASSWORD], env=env, check=True
    )


def _sign_in(base: str, name: str) -> tuple[httpx.Client, str]:
    client = httpx.Client(base_url=base, timeout=30.0, follow_redirects=False)
    page = client.get("/login").text
    token = re.search(r'name="login_token" value="([^"]+)"', page)
    assert token, "no sign-in form"
    r = client.post(
        "/login", data={"name": name, "password": PASSWORD, "login_token": token[1], "next": "/"}
    )
    assert r.status_code == 303, f"sign-in of {name} failed: {r.status_code}"
    me = client.get("/api/me").json()
    return client, str(me["csrf_token"])


def _client_loop(
    client: httpx.Client, csrf: str, name: str, stop: float, tally: Tally, run_id: str
) -> None:
    n = 0
    # one value per indicator and day: each client writes its own 140 days of 2019-2026, on
    # the observation-based indicators of the example framework
    first_day = date(2019, 1, 1) + timedelta(days=140 * int(name[-2:]))
    while time.monotonic() < stop:
        n += 1
        if n % 5 == 0:
            note = f"{run_id}-{name}-{n}"
            k = n // 5
            indicator = OBSERVED[k % len(OBSERVED)]
            day = (first_day + timedelta(days=k // len(OBSERVED))).isoformat()
            kind = "write-form" if n % 10 == 0 else "write-api"
            t0 = time.perf_counter()
            try:
                if kind == "write-form":
                    r = client.post(
                        "/framework/observe",
                        data={
                            "indicator_id": indicator,
                            "value": str(n % 100),
                            "date": day,
                            "source": "bench",
                            "note": note,
                            "csrf_token": csrf,
                        },
                    )
                    ok = r.status_code == 303
                else:
                    r = client.post(
                        "/api/framework/observations",
                        json={
                            "indicator_id": indicator,
                            "value": n % 100,
                            "date": day,
                            "source": "bench",
                            "note": note,
                        },
                        headers={"X-CSRF-Token": csrf},
                    )
                    ok = r.status_code == 201
                tally.add(kind, time.perf_counter() - t0, r.status_code)
                with tally.lock:
                    if ok:
                        tally.acked.add(note)
                    elif r.status_code == 503:
                        tally.refused.add(note)
                    else:
                        tally.unknown.add(note)
            except httpx.HTTPError:
                tally.add(kind, time.perf_counter() - t0, 0)
                with tally.lock:
                    tally.unknown.add(note)
        else:
            path = READS[n % len(READS)]
            t0 = time.perf_counter()
            try:
                r = client.get(path)
                tally.add("read", time.perf_counter() - t0, r.status_code)
            except httpx.HTTPError:
                tally.add("read", time.perf_counter() - t0, 0)
    client.close()


def _stored(root: Path, env: dict[str, str], run_id: str) -> tuple[set[str], set[str]]:
    code = (
        "import sys, json\n"
        "from sqlalchemy import text\n"
        "from peaceops.workspace import Workspace\n"
        "ws = Workspace.open(sys.argv[1])\n"
        "with ws.engine.connect() as c:\n"
        '    obs = [r[0] for r in c.execute(text("SELECT note FROM framework_observations '
        "WHERE note LIKE :p\"), {'p': sys.argv[2] + '-%'})]\n"
        '    aud = [r[0] for r in c.execute(text("SELECT after FROM audit_log '
        "WHERE action = 'framework.observe'\"))]\n"
        "notes = [json.loads(a)['note'] if isinstance(a, str) else a['note'] for a in aud]\n"
        "print(json.dumps([obs, [n for n in notes if n.startswith(sys.argv[2])]]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(root), run_id], env=env, capture_output=True, text=True
    )
    if done.returncode:
        raise RuntimeError(f"counting the stored writes failed: {done.stderr[-2000:]}")
    out = done.stdout
    import json

    obs, aud = json.loads(out)
    return set(obs), set(aud)


def _cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a process has used so far: what a request costs the server,
    whatever else the shared machine is doing (Linux /proc; NaN elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def run(
    label: str,
    seconds: float,
    clients: int,
    db_url: str | None,
    restart: tuple[str, str, str] | None = None,
    baseline: float = 15.0,
) -> bool:
    """One load run; returns True when every check passed."""
    tmp = Path(tempfile.mkdtemp(prefix="peaceops-team-bench-"))
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    env.pop("PEACEOPS_DATABASE_URL", None)
    if db_url:
        env["PEACEOPS_DATABASE_URL"] = db_url
    root = tmp / "ws"
    _make_workspace(root, env, clients + 1)  # the last account: the single-client baseline
    port = _free_port()
    exe = str(Path(sys.executable).parent / "peaceops")
    # the server's log goes to a file: a pipe nobody reads until the end fills up (64 KiB of
    # "database unreachable" warnings while the database is down) and then blocks the
    # server's event loop on its next log line, which looked like requests hanging
    server_log = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115 (closed below)
    server = subprocess.Popen(
        [exe, "serve", "--auth", "--port", str(port), "-w", str(root)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=server_log,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        # sign everyone in first (Argon2 is deliberately slow), then load
        t0 = time.perf_counter()
        sessions = [_sign_in(base, f"analyst{i:02d}") for i in range(clients + 1)]
        print(f"{clients + 1} sign-ins in {time.perf_counter() - t0:.1f} s", flush=True)
        run_id = uuid.uuid4().hex[:8]
        # the baseline: the same mix from one client alone, in the same run
        alone = Tally()
        client, csrf = sessions.pop()
        load_before = os.getloadavg()[0]
        cpu0 = _cpu_seconds(server.pid)
        _client_loop(
            client, csrf, f"analyst{clients:02d}", time.monotonic() + baseline, alone, run_id
        )
        cpu1 = _cpu_seconds(server.pid)
        tally = Tally()
        load_start = os.getloadavg()[0]
        start = time.monotonic()
        stop = start + seconds
        threads = [
            threading.Thread(
                target=_client_loop,
                args=(client, csrf, f"analyst{i:02d}", stop, tally, run_id),
            )
            for i, (client, csrf) in enumerate(sessions)
        ]
        for t in threads:
            t.start()
        down_at = back_at = None
        if restart is not None:
            pg_ctl, data_dir, options = restart
            time.sleep(seconds / 3)
            down_at = time.monotonic()
            _as_owner([pg_ctl, "-D", data_dir, "-m", "fast", "-w", "stop"])
            time.sleep(5)
            log = data_dir + "/../restart.log"
            _as_owner([pg_ctl, "-D", data_dir, "-w", "-o", f"'{options}'", "start", "-l", log])
            back_at = time.monotonic()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - start
        load_end = os.getloadavg()[0]
        cpu2 = _cpu_seconds(server.pid)
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
    stored, audited = _stored(root, env, run_id)
    shutil.rmtree(tmp, ignore_errors=True)

    acked = tally.acked | alone.acked
    refused = tally.refused | alone.refused
    unknown = tally.unknown | alone.unknown
    writes = len(acked) + len(refused) + len(unknown)
    lost = acked - stored
    stored_refused = refused & stored
    unaudited = stored ^ audited
    print(f"\n--- {label} ---")
    print(
        f"1 client alone, {baseline:.0f} s (load average {load_before:.1f}): "
        f"statuses {dict(alone.statuses)}"
    )
    _latencies(alone)
    n_alone = sum(alone.statuses.values())
    print(f"  server CPU per request {(cpu1 - cpu0) / max(n_alone, 1) * 1000:.1f} ms")
    requests = sum(tally.statuses.values())
    print(
        f"{clients} clients at once, {elapsed:.0f} s (load average {load_start:.1f} at the "
        f"start, {load_end:.1f} at the end): requests {requests:,} ({requests / elapsed:,.0f}/s);"
        f" statuses {dict(tally.statuses)}"
    )
    p95 = _latencies(tally)
    print(f"  server CPU per request {(cpu2 - cpu1) / max(requests, 1) * 1000:.1f} ms")
    print(
        f"writes sent {writes:,} (both phases): acknowledged {len(acked):,}, stored "
        f"{len(stored):,}, lost {len(lost)}, refused with 503 {len(refused)} (of them stored: "
        f"{len(stored_refused)}), answer lost {len(unknown)}; stored without an audit row "
        f"or the reverse: {len(unaudited)}"
    )
    ok = not lost and not stored_refused and not unaudited
    bad = {s: n for s, n in tally.statuses.items() if s not in (200, 201, 303, 503)}
    bad.update({s: n for s, n in alone.statuses.items() if s not in (200, 201, 303)})
    if restart is None:
        ok = ok and not bad and tally.statuses[503] == 0 and p95 < 300
    else:
        assert down_at is not None and back_at is not None
        after = [s for t, s in tally.events if t > back_at + 1.0 and s not in (200, 201, 303)]
        during = Counter(s for t, s in tally.events if down_at <= t <= back_at + 1.0)
        print(
            f"restart: database down {back_at - down_at:.1f} s; statuses meanwhile "
            f"{dict(during)}; failures more than 1 s after it was back: {len(after)}"
        )
        ok = ok and not bad and not after and during[503] > 0
    server_log.seek(0)
    errors = [ln for ln in server_log.read().splitlines() if "Traceback" in ln]
    server_log.close()
    if errors:
        print(f"server printed {len(errors)} traceback(s)")
    print("PASS" if ok else "FAIL")
    return ok


def _latencies(tally: Tally) -> float:
    """Print p50/p95/p99/max per kind of request; return the p95 of all of them (ms)."""
    for kind, values in sorted(tally.latencies.items()):
        print(
            f"  {kind:10s} n={len(values):6,}  p50 {_pct(values, 0.5):6.1f} ms  "
            f"p95 {_pct(values, 0.95):6.1f} ms  p99 {_pct(values, 0.99):6.1f} ms  "
            f"max {max(values) * 1000:7.1f} ms"
        )
    every = [v for values in tally.latencies.values() for v in values] or [float("nan")]
    p95 = _pct(every, 0.95)
    print(f"  all        p95 {p95:.1f} ms; mean {statistics.fmean(every) * 1000:.1f} ms")
    return p95


def _as_owner(cmd: list[str]) -> None:
    if os.geteuid() == 0:
        subprocess.run(
            ["su", "postgres", "-s", "/bin/bash", "-c", " ".join(cmd)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    else:
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)


def _new_database(server_url: str) -> str:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    base = make_url(server_url).set(drivername="postgresql+psycopg")
    name = f"peaceops_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return base.set(database=name).render_as_string(hide_password=False)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--only", choices=["sqlite", "postgresql", "restart"])
    parser.add_argument("--baseline", type=float, help="seconds of the single-client run")
    args = parser.parse_args()
    alone = args.baseline if args.baseline is not None else max(10.0, args.seconds / 4)

    results: dict[str, bool] = {}
    if args.only in (None, "sqlite"):
        results["sqlite"] = run("SQLite", args.seconds, args.clients, None, baseline=alone)
    if args.only in (None, "postgresql", "restart"):
        cluster = Path(tempfile.mkdtemp(prefix="peaceops-bench-pg-")) / "cluster"
        port = str(_free_port())
        url = subprocess.run(
            [str(REPO / ".ci" / "postgres.sh"), "start", str(cluster), port],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        pg_ctl = (
            next(str(p) for p in sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl")))
            if Path("/usr/lib/postgresql").exists()
            else "pg_ctl"
        )
        try:
            if args.only in (None, "postgresql"):
                results["postgresql"] = run(
                    "PostgreSQL", args.seconds, args.clients, _new_database(url), baseline=alone
                )
            if args.only in (None, "restart"):
                results["restart"] = run(
                    "PostgreSQL restarted during the load",
                    args.seconds,
                    args.clients,
                    _new_database(url),
                    restart=(
                        pg_ctl,
                        str(cluster / "data"),
                        f"-c listen_addresses=127.0.0.1 -p {port} -k {cluster}",
                    ),
                    baseline=alone,
                )
        finally:
            subprocess.run([str(REPO / ".ci" / "postgres.sh"), "stop", str(cluster)], check=False)
            shutil.rmtree(cluster.parent, ignore_errors=True)
    print("\n=== summary ===")
    for name, ok in results.items():
        print(f"{name:12s} {'PASS' if ok else 'FAIL'}")
    if not all(results.values()):
        sys.exit(1)


if __name__ == "__main__":
    main()
