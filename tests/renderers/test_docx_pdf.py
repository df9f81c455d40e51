"""Every DOCX output converts to PDF with headless LibreOffice (one run for the set)."""

from __future__ import annotations


def test_every_output_converts_to_pdf(all_pdfs):
    assert len(all_pdfs) >= 3 * 5
    for name, pdf in all_pdfs.items():
        data = pdf.read_bytes()
        assert data.startswith(b"%PDF"), name
        assert b"/Type /Page" in data or b"/Type/Page" in data, name
