"""`docgen import-effort`: book a time-tracking export onto the work packages.

Every row is checked before anything is written. A row that cannot be booked (no
such work package, a bad date, hours not above zero) is reported with its line; then
nothing is written unless `skip_bad` is set, which books the good rows only. A row
that equals a booking already in project.yaml is not booked twice, so importing the
same export again changes nothing. The bookings are appended to `effort.bookings`
through the byte-preserving YAML editor, written atomically, with the previous file
kept as project.yaml.bak (as `docgen import` does).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from .errors import Problem, TimesheetError, UsageError
from .project_file import load_project_file, write_project
from .models import Booking
from .timesheet import FIELDS, ParsedRow, column_map, parse_rows, read_table
from .yaml.edit import AppendItem, apply_edits

BOOKINGS_PATH = ("effort", "bookings")


@dataclass
class EffortImportReport:
    timesheet: Path
    project: Path
    dry_run: bool
    booked: list[Booking] = field(default_factory=list)
    duplicates: int = 0
    skipped: list[Problem] = field(default_factory=list)
    written: bool = False
    backup: Path | None = None

    @property
    def hours(self) -> Decimal:
        return sum((b.hours or Decimal(0) for b in self.booked), Decimal(0))

    def per_package(self) -> dict[str, Decimal]:
        totals: dict[str, Decimal] = {}
        for booking in self.booked:
            totals[booking.work_package] = totals.get(booking.work_package, Decimal(0)) + (booking.hours or 0)
        return dict(sorted(totals.items()))

    def render_text(self) -> str:
        lines = [f"skipped: {problem}" for problem in self.skipped]
        lines += [f"  {wp}: {_hours(hours)} h" for wp, hours in self.per_package().items()]
        verb = "would book" if self.dry_run else "booked"
        summary = f"{verb} {len(self.booked)} row(s), {_hours(self.hours)} h"
        if self.duplicates:
            summary += f"; {self.duplicates} row(s) already booked"
        if self.skipped:
            summary += f"; {len(self.skipped)} bad row(s) skipped"
        if self.written:
            summary += f"; wrote {self.project} (previous file: {self.backup})"
        elif not self.booked:
            summary += f"; {self.project} unchanged"
        return "\n".join([*lines, summary])

    def to_json(self) -> dict[str, Any]:
        return {"timesheet": str(self.timesheet), "project": str(self.project), "dry_run": self.dry_run,
                "written": self.written, "booked_rows": len(self.booked), "hours": str(self.hours),
                "per_work_package": {wp: str(h) for wp, h in self.per_package().items()},
                "already_booked": self.duplicates, "skipped": [p.as_dict() for p in self.skipped]}


def import_effort(timesheet: Path, project: Path, *, skip_bad: bool = False, dry_run: bool = False,
                  columns: dict[str, str] | None = None) -> EffortImportReport:
    """Append the export's rows to `effort.bookings` of `project`; see the module docstring.

    Raises `TimesheetError` (listing every bad row) when a row cannot be booked and
    `skip_bad` is not set; `UsageError` for a file without the needed columns.
    """
    _check_overrides(columns or {})
    state = load_project_file(Path(project))
    table = read_table(Path(timesheet))
    parsed = parse_rows(table, column_map(table, columns or {}), state.project)
    problems = [p for row in parsed for p in row.problems]
    if problems and not skip_bad:
        raise TimesheetError(problems + [_nothing_written(table.source)])
    report = EffortImportReport(Path(timesheet), Path(project), dry_run, skipped=problems)
    report.booked, report.duplicates = _new_bookings(parsed, state.project.effort.bookings)
    if report.booked:
        edits = [AppendItem(BOOKINGS_PATH, _as_yaml(b)) for b in report.booked]
        new_text = apply_edits(state.text, edits, state.parsed, str(project))
        if not dry_run:
            report.backup = write_project(state, new_text)
            report.written = True
    return report


def _new_bookings(parsed: list[ParsedRow], existing: list[Booking]) -> tuple[list[Booking], int]:
    """The rows' bookings less those already in the project (counted, so a file's repeated rows stay)."""
    already = Counter(_identity(b) for b in existing)
    new, duplicates = [], 0
    for booking in (row.booking for row in parsed if row.booking is not None):
        key = _identity(booking)
        if already[key]:
            already[key] -= 1
            duplicates += 1
        else:
            new.append(booking)
    return new, duplicates


def _identity(booking: Booking) -> tuple[Any, ...]:
    return (booking.work_package, booking.date, booking.month, booking.hours, booking.days,
            booking.person, booking.ticket, booking.note)


def _as_yaml(booking: Booking) -> dict[str, Any]:
    """The booking as project.yaml writes it: set fields only, numbers as int or float."""
    data = booking.model_dump(exclude_defaults=True, exclude_none=True)
    return {key: _plain_number(value) for key, value in data.items()}


def _plain_number(value: Any) -> Any:
    if not isinstance(value, Decimal):
        return value
    return int(value) if value == value.to_integral_value() else float(value)


def _hours(value: Decimal) -> str:
    return f"{value.normalize():f}"


def _check_overrides(columns: dict[str, str]) -> None:
    unknown = [name for name in columns if name not in FIELDS]
    if unknown:
        raise UsageError(f"--column: unknown field {', '.join(unknown)} (fields: {', '.join(FIELDS)})")


def _nothing_written(source: str) -> Problem:
    return Problem(source, "", "", "nothing was booked", "correct these rows, or book the others with --skip-bad")
