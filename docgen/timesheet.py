"""Read a time-tracking export (CSV or XLSX) into bookings of work packages.

Column mapping
--------------
The first row holds the column names. Each field is found by its header, compared
case-insensitively and ignoring spaces, '_', '-' and '.':

=============  ==========================================================================
field          recognised headers
=============  ==========================================================================
date           Date, Day, Work date, Spent on, Started, Datum, Tag
hours          Hours, Time spent, Duration, Time, Stunden, Dauer, Aufwand
work_package   Work package, WP, Activity, Task, Project task, Arbeitspaket
ticket         Ticket, Issue, Issue key, Key, Requirement, Vorgang
person         Person, User, Name, Employee, Author, Login, Mitarbeiter, Benutzer
note           Note, Notes, Description, Comment, Summary, Bemerkung, Beschreibung, Kommentar
=============  ==========================================================================

`--column FIELD=HEADER` names a column the table does not know. `date`, `hours` and
one of `work_package` or `ticket` are required. A row's work package is its work
package column when that holds a work package id (of the SOW or of a change
request), else the work package of the checklist item its ticket column names.

Values: dates as YYYY-MM-DD (a time after the date is ignored), DD.MM.YYYY or a
date cell; hours as 6.5, 6,5 or 6:30, more than 0 and at most 24. CSV files may
be comma-, semicolon- or tab-separated, in UTF-8 (with or without BOM) or
Windows-1252. In an XLSX file the first sheet is read.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .errors import Problem, UsageError
from .models import Booking, Project

FIELDS = ("date", "hours", "work_package", "ticket", "person", "note")
HEADERS = {
    "date": ("date", "day", "workdate", "spenton", "started", "datum", "tag"),
    "hours": ("hours", "timespent", "duration", "time", "stunden", "dauer", "aufwand"),
    "work_package": ("workpackage", "wp", "activity", "task", "projecttask", "arbeitspaket"),
    "ticket": ("ticket", "issue", "issuekey", "key", "requirement", "vorgang"),
    "person": ("person", "user", "name", "employee", "author", "login", "mitarbeiter", "benutzer"),
    "note": ("note", "notes", "description", "comment", "summary", "bemerkung", "beschreibung", "kommentar"),
}
MAX_HOURS_PER_ROW = Decimal(24)
_DOTTED_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_ISO_START = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")
_CLOCK = re.compile(r"^(\d{1,2}):([0-5]\d)$")


@dataclass(frozen=True)
class SheetRow:
    """One data row: where it is (CSV line or sheet row) and its cells by header."""

    number: int  # 1-based line (CSV) or row (XLSX)
    cells: list[Any]


@dataclass(frozen=True)
class Table:
    source: str
    sheet: str  # "" for CSV
    headers: list[str]
    rows: list[SheetRow]

    def where(self, row: SheetRow, column: int | None) -> str:
        """'12' (CSV line) or 'Sheet1!C12' (XLSX cell), as `Problem.where` wants it."""
        if not self.sheet:
            return str(row.number)
        from .excel.read import column_letter

        return f"{self.sheet}!{column_letter(column or 0)}{row.number}"


@dataclass(frozen=True)
class ParsedRow:
    row: SheetRow
    booking: Booking | None
    problems: list[Problem]


def read_table(path: Path) -> Table:
    """The export's header and data rows; XLSX through the workbook reader, else CSV."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    return _read_csv(path)


def column_map(table: Table, overrides: dict[str, str]) -> dict[str, int]:
    """field -> column index, from the recognised headers and the user's overrides."""
    keys = [_header_key(h) for h in table.headers]
    found = {}
    for field, names in HEADERS.items():
        wanted = (_header_key(overrides[field]),) if field in overrides else names
        index = next((i for i, key in enumerate(keys) if key in wanted), None)
        if index is None and field in overrides:
            raise UsageError(f"{table.source}: no column '{overrides[field]}' for {field} "
                             f"(columns: {', '.join(table.headers)})")
        if index is not None:
            found[field] = index
    _check_required(found, table)
    return found


def parse_rows(table: Table, columns: dict[str, int], project: Project) -> list[ParsedRow]:
    packages = _work_package_ids(project)
    tickets = {r.id: r.work_package for r in project.requirements if r.work_package}
    return [_parse_row(table, row, columns, packages, tickets) for row in table.rows if _has_data(row)]


