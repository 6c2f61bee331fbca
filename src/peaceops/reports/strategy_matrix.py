"""The stakeholder matrix as SVG: influence (rows) x stance (columns), one name a line.

A stakeholder whose position changed since the last renewal is printed in bold with a marker
and the change in its tooltip.
"""

from __future__ import annotations

from html import escape
from typing import Any

from peaceops.reports.render import FONT

__all__ = ["matrix_svg"]

_STANCES = ("opposed", "ambivalent", "supportive", "unknown")
_INFLUENCE = ("high", "medium", "low")
_FILL = {
    "opposed": "#fdecea",
    "ambivalent": "#fff6e0",
    "supportive": "#eaf6ec",
    "unknown": "#f2f2f2",
}


def _wrap(text: str, width: int) -> list[str]:
    words, lines, line = text.split(), [], ""
    for w in words:
        if len(line) + len(w) + 1 > width and line:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}".strip()
    return [*lines, line] if line else lines


def matrix_svg(matrix: dict[str, Any], title: str, sources: list[str]) -> str:
    """SVG of a ``StakeholderMatrix.as_dict()``."""
    cells: dict[tuple[str, str], list[dict[str, Any]]] = {}
    unplaced = []
    for r in matrix["rows"]:
        if not r["influence"]:
            unplaced.append(r)
            continue
        cells.setdefault((r["influence"], r["stance"] or "unknown"), []).append(r)
    rows_in = {
        inf: max([len(cells.get((inf, s), [])) for s in _STANCES] + [1]) for inf in _INFLUENCE
    }
    cw, lx, top = 215, 70, 70
    heights = {inf: 22 + 16 * n for inf, n in rows_in.items()}
    out: list[str] = []
    label = "ILLUSTRATIVE example: the project's reading" if matrix.get("example") else ""
    lead = f'<tspan fill="#b2182b">{escape(label.upper())}</tspan> ' if label else ""
    out.append(
        f'<text x="16" y="24" font-size="13" font-weight="bold">{lead}{escape(title)}</text>'
    )
    out.append(
        f'<text x="{lx + 8}" y="{top - 24}" font-size="10" fill="#555">stance (columns) x '
        "influence (rows)</text>"
    )
    renewal = matrix.get("last_renewal")
    note = f"Bold and ▲: changed since the renewal of {renewal}" if renewal else ""
    for n, s in enumerate(_STANCES):
        out.append(
            f'<text x="{lx + n * cw + 8}" y="{top - 8}" font-size="11" font-weight="bold">'
            f"{escape(s)}</text>"
        )
    y = top
    for inf in _INFLUENCE:
        h = heights[inf]
        out.append(
            f'<text x="16" y="{y + 16}" font-size="11" font-weight="bold">{escape(inf)}</text>'
        )
        for n, s in enumerate(_STANCES):
            x = lx + n * cw
            out.append(
                f'<rect x="{x}" y="{y}" width="{cw - 4}" height="{h - 4}" fill="{_FILL[s]}" '
                f'stroke="#c8ced6"/>'
            )
            for k, r in enumerate(cells.get((inf, s), [])):
                changed = r["change"] not in ("", "no change")
                tip = f"{r['name']} ({r['kind']}); interest {r['interest']}; {r['change'] or ''}"
                name = ("▲ " if changed else "") + r["name"]
                name = name if len(name) <= 34 else name[:32] + "..."
                out.append(
                    f'<text x="{x + 6}" y="{y + 16 + 16 * k}" font-size="10" '
                    f'font-weight="{"bold" if changed else "normal"}"><title>{escape(tip)}</title>'
                    f"{escape(name)}</text>"
                )
        y += h
    foot = [note] if note else []
    if unplaced:
        foot.append("No position known: " + ", ".join(r["name"] for r in unplaced))
    foot += _wrap("Source: " + "; ".join(sources), 190)
    for n, line in enumerate(foot):
        out.append(
            f'<text x="16" y="{y + 18 + 15 * n}" font-size="9" fill="#444">{escape(line)}</text>'
        )
    height = y + 18 + 15 * len(foot) + 10
    width = lx + 4 * cw + 10
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="{FONT}, sans-serif" role="img" '
        f'aria-label="{escape(title)}"><rect width="100%" height="100%" fill="white"/>'
        + "".join(out)
        + "</svg>"
    )
