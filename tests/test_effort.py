"""Booked effort: the summary per work package and `docgen import-effort`."""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
import xlsxwriter
from click.testing import CliRunner

from docgen.cli import main
from docgen.models.effort_summary import effort_by_work_package
from docgen.effort_import import import_effort
from docgen.errors import TimesheetError, UsageError
from docgen.loader import load_project
from tests.conftest import SAMPLE

TIMESHEET = SAMPLE.parent / "timesheet-2026-11.csv"
HEADER = "Date,User,Work package,Ticket,Hours,Description\n"


@pytest.fixture
def project_dir(tmp_path: Path) -> Path:
    shutil.copy(SAMPLE, tmp_path / "project.yaml")
    return tmp_path


def csv_file(folder: Path, rows: str, name: str = "sheet.csv") -> Path:
    path = folder / name
    path.write_text(HEADER + rows, encoding="utf-8")
    return path


def test_sample_summary_counts_approved_changes_and_flags_over_budget(sample_project) -> None:
    summary = effort_by_work_package(sample_project)
    packages = {p.id: p for p in summary.packages}
    assert packages["WP-05"].baseline_days == 14 and packages["WP-05"].planned_days == 18  # CR-01 approved
    assert packages["WP-08"].planned_days == Decimal("11.5")  # CR-03 is only proposed
    assert "WP-09" not in packages  # CR-02 was rejected
    assert packages["WP-01"].booked_days == Decimal("7.5")
    assert packages["WP-02"].over_budget and summary.over_budget == [packages["WP-02"]]
    assert summary.planned_days == summary.baseline_days + 4
    assert summary.remaining_days == summary.planned_days - summary.booked_days
    assert summary.scope.current.price == summary.scope.baseline.price + 5000  # CR-01: 4 days at 1,250


def test_summary_as_of_an_earlier_date_leaves_out_later_bookings_and_changes(sample_project) -> None:
    summary = effort_by_work_package(sample_project, dt.date(2026, 5, 31))
    wp05 = next(p for p in summary.packages if p.id == "WP-05")
    assert wp05.planned_days == 14 and wp05.booked_days == 0
    assert summary.booked_days == Decimal("7.5")  # the March and April months of WP-01


def test_sample_timesheet_books_every_row_onto_its_work_package(project_dir: Path) -> None:
    target = project_dir / "project.yaml"
    before = target.read_text(encoding="utf-8")
    report = import_effort(TIMESHEET, target)
    assert report.written and len(report.booked) == 10 and report.hours == Decimal("51.75")
    assert report.per_package()["WP-08"] == Decimal("20.25")  # the REQ-030 ticket row maps to WP-08
    assert (project_dir / "project.yaml.bak").read_text(encoding="utf-8") == before
    after = target.read_text(encoding="utf-8")
    assert after.startswith(before[: before.index("    - {work_package: WP-05, month: 2026-10")])
    project = load_project(target)
    assert len(project.effort.bookings) == 16
    clock = project.effort.bookings[-4]  # written as 7:30 in the timesheet
    assert (clock.date, clock.hours, clock.person) == (dt.date(2026, 11, 12), Decimal("7.5"), "kyilmaz")


def test_importing_again_books_nothing_twice(project_dir: Path) -> None:
    import_effort(TIMESHEET, project_dir / "project.yaml")
    text = (project_dir / "project.yaml").read_text(encoding="utf-8")
    again = import_effort(TIMESHEET, project_dir / "project.yaml")
    assert again.booked == [] and again.duplicates == 10 and not again.written
    assert (project_dir / "project.yaml").read_text(encoding="utf-8") == text


def test_bad_rows_are_reported_with_their_lines_and_nothing_changes(project_dir: Path) -> None:
    sheet = csv_file(project_dir, "2026-11-02,a,WP-01,,2,ok\n2026-13-01,a,WP-01,,2,x\n"
                                  "2026-11-03,a,WP-77,,2,x\n2026-11-04,a,WP-01,,-3,x\n2026-11-05,a,,REQ-999,1,x\n")
    before = (project_dir / "project.yaml").read_bytes()
    with pytest.raises(TimesheetError) as caught:
        import_effort(sheet, project_dir / "project.yaml")
    lines = str(caught.value).splitlines()
    assert lines[0] == f"{sheet}:3: date: '2026-13-01' is not a date in the calendar"
    assert lines[1].startswith(f"{sheet}:4: work_package: no work package 'WP-77' (known work packages: WP-01")
    assert lines[2].startswith(f"{sheet}:5: hours: -3 hours: booked hours must be more than 0")
    assert lines[3].startswith(f"{sheet}:6: ticket: 'REQ-999' is no checklist item with a work package")
    assert (project_dir / "project.yaml").read_bytes() == before
    assert not (project_dir / "project.yaml.bak").exists()


