"""The used-range guard's shortcut: `within_limit` may only say yes where counting would."""

from __future__ import annotations

import random
import re

import pytest

from docgen.excel.read import column_letter
from docgen.excel.used_range import _greater, used_range, within_limit

LIMIT = 5_000_000


def sheet(cells: str, dimension: str | None = "A1:Q20", prefix: str = "") -> bytes:
    head = f'<{prefix}dimension ref="{dimension}"/>' if dimension is not None else ""
    return (f'<?xml version="1.0"?><{prefix}worksheet xmlns="main">{head}<{prefix}sheetData>{cells}'
            f'</{prefix}sheetData></{prefix}worksheet>').encode()


def test_numerals_greater_than_a_row_number_match_exactly_those() -> None:
    rows = [0, 1, 9, 10, 99, 100, 1001, 10501, 99999, 1_048_576]
    for limit in rows:
        pattern = re.compile("0*" + _greater(str(limit), "0", "9") + "$")
        for number in [*range(0, 1200), *(n + d for n in rows for d in (-1, 0, 1) if n + d >= 0)]:
            for text in (str(number), f"0{number}", f"000{number}"):
                assert bool(pattern.match(text)) == (number > limit), (limit, text)


def test_column_letters_greater_than_a_column_match_exactly_those() -> None:
    chosen = random.Random(15).sample(range(1, 16_385), 40) + [1, 26, 27, 52, 702, 703, 16_384]
    for limit in chosen:
        pattern = re.compile(_greater(column_letter(limit - 1), "A", "Z") + "$")
        for number in [*range(1, 800), *chosen, *(n + 1 for n in chosen)]:
            assert bool(pattern.match(column_letter(number - 1))) == (number > limit), (limit, number)


def test_a_sheet_inside_its_dimension_is_within_the_limit() -> None:
    xml = sheet('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="Q20"><v>1</v></c></row>')
    assert within_limit(xml, LIMIT)
    assert used_range(xml).cells <= LIMIT


def test_rows_count_up_to_what_the_limit_allows_for_the_dimensions_columns() -> None:
    """17 columns (A:Q) and a limit of 340 cells allow 20 rows, whatever the dimension says."""
    row = '<row r="1"><c r="A1"><v>1</v></c>{}</row>'
    assert within_limit(sheet(row.format('<c r="B20"><v>1</v></c>'), "A1:Q5"), 340)
    assert not within_limit(sheet(row.format('<c r="B21"><v>1</v></c>'), "A1:Q5"), 340)
    assert not within_limit(sheet(row.format('<c r="B0021"><v>1</v></c>'), "A1:Q5"), 340)  # leading zeros


@pytest.mark.parametrize("cell", [
    '<c r="XFD1048576"><v>1</v></c>',  # far right and far down
    '<c r="R5"><v>1</v></c>',  # one column beyond the dimension
    '<c r="B300000" t="inlineStr"><is><t>far</t></is></c>',  # beyond the rows the limit allows
    '<c s="3" r="AZ20"><v>1</v></c>',  # r not first
    '<x:c r="AA3"><x:v>1</x:v></x:c>',  # a prefixed cell
    '<c r="R7"><f>1+1</f></c>',  # a formula
])
def test_a_value_outside_leaves_it_to_the_count(cell: str) -> None:
    assert not within_limit(sheet(f'<row r="1"><c r="A1"><v>1</v></c>{cell}</row>'), LIMIT)


def test_cells_and_rows_without_values_do_not_count() -> None:
    """As LibreOffice writes a sheet after a sort: the dimension and a styled last row claim
    all 1,048,576 rows, and formatted empty cells lie beyond the values."""
    cells = ('<row r="1"><c r="A1"><v>1</v></c><c r="XFD1" s="2"/></row>'
             '<row r="1048576" s="3" customFormat="true"><c r="A1048576" s="3"/></row>')
    assert within_limit(sheet(cells, "A1:Q1048576"), LIMIT)
    assert used_range(sheet(cells, "A1:Q1048576")).cells == 1


def test_without_a_usable_dimension_the_count_decides() -> None:
    cells = '<row r="1"><c r="A1"><v>1</v></c></row>'
    assert not within_limit(sheet(cells, dimension=None), LIMIT)
    assert within_limit(sheet(cells, dimension="A1"), LIMIT)
    assert within_limit(sheet(cells, prefix="x:"), LIMIT)
    assert not within_limit(sheet(cells, dimension="A1:XFD1"), 16_000)  # not even one row of XFD


def test_the_shortcut_never_contradicts_the_count() -> None:
    chance, forms = random.Random(9), ('<c r="{}"', '<c s="1" r="{}"', '<x:c r="{}"')
    for _ in range(500):
        rows, columns = chance.randint(1, 3000), chance.randint(1, 2000)
        cells = "".join(
            chance.choice(forms).format(f"{column_letter(chance.randint(0, 2 * columns))}{chance.randint(1, 2 * rows)}")
            + ('><v>1</v></c>' if chance.random() < 0.7 else ' s="1"/>') for _ in range(chance.randint(0, 6)))
        xml = sheet(f'<row r="1">{cells}</row>', f"A1:{column_letter(columns - 1)}{rows}")
        assert within_limit(xml, 1_000_000) <= (used_range(xml).cells <= 1_000_000)
