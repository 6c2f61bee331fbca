"""Which country profiles exist (shipped, or in a workspace's ``countries/`` folder) and adding
one to a workspace."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from peaceops.config import (
    COUNTRIES_DIR,
    CountryProfile,
    WorkspaceConfig,
    country_profile,
    known_countries,
    parse_country_codes,
)
from peaceops.errors import InputError

__all__ = ["ProfileInfo", "add_countries", "countries_folder", "list_profiles"]


@dataclass(frozen=True)
class ProfileInfo:
    """One country profile as listed: where it is and what it holds."""

    iso3: str
    name: str
    admin1: int
    region_groups: tuple[str, ...]
    missions: tuple[str, ...]
    origin: str  # "shipped" or the path of the workspace's own file
    in_workspace: bool

    def as_dict(self) -> dict[str, object]:
        return {
            "iso3": self.iso3,
            "name": self.name,
            "admin1": self.admin1,
            "region_groups": list(self.region_groups),
            "missions": list(self.missions),
            "origin": self.origin,
            "in_workspace": self.in_workspace,
        }


def countries_folder(root: Path) -> Path:
    """A workspace's own country profiles (``DIR/countries``)."""
    return root / COUNTRIES_DIR


def list_profiles(
    folder: Path | None = None, config: WorkspaceConfig | None = None
) -> list[ProfileInfo]:
    """Every profile known: the shipped ones and those in ``folder`` (which win)."""
    used = set(config.country_codes) if config is not None else set()
    out = []
    for code in known_countries(folder):
        profile = country_profile(code, folder)
        own = folder / f"{code}.yaml" if folder is not None else None
        out.append(
            ProfileInfo(
                iso3=profile.iso3,
                name=profile.name,
                admin1=len(profile.admin1),
                region_groups=tuple(profile.region_groups),
                missions=tuple(profile.missions),
                origin=str(own) if own is not None and own.is_file() else "shipped",
                in_workspace=profile.iso3 in used,
            )
        )
    return out


def add_countries(
    config: WorkspaceConfig, codes: str, folder: Path | None = None
) -> tuple[WorkspaceConfig, list[CountryProfile]]:
    """``config`` covering the countries ``codes`` names too ("BFA,NER"), and the profiles
    added (those already covered are skipped)."""
    wanted = parse_country_codes(codes)
    if not wanted:
        raise InputError("name at least one ISO3 country code")
    have = set(config.country_codes)
    profiles = []
    for code in wanted:
        if code in have:
            continue
        profile = country_profile(code, folder)
        if profile.iso3.strip().upper() != code:
            raise InputError(f"the profile {code}.yaml says iso3: {profile.iso3!r}, not {code}")
        profiles.append(profile)
    if not profiles:
        return config, []
    return config.with_countries(profiles), profiles
