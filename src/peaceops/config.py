"""Workspace configuration: the countries, their region groups and the data sources in use.

The configuration is a small YAML file (``peaceops.yaml``) at the root of a workspace. It is
read into frozen pydantic models so every command sees the same validated values.

A workspace covers one country or several. The country profiles (``peaceops/countries/*.yaml``,
or a profile of the workspace's own ``countries/`` folder) are copied into the file when the
workspace is made, so the user edits region groups there. With several countries their admin1
lists and aliases are merged (P-codes are unique across countries), ``countries`` lists each
one's code, name and bounding box, and region groups are named ``<ISO3> <group>`` ("MLI north",
"BFA north") so that groups of the same name in two countries stay apart; groups spanning
countries can be added by hand.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from peaceops.errors import InputError, WorkspaceError
from peaceops.geo import regions
from peaceops.geo.names import fold_name

__all__ = [
    "CONFIG_FILE",
    "COUNTRIES_DIR",
    "CountryEntry",
    "CountryProfile",
    "DataSource",
    "EventSettings",
    "WorkspaceConfig",
    "country_profile",
    "known_countries",
    "parse_country_codes",
]

CONFIG_FILE = "peaceops.yaml"
# A workspace's own country profiles (``peaceops countries create`` writes them there).
COUNTRIES_DIR = "countries"

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


class CountryEntry(BaseModel):
    """One country of a workspace: code, name and bounding box (its lists are merged)."""

    model_config = ConfigDict(frozen=True)

    iso3: str
    name: str
    bbox: tuple[float, float, float, float] | None = None


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
    country: str = ""  # the (first) country's ISO3 code
    country_name: str = ""
    bbox: tuple[float, float, float, float] | None = None
    countries: list[CountryEntry] = Field(default_factory=list)  # set when there are several
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
    def for_country(
        cls, iso3: str | None, name: str | None = None, *, folder: Path | None = None
    ) -> WorkspaceConfig:
        """The configuration of a workspace for one country or several (``"MLI,BFA,NER"``),
        from the shipped profiles or those in ``folder``."""
        codes = parse_country_codes(iso3)
        if not codes:
            return cls(name=name or "peaceops workspace")
        return cls.for_profiles([country_profile(c, folder) for c in codes], name)

    @classmethod
    def for_profiles(
        cls, profiles: list[CountryProfile], name: str | None = None
    ) -> WorkspaceConfig:
        p = profiles[0]
        several = len(profiles) > 1
        first = cls(
            name=name or f"peaceops workspace: {p.name}",
            country=p.iso3,
            country_name=p.name,
            bbox=p.bbox,
            admin1=p.admin1,
            admin1_aliases=p.admin1_aliases,
            region_groups={
                _qualified(p.iso3, g) if several else g: m for g, m in p.region_groups.items()
            },
            missions=p.missions,
        )
        if not several:
            return first
        title = ", ".join(q.name for q in profiles)
        return first.with_countries(profiles[1:]).model_copy(
            update={"name": name or f"peaceops workspace: {title}"}
        )

    def with_countries(self, profiles: list[CountryProfile]) -> WorkspaceConfig:
        """This configuration covering its countries plus ``profiles`` (merged lists).

        The region groups already configured keep their names (indicators and rules may name
        them); each added country's groups are named ``<ISO3> <group>``.
        """
        entries = list(self.country_entries())
        if not entries and profiles:
            fresh = WorkspaceConfig.for_profiles(profiles)
            return self.model_copy(update={k: getattr(fresh, k) for k in _GEOGRAPHY})
        first = entries[0] if entries else None
        known = {e.iso3 for e in entries}
        admin1 = dict(self.admin1)
        aliases = dict(self.admin1_aliases)
        groups = {k: list(v) for k, v in self.region_groups.items()}
        missions = list(self.missions)
        for p in profiles:
            if p.iso3 in known:
                continue
            known.add(p.iso3)
            clash = sorted(set(admin1) & set(p.admin1))
            if clash:
                raise InputError(
                    f"{p.iso3}: P-code(s) {', '.join(clash)} already belong to another "
                    "country of the workspace"
                )
            # names are the key of placement by name and of region groups: one area a name
            shared = _shared_names(admin1, aliases, p)
            if shared:
                raise InputError(
                    f"{p.iso3}: admin1 name(s) {', '.join(shared)} also name an area of "
                    "another country of the workspace; rename or drop them in one profile"
                )
            entries.append(CountryEntry(iso3=p.iso3, name=p.name, bbox=p.bbox))
            admin1.update(p.admin1)
            aliases.update(p.admin1_aliases)
            for g, m in p.region_groups.items():
                groups[_qualified(p.iso3, g)] = list(m)
            missions += [m for m in p.missions if m not in missions]
        first = first or entries[0]
        return self.model_copy(
            update={
                "country": first.iso3,
                "country_name": first.name,
                "bbox": _union_bbox([e.bbox for e in entries]),
                "countries": entries if len(entries) > 1 else [],
                "admin1": admin1,
                "admin1_aliases": aliases,
                "region_groups": groups,
                "missions": missions,
            }
        )

    def country_entries(self) -> tuple[CountryEntry, ...]:
        """The workspace's countries (none, one or several), first the primary one."""
        if self.countries:
            return tuple(self.countries)
        if self.country:
            name = self.country_name or self.country
            return (CountryEntry(iso3=self.country, name=name, bbox=self.bbox),)
        return ()

    @property
    def country_codes(self) -> tuple[str, ...]:
        return tuple(e.iso3 for e in self.country_entries())

    @property
    def country_label(self) -> str:
        """The countries' names for titles: "Mali", "Mali, Burkina Faso and Niger"."""
        names = [e.name for e in self.country_entries()]
        if len(names) <= 1:
            return "".join(names)
        return ", ".join(names[:-1]) + " and " + names[-1]

    @property
    def several_countries(self) -> bool:
        return len(self.country_entries()) > 1

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


