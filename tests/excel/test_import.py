"""`import_workbook`: the customer's edits come home, nothing is lost, every problem is named."""

from __future__ import annotations

import datetime as dt
import difflib
import json
import shutil
from pathlib import Path

import pytest

from docgen.errors import MergeConflictError, ProjectFileError, UsageError, WorkbookError
from docgen.importing import import_workbook
from docgen.loader import load_project

from .conftest import edit, render, row_of

LABELS = {"status": "Status", "due": "Due", "responsible": "Responsible", "verified": "QA re-check",
          "title": "Title", "id": "ID", "key": "Key", "side": "Side", "remarks": "Customer remarks",
          "verified_on": "Re-checked on", "phase": "Phase"}


def diff(before: str, after: str) -> list[str]:
    lines = difflib.unified_diff(before.splitlines(), after.splitlines(), n=0, lineterm="")
    return [line for line in lines if line[:1] in "+-" and line[:3] not in ("+++", "---")]


# --- no edits, simple edits, idempotence ----------------------------------------------------


def test_an_unedited_export_changes_nothing(project_dir: Path) -> None:
    before = (project_dir / "project.yaml").read_bytes()
    for kind in ("checklist", "internal", "customer"):
        report = import_workbook(project_dir / f"{kind}.xlsx")
        assert not report.has_changes and not report.written and report.warnings == []
    assert (project_dir / "project.yaml").read_bytes() == before
    assert not (project_dir / "project.yaml.bak").exists()


def test_edits_change_only_their_values_and_a_second_import_is_a_no_op(project_dir: Path) -> None:
    def change(sheet, col):
        sheet.cell(row_of(sheet, "REQ-030"), col["Status"]).value = "Done"
        sheet.cell(row_of(sheet, "REQ-030"), col["Due"]).value = dt.date(2026, 12, 1)
        sheet.cell(row_of(sheet, "REQ-031"), col["Responsible"]).value = "Petra Brandt"
        sheet.cell(row_of(sheet, "REQ-032"), col["QA re-check"]).value = "Yes"
        sheet.cell(row_of(sheet, "REQ-032"), col["Customer remarks"]).value = "Checked: 'ok' # fine"

    before = (project_dir / "project.yaml").read_text(encoding="utf-8")
    report = import_workbook(edit(project_dir / "checklist.xlsx", change))
    # REQ-030's status, due date and the done_on the import adds; three fields more
    assert report.written and report.counts() == {"update": 6, "add": 0, "delete": 0}
    after = (project_dir / "project.yaml").read_text(encoding="utf-8")
    assert (project_dir / "project.yaml.bak").read_text(encoding="utf-8") == before
    changed = diff(before, after)
    assert len([line for line in changed if line.startswith("-")]) == 3  # due, status, responsible
    assert "+    customer_remarks: \"Checked: 'ok' # fine\"" in changed
    project = load_project(project_dir / "project.yaml")
    assert project.requirement("REQ-030").due == dt.date(2026, 12, 1)
    assert project.requirement("REQ-030").done_on == project.project.as_of  # the day the data reflects
    assert project.requirement("REQ-031").responsible == "pbrandt"
    assert project.requirement("REQ-032").verified is True
    again = import_workbook(project_dir / "edited.xlsx")
    assert not again.has_changes and (project_dir / "project.yaml").read_text(encoding="utf-8") == after


def test_sorting_hiding_moving_rows_and_adding_columns_change_nothing(project_dir: Path) -> None:
    def change(sheet, col):
        rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
        rows.sort(key=lambda r: str(r[2]), reverse=True)  # sort by title, descending
        for number, values in enumerate(rows, 2):
            for column, value in enumerate(values, 1):
                sheet.cell(number, column).value = value
        sheet.row_dimensions[5].hidden = True
        sheet.insert_cols(3)
        sheet.cell(1, 3).value = "Our own column"
        sheet.cell(4, 3).value = "customer notes"

    before = (project_dir / "project.yaml").read_bytes()
    report = import_workbook(edit(project_dir / "checklist.xlsx", change))
    assert not report.has_changes
    [warning] = report.warnings  # the added column's text is not imported, and the import says so
    assert warning.where == "Checklist!C1"
    assert warning.message == "column 'Our own column' is not part of the checklist; its values were not imported"
    assert (project_dir / "project.yaml").read_bytes() == before


