"""Page header and footer: the confidentiality notice is never cut; the project title gives way."""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from docgen.errors import RenderError
from docgen.renderers.xlsx_page_setup import HEADER_FOOTER_LIMIT, fit_text, paper_for, utf16_len

from .conftest import render

NOTICE = "Confidential – for Stadtwerke Nordhafen Telekom GmbH and Brightwave Consulting GmbH only"


def footers(data: bytes) -> list[str]:
    """The oddFooter text of every visible sheet, XML entities resolved."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    found = []
    for name in sorted(archive.namelist()):
        if re.match(r"xl/worksheets/sheet\d+\.xml$", name):
            match = re.search(r"<oddFooter>(.*?)</oddFooter>", archive.read(name).decode("utf-8"), re.S)
            if match:
                found.append(match.group(1).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">"))
    return found


def sections(footer: str) -> dict[str, str]:
    """'&L&8x&C&8y&R&8z' -> {'L': 'x', 'C': 'y', 'R': 'z'} ('&&' is a literal '&')."""
    parts = re.split(r"(?<!&)&([LCR])&8", footer.replace("&&", "\0"))
    return {key: text.replace("\0", "&&") for key, text in zip(parts[1::2], parts[2::2])}


def with_branding(sample_project, notice: str, title: str | None = None):
    project = sample_project.model_copy(deep=True)
    project.branding.confidentiality = notice
    if title is not None:
        project.project.title = title
    return project


@pytest.mark.parametrize("kind", ["checklist", "internal", "customer"])
def test_the_samples_notice_is_whole_in_every_footer(sample_project, kind) -> None:
    data = render(sample_project, kind)
    found = footers(data)
    # the data sheet and the summary; the checklist's traceability sheet too
    assert len(found) == (3 if kind == "checklist" else 2)
    papers = list(paper_sizes(render(sample_project, kind)).values())
    for footer, paper in zip(found, papers, strict=True):
        parts = sections(footer)
        assert parts["C"] == NOTICE  # as written in project.yaml, not "… Telekom G…"
        title = "Migration of the customer mail platform to Brightwave Groupware"
        if paper == "9":  # the title gives way on A4; A3's wider footer holds it whole
            assert parts["L"].startswith("Migration of the customer mail platform") and parts["L"].endswith("…")
        else:
            assert parts["L"] == title
        assert parts["R"] == "Page &P of &N" and utf16_len(footer) <= HEADER_FOOTER_LIMIT


def test_a_short_notice_leaves_the_title_whole(sample_project) -> None:
    for footer in footers(render(with_branding(sample_project, "Confidential"), "checklist")):
        assert sections(footer)["L"] == sample_project.project.title


def test_a_long_notice_is_wrapped_whole_and_the_title_dropped(sample_project) -> None:
    notice = ("Confidential – prepared for Stadtwerke Nordhafen Telekom GmbH & Co. KG and Brightwave Consulting "
              "GmbH only; any disclosure, copying or distribution to third parties requires written consent.")
    data = render(with_branding(sample_project, notice), "checklist")
    a4 = [f for f, paper in zip(footers(data), paper_sizes(data).values(), strict=True) if paper == "9"]
    assert a4  # the summary sheet; the A3 sheets' footers have room for the notice on one line
    for footer in a4:
        parts = sections(footer)
        assert parts["C"].replace("\n", " ") == notice.replace("&", "&&")  # every word, '&' escaped
        assert parts["C"].count("\n") == 1 and parts["L"] == "" and parts["R"] == "Page &P of &N"
        assert utf16_len(footer) <= HEADER_FOOTER_LIMIT


def test_the_footer_stays_within_excels_limit_for_a_notice_just_short_enough(sample_project) -> None:
    words = "Confidential and proprietary to the customer and the vendor, do not share. "
    notice = (words * 4)[:220].strip()
    [data_footer, *_] = footers(render(with_branding(sample_project, notice), "checklist"))
    assert sections(data_footer)["C"].replace("\n", " ") == notice
    assert utf16_len(data_footer) <= HEADER_FOOTER_LIMIT


@pytest.mark.parametrize("notice", [
    "Confidential. " * 20,
    "Vertraulich & nur für den internen Gebrauch; " * 6,  # '&' counts twice
])
def test_a_notice_that_cannot_fit_is_refused_naming_the_field(sample_project, notice: str) -> None:
    with pytest.raises(RenderError) as caught:
        render(with_branding(sample_project, notice.strip()), "checklist")
    message = str(caught.value)
    assert message.startswith("branding.confidentiality: ") and "255" in message and "shorten" in message
    assert "leaves 230 for the notice" in message  # 255 less "&L&8&C&8&R&8Page &P of &N"


def test_fit_text() -> None:
    title = "Migration of the customer mail platform to Brightwave Groupware"
    assert fit_text(title, 80) == title
    assert fit_text(title, 43) == "Migration of the customer mail platform to…"
    assert fit_text(title, 45) == "Migration of the customer mail platform to…"
    assert fit_text(title, 19) == ""  # too short to say much: left out
    assert fit_text("R&D and QA & Ops team", 22) == "R&&D and QA && Ops…"  # '&' doubled and counted twice
    assert fit_text("R&D and QA & Operations", 20) == "R&&D and QA…"  # never ends in a lone '&'
    assert fit_text("Supercalifragilisticexpialidocious", 20) == "Supercalifragilisti…"
    assert len(fit_text(title, 20)) <= 20


def test_the_header_keeps_title_and_customer(sample_project) -> None:
    archive = zipfile.ZipFile(io.BytesIO(render(sample_project, "checklist")))
    sheet = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
    header = re.search(r"<oddHeader>(.*?)</oddHeader>", sheet).group(1)
    assert "Requirements Checklist" in header and "Stadtwerke Nordhafen Telekom GmbH" in header


def paper_sizes(data: bytes) -> dict[str, str]:
    """The paperSize of every sheet with a page footer (as `footers`), by sheet file (9 = A4, 8 = A3)."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    found = {}
    for name in sorted(archive.namelist()):
        xml = archive.read(name).decode("utf-8") if re.match(r"xl/worksheets/sheet\d+\.xml$", name) else ""
        if "<oddFooter>" in xml:
            match = re.search(r'<pageSetup [^>]*paperSize="(\d+)"', xml)
            found[name] = match.group(1) if match else "9"  # xlsxwriter leaves out its default, A4
    return found


def test_paper_follows_the_width_of_the_columns() -> None:
    assert paper_for(100, 0.4) == (9, 11.69)  # 100 width units fit A4 at 70 % or more
    assert paper_for(280, 0.4) == (8, 16.54)  # A4 would print them at about 5 pt
    assert paper_for(900, 0.4) == (8, 16.54)  # the largest paper we offer, scaled down


@pytest.mark.parametrize("kind", ["checklist", "internal"])
def test_the_wide_data_sheets_print_on_a3_and_the_summary_on_a4(sample_project, kind) -> None:
    papers = list(paper_sizes(render(sample_project, kind)).values())
    assert papers[0] == "8" and "9" in papers[1:], papers
