"""Read-only cells on import: a customer's edit is reported (refused with --strict), judged
against the values as exported (the `_meta` read-only hash), not against project.yaml."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import openpyxl
import pytest

from docgen.errors import WorkbookError
from docgen.importing import import_workbook
from docgen.excel.rows import _FAILED, edited_read_only
from docgen.excel.meta import FIRST_ROW_OF_ROWS, HASH_PROPERTY, SIGNATURE_PROPERTY, meta_hash, read_only_hash
from docgen.signing import sign, signing_key

from .conftest import edit, row_of


def test_read_only_edits_are_reported_and_refused_under_strict(project_dir: Path) -> None:
    edited = edit(project_dir / "checklist.xlsx",
                  lambda s, c: setattr(s.cell(row_of(s, "REQ-003"), c["Title"]), "value", "Renamed"))
    report = import_workbook(edited)
    assert not report.has_changes
    [warning] = report.warnings
    assert warning.where == "Checklist!C4" and "read-only" in warning.message
    with pytest.raises(WorkbookError, match="read-only"):
        import_workbook(edited, strict=True)


def _vendor_changes_req_003(project_dir: Path) -> None:
    """After the export, the vendor renames REQ-003 and moves it to another phase in project.yaml."""
    path = project_dir / "project.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  - id: REQ-003\n")
    end = text.index("\n  - id: ", start + 1)
    item = text[start:end].replace("title: Deliver Customer Implementation Concept 1.0",
                                   "title: Deliver Customer Implementation Concept 1.1")
    item = item.replace("phase: initialization", "phase: implementation")
    assert item != text[start:end] and item.count("1.1") == 1 and "implementation" in item
    path.write_text(text[:start] + item + text[end:], encoding="utf-8")


def test_a_read_only_field_the_vendor_changed_after_the_export_is_not_a_customer_edit(project_dir: Path) -> None:
    _vendor_changes_req_003(project_dir)
    before = (project_dir / "project.yaml").read_bytes()
    for strict in (False, True):
        report = import_workbook(project_dir / "checklist.xlsx", strict=strict)
        assert not report.has_changes and report.warnings == []
    assert (project_dir / "project.yaml").read_bytes() == before


def test_a_read_only_edit_is_told_apart_from_the_vendors_change_of_the_same_row(project_dir: Path) -> None:
    _vendor_changes_req_003(project_dir)
    edited = edit(project_dir / "checklist.xlsx",
                  lambda s, c: setattr(s.cell(row_of(s, "REQ-003"), c["Notes"]), "value", "Please hurry"))
    [warning] = import_workbook(edited).warnings
    assert (warning.where, warning.path) == ("Checklist!O4", "REQ-003.notes") and "read-only" in warning.message
    with pytest.raises(WorkbookError, match="read-only") as caught:
        import_workbook(edited, strict=True)
    assert [p.path for p in caught.value.problems] == ["REQ-003.notes"]


def test_a_read_only_field_changed_on_both_sides_is_reported(project_dir: Path) -> None:
    _vendor_changes_req_003(project_dir)
    edited = edit(project_dir / "checklist.xlsx",
                  lambda s, c: setattr(s.cell(row_of(s, "REQ-003"), c["Title"]), "value", "Concept 2.0"))
    report = import_workbook(edited)
    # With the title changed on both sides, the row's one hash cannot clear the vendor's phase
    # change either: every read-only cell that differs from project.yaml is reported.
    assert [(w.where, w.path) for w in report.warnings] == [("Checklist!C4", "REQ-003.title"),
                                                            ("Checklist!E4", "REQ-003.phase")]
    assert not report.has_changes
    with pytest.raises(WorkbookError, match="read-only"):
        import_workbook(edited, strict=True)


def _resealed(path: Path, change: Callable, name: str) -> Path:
    """The workbook after `change(meta_sheet)`, its meta hash recomputed as docgen computes it."""
    book = openpyxl.load_workbook(path)
    sheet = book["_meta"]
    change(sheet)
    header = [(sheet.cell(row, 1).value, sheet.cell(row, 2).value) for row in range(2, FIRST_ROW_OF_ROWS - 1)]
    rows = [[cell.value for cell in row if cell.value is not None] for row in sheet.iter_rows(min_row=FIRST_ROW_OF_ROWS)]
    digest = meta_hash(header, rows)
    sheet.cell(FIRST_ROW_OF_ROWS - 2, 2).value = digest
    next(p for p in book.custom_doc_props if p.name == HASH_PROPERTY).value = digest
    # Signed as an export of this repository signs it (docgen.signing), which a customer cannot do.
    signature = sign(signing_key(path.parent, create=False), digest)
    next(p for p in book.custom_doc_props if p.name == SIGNATURE_PROPERTY).value = signature
    book.save(path.with_name(name))
    return path.with_name(name)


def _as_exported_before_read_only_hashes(path: Path) -> Path:
    """The workbook as docgen exported it before `_meta` rows had a read-only hash (four cells, hashed as four)."""
    def change(sheet):
        for row in range(15, sheet.max_row + 1):
            sheet.cell(row, 5).value = None

    return _resealed(path, change, "older.xlsx")


def test_an_older_export_without_read_only_hashes_is_judged_against_the_project(project_dir: Path) -> None:
    older = _as_exported_before_read_only_hashes(project_dir / "checklist.xlsx")
    report = import_workbook(older)
    assert not report.has_changes and report.warnings == []
    _vendor_changes_req_003(project_dir)  # nothing tells this apart from a customer's edit any more
    assert sorted(w.path for w in import_workbook(older).warnings) == ["REQ-003.phase", "REQ-003.title"]


@pytest.mark.parametrize("field", ["no_such_field", "title"])
def test_a_resealed_meta_cannot_widen_the_editable_columns(project_dir: Path, field: str) -> None:
    def change(sheet):
        assert sheet["A12"].value == "editable"
        sheet["B12"].value = sheet["B12"].value.replace('["', f'["{field}","', 1)

    before = (project_dir / "project.yaml").read_bytes()
    with pytest.raises(WorkbookError, match=rf"_meta!B12: _meta marks {field} as editable, which docgen never does"):
        import_workbook(_resealed(project_dir / "checklist.xlsx", change, "crafted.xlsx"))
    assert (project_dir / "project.yaml").read_bytes() == before


def test_edited_read_only_fields_are_those_that_explain_the_exported_hash() -> None:
    exported = {"id": "REQ-1", "title": "Old", "notes": "", "phase": "initialization"}
    ours = {**exported, "title": "New", "phase": "approval"}  # the vendor's changes since the export
    stored = read_only_hash(exported)
    assert edited_read_only(stored, ours, {"title": "Old", "phase": "initialization"}) == []
    assert edited_read_only(stored, ours, {"title": "Old", "notes": "x", "phase": "initialization"}) == ["notes"]
    assert edited_read_only(stored, ours, {"title": "Old", "notes": _FAILED, "phase": "initialization"}) == ["notes"]
    assert edited_read_only(read_only_hash(ours), ours, {"id": "REQ-2", "notes": "x"}) == ["id", "notes"]
    assert edited_read_only("", ours, {"title": "Old"}) == ["title"]  # an older export: judged against ours
