"""What a customer may leave in a sheet besides cell values: comments and merged cells.

Neither can be imported as a field's value, and neither may vanish silently: each one on
the data sheet is reported, with its cell and, for a comment, its text, so that whoever
imports can move what matters into project.yaml or ask the customer.
"""

from __future__ import annotations

import re

from ..errors import Problem
from ..i18n import Labels
from .rows import Table
from .layout import WorkbookLayout
from .read import Workbook
from .used_range import column_number

_SHOWN_CHARS = 200
_THREADED = re.compile(r"^\[Threaded comment\].*?Comment:\s*", re.DOTALL)  # Excel's fallback text
_CELL = re.compile(r"^([A-Z]{1,3})(\d+)$")


def not_imported_marks(book: Workbook, table: Table, layout: WorkbookLayout, labels: Labels,
                       source: str) -> list[Problem]:
    """A warning for every comment and every merged range of the data sheet."""
    remarks = next((labels[c.label] for c in layout.columns if c.field.endswith("remarks")), "")
    hint = f"copy what matters into the '{remarks}' column, or into project.yaml" if remarks else \
        "copy what matters into project.yaml"
    found = [Problem(source, f"{table.sheet}!{ref}", _item_at(table, ref), f"a comment was not imported: "
                     f"\u201c{_shown(text)}\u201d", hint)
             for ref, text in sorted(book.comments(table.sheet).items(), key=lambda pair: _order(pair[0]))]
    found += [Problem(source, f"{table.sheet}!{ref}", _item_at(table, ref.split(":")[0]),
                      "merged cells: only the value of the first one was read",
                      "unmerge them so that each cell holds its own value")
              for ref in book.merged_cells(table.sheet)]
    return found


def _shown(text: str) -> str:
    text = " ".join(_THREADED.sub("", text).split())
    return text if len(text) <= _SHOWN_CHARS else text[: _SHOWN_CHARS - 1] + "\u2026"


def _item_at(table: Table, ref: str) -> str:
    """The id of the item in the row of `ref`, "" for the header or a row without one."""
    match = _CELL.match(ref)
    if not match:
        return ""
    row = int(match.group(2)) - 1
    if row <= table.header or row >= len(table.rows):
        return ""
    value = table.raw(row, "id")
    return value.strip() if isinstance(value, str) else ""


def _order(ref: str) -> tuple[int, int]:
    match = _CELL.match(ref)
    return (int(match.group(2)), column_number(match.group(1))) if match else (0, 0)
