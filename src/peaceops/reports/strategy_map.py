"""The strategy map as a hand-built SVG: priorities -> objectives -> tasks and indicators.

Each objective shows its assumptions as chips coloured by status; tasks that serve no
objective are drawn apart with a dashed red border. Every element carries ``data-objective``
attributes so the web page can highlight one objective's links, and a ``<title>`` tooltip.
The map cites its source and carries the "illustrative" label on the title line when the
strategy is the shipped example.
"""

from __future__ import annotations

from html import escape
from typing import Any

import vl_convert as vlc

from peaceops.reports.render import FONT

__all__ = ["STATUS_COLOURS", "map_png", "map_svg"]

STATUS_COLOURS = {
    "holds": "#1a9850",
    "at risk": "#e08a00",
    "fails": "#d73027",
    "unknown": "#8c8c8c",
}
_COLS = {
    "priority": (16, 210),
    "objective": (256, 330),
    "task": (640, 170),
    "indicator": (860, 170),
}
_WIDTH = 1046
_ROW = 26
_TOP = 78


def _wrap(text: str, width: int) -> list[str]:
    words, lines, line = text.split(), [], ""
    for w in words:
        if len(line) + len(w) + 1 > width and line:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}".strip()
    if line:
        lines.append(line)
    return lines


def _text(x: float, y: float, text: str, size: int = 11, weight: str = "normal", **kw: str) -> str:
    attrs = "".join(f' {k.replace("_", "-")}="{escape(v)}"' for k, v in kw.items())
    return (
        f'<text x="{x:.0f}" y="{y:.0f}" font-size="{size}" font-weight="{weight}"{attrs}>'
        f"{escape(text)}</text>"
    )


def _box(
    kind: str, x: float, y: float, w: float, h: float, objs: str, tip: str, **style: str
) -> str:
    fill = style.get("fill", "#f4f6f8")
    stroke = style.get("stroke", "#7a8794")
    dash = ' stroke-dasharray="4 3"' if style.get("dashed") else ""
    return (
        f'<g class="node {kind}" data-objective="{escape(objs)}"><title>{escape(tip)}</title>'
        f'<rect x="{x:.0f}" y="{y:.0f}" width="{w:.0f}" height="{h:.0f}" rx="5" fill="{fill}" '
        f'stroke="{stroke}"{dash}/></g>'
    )


def _edge(x1: float, y1: float, x2: float, y2: float, objs: str, dashed: bool = False) -> str:
    mid = (x1 + x2) / 2
    dash = ' stroke-dasharray="3 3" stroke-opacity="0.7"' if dashed else ""
    return (
        f'<path class="edge" data-objective="{escape(objs)}" d="M{x1:.0f},{y1:.0f} '
        f'C{mid:.0f},{y1:.0f} {mid:.0f},{y2:.0f} {x2:.0f},{y2:.0f}" fill="none" '
        f'stroke="#9aa5b1" stroke-width="1.2"{dash}/>'
    )