# the settings a country profile gives a workspace
_GEOGRAPHY = (
    "country", "country_name", "bbox", "countries", "admin1", "admin1_aliases", "region_groups",
    "missions",
)  # fmt: skip


def _shared_names(
    admin1: dict[str, str], aliases: dict[str, str], profile: CountryProfile
) -> list[str]:
    """Names (and aliases) of ``profile``'s areas that already name another area."""
    taken = {fold_name(n) for n in (*admin1.values(), *aliases)}
    own = [*profile.admin1.values(), *profile.admin1_aliases]
    return sorted({n for n in own if fold_name(n) in taken})


def _qualified(iso3: str, group: str) -> str:
    return f"{iso3} {group}"


def _union_bbox(
    boxes: list[tuple[float, float, float, float] | None],
) -> tuple[float, float, float, float] | None:
    if not boxes or any(b is None for b in boxes):
        return None
    known = [b for b in boxes if b is not None]
    return (
        min(b[0] for b in known),
        min(b[1] for b in known),
        max(b[2] for b in known),
        max(b[3] for b in known),
    )


def parse_country_codes(text: str | None) -> list[str]:
    """``"MLI, bfa,NER"`` as ``["MLI", "BFA", "NER"]`` (each once, in order)."""
    codes: list[str] = []
    for part in (text or "").replace(";", ",").split(","):
        code = part.strip().upper()
        if not code:
            continue
        if len(code) != 3 or not code.isalpha():
            raise InputError(f"{part.strip()!r} is not an ISO3 country code", field="country")
        if code not in codes:
            codes.append(code)
    return codes


def known_countries(folder: Path | None = None) -> list[str]:
    """ISO3 codes of the shipped profiles and of those in ``folder`` (a workspace's)."""
    shipped = resources.files("peaceops").joinpath("countries")
    names = {p.name for p in shipped.iterdir()}
    if folder is not None and folder.is_dir():
        names |= {p.name for p in folder.iterdir()}
    return sorted(n.removesuffix(".yaml") for n in names if n.endswith(".yaml"))


def country_profile(iso3: str, folder: Path | None = None) -> CountryProfile:
    """A country's profile: the one in ``folder`` (a workspace's own) first, else the shipped."""
    code = iso3.strip().upper()
    own = folder / f"{code}.yaml" if folder is not None else None
    if own is not None and own.is_file():
        try:
            text = own.read_text(encoding="utf-8")
        except OSError as exc:
            raise InputError(f"cannot read {own}: {exc.strerror}") from None
        where = str(own)
    else:
        resource = resources.files("peaceops").joinpath("countries", f"{code}.yaml")
        if not resource.is_file():
            known = ", ".join(known_countries(folder))
            raise InputError(
                f"no country profile for {code!r} (known: {known})",
                field="country",
                remedy="countries.create",
                missing=f"a country profile for {code}",
            )
        text = resource.read_text(encoding="utf-8")
        where = f"{code}.yaml"
    try:
        data = yaml.safe_load(text)
        return CountryProfile.model_validate(data)
    except yaml.YAMLError as exc:
        raise InputError(f"{where} is not valid YAML: {exc}") from None
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(p) for p in first["loc"])
        raise InputError(f"{where}: {loc}: {first['msg']}") from None