def test_dry_run_writes_nothing_and_reports_as_json(project_dir: Path) -> None:
    before = (project_dir / "project.yaml").read_bytes()
    edited = edit(project_dir / "checklist.xlsx",
                  lambda s, c: setattr(s.cell(row_of(s, "REQ-030"), c["Status"]), "value", "Blocked"))
    report = import_workbook(edited, dry_run=True)
    assert report.has_changes and not report.written
    assert (project_dir / "project.yaml").read_bytes() == before
    data = json.loads(json.dumps(report.to_json()))
    assert data["changes"] == [{"action": "update", "id": "REQ-030", "field": "status", "old": "in_progress",
                                "new": "blocked", "cell": f"Checklist!I{data['changes'][0]['cell'][11:]}",
                                "note": ""}]
    assert "REQ-030  status" in report.render_table() and "dry run" in report.render_table()


def test_marking_done_records_the_as_of_date_and_reopening_forgets_it(project_dir: Path) -> None:
    done = next(r for r in load_project(project_dir / "project.yaml").requirements if r.done_on and not r.verified)
    report = import_workbook(edit(project_dir / "checklist.xlsx",
                                  lambda s, c: setattr(s.cell(row_of(s, done.id), c["Status"]), "value", "Blocked")))
    cleared = [c.as_dict() for c in report.changes if c.field == "done_on"]
    assert cleared == [{"action": "update", "id": done.id, "field": "done_on", "old": done.done_on.isoformat(),
                        "new": None, "cell": cleared[0]["cell"], "note": "cleared: reopened"}]
    assert load_project(project_dir / "project.yaml").requirement(done.id).done_on is None


# --- conflicts ------------------------------------------------------------------------------


def _conflicting(project_dir: Path) -> Path:
    text = (project_dir / "project.yaml").read_text(encoding="utf-8")
    start = text.index("  - id: REQ-030")
    due = text.index("    due: ", start)
    end = text.index("\n", due)
    (project_dir / "project.yaml").write_text(text[:due] + "    due: 2027-02-01" + text[end:], encoding="utf-8")
    return edit(project_dir / "checklist.xlsx",
                lambda s, c: setattr(s.cell(row_of(s, "REQ-030"), c["Due"]), "value", dt.date(2027, 3, 1)))


def test_a_conflict_names_the_cell_and_leaves_the_project_untouched(project_dir: Path) -> None:
    edited = _conflicting(project_dir)
    before = (project_dir / "project.yaml").read_bytes()
    with pytest.raises(MergeConflictError) as caught:
        import_workbook(edited)
    [problem] = caught.value.problems
    assert problem.where.startswith("Checklist!H") and problem.path == "REQ-030.due"
    assert "project.yaml now 2027-02-01" in problem.message and "sheet 2027-03-01" in problem.message
    assert caught.value.exit_code == 1
    assert (project_dir / "project.yaml").read_bytes() == before
    assert not (project_dir / "project.yaml.bak").exists()


@pytest.mark.parametrize(("prefer", "due"), [("theirs", dt.date(2027, 3, 1)), ("ours", dt.date(2027, 2, 1))])
def test_prefer_settles_a_conflict(project_dir: Path, prefer: str, due: dt.date) -> None:
    report = import_workbook(_conflicting(project_dir), prefer=prefer)
    assert [c.settled for c in report.settled] == [prefer]
    assert load_project(project_dir / "project.yaml").requirement("REQ-030").due == due


# --- rows -----------------------------------------------------------------------------------


def test_a_row_below_the_table_becomes_a_new_item(project_dir: Path) -> None:
    def change(sheet, col):
        row = sheet.max_row + 3
        sheet.cell(row, col["Title"]).value = "Provide the production TLS certificates"
        sheet.cell(row, col["Side"]).value = "customer"
        sheet.cell(row, col["Responsible"]).value = "Ole Oltmanns"
        sheet.cell(row, col["Due"]).value = "15.01.2027"

    report = import_workbook(edit(project_dir / "checklist.xlsx", change))
    [added] = report.changes
    assert (added.action, added.item_id) == ("add", "REQ-043")
    project = load_project(project_dir / "project.yaml")
    new = project.requirement("REQ-043")
    assert (new.side.value, new.responsible, new.due, new.status.value) == (
        "customer", "ooltmanns", dt.date(2027, 1, 15), "open")
    text = (project_dir / "project.yaml").read_text(encoding="utf-8")
    assert "  - id: REQ-043\n    title: Provide the production TLS certificates\n    side: customer\n" in text


