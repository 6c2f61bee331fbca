"""Fixture PDFs made by the tests: one with a text layer (WeasyPrint), one scanned-like (blank)."""

from __future__ import annotations

import io

import pytest

from peaceops.demo.mandate_texts import modern_resolution_html


def _pdf_from_html(html: str) -> bytes:
    from weasyprint import HTML

    data = HTML(string=html).write_pdf()
    assert data is not None
    return bytes(data)


@pytest.fixture(scope="session")
def modern_pdf() -> bytes:
    """The 2020 illustrative renewal as a PDF with a text layer."""
    return _pdf_from_html(modern_resolution_html("minusma-like-2020"))


@pytest.fixture(scope="session")
def blank_pdf() -> bytes:
    """A two-page PDF without any text, like a scan that was never OCR'd."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_blank_page(width=595, height=842)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()
