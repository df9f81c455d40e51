"""The import's shortcuts change no result: with them and without, the same report, the
same problems and the same bytes of project.yaml.

The shortcuts: the used-range guard settled from `<dimension>` (`used_range.within_limit`)
and the rows whose cells still show the export, found a column at a time
(`rows._RowReader.find_unchanged`). Without them every sheet's cells are counted and
every cell is read one by one, as before they existed.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Callable

import pytest

from docgen.errors import DocgenError
from docgen.excel import read, rows
from docgen.importing import import_workbook

from .conftest import edit, row_of


def outcome(workbook: Path, project: Path, **options) -> tuple[str, bytes]:
    """What an import of `workbook` into a fresh copy of `project` says and writes."""
    target = project.with_name("target.yaml")
    shutil.copyfile(project, target)
    try:
        said = json.dumps(import_workbook(workbook, target, **options).to_json(), sort_keys=True, default=str)
    except DocgenError as error:
        said = "\n".join(str(p) for p in error.problems)
    written = target.read_bytes()
    target.unlink()
    target.with_name("target.yaml.bak").unlink(missing_ok=True)
    return said, written


def without_shortcuts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(read, "within_limit", lambda xml, limit: False)
    monkeypatch.setattr(rows._RowReader, "find_unchanged", lambda self: None)


def assert_same_both_ways(monkeypatch: pytest.MonkeyPatch, workbook: Path, project: Path, **options) -> str:
    fast = outcome(workbook, project, **options)
    with monkeypatch.context() as patch:
        without_shortcuts(patch)
        slow = outcome(workbook, project, **options)
    assert fast == slow
    return fast[0]


def _cell(item_id: str, label: str, value) -> Callable:
    def change(sheet, columns) -> None:
        sheet.cell(row_of(sheet, item_id), columns[label]).value = value
    return change


def _all(*changes: Callable) -> Callable:
    def change(sheet, columns) -> None:
        for each in changes:
            each(sheet, columns)
    return change


CHECKLIST_EDITS = {
    "unedited": lambda sheet, columns: None,
    "customer edits": _all(_cell("REQ-003", "Due", dt.date(2027, 2, 1)), _cell("REQ-004", "Due", dt.date(2027, 2, 1)),
                           _cell("REQ-005", "Responsible", "Petra Brandt"),
                           _cell("REQ-006", "Customer remarks", "checked on site")),
    "read-only cells edited": _all(_cell("REQ-003", "Title", "Another title"), _cell("REQ-004", "Phase", "")),
    "a date and time, a number, a boolean": _all(_cell("REQ-003", "Due", dt.datetime(2027, 2, 1, 9, 30)),
                                                 _cell("REQ-004", "Responsible", 7),
                                                 _cell("REQ-005", "Title", True)),
    "cells emptied": _all(_cell("REQ-003", "Due", None), _cell("REQ-004", "Title", None),
                          _cell("REQ-005", "Status", None)),
    "a formula": _cell("REQ-003", "Customer remarks", "=1+1"),
    "a copied key": lambda sheet, columns: setattr(sheet.cell(row_of(sheet, "REQ-004"), 1), "value",
                                                   sheet.cell(row_of(sheet, "REQ-003"), 1).value),
    "rows deleted and added": lambda sheet, columns: (
        sheet.delete_rows(row_of(sheet, "REQ-040")),
        sheet.cell(sheet.max_row + 2, columns["Title"]).__setattr__("value", "A new item")),
}


@pytest.mark.parametrize("name", list(CHECKLIST_EDITS))
def test_a_checklist_imports_the_same_with_and_without_shortcuts(project_dir: Path, monkeypatch, name) -> None:
    edited = edit(project_dir / "checklist.xlsx", CHECKLIST_EDITS[name])
    said = assert_same_both_ways(monkeypatch, edited, project_dir / "project.yaml")
    assert said  # a report or the problems: compared above
    assert_same_both_ways(monkeypatch, edited, project_dir / "project.yaml", accept_deletions=True, prefer="theirs")


def test_a_project_changed_since_the_export_merges_the_same(project_dir: Path, monkeypatch) -> None:
    """Both sides changed: a conflict on REQ-003's due date, a read-only title changed in the project."""
    project = project_dir / "project.yaml"
    text = project.read_text(encoding="utf-8")
    at = text.index("  - id: REQ-003")
    end = text.index("  - id: REQ-004", at)
    item = text[at:end].replace("due: 2026-04-17", "due: 2026-05-04").replace(
        "title: Deliver Customer Implementation Concept 1.0", "title: Deliver the Implementation Concept")
    project.write_text(text[:at] + item + text[end:], encoding="utf-8")
    edited = edit(project_dir / "checklist.xlsx", _all(_cell("REQ-003", "Due", dt.date(2027, 2, 1)),
                                                       _cell("REQ-007", "Title", "Edited title")))
    assert "changed on both sides" in assert_same_both_ways(monkeypatch, edited, project)
    assert_same_both_ways(monkeypatch, edited, project, prefer="ours")
    assert_same_both_ways(monkeypatch, edited, project, prefer="theirs")


def test_a_test_protocol_imports_the_same_with_and_without_shortcuts(project_dir: Path, monkeypatch) -> None:
    def results(sheet, columns) -> None:
        for row in range(2, 6):
            sheet.cell(row, columns["Result"]).value = "Fail" if row % 2 else "Pass"
        sheet.cell(6, columns["Steps"]).value = "1. Log in\n2. Log out"  # read-only lines, edited

    edited = edit(project_dir / "customer.xlsx", results)
    assert_same_both_ways(monkeypatch, edited, project_dir / "project.yaml")


def test_a_far_value_is_refused_the_same_with_and_without_shortcuts(project_dir: Path, monkeypatch) -> None:
    edited = edit(project_dir / "checklist.xlsx", lambda sheet, columns: sheet.cell(1_048_576, 60).__setattr__(
        "value", "far away"))
    said = assert_same_both_ways(monkeypatch, edited, project_dir / "project.yaml")
    assert "Checklist!BH1048576: the sheet's used range is A1:BH1048576" in said
