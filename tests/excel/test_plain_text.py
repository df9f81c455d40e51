"""Markdown fields in cells: shown as plain text, read-only, and never written back reduced."""

from __future__ import annotations

import typing
from pathlib import Path

import openpyxl
import pytest

from docgen.errors import WorkbookError
from docgen.importing import import_workbook
from docgen.excel.layout import LAYOUTS, Column, cell_context
from docgen.markdown import markdown_to_plain
from docgen.excel.values import ColumnReader, to_cell
from docgen.i18n import labels
from docgen.loader import load_project

from .conftest import edit, render, row_of

REQ_015 = ("The connector receives SOAP calls from the provisioning system and calls the groupware's "
           "provisioning API. Delete must keep the mailbox for 30 days.")


@pytest.mark.parametrize(("markdown", "plain"), [
    ("", ""),
    ("   \n", ""),
    ("Plain text stays as it is.", "Plain text stays as it is."),
    ("  1.5 GB per mailbox, -5 % and a - b  ", "1.5 GB per mailbox, -5 % and a - b"),
    ("- one item", "• one item"),
    ("10) tenth", "1. tenth"),
    ("A paragraph\nwith soft\n  line breaks.\n", "A paragraph with soft line breaks."),
    ("**Delete** must keep __all__ of *it* and _this_.", "Delete must keep all of it and this."),
    ("snake_case_names, 2 * 3 * 4 and {{ 7*7 }} stay", "snake_case_names, 2 * 3 * 4 and {{ 7*7 }} stay"),
    ("See [the runbook](https://example.org/run) now.", "See the runbook (https://example.org/run) now."),
    ("See [**the** runbook](https://example.org/run).", "See the runbook (https://example.org/run)."),
    ("Mail [https://example.org](https://example.org).", "Mail https://example.org."),
    ("Not a link: [x](javascript:alert(1))", "Not a link: [x](javascript:alert(1))"),
    ("Run `make *all*` first", "Run make *all* first"),
    (r"Escaped \*stars\* and \_under\_", "Escaped *stars* and _under_"),
    ("Intro:\n\n- first\n- second\n  continued\n* third", "Intro:\n\n• first\n• second continued\n• third"),
    ("1. one\n2. two\n  - nested\n3. three\n\nText\n\n1) again",
     "1. one\n2. two\n  ◦ nested\n3. three\n\nText\n\n1. again"),
    ("First paragraph.\n\nSecond\nparagraph.", "First paragraph.\n\nSecond paragraph."),
])
def test_markdown_becomes_plain_text(markdown: str, plain: str) -> None:
    assert markdown_to_plain(markdown) == plain


def _markdown_fields(model) -> set[str]:
    hints = typing.get_type_hints(model, include_extras=True)
    found = set()
    for name, info in model.model_fields.items():
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        if extra.get("contentMediaType") == "text/markdown" or "Markdown" in str(hints.get(name)):
            found.add(name)
    return found


@pytest.mark.parametrize("kind", sorted(LAYOUTS))
def test_every_markdown_column_is_declared_and_read_only(kind: str) -> None:
    layout = LAYOUTS[kind]
    markdown = _markdown_fields(layout.model)
    columns = {c.field: c for c in layout.columns}
    assert {name for name in markdown if name in columns} == {c.field for c in layout.columns if c.markdown}
    for column in layout.columns:
        if column.markdown:
            # read-only, so shown as plain text; an editable one would have to stay raw
            assert not column.editable and column.plain_text
    if kind == "checklist":
        assert columns["description"].plain_text


def test_an_editable_markdown_column_keeps_its_text_as_written(sample_project) -> None:
    context = cell_context(sample_project, labels("en"))
    raw = "**Delete** must keep the\nmailbox for [30 days](https://example.org)."
    editable = Column("description", "xlsx.col.description", markdown=True, editable=True, wrap=True)
    read_only = Column("description", "xlsx.col.description", markdown=True, wrap=True)
    assert not editable.plain_text and to_cell(editable, raw, context) == raw
    assert ColumnReader(editable, context).read(raw) == (raw, None)
    assert to_cell(read_only, raw, context) == "Delete must keep the mailbox for 30 days (https://example.org)."


