"""Careless and hostile returns: an import that cannot be right refuses and names why."""

from __future__ import annotations

from pathlib import Path

import pytest

from docgen.errors import ProjectFileError, WorkbookError
from docgen.importing import import_workbook
from docgen.project_file import check_merged

from .conftest import edit, row_of


def refused(project_dir: Path, workbook: Path, error=WorkbookError, **options) -> list[str]:
    before = (project_dir / "project.yaml").read_bytes()
    with pytest.raises(error) as caught:
        import_workbook(workbook, **options)
    assert (project_dir / "project.yaml").read_bytes() == before
    assert not (project_dir / "project.yaml.bak").exists()
    return [str(p) for p in caught.value.problems]


# --- 1: deleting a referenced item ---------------------------------------------------


def test_deleting_a_row_whose_item_is_referenced_is_refused_naming_the_references(project_dir: Path) -> None:
    edited = edit(project_dir / "checklist.xlsx", lambda s, c: s.delete_rows(row_of(s, "REQ-001")))
    problems = refused(project_dir, edited, accept_deletions=True)
    lines = (project_dir / "project.yaml").read_text(encoding="utf-8").splitlines()
    referring = [n for n, line in enumerate(lines, 1) if line.strip() == "requirement: REQ-001"]
    assert referring and len(problems) == len(referring)
    for problem, line in zip(problems, referring):
        assert problem.startswith(f"{edited}: REQ-001: its row was deleted, but meetings[")
        assert f".requirement ({project_dir / 'project.yaml'}:{line}:" in problem
        assert problem.endswith("(remove that reference from project.yaml first, or keep the row)")


def test_deleting_an_unreferenced_row_still_works(project_dir: Path) -> None:
    edited = edit(project_dir / "checklist.xlsx", lambda s, c: s.delete_rows(row_of(s, "REQ-040")))
    report = import_workbook(edited, accept_deletions=True)
    assert report.written and "REQ-040" not in (project_dir / "project.yaml").read_text(encoding="utf-8")


def test_a_merged_file_that_would_not_validate_is_never_written(project_dir: Path) -> None:
    from docgen.loader import parse_yaml
    from docgen.yaml.edit import SetValue

    data = parse_yaml((project_dir / "project.yaml").read_text(encoding="utf-8"), "project.yaml").data
    action = next(i for i, m in enumerate(data["meetings"]) if any("requirement" in a for a in m.get("actions", [])))
    number = next(i for i, a in enumerate(data["meetings"][action]["actions"]) if "requirement" in a)
    broken = [SetValue(("meetings", action, "actions", number, "requirement"), "REQ-999")]
    with pytest.raises(ProjectFileError) as caught:
        check_merged(data, broken, project_dir / "project.yaml")
    [problem] = caught.value.problems
    assert f"meetings[{action}].actions[{number}].requirement: the import would make the file invalid: " \
           "no requirement 'REQ-999'" in str(problem)
    check_merged(data, [], project_dir / "project.yaml")  # the sample itself passes


# --- 2: rows whose key and id disagree -----------------------------------------------


def _sort_visible_columns(sheet, columns) -> None:
    """What Excel does when the customer sorts a selection that leaves out hidden column A."""
    rows = list(range(2, sheet.max_row + 1))
    values = {r: [sheet.cell(r, c).value for c in range(2, sheet.max_column + 1)] for r in rows}
    ordered = sorted(rows, key=lambda r: str(sheet.cell(r, columns["Title"]).value))
    for target, source in zip(rows, ordered):
        for offset, value in enumerate(values[source]):
            sheet.cell(target, offset + 2).value = value


def test_sorting_without_the_key_column_is_refused_naming_the_cells(project_dir: Path) -> None:
    edited = edit(project_dir / "checklist.xlsx", _sort_visible_columns)
    problems = refused(project_dir, edited)
    assert problems, "a sort that moved rows away from their keys must be refused"
    first = problems[0]
    assert f"{edited}: Checklist!B" in first and "but its hidden key (Checklist!A" in first
    assert "sort the whole table" in first


def test_swapped_key_cells_are_refused(project_dir: Path) -> None:
    def swap(sheet, columns) -> None:
        one, two = row_of(sheet, "REQ-002"), row_of(sheet, "REQ-003")
        sheet.cell(one, 1).value, sheet.cell(two, 1).value = sheet.cell(two, 1).value, sheet.cell(one, 1).value

    edited = edit(project_dir / "checklist.xlsx", swap)
    problems = refused(project_dir, edited)
    assert len(problems) == 2
    assert all("belongs to 'REQ-00" in p for p in problems)
    assert "the row's id is 'REQ-002'" in problems[0] and "belongs to 'REQ-003'" in problems[0]


