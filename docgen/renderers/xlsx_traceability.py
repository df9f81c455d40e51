"""The traceability sheet of the checklist workbook: requirements against tests and
work packages, with the gaps highlighted.

One row per requirement, one column per test (internal, then customer); a cell shows
the result of the test that verifies the requirement. A requirement without a test or
without a work package is highlighted, and so are tests without a requirement and work
packages no requirement belongs to, listed below the matrix. The sheet is protected and
has no key column, so the import never reads it: it is read-only for the round trip.
"""

from __future__ import annotations


from typing import Iterator

from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from ..models import Requirement, TestCase
from .xlsx_page_setup import set_print
from .xlsx_summary import RESULT_COLORS
from .xlsx_writer import CellValue, Export, SparseRow, check_text, row_height, row_is_safe, tint, write_text

GAP_COLOR = "#F4CCCC"  # a gap: no test, no work package, no requirement
_FIXED = ("xlsx.trace.requirement", "xlsx.trace.title", "xlsx.trace.work_package", "xlsx.trace.tests")
_FIXED_WIDTHS = (13, 44, 26, 8)
_TEST_WIDTH = 6.5
_HEADER_ROW = 2


def write_traceability(export: Export) -> None:
    project = export.project
    tests = [*project.tests.internal, *project.tests.customer]
    sheet = export.book.workbook.add_worksheet(export.label("xlsx.sheet.traceability"))
    styles = _Styles(export)
    _columns(sheet, len(tests))
    _title(export, sheet, styles)
    _header(export, sheet, styles, tests)
    # The matrix and the gaps below it are streamed (`Book.add_sparse_rows`): for
    # 100,000 requirements xlsxwriter's cell store would hold every cell as an object.
    first = _HEADER_ROW + 1
    gaps = _gap_rows(export, styles, tests)
    count = len(project.requirements) + 1 + len(gaps)
    export.book.add_sparse_rows(sheet, first, styles.streamed, _rows(export, styles, tests, gaps), count)
    if tests and project.requirements:
        # One rule draws the grid: writing every empty cell of a large matrix costs
        # millions of cells; only the results are written.
        last = _HEADER_ROW + len(project.requirements)
        sheet.conditional_format(first, len(_FIXED), last, len(_FIXED) + len(tests) - 1,
                                 {"type": "formula", "criteria": "TRUE", "format": styles.grid})
    sheet.freeze_panes(_HEADER_ROW + 1, 2)
    content_width = sum(_FIXED_WIDTHS) + len(tests) * _TEST_WIDTH
    set_print(export, sheet, pages_tall=0, side_margin=0.4, content_width=content_width)
    sheet.repeat_rows(_HEADER_ROW)
    sheet.protect()


class _Styles:
    def __init__(self, export: Export) -> None:
        border = {"border": 1, "border_color": "#BFBFBF"}

        def add(properties: dict):
            return export.book.add_format(**properties)

        self.title = add({"bold": True, "font_size": 14, "font_color": export.primary})
        self.header = add({"bold": True, "font_color": "#FFFFFF", "bg_color": export.primary, "valign": "bottom",
                           "text_wrap": True, **border})
        self.test_header = add({"bold": True, "font_color": "#FFFFFF", "bg_color": export.primary, "rotation": 90,
                                "align": "center", **border})
        self.text = add({"valign": "top", "text_wrap": True, **border})
        self.gap = add({"valign": "top", "text_wrap": True, "bg_color": GAP_COLOR, **border})
        self.count = add({"align": "center", "valign": "top", **border})
        self.count_gap = add({"align": "center", "valign": "top", "bold": True, "bg_color": GAP_COLOR, **border})
        self.grid = export.book.workbook.add_format(border)
        self.results = {result: add({"align": "center", "valign": "top", "bold": True, "font_color": color,
                                     "bg_color": tint(color, 0.85), **border})
                        for result, color in RESULT_COLORS.items()}
        self.note = add({"italic": True, "font_color": "#595959"})
        # every format of the streamed rows, numbered before the workbook closes
        self.streamed = [self.header, self.text, self.gap, self.count, self.count_gap, *self.results.values()]


