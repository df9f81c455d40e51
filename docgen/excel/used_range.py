"""The real used range of a worksheet, found in its XML before any reader allocates it.

A cell reader allocates the rectangle from A1 to the farthest cell that holds a value:
one value at XFD1048576 asks for 17 billion cells. The XML says where every cell is
(`<c r="AZ1048576">`), so a few byte searches find the farthest row and column without
building anything per cell. Cells without a value (`<c r="B2" s="1"/>`, formatting
only) and the `<dimension>` element are ignored, as the reader (calamine) ignores them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A cell with a value (<v>, or an inline string <is>), after its formula if it has one;
# namespace prefixes (<x:c>) occur in some writers.
_CELL = (rb'<(?:\w+:)?c\s[^>]*?\br="%s(\d+)"[^>]*(?<!/)>\s*'
         rb'(?:<(?:\w+:)?f\b[^>]*(?:/>|>[^<]*</(?:\w+:)?f>)\s*)?<(?:\w+:)?(?:v|is)[\s>]')
_ANY_CELL = re.compile(_CELL % rb"([A-Z]{1,3})")
_ROW = re.compile(rb"<(?:\w+:)?row[\s>]")


@dataclass(frozen=True)
class UsedRange:
    rows: int  # the last row holding a value, 1-based; 0 for an empty sheet
    columns: int  # the last column holding a value, 1-based
    farthest: str  # the reference of a cell in the last column, e.g. "AZ17"

    @property
    def cells(self) -> int:
        return self.rows * self.columns


def used_range(xml: bytes) -> UsedRange:
    """The rows and columns a reader will allocate for this worksheet XML."""
    columns, farthest = _last_column(xml)
    return UsedRange(_last_row(xml), columns, farthest)


def _last_row(xml: bytes) -> int:
    """Rows come in order: the last <row> with a valued cell is the last row. Walking back
    over empty (formatting only) rows costs one search each."""
    end = len(xml)
    while (start := _last_row_start(xml, end)) >= 0:
        found = [int(m.group(2)) for m in _ANY_CELL.finditer(xml, start, end)]
        if found:
            return max(found)
        end = start
    return 0


def _last_row_start(xml: bytes, end: int) -> int:
    position = end
    while (position := xml.rfind(b"row", 0, position)) > 0:
        match = _ROW.match(xml, xml.rfind(b"<", 0, position))
        if match and match.end() > position:
            return match.start()
    return -1


def _last_column(xml: bytes) -> tuple[int, str]:
    """The farthest column holding a value and one of its cells. Most sheets have no
    column of two or three letters, and the letters of the last column are found by
    bisecting the alphabet: about a dozen scans in C code, no per-cell Python work."""
    for width in (3, 2, 1):
        letters = ""
        for _ in range(width):
            letters += _last_letter(xml, letters, width - len(letters) - 1)
            if letters.endswith("?"):
                break
        else:
            row = _search(xml, letters.encode(), 0)
            return column_number(letters), f"{letters}{row.group(1).decode()}"
    return 0, ""


def _last_letter(xml: bytes, prefix: str, rest: int) -> str:
    """The greatest letter that follows `prefix` in a cell reference with `rest` more letters."""
    low, high = 0, 25
    if not _search(xml, b"%s[A-Z]" % prefix.encode(), rest):
        return "?"
    while low < high:  # the greatest letter such that a reference with it or a later one exists
        middle = (low + high + 1) // 2
        if _search(xml, b"%s[%c-Z]" % (prefix.encode(), 65 + middle), rest):
            low = middle
        else:
            high = middle - 1
    return chr(65 + low)


def _search(xml: bytes, head: bytes, rest: int) -> re.Match[bytes] | None:
    tail = b"[A-Z]{%d}" % rest if rest else b""
    return re.search(_CELL % (head + tail), xml)


def column_number(letters: str) -> int:
    """'A' -> 1, 'AZ' -> 52, 'XFD' -> 16384."""
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number
