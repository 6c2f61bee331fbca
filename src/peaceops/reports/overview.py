"""The overview: what the workspace holds, each feature's headline figures, what is missing.

One typed view across the features (each registers its ``headline``). Turning a missing
part's error into words and a remedy (a command, a link) is the caller's: the web page passes
its own ``describe``, so this module names no command.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from peaceops import registry
from peaceops.errors import NotFoundError
from peaceops.provenance import DatasetRecord
from peaceops.workspace import Workspace

__all__ = ["Headline", "Lacking", "Overview", "WorkspaceInfo", "overview"]


class Headline(Protocol):
    """A feature's headline figures (``registry.Feature.headline`` returns one)."""

    def to_dict(self) -> dict[str, Any]: ...


@dataclass(frozen=True)
class WorkspaceInfo:
    name: str
    country: str
    synthetic: bool
    missions: tuple[str, ...]
    region_groups: tuple[tuple[str, tuple[str, ...]], ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "country": self.country,
            "synthetic": self.synthetic,
            "missions": list(self.missions),
            "region_groups": {k: list(v) for k, v in self.region_groups},
        }


@dataclass(frozen=True)
class Lacking:
    """A feature whose headline could not be made: its name in lower case and why."""

    what: str
    error: NotFoundError


@dataclass(frozen=True)
class Overview:
    workspace: WorkspaceInfo
    # (the feature's overview name, its headline or None when the data is missing), in the
    # registry's order
    headlines: tuple[tuple[str, Headline | None], ...]
    lacking: tuple[Lacking, ...]
    datasets: tuple[DatasetRecord, ...]

    def to_dict(
        self, describe: Callable[[NotFoundError, str], Mapping[str, str]]
    ) -> dict[str, Any]:
        """The overview as one document; ``describe(error, what)`` words a missing part."""
        data: dict[str, Any] = {
            "workspace": self.workspace.to_dict(),
            "missing": [dict(describe(m.error, m.what)) for m in self.lacking],
        }
        for key, headline in self.headlines:
            data[key] = headline.to_dict() if headline is not None else None
        data["datasets"] = [
            {
                "kind": r.kind,
                "source": r.source,
                "file_name": r.file_name,
                "accessed": r.accessed,
                "rows_accepted": r.rows_accepted,
                "citation": r.cite(),
            }
            for r in self.datasets
        ]
        return data


def overview(ws: Workspace) -> Overview:
    """Every registered feature's headline; a feature without data is listed as lacking."""
    headlines: list[tuple[str, Headline | None]] = []
    lacking: list[Lacking] = []
    for feature, make in registry.callables("headline"):
        try:
            headlines.append((feature.overview_name, make(ws)))
        except NotFoundError as exc:
            headlines.append((feature.overview_name, None))
            lacking.append(Lacking(feature.title.lower(), exc))
    cfg = ws.config
    return Overview(
        workspace=WorkspaceInfo(
            name=cfg.name,
            country=cfg.country_label or cfg.country,
            synthetic=bool(cfg.synthetic),
            missions=tuple(cfg.missions),
            region_groups=tuple((k, tuple(v)) for k, v in cfg.region_groups.items()),
        ),
        headlines=tuple(headlines),
        lacking=tuple(lacking),
        datasets=tuple(ws.datasets()),
    )
