"""``peaceops db upgrade``: from an empty database and from the previous release's schema,
on SQLite and (with PEACEOPS_TEST_DATABASE_URL) PostgreSQL."""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text
from typer.testing import CliRunner

from peaceops import audit
from peaceops.cli import app
from peaceops.db import HEAD, current_revision, schema_differences, target_metadata, upgrade
from peaceops.db.migrate import revisions
from peaceops.planning.store import NOT_RECORDED, plan_history
from peaceops.workspace import Workspace

DATA = Path(__file__).parent / "data"


def _fresh(tmp_path: Path) -> Workspace:
    return Workspace.create(tmp_path / "w", country="MLI")


def test_the_records_are_where_the_settings_say(tmp_path: Path) -> None:
    ws = _fresh(tmp_path)
    expected = "postgresql" if os.environ.get("PEACEOPS_TEST_DATABASE_URL") else "sqlite"
    assert ws.engine.dialect.name == expected


def test_revisions_are_one_line(tmp_path: Path) -> None:
    assert revisions() == ["0001_baseline", "0002_team", "0003_data_version", HEAD]


def test_upgrade_from_an_empty_database(tmp_path: Path) -> None:
    ws = _fresh(tmp_path)
    assert current_revision(ws) is None
    report = upgrade(ws)
    assert report.before is None and report.after == HEAD
    assert schema_differences(ws) == []
    tables = set(inspect(ws.engine).get_table_names())
    assert set(target_metadata().tables) <= tables
    assert {"audit_log", "users", "api_tokens", "web_sessions", "plan_versions"} <= tables
    again = upgrade(ws)  # idempotent
    assert again.before == HEAD and again.created == []


def _load_previous_schema(ws: Workspace) -> None:
    """Make the database what the release before this schema left: its tables, some rows,
    no audit trail, no accounts, no Alembic revision."""
    sql = (DATA / f"schema_before_team.{ws.engine.dialect.name}.sql").read_text()
    engine = create_engine(ws.database_url)
    with engine.begin() as conn:
        for name in ("audit_log",):  # Workspace.create made today's base tables: start over
            conn.execute(text(f"DROP TABLE IF EXISTS {name}"))
        for name in ("pointers", "datasets"):
            conn.execute(text(f"DROP TABLE IF EXISTS {name}"))
        plain = "\n".join(ln for ln in sql.splitlines() if not ln.startswith("--"))
        for statement in plain.split(";"):
            if statement.strip():
                conn.execute(text(statement))
        now = datetime(2024, 5, 1, 12, 0)
        conn.execute(
            text(
                "INSERT INTO framework_versions (recorded_at, recorded_by, framework_id, "
                "definition) VALUES (:at, 'olga', 'fw-1', '{}')"
            ),
            {"at": now},
        )
        conn.execute(
            text(
                "INSERT INTO plans (name, file_name, sha256, content, saved_at) "
                "VALUES ('p', 'p.yaml', :sha, '{}', :at)"
            ),
            {"sha": "0" * 64, "at": now},
        )
        conn.execute(
            text(
                "INSERT INTO pointers (slot, file, updated_at) VALUES ('events', 'e.parquet', :at)"
            ),
            {"at": now},
        )
    engine.dispose()


def test_upgrade_from_the_previous_release_schema(tmp_path: Path) -> None:
    ws = _fresh(tmp_path)
    _load_previous_schema(ws)
    assert "audit_log" not in inspect(ws.engine).get_table_names()
    assert schema_differences(ws) != []
    ws.close()
    # opening with this release and upgrading keeps every row and adds what is new
    ws = Workspace.open(tmp_path / "w")
    report = upgrade(ws)
    assert report.after == HEAD
    assert {"users", "api_tokens", "web_sessions"} <= set(report.created)
    assert schema_differences(ws) == []
    with ws.engine.connect() as conn:
        assert conn.execute(text("SELECT recorded_by FROM framework_versions")).scalar() == "olga"
        assert conn.execute(text("SELECT count(*) FROM plans")).scalar() == 1
        assert conn.execute(text("SELECT file FROM pointers")).scalar() == "e.parquet"
    # the plan saved then has one version, its author unknown
    assert [(v.plan, v.version, v.who) for v in plan_history(ws)] == [("p", 1, NOT_RECORDED)]
    # the audit trail works and is append-only after the upgrade
    with ws.transaction() as conn:
        audit.record(conn, "x", "test.change", "thing:1")
    with pytest.raises(Exception, match="append-only"), ws.transaction() as conn:
        conn.execute(text("DELETE FROM audit_log"))


