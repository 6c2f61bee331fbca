"""The political-strategy report: map, objectives with assumptions, gaps, stakeholders.

Writes ``strategy-report.md``, ``strategy-report.html``, ``strategy.json`` (the same document
as ``peaceops strategy status --format json`` plus the matrix and consultations), the map and
the stakeholder matrix as SVG and PNG. Every output carries the "illustrative" label when the
strategy is the shipped example.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import jinja2

from peaceops.reports.strategy_map import map_png, map_svg
from peaceops.reports.strategy_matrix import matrix_svg
from peaceops.strategy.rules import COMBINE_RULE
from peaceops.strategy.stakeholders import consultations_by, matrix_from
from peaceops.strategy.status import strategy_status
from peaceops.strategy.store import require_strategy
from peaceops.workspace import Workspace

__all__ = ["strategy_document", "write_strategy_report"]

LABEL = "ILLUSTRATIVE example: the project's reading of public sources, not an official strategy"


def strategy_document(ws: Workspace, as_of: date | None = None) -> dict[str, Any]:
    """Status, stakeholder matrix and consultations in one JSON-ready document."""
    st = require_strategy(ws, as_of)
    status = strategy_status(ws, as_of)
    matrix = matrix_from(st, status.as_of)
    by = consultations_by(st, status.as_of)

    def talk(c: Any) -> dict[str, Any]:
        return {
            "date": c.date,
            "stakeholders": list(c.stakeholders),
            "objectives": list(c.objectives),
            "format": c.format,
            "points": c.points,
            "source": c.source,
        }

    return {
        **status.as_dict(),
        "method": COMBINE_RULE,
        "stakeholders": matrix.as_dict(),
        "consultations": {
            "stakeholders": {k: [talk(c) for c in v] for k, v in by["stakeholders"].items()},
            "objectives": {k: [talk(c) for c in v] for k, v in by["objectives"].items()},
        },
    }


def _sources(doc: dict[str, Any]) -> list[str]:
    out = [doc["source"]]
    for a in doc["assumptions"]:
        if a["source"] and a["source"] not in out:
            out.append(a["source"])
    return out


_MD = jinja2.Template(
    """# {{ d.name }}
{% if d.example %}
**{{ label }}**
{% endif %}
Mission {{ d.mission }}, {{ d.period_start }} to {{ d.period_end }}; status as of {{ d.as_of }}
{%- if d.last_renewal %} (last renewal {{ d.last_renewal }}){% endif %}.

End state sought: {{ d.end_state }}

Source: {{ d.source }}

![Strategy map](strategy-map.svg)

{% for p in d.priorities %}
## {{ p.id }} {{ p.name }}

From {{ p.resolution or "the mandate" }}{% if p.paragraph %}, paragraph {{ p.paragraph }}{% endif %}
{%- if p.pema %}; PEMA tasks {{ p.pema | join(", ") }}{% endif %}. {{ p.source }}
{% for o in p.objectives %}
### {{ o.id }} {{ o.name }}

Theory of change: {{ o.theory_of_change }}

- Mandate tasks: {{ o.tasks | join(", ") or "none" }}
- Framework outcomes: {{ o.outcomes | join(", ") or "none" }}; indicators: {{ o.indicators | join(", ") or "none" }}
- Agreement provisions: {{ o.provisions | join(", ") or "none" }}
- Stakeholders: {{ o.stakeholders | join(", ") or "none" }}; consultations: {{ o.consultations }}

| assumption | status | judged | computed | source |
|---|---|---|---|---|
{% for a in o.assumptions -%}
| {{ a.id }} {{ md(a.text) }} | **{{ a.status }}**{% if a.changed %} (was {{ a.previous }}){% endif %} | {{ a.judged or "–" }}{% if a.judged_on %} ({{ a.judged_on }}){% endif %} | {{ a.computed or "–" }}{% if a.basis %}: {{ md(a.basis) }}{% endif %} | {{ md(a.source) or "–" }} |
{% endfor %}
{% endfor %}
{% endfor %}
## Gaps

{% for g in d.gaps -%}
- {{ g.text }}
{% else -%}
None: every listed task serves an objective, and every objective has a task and an indicator.
{% endfor %}
## Stakeholders

![Stakeholder matrix](stakeholders.svg)

| stakeholder | kind | influence | stance | interest | levers | change since renewal | source |
|---|---|---|---|---|---|---|---|
{% for r in d.stakeholders.rows -%}
| {{ r.id }} {{ md(r.name) }} | {{ r.kind }} | {{ r.influence or "–" }} | {{ r.stance or "–" }} | {{ r.interest or "–" }} | {{ r.levers | join(", ") }} | {{ r.change or "–" }} | {{ md(r.source) or "–" }} |
{% endfor %}
## Consultations by stakeholder

{% for sid, talks in d.consultations.stakeholders.items() if talks -%}
- **{{ sid }}**: {% for c in talks %}{{ c.date }} {{ c.format }}: {{ c.points }} ({{ c.source }}){% if not loop.last %}; {% endif %}{% endfor %}
{% else -%}
None recorded.
{% endfor %}
## Method

{{ d.method }}
{% if d.example %}
**{{ label }}**
{% endif %}"""
)

_HTML = jinja2.Environment(autoescape=True).from_string(
    """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{{ d.name }}</title>
