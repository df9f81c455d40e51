"""Every conversion of a layout's values: model value -> cell, cell -> model value, JSON form.

`layout` declares each column's `Kind`; this module holds the one rule per kind,
used by the export and the import alike:

* Writing (`cell_writer`, `to_cell`): text as is; dates as Excel serial numbers
  (formatted as dates); choices, people and yes/no as the labels of the workbook's
  language; steps as numbered lines "1. ...\n2. ..."; Markdown of a read-only
  column as plain text (`Column.plain_text`); nothing as an empty cell.
* The JSON form (`json_form`, `snapshot_function`, `snapshot_of`): dates ISO, enums
  by value, the rest as is, i.e. pydantic's ``mode="json"``. The `_meta` snapshot,
  the read-only hash and the three-way merge all compare values in this form, except
  that the read-only hash takes plain-text Markdown as the cell shows it.
* Reading (`ColumnReader`): a returned workbook's cells -> model values, for every
  way a customer's file can say it.

Each reading case is accepted where its meaning is unambiguous, else refused with a
message and a hint (the importer adds the Sheet!Cell):

* Empty cells: "" for text, nothing for dates, people, references and choices, No
  for yes/no columns, [] for steps. Whether the field may be empty is the model's
  decision (an empty mandatory cell is refused there).
* Dates: a date cell; a date serial number in a General-formatted cell (1990-2199);
  a date-and-time at midnight. Text: ISO 2026-04-15; day-first 15.04.2026 and
  15.4.2026; 15/04/2026 or 04/15/2026 when only one reading is a valid date (an
  ambiguous 04/05/2026 is refused); 15 Apr 2026 and 15. April 2026 (English or
  German month names). Other times of day, two-digit years and impossible dates
  are refused.
* Yes/no: the workbook's Yes/No labels (English and German, any case), true/false,
  1/0, x and check marks for yes, a real boolean, and the formulas =TRUE() and
  =FALSE() (LibreOffice stores a typed TRUE that way).
* Choices (status, side, result ...) and people: the dropdown's label, the stored
  value or id, in any case; anything else is refused with the allowed values.
* A number where text belongs (an id whose leading zeros Excel dropped) is read as
  its digits, with a warning that the zeros cannot be recovered; a boolean or a date
  there is refused.
* Any other formula is refused: its value was computed, not typed, and may change.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable

from ..models.limits import MAX_TEXT_CHARS, utf16_length
from .layout import FIRST_DATE, LAST_DATE, CellContext, Column, Kind, WorkbookLayout, choice_labels
from ..markdown import markdown_to_plain

EXCEL_EPOCH = dt.date(1899, 12, 30)
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_SLASHED = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_NAMED = re.compile(r"^(\d{1,2})\.?\s+([^\W\d_]+)\.?\s+(\d{4})$")
_MONTHS = {name: number for number, names in enumerate([
    ("jan", "january", "januar", "jän", "jänner"), ("feb", "february", "februar"), ("mar", "march", "mär", "märz"),
    ("apr", "april"), ("may", "mai"), ("jun", "june", "juni"), ("jul", "july", "juli"), ("aug", "august"),
    ("sep", "sept", "september"), ("oct", "october", "okt", "oktober"), ("nov", "november"),
    ("dec", "december", "dez", "dezember")], 1) for name in names}
_TRUE_WORDS = {"true", "1", "x", "✓", "✔", "yes", "ja"}
_FALSE_WORDS = {"false", "0", "no", "nein"}
_BOOL_FORMULAS = {"TRUE()": True, "TRUE": True, "FALSE()": False, "FALSE": False}
_STEP_NUMBER = re.compile(r"^\d+\.\s")


# --- model value -> cell ------------------------------------------------------------


def to_cell(column: Column, value: Any, context: CellContext) -> str | int | None:
    """The cell value of a model value: text, an Excel date serial (int) or None (empty)."""
    return cell_writer(column, context)(value)


def cell_writer(column: Column, context: CellContext) -> Callable[[Any], str | int | None]:
    """`to_cell` for one column, prepared once for many rows."""
    kind = column.kind
    if kind is Kind.DATE:
        epoch = EXCEL_EPOCH.toordinal()
        return lambda value: None if value is None else value.toordinal() - epoch
    if kind is Kind.ENUM:
        by_value = _choice_map(column, context)
        names = {member: by_value[member.value] for member in column.choices.enum}
        return lambda value: None if value is None else names[value]
    if kind is Kind.PERSON:
        people = context.person_names
        return lambda value: None if value is None else people.get(value, value)
    if kind is Kind.BOOL:
        yes, no = context.labels["yes"], context.labels["no"]
        return lambda value: None if value is None else (yes if value else no)
    if kind is Kind.LINES:
        return _numbered_lines
    if column.plain_text:
        return markdown_to_plain
    return _as_is


class _Never:
    """Equal to no cell value."""

    def __eq__(self, other: object) -> bool:
        return False

    __hash__ = object.__hash__


NEVER: Any = _Never()


def _iso_date(text: Any) -> dt.date | None:
    """The date whose isoformat() is `text`, else None."""
    try:
        day = dt.date.fromisoformat(text)
    except (TypeError, ValueError):
        return None
    return day if day.isoformat() == text else None


def _numbered_lines(lines: list[str]) -> str:
    return "\n".join(f"{n}. {line}" for n, line in enumerate(lines, 1))


# --- model value -> JSON form ---------------------------------------------------------


def json_form(kind: Kind) -> Callable[[Any], Any]:
    """model value -> its JSON form: dates ISO, enums by value, the rest as is."""
    if kind is Kind.DATE:
        return lambda value: None if value is None else value.isoformat()
    if kind is Kind.ENUM:
        return lambda value: None if value is None else value.value
    return _as_is


@lru_cache(maxsize=None)
def snapshot_function(layout: WorkbookLayout, fields: tuple[str, ...] | None = None) -> Callable[[Any], dict]:
    """item -> {field: JSON form} for `fields` (default: the editable ones), sorted by name.

    Names that are not columns of the layout are left out. Made once per layout and
    fields (layouts hash by identity), then cheap per item.
    """
    wanted = layout.editable_fields if fields is None else fields
    columns = sorted((c for c in layout.columns if c.field in wanted), key=lambda c: c.field)
    converters = tuple((c.field, _snapshot_form(c)) for c in columns)
    return lambda item: {name: convert(getattr(item, name)) for name, convert in converters}


def _snapshot_form(column: Column) -> Callable[[Any], Any]:
    """The JSON form, except for Markdown shown as plain text: the text the cell shows.

    Such a cell's text cannot be turned back into the field's Markdown, so the
    read-only hash covers what the export wrote; a cell that still shows it is
    unedited, whatever the field's Markdown became in project.yaml since.
    """
    return markdown_to_plain if column.plain_text else json_form(column.kind)


def snapshot_of(item: Any, layout: WorkbookLayout) -> dict[str, Any]:
    """The editable fields' model values in JSON form, sorted by name: the merge base in `_meta`.

    Equal to `item.model_dump(mode="json")` restricted to those fields, at a fraction of its cost.
    """
    return snapshot_function(layout)(item)


def _as_is(value: Any) -> Any:
    return value


# --- cell -> model value ----------------------------------------------------------------


class CellError(ValueError):
    """A cell that cannot become its field's value."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message, self.hint = message, hint


