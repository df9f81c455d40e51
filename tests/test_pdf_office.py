"""The warm LibreOffice: one start for many documents, a restart after a timeout."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from docgen import pdf_office
from docgen.errors import ConversionError
from tests.conftest import require_soffice
from tests.test_pdf import docx_with_stale_toc


@pytest.fixture
def office(tmp_path: Path):
    require_soffice()
    if pdf_office.uno_python() is None:
        if os.environ.get("DOCGEN_REQUIRE_LIBREOFFICE") == "1":
            pytest.fail("python3-uno is required (DOCGEN_REQUIRE_LIBREOFFICE=1) but not installed")
        pytest.skip("no Python with LibreOffice's uno module (python3-uno)")
    warm = pdf_office.WarmOffice(tmp_path / "profile")
    yield warm
    warm.close()


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def test_one_start_converts_every_document_and_updates_contents(office, tmp_path: Path) -> None:
    first = docx_with_stale_toc(tmp_path / "Konzept für Nordhafen.docx")
    second = docx_with_stale_toc(tmp_path / "second.docx")
    pdfs = office.convert([first], tmp_path / "pdf", timeout=60)
    pdfs += office.convert([second], tmp_path / "pdf", timeout=60)  # another project, same LibreOffice
    assert [p.name for p in pdfs] == ["Konzept für Nordhafen.pdf", "second.pdf"]
    assert office.starts == 1
    text = pdf_text(pdfs[0])
    assert "STALE" not in text and re.search(r"Chapter 1\.+ *1\n", text), text[:400]


def test_a_broken_document_is_named_and_the_office_keeps_serving(office, tmp_path: Path) -> None:
    good = docx_with_stale_toc(tmp_path / "good.docx")
    broken = tmp_path / "broken.docx"
    broken.write_bytes(good.read_bytes()[:2000])  # a truncated zip
    with pytest.raises(ConversionError, match="broken.docx: "):
        office.convert([broken, good], tmp_path / "pdf", timeout=60)
    assert (tmp_path / "pdf" / "good.pdf").is_file()
    assert office.starts == 1


def test_a_conversion_over_its_time_restarts_libreoffice(office, tmp_path: Path) -> None:
    source = docx_with_stale_toc(tmp_path / "slow.docx")
    office.convert([source], tmp_path / "warm-up", timeout=60)
    with pytest.raises(ConversionError, match=r"slow.docx: took longer than 0.001 s \(LibreOffice restarted\)"):
        office.convert([source], tmp_path / "pdf", timeout=0.001)
    (pdf,) = office.convert([source], tmp_path / "pdf", timeout=60)
    assert office.starts == 2 and "STALE" not in pdf_text(pdf)


@pytest.fixture
def offices(office, tmp_path: Path):
    two = pdf_office.WarmOffices([tmp_path / "profile-a", tmp_path / "profile-b"])
    yield two
    two.close()


def test_two_offices_share_a_list_each_with_its_own_profile(offices, tmp_path: Path) -> None:
    sources = [docx_with_stale_toc(tmp_path / f"doc-{n}.docx") for n in range(4)]
    done: list[int] = []
    pdfs = offices.convert(sources, tmp_path / "pdf", timeout=60, on_converted=done.append)
    assert [p.name for p in pdfs] == [f"doc-{n}.pdf" for n in range(4)]
    assert sorted(done) == [0, 1, 2, 3] and offices.starts == 2
    assert all("STALE" not in pdf_text(pdf) for pdf in pdfs)
    assert (tmp_path / "profile-a" / "user").is_dir() and (tmp_path / "profile-b" / "user").is_dir()


def test_two_offices_name_the_broken_document_and_convert_the_rest(offices, tmp_path: Path) -> None:
    good = [docx_with_stale_toc(tmp_path / f"good-{n}.docx") for n in range(3)]
    broken = tmp_path / "broken.docx"
    broken.write_bytes(good[0].read_bytes()[:2000])
    with pytest.raises(ConversionError, match=r"^PDF conversion failed: broken.docx: [^;]*$"):
        offices.convert([good[0], broken, *good[1:]], tmp_path / "pdf", timeout=60)
    assert all((tmp_path / "pdf" / f"good-{n}.pdf").is_file() for n in range(3))


def test_each_timeout_restarts_the_office_it_happened_in(offices, tmp_path: Path) -> None:
    sources = [docx_with_stale_toc(tmp_path / f"doc-{n}.docx") for n in range(2)]
    offices.convert(sources, tmp_path / "warm-up", timeout=60)
    with pytest.raises(ConversionError, match="took longer than 0.001 s"):
        offices.convert(sources, tmp_path / "pdf", timeout=0.001)
    assert all("STALE" not in pdf_text(pdf) for pdf in offices.convert(sources, tmp_path / "pdf", timeout=60))
    assert offices.starts == 2 + 2  # each office started once, then once after each document over time


def test_a_closed_office_starts_no_libreoffice(tmp_path: Path) -> None:
    # A conversion thread still running when a stopping build closes its offices
    # must not start a LibreOffice that nobody would end.
    office = pdf_office.WarmOffice(tmp_path / "profile")
    office.close()
    with pytest.raises(ConversionError, match="closed"):
        office.convert([tmp_path / "a.docx"], tmp_path / "pdf", timeout=60)
    assert office.starts == 0 and not (tmp_path / "profile").exists()
