"""The workbook is a working tool: table, filters, dropdowns, formats, print setup, properties."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from docgen.excel.layout import LAYOUTS

KINDS = ["checklist", "internal", "customer"]


@pytest.fixture(scope="module")
def books(workbooks):
    return {kind: openpyxl.load_workbook(path) for kind, path in workbooks.items()}


@pytest.mark.parametrize("kind", KINDS)
def test_data_sheet_is_a_frozen_filtered_table(books, sample_project, kind):
    sheet = books[kind].worksheets[0]
    layout = LAYOUTS[kind]
    [(name, ref)] = sheet.tables.items()
    rows = len(layout.items(sample_project))
    assert name == layout.table and ref == f"A1:{chr(64 + len(layout.columns))}{rows + 1}"
    assert sheet.tables[name].autoFilter is not None
    assert sheet.freeze_panes == "C2"
    assert books[kind].active.title == sheet.title


@pytest.mark.parametrize("kind", KINDS)
def test_dropdowns_come_from_the_hidden_lists_sheet(books, kind):
    book = books[kind]
    sheet = book.worksheets[0]
    layout = LAYOUTS[kind]
    lists = {v.formula1: v for v in sheet.data_validations.dataValidation if v.type == "list"}
    wanted = {f"{c.choices.defined_name}" for c in layout.columns if c.choices}
    assert set(lists) == wanted
    assert all(v.showErrorMessage and v.error and v.errorTitle for v in lists.values())
    assert book["_lists"].sheet_state == "hidden"
    assert set(book.defined_names) >= wanted


@pytest.mark.parametrize("kind", KINDS)
def test_conditional_formats_mark_overdue_done_and_failed(books, kind):
    rules = [rule.formula[0] for cf in books[kind].worksheets[0].conditional_formatting for rule in cf.rules]
    if kind == "checklist":
        # overdue items not done: due before the render date, the same date the summary counts against
        assert any("<docgen_as_of" in r and '"Done"' in r for r in rules)
        assert not any("TODAY()" in r for r in rules)
        assert any(r.endswith('="Done"') for r in rules)
    else:
        assert any('"Fail"' in r for r in rules) and any('"Pass"' in r for r in rules)


@pytest.mark.parametrize("kind", KINDS)
def test_print_setup(books, kind):
    sheet = books[kind].worksheets[0]
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToHeight == 0
    assert sheet.print_title_rows == "$1:$1"
    footer = sheet.oddFooter
    assert "Migration of the customer mail platform" in footer.left.text and "&P" in footer.right.text


@pytest.mark.parametrize("kind", KINDS)
def test_properties(books, sample_project, kind):
    book = books[kind]
    assert sample_project.project.title in book.properties.title
    custom = {p.name: p.value for p in book.custom_doc_props}
    assert custom["docgen.project_id"] == sample_project.project.id and custom["docgen.kind"] == kind
    assert len(custom["docgen.meta_sha256"]) == 64


@pytest.mark.parametrize("kind", KINDS)
def test_company_property(workbooks, sample_project, kind):
    import zipfile

    app = zipfile.ZipFile(workbooks[kind]).read("docProps/app.xml").decode()
    assert f"<Company>{sample_project.project.vendor.name}</Company>" in app


def test_customer_edits_only_light_columns(books):
    sheet = books["checklist"]["Checklist"]
    fills = {c.value: c.fill.fgColor.rgb for c in sheet[1]}
    layout = LAYOUTS["checklist"]
    editable = {fills[h] for h, c in zip(fills, layout.columns) if c.editable}
    fixed = {fills[h] for h, c in zip(fills, layout.columns) if not c.editable}
    assert len(editable) == 1 and len(fixed) == 1 and editable != fixed
    assert {"Customer remarks", "QA re-check", "Status"} <= {h for h, c in zip(fills, layout.columns) if c.editable}


def test_summary_has_formulas_and_a_chart(workbooks):
    import zipfile

    book = openpyxl.load_workbook(workbooks["checklist"])
    summary = book["Summary"]
    formulas = [c.value for row in summary.iter_rows() for c in row if isinstance(c.value, str)
                and c.value.startswith("=")]
    assert any("Checklist[Status]" in f for f in formulas)
    assert any(f.startswith("=IF(") and "Ready for launch" in f for f in formulas)
    assert not any("TODAY()" in f for f in formulas)
    assert any('"<"&docgen_as_of' in f for f in formulas)
    names = zipfile.ZipFile(workbooks["checklist"]).namelist()
    assert any(n.startswith("xl/charts/chart") for n in names)


def test_the_render_date_is_a_labelled_cell_behind_a_defined_name(workbooks, sample_project):
    book = openpyxl.load_workbook(workbooks["checklist"])
    assert book.defined_names["docgen_as_of"].attr_text == "'Summary'!$B$5"
    summary = book["Summary"]
    assert summary["A5"].value == "Overdue as of"
    assert summary["B5"].value.date() == sample_project.project.as_of and summary["B5"].is_date
    later = openpyxl.load_workbook(workbooks["checklist-later"])["Summary"]
    assert later["B5"].value.date() == dt.date(2027, 1, 15)
    german = openpyxl.load_workbook(workbooks["checklist-de"])
    assert german.defined_names["docgen_as_of"].attr_text == "'Übersicht'!$B$5"
    assert german["Übersicht"]["A5"].value == "Überfällig zum Stichtag"
    assert german["Übersicht"]["B5"].number_format == "dd.mm.yyyy"


def test_the_readiness_colour_follows_the_recalculated_sentence(workbooks):
    summary = openpyxl.load_workbook(workbooks["checklist"])["Summary"]
    rules = {str(cf.sqref): [r.formula[0] for r in cf.rules] for cf in summary.conditional_formatting}
    [ready, not_ready] = rules["A6"]
    assert ready.startswith("AND(") and not_ready == f"NOT({ready})"
    assert summary["A6"].value.startswith("=IF(" + ready + ",")