@dataclass(frozen=True)
class Note:
    """A cell that was read, with a caveat worth telling the user."""

    message: str
    hint: str = ""


class ColumnReader:
    """Reads one column's cells; prepared once per column for many rows."""

    def __init__(self, column: Column, context: CellContext) -> None:
        self.column, self.kind = column, column.kind
        self.to_json = json_form(column.kind)
        self.write = cell_writer(column, context)
        self.choices = _choice_map(column, context)
        self.people = context.person_names
        self.yes, self.no = context.labels["yes"], context.labels["no"]
        self.as_is = self.write is _as_is and self.to_json is _as_is  # text shown and kept as it is

    # --- YAML values, and cells as the export wrote them ----------------------------

    def to_yaml(self, value: Any) -> Any:
        """A JSON-form value as project.yaml holds it: dates as dates, the rest as is."""
        if self.kind is Kind.DATE and value is not None:
            return dt.date.fromisoformat(value)
        return value

    def unchanged(self, raw: Any, json_value: Any) -> bool:
        """True when `raw` is exactly how the export wrote `json_value` (no need to read it)."""
        kind = self.kind
        if json_value is None or json_value == "" or json_value == []:
            return raw == "" or raw is None
        if kind is Kind.DATE:
            return type(raw) is dt.date and raw.isoformat() == json_value
        if kind is Kind.ENUM:
            return raw == self.choices.get(json_value)
        return raw == self.write(json_value)  # for the other kinds the JSON form is the model value

    def shown(self, json_value: Any) -> Any:
        """What a cell that shows `json_value` as the export wrote it holds when read back:
        a raw cell equal (==) to it is `unchanged`. `NEVER` (equal to nothing) where no single
        value says so; "" for an empty value (a None cell is left to `unchanged`)."""
        if json_value is None or json_value == "" or json_value == []:
            return ""
        if self.kind is Kind.DATE:
            day = _iso_date(json_value)
            return NEVER if day is None else day  # == only a date: a datetime is never equal to one
        if self.kind is Kind.ENUM:
            label = self.choices.get(json_value)
            return NEVER if label is None else label
        return self.write(json_value)

    # --- reading -------------------------------------------------------------------

    def read(self, raw: Any, formula: str | None = None) -> tuple[Any, Note | None]:
        """The model value of a cell (and a caveat, if any); raises `CellError`."""
        if formula is not None:
            return self._formula(formula), None
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            return self._empty(), None
        if self.kind is Kind.BOOL:
            return self._bool(raw), None
        if isinstance(raw, bool):
            raise CellError(f"expected {self._expected()}, found the yes/no value {str(raw).upper()}",
                            "type the value again; a spreadsheet turned it into TRUE or FALSE")
        if self.kind is Kind.DATE:
            return _date(raw), None
        if isinstance(raw, (dt.date, dt.time, dt.timedelta)):
            raise CellError(f"expected {self._expected()}, found a date or time",
                            "format the cell as Text and type the value again")
        if isinstance(raw, (int, float)):
            return self._number(raw)
        if len(raw) >= MAX_TEXT_CHARS // 2 and utf16_length(str(raw)) >= MAX_TEXT_CHARS:
            # Readers stop at the limit: the customer's text may have been longer, and cut.
            raise CellError(f"the cell holds {MAX_TEXT_CHARS:,} characters, the most a cell can hold; its text "
                            "was probably cut", "shorten the text, or move the rest into a document")
        return self._text(str(raw)), None

    def _formula(self, formula: str) -> Any:
        text = formula.strip().lstrip("=").replace(" ", "").upper()
        if self.kind is Kind.BOOL and text in _BOOL_FORMULAS:
            return _BOOL_FORMULAS[text]
        raise CellError(f"a formula (={formula.strip().lstrip('=')}) cannot be imported",
                        "replace it with the value itself: copy the cell, then paste it as values only")

    def _empty(self) -> Any:
        return {Kind.TEXT: "", Kind.KEY: "", Kind.BOOL: False, Kind.LINES: []}.get(self.kind)

    def _expected(self) -> str:
        return {Kind.DATE: "a date", Kind.ENUM: "one of the listed values", Kind.PERSON: "a person",
                Kind.BOOL: f"{self.yes} or {self.no}"}.get(self.kind, "text")

    def _bool(self, raw: Any) -> bool:
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, (int, float)) and raw in (0, 1):
            return bool(raw)
        text = str(raw).strip().lower()
        if text in _TRUE_WORDS or text == self.yes.lower():
            return True
        if text in _FALSE_WORDS or text == self.no.lower():
            return False
        raise CellError(f"expected {self.yes} or {self.no}, found '{raw}'", f"choose {self.yes} or {self.no}")

    def _number(self, raw: int | float) -> tuple[Any, Note | None]:
        if self.kind in (Kind.ENUM, Kind.PERSON):
            raise CellError(f"expected {self._expected()}, found the number {number_text(raw)}",
                            "choose a value from the cell's list")
        text = number_text(raw)
        note = Note(f"the number {text} was read as the text '{text}'",
                    "if it had leading zeros, type it again as text (start it with an apostrophe: '007)")
        return self._text(text), note

    def _text(self, text: str) -> Any:
        kind = self.kind
        if kind is Kind.ENUM:
            return self._choice(text.strip())
        if kind is Kind.PERSON:
            return self._person(text.strip())
        if kind is Kind.LINES:
            return [_STEP_NUMBER.sub("", line) for line in text.splitlines() if line.strip()]
        if kind in (Kind.REF, Kind.KEY):
            return text.strip()
        return text.replace("\r\n", "\n")

    def _choice(self, text: str) -> Any:
        folded = text.casefold()
        for value, label in self.choices.items():
            if folded in (value.casefold(), label.casefold()):
                return self.column.choices.enum(value)
        raise CellError(f"'{text}' is not one of {', '.join(self.choices.values())}", "choose a value from the list")

    def _person(self, text: str) -> str:
        folded = text.casefold()
        for person_id, name in self.people.items():
            if folded in (person_id.casefold(), name.casefold()):
                return person_id
        close = difflib.get_close_matches(text, list(self.people.values()), n=1)
        hint = f"did you mean '{close[0]}'?" if close else "choose a person from the list; add new people in project.yaml"
        raise CellError(f"no person '{text}' in the project", hint)


