"""The real used range of a worksheet, found in its XML before any reader allocates it.

A cell reader allocates the rectangle from A1 to the farthest cell that holds a value:
one value at XFD1048576 asks for 17 billion cells. The XML says where every cell is
(`<c r="AZ1048576">`), so one pass of a regular expression over the bytes finds the
farthest row and column, in about a tenth of the time the reader itself takes. Cells
without a value (`<c r="B2" s="1"/>`, formatting only) and the `<dimension>` element
are ignored, as the reader (calamine) ignores them.

Counting takes a Python step per cell. `within_limit` settles the usual case without
one: the last column of the `<dimension>` element (which writers keep, whatever else
they put there: LibreOffice may claim all 1,048,576 rows after a sort) and the most
rows the limit then allows make a rectangle, and a single search over the bytes looks
for a cell with a value outside it, matched as loosely as the count matches (any
element, any prefix or attribute order). Finding none proves the used range within
the limit; finding one, or no `<dimension>`, leaves the answer to the count.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

# A cell with a value (<v>), an inline string (<is>) or a formula (<f>). Every common
# writer puts `r` first; other attribute orders and namespace prefixes (<x:c>) take a
# slower pattern, used only when the file has such cells.
_VALUE = rb'[^>]*(?<!/)>\s*<(?:\w+:)?(?:v|is|f)[\s>/]'
_CELL = re.compile(rb'<c r="([A-Z]{1,3})(\d+)"' + _VALUE)
_ANY_CELL = re.compile(rb'<(?:\w+:)?c\s[^>]*?\br="([A-Z]{1,3})(\d+)"' + _VALUE)


_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="(?:[A-Z]{1,3}\d+:)?([A-Z]{1,3})\d+"')
_DIMENSION_WITHIN = 64 * 1024  # it comes before the sheet data, after a few small elements


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


def within_limit(xml: bytes, limit: int) -> bool:
    """True when the used range certainly holds at most `limit` cells, shown without
    counting them; False means only that `used_range` must count."""
    dimension = _DIMENSION.search(xml, 0, _DIMENSION_WITHIN)
    if dimension is None:
        return False
    letters = dimension.group(1)
    rows = limit // column_number(letters.decode())
    return rows > 0 and _outside(letters, rows).search(xml) is None


@functools.lru_cache(maxsize=64)
def _outside(letters: bytes, rows: int) -> re.Pattern[bytes]:
    """A reference `r="..."` beyond column `letters` or row `rows` followed by a value as
    `_ANY_CELL` sees one: found wherever the count would find such a cell."""
    column = _greater(letters.decode(), "A", "Z") + "[0-9]+"
    row = "[A-Z]*+0*+" + _greater(str(rows), "0", "9")
    return re.compile(f'r="(?:{column}|{row})"'.encode() + _VALUE)


def _greater(numeral: str, low: str, high: str) -> str:
    """A pattern for the numerals greater than `numeral`, written without leading zeros
    in digits `low`..`high` (column letters have no zero: "A" leads, as "Z" < "AA"):
    a longer numeral, or an equal prefix followed by a greater digit."""
    lead = "1" if low == "0" else low
    longer = f"[{lead}-{high}][{low}-{high}]{{{len(numeral)},}}"
    same_length = [f"{numeral[:i]}[{chr(ord(digit) + 1)}-{high}][{low}-{high}]{{{len(numeral) - i - 1}}}"
                   for i, digit in enumerate(numeral) if digit < high]
    return "(?:" + "|".join([longer, *same_length]) + ")"


def _only_plain_cells(xml: bytes) -> bool:
    """Every cell is written `<c r="...`: no prefix, `r` first."""
    return xml.count(b'<c r="') == xml.count(b"<c ") and b":c " not in xml


def column_number(letters: str) -> int:
    """'A' -> 1, 'AZ' -> 52, 'XFD' -> 16384."""
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number
