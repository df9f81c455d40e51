"""The content of a produced document as plain text, in document order, for golden tests.

What a reader sees is kept, how it is packed is not: a change of zip order, XML
attributes or styles' formatting leaves the text alone, a changed word, heading level,
table cell or cell value does not.

- DOCX (python-docx): core properties, then each distinct header, the body, each
  distinct footer. A paragraph is `[Style name] text` (the style tells a heading from
  a bullet from body text); a table is `[table ROWSxCOLS]` followed by one indented
  line per row, cells separated by ` | `.
- XLSX (python-calamine): each sheet by name (hidden ones marked), then each non-empty
  row as `ROW: value | value | ...` with its 1-based row number; formulas show the
  value stored with them.

One element is one line, so a unified diff points at it: inside an element a line
break becomes ` ↵ `, a tab ` ⇥ `, and a new paragraph inside a table cell ` ¶ `.
Values are written the same way on every machine (ISO dates, `42` for a whole float).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path

import docx
import python_calamine
from docx.document import Document
from docx.drawing import Drawing
from docx.section import Section
from docx.table import Table, _Cell, _Row
from docx.text.hyperlink import Hyperlink
from docx.text.paragraph import Paragraph
from docx.text.run import Run

CELL_SEPARATOR = " | "
LINE_BREAK = " ↵ "
TAB = " ⇥ "
CELL_PARAGRAPH = " ¶ "
INDENT = "  "

# Core properties worth a golden line; dates show which source dated the document.
_CORE_PROPERTIES = ("title", "subject", "author", "last_modified_by", "keywords", "category",
                    "comments", "language", "identifier", "version", "content_status", "revision",
                    "created", "modified")
# A section's header or footer variants, each shown only when the document uses it.
_STORIES = (("header", "first_page_header", "even_page_header"),
            ("footer", "first_page_footer", "even_page_footer"))


def extract(path: Path) -> str:
    """The golden text of a .docx or .xlsx file: a `# name` line, its content, a final newline."""
    readers = {".docx": docx_text, ".xlsx": xlsx_text}
    try:
        reader = readers[path.suffix.lower()]
    except KeyError:
        raise ValueError(f"{path}: no golden extractor for '{path.suffix}' files") from None
    return "\n".join([f"# {path.name}", *reader(path)]) + "\n"


# --- DOCX -------------------------------------------------------------------------------

def docx_text(path: Path) -> list[str]:
    document = docx.Document(str(path))
    return [
        *_section("properties", _core_properties(document)),
        *_section("header", _stories(document, _STORIES[0])),
        *_section("body", _blocks(document.iter_inner_content())),
        *_section("footer", _stories(document, _STORIES[1])),
    ]


def _section(name: str, lines: Iterable[str]) -> list[str]:
    lines = list(lines)
    return [f"== {name} ==", *lines] if lines else []


def _core_properties(document: Document) -> Iterator[str]:
    properties = document.core_properties
    for name in _CORE_PROPERTIES:
        value = getattr(properties, name, None)
        if value not in (None, ""):
            yield f"{name}: {_value(value)}"


def _stories(document: Document, kinds: tuple[str, str, str]) -> Iterator[str]:
    """Each header (or footer) text once, however many sections or variants repeat it."""
    seen: set[tuple[str, ...]] = set()
    for section in document.sections:
        for kind in _used_variants(document, section, kinds):
            story = getattr(section, kind)
            lines = tuple(_blocks(story.iter_inner_content()))
            if lines and lines not in seen:
                seen.add(lines)
                yield f"[{kind.replace('_', ' ')}]"
                yield from (INDENT + line for line in lines)


def _used_variants(document: Document, section: Section, kinds: tuple[str, str, str]) -> list[str]:
    default, first, even = kinds
    used = [default]
    if section.different_first_page_header_footer:
        used.append(first)
    if document.settings.odd_and_even_pages_header_footer:
        used.append(even)
    return used


def _blocks(items: Iterable[Paragraph | Table]) -> Iterator[str]:
    """One line per non-empty paragraph, a table as its header line and one line per row."""
    for item in items:
        if isinstance(item, Table):
            yield from _table(item)
        elif text := _paragraph_text(item):
            yield f"[{_style_name(item)}] {text}"


def _style_name(paragraph: Paragraph) -> str:
    style = paragraph.style
    return style.name if style is not None and style.name else "Normal"


def _table(table: Table) -> Iterator[str]:
    yield f"[table {len(table.rows)}x{len(table.columns)}]"
    for row in table.rows:
        yield INDENT + _row_text(row)


def _row_text(row: _Row) -> str:
    # rstrip: an empty last cell leaves `... |`, which no editor's whitespace trim changes
    return CELL_SEPARATOR.join(_cell_text(cell) for cell in _distinct_cells(row)).rstrip()


def _distinct_cells(row: _Row) -> list[_Cell]:
    """The row's cells, a cell spanning several columns once (python-docx repeats it)."""
    cells: list[_Cell] = []
    for cell in row.cells:
        if not cells or cell is not cells[-1]:
            cells.append(cell)
    return cells


def _cell_text(cell: _Cell) -> str:
    parts = []
    for item in cell.iter_inner_content():
        if isinstance(item, Table):  # a nested table stays on its cell's line
            parts.append("[" + " / ".join(_row_text(row) for row in item.rows) + "]")
        elif text := _paragraph_text(item):
            parts.append(text)
    return CELL_PARAGRAPH.join(parts)


def _paragraph_text(paragraph: Paragraph) -> str:
    return _one_line("".join(_inline_text(item) for item in paragraph.iter_inner_content()))


def _inline_text(item: Run | Hyperlink) -> str:
    if isinstance(item, Hyperlink):
        text = "".join(_run_text(run) for run in item.runs)
        return f"{text} <{item.url}>" if item.url else text
    return _run_text(item)


def _run_text(run: Run) -> str:
    """Text, tabs and line breaks of a run; a picture as `[image]`; layout marks dropped."""
    parts = []
    for item in run.iter_inner_content():
        if isinstance(item, str):
            parts.append(item)
        elif isinstance(item, Drawing):
            parts.append("[image]")
    return "".join(parts)


def _one_line(text: str) -> str:
    """`text` on one line, marks for its breaks and tabs; edge whitespace is layout."""
    return text.strip().replace("\r", "").replace("\n", LINE_BREAK).replace("\t", TAB)


# --- XLSX -------------------------------------------------------------------------------

def xlsx_text(path: Path) -> list[str]:
    workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    lines: list[str] = []
    for sheet in workbook.sheets_metadata:
        lines.append(f"== sheet {sheet.name}{_visibility(sheet.visible)} ==")
        rows = workbook.get_sheet_by_name(sheet.name).to_python(skip_empty_area=False)
        lines.extend(_sheet_rows(rows))
    return lines


def _visibility(visible: python_calamine.SheetVisibleEnum) -> str:
    """'' for a visible sheet, ' (hidden)' or ' (veryhidden)' otherwise."""
    state = str(visible).rpartition(".")[2].lower()  # the enum has no .name
    return "" if state == "visible" else f" ({state})"


def _sheet_rows(rows: list[list[object]]) -> Iterator[str]:
    # skip_empty_area=False starts at A1, so the list index is the row number - 1.
    for number, row in enumerate(rows, start=1):
        values = [_one_line(_value(value)) for value in row]
        while values and not values[-1]:
            values.pop()
        if values:
            yield f"{number}: " + CELL_SEPARATOR.join(values)


def _value(value: object) -> str:
    """A cell or property value as the same text on every machine."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, (dt.date, dt.time)):  # datetime is a date
        return value.isoformat()
    return str(value)
