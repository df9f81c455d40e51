"""Meeting actions marked for the checklist become checklist items, linked both ways,
and keep their link through the workbook round trip."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.checklist_actions import checklist_actions
from docgen.cli import main
from docgen.importing import import_workbook
from docgen.loader import load_project
from docgen.models import Status
from docgen.renderers import RenderOptions, get_renderer
from tests.conftest import SAMPLE
from tests.excel.conftest import edit, row_of
from tests.renderers.conftest import document_text

NEW_ACTION = """      - title: Check the restore of a mailbox from the backup
        responsible: sgoerke
        due: 2026-12-18
        checklist: true
"""
AFTER = "        requirement: REQ-028\n"


@pytest.fixture
def project_file(tmp_path: Path) -> Path:
    text = SAMPLE.read_text(encoding="utf-8")
    assert text.count(AFTER) == 1
    target = tmp_path / "project.yaml"
    target.write_text(text.replace(AFTER, AFTER + NEW_ACTION), encoding="utf-8")
    return target


def test_a_marked_action_becomes_a_linked_checklist_item(project_file: Path) -> None:
    before = load_project(project_file)
    report = checklist_actions(project_file)
    assert [(l.requirement, l.created) for l in report.links] == [("REQ-043", True)] and report.written
    project = load_project(project_file)
    meeting = next(m for m in project.meetings if m.id == "MTG-2026-11-23")
    action = next(a for a in meeting.actions if a.title.startswith("Check the restore"))
    item = project.requirement("REQ-043")
    assert action.requirement == "REQ-043" and item.meeting == meeting.id
    assert (item.title, item.responsible, item.due, item.side.value, item.phase) == (
        action.title, "sgoerke", dt.date(2026, 12, 18), "customer", project.project.phase)
    assert project.requirements[:-1] == before.requirements  # nothing else changed


def test_running_again_changes_nothing(project_file: Path) -> None:
    checklist_actions(project_file)
    text = project_file.read_bytes()
    assert checklist_actions(project_file).links == []
    assert project_file.read_bytes() == text


def test_an_action_naming_an_item_only_gets_the_link_back(tmp_path: Path) -> None:
    target = tmp_path / "project.yaml"
    text = SAMPLE.read_text(encoding="utf-8")
    link = "    meeting: MTG-2026-11-23     # agreed there as an action (docgen checklist-actions)\n"
    assert text.count(link) == 1
    target.write_text(text.replace(link, ""), encoding="utf-8")
    assert load_project(target).requirement("REQ-026").meeting is None
    report = checklist_actions(target, dry_run=True)
    assert [(l.requirement, l.created) for l in report.links] == [("REQ-026", False)] and not report.written
    checklist_actions(target)
    assert load_project(target).requirement("REQ-026").meeting == "MTG-2026-11-23"


def test_the_minutes_and_the_workbook_show_the_item_and_the_import_keeps_the_link(project_file: Path) -> None:
    checklist_actions(project_file)
    project = load_project(project_file)
    options = RenderOptions(today=dt.date(2026, 11, 27))
    minutes = {o.filename: o.data for o in get_renderer("meeting-minutes").render(project, options)}
    assert "REQ-043" in document_text(minutes["meeting-minutes-2026-11-23.docx"])
    [workbook] = get_renderer("requirements-checklist").render(project, options)
    exported = project_file.parent / "checklist.xlsx"
    exported.write_bytes(workbook.data)

    def change(sheet, col):
        row = row_of(sheet, "REQ-043")
        assert sheet.cell(row, col["From meeting"]).value == "MTG-2026-11-23"
        sheet.cell(row, col["Status"]).value = "Done"

    import_workbook(edit(exported, change), project_file)
    item = load_project(project_file).requirement("REQ-043")
    assert item.status is Status.done and item.meeting == "MTG-2026-11-23"


def test_cli_checklist_actions(project_file: Path) -> None:
    shutil.copy(project_file, project_file.with_name("copy.yaml"))
    result = CliRunner().invoke(main, ["checklist-actions", str(project_file), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "created REQ-043: Check the restore of a mailbox from the backup (from MTG-2026-11-23)" in result.output
    assert project_file.read_bytes() == project_file.with_name("copy.yaml").read_bytes()


def test_validate_warns_about_an_action_marked_for_the_checklist_without_an_item(tmp_path) -> None:
    from docgen.validation import check_file

    text = SAMPLE.read_text(encoding="utf-8")
    marked = text.index("checklist: true")
    start = text.rindex("\n", 0, text.rindex("requirement:", 0, marked)) + 1
    end = text.index("\n", start) + 1
    (tmp_path / "project.yaml").write_text(text[:start] + text[end:], encoding="utf-8")  # drop its link
    check = check_file(tmp_path / "project.yaml")
    assert not check.problems
    [warning] = [w for w in check.warnings if "checklist-actions" in w.hint]
    assert warning.path.endswith(".checklist") and warning.where.split(":")[0].isdigit()