def test_a_duplicate_key_names_both_cells(project_dir: Path) -> None:
    def change(sheet, col):
        source, target = row_of(sheet, "REQ-010"), sheet.max_row + 1
        for column in range(1, sheet.max_column + 1):
            sheet.cell(target, column).value = sheet.cell(source, column).value

    with pytest.raises(WorkbookError) as caught:
        import_workbook(edit(project_dir / "checklist.xlsx", change))
    [problem] = caught.value.problems
    assert problem.where == "Checklist!A44" and "Checklist!A11" in problem.message


def test_a_typed_id_that_is_taken_names_both_cells(project_dir: Path) -> None:
    def change(sheet, col):
        sheet.cell(45, col["ID"]).value = "REQ-005"
        sheet.cell(45, col["Title"]).value = "Twin"
        sheet.cell(45, col["Side"]).value = "Vendor"
        sheet.cell(45, col["Responsible"]).value = "Petra Brandt"

    with pytest.raises(WorkbookError) as caught:
        import_workbook(edit(project_dir / "checklist.xlsx", change))
    [problem] = caught.value.problems
    assert problem.where == "Checklist!B45" and "Checklist!B6" in problem.message


def test_a_deleted_row_is_kept_unless_deletions_are_accepted(project_dir: Path) -> None:
    edited = edit(project_dir / "checklist.xlsx", lambda s, c: s.delete_rows(row_of(s, "REQ-040")))
    report = import_workbook(edited)
    assert not report.has_changes and [w.path for w in report.warnings] == ["REQ-040"]
    assert "--accept-deletions" in report.warnings[0].hint
    before = (project_dir / "project.yaml").read_text(encoding="utf-8")
    report = import_workbook(edited, accept_deletions=True)
    assert [(c.action, c.item_id) for c in report.changes] == [("delete", "REQ-040")]
    removed = [line for line in diff(before, (project_dir / "project.yaml").read_text(encoding="utf-8"))]
    assert removed[0] == "-  - id: REQ-040" and all(line.startswith("-    ") for line in removed[1:])


# --- values ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "number_format", "expected"),
    [
        ("15/04/2026", "@", dt.date(2026, 4, 15)),
        ("2026-04-15", "@", dt.date(2026, 4, 15)),
        ("04/15/2026", "@", dt.date(2026, 4, 15)),
        ("15.4.2026", "@", dt.date(2026, 4, 15)),
        ("15 Apr 2026", "@", dt.date(2026, 4, 15)),
        (46127, "General", dt.date(2026, 4, 15)),
        (None, "General", None),
    ],
)
def test_dates_are_read_where_unambiguous(project_dir: Path, value, number_format, expected) -> None:
    def change(sheet, col):
        cell = sheet.cell(row_of(sheet, "REQ-030"), col["Due"])
        cell.value, cell.number_format = value, number_format

    import_workbook(edit(project_dir / "checklist.xlsx", change))
    assert load_project(project_dir / "project.yaml").requirement("REQ-030").due == expected


def test_a_boolean_formula_is_read_as_yes(project_dir: Path) -> None:
    edited = edit(project_dir / "checklist.xlsx",
                  lambda s, c: setattr(s.cell(row_of(s, "REQ-029"), c["QA re-check"]), "value", "=TRUE()"))
    import_workbook(edited)
    assert load_project(project_dir / "project.yaml").requirement("REQ-029").verified is True


def test_the_customer_records_who_re_checked_on_which_system(project_dir: Path) -> None:
    def recheck(sheet, col):
        row = row_of(sheet, "REQ-029")
        sheet.cell(row, col["QA re-check"]).value = "Yes"
        sheet.cell(row, col["Re-checked by"]).value = "Anke Lübben"
        sheet.cell(row, col["Re-check system"]).value = "Live"
    import_workbook(edit(project_dir / "checklist.xlsx", recheck))
    item = load_project(project_dir / "project.yaml").requirement("REQ-029")
    assert (item.verified, item.verified_by, item.verified_system.value) == (True, "aluebben", "live")


def test_a_re_check_of_an_open_item_names_its_cell(project_dir: Path) -> None:
    edited = edit(project_dir / "checklist.xlsx",
                  lambda s, c: setattr(s.cell(row_of(s, "REQ-030"), c["QA re-check"]), "value", "yes"))
    before = (project_dir / "project.yaml").read_bytes()
    with pytest.raises(WorkbookError) as caught:
        import_workbook(edited)
    (problem,) = caught.value.problems
    assert problem.where.startswith("Checklist!") and "only a done item can be re-checked" in problem.message
    assert (project_dir / "project.yaml").read_bytes() == before