def _choice_map(column: Column, context: CellContext) -> dict[str, str]:
    """value -> label of the column's dropdown (enums only)."""
    if column.choices is None or column.choices.enum is None:
        return {}
    return dict(zip((m.value for m in column.choices.enum), choice_labels(column.choices, context)))


def number_text(raw: int | float) -> str:
    """A number as typed: 7.0 -> "7" (spreadsheets store every number as a float)."""
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return str(raw)


def _date(raw: Any) -> dt.date:
    if isinstance(raw, dt.datetime):
        if raw.time() != dt.time(0):
            raise CellError(f"expected a date, found a date and time ({raw:%Y-%m-%d %H:%M})",
                            "remove the time of day")
        return _in_range(raw.date(), raw)
    if isinstance(raw, dt.date):
        return _in_range(raw, raw)
    if isinstance(raw, (int, float)):
        if not math.isfinite(raw) or not float(raw).is_integer():
            raise CellError(f"expected a date, found the number {raw}", "type the date as 2026-04-15")
        serial = int(raw)
        if not (FIRST_DATE - EXCEL_EPOCH).days <= serial <= (LAST_DATE - EXCEL_EPOCH).days:
            raise CellError(f"expected a date, found the number {serial}", "type the date as 2026-04-15")
        return EXCEL_EPOCH + dt.timedelta(days=serial)
    return _in_range(_date_from_text(str(raw).strip()), raw)


