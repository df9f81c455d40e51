"""The real used range of a worksheet, found in its XML before any reader allocates it.

A cell reader allocates the rectangle from A1 to the farthest cell that holds a value:
one value at XFD1048576 asks for 17 billion cells. The XML says where every cell is
(`<c r="AZ1048576">`), so one pass of a regular expression over the bytes finds the
farthest row and column, in about a tenth of the time the reader itself takes. Cells
without a value (`<c r="B2" s="1"/>`, formatting only) and the `<dimension>` element
are ignored, as the reader (calamine) ignores them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A cell with a value (<v>), an inline string (<is>) or a formula (<f>). Every common
# writer puts `r` first; other attribute orders and namespace prefixes (<x:c>) take a
# slower pattern, used only when the file has such cells.
_VALUE = rb'[^>]*(?<!/)>\s*<(?:\w+:)?(?:v|is|f)[\s>/]'
_CELL = re.compile(rb'<c r="([A-Z]{1,3})(\d+)"' + _VALUE)
_ANY_CELL = re.compile(rb'<(?:\w+:)?c\s[^>]*?\br="([A-Z]{1,3})(\d+)"' + _VALUE)


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
    pattern = _CELL if _only_plain_cells(xml) else _ANY_CELL
    rows, columns, farthest = 0, 0, ""
    seen: set[bytes] = set()
    for letters, row in pattern.findall(xml):
        rows = max(rows, int(row))
        if letters not in seen:
            seen.add(letters)
            number = column_number(letters.decode())
            if number > columns:
                columns, farthest = number, f"{letters.decode()}{row.decode()}"
    return UsedRange(rows, columns, farthest)


def _only_plain_cells(xml: bytes) -> bool:
    """Every cell is written `<c r="...`: no prefix, `r` first."""
    return xml.count(b'<c r="') == xml.count(b"<c ") and b":c " not in xml


def column_number(letters: str) -> int:
    """'A' -> 1, 'AZ' -> 52, 'XFD' -> 16384."""
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number