# --- 4: sheet size bombs and floods of errors ----------------------------------------


def _far_cell(sheet_name: str | None, row: int, column: int):
    def change(sheet, columns) -> None:
        target = sheet if sheet_name is None else sheet.parent[sheet_name]
        target.cell(row, column).value = "far away"
    return change


@pytest.mark.parametrize(("sheet", "row", "column", "cell"), [
    (None, 1_048_576, 16_384, "Checklist!XFD1048576"),
    (None, 1_048_576, 52, "Checklist!AZ1048576"),
    ("_meta", 1_048_576, 16_384, "_meta!XFD1048576"),
])
def test_a_value_far_outside_the_table_is_refused_before_reading(project_dir: Path, sheet, row, column,
                                                                 cell) -> None:
    edited = edit(project_dir / "checklist.xlsx", _far_cell(sheet, row, column))
    [problem] = refused(project_dir, edited)
    assert problem.startswith(f"{edited}: {cell}: the sheet's used range is A1:{cell.split('!')[1]} (")
    assert "more than the limit of 5,000,000" in problem and "Ctrl+End" in problem


def test_a_far_cell_that_only_carries_formatting_is_no_bomb(project_dir: Path) -> None:
    import openpyxl.styles

    def change(sheet, columns) -> None:
        sheet.cell(1_048_576, 16_384).font = openpyxl.styles.Font(bold=True)

    edited = edit(project_dir / "checklist.xlsx", change)
    assert not import_workbook(edited).has_changes


def test_thousands_of_errors_are_shown_as_the_first_ones_and_a_count(project_dir: Path) -> None:
    def fill_down(sheet, columns) -> None:
        for row in range(sheet.max_row + 1, sheet.max_row + 3001):
            sheet.cell(row, columns["Status"]).value = "Open"

    edited = edit(project_dir / "checklist.xlsx", fill_down)
    with pytest.raises(WorkbookError) as caught:
        import_workbook(edited)
    lines = caught.value.format_message().splitlines()
    assert len(caught.value.problems) >= 3000
    assert len(lines) == 201 and lines[-1] == f"… and {len(caught.value.problems) - 200:,} more"


# --- 12: one-line errors ---------------------------------------------------------------


def _corrupt_deflate(path: Path) -> Path:
    import zipfile

    data = bytearray(path.read_bytes())
    info = zipfile.ZipFile(path).getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for index in range(start + 200, start + 260):
        data[index] ^= 0x5A
    target = path.with_name("corrupt.xlsx")
    target.write_bytes(bytes(data))
    return target


def test_a_corrupt_deflate_stream_is_a_damaged_workbook(project_dir: Path) -> None:
    corrupt = _corrupt_deflate(project_dir / "checklist.xlsx")
    [problem] = refused(project_dir, corrupt)
    assert problem.startswith(f"{corrupt}: the workbook is damaged (xl/worksheets/sheet1.xml: Error -3")


def test_a_control_character_and_a_malformed_typed_id_are_named_plainly(project_dir: Path) -> None:
    def change(sheet, columns) -> None:
        sheet.cell(row_of(sheet, "REQ-002"), columns["Customer remarks"]).value = "bell _x0007_ here"
        row = sheet.max_row + 1
        sheet.cell(row, columns["ID"]).value = "my new item!"
        sheet.cell(row, columns["Title"]).value = "A new row"

    problems = refused(project_dir, edit(project_dir / "checklist.xlsx", change))
    assert any("REQ-002.customer_remarks: contains the control character U+0007, which documents cannot hold "
               "(remove it from the text)" in p for p in problems)
    assert any("my new item!.id: 'my new item!' is not a valid id (use letters, digits, '.', '_' and '-', "
               "starting with a letter or digit)" in p for p in problems)
    assert not any("should match pattern" in p for p in problems)


def test_import_json_reports_a_failure_as_json_on_stdout(project_dir: Path) -> None:
    import json

    from click.testing import CliRunner

    from docgen.cli import main

    corrupt = _corrupt_deflate(project_dir / "checklist.xlsx")
    result = CliRunner().invoke(main, ["import", str(corrupt), "--json"])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["ok"] is False and report["error"] == "WorkbookError"
    assert report["problems"][0]["message"].startswith("the workbook is damaged")
    assert result.stderr.startswith("error: ") and len(result.stderr.splitlines()) == 1


# --- 10: a forged snapshot ---------------------------------------------------------------


