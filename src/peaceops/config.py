"""Workspace configuration: the country, its region groups and the data sources in use.

The configuration is a small YAML file (``peaceops.yaml``) at the root of a workspace. It is
read into frozen pydantic models so every command sees the same validated values.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from peaceops.errors import InputError, WorkspaceError
from peaceops.geo import regions

__all__ = [
    "CONFIG_FILE",
    "CountryProfile",
    "DataSource",
    "EventSettings",
    "WorkspaceConfig",
    "country_profile",
    "known_countries",
]

CONFIG_FILE = "peaceops.yaml"

# A server opens the workspace on every request: parse the file once per version of it (the
# key holds its inode, which every ``dump`` changes, and its modification time) with the C
# parser when PyYAML has it.
_YamlLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_LOADED: dict[tuple[str, int, int, int], WorkspaceConfig] = {}


class CountryProfile(BaseModel):
    """What peaceops knows about a country before any data is imported."""

    model_config = ConfigDict(frozen=True)

    iso3: str
    name: str
    bbox: tuple[float, float, float, float] | None = None
    admin1: dict[str, str] = Field(default_factory=dict)
    admin1_aliases: dict[str, str] = Field(default_factory=dict)
    region_groups: dict[str, list[str]] = Field(default_factory=dict)
    missions: list[str] = Field(default_factory=list)


class DataSource(BaseModel):
    """A data source the workspace uses, as the user described it."""

    model_config = ConfigDict(frozen=True)

    kind: str
    location: str
    note: str = ""


class EventSettings(BaseModel):
    """How the event store keeps versions and guards syncs (``events:`` in peaceops.yaml)."""

    model_config = ConfigDict(frozen=True)

    # versions that changed events kept for undo/restore/as-of (older ones are pruned)
    keep_versions: int = Field(default=20, ge=1)
    # a sync deleting more than this share of the stored events in its scope needs --yes
    sync_max_delete_percent: float = Field(default=5.0, ge=0, le=100)


class WorkspaceConfig(BaseModel):
    """Validated content of ``peaceops.yaml``."""

    model_config = ConfigDict(frozen=True)

    name: str = "peaceops workspace"
    country: str = ""
    country_name: str = ""
    bbox: tuple[float, float, float, float] | None = None
    admin1: dict[str, str] = Field(default_factory=dict)
    admin1_aliases: dict[str, str] = Field(default_factory=dict)
    region_groups: dict[str, list[str]] = Field(default_factory=dict)
    missions: list[str] = Field(default_factory=list)
    data_sources: list[DataSource] = Field(default_factory=list)
    database_url: str | None = None
    synthetic: bool = False
    # team server (docs/server.md): sign-in required, session length, login attempts allowed
    auth: bool = False
    session_hours: float = Field(default=8.0, gt=0, le=24 * 30)
    login_rate: str = "5/minute"
    events: EventSettings = Field(default_factory=EventSettings)
    # seconds a writer waits for another one to finish before giving up ("busy")
    write_lock_wait: float = Field(default=30.0, ge=0)
    # ACLED API access for ``events fetch`` (the environment's ACLED_API_KEY / ACLED_EMAIL win)
    acled_key: str | None = None
    acled_email: str | None = None
    ucdp_token: str | None = None  # UCDP API access token (UCDP_ACCESS_TOKEN wins)

    @classmethod
    def for_country(cls, iso3: str | None, name: str | None = None) -> WorkspaceConfig:
        if not iso3:
            return cls(name=name or "peaceops workspace")
        profile = country_profile(iso3)
        return cls(
            name=name or f"peaceops workspace: {profile.name}",
            country=profile.iso3,
            country_name=profile.name,
            bbox=profile.bbox,
            admin1=profile.admin1,
            admin1_aliases=profile.admin1_aliases,
            region_groups=profile.region_groups,
            missions=profile.missions,
        )

    @classmethod
    def load(cls, path: Path) -> WorkspaceConfig:
        try:
            stat = path.stat()
            key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size, stat.st_ino)
            cached = _LOADED.get(key)
            if cached is not None:
                return cached
            text = path.read_text(encoding="utf-8")
            data: Any = yaml.load(text, Loader=_YamlLoader) or {}
        except OSError as exc:
            raise WorkspaceError(f"cannot read {path}: {exc.strerror}") from None
        except yaml.YAMLError as exc:
            raise WorkspaceError(f"{path} is not valid YAML: {exc}") from None
        if not isinstance(data, dict):
            raise WorkspaceError(f"{path} must hold a mapping of settings")
        try:
            config = cls.model_validate(data)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise WorkspaceError(f"{path}: {where}: {first['msg']}") from None
        if len(_LOADED) >= 64:
            _LOADED.clear()
        _LOADED[key] = config
        return config

    def dump(self, path: Path) -> None:
        text = yaml.safe_dump(self.model_dump(mode="json"), sort_keys=False, allow_unicode=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)

    def canonical_admin1(self, name: str | None) -> str | None:
        """Map a source's spelling of a first-level region to the workspace's canonical name."""
        return regions.canonical_admin1(name, self.admin1, self.admin1_aliases)

    def region_group_of(self, admin1: str | None) -> str | None:
        """The region group an admin1 name belongs to, or None if it is in none."""
        return regions.region_group_of(self.canonical_admin1(admin1), self.region_groups)

    def region_group_map(self) -> dict[str, str]:
        """Folded admin1 name (and alias) -> region group, for vectorised joins."""
        return regions.region_group_map(self.admin1, self.admin1_aliases, self.region_groups)


def known_countries() -> list[str]:
    folder = resources.files("peaceops").joinpath("countries")
    return sorted(
        p.name.removesuffix(".yaml") for p in folder.iterdir() if p.name.endswith(".yaml")
    )


def country_profile(iso3: str) -> CountryProfile:
    code = iso3.strip().upper()
    resource = resources.files("peaceops").joinpath("countries", f"{code}.yaml")
    if not resource.is_file():
        known = ", ".join(known_countries())
        raise InputError(f"no country profile for {code!r} (known: {known})")
    data = yaml.safe_load(resource.read_text(encoding="utf-8"))
    return CountryProfile.model_validate(data)
