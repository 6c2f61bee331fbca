"""Run the Alembic migrations of the records database from Python (no alembic.ini needed)."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import MetaData, inspect

from peaceops import registry, store
from peaceops.workspace import Workspace

__all__ = [
    "HEAD",
    "UpgradeReport",
    "current_revision",
    "schema_differences",
    "target_metadata",
    "upgrade",
]

MIGRATIONS = Path(__file__).parent / "migrations"
HEAD = "0004_plan_versions"


@dataclass(frozen=True)
class UpgradeReport:
    """What ``upgrade`` did: revisions before and after, tables it created."""

    database: str
    before: str | None
    after: str | None
    created: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "database": self.database,
            "before": self.before,
            "after": self.after,
            "created": self.created,
        }


def _feature_metadata() -> list[MetaData]:
    """The base tables and every feature's: each module of a registered feature package that
    defines a module-level ``metadata = MetaData()`` (found by reading the sources, so no other
    module is imported)."""
    found: list[MetaData] = [store.metadata]
    for entry in registry.FEATURE_MODULES:
        if not entry.endswith(".feature"):
            continue
        package = importlib.import_module(entry.rsplit(".", 1)[0])
        folder = Path(package.__file__ or "").parent
        for source in sorted(folder.glob("*.py")):
            if "metadata = MetaData()" not in source.read_text(encoding="utf-8"):
                continue
            mod = importlib.import_module(f"{package.__name__}.{source.stem}")
            md = getattr(mod, "metadata", None)
            if isinstance(md, MetaData) and all(md is not f for f in found):
                found.append(md)
    return found


def target_metadata() -> MetaData:
    """Every table of the records database, in one MetaData (what the schema should be)."""
    combined = MetaData()
    for md in _feature_metadata():
        for table in md.tables.values():
            if table.name not in combined.tables:
                table.to_metadata(combined)
    return combined


def _config(ws: Workspace) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", ws.database_url.replace("%", "%%"))
    return cfg


def _safe_url(ws: Workspace) -> str:
    return ws.engine.url.render_as_string(hide_password=True)


def current_revision(ws: Workspace) -> str | None:
    """The Alembic revision the database is at (None: never migrated)."""
    with ws.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(ws: Workspace, revision: str = "head") -> UpgradeReport:
    """Bring the database to ``revision`` (default: the newest) and create the tables of
    features that have no revision yet. Idempotent: running it again changes nothing."""
    before = current_revision(ws)
    tables_before = set(inspect(ws.engine).get_table_names())
    cfg = _config(ws)
    with ws.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
    if revision == "head":
        for md in _feature_metadata():
            md.create_all(ws.engine)
    tables_after = set(inspect(ws.engine).get_table_names())
    created = sorted(tables_after - tables_before - {"alembic_version"})
    return UpgradeReport(_safe_url(ws), before, current_revision(ws), created)


def schema_differences(ws: Workspace) -> list[str]:
    """How the database differs from what the code expects, one line each (empty: none)."""
    with ws.engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), target_metadata())
    return [_describe(d) for d in _flatten(diffs) if not _ignored(d)]


def _flatten(diffs: list[Any]) -> list[Any]:
    out: list[Any] = []
    for d in diffs:
        if isinstance(d, list):  # column modifications come grouped
            out.extend(d)
        else:
            out.append(d)
    return out


def _ignored(diff: Any) -> bool:
    # Alembic's own table is not part of the models.
    return bool(diff[0] == "remove_table" and diff[1].name == "alembic_version")


def _describe(diff: Any) -> str:
    kind = str(diff[0])
    words = {
        "add_table": "table {} is missing",
        "remove_table": "table {} is not in the models",
        "add_index": "index {} is missing",
        "remove_index": "index {} is not in the models",
        "add_column": "column {} is missing",
        "remove_column": "column {} is not in the models",
    }
    if kind in words:
        obj = diff[-1]
        name = getattr(obj, "name", obj)
        table = getattr(getattr(obj, "table", None), "name", None) or (
            diff[2] if kind in ("add_column", "remove_column") else None
        )
        label = f"{table}.{name}" if kind.endswith("column") and table else str(name)
        return words[kind].format(label)
    if kind.startswith("modify_"):
        return f"{kind.removeprefix('modify_')} of {diff[2]}.{diff[3]} differs"
    return kind


def revisions() -> list[str]:
    """Every revision id, oldest first."""
    script = ScriptDirectory(str(MIGRATIONS))
    return [s.revision for s in reversed(list(script.walk_revisions()))]
