"""The checklist's traceability sheet: requirements against tests and work packages,
gaps highlighted, read-only for the round trip."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from docgen.importing import import_workbook
from docgen.renderers.xlsx_traceability import GAP_COLOR

from .conftest import render


def _sheet(workbook: Path, name: str = "Traceability"):
    return openpyxl.load_workbook(workbook)[name]


def _rows(sheet) -> dict[str, list]:
    return {row[0].value: row for row in sheet.iter_rows(min_row=4) if row[0].value}


def _fill(cell) -> str:
    return (cell.fill.fgColor.rgb or "")[-6:]


def test_matrix_of_requirements_and_tests(workbooks, sample_project) -> None:
    sheet = _sheet(workbooks["checklist"])
    header = [cell.value for cell in sheet[3]]
    tests = [*sample_project.tests.internal, *sample_project.tests.customer]
    assert header == ["Requirement", "Title", "Work package", "Tests", *[t.id for t in tests]]
    rows = _rows(sheet)
    assert [rid for rid in rows if rid.startswith("REQ-")] == [r.id for r in sample_project.requirements]
    galera = rows["REQ-030"]
    assert galera[2].value == "WP-08 Approval, training and launch support" and galera[3].value == 3
    results = {header[i]: galera[i].value for i in range(4, len(header)) if galera[i].value}
    assert results == {"IT-04": "Pass", "IT-05": "Pass", "IT-06": "Fail"}


def test_gaps_are_highlighted(workbooks) -> None:
    sheet = _sheet(workbooks["checklist"])
    rows = _rows(sheet)
    gap = GAP_COLOR.lstrip("#").upper()
    assert rows["REQ-002"][2].value == "none" and _fill(rows["REQ-002"][2]) == gap  # no work package
    assert rows["REQ-001"][3].value == 0 and _fill(rows["REQ-001"][3]) == gap  # no test
    assert _fill(rows["REQ-030"][3]) != gap
    listed = [row[1].value for row in sheet.iter_rows(min_row=4) if row[1].value and _fill(row[1]) == gap]
    assert [text.split()[0] for text in listed] == ["IT-08", "IT-09", "AT-01", "AT-02", "AT-03", "AT-04", "AT-05"]


def test_the_sheet_is_protected_and_its_edits_are_not_imported(project_dir: Path) -> None:
    book = openpyxl.load_workbook(project_dir / "checklist.xlsx")
    sheet = book["Traceability"]
    assert sheet.protection.sheet
    row = next(r for r in sheet.iter_rows(min_row=4) if r[0].value == "REQ-030")
    row[1].value, row[0].value = "=HYPERLINK(\"x\")", "REQ-999"
    book.save(project_dir / "edited.xlsx")
    before = (project_dir / "project.yaml").read_bytes()
    report = import_workbook(project_dir / "edited.xlsx", project_dir / "project.yaml")
    assert not report.has_changes and (project_dir / "project.yaml").read_bytes() == before


def test_only_the_checklist_has_it_and_german_names_it(sample_project, workbooks) -> None:
    assert "Rückverfolgbarkeit" in openpyxl.load_workbook(workbooks["checklist-de"]).sheetnames
    assert "Traceability" not in openpyxl.load_workbook(workbooks["internal"]).sheetnames


def test_user_text_stays_text(sample_project, tmp_path: Path) -> None:
    project = sample_project.model_copy(deep=True)
    project.requirements[0].title = "=1+1 <b>&"
    path = tmp_path / "checklist.xlsx"
    path.write_bytes(render(project, "checklist"))
    cell = _rows(_sheet(path))["REQ-001"][1]
    assert cell.value == "=1+1 <b>&" and cell.data_type == "s"
