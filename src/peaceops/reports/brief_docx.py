"""The brief as a Word document (python-docx): same content and order as the HTML and PDF."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from peaceops.reports.brief_html import running_header
from peaceops.reports.brief_model import BriefData, BriefTable, sentence

__all__ = ["write_docx"]


def _page_number_footer(section: Any) -> None:
    """'Page N' in the footer, as Word fields so Word fills in the numbers."""
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    paragraph.add_run("Page ")
    run = paragraph.add_run()
    for tag, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if tag is not None:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), tag)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)


def _table(doc: Any, columns: Sequence[str], rows: Sequence[Sequence[str]], caption: str) -> None:
    if caption:
        cap = doc.add_paragraph()
        cap.add_run(caption).bold = True
    table = doc.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    for cell, name in zip(table.rows[0].cells, columns, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(name).bold = True
    # The header row repeats at the top of each page a long table runs onto.
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(header)
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = value
    for row in table.rows:
        for cell in row.cells:
            for p in cell.paragraphs:
                for r in p.runs:
                    r.font.size = Pt(8)


def _small(doc: Any, text: str) -> None:
    p = doc.add_paragraph()
    run = p.add_run(text)
    run.font.size = Pt(8)
    run.font.color.rgb = RGBColor(0x44, 0x44, 0x44)


def _brief_table(doc: Any, t: BriefTable) -> None:
    _table(doc, t.columns, t.rows, t.caption)
    if t.note:
        _small(doc, t.note)


def write_docx(data: BriefData, path: Path) -> Path:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(1.8))
    _page_number_footer(section)
    doc.styles["Normal"].font.size = Pt(10)

    if data.synthetic:
        p = doc.add_paragraph()
        run = p.add_run(
            "Synthetic data. The events in this workspace are generated for illustration; "
            "no figure in this brief describes real events."
        )
        run.bold = True
        run.font.color.rgb = RGBColor(0x8A, 0x5A, 0x00)
    if data.input_labels:
        p = doc.add_paragraph()
        run = p.add_run(
            "Illustrative inputs. Parts of this brief are computed from examples shipped with "
            "peaceops; figures drawn from them are marked ILLUSTRATIVE on their line: "
            + "; ".join(data.input_labels)
            + "."
        )
        run.bold = True
        run.font.color.rgb = RGBColor(0x8A, 0x5A, 0x00)
    header_text = running_header(data)
    if header_text:
        head = section.header.paragraphs[0]
        head_run = head.add_run(header_text)
        head_run.bold = True
        head_run.font.size = Pt(8)
        head_run.font.color.rgb = RGBColor(0x8A, 0x5A, 0x00)
    doc.add_heading(data.title, level=0)
    meta = [
        *([("Mission", data.mission)] if data.mission else []),
        ("Country", data.country),
        ("Data as of", data.as_of.isoformat() if data.as_of else "all data in the workspace"),
        ("Generated", data.generated.strftime("%Y-%m-%d %H:%M UTC")),
    ]
    _table(doc, ("Item", "Value"), meta, "")
    if data.data_as_of:
        _table(doc, ("Source", "Data"), data.data_as_of, "Data as of, per source")

    doc.add_heading("1. Key considerations", level=1)
    if data.considerations:
        for c in data.considerations:
            para = doc.add_paragraph(style="List Number")
            para.add_run(f"[{c.grade.upper()}] ").bold = True
            para.add_run(c.text)
            _small(doc, f"Figure: {c.figure}. Source: {sentence('; '.join(c.citations()))}")
    else:
        doc.add_paragraph(
            "No key considerations: the workspace holds no data they could be drawn from."
        )

    for number, s in enumerate(data.sections, start=2):
        doc.add_heading(f"{number}. {s.title}", level=1)
        for text in s.paragraphs:
            doc.add_paragraph(text)
        for f in s.figures:
            doc.add_picture(io.BytesIO(f.png), width=Cm(16.5))
            _small(doc, f"{f.title}. Source: {sentence('; '.join(f.sources))}")
        for t in s.tables:
            _brief_table(doc, t)

    if data.missing:
        doc.add_heading("Not included", level=1)
        for m in data.missing:
            p = doc.add_paragraph(style="List Bullet")
            p.add_run(f"{m.title}: ").bold = True
            p.add_run(m.message)

    doc.add_heading(f"{len(data.sections) + 2}. Sources and attribution", level=1)
    if data.sources:
        _table(
            doc,
            ("Source", "Kind", "File", "Version", "Accessed", "SHA-256"),
            [
                (
                    e.source,
                    e.kind,
                    e.file_name,
                    e.version or "–",
                    e.accessed.isoformat(),
                    e.sha256[:12],
                )
                for e in data.sources
            ],
            "Datasets used, from the workspace's provenance records",
        )
    else:
        doc.add_paragraph("No datasets have been imported into this workspace.")
    if data.attributions:
        doc.add_heading("Required citations", level=2)
        for a in data.attributions:
            doc.add_paragraph(a, style="List Bullet")

    tmp = path.with_name(path.name + ".tmp")
    doc.save(str(tmp))
    tmp.replace(path)
    return path
