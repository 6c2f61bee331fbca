"""``peaceops serve`` starts the dashboard on the given host and port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_command_answers_on_its_port(small_ws: Path, tmp_path: Path) -> None:
    port = _free_port()
    cmd = [sys.executable, "-m", "peaceops.cli", "serve", "--port", str(port), "-w", str(small_ws)]
    log = (tmp_path / "serve.log").open("w")
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=os.environ.copy())
    try:
        deadline = time.monotonic() + 150  # a busy shared machine starts slowly
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/api/mandates", timeout=60)
                break
            except httpx.TransportError:
                assert proc.poll() is None, (tmp_path / "serve.log").read_text()
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)
        assert r.status_code == 200
        assert len(r.json()["resolutions"]) == 3
        # Requests in parallel (the server answers them from a thread pool) all succeed.
        from concurrent.futures import ThreadPoolExecutor

        urls = [
            "/api/context/series?by=month&group=region",
            "/api/alerts",
            "/api/framework/status",
            "/api/mandates/9102",
        ] * 3
        with ThreadPoolExecutor(6) as pool:
            codes = list(
                pool.map(
                    lambda u: httpx.get(f"http://127.0.0.1:{port}{u}", timeout=60).status_code,
                    urls,
                )
            )
        assert codes == [200] * len(urls)
        page = httpx.get(
            f"http://127.0.0.1:{port}/", headers={"Accept-Encoding": "gzip"}, timeout=60
        )
        assert page.status_code == 200 and page.headers["content-encoding"] == "gzip"
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        log.close()
    assert f"http://127.0.0.1:{port}/" in (tmp_path / "serve.log").read_text()


def test_serve_refuses_a_directory_that_is_not_a_workspace(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from peaceops.cli import app

    done = CliRunner().invoke(app, ["serve", "-w", str(tmp_path / "nothing")])
    assert done.exit_code == 1
    assert "Error: " in done.output and "not a peaceops workspace" in done.output
    assert "Traceback" not in done.output