def _parse_row(table: Table, row: SheetRow, columns: dict[str, int], packages: set[str],
               tickets: dict[str, str]) -> ParsedRow:
    problems: list[Problem] = []

    def cell(field: str) -> Any:
        return row.cells[columns[field]] if field in columns and columns[field] < len(row.cells) else ""

    def fail(field: str, message: str, hint: str = "") -> None:
        problems.append(Problem(table.source, table.where(row, columns.get(field)), field, message, hint))

    date = _date(cell("date"), fail)
    hours = _hours(cell("hours"), fail)
    package = _work_package(str(cell("work_package")).strip(), str(cell("ticket")).strip(), packages, tickets, fail)
    if problems:
        return ParsedRow(row, None, problems)
    try:
        booking = Booking(work_package=package, date=date, hours=hours, person=_text(cell("person")),
                          ticket=_text(cell("ticket")), note=_text(cell("note")))
    except ValidationError as error:  # text a Word or Excel file cannot hold
        field = str(error.errors()[0]["loc"][0])
        fail(field, "holds a control character that no document can show", "remove it in the time tracking")
        return ParsedRow(row, None, problems)
    return ParsedRow(row, booking, [])


def _date(value: Any, fail: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if not text:
        fail("date", "no date")
        return None
    try:
        if match := _ISO_START.match(text):
            return dt.date.fromisoformat(match.group(1))
        if match := _DOTTED_DATE.match(text):
            return dt.date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
    except ValueError:
        fail("date", f"'{text}' is not a date in the calendar")
        return None
    fail("date", f"'{text}' is not a date", "write it as YYYY-MM-DD or DD.MM.YYYY")
    return None


def _hours(value: Any, fail: Any) -> Decimal | None:
    hours = _number(value)
    if hours is None:
        fail("hours", f"'{value}' is not a number of hours" if str(value).strip() else "no hours",
             "write hours as 6.5, 6,5 or 6:30")
    elif hours <= 0:
        fail("hours", f"{value} hours: booked hours must be more than 0",
             "correct the booking in the time tracking; a negative row does not cancel another")
    elif hours > MAX_HOURS_PER_ROW:
        fail("hours", f"{value} hours on one day is more than {MAX_HOURS_PER_ROW}")
    else:
        return hours.quantize(Decimal("0.01"))
    return None


def _number(value: Any) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return Decimal(str(value))
    text = str(value).strip()
    if match := _CLOCK.match(text):
        return Decimal(match.group(1)) + Decimal(match.group(2)) / 60
    try:
        return Decimal(text.replace(",", ".")) if text else None
    except InvalidOperation:
        return None


def _work_package(package: str, ticket: str, packages: set[str], tickets: dict[str, str], fail: Any) -> str | None:
    if package in packages:
        return package
    if not package and ticket in tickets:
        return tickets[ticket]
    if package:
        fail("work_package", f"no work package '{package}'", _known(packages))
    elif ticket:
        fail("ticket", f"'{ticket}' is no checklist item with a work package",
             "add a work package column, or set the item's work_package in project.yaml")
    else:
        fail("work_package", "neither a work package nor a ticket")
    return None


def _known(packages: set[str]) -> str:
    shown = sorted(packages)
    return "known work packages: " + ", ".join(shown) if shown else "the project has no work packages"


def _work_package_ids(project: Project) -> set[str]:
    ids = {p.id for p in project.sow.work_packages} if project.sow else set()
    return ids | {p.id for r in project.change_requests for p in r.adds}


def _text(value: Any) -> str:
    # Strip only the edges: a note is data, kept as written (the model refuses XML-impossible characters).
    return "" if value is None else str(value).strip()


def _has_data(row: SheetRow) -> bool:
    return any(str(c).strip() for c in row.cells if c is not None)


def _header_key(header: Any) -> str:
    return re.sub(r"[\s_.\-]+", "", str(header)).lower()


def _check_required(found: dict[str, int], table: Table) -> None:
    missing = [f for f in ("date", "hours") if f not in found]
    if "work_package" not in found and "ticket" not in found:
        missing.append("work_package or ticket")
    if missing:
        raise UsageError(f"{table.source}: no column for {', '.join(missing)} (columns: "
                         f"{', '.join(map(str, table.headers)) or 'none'}); name it with --column FIELD=HEADER")


def _read_csv(path: Path) -> Table:
    text = _decode(path)
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    headers = next(reader, [])
    rows = []
    try:
        for cells in reader:
            rows.append(SheetRow(reader.line_num, cells))
    except csv.Error as error:
        raise UsageError(f"{path}:{reader.line_num}: not a readable CSV row ({error})") from None
    return Table(str(path), "", headers, rows)


def _decode(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UsageError(f"{path}: cannot read the file ({error.strerror})") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _read_xlsx(path: Path) -> Table:
    from .excel.read import open_workbook

    book = open_workbook(path)
    sheet = book.sheet_names[0]
    rows = book.rows(sheet)
    headers = [str(h).strip() for h in rows[0]] if rows else []
    return Table(str(path), sheet, headers, [SheetRow(n, cells) for n, cells in enumerate(rows[1:], 2)])
