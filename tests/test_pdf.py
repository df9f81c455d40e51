"""PDF conversion: clear errors without LibreOffice, reproducible PDFs, parallel builds."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
from pathlib import Path

import pytest

from docgen.batch import BuildRequest, run_build
from docgen.errors import ConversionError
from docgen.pdf import convert_to_pdf, find_soffice, reproducible_pdf
from tests.conftest import build_fakes, require_soffice

STAMP = dt.datetime(2026, 3, 2, tzinfo=dt.timezone.utc)
# The tail of a PDF as LibreOffice writes it: the clock time and a random id.
PDF_TAIL = (b"/Producer<FEFF>\n/CreationDate(D:%sZ')>>\nendobj\nxref\n0 14\n"
            b"trailer\n<</Size 14/Root 12 0 R\n/Info 13 0 R\n/ID [ <%s>\n<%s> ]\n"
            b"/DocChecksum /%s\n>>\nstartxref\n5197\n%%%%EOF\n")


def fake_pdf(when: bytes, file_id: bytes) -> bytes:
    return b"%PDF-1.6\n1 0 obj<</Type/Page>>endobj\n" + PDF_TAIL % (when, file_id, file_id, file_id)


def fakes():
    return build_fakes()


def ready_profile(tmp_path: Path) -> Path:
    """A profile that already holds the macro, so a fake soffice is only asked to convert."""
    standard = tmp_path / "profile" / "user" / "basic" / "Standard"
    standard.mkdir(parents=True)
    (standard / "DocgenPdf.xba").write_text("installed")
    return tmp_path / "profile"


def docx_with_stale_toc(path: Path) -> Path:
    """Three chapters and a table of contents field that still holds its placeholder text."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    run = document.add_paragraph().add_run()
    for kind, text in (("begin", None), (None, 'TOC \\o "1-3" \\h \\z \\u'), ("separate", None),
                       (None, "STALE: update the table"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText" if text.startswith("TOC") else "w:t")
            element.text = text
        run._r.append(element)
    for chapter in (1, 2, 3):
        document.add_heading(f"Chapter {chapter}", 1)
        for _ in range(40):
            document.add_paragraph("Lorem ipsum dolor sit amet. " * 8)
    document.save(str(path))
    return path


def fake_soffice(tmp_path: Path, body: str) -> str:
    script = tmp_path / "soffice"
    script.write_text(f"#!/bin/sh\n{body}\n")
    script.chmod(0o755)
    return str(script)


# --- without LibreOffice -------------------------------------------------------------


def test_reproducible_pdf_fixes_date_and_id_keeping_the_length() -> None:
    first = fake_pdf(b"20261127214552", b"2786BD22BD1358921C0C038F6048C437")
    second = fake_pdf(b"20261128101010", b"47C85B3D8E572741992367FE3FE87716")
    fixed = reproducible_pdf(first, STAMP)
    assert fixed == reproducible_pdf(second, STAMP)
    assert len(fixed) == len(first)  # the cross-reference offsets stay valid
    assert b"/CreationDate(D:20260302000000Z')" in fixed
    other = reproducible_pdf(first.replace(b"/Type/Page", b"/Type/Pag2"), STAMP)
    assert other.split(b"/ID")[1] != fixed.split(b"/ID")[1]  # the id still tells documents apart


def test_missing_soffice_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("DOCGEN_SOFFICE", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ConversionError, match="LibreOffice .soffice. is not on PATH; install"):
        find_soffice()
    project = fakes().write_project(tmp_path, "alpha")
    with pytest.raises(ConversionError, match="not on PATH"):  # before any work is done
        run_build(BuildRequest(sources=[project], out=tmp_path / "out", pdf=True, jobs=1),
                  renderers=fakes().fake_renderers())
    assert not (tmp_path / "out").exists()


def test_a_configured_soffice_must_exist(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DOCGEN_SOFFICE", str(tmp_path / "nowhere"))
    with pytest.raises(ConversionError, match="DOCGEN_SOFFICE=.*not an executable"):
        find_soffice()


def test_a_hanging_conversion_times_out(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DOCGEN_SOFFICE", fake_soffice(tmp_path, "sleep 30"))
    (tmp_path / "a.docx").write_bytes(b"x")
    started = dt.datetime.now()
    with pytest.raises(ConversionError, match="longer than 0.5s to convert a.docx"):
        convert_to_pdf([tmp_path / "a.docx"], tmp_path / "pdf", profile_dir=ready_profile(tmp_path), timeout=0.5)
    assert (dt.datetime.now() - started).total_seconds() < 10


def test_a_conversion_without_result_names_the_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DOCGEN_SOFFICE", fake_soffice(tmp_path, "echo 'Error: source file could not be loaded'"))
    (tmp_path / "a.docx").write_bytes(b"x")
    with pytest.raises(ConversionError, match="did not convert a.docx.*could not be loaded"):
        convert_to_pdf([tmp_path / "a.docx"], tmp_path / "pdf", profile_dir=ready_profile(tmp_path), timeout=5)


# --- with LibreOffice ----------------------------------------------------------------


def test_tables_of_contents_are_updated_and_broken_files_named(tmp_path: Path) -> None:
    require_soffice()
    profile = tmp_path / "profile"
    source = docx_with_stale_toc(tmp_path / "Konzept für Nordhafen.docx")
    (pdf,) = convert_to_pdf([source], tmp_path / "pdf", profile_dir=profile, timeout=60)
    assert pdf.name == "Konzept für Nordhafen.pdf"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "STALE" not in text
    assert re.search(r"Chapter 1\.+ *1\n", text) and re.search(r"Chapter 3\.+ *[3-9]\n", text), text[:400]
    broken = tmp_path / "broken.docx"
    broken.write_bytes(source.read_bytes()[:2000])  # a truncated zip
    with pytest.raises(ConversionError, match="did not convert broken.docx to PDF: broken.docx: LibreOffice cannot open it"):
        convert_to_pdf([broken], tmp_path / "pdf", profile_dir=profile, timeout=60)


def test_parallel_pdf_build_gives_one_reproducible_pdf_per_document(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    require_soffice()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    root = tmp_path / "projects"
    for name in ("alpha", "beta"):
        fakes().write_project(root, name)
    request = BuildRequest(sources=[root], out=tmp_path / "out", pdf=True, jobs=2)
    report = run_build(request, renderers=fakes().fake_renderers())
    assert report.exit_code == 0, report.summary_table()
    pdfs = sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*.pdf"))
    assert pdfs == ["alpha/fake-doc.pdf", "alpha/fake-sheet.pdf", "beta/fake-doc.pdf", "beta/fake-sheet.pdf"]
    info = subprocess.run(["pdfinfo", str(tmp_path / "out" / "alpha" / "fake-doc.pdf")],
                          capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages: +1$", info, re.MULTILINE), info
    # Converting again must give the same PDFs: --check compares them too.
    check = run_build(BuildRequest(sources=[root], out=tmp_path / "out", pdf=True, jobs=2, check=True),
                      renderers=fakes().fake_renderers())
    assert check.exit_code == 0, check.summary_table()
    assert len([d for d in check.documents if d.is_pdf]) == 4
    assert not [p for p in os.listdir(tmp_path) if p.startswith("docgen-build-")]
