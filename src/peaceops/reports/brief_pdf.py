"""The brief as an A4 PDF with page numbers, rendered by WeasyPrint from the brief's HTML."""

from __future__ import annotations

import logging
from pathlib import Path

from peaceops.reports.brief_html import render_html
from peaceops.reports.brief_model import BriefData

__all__ = ["write_pdf"]


def write_pdf(data: BriefData, path: Path) -> Path:
    """Render the brief (PNG charts, the same content as the HTML) to ``path``."""
    import weasyprint

    # WeasyPrint logs every CSS property it ignores; the brief's CSS also serves browsers.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    html = weasyprint.HTML(string=render_html(data, "png"))
    tmp = path.with_name(path.name + ".tmp")
    html.write_pdf(tmp)
    tmp.replace(path)
    return path