def _in_range(value: dt.date, raw: Any) -> dt.date:
    if not FIRST_DATE <= value <= LAST_DATE:
        raise CellError(f"the date {value.isoformat()} is out of range (1990 to 2199)", "check the year")
    return value


def _date_from_text(text: str) -> dt.date:
    hint = "type the date as 2026-04-15 or as 15.04.2026"
    for pattern, order in ((_ISO, "ymd"), (_DOTTED, "dmy")):
        match = pattern.match(text)
        if match:
            parts = dict(zip(order, map(int, match.groups())))
            return _make_date(parts["y"], parts["m"], parts["d"], text, hint)
    match = _SLASHED.match(text)
    if match:
        return _slashed_date(*map(int, match.groups()), text)
    match = _NAMED.match(text)
    if match and match.group(2).casefold() in _MONTHS:
        day, month, year = int(match.group(1)), _MONTHS[match.group(2).casefold()], int(match.group(3))
        return _make_date(year, month, day, text, hint)
    raise CellError(f"'{text}' is not a date", hint)


def _slashed_date(first: int, second: int, year: int, text: str) -> dt.date:
    readings = {_try_date(year, second, first), _try_date(year, first, second)} - {None}
    if len(readings) == 1:
        return readings.pop()
    if not readings:
        raise CellError(f"'{text}' is not a valid date", "type the date as 2026-04-15")
    raise CellError(f"'{text}' is ambiguous: day/month or month/day?",
                    "type the date as 2026-04-15 (year-month-day) or as 15.04.2026")


def _try_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _make_date(year: int, month: int, day: int, text: str, hint: str) -> dt.date:
    found = _try_date(year, month, day)
    if found is None:
        raise CellError(f"'{text}' is not a valid date", hint)
    return found