def test_db_commands(tmp_path: Path) -> None:
    runner = CliRunner()
    root = tmp_path / "w"
    _fresh(tmp_path).close()
    r = runner.invoke(app, ["db", "status", "--format", "json", "-w", str(root)])
    assert r.exit_code == 0, r.output
    status = json.loads(r.output)
    assert status["revision"] is None and status["up_to_date"] is False
    r = runner.invoke(app, ["db", "upgrade", "-w", str(root)])
    assert r.exit_code == 0, r.output
    assert f"-> {HEAD}" in r.output
    r = runner.invoke(app, ["db", "status", "--format", "json", "-w", str(root)])
    assert json.loads(r.output)["up_to_date"] is True
    assert "password" not in r.output.lower() or "***" in r.output


def test_upgrade_from_the_previous_revision_names_each_plan_version(tmp_path: Path) -> None:
    """A database at the revision before plan versions: the audit trail's plan saves become
    versions under their users; the version the first audited save replaced has no author."""
    ws = _fresh(tmp_path)
    upgrade(ws, "0003_data_version")
    assert "plan_versions" not in inspect(ws.engine).get_table_names()
    first, second, third = (datetime(2024, 5, d, 9, 30) for d in (1, 2, 3))
    with ws.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO plans (name, file_name, sha256, content, saved_at) "
                "VALUES ('p', 'p3.yaml', :sha, '{}', :at), ('q', 'q.yaml', :sha, '{}', :old)"
            ),
            {"sha": "c" * 64, "at": third, "old": first},
        )
        audit.record(
            conn,
            "chen",
            "plan.import",
            "plan:p",
            before={"file": "p1.yaml", "sha256": "a" * 64, "saved_at": first},
            after={"file": "p2.yaml", "sha256": "b" * 64, "tasks": 7},
            at=second,
        )
        audit.record(
            conn,
            "dana",
            "plan.import",
            "plan:p",
            before={"file": "p2.yaml", "sha256": "b" * 64, "saved_at": second},
            after={"file": "p3.yaml", "sha256": "c" * 64, "tasks": 8},
            at=third,
        )
    report = upgrade(ws)
    assert report.before == "0003_data_version" and report.after == HEAD
    assert "plan_versions" in report.created
    assert schema_differences(ws) == []
    found = [(v.plan, v.version, v.who, v.file, v.tasks, v.at) for v in plan_history(ws)]
    assert found == [
        ("p", 1, NOT_RECORDED, "p1.yaml", None, first),
        ("q", 1, NOT_RECORDED, "q.yaml", None, first),
        ("p", 2, "chen", "p2.yaml", 7, second),
        ("p", 3, "dana", "p3.yaml", 8, third),
    ]
    assert upgrade(ws).created == [] and len(plan_history(ws)) == 4  # run again: no copies


def test_upgrade_keeps_versions_saved_before_it_without_copies(tmp_path: Path) -> None:
    """The code makes the plan_versions table when it is missing: a version saved that way,
    before ``db upgrade``, is in the audit trail too, and is not copied a second time."""
    from peaceops.demo.planning import example_plan_path
    from peaceops.planning.store import save_plan

    ws = _fresh(tmp_path)
    upgrade(ws, "0003_data_version")
    save_plan(ws, example_plan_path(), user="erin")
    upgrade(ws)
    assert [(v.version, v.who) for v in plan_history(ws)] == [(1, "erin")]
