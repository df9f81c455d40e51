"""Workbooks as only Excel writes them (committed fixtures, see fixtures/make_fixtures.py)."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from docgen.importing import import_workbook
from docgen.loader import load_project
from tests.conftest import SAMPLE

FIXTURES = Path(__file__).with_name("fixtures")


def test_excel_extension_lists_and_threaded_comments_do_not_disturb_the_import(tmp_path: Path, monkeypatch) -> None:
    from docgen.signing import KEY_ENV

    monkeypatch.setenv(KEY_ENV, str(FIXTURES / "signing.key"))  # the key the fixture was signed with
    workbook = FIXTURES / "checklist-excel-extensions.xlsx"
    with zipfile.ZipFile(workbook) as package:  # the fixture really has Excel's artefacts
        sheet = package.read("xl/worksheets/sheet1.xml")
        assert b"<x14:dataValidation " in sheet and b"<xm:f>_lists!" in sheet and b"<legacyDrawing" in sheet
        assert "xl/threadedComments/threadedComment1.xml" in package.namelist()
    shutil.copy(SAMPLE, tmp_path / "project.yaml")
    report = import_workbook(workbook, tmp_path / "project.yaml")
    assert [(c.item_id, c.field, c.old, c.new) for c in report.changes] == [
        ("REQ-030", "status", "in_progress", "done"), ("REQ-030", "done_on", None, "2026-11-27")]
    # The comment is not imported, but reported, never dropped silently.
    assert [(w.where, w.path, w.message) for w in report.warnings] == [
        ("Checklist!I31", "REQ-030",
         "a comment was not imported: \u201cDone after the retest on 19 Nov; @Daniel please confirm.\u201d")]
    assert load_project(tmp_path / "project.yaml").requirement("REQ-030").status.value == "done"