def _columns(sheet: Worksheet, tests: int) -> None:
    for col, width in enumerate(_FIXED_WIDTHS):
        sheet.set_column(col, col, width)
    if tests:
        sheet.set_column(len(_FIXED), len(_FIXED) + tests - 1, _TEST_WIDTH)


def _title(export: Export, sheet: Worksheet, styles: _Styles) -> None:
    write_text(sheet, 0, 0, export.label("xlsx.trace.heading"), styles.title)
    write_text(sheet, 1, 0, export.label("xlsx.trace.note"), styles.note)


def _header(export: Export, sheet: Worksheet, styles: _Styles, tests: list[TestCase]) -> None:
    for col, key in enumerate(_FIXED):
        write_text(sheet, _HEADER_ROW, col, export.label(key), styles.header)
    for col, case in enumerate(tests, len(_FIXED)):
        write_text(sheet, _HEADER_ROW, col, case.id, styles.test_header)
    sheet.set_row(_HEADER_ROW, 48)


def _rows(export: Export, styles: _Styles, tests: list[TestCase], gaps: list[SparseRow]) -> Iterator[SparseRow]:
    """A row per requirement, a blank row, then the gap lists."""
    verifying = _verifying(tests)
    sow = export.project.sow
    packages = {wp.id: wp.title for wp in sow.work_packages} if sow else {}
    for number, item in enumerate(export.project.requirements):
        yield _requirement_row(export, styles, item, verifying.get(item.id, []), packages, number)
    yield [], None
    yield from gaps


def _verifying(tests: list[TestCase]) -> dict[str, list[tuple[int, TestCase]]]:
    """Requirement id -> (matrix column, test) of the tests that verify it."""
    found: dict[str, list[tuple[int, TestCase]]] = {}
    for col, case in enumerate(tests, len(_FIXED)):
        if case.requirement:
            found.setdefault(case.requirement, []).append((col, case))
    return found


def _requirement_row(export: Export, styles: _Styles, item: Requirement, verifying: list[tuple[int, TestCase]],
                     packages: dict[str, str], number: int) -> SparseRow:
    """The requirement, its work package, and the result of each test that verifies it."""
    package = f"{item.work_package} {packages.get(item.work_package, '')}".strip() if item.work_package else ""
    texts = [item.id, item.title, package]
    if not row_is_safe(texts):
        for field, text in zip(("id", "title", "work_package"), texts):
            check_text(text, f"requirements[{number}].{field}")
    cells: list[tuple[int, CellValue, Format]] = [
        (0, item.id, styles.text), (1, item.title, styles.text),
        (2, package or export.label("xlsx.trace.none"), styles.text if package else styles.gap),
        (3, len(verifying), styles.count if verifying else styles.count_gap),
    ]
    for col, case in verifying:
        result = case.result.value
        cells.append((col, export.label(f"result.{result}"), styles.results[result]))
    # LibreOffice does not grow rows to wrapped text on load: the height is set here.
    return cells, row_height(texts, _FIXED_WIDTHS[:3], [True] * 3)


def _gap_rows(export: Export, styles: _Styles, tests: list[TestCase]) -> list[SparseRow]:
    """Tests without a requirement and work packages without requirements, each list
    under a heading, a blank row after each."""
    project = export.project
    covered = {r.work_package for r in project.requirements if r.work_package}
    packages = project.sow.work_packages if project.sow else []
    lists = (
        ("xlsx.trace.tests_without_requirement",
         [(f"{c.id} {c.title}", f"test {c.id}: title") for c in tests if not c.requirement]),
        ("xlsx.trace.packages_without_requirements",
         [(f"{wp.id} {wp.title}", f"sow.work_packages[{n}].title") for n, wp in enumerate(packages)
          if wp.id not in covered]),
    )
    rows: list[SparseRow] = []
    for key, entries in lists:
        rows.append(([(0, export.label(key), styles.header), (1, "", styles.header)], None))
        for entry, field in entries:
            rows.append(([(1, check_text(entry, field), styles.gap)], None))
        if not entries:
            rows.append(([(1, export.label("xlsx.trace.none"), styles.text)], None))
        rows.append(([], None))
    return rows[:-1]
