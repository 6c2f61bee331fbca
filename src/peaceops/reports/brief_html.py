"""The brief as one self-contained HTML file (inline SVG charts) or as the PDF's source HTML."""

from __future__ import annotations

import base64
from importlib import resources
from pathlib import Path
from typing import Literal

import jinja2
from markupsafe import Markup

from peaceops.grades import grade_label
from peaceops.reports.brief_model import BriefData, BriefFigure, sentence

__all__ = ["GRADE_TITLES", "render_html", "running_header", "write_html"]


# Status words the framework and plan use, coloured in tables (the word itself stays).
STATUS_CLASSES = {
    "off track": "bad",
    "not met": "bad",
    "left out": "bad",
    "at risk": "warn",
    "partly met": "warn",
    "on track": "good",
    "met": "good",
}


def _template_text(name: str) -> str:
    folder = resources.files("peaceops.reports").joinpath("templates", "brief")
    return folder.joinpath(name).read_text("utf-8")


def _inline_svg(figure: BriefFigure) -> Markup:
    svg = figure.svg
    if svg.startswith("<?xml"):
        svg = svg[svg.index("?>") + 2 :]
    return Markup(svg.strip())  # produced by our own chart renderer, not user text


def _png_uri(figure: BriefFigure) -> str:
    return "data:image/png;base64," + base64.b64encode(figure.png).decode("ascii")


def render_html(data: BriefData, images: Literal["svg", "png"] = "svg") -> str:
    """The brief as HTML; ``images="png"`` embeds PNG charts (for the PDF renderer)."""
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    env.filters["sentence"] = sentence
    template = env.from_string(_template_text("brief.html.j2"))
    return template.render(
        b=data,
        css=Markup(_template_text("brief.css")),
        images=images,
        svg=_inline_svg,
        png=_png_uri,
        status_classes=STATUS_CLASSES,
        grade_titles=GRADE_TITLES,
        running_header=running_header(data),
    )


GRADE_TITLES = {
    "real": "computed from published data or records entered with a source",
    "illustrative": "computed from at least one example shipped with peaceops",
    "synthetic": "computed from generated data",
}


def running_header(data: BriefData) -> str:
    """The line printed at the top of every PDF page when the brief is not all real data."""
    grade = data.grade
    if grade == "real":
        return ""
    return grade_label(grade).replace('"', "'")


def write_html(data: BriefData, path: Path) -> Path:
    path.write_text(render_html(data, "svg"), encoding="utf-8")
    return path
