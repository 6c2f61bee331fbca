"""Render Vega-Lite charts (built with Altair) to SVG and PNG without a browser.

Every chart peaceops draws cites its sources: ``with_sources`` adds them as a caption under
the chart, so a chart copied out of a brief still says where its figures come from.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import altair as alt
import vl_convert as vlc

from peaceops.errors import InputError

__all__ = ["chart_png", "chart_svg", "save_chart", "with_sources"]

FONT = "DejaVu Sans"
MAX_SOURCE_CHARS = 600  # a whole citation, wrapped over lines; bounded against typed text
MAX_SOURCES = 6
MAX_TITLE_CHARS = 200


def _short(text: str, limit: int) -> str:
    one = " ".join(str(text).split())
    return one if len(one) <= limit else one[: limit - 1].rstrip() + "…"


def with_sources(chart: Any, sources: Sequence[str], title: str | None = None) -> Any:
    """Return the chart with a title (optional) and a 'Source: ...' caption below it."""
    # Sources and titles can hold text people typed: each is bounded in length and the
    # caption to a few sources, so no input can make a chart grow without limit. A real
    # citation is wrapped over lines, whole.
    cut = list(dict.fromkeys(_short(s, MAX_SOURCE_CHARS) for s in sources if s))
    if len(cut) > MAX_SOURCES:
        cut = [*cut[:MAX_SOURCES], f"and {len(cut) - MAX_SOURCES} more"]
    caption = "Source: " + "; ".join(cut) if cut else ""
    title = _short(title, MAX_TITLE_CHARS) if title is not None else None
    props: dict[str, Any] = {}
    if title is not None or caption:
        props["title"] = alt.TitleParams(
            text=title or "",
            subtitle=_wrap(caption, 100) if caption else [],
            anchor="start",
            subtitleFontSize=10,
            subtitleColor="#555",
            orient="top",
        )
    return chart.properties(**props)


def _wrap(text: str, width: int) -> list[str]:
    # A "word" longer than a line (a URL, or typed text) is cut into pieces of a line each.
    words = [w[i : i + width] for w in text.split() for i in range(0, len(w), width)]
    lines, line = [], ""
    for w in words:
        if len(line) + len(w) + 1 > width and line:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}".strip()
    if line:
        lines.append(line)
    return lines


def _spec(chart: Any) -> dict[str, Any]:
    spec: dict[str, Any] = chart.to_dict()
    config = spec.setdefault("config", {})
    config.setdefault("font", FONT)
    return spec


def chart_svg(chart: Any) -> str:
    """The chart as an SVG document (text)."""
    svg: str = vlc.vegalite_to_svg(_spec(chart))
    return svg


def chart_png(chart: Any, scale: float = 2.0) -> bytes:
    png: bytes = vlc.vegalite_to_png(_spec(chart), scale=scale)
    return png


def save_chart(chart: Any, path: Path) -> Path:
    """Write the chart as .svg, .png or .json (the Vega-Lite spec), chosen by the suffix."""
    suffix = path.suffix.lower()
    path.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".svg":
        path.write_text(chart_svg(chart), encoding="utf-8")
    elif suffix == ".png":
        path.write_bytes(chart_png(chart))
    elif suffix == ".json":
        import json

        path.write_text(json.dumps(_spec(chart), indent=2), encoding="utf-8")
    else:
        raise InputError(f"{path.name}: charts are written as .svg, .png or .json")
    return path
