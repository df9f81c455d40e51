"""Text from the data file stays text: no formulas, no lost characters, clear errors."""

from __future__ import annotations

import io

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from docgen.errors import RenderError
from docgen.excel.layout import LAYOUTS
from tests.excel.conftest import excel_unescape
from docgen.models import Requirement

from .conftest import render

TRICKY = [
    '=HYPERLINK("http://x","y")',
    "+49 30 1234",
    "-1",
    "@SUM(A1:A2)",
    "=1+1",
    "2026-04-15",
    "00123",
    "1e5",
    "TRUE",
    "http://example.com",
    "_x0041_ literal escape",
    "a < b & c > d \"quoted\" 'single'",
    "  leading and trailing  ",
    "line one\r\nline two\rthree",
    "tab\tseparated",
    "{{ jinja }} {% raw %}",
    "emoji 🚀 and مرحبا بالعالم and 中文",
]


def _project_with_titles(project, titles):
    base = project.requirements[0]
    extra = [Requirement(**{**base.model_dump(), "id": f"X-{n}", "title": t, "customer_remarks": t})
             for n, t in enumerate(titles)]
    return project.model_copy(update={"requirements": extra})




def test_tricky_text_comes_back_exactly(sample_project):
    data = render(_project_with_titles(sample_project, TRICKY), "checklist")
    sheet = openpyxl.load_workbook(io.BytesIO(data))["Checklist"]
    # openpyxl leaves Excel's _xHHHH_ escapes in place; Excel, LibreOffice and calamine do not.
    remarks = LAYOUTS["checklist"].index("customer_remarks")
    by_openpyxl = [(excel_unescape(row[2].value), row[2].data_type, excel_unescape(row[remarks].value))
                   for row in sheet.iter_rows(min_row=2)]
    assert by_openpyxl == [(t, "s", t) for t in TRICKY]
    rows = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_name("Checklist").to_python()
    assert [row[2] for row in rows[1:]] == TRICKY


def test_hyperlink_title_is_a_plain_string_cell(sample_project):
    data = render(_project_with_titles(sample_project, ['=HYPERLINK("http://x","y")']), "checklist")
    cell = openpyxl.load_workbook(io.BytesIO(data))["Checklist"]["C2"]
    assert cell.data_type == "s" and cell.value == '=HYPERLINK("http://x","y")' and cell.hyperlink is None


def test_too_long_text_names_the_field(sample_project):
    # The model refuses such text (docgen.models.limits); the writer still guards data
    # built without validation.
    with pytest.raises(ValueError, match="longer than 32,767"):
        _project_with_titles(sample_project, ["x" * 32_768])
    base = sample_project.requirements[0]
    long = base.model_construct(**{**dict(base), "id": "X-1", "title": "x" * 32_768})
    project = sample_project.model_copy(update={"requirements": [base, long]})
    with pytest.raises(RenderError, match=r"requirements\[1\]\.title: .*32,767"):
        render(project, "checklist")


def test_longest_allowed_text_is_written(sample_project):
    data = render(_project_with_titles(sample_project, ["x" * 32_767]), "checklist")
    assert openpyxl.load_workbook(io.BytesIO(data))["Checklist"]["C2"].value == "x" * 32_767


def test_character_xml_cannot_hold_names_the_field(sample_project):
    requirement = sample_project.requirements[0].model_construct(
        **{**sample_project.requirements[0].model_dump(), "notes": "bell\x07"})
    project = sample_project.model_copy(update={"requirements": [requirement]})
    with pytest.raises(RenderError, match=r"requirements\[0\]\.notes: character U\+0007"):
        render(project, "checklist")


def test_empty_collection_still_gives_a_valid_workbook(sample_project):
    project = sample_project.model_copy(update={"requirements": []})
    book = openpyxl.load_workbook(io.BytesIO(render(project, "checklist")))
    assert book["Checklist"].max_row <= 2 and book["Checklist"]["B2"].value is None