def test_a_number_where_text_belongs_is_read_as_text_with_a_warning(project_dir: Path) -> None:
    edited = edit(project_dir / "checklist.xlsx",
                  lambda s, c: setattr(s.cell(row_of(s, "REQ-030"), c["Customer remarks"]), "value", 7))
    report = import_workbook(edited)
    assert load_project(project_dir / "project.yaml").requirement("REQ-030").customer_remarks == "7"
    assert "leading zeros" in report.warnings[0].hint


def test_every_bad_cell_of_a_file_is_reported_together(project_dir: Path) -> None:
    def change(sheet, col):
        sheet.cell(row_of(sheet, "REQ-030"), col["Due"]).value = "04/05/2026"
        sheet.cell(row_of(sheet, "REQ-031"), col["Status"]).value = "Finished"
        sheet.cell(row_of(sheet, "REQ-032"), col["Due"]).value = "=TODAY()+7"
        sheet.cell(row_of(sheet, "REQ-033"), col["Responsible"]).value = None
        sheet.cell(row_of(sheet, "REQ-034"), col["Responsible"]).value = "Petra Brant"
        sheet.cell(row_of(sheet, "REQ-035"), col["QA re-check"]).value = "maybe"
        sheet.cell(row_of(sheet, "REQ-036"), col["Due"]).value = "31.02.2026"

    before = (project_dir / "project.yaml").read_bytes()
    with pytest.raises(WorkbookError) as caught:
        import_workbook(edit(project_dir / "checklist.xlsx", change))
    found = {p.path: (p.where, p.message, p.hint) for p in caught.value.problems}
    assert set(found) == {"REQ-030.due", "REQ-031.status", "REQ-032.due", "REQ-033.responsible",
                          "REQ-034.responsible", "REQ-035.verified", "REQ-036.due"}
    assert "ambiguous" in found["REQ-030.due"][1]
    assert "Open, In progress, Blocked, Done" in found["REQ-031.status"][1]
    assert "formula (=TODAY()+7)" in found["REQ-032.due"][1]
    assert found["REQ-033.responsible"][1] == "a value is required"
    assert "Petra Brandt" in found["REQ-034.responsible"][2]
    assert all(where.startswith("Checklist!") for where, _, _ in found.values())
    assert (project_dir / "project.yaml").read_bytes() == before


# --- test protocols -------------------------------------------------------------------------


def test_test_results_come_back(project_dir: Path) -> None:
    def change(sheet, col):
        row = row_of(sheet, "AT-01")
        sheet.cell(row, col["Result"]).value = "Fail"
        sheet.cell(row, col["Date"]).value = dt.date(2026, 12, 3)
        sheet.cell(row, col["Remarks"]).value = "Login took 12 s\nsecond attempt ok"

    report = import_workbook(edit(project_dir / "customer.xlsx", change))
    assert report.kind == "customer" and report.counts()["update"] >= 2
    case = next(t for t in load_project(project_dir / "project.yaml").tests.customer if t.id == "AT-01")
    assert (case.result.value, case.date, case.remarks) == ("fail", dt.date(2026, 12, 3),
                                                            "Login took 12 s\nsecond attempt ok")


# --- the project file -----------------------------------------------------------------------


def test_crlf_and_bom_of_the_project_file_survive(project_dir: Path) -> None:
    path = project_dir / "project.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    edited = edit(project_dir / "checklist.xlsx",
                  lambda s, c: setattr(s.cell(row_of(s, "REQ-030"), c["Status"]), "value", "Done"))
    import_workbook(edited)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\n" not in data.replace(b"\r\n", b"")
    assert load_project(path).requirement("REQ-030").status.value == "done"


def test_the_project_file_is_found_beside_the_workbook_or_named(project_dir: Path, tmp_path_factory,
                                                                monkeypatch) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    shutil.copy(project_dir / "checklist.xlsx", elsewhere / "checklist.xlsx")
    monkeypatch.chdir(elsewhere)
    with pytest.raises(UsageError, match="--project"):
        import_workbook(elsewhere / "checklist.xlsx")
    assert not import_workbook(elsewhere / "checklist.xlsx", project_dir / "project.yaml").has_changes
    monkeypatch.chdir(project_dir)
    assert import_workbook(elsewhere / "checklist.xlsx").project == Path.cwd() / "project.yaml"


def test_a_broken_project_file_is_reported(project_dir: Path) -> None:
    (project_dir / "project.yaml").write_text("schema_version: 1\nproject: [\n", encoding="utf-8")
    with pytest.raises(ProjectFileError):
        import_workbook(project_dir / "checklist.xlsx")