def test_the_exported_cell_shows_plain_text(workbooks) -> None:
    sheet = openpyxl.load_workbook(workbooks["checklist"])["Checklist"]
    column = [c.value for c in sheet[1]].index("Description") + 1
    assert sheet.cell(row_of(sheet, "REQ-015"), column).value == REQ_015
    assert not any("**" in str(c.value) for c in sheet[openpyxl.utils.get_column_letter(column)])


def _vendor_rewrites_req_015(project_dir: Path) -> str:
    path = project_dir / "project.yaml"
    text = path.read_text(encoding="utf-8")
    old = "calls the groupware's provisioning API. **Delete** must keep the\n      mailbox for 30 days."
    new = "calls the groupware's provisioning API. **Delete** must keep the\n      mailbox for *60* days."
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    return "mailbox for *60* days."


def test_an_unedited_markdown_cell_is_not_an_edit_after_the_vendor_changed_the_field(project_dir: Path) -> None:
    kept = _vendor_rewrites_req_015(project_dir)
    before = (project_dir / "project.yaml").read_bytes()
    for strict in (False, True):
        report = import_workbook(project_dir / "checklist.xlsx", strict=strict)
        assert not report.has_changes and report.warnings == []
    assert (project_dir / "project.yaml").read_bytes() == before and kept in before.decode("utf-8")


def test_an_edited_markdown_cell_is_reported_and_never_written(project_dir: Path) -> None:
    before = (project_dir / "project.yaml").read_bytes()

    def change(sheet, col):
        sheet.cell(row_of(sheet, "REQ-015"), col["Description"]).value = REQ_015.replace("30", "45")
        sheet.cell(row_of(sheet, "REQ-015"), col["Customer remarks"]).value = "Please keep it longer."

    edited = edit(project_dir / "checklist.xlsx", change)
    report = import_workbook(edited)
    assert [(c.item_id, c.field) for c in report.changes] == [("REQ-015", "customer_remarks")]
    [warning] = report.warnings
    assert warning.path == "REQ-015.description" and "read-only" in warning.message
    after = (project_dir / "project.yaml").read_text(encoding="utf-8")
    assert "API. **Delete** must keep the\n      mailbox for 30 days." in after and "45 days" not in after
    assert after != before.decode("utf-8")
    with pytest.raises(WorkbookError, match="read-only"):
        import_workbook(edited, strict=True)


def test_a_row_added_back_leaves_its_plain_text_markdown_out(project_dir: Path) -> None:
    path = project_dir / "project.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  - id: REQ-037\n")
    end = text.index("\n  - id: ", start + 1) + 1
    item = text[start:end].replace("\n", "\n    description: \"**Sign** the protocol\"\n", 1)
    path.write_text(text[:start] + item + text[end:], encoding="utf-8")
    workbook = project_dir / "checklist.xlsx"
    workbook.write_bytes(render(load_project(path), "checklist"))
    path.write_text(text[:start] + text[end:], encoding="utf-8")  # then REQ-037 leaves project.yaml
    edited = edit(workbook, lambda s, c: setattr(s.cell(row_of(s, "REQ-037"), c["Status"]), "value", "Done"))
    sheet = openpyxl.load_workbook(edited)["Checklist"]
    assert sheet[f"D{row_of(sheet, 'REQ-037')}"].value == "Sign the protocol"  # the cell shows plain text
    report = import_workbook(edited, prefer="theirs")
    assert [(c.action, c.item_id) for c in report.changes] == [("add", "REQ-037")]
    [warning] = [w for w in report.warnings if w.path == "REQ-037.description"]
    assert warning.where.startswith("Checklist!D") and "plain text" in warning.message
    restored = load_project(path).requirement("REQ-037")
    assert restored.status.value == "done" and restored.description == ""
    assert "Sign the protocol" not in path.read_text(encoding="utf-8")