def map_svg(status: dict[str, Any], sources: list[str]) -> str:
    """The SVG text of the map for a strategy status document (``StrategyStatus.as_dict()``)."""
    parts: list[str] = []
    objectives = [(p, o) for p in status["priorities"] for o in p["objectives"]]
    # Unique task and indicator nodes, in order of first use; gap tasks after them.
    tasks: dict[str, list[str]] = {}
    inds: dict[str, list[str]] = {}
    for _p, o in objectives:
        for t in o["tasks"]:
            tasks.setdefault(t, []).append(o["id"])
        for i in o["indicators"]:
            inds.setdefault(i, []).append(o["id"])
    gap_tasks = [g["id"] for g in status["gaps"] if g["kind"] == "task without objective"]
    # Objective bands: tall enough for the name, theory and assumption chips.
    bands: list[tuple[dict[str, Any], dict[str, Any], float, float]] = []
    y = float(_TOP)
    for p, o in objectives:
        name_lines = _wrap(f"{o['id']}  {o['name']}", 46)
        chips = len(o["assumptions"])
        band = float(max(12 + 14 * len(name_lines) + 18 * chips + 8, 44))
        bands.append((p, o, y, band))
        y += band + 12
    n_tasks = len(tasks) + len(gap_tasks)
    tasks_h = n_tasks * _ROW + (24 if gap_tasks else 0)
    inds_h = len(inds) * _ROW
    body = max(y - _TOP, tasks_h, inds_h, 60)
    height = _TOP + body + 92
    # Priority boxes span their objectives' bands.
    for p in status["priorities"]:
        own = [b for b in bands if b[0]["id"] == p["id"]]
        if not own:
            ptop, ph = y, 44.0
            y += 56
        else:
            ptop = own[0][2]
            ph = own[-1][2] + own[-1][3] - ptop
        x, w = _COLS["priority"]
        pobjs = " ".join(o["id"] for o in p["objectives"])
        src = f" ({p['resolution']})" if p["resolution"] else ""
        parts.append(_box("priority", x, ptop, w, ph, pobjs, f"{p['id']}: {p['name']}{src}"))
        for n, line in enumerate(_wrap(f"{p['id']}  {p['name']}", 28)[:8]):
            weight = "bold" if n == 0 else "normal"
            parts.append(_text(x + 8, ptop + 16 + 13 * n, line, 11, weight))
        code = ", ".join(p["pema"]) or (f"para. {p['paragraph']}" if p["paragraph"] else "")
        if code:
            parts.append(_text(x + 8, ptop + ph - 8, f"PEMA: {code}"[:40], 9, fill="#555"))
    # Task and indicator nodes.
    tx, tw = _COLS["task"]
    task_y: dict[str, float] = {}
    for n, (t, users) in enumerate(tasks.items()):
        ty = _TOP + n * _ROW
        task_y[t] = ty + 10
        tip = f"task {t}: {', '.join(users)}"
        parts.append(_box("task", tx, ty, tw, 20, " ".join(users), tip))
        parts.append(_text(tx + 6, ty + 14, t, 10))
    if gap_tasks:
        gy = _TOP + len(tasks) * _ROW + 8
        parts.append(_text(tx, gy + 6, "Tasks serving no objective", 9, "bold", fill="#d73027"))
        for n, t in enumerate(gap_tasks):
            ty = gy + 12 + n * _ROW
            parts.append(
                _box(
                    "task gap",
                    tx,
                    ty,
                    tw,
                    20,
                    "",
                    f"task {t} serves no objective",
                    stroke="#d73027",
                    fill="#fff5f4",
                    dashed="1",
                )
            )
            parts.append(_text(tx + 6, ty + 14, t, 10, fill="#b2182b"))
    ix, iw = _COLS["indicator"]
    ind_y: dict[str, float] = {}
    for n, (i, users) in enumerate(inds.items()):
        iy = _TOP + n * _ROW
        ind_y[i] = iy + 10
        parts.append(_box("indicator", ix, iy, iw, 20, " ".join(users), f"indicator {i}"))
        parts.append(_text(ix + 6, iy + 14, i, 10))
    # Objectives with their assumption chips, and the edges.
    ox, ow = _COLS["objective"]
    px, pw = _COLS["priority"]
    for _p, o, top, h in bands:
        worst = o["worst"]
        stroke = (
            STATUS_COLOURS.get(worst, "#7a8794") if worst in ("at risk", "fails") else "#4a6fa5"
        )
        tip = f"{o['id']}: {o['theory_of_change']}"
        parts.append(_box("objective", ox, top, ow, h, o["id"], tip, fill="#eef3fb", stroke=stroke))
        lines = _wrap(f"{o['id']}  {o['name']}", 46)
        for n, line in enumerate(lines):
            parts.append(_text(ox + 8, top + 16 + 14 * n, line, 11, "bold" if n == 0 else "normal"))
        cy = top + 16 + 14 * len(lines)
        for a in o["assumptions"]:
            colour = STATUS_COLOURS.get(a["status"], "#8c8c8c")
            label = f"{a['id']} {a['status']}: {a['text']}"
            parts.append(
                f'<g class="assumption" data-objective="{escape(o["id"])}">'
                f"<title>{escape(label)}</title>"
                f'<rect x="{ox + 8}" y="{cy - 4:.0f}" width="{ow - 16}" height="15" rx="3" '
                f'fill="{colour}" fill-opacity="0.16" stroke="{colour}"/></g>'
            )
            short = label if len(label) <= 58 else label[:55] + "..."
            parts.append(_text(ox + 12, cy + 7, short, 9, fill="#222"))
            cy += 18
        parts.append(_edge(px + pw, top + h / 2, ox, top + h / 2, o["id"]))
        for t in o["tasks"]:
            parts.insert(0, _edge(ox + ow, top + h / 2, tx, task_y[t], o["id"]))
        for i in o["indicators"]:
            parts.insert(0, _edge(ox + ow, top + h / 2, ix, ind_y[i], o["id"], dashed=True))
    head: list[str] = []
    label = (
        "ILLUSTRATIVE example: the project's reading, not an official strategy"
        if status["example"]
        else ""
    )
    title = f"{status['name']}: map as of {status['as_of']}"
    lead = (
        '<tspan fill="#b2182b">ILLUSTRATIVE (example: the project\'s reading)</tspan> '
        if label
        else ""
    )
    head.append(
        f'<text x="16" y="24" font-size="13" font-weight="bold">{lead}{escape(title)}</text>'
    )
    for col, x in (
        ("Strategic priorities", 16),
        ("Objectives and assumptions", 256),
        ("Mandate tasks", 640),
        ("Indicators", 860),
    ):
        head.append(_text(x, 60, col, 11, "bold", fill="#444"))
    foot_y = _TOP + body + 24
    legend = []
    lx = 16.0
    for status_word, colour in STATUS_COLOURS.items():
        legend.append(
            f'<rect x="{lx:.0f}" y="{foot_y - 10:.0f}" width="12" height="12" fill="{colour}"/>'
        )
        legend.append(_text(lx + 16, foot_y, f"assumption {status_word}", 10))
        lx += 140
    gaps = [g["text"] for g in status["gaps"] if g["kind"] != "task without objective"]
    lines = _wrap("Gaps: " + ("; ".join(gaps) if gaps else "none"), 170)
    lines += _wrap("Source: " + "; ".join(sources), 190)
    foot = [
        _text(16, foot_y + 20 + 14 * n, line, 10 if n == 0 else 9, fill="#333")
        for n, line in enumerate(lines)
    ]
    if label:
        foot.append(_text(16, foot_y + 20 + 14 * len(lines), label, 9, "bold", fill="#b2182b"))
    height += 14 * max(0, len(lines) - 2)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_WIDTH}" height="{height:.0f}" '
        f'viewBox="0 0 {_WIDTH} {height:.0f}" font-family="{FONT}, sans-serif" '
        f'role="img" aria-label="{escape(title)}">'
        f'<rect width="100%" height="100%" fill="white"/>'
        + "".join(head + parts + legend + foot)
        + "</svg>"
    )


def map_png(svg: str, scale: float = 2.0) -> bytes:
    png: bytes = vlc.svg_to_png(svg, scale=scale)
    return png