def test_a_german_checklist_comes_back(project_dir: Path, sample_project) -> None:
    from docgen.i18n import labels
    from docgen.models import Language

    de = labels("de")
    path = project_dir / "checkliste.xlsx"
    path.write_bytes(render(sample_project, "checklist", language=Language.de))

    def change(sheet, col):
        row = row_of(sheet, "REQ-030")
        sheet.cell(row, col[de["xlsx.col.verified"]]).value = "ja"
        sheet.cell(row, col[de["status"]]).value = de["status.done"]
        sheet.cell(row, col[de["xlsx.col.due"]]).value = "1.12.2026"

    import_workbook(edit(path, change))
    requirement = load_project(project_dir / "project.yaml").requirement("REQ-030")
    assert (requirement.verified, requirement.status.value, requirement.due) == (True, "done", dt.date(2026, 12, 1))


def _remove_item(project_dir: Path, item_id: str) -> None:
    path = project_dir / "project.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index(f"  - id: {item_id}\n")
    end = text.index("\n  - id: ", start + 1) + 1
    path.write_text(text[:start] + text[end:], encoding="utf-8")


def test_rows_of_items_removed_from_the_project_after_the_export(project_dir: Path) -> None:
    _remove_item(project_dir, "REQ-037")
    report = import_workbook(project_dir / "checklist.xlsx")  # unchanged row: ignored, said so
    assert not report.has_changes and "no longer in project.yaml" in report.warnings[0].message
    edited = edit(project_dir / "checklist.xlsx",
                  lambda s, c: setattr(s.cell(row_of(s, "REQ-037"), c["Status"]), "value", "Done"))
    with pytest.raises(MergeConflictError, match="removed from project.yaml after the export"):
        import_workbook(edited)
    assert not import_workbook(edited, prefer="ours").has_changes
    report = import_workbook(edited, prefer="theirs")
    assert [(c.action, c.item_id) for c in report.changes] == [("add", "REQ-037")]
    restored = load_project(project_dir / "project.yaml").requirement("REQ-037")
    assert (restored.title, restored.status.value, restored.responsible, restored.phase.value) == (
        "Run and sign the customer acceptance tests", "done", "aluebben", "approval")


def test_deleting_a_row_of_an_item_changed_since_the_export_is_a_conflict(project_dir: Path) -> None:
    path = project_dir / "project.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  - id: REQ-040\n")
    status = text.index("    status: ", start)
    path.write_text(text[:status] + "    status: blocked" + text[text.index("\n", status):], encoding="utf-8")
    edited = edit(project_dir / "checklist.xlsx", lambda s, c: s.delete_rows(row_of(s, "REQ-040")))
    with pytest.raises(MergeConflictError, match="changed in project.yaml since the export"):
        import_workbook(edited, accept_deletions=True)
    assert not import_workbook(edited, accept_deletions=True, prefer="ours").has_changes
    assert [c.action for c in import_workbook(edited, accept_deletions=True, prefer="theirs").changes] == ["delete"]


def test_a_new_test_result_keeps_the_previous_run(project_dir: Path) -> None:
    def change(sheet, col):
        sheet.cell(row_of(sheet, "AT-02"), col["Result"]).value = "Fail"
        sheet.cell(row_of(sheet, "AT-02"), col["Date"]).value = dt.datetime(2026, 11, 26)
        sheet.cell(row_of(sheet, "AT-06"), col["Result"]).value = "Pass"

    report = import_workbook(edit(project_dir / "customer.xlsx", change))
    notes = {(c.item_id, c.field): c.note for c in report.changes}
    assert notes[("AT-02", "earlier_runs")] == "the previous run is kept"
    assert notes[("AT-06", "date")] == "the day of the new result"
    assert ("AT-06", "earlier_runs") not in notes  # never run before: no earlier run to keep
    project = load_project(project_dir / "project.yaml")
    [at02] = [t for t in project.tests.customer if t.id == "AT-02"]
    assert [(r.date, r.result.value) for r in at02.earlier_runs] == [
        (dt.date(2026, 11, 17), "fail"), (dt.date(2026, 11, 24), "pass")]
    assert (at02.result.value, at02.date) == ("fail", dt.date(2026, 11, 26))
    assert at02.result_on(dt.date(2026, 11, 25)).value == "pass"
    [at06] = [t for t in project.tests.customer if t.id == "AT-06"]
    assert (at06.result.value, at06.date) == ("pass", project.project.as_of)
