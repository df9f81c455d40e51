"""The golden machinery itself: what the extractor keeps, how cases compare and refresh."""

from __future__ import annotations

import base64
import datetime as dt
import io
from pathlib import Path

import docx
import pytest
import xlsxwriter
from docx.enum.text import WD_BREAK

from tests.conftest import ROOT
from tests.golden.cases import REFRESH_COMMAND, Case, GoldenError, difference, refresh, render
from tests.golden.extract import extract

# A 1x1 transparent PNG, enough for python-docx to place a picture.
PIXEL = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA"
                         "60e6kgAAAABJRU5ErkJggg==")
MINIMAL = (ROOT / "tests" / "data" / "minimal.yaml").read_text(encoding="utf-8")


def make_docx(path: Path) -> Path:
    document = docx.Document()
    document.core_properties.title = "Golden <test>"
    document.core_properties.created = dt.datetime(2026, 5, 4, tzinfo=dt.timezone.utc)
    section = document.sections[0]
    section.header.paragraphs[0].text = "Shared header"
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].text = "Cover header"
    section.footer.paragraphs[0].text = "Same footer"
    section.first_page_footer.paragraphs[0].text = "Same footer"
    document.add_heading("Scope & goals", level=1)
    document.add_paragraph("")  # spacing only: no line
    body = document.add_paragraph("first\tsecond")
    body.add_run().add_break(WD_BREAK.LINE)
    body.add_run("third")
    document.add_paragraph().add_run().add_picture(io.BytesIO(PIXEL))
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "spans two"
    table.cell(0, 2).text = "right"
    table.cell(1, 0).text = "a"
    table.cell(1, 0).add_paragraph("b")
    table.cell(1, 1).add_table(rows=1, cols=2).cell(0, 1).text = "nested"
    document.save(path)
    return path


def make_xlsx(path: Path) -> Path:
    with xlsxwriter.Workbook(str(path)) as workbook:
        sheet = workbook.add_worksheet("Data")
        sheet.write_row(0, 0, ["ID", "Due", "Done", "Days", "Share", "Sum"])
        sheet.write_string(1, 0, "=1+1")
        date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
        sheet.write_datetime(1, 1, dt.datetime(2026, 3, 1), date_format)  # read back as a date
        sheet.write_boolean(1, 2, True)
        sheet.write_number(1, 3, 12.0)
        sheet.write_number(1, 4, 0.25)
        sheet.write_formula(1, 5, "=D2*2", None, 24)
        sheet.write_string(3, 1, "line one\nline two")  # row 3 stays empty, column A too
        workbook.add_worksheet("_meta").hide()
    return path


def test_docx_text_keeps_content_in_document_order(tmp_path):
    text = extract(make_docx(tmp_path / "sample.docx"))
    # python-docx's default template brings its own author and revision; only ours are checked
    properties, rest = text.split("== header ==\n", 1)
    assert properties.startswith("# sample.docx\n== properties ==\ntitle: Golden <test>\n")
    assert "created: 2026-05-04T00:00:00+00:00\n" in properties
    assert rest == (
        "[header]\n"
        "  [Header] Shared header\n"
        "[first page header]\n"
        "  [Header] Cover header\n"
        "== body ==\n"
        "[Heading 1] Scope & goals\n"
        "[Normal] first ⇥ second ↵ third\n"
        "[Normal] [image]\n"
        "[table 2x3]\n"
        "  spans two | right\n"
        "  a ¶ b | [ | nested] |\n"
        "== footer ==\n"
        "[footer]\n"  # the first page's footer has the same text: shown once
        "  [Footer] Same footer\n"
    )


def test_xlsx_text_lists_each_sheets_non_empty_rows_with_their_numbers(tmp_path):
    assert extract(make_xlsx(tmp_path / "sample.xlsx")) == (
        "# sample.xlsx\n"
        "== sheet Data ==\n"
        "1: ID | Due | Done | Days | Share | Sum\n"
        "2: =1+1 | 2026-03-01 | TRUE | 12 | 0.25 | 24\n"
        "4:  | line one ↵ line two\n"
        "== sheet _meta (hidden) ==\n"
    )


def test_extract_refuses_other_formats(tmp_path):
    with pytest.raises(ValueError, match="no golden extractor for '.pdf'"):
        extract(tmp_path / "charter.pdf")


def make_case(tmp_path: Path, project_text: str) -> Case:
    folder = tmp_path / "demo-case"
    folder.mkdir()
    (folder / "project.yaml").write_text(project_text, encoding="utf-8")
    return Case(name="demo-case", folder=folder, project=folder / "project.yaml")


def pinned(project_text: str) -> str:
    return project_text.replace("  start: 2026-01-05\n", "  start: 2026-01-05\n  as_of: 2026-02-02\n")


def test_refresh_writes_every_document_and_drops_stale_ones(tmp_path):
    case = make_case(tmp_path, pinned(MINIMAL))
    case.expected_dir.mkdir()
    case.expected_file("gone").write_text("an old deliverable\n", encoding="utf-8")
    changes = refresh(case)
    assert "charter" in case.expected_names() and "gone" not in case.expected_names()
    assert any(change.startswith("removed") for change in changes)
    assert "created: 2026-02-02T00:00:00+00:00" in case.expected_file("charter").read_text(encoding="utf-8")
    assert refresh(case) == []  # same input, same text


def test_a_difference_shows_a_diff_and_how_to_refresh(tmp_path):
    case = make_case(tmp_path, pinned(MINIMAL))
    case.expected_dir.mkdir()
    case.expected_file("charter").write_text("[Title] Charter\n[Heading 1] Goals\n", encoding="utf-8")
    assert difference(case, "charter", "[Title] Charter\n[Heading 1] Goals\n") == ""
    message = difference(case, "charter", "[Title] Charter\n[Heading 1] Aims\n")
    assert "-[Heading 1] Goals\n+[Heading 1] Aims\n" in message
    assert REFRESH_COMMAND in message


def test_a_case_without_as_of_is_refused(tmp_path):
    with pytest.raises(GoldenError, match="sets no project.as_of"):
        render(make_case(tmp_path, MINIMAL))


def test_a_failing_build_names_the_command_and_its_message(tmp_path):
    broken = pinned(MINIMAL).replace("side: customer", "side: nobody")
    with pytest.raises(GoldenError, match=r"(?s)exited 1:.*people\[0\]\.side"):
        render(make_case(tmp_path, broken))
