"""Reading and validating actor registries (YAML), and the registry a workspace uses.

A registry file looks like this (the shipped Mali registry is ``actors/data/MLI.yaml``)::

    country: MLI
    sources:
      acled-names: Actor names as ACLED writes them in its Mali export.
    actors:
      - name: Malian Defence and Security Forces
        short: FAMa
        type: state forces
        source: acled-names
        aliases:
          - Military Forces of Mali                # any period suffix
          - name: Military Forces of Mali (2020-)  # only this exact name
          - pattern: "police forces of mali.*"     # regular expression on the folded name
            from: 2013-01-01
        memberships: [{name: JNIM, from: 2017-03-02, source: ...}]
        signatory: {coalition: CMA, since: 2015-06-20, source: ...}

The workspace registry is the shipped one of the workspace's country plus the user's
``actors.yaml`` at the workspace root: a user entry with the name of a shipped actor replaces
it, other entries are added. ``import_registry`` validates the merged result before the file
is written (atomically), so a bad file changes nothing.

Validation refuses, naming the entry: a missing name, type or source; an unknown type; a date
that is not a date; a period that ends before it starts; the same alias twice in one actor or in
two actors without periods (duplicate alias); the same alias in two actors over periods that
share a day (overlapping validity); a pattern that is not a regular expression.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Mapping, Sequence
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from peaceops.actors.model import (
    ACTOR_TYPES,
    Actor,
    Alias,
    Membership,
    Registry,
    Signatory,
    overlaps,
)
from peaceops.errors import InputError
from peaceops.workspace import Workspace

__all__ = [
    "USER_REGISTRY_FILE",
    "RegistryError",
    "import_registry",
    "load_registry",
    "parse_registry",
    "registry_digest",
    "shipped_registry_text",
    "workspace_registry",
]

USER_REGISTRY_FILE = "actors.yaml"
DATA_SOURCES = ("acled", "ucdp")  # event sources an alias can be limited to


class RegistryError(InputError):
    """An actor registry entry cannot be used; ``entry`` names it, ``problem`` says why."""

    def __init__(self, origin: str, entry: str, problem: str) -> None:
        self.origin = origin
        self.entry = entry
        self.problem = problem
        where = f"{origin}: " if origin else ""
        super().__init__(f"{where}actor {entry!r}: {problem}")


def _date(value: Any, origin: str, entry: str, what: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        if len(text) == 4:
            return date(int(text), 1, 1)
        if len(text) == 7:
            return date(int(text[:4]), int(text[5:7]), 1)
        return date.fromisoformat(text)
    except ValueError:
        raise RegistryError(
            origin, entry, f"{what} {text!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)"
        ) from None


def _period(
    raw: Mapping[str, Any], origin: str, entry: str, what: str
) -> tuple[date | None, date | None]:
    start = _date(raw.get("from"), origin, entry, f"{what} 'from'")
    end = _date(raw.get("to"), origin, entry, f"{what} 'to'")
    if start and end and end < start:
        raise RegistryError(origin, entry, f"{what} ends ({end}) before it starts ({start})")
    return start, end


def _alias(raw: Any, origin: str, entry: str) -> Alias:
    if isinstance(raw, str):
        if not raw.strip():
            raise RegistryError(origin, entry, "an alias is empty")
        return Alias(raw.strip())
    if not isinstance(raw, Mapping):
        raise RegistryError(origin, entry, f"an alias must be a name or a mapping, not {raw!r}")
    unknown = set(raw) - {"name", "pattern", "from", "to", "source"}
    if unknown:
        raise RegistryError(origin, entry, f"unknown alias field(s): {', '.join(sorted(unknown))}")
    if ("name" in raw) == ("pattern" in raw):
        raise RegistryError(origin, entry, "an alias needs exactly one of 'name' or 'pattern'")
    start, end = _period(raw, origin, entry, "alias")
    data_source = str(raw.get("source") or "").strip().casefold()
    if data_source and data_source not in DATA_SOURCES:
        raise RegistryError(
            origin, entry, f"alias source {data_source!r} is not one of: {', '.join(DATA_SOURCES)}"
        )
    if "pattern" in raw:
        text = str(raw["pattern"]).strip()
        try:
            re.compile(text)
        except re.error as exc:
            raise RegistryError(
                origin, entry, f"pattern {text!r} is not a regular expression ({exc})"
            ) from None
        return Alias(text, pattern=True, start=start, end=end, source=data_source)
    text = str(raw["name"]).strip()
    if not text:
        raise RegistryError(origin, entry, "an alias is empty")
    return Alias(text, start=start, end=end, source=data_source)


_ACTOR_FIELDS = {
    "name",
    "short",
    "type",
    "source",
    "aliases",
    "from",
    "to",
    "memberships",
    "signatory",
    "un_mission",
    "country",
    "note",
    "support_terms",
}


def _actor(raw: Any, origin: str, index: int) -> Actor:
    if not isinstance(raw, Mapping):
        raise RegistryError(origin, f"#{index + 1}", "an entry must be a mapping")
    name = str(raw.get("name") or "").strip()
    entry = name or f"#{index + 1}"
    if not name:
        raise RegistryError(origin, entry, "has no name")
    unknown = set(raw) - _ACTOR_FIELDS
    if unknown:
        raise RegistryError(origin, entry, f"unknown field(s): {', '.join(sorted(unknown))}")
    actor_type = str(raw.get("type") or "").strip()
    if actor_type not in ACTOR_TYPES:
        raise RegistryError(
            origin,
            entry,
            f"unknown type {actor_type!r} (use one of: {', '.join(ACTOR_TYPES)})",
        )
    source = str(raw.get("source") or "").strip()
    if not source:
        raise RegistryError(origin, entry, "has no source note")
    start, end = _period(raw, origin, entry, "validity")
    aliases_raw = raw.get("aliases") or []
    if not isinstance(aliases_raw, list):
        raise RegistryError(origin, entry, "'aliases' must be a list")
    aliases = tuple(_alias(a, origin, entry) for a in aliases_raw)
    memberships: list[Membership] = []
    for m in raw.get("memberships") or []:
        if not isinstance(m, Mapping) or not str(m.get("name") or "").strip():
            raise RegistryError(origin, entry, "a membership needs a 'name'")
        if not str(m.get("source") or "").strip():
            raise RegistryError(origin, entry, f"membership {m['name']!r} has no source note")
        m_start, m_end = _period(m, origin, entry, f"membership {m['name']!r}")
        memberships.append(Membership(str(m["name"]), m_start, m_end, str(m["source"])))
    for i, a in enumerate(memberships):
        for b in memberships[i + 1 :]:
            if overlaps((a.start, a.end), (b.start, b.end)):
                raise RegistryError(
                    origin, entry, f"memberships {a.name!r} and {b.name!r} overlap in time"
                )
    signatory = None
    sig = raw.get("signatory")
    if sig:
        if not isinstance(sig, Mapping) or not sig.get("coalition") or not sig.get("since"):
            raise RegistryError(origin, entry, "'signatory' needs 'coalition' and 'since'")
        if not str(sig.get("source") or "").strip():
            raise RegistryError(origin, entry, "'signatory' has no source note")
        since = _date(sig.get("since"), origin, entry, "signatory 'since'")
        assert since is not None
        signatory = Signatory(str(sig["coalition"]), since, str(sig["source"]))
    terms = raw.get("support_terms") or []
    if not isinstance(terms, list) or not all(isinstance(t, str) and t.strip() for t in terms):
        raise RegistryError(origin, entry, "'support_terms' must be a list of words")
    if terms and actor_type != "state forces":
        raise RegistryError(origin, entry, "only state forces have 'support_terms'")
    return Actor(
        support_terms=tuple(t.strip() for t in terms),
        name=name,
        type=actor_type,
        source=source,
        short=str(raw.get("short") or "").strip(),
        aliases=aliases,
        start=start,
        end=end,
        memberships=tuple(memberships),
        signatory=signatory,
        un_mission=bool(raw.get("un_mission", False)),
        country=str(raw.get("country") or "").strip(),
        note=str(raw.get("note") or "").strip(),
    )


def _check_aliases(actors: Sequence[Actor], origin: str) -> None:
    """Each alias names one actor at any date: refuse duplicates and overlapping periods."""
    seen: dict[str, list[tuple[Actor, Alias]]] = {}
    for actor in actors:
        keys_here: set[str] = set()
        names_here = {actor.name.casefold(), (actor.short or actor.name).casefold()}
        for alias in actor.aliases:
            key = (
                ("re:" if alias.pattern else "")
                + alias.key
                + (f"@{alias.source}" if alias.source else "")
            )
            if key in keys_here and not (alias.start or alias.end):
                raise RegistryError(origin, actor.name, f"duplicate alias {alias.text!r}")
            keys_here.add(key)
            for other, other_alias in seen.get(key, []):
                if other.name.casefold() in names_here:
                    continue
                mine, theirs = actor.window_of(alias), other.window_of(other_alias)
                if mine == (None, None) and theirs == (None, None):
                    raise RegistryError(
                        origin,
                        actor.name,
                        f"duplicate alias {alias.text!r} (also an alias of {other.name!r})",
                    )
                if overlaps(mine, theirs):
                    raise RegistryError(
                        origin,
                        actor.name,
                        f"overlapping validity: alias {alias.text!r} also names "
                        f"{other.name!r} over a period that shares days with this one",
                    )
            seen.setdefault(key, []).append((actor, alias))


def parse_registry(
    data: Any, origin: str = "", base: Registry | None = None, country: str = ""
) -> Registry:
    """Validate a parsed YAML document into a ``Registry`` (merged over ``base`` if given)."""
    if data is None:
        data = {}
    if not isinstance(data, Mapping):
        raise InputError(f"{origin}: an actor registry must be a mapping with 'actors'")
    unknown = set(data) - {"country", "sources", "actors"}
    if unknown:
        raise InputError(f"{origin}: unknown top-level field(s): {', '.join(sorted(unknown))}")
    raw_actors = data.get("actors") or []
    if not isinstance(raw_actors, list):
        raise InputError(f"{origin}: 'actors' must be a list")
    sources_raw = data.get("sources") or {}
    if not isinstance(sources_raw, Mapping):
        raise InputError(f"{origin}: 'sources' must be a mapping of key to citation")
    parsed = [_actor(raw, origin, i) for i, raw in enumerate(raw_actors)]
    names: dict[str, str] = {}
    for actor in parsed:
        for key in {actor.name.casefold(), actor.short.casefold()} - {""}:
            if key in names:
                raise RegistryError(origin, actor.name, f"name {key!r} is used twice in this file")
            names[key] = actor.name
    actors: list[Actor] = []
    sources: dict[str, str] = {}
    if base is not None:
        replaced = {a.name.casefold() for a in parsed}
        actors = [a for a in base.actors if a.name.casefold() not in replaced]
        sources = dict(base.sources)
    actors.extend(parsed)
    sources.update({str(k): str(v) for k, v in sources_raw.items()})
    _check_aliases(actors, origin)
    return Registry(
        country=str(data.get("country") or (base.country if base else country)),
        actors=tuple(actors),
        sources=tuple(sources.items()),
        origin=(*(base.origin if base else ()), origin),
    )


def _read_yaml(text: str, origin: str) -> Any:
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        raise InputError(f"{origin}: not valid YAML{where}") from None


def shipped_registry_text(country: str) -> str | None:
    """The text of the registry shipped for a country (ISO3), or None."""
    if not country:
        return None
    ref = resources.files("peaceops.actors") / "data" / f"{country.upper()}.yaml"
    if not ref.is_file():
        return None
    return ref.read_text(encoding="utf-8")


def load_registry(
    path: Path | None = None, country: str = "", extra: Sequence[Path] = ()
) -> Registry:
    """The shipped registry of ``country`` (if any), then ``path`` and ``extra`` merged over it."""
    registry: Registry | None = None
    shipped = shipped_registry_text(country)
    if shipped is not None:
        origin = f"shipped registry {country.upper()}"
        registry = parse_registry(_read_yaml(shipped, origin), origin, country=country.upper())
    for p in [*([path] if path else []), *extra]:
        try:
            text = p.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{p}: cannot read the actor registry ({exc})") from None
        registry = parse_registry(_read_yaml(text, p.name), p.name, registry, country.upper())
    if registry is None:
        return Registry(country=country.upper(), actors=())
    return registry


def workspace_registry(ws: Workspace) -> Registry:
    """The registry the workspace uses: shipped for its country, plus its ``actors.yaml``.

    Kept in the workspace's cache; the file's stamp is part of the key so a hand edit of
    ``actors.yaml`` is read again even though it changes no data version."""
    user = ws.root / USER_REGISTRY_FILE
    stamp = (user.stat().st_mtime_ns, user.stat().st_size) if user.is_file() else (0, 0)
    key = ("actor-registry", ws.config.country, stamp)
    return ws.cached(
        key, lambda: load_registry(user if user.is_file() else None, ws.config.country)
    )


def registry_digest(registry: Registry) -> str:
    """A short hash of the registry content: cached mappings are keyed on it."""
    text = repr([a.to_dict() for a in registry.actors])
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def import_registry(ws: Workspace, path: Path) -> Registry:
    """Validate ``path`` merged over the shipped registry, then make it the workspace's.

    The file replaces the workspace's previous ``actors.yaml`` atomically; when validation fails
    nothing is written and the previous registry stays in use.
    """
    registry = load_registry(path, ws.config.country)
    text = path.read_text(encoding="utf-8")
    target = ws.root / USER_REGISTRY_FILE
    fd, tmp = tempfile.mkstemp(dir=ws.root, prefix=".actors-", suffix=".yaml")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    with ws.transaction():
        pass  # a new data version: every cached mapping and page of the old registry is dropped
    return registry