<style>body{font-family:"DejaVu Sans",sans-serif;max-width:1100px;margin:1em auto;padding:0 1em}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:3px 6px;
font-size:.9em;vertical-align:top}.label{color:#b2182b;font-weight:bold}
.s-holds{color:#1a9850}.s-at-risk{color:#e08a00}.s-fails{color:#d73027}.s-unknown{color:#777}
</style></head><body>
<h1>{{ d.name }}{% if d.example %} <span class="label">{{ label }}</span>{% endif %}</h1>
<p>Mission {{ d.mission }}, {{ d.period_start }} to {{ d.period_end }}; status as of
{{ d.as_of }}{% if d.last_renewal %} (last renewal {{ d.last_renewal }}){% endif %}.</p>
<p>End state sought: {{ d.end_state }}</p><p>Source: {{ d.source }}</p>
<figure>{{ map_svg | safe }}</figure>
{% for p in d.priorities %}<h2>{{ p.id }} {{ p.name }}</h2>
<p>From {{ p.resolution or "the mandate" }}{% if p.paragraph %}, paragraph {{ p.paragraph }}{% endif %}
{% if p.pema %}; PEMA tasks {{ p.pema | join(", ") }}{% endif %}. {{ p.source }}</p>
{% for o in p.objectives %}<h3 id="{{ o.id }}">{{ o.id }} {{ o.name }}</h3>
<p>Theory of change: {{ o.theory_of_change }}</p>
<ul><li>Mandate tasks: {{ o.tasks | join(", ") or "none" }}</li>
<li>Framework outcomes: {{ o.outcomes | join(", ") or "none" }}; indicators:
{{ o.indicators | join(", ") or "none" }}</li>
<li>Agreement provisions: {{ o.provisions | join(", ") or "none" }}</li>
<li>Stakeholders: {{ o.stakeholders | join(", ") or "none" }}; consultations: {{ o.consultations }}</li></ul>
<table><tr><th>assumption</th><th>status</th><th>judged</th><th>computed</th><th>source</th></tr>
{% for a in o.assumptions %}<tr><td>{{ a.id }} {{ a.text }}</td>
<td class="s-{{ a.status | replace(' ', '-') }}"><b>{{ a.status }}</b>{% if a.changed %} (was {{ a.previous }}){% endif %}</td>
<td>{{ a.judged or "–" }}{% if a.judged_on %} ({{ a.judged_on }}){% endif %}{% if a.note %}<br><small>{{ a.note }}</small>{% endif %}</td>
<td>{{ a.computed or "–" }}{% if a.basis %}: {{ a.basis }}{% endif %}</td><td>{{ a.source or "–" }}</td></tr>
{% endfor %}</table>{% endfor %}{% endfor %}
<h2>Gaps</h2><ul>{% for g in d.gaps %}<li>{{ g.text }}</li>{% else %}<li>None.</li>{% endfor %}</ul>
<h2>Stakeholders</h2><figure>{{ matrix_svg | safe }}</figure>
<table><tr><th>stakeholder</th><th>kind</th><th>influence</th><th>stance</th><th>interest</th>
<th>levers</th><th>change since renewal</th><th>source</th></tr>
{% for r in d.stakeholders.rows %}<tr><td>{{ r.id }} {{ r.name }}</td><td>{{ r.kind }}</td>
<td>{{ r.influence or "–" }}</td><td>{{ r.stance or "–" }}</td><td>{{ r.interest or "–" }}</td>
<td>{{ r.levers | join(", ") }}</td><td>{{ r.change or "–" }}</td><td>{{ r.source or "–" }}</td></tr>
{% endfor %}</table>
<h2>Consultations by stakeholder</h2><ul>
{% for sid, talks in d.consultations.stakeholders.items() if talks %}<li><b>{{ sid }}</b>:
{% for c in talks %}{{ c.date }} {{ c.format }}: {{ c.points }} ({{ c.source }}){% if not loop.last %}; {% endif %}{% endfor %}</li>
{% else %}<li>None recorded.</li>{% endfor %}</ul>
<h2>Method</h2><p>{{ d.method }}</p>
{% if d.example %}<p class="label">{{ label }}</p>{% endif %}
</body></html>
"""
)


def _iso(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def _md(text: str) -> str:
    return " ".join((text or "").split()).replace("|", "\\|")


def write_strategy_report(ws: Workspace, out_dir: Path, as_of: date | None = None) -> list[Path]:
    """Write the report files to ``out_dir``; returns their paths."""
    doc = strategy_document(ws, as_of)
    sources = _sources(doc)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    smap = map_svg(doc, sources)
    title = f"{doc['name']}: stakeholders as of {doc['as_of']}"
    held = [r["source"] for r in doc["stakeholders"]["rows"] if r["source"]]
    smat = matrix_svg(doc["stakeholders"], title, list(dict.fromkeys([doc["source"], *held])))
    for name, svg in (("strategy-map", smap), ("stakeholders", smat)):
        path = out_dir / f"{name}.svg"
        path.write_text(svg, encoding="utf-8")
        png = out_dir / f"{name}.png"
        png.write_bytes(map_png(svg))
        written += [path, png]
    data = {"label": LABEL, **doc} if doc["example"] else doc
    json_path = out_dir / "strategy.json"
    json_path.write_text(
        json.dumps(data, indent=2, ensure_ascii=False, default=_iso), encoding="utf-8"
    )
    md_path = out_dir / "strategy-report.md"
    md_path.write_text(_MD.render(d=doc, label=LABEL, md=_md), encoding="utf-8")
    html_path = out_dir / "strategy-report.html"
    html_path.write_text(
        _HTML.render(d=doc, label=LABEL, map_svg=smap, matrix_svg=smat), encoding="utf-8"
    )
    return [*written, json_path, md_path, html_path]