def _vendor_moves_due_date(project_dir: Path) -> None:
    text = (project_dir / "project.yaml").read_text(encoding="utf-8")
    start = text.index("  - id: REQ-030")
    due = text.index("    due: ", start)
    end = text.index("\n", due)
    (project_dir / "project.yaml").write_text(text[:due] + "    due: 2027-02-01" + text[end:], encoding="utf-8")


def _forged(project_dir: Path, sign_it: bool) -> Path:
    """The customer sets REQ-030's due date and rewrites its snapshot to the vendor's new date,
    recomputing the meta hash with docgen's own function, so the sheet's value looks like the only change."""
    import datetime as dt
    import json

    import openpyxl

    from docgen.excel.meta import FIRST_ROW_OF_ROWS, HASH_PROPERTY, SIGNATURE_PROPERTY, meta_hash
    from docgen.signing import sign, signing_key

    book = openpyxl.load_workbook(project_dir / "checklist.xlsx")
    sheet = book.worksheets[0]
    columns = {cell.value: cell.column for cell in sheet[1]}
    sheet.cell(row_of(sheet, "REQ-030"), columns["Due"]).value = dt.date(2027, 3, 1)
    meta = book["_meta"]
    for row in meta.iter_rows(min_row=FIRST_ROW_OF_ROWS):
        if row[1].value == "REQ-030":
            snapshot = json.loads(row[3].value)
            snapshot["due"] = "2027-02-01"
            row[3].value = json.dumps(snapshot, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    header = [(meta.cell(r, 1).value, meta.cell(r, 2).value) for r in range(2, FIRST_ROW_OF_ROWS - 1)]
    rows = [[c.value for c in row if c.value is not None] for row in meta.iter_rows(min_row=FIRST_ROW_OF_ROWS)]
    digest = meta_hash(header, rows)
    meta.cell(FIRST_ROW_OF_ROWS - 2, 2).value = digest
    properties = {p.name: p for p in book.custom_doc_props}
    properties[HASH_PROPERTY].value = digest
    if sign_it:  # what only the vendor, holding the repository's key, can do
        properties[SIGNATURE_PROPERTY].value = sign(signing_key(project_dir, create=False), digest)
    book.save(project_dir / "forged.xlsx")
    return project_dir / "forged.xlsx"


def test_a_forged_snapshot_cannot_hide_a_conflict(project_dir: Path) -> None:
    from docgen.errors import MergeConflictError

    _vendor_moves_due_date(project_dir)
    forged = _forged(project_dir, sign_it=False)
    problems = refused(project_dir, forged, MergeConflictError)
    assert any("REQ-030.due: changed on both sides: exported (unknown: unsigned snapshot), "
               "project.yaml now 2027-02-01, sheet 2027-03-01" in p for p in problems)
    report = import_workbook(forged, prefer="ours", dry_run=True)
    assert report.warnings[0].message.startswith("the export snapshot is not signed with this repository's key")


def test_the_same_edit_signed_with_the_key_merges(project_dir: Path) -> None:
    _vendor_moves_due_date(project_dir)
    report = import_workbook(_forged(project_dir, sign_it=True), dry_run=True)
    assert [(c.item_id, c.field) for c in report.changes] == [("REQ-030", "due")]


def test_a_workbook_from_another_repository_is_unsigned_here(project_dir: Path, tmp_path_factory,
                                                            monkeypatch) -> None:
    from docgen.errors import MergeConflictError
    from docgen.signing import KEY_ENV

    other = tmp_path_factory.mktemp("other-repo") / "other.key"
    monkeypatch.setenv(KEY_ENV, str(other))  # the key this import looks for does not sign the workbook
    _vendor_moves_due_date(project_dir)
    edited = edit(project_dir / "checklist.xlsx", lambda s, c: setattr(
        s.cell(row_of(s, "REQ-030"), c["Due"]), "value", __import__("datetime").date(2027, 3, 1)))
    refused(project_dir, edited, MergeConflictError)
    assert import_workbook(edited, prefer="theirs").written


def test_the_first_export_creates_the_key_at_the_repository_root(tmp_path: Path, monkeypatch, sample_project) -> None:
    import stat

    from docgen.renderers import RenderOptions, get_renderer
    from docgen.signing import KEY_ENV, KEY_NAME

    monkeypatch.delenv(KEY_ENV)
    (tmp_path / ".git").mkdir()
    (tmp_path / "projects" / "acme").mkdir(parents=True)
    get_renderer("requirements-checklist").render(sample_project, RenderOptions(project_dir=tmp_path / "projects" / "acme"))
    key = tmp_path / KEY_NAME
    assert key.is_file() and stat.S_IMODE(key.stat().st_mode) == 0o600
    first = key.read_bytes()
    get_renderer("requirements-checklist").render(sample_project, RenderOptions(project_dir=tmp_path / "projects" / "acme"))
    assert key.read_bytes() == first


# --- 11: what customers write is never dropped silently ------------------------------------


def _row_without_required_cells(sheet, columns) -> None:
    row = sheet.max_row + 1
    sheet.cell(row, columns["Title"]).value = "Archive the old mailboxes"


def test_a_new_row_without_required_cells_can_be_completed_from_the_command_line(project_dir: Path) -> None:
    from click.testing import CliRunner

    from docgen.cli import main
    from docgen.loader import load_project

    edited = edit(project_dir / "checklist.xlsx", _row_without_required_cells)
    problems = refused(project_dir, edited)
    assert any(".side: a value is required" in p for p in problems)
    result = CliRunner().invoke(main, ["import", str(edited), "--default", "side=customer",
                                       "--default", "responsible=mjanssen"])
    assert result.exit_code == 0, result.output
    added = load_project(project_dir / "project.yaml").requirements[-1]
    assert (added.title, added.side.value, added.responsible) == ("Archive the old mailboxes", "customer", "mjanssen")


def test_a_default_is_checked_like_a_typed_value(project_dir: Path) -> None:
    edited = edit(project_dir / "checklist.xlsx", _row_without_required_cells)
    problems = refused(project_dir, edited, defaults={"side": "customer", "responsible": "nobody"})
    assert any(".responsible: no person 'nobody'" in p for p in problems)


@pytest.mark.parametrize(("pair", "message"), [
    ("colour=red", "--default colour=...: rows of checklist have no field 'colour' (fields: title, "),
    ("id=REQ-999", "--default id=...: rows of checklist have no field 'id'"),
])
def test_a_default_for_an_unknown_field_is_a_usage_error(project_dir: Path, pair: str, message: str) -> None:
    from click.testing import CliRunner

    from docgen.cli import main

    edited = edit(project_dir / "checklist.xlsx", _row_without_required_cells)
    result = CliRunner().invoke(main, ["import", str(edited), "--default", pair])
    assert result.exit_code == 2 and message in result.output


def test_a_customers_note_and_merged_cells_are_reported(project_dir: Path) -> None:
    from openpyxl.comments import Comment

    def change(sheet, columns) -> None:
        row = row_of(sheet, "REQ-005")
        sheet.cell(row, columns["Due"]).comment = Comment("We need two more weeks here.", "Customer QA")
        sheet.merge_cells(start_row=row, start_column=columns["Title"], end_row=row + 1, end_column=columns["Title"])

    edited = edit(project_dir / "checklist.xlsx", change)
    report = import_workbook(edited, dry_run=True)
    found = [(w.where.split("!")[1], w.path, w.message) for w in report.warnings]
    comment = next(f for f in found if f[2].startswith("a comment"))
    merged = next(f for f in found if f[2].startswith("merged cells"))
    assert comment[1] == "REQ-005" and "We need two more weeks here." in comment[2]
    assert merged[1] == "REQ-005" and ":" in merged[0]


def _meta_deleted(project_dir: Path) -> Path:
    import datetime as dt

    import openpyxl

    book = openpyxl.load_workbook(project_dir / "checklist.xlsx")
    del book["_meta"]
    sheet = book.worksheets[0]
    columns = {cell.value: cell.column for cell in sheet[1]}
    sheet.cell(row_of(sheet, "REQ-030"), columns["Due"]).value = dt.date(2027, 3, 1)
    for row in range(2, sheet.max_row + 1):  # the keys were lost too: the ids are all there is
        sheet.cell(row, 1).value = None
    book.save(project_dir / "no-meta.xlsx")
    return project_dir / "no-meta.xlsx"


def test_a_deleted_meta_sheet_allows_an_explicit_import_by_visible_ids(project_dir: Path) -> None:
    from docgen.errors import MergeConflictError
    from docgen.loader import load_project

    workbook = _meta_deleted(project_dir)
    [problem] = refused(project_dir, workbook)
    assert "no '_meta' sheet" in problem and "use --without-meta" in problem
    conflicts = refused(project_dir, workbook, MergeConflictError, without_meta=True)
    assert [p for p in conflicts if "REQ-030.due: changed on both sides: exported (unknown" in p]
    report = import_workbook(workbook, without_meta=True, prefer="theirs")
    assert report.warnings[0].message.startswith("no '_meta' sheet: rows were matched by their visible ids")
    assert [(c.item_id, c.field) for c in report.changes] == [("REQ-030", "due")]
    assert str(load_project(project_dir / "project.yaml").requirement("REQ-030").due) == "2027-03-01"
