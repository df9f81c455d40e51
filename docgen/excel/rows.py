"""Find the table in a returned workbook and read its rows: keyed rows, new rows, problems.

Columns are found by their header labels and rows by their hidden key, so sorting,
filtering, hiding or moving rows and adding columns change nothing; an added column
that holds data is named in a warning, since its values are not imported. Every
problem of the sheet is collected, each naming its Sheet!Cell, so that one import
reports them all.

An edit of a read-only cell is not imported, only reported (refused with
--strict). It is judged against the export, not against project.yaml: `_meta`
keeps a hash of each row's read-only values as exported, so a field the vendor
changed in project.yaml since then is not mistaken for the customer's edit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations
from operator import attrgetter, eq, itemgetter, methodcaller
from typing import Any, Iterator, Mapping

from ..errors import Problem, WorkbookError
from ..i18n import Labels
from .layout import FORMER_LABELS, KEY_FIELD, CellContext, WorkbookLayout
from .merge import SheetRow
from .meta import Meta, MetaRow, read_only_hash
from .read import Workbook, column_letter
from .values import CellError, ColumnReader, number_text, snapshot_function

HEADER_SEARCH_ROWS = 20  # the header may have moved down if rows were inserted above it


@dataclass
class Table:
    sheet: str
    header: int  # 0-based row index of the header
    columns: dict[str, int]  # field -> 0-based column index
    rows: list[list[Any]]
    formulas: dict[tuple[int, int], str]

    def where(self, row: int, name: str) -> str:
        column = self.columns.get(name, 0)
        return f"{self.sheet}!{column_letter(column)}{row + 1}"

    def raw(self, row: int, name: str) -> Any:
        values, column = self.rows[row], self.columns.get(name)
        return values[column] if column is not None and column < len(values) else ""

    def formula(self, row: int, name: str) -> str | None:
        return self.formulas.get((row, self.columns[name])) if self.formulas else None


class RowCells(Mapping[str, str]):
    """field -> "Sheet!Cell" of one row, made only when a message needs one (10,000 rows x 7 fields)."""

    def __init__(self, table: Table, row: int, names: tuple[str, ...]) -> None:
        self.table, self.row, self.names = table, row, names

    def __getitem__(self, name: str) -> str:
        if name not in self.names:
            raise KeyError(name)
        return self.table.where(self.row, name)

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)


@dataclass
class NewRow:
    """A row to become an item: one without a key, or one whose item left project.yaml."""

    row: int  # 0-based
    values: dict[str, Any]  # field -> model value, for every column present
    problems: list[Problem] = field(default_factory=list)  # of a row read whole only in case it is needed
    left_out: list[str] = field(default_factory=list)  # filled fields whose cells show Markdown as plain text


@dataclass
class SheetRead:
    keyed: list[SheetRow] = field(default_factory=list)
    new: list[NewRow] = field(default_factory=list)
    full: dict[str, NewRow] = field(default_factory=dict)  # key -> row read whole (item gone from the project)
    problems: list[Problem] = field(default_factory=list)
    read_only: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)


def locate_table(book: Workbook, meta: Meta, layout: WorkbookLayout, labels: Labels, source: str) -> Table:
    """The data sheet and its header; `WorkbookError` when the columns cannot be found."""
    wanted = {labels[c.label].strip().casefold(): c.field for c in layout.columns}
    for column in layout.columns:  # a workbook exported before a label changed
        for former in FORMER_LABELS.get(column.label, ()):
            wanted.setdefault(former.casefold(), column.field)
    names = [meta.sheet] if meta.sheet in book.sheet_names else []
    names += [n for n in book.sheet_names if n not in names and not n.startswith("_")]
    for name in names:
        rows = book.rows(name)
        for index, values in enumerate(rows[:HEADER_SEARCH_ROWS]):
            found = _header(values, wanted)
            if KEY_FIELD in found and "id" in found:
                _check_columns(found, layout, meta.editable, labels, name, index, source)
                return Table(name, index, found, rows, book.formulas(name))
    raise WorkbookError([Problem(source, meta.sheet, "", f"no table with the columns '{labels[layout.columns[0].label]}' "
                                 f"and '{labels[layout.columns[1].label]}'",
                                 "the header row or the hidden key column was deleted; use the workbook as exported")])


def _header(values: list[Any], wanted: Mapping[str, str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for column, value in enumerate(values):
        name = wanted.get(str(value).strip().casefold()) if isinstance(value, str) else None
        if name is not None and name not in found:
            found[name] = column
    return found


def _check_columns(found: dict[str, int], layout: WorkbookLayout, editable: list[str], labels: Labels, sheet: str,
                   header: int, source: str) -> None:
    # Only the columns the workbook was exported with (its _meta): one from an earlier
    # docgen lacks columns added since, and its import leaves those fields alone.
    missing = [c for c in layout.columns if c.editable and c.field in editable and c.field not in found]
    if missing:
        raise WorkbookError([Problem(source, f"{sheet}!{header + 1}:{header + 1}", "",
                                     f"the column '{labels[c.label]}' is missing",
                                     "do not rename or delete columns; use the workbook as exported")
                             for c in missing])


def read_rows(table: Table, layout: WorkbookLayout, meta: Meta, context: CellContext,
              ours: Mapping[str, tuple[int, Any]], source: str) -> SheetRead:
    """Every row below the header, by key; `ours` maps keys to (index, item) of the project."""
    reader = _RowReader(table, layout, meta, context, ours, source)
    reader.find_unchanged()
    for row in range(table.header + 1, len(table.rows)):
        reader.read(row)
    reader.result.notes += added_columns(table, layout, source)
    return reader.result


_DOCUMENTS = {"checklist": "the checklist", "internal": "the internal test protocol",
              "customer": "the customer test protocol"}


def added_columns(table: Table, layout: WorkbookLayout, source: str) -> list[Problem]:
    """A warning for each column of the header row that is not the layout's and holds data:
    the customer may expect what they typed there to be imported."""
    header = table.rows[table.header]
    ours = set(table.columns.values())
    warnings = []
    for column, name in enumerate(header):
        if column in ours or not _has_data(table, column):
            continue
        where = f"{table.sheet}!{column_letter(column)}{table.header + 1}"
        warnings.append(Problem(source, where, "", _added_column_message(table, column, name, layout),
                                "docgen imports its own columns only; move what matters into an editable "
                                "column, such as the remarks"))
    return warnings


def _has_data(table: Table, column: int) -> bool:
    return any(column < len(values) and values[column] not in ("", None) for values in table.rows[table.header + 1:])


def _added_column_message(table: Table, column: int, name: Any, layout: WorkbookLayout) -> str:
    title = number_text(name) if isinstance(name, float) else str(name or "").strip()
    if not title:
        return (f"column {column_letter(column)} has no header and is not part of {_DOCUMENTS[layout.kind]}; "
                "its values were not imported")
    twin = next((index for index, value in enumerate(table.rows[table.header][:column])
                 if index in table.columns.values() and str(value).strip().casefold() == title.casefold()), None)
    if twin is not None:
        first = f"{table.sheet}!{column_letter(twin)}{table.header + 1}"
        return f"a second column '{title}'; only the first one ({first}) was imported"
    return f"column '{title}' is not part of {_DOCUMENTS[layout.kind]}; its values were not imported"


class _RowReader:
    def __init__(self, table: Table, layout: WorkbookLayout, meta: Meta, context: CellContext,
                 ours: Mapping[str, tuple[int, Any]], source: str) -> None:
        self.table, self.layout, self.ours, self.source = table, layout, ours, source
        self.labels = context.labels
        self.base = meta.by_key()
        present = [c for c in layout.columns if c.field in table.columns and c.field != KEY_FIELD]
        self.readers = [(c, ColumnReader(c, context)) for c in present]
        self.editable = [(c, reader, table.columns[c.field]) for c, reader in self.readers if c.field in meta.editable]
        self.editable_names = tuple(c.field for c, _, _ in self.editable)
        self.fixed = [(c, reader) for c, reader in self.readers if c.field not in meta.editable]
        # The read-only hash covers the columns the workbook was exported with; one from an
        # earlier docgen lacks columns added since.
        exported = tuple(f for f in layout.read_only_fields(meta.editable) if f in table.columns)
        self.fixed_json = snapshot_function(layout, exported)
        self.seen: dict[str, int] = {}
        self.result = SheetRead()
        self.unedited: set[int] = set()  # rows whose editable cells show the export's snapshot
        self.as_ours: set[int] = set()  # rows whose read-only cells show project.yaml's values

    def find_unchanged(self) -> None:
        """Note the rows whose editable cells all show their `_meta` snapshot, and those whose
        read-only cells all show project.yaml's values: most rows of a returned sheet.

        Found a column at a time by C-level comparisons with each distinct value's cell
        (`ColumnReader.shown`), instead of a reading per cell; a row not found (or any row,
        on a sheet with formulas) is read cell by cell as always. Both are pure functions of
        the row's cells and its key, and a cell equal to `shown` is one that `unchanged`
        accepts, so which path judges a row changes no result."""
        if self.table.formulas:
            return
        first, key_column = self.table.header + 1, self.table.columns[KEY_FIELD]
        keys = [cells[key_column].strip() if key_column < len(cells) and type(cells[key_column]) is str else ""
                for cells in self.table.rows[first:]]
        rows = [row for row, key in enumerate(keys, first) if key in self.base]
        keys = [keys[row - first] for row in rows]
        bases = [self.base[key].snapshot for key in keys]
        items = [self.ours[key][1] if key in self.ours else None for key in keys]
        try:
            editable = [(index, reader, list(map(methodcaller("get", c.field), bases)))
                        for c, reader, index in self.editable]
            self.unedited = {row for row, same in zip(rows, self._shown(rows, editable)) if same}
            known = [(row, item) for row, item in zip(rows, items) if item is not None]
            fixed = [(self.table.columns[c.field], reader, _json_values(reader, c.field, [item for _, item in known]))
                     for c, reader in self.fixed]
            self.as_ours = {row for (row, _), same in zip(known, self._shown([row for row, _ in known], fixed))
                            if same}
        except Exception:  # noqa: BLE001 - a value it cannot judge (a list in a tampered
            # snapshot, say) leaves every row to be read cell by cell, which reports it as always
            self.unedited, self.as_ours = set(), set()

    def _shown(self, rows: list[int], columns: list[tuple[int, ColumnReader, list[Any]]]) -> list[bool]:
        """Per row, whether each column's cell equals `ColumnReader.shown` of the row's value;
        `columns` holds (column index, its reader, a value per row)."""
        if not columns:
            return [True] * len(rows)
        lines = [self.table.rows[row] for row in rows]
        width = min(map(len, lines), default=0)  # calamine's rows are all as wide as the sheet
        flags = []
        for index, reader, values in columns:
            cells = (map(itemgetter(index), lines) if index < width
                     else [line[index] if index < len(line) else "" for line in lines])
            flags.append(map(eq, cells, _shown_values(reader, values)))
        return list(map(all, zip(*flags)))

    def read(self, row: int) -> None:
        key = self.table.raw(row, KEY_FIELD)
        key = key.strip() if isinstance(key, str) else ("" if key in ("", None) else str(key))
        if key:
            if self._known(key, row):
                self._keyed(key, row)
        elif any(self.table.raw(row, c.field) not in ("", None) for c, _ in self.readers):
            self.result.new.append(self._whole(row, None))
        # else: an empty row, or one with text only in columns the customer added

    def _known(self, key: str, row: int) -> bool:
        if key in self.seen:
            where = self.table.where(row, KEY_FIELD)
            first = self.table.where(self.seen[key], KEY_FIELD)
            self._problem(where, f"the same row key as {first} (a copied row?)",
                          f"clear the hidden key cell {where} to add the row as a new item, or delete the copy")
            return False
        self.seen[key] = row
        if key not in self.base:
            where = self.table.where(row, KEY_FIELD)
            self._problem(where, f"unknown row key '{key}'",
                          "rows can only be copied within their workbook; clear the hidden key cell to add it as new")
            return False
        return self._key_matches_id(key, row)

    def _key_matches_id(self, key: str, row: int) -> bool:
        """A row's key and id must name the same item: sorting the visible columns without
        the hidden key column, or swapping key cells, would merge values into the wrong items."""
        shown, expected = _cell_text(self.table.raw(row, "id")), self.base[key].id
        if not shown or shown == expected:
            return True  # an emptied id cell is an edit of a read-only cell, reported as such
        self._problem(self.table.where(row, "id"),
                      f"the row's id is '{shown}', but its hidden key ({self.table.where(row, KEY_FIELD)}) "
                      f"belongs to '{expected}'",
                      "the rows were sorted or moved without the hidden column A, or a key cell was changed; "
                      "sort the whole table, or use the workbook as exported")
        return False

    def _keyed(self, key: str, row: int) -> None:
        base = self.base[key]
        if row in self.unedited:
            values = {name: base.snapshot.get(name) for name in self.editable_names}
        else:
            values = self._editable_values(row, base)
        if len(values) == len(self.editable):
            self.result.keyed.append(SheetRow(key, row + 1, values, RowCells(self.table, row, self.editable_names)))
        if key in self.ours:
            self._read_only(row, base, self.ours[key][1])
        else:
            # Needed only if --prefer theirs adds the item back: keep its problems until then.
            self.result.full[key] = self._whole(row, base.id, deferred=True)

    def _editable_values(self, row: int, base: MetaRow) -> dict[str, Any]:
        """field -> value in JSON form of the editable cells that can be read: the snapshot's
        where a cell shows it as exported, else the cell read (a problem where it cannot be)."""
        cells, values, formulas = self.table.rows[row], {}, self.table.formulas
        for column, reader, index in self.editable:
            name = column.field
            raw = cells[index] if index < len(cells) else ""
            formula = formulas.get((row, index)) if formulas else None
            if formula is None and reader.unchanged(raw, base.snapshot.get(name)):
                values[name] = base.snapshot.get(name)
                continue
            value = self._cell(reader, raw, formula, row, name, base.id)
            if value is not _FAILED:
                values[name] = reader.to_json(value)
        return values

    def _read_only(self, row: int, base: MetaRow, item: Any) -> None:
        if row in self.as_ours:
            return
        differ = {}  # field -> the sheet's value in JSON form, where it is not the project's
        for column, reader in self.fixed:
            name = column.field
            raw, formula = self.table.raw(row, name), self.table.formula(row, name)
            ours = reader.to_json(getattr(item, name))
            if formula is None and reader.unchanged(raw, ours):
                continue
            theirs = _sheet_json(reader, raw, formula)
            if theirs is _FAILED or theirs != ours:
                differ[name] = theirs
        if not differ:
            return
        for name in edited_read_only(base.read_only, self.fixed_json(item), differ):
            where = self.table.where(row, name)
            label = self.labels[self.layout.column(name).label]
            self.result.read_only.append(Problem(
                self.source, where, f"{base.id}.{name}", f"'{label}' is read-only; the edit is not imported",
                "change it in project.yaml, or undo the edit in the workbook"))

    def _whole(self, row: int, item_id: str | None, deferred: bool = False) -> NewRow:
        """A row as a new item. An exported row's plain-text Markdown is left out: its
        markers are lost, and the import never writes such text into project.yaml."""
        found = NewRow(row, {})
        for column, reader in self.readers:
            raw = self.table.raw(row, column.field)
            if column.plain_text and item_id is not None:
                if raw not in ("", None):
                    found.left_out.append(column.field)
                continue
            value = self._cell(reader, raw, self.table.formula(row, column.field), row, column.field, item_id,
                               found.problems if deferred else None)
            if value is not _FAILED:
                found.values[column.field] = value
        return found

    def _cell(self, reader: ColumnReader, raw: Any, formula: str | None, row: int, name: str,
              item_id: str | None, problems: list[Problem] | None = None) -> Any:
        """The cell's model value, or _FAILED with a problem in `problems` (default: the sheet's)."""
        where, path = self.table.where(row, name), f"{item_id or '(new row)'}.{name}"
        try:
            value, note = reader.read(raw, formula)
        except CellError as error:
            target = self.result.problems if problems is None else problems
            target.append(Problem(self.source, where, path, error.message, error.hint))
            return _FAILED
        if note is not None and problems is None:
            self.result.notes.append(Problem(self.source, where, path, note.message, note.hint))
        return value

    def _problem(self, where: str, message: str, hint: str) -> None:
        self.result.problems.append(Problem(self.source, where, "", message, hint))


_FAILED = object()


def _shown_values(reader: ColumnReader, values: list[Any]) -> list[Any]:
    """`reader.shown` of each value, each distinct value worked out once."""
    if reader.as_is:  # shown() is the value itself, "" for nothing
        return ["" if value is None else value for value in values]
    try:
        return list(map(_Shown(reader).__getitem__, values))
    except TypeError:  # unhashable values (a test's steps are lists): one by one
        return [reader.shown(value) for value in values]


def _json_values(reader: ColumnReader, name: str, items: list[Any]) -> list[Any]:
    """The items' field `name` in JSON form."""
    values = map(attrgetter(name), items)
    return list(values if reader.as_is else map(reader.to_json, values))


