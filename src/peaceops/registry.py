"""The feature registry: every feature of peaceops, in the order the CLI, web and brief show them.

A feature is a package that owns its model, readers and analysis, plus (optionally) a command
module in ``peaceops.commands`` and a router in ``peaceops.web``. The package describes itself in a
``feature.py`` module holding one :class:`Feature`; this registry lists those modules, one line
each. The CLI adds each feature's commands, the web app its routers, navigation and overview
headline, the brief its section, and the remedy tables check they know every remedy key declared
here. Adding a feature is one package plus one line in ``FEATURE_MODULES``.

Descriptors name the layers above them by dotted path (``"module:attribute"``), resolved only when
the CLI, web or brief asks: a library package never imports the CLI or the web, even to register.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

__all__ = ["FEATURE_MODULES", "Feature", "features", "remedy_keys", "resolve"]


@dataclass(frozen=True)
class Feature:
    """What one feature adds to the CLI, the web app, the overview and the brief.

    Every reference is a ``"package.module:attribute"`` string:

    - ``cli``: functions ``register(app: typer.Typer) -> None`` adding the feature's commands;
    - ``routers``: FastAPI ``APIRouter`` objects of its pages and JSON API;
    - ``nav``: ``(path, label)`` entries of the dashboard's main navigation;
    - ``headline``: ``(ws: Workspace) -> view`` of headline figures for the overview page (a
      frozen view whose ``to_dict()`` is the overview's JSON for the feature), raising
      ``NotFoundError`` (with ``remedy``) when the workspace has no data for it; shown under
      ``overview_key`` (default: ``key``);
    - ``brief``: ``(ws, mission, as_of, charts) -> SectionPart``, the brief's section (a tuple of
      references for a feature with several sections);
    - ``remedies``: remedy keys this feature's errors use, each with what is missing in words.
    """

    key: str
    title: str
    cli: tuple[str, ...] = ()
    routers: tuple[str, ...] = ()
    nav: tuple[tuple[str, str], ...] = ()
    headline: str | None = None
    overview_key: str | None = None
    brief: str | tuple[str, ...] | None = None
    remedies: Mapping[str, str] = field(default_factory=dict)

    @property
    def overview_name(self) -> str:
        return self.overview_key or self.key


# One line per feature, in the order of the CLI help, the navigation (home page first) and the
# brief.
FEATURE_MODULES: tuple[str, ...] = (
    "peaceops.events.feature",
    "peaceops.actors.feature",
    "peaceops.mandates.feature",
    "peaceops.agreement.feature",
    "peaceops.framework.feature",
    "peaceops.strategy.feature",
    "peaceops.planning.feature",
    "peaceops.reports.feature",  # the mandate-renewal brief
    "peaceops.web.feature",  # the dashboard itself: overview page, `serve`
    "peaceops.demo.feature",
    "peaceops.audit",  # the audit trail (a module of the base layer: its FEATURE is inside)
    "peaceops.auth.feature",  # accounts and roles of a team server
    "peaceops.db.feature",  # the records database: migrations, SQLite or PostgreSQL
    "peaceops.countries.feature",  # country profiles (a base package: its FEATURE is inside)
)


@cache
def features() -> tuple[Feature, ...]:
    """The registered features, in order (each module's ``FEATURE``)."""
    found = []
    for name in FEATURE_MODULES:
        feature = importlib.import_module(name).FEATURE
        if not isinstance(feature, Feature):
            raise TypeError(f"{name}.FEATURE is not a Feature")
        found.append(feature)
    keys = [f.key for f in found]
    if len(set(keys)) != len(keys):
        raise ValueError(f"feature keys repeat: {keys}")
    return tuple(found)


def resolve(ref: str) -> Any:
    """The object a ``"package.module:attribute"`` reference names."""
    module, _, attr = ref.partition(":")
    obj: Any = importlib.import_module(module)
    for part in attr.split("."):
        obj = getattr(obj, part)
    return obj


def remedy_keys() -> dict[str, str]:
    """Every remedy key any feature declares, with what it adds (in words)."""
    out: dict[str, str] = {}
    for f in features():
        out.update(f.remedies)
    return out


def callables(attr: str) -> list[tuple[Feature, Callable[..., Any]]]:
    """``(feature, function)`` of every feature that sets ``attr`` ("headline", "brief").

    A feature may give several references as a tuple (a feature with two brief sections);
    each comes in order."""
    out: list[tuple[Feature, Callable[..., Any]]] = []
    for f in features():
        refs = getattr(f, attr)
        for ref in (refs,) if isinstance(refs, str) else refs or ():
            out.append((f, resolve(ref)))
    return out
