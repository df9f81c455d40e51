"""The size limits of text, one set for validate, import and build.

Any text of the project may end up in a spreadsheet cell (the checklist, the test
protocols), and Excel holds at most 32,767 characters per cell, counted in UTF-16
code units (an emoji counts two). A text that validates must build, so the model
refuses longer text at load time, naming the field, and the import refuses it when a
cell brings it; the XLSX writer uses the same number.
"""

from __future__ import annotations

MAX_TEXT_CHARS = 32_767  # Excel's limit per cell, in UTF-16 code units


def utf16_length(text: str) -> int:
    """Characters as Excel counts them: those outside the BMP (emoji) count two."""
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF) if len(text) > MAX_TEXT_CHARS // 2 else len(text)


def fits_a_cell(text: str) -> str:
    """`text`, if a spreadsheet cell can hold it."""
    if len(text) > MAX_TEXT_CHARS // 2 and utf16_length(text) > MAX_TEXT_CHARS:
        raise ValueError(f"text of {utf16_length(text):,} characters is longer than {MAX_TEXT_CHARS:,}, the most "
                         "a spreadsheet cell holds (shorten it, or link to a longer document)")
    return text


def lines_fit_a_cell(lines: list[str]) -> list[str]:
    """Numbered lines that share one cell ("1. ...\\n2. ...") must fit it together."""
    total = sum(utf16_length(line) + len(f"{number}. \n") for number, line in enumerate(lines, 1))
    if total > MAX_TEXT_CHARS:
        raise ValueError(f"the lines add up to {total:,} characters, more than {MAX_TEXT_CHARS:,}, the most "
                         "a spreadsheet cell holds (shorten them)")
    return lines
