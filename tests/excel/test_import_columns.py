"""Columns on import: added ones are reported, not silently dropped; renamed labels still match."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl

from docgen.importing import import_workbook
from docgen.i18n import labels
from docgen.loader import load_project
from docgen.models import Language

from .conftest import edit, render, row_of

LOCALES = Path(__file__).resolve().parents[2] / "docgen" / "locales"


def _add_column(header, values: dict[str, object]):
    """An edit that writes `header` into the first free column and `values` by item id below it."""
    def change(sheet, col):
        column = sheet.max_column + 1
        sheet.cell(1, column).value = header
        for item_id, value in values.items():
            sheet.cell(row_of(sheet, item_id), column).value = value
    return change


def test_an_added_column_with_data_is_named_in_a_warning(project_dir: Path) -> None:
    before = (project_dir / "project.yaml").read_bytes()
    report = import_workbook(edit(project_dir / "checklist.xlsx", _add_column("Budget", {"REQ-030": 1200})))
    assert not report.has_changes
    [warning] = report.warnings
    assert warning.where == "Checklist!R1"
    assert warning.message == "column 'Budget' is not part of the checklist; its values were not imported"
    assert str(warning).startswith(f"{project_dir / 'edited.xlsx'}: Checklist!R1: column 'Budget'")
    assert (project_dir / "project.yaml").read_bytes() == before


def test_an_added_column_without_data_is_no_news(project_dir: Path) -> None:
    report = import_workbook(edit(project_dir / "checklist.xlsx", _add_column("Budget", {})))
    assert not report.has_changes and report.warnings == []


def test_a_column_without_a_header_but_with_data_is_named(project_dir: Path) -> None:
    report = import_workbook(edit(project_dir / "internal.xlsx", _add_column(None, {"IT-03": "see ticket 4711"})))
    [warning] = report.warnings
    assert warning.where == "Tests!M1"
    assert warning.message == ("column M has no header and is not part of the internal test protocol; "
                               "its values were not imported")


def test_a_second_column_with_a_known_header_is_named(project_dir: Path) -> None:
    edited = edit(project_dir / "checklist.xlsx", _add_column("Status", {"REQ-030": "Done"}))
    report = import_workbook(edited)
    assert not report.has_changes  # the first Status column is the one imported
    [warning] = report.warnings
    assert (warning.where, warning.message) == (
        "Checklist!R1", "a second column 'Status'; only the first one (Checklist!I1) was imported")


def test_added_columns_and_edits_together(project_dir: Path) -> None:
    def change(sheet, col):
        _add_column("Budget", {"REQ-030": 1200})(sheet, col)
        sheet.cell(row_of(sheet, "REQ-030"), col["Status"]).value = "Done"

    report = import_workbook(edit(project_dir / "checklist.xlsx", change))
    assert [(c.item_id, c.field) for c in report.changes] == [("REQ-030", "status"), ("REQ-030", "done_on")]
    assert [w.where for w in report.warnings] == ["Checklist!R1"]


# --- German labels -----------------------------------------------------------------------


def test_the_german_side_column_is_partei_not_seite() -> None:
    german = json.loads((LOCALES / "de" / "xlsx.json").read_text(encoding="utf-8"))
    assert german["xlsx.col.side"] == "Partei" and german["xlsx.summary.by_side"] == "Nach Partei"
    assert not [key for key, text in german.items() if "Seite" in text]  # "Seite" is a page
    assert labels("de")["page"] == "Seite"


def test_the_german_workbook_says_partei(workbooks) -> None:
    book = openpyxl.load_workbook(workbooks["checklist-de"])
    assert "Partei" in [c.value for c in book["Checkliste"][1]]
    assert "Nach Partei" in [row[0] for row in book["Übersicht"].iter_rows(values_only=True)]


def test_a_german_workbook_exported_with_the_former_label_still_imports(project_dir: Path, sample_project) -> None:
    path = project_dir / "checkliste.xlsx"
    path.write_bytes(render(sample_project, "checklist", language=Language.de))

    def change(sheet, col):
        sheet.cell(1, col["Partei"]).value = "Seite"  # as docgen wrote it before
        sheet.cell(row_of(sheet, "REQ-030"), col["Partei"]).value = "Kunde"

    report = import_workbook(edit(path, change))
    assert [(c.item_id, c.field, c.new) for c in report.changes] == [("REQ-030", "side", "customer")]
    assert report.warnings == []
    assert load_project(project_dir / "project.yaml").requirement("REQ-030").side.value == "customer"
