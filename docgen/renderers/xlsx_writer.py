"""A workbook writer: xlsxwriter for the structure, a streaming writer for bulk rows.

xlsxwriter writes everything that is small and intricate (styles, tables, data
validation, conditional formats, charts, properties). Its cell store holds every
cell as a Python object, though, which for 100,000 rows costs far more memory and
time than the target allows, and its `constant_memory` mode cannot write tables.
So large row blocks (`Book.add_rows`) are left out of xlsxwriter and streamed into
the finished package instead: each cell becomes an inline string or a number with
the style index xlsxwriter assigned to its format. Every text is written as text;
nothing is ever turned into a formula, number, date or link.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator, Sequence

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import Worksheet

from ..errors import RenderError
from ..excel.layout import CellContext, WorkbookLayout
from ..i18n import Labels
from ..models import Project
from ..models.limits import MAX_TEXT_CHARS
from .base import RenderOptions
from .package import NO_TEMPLATE, TEMPLATE_HASH_PROPERTY, finalize_streamed

DATE_FORMATS = {"en": "dd mmm yyyy", "de": "dd.mm.yyyy"}
MAX_CELL_CHARS = MAX_TEXT_CHARS  # Excel's limit, counted in UTF-16 code units; the model's too
CellValue = str | int | float | None
LINE_POINTS = 12.6  # height of a line of 10 pt text
_ROWS_PER_CHUNK = 2_000
_XML_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Excel reads "_xHHHH_" in a string as an escaped character; a literal one is escaped.
_EXCEL_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_TEXT_SPECIAL = re.compile(r"[&<>\r]|_x[0-9A-Fa-f]{4}_|^\s|\s$")
_DIMENSION = re.compile(rb'<dimension ref="A1(?::([A-Z]+)\d+)?"/>')
_TABLE_REF = re.compile(rb'(<(?:table|autoFilter) [^>]*?ref=)"[^"]*"')


Row = tuple[Sequence[CellValue], float | None]  # cell values and a row height in points (None: default)
# A sparse row: (column, value, format) of each cell it has, and a row height; a row
# without cells and height is left out of the sheet.
SparseRow = tuple[Sequence[tuple[int, CellValue, Format]], float | None]


@dataclass
class _RowBlock:
    """Rows of one sheet to be streamed after xlsxwriter has finished."""

    worksheet: Worksheet
    first_row: int  # 0-based
    styles: Sequence[Format]  # one per column
    rows: Iterable[Row] | Iterable[SparseRow]
    last_row: int  # 0-based, for the sheet's dimension
    sparse: bool = False  # rows are SparseRows; `styles` lists every format they use


@dataclass
class _Table:
    worksheet: Worksheet
    index: int  # position in the worksheet's tables
    ref: str  # the real range, e.g. "A1:N10001"


class Book:
    """An in-memory xlsxwriter workbook whose text can never become a formula."""

    def __init__(self, font: str, font_size: int = 10) -> None:
        self._buffer = io.BytesIO()
        self.workbook = xlsxwriter.Workbook(self._buffer, {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
            "default_format_properties": {"font_name": font, "font_size": font_size},
        })
        self._blocks: list[_RowBlock] = []
        self._tables: list[_Table] = []
        self._timestamp = dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)  # set_properties sets the real one
        self._formats: dict[tuple, Format] = {}

    def add_format(self, **properties: object) -> Format:
        """A format with these properties, shared by every caller that asks for the same."""
        key = tuple(sorted(properties.items()))
        if key not in self._formats:
            self._formats[key] = self.workbook.add_format(properties)
        return self._formats[key]

    def add_rows(self, worksheet: Worksheet, first_row: int, styles: Sequence[Format],
                 rows: Iterable[Row], count: int) -> None:
        """Stream `count` rows into `worksheet` from `first_row` (0-based) on, when the book closes.

        `rows` is consumed only then, so it may be a generator; what it raises, `close` raises.
        """
        self._blocks.append(_RowBlock(worksheet, first_row, styles, rows, first_row + count - 1))

    def add_sparse_rows(self, worksheet: Worksheet, first_row: int, styles: Sequence[Format],
                        rows: Iterable[SparseRow], count: int) -> None:
        """As `add_rows`, for rows whose cells each bring their format and that leave most
        columns empty (a matrix): only the cells a row has are written. `styles` lists
        every format the rows use."""
        self._blocks.append(_RowBlock(worksheet, first_row, styles, rows, first_row + count - 1, sparse=True))

    def add_table(self, worksheet: Worksheet, last_row: int, last_col: int, options: dict) -> None:
        """An Excel table from A1 to (last_row, last_col), 0-based, header in row 1.

        xlsxwriter keeps one dict entry per table cell (about 230 MB for 100,000 rows of
        14 columns), so it gets a one-row table whose range is widened in the package.
        """
        worksheet.add_table(0, 0, 1, last_col, options)
        ref = f"A1:{xl_col_to_name(last_col)}{max(last_row, 1) + 1}"
        self._tables.append(_Table(worksheet, len(worksheet.tables) - 1, ref))

    def set_properties(self, timestamp: dt.datetime, properties: dict[str, str],
                       custom: dict[str, str]) -> None:
        """Document properties with a fixed creation time, so equal input gives equal bytes."""
        self._timestamp = timestamp
        created = timestamp.astimezone(dt.timezone.utc).replace(tzinfo=None)
        self.workbook.set_properties({**properties, "created": created})
        for name, value in sorted(custom.items()):
            self.workbook.set_custom_property(name, str(value), "text")

    def close(self) -> bytes:
        """The finished .xlsx file."""
        for block in self._blocks:
            for style in block.styles:
                # xlsxwriter numbers a format when a cell it writes uses it; these formats
                # are used by streamed cells only, so they are numbered here.
                style._get_xf_index()
        self.workbook.close()
        return _finish(self._buffer.getvalue(), self._blocks, self._tables, self._timestamp)


def check_text(value: str, field: str) -> str:
    """`value` if a cell can hold it; otherwise a RenderError naming `field`."""
    bad = _XML_UNSAFE.search(value)
    if bad:
        raise RenderError(f"{field}: character U+{ord(bad.group()):04X} cannot be stored in an Office file "
                          "(remove it from the text)")
    if len(value) > MAX_CELL_CHARS // 2 and len(value.encode("utf-16-le")) // 2 > MAX_CELL_CHARS:
        raise RenderError(f"{field}: text of {len(value):,} characters is longer than Excel's limit of "
                          f"{MAX_CELL_CHARS:,} per cell (shorten it or move it to a document)")
    return value


def row_is_safe(texts: Iterable[str]) -> bool:
    """True when no text of a row needs a closer look by `check_text` (one scan per row)."""
    joined = "\n".join(texts)
    return not _XML_UNSAFE.search(joined) and len(joined) <= MAX_CELL_CHARS // 2


def write_text(worksheet: Worksheet, row: int, col: int, value: str, style: Format | None = None) -> None:
    """Write text that stays text (xlsxwriter's string escaping covers '_xHHHH_')."""
    worksheet.write_string(row, col, value, style)


def _finish(package: bytes, blocks: list[_RowBlock], tables: list[_Table], timestamp: dt.datetime) -> bytes:
    """The finished package, zipped once (`package.finalize_streamed`): the row blocks
    streamed in, the table ranges widened, entry order and times fixed."""
    parts: dict[str, Callable[[bytes], Iterator[bytes]]] = {}
    for block in blocks:
        name = f"xl/worksheets/sheet{block.worksheet.index + 1}.xml"
        parts[name] = lambda data, block=block: _sheet_with_rows(data, block)
    for table in tables:
        name = f"xl/tables/table{table.worksheet.tables[table.index]['id']}.xml"
        parts[name] = lambda data, table=table: iter([_TABLE_REF.sub(f'\\1"{table.ref}"'.encode(), data)])
    return finalize_streamed(package, parts, {TEMPLATE_HASH_PROPERTY: NO_TEMPLATE}, timestamp)


def _sheet_with_rows(sheet_xml: bytes, block: _RowBlock) -> Iterator[bytes]:
    """The sheet XML with the block's rows appended to its sheetData."""
    dimension = _DIMENSION.search(sheet_xml)
    last_col = dimension.group(1).decode() if dimension else "A"
    sheet_xml = _DIMENSION.sub(f'<dimension ref="A1:{last_col}{block.last_row + 1}"/>'.encode(), sheet_xml, 1)
    if b"<sheetData/>" in sheet_xml:
        head, tail = sheet_xml.split(b"<sheetData/>", 1)
        head, tail = head + b"<sheetData>", b"</sheetData>" + tail
    else:
        head, tail = sheet_xml.split(b"</sheetData>", 1)
        tail = b"</sheetData>" + tail
    yield head
    yield from _row_chunks(block)
    yield tail


def _row_chunks(block: _RowBlock) -> Iterator[bytes]:
    columns = [(xl_col_to_name(col), style.xf_index or 0) for col, style in enumerate(block.styles)]
    letters: dict[int, str] = {}
    parts: list[str] = []
    for number, (values, height) in enumerate(block.rows, block.first_row + 1):
        if block.sparse:
            parts.append(_sparse_row_xml(number, letters, values, height))
        else:
            parts.append(_row_xml(number, columns, values, height))
        if len(parts) >= _ROWS_PER_CHUNK:
            yield "".join(parts).encode()
            parts.clear()
    yield "".join(parts).encode()


def _row_xml(number: int, columns: list[tuple[str, int]], values: Sequence[CellValue],
             height: float | None) -> str:
    cells = [_row_start(number, height)]
    cells += [_cell_xml(f"{letter}{number}", style, value) for (letter, style), value in zip(columns, values)]
    cells.append("</row>")
    return "".join(cells)


def _sparse_row_xml(number: int, letters: dict[int, str], cells: Sequence[tuple[int, CellValue, Format]],
                    height: float | None) -> str:
    if not cells and not height:
        return ""
    xml = [_row_start(number, height)]
    for col, value, style in sorted(cells, key=lambda cell: cell[0]):
        letter = letters.get(col) or letters.setdefault(col, xl_col_to_name(col))
        xml.append(_cell_xml(f"{letter}{number}", style.xf_index or 0, value))
    xml.append("</row>")
    return "".join(xml)


def _row_start(number: int, height: float | None) -> str:
    return f'<row r="{number}" ht="{height}" customHeight="1">' if height else f'<row r="{number}">'


def _cell_xml(ref: str, style: int, value: CellValue) -> str:
    if value is None or value == "":
        return f'<c r="{ref}" s="{style}"/>'
    if type(value) is str:
        text = _text_xml(value) if _TEXT_SPECIAL.search(value) else f"<t>{value}</t>"
        return f'<c r="{ref}" s="{style}" t="inlineStr"><is>{text}</is></c>'
    return f'<c r="{ref}" s="{style}"><v>{value!r}</v></c>'


def _text_xml(value: str) -> str:
    """A <t> element that every reader turns back into exactly `value`."""
    value = _EXCEL_ESCAPE.sub(r"_x005F_x\1_", value)
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    if value[0].isspace() or value[-1].isspace():
        return f'<t xml:space="preserve">{value}</t>'
    return f"<t>{value}</t>"


def column_widths(header: Sequence[str], rows: Iterable[Sequence[CellValue]],
                  limits: Sequence[tuple[float, float]]) -> list[float]:
    """Widths in characters that fit the header and the rows' text within the (min, max) limits."""
    longest = [_text_width(label) + 3 for label in header]  # room for the filter button
    for values in rows:
        for col, value in enumerate(values):
            if type(value) is str and len(value) > longest[col]:
                longest[col] = max(longest[col], _text_width(value))
    return [min(max(width + 1, low), high) for width, (low, high) in zip(longest, limits)]


def row_height(values: Sequence[CellValue], widths: Sequence[float], wraps: Sequence[bool]) -> float | None:
    """Points that show every line of the row's wrapped cells; None for one line.

    Neither Excel nor LibreOffice fits row heights to wrapped text when opening a file.
    """
    lines = 1
    for value, width, wrap in zip(values, widths, wraps):
        if wrap and type(value) is str and (len(value) > width or "\n" in value):
            usable = max(width * 1.15 - 2, 1.0)  # proportional text fits more than width "0"s
            lines = max(lines, sum(math.ceil(max(len(part), 1) / usable) for part in value.split("\n")))
    return None if lines == 1 else round(lines * LINE_POINTS + 2.5, 2)


def _text_width(value: str) -> int:
    return max(map(len, value.split("\n"))) if "\n" in value else len(value)


def tint(color: str, share: float) -> str:
    """`color` ('#RRGGBB') mixed with `share` white."""
    channels = [int(color[i:i + 2], 16) for i in (1, 3, 5)]
    mixed = [round(c + (255 - c) * share) for c in channels]
    return "#" + "".join(f"{c:02X}" for c in mixed)


def formula_text(text: str) -> str:
    """A text constant in a formula: '"' + text + '"', its quotes doubled."""
    return '"' + text.replace('"', '""') + '"'


@dataclass
class Export:
    """Everything one workbook's parts need to know."""

    project: Project
    options: RenderOptions
    layout: WorkbookLayout
    language: str
    labels: Labels
    context: CellContext
    book: Book

    @property
    def primary(self) -> str:
        return self.project.branding.primary_color

    @property
    def date_format(self) -> str:
        return DATE_FORMATS[self.language]

    def label(self, key: str) -> str:
        return self.labels[key]