class _Shown(dict):
    """JSON-form value -> `ColumnReader.shown` of it, each distinct value worked out once."""

    def __init__(self, reader: ColumnReader) -> None:
        super().__init__()
        self.reader = reader

    def __missing__(self, value: Any) -> Any:
        self[value] = found = self.reader.shown(value)
        return found


def _cell_text(value: Any) -> str:
    if value in ("", None):
        return ""
    return number_text(value).strip() if isinstance(value, float) else str(value).strip()


def _sheet_json(reader: ColumnReader, raw: Any, formula: str | None) -> Any:
    """A read-only cell's value in JSON form; _FAILED when it cannot be read (or is a formula)."""
    try:
        return _FAILED if formula is not None else reader.to_json(reader.read(raw)[0])
    except CellError:
        return _FAILED


def edited_read_only(exported: str, ours: Mapping[str, Any], differ: Mapping[str, Any]) -> list[str]:
    """Which read-only fields the customer edited, of those whose cell differs from project.yaml.

    `ours` holds the item's read-only fields in JSON form, `differ` the sheet's values
    where they differ (_FAILED for an unreadable cell), `exported` the row's
    `read_only_hash` at export time. A cell differs because the customer edited it, or
    because the vendor changed the field since the export. The smallest set of
    customer edits that makes the rest of the sheet hash as exported is the answer;
    when none does (the same field changed on both sides), every differing field is.
    Without a stored hash (an older export), every differing field is an edit.
    """
    if not exported:
        return list(differ)
    unreadable = [name for name, value in differ.items() if value is _FAILED]
    readable = [name for name in differ if name not in unreadable]
    theirs = {**ours, **{name: differ[name] for name in readable}}
    for size in range(len(readable) + 1):
        for chosen in combinations(readable, size):
            edited = set(unreadable).union(chosen)
            if read_only_hash({**theirs, **{name: ours[name] for name in edited}}) == exported:
                return [name for name in differ if name in edited]
    return list(differ)