def test_skip_bad_books_the_good_rows_and_lists_the_others(project_dir: Path) -> None:
    sheet = csv_file(project_dir, "2026-11-02,a,WP-01,,2,ok\n2026-11-03,a,WP-77,,2,x\n")
    report = import_effort(sheet, project_dir / "project.yaml", skip_bad=True)
    assert [b.work_package for b in report.booked] == ["WP-01"] and report.written
    assert [p.where for p in report.skipped] == ["3"]


def test_semicolon_german_export_with_column_override(project_dir: Path) -> None:
    sheet = project_dir / "export.csv"
    sheet.write_bytes("Datum;Mitarbeiter;Leistung;Stunden\n16.11.2026;Kerem;WP-05;6,5\n".encode("cp1252"))
    with pytest.raises(UsageError, match="no column for work_package or ticket"):
        import_effort(sheet, project_dir / "project.yaml")
    report = import_effort(sheet, project_dir / "project.yaml", columns={"work_package": "Leistung"}, dry_run=True)
    [booking] = report.booked
    assert (booking.date, booking.hours, booking.person) == (dt.date(2026, 11, 16), Decimal("6.5"), "Kerem")
    assert not report.written


def test_xlsx_export_reports_cells(project_dir: Path) -> None:
    path = project_dir / "export.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Worklogs")
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_row(0, 0, ["Date", "Issue key", "Time spent", "Summary"])
    sheet.write_datetime(1, 0, dt.datetime(2026, 11, 16), date_format)
    sheet.write_row(1, 1, ["REQ-015", 3.5, "=not a formula, a note"])
    sheet.write_datetime(2, 0, dt.datetime(2026, 11, 17), date_format)
    sheet.write_row(2, 1, ["REQ-015", "many"])
    book.close()
    with pytest.raises(TimesheetError, match=r"export.xlsx: Worklogs!C3: hours: 'many' is not a number of hours"):
        import_effort(path, project_dir / "project.yaml")
    [booking] = import_effort(path, project_dir / "project.yaml", skip_bad=True).booked
    assert (booking.work_package, booking.hours) == ("WP-05", Decimal("3.5"))


def test_cli_import_effort(project_dir: Path) -> None:
    shutil.copy(TIMESHEET, project_dir / "t.csv")
    result = CliRunner().invoke(main, ["import-effort", str(project_dir / "t.csv"), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "would book 10 row(s), 51.75 h" in result.output
    bad = csv_file(project_dir, "2026-11-02,a,WP-77,,2,x\n")
    result = CliRunner().invoke(main, ["import-effort", str(bad), "--column", "nonsense"])
    assert result.exit_code == 2 and "expected FIELD=HEADER" in result.output
    result = CliRunner().invoke(main, ["import-effort", str(bad)])
    assert result.exit_code == 1 and ":2: work_package: no work package 'WP-77'" in result.output


def test_cli_effort_flags_the_over_budget_package() -> None:
    result = CliRunner().invoke(main, ["effort", str(SAMPLE)])
    assert result.exit_code == 1
    wp02 = next(line for line in result.output.splitlines() if line.startswith("WP-02"))
    assert wp02.split()[-2:] == ["OVER", "BUDGET"] and "16.5" in wp02 and "-1.5" in wp02
    result = CliRunner().invoke(main, ["effort", str(SAMPLE), "--as-of", "2026-05-01", "--json"])
    assert result.exit_code == 0 and '"over_budget": []' in result.output


def test_a_project_without_an_effort_section_gets_one(tmp_path: Path, minimal_yaml: str) -> None:
    target = tmp_path / "project.yaml"
    target.write_text(minimal_yaml + "sow:\n  day_rate: 100\n  work_packages: [{id: W, title: T, effort_days: 1}]\n",
                      encoding="utf-8")
    before = target.read_text(encoding="utf-8")
    import_effort(csv_file(tmp_path, "2026-02-02,me,W,,4,first day\n"), target)
    after = target.read_text(encoding="utf-8")
    assert after.startswith(before) and after[len(before):].startswith("effort:\n  bookings:\n")
    assert load_project(target).effort.bookings[0].hours == 4
