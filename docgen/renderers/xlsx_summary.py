"""The summary sheet: live counts, shares, a chart and the readiness in words.

Every figure is an Excel formula over the data table's columns (structured
references such as `Checklist[Status]`), so it follows the customer's edits. Each
formula also carries its value computed from the project data as the cached
result, for readers that do not calculate.

"Overdue" is counted against the render date (`RenderOptions.today`, the project's
`as_of` in a build), never against TODAY(): the checklist's summary shows that date
in a labelled cell named `AS_OF_NAME`, and every overdue formula and highlight reads
it, so Excel, LibreOffice, the PDF and the cached values agree on any day.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable

from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.worksheet import Worksheet

from ..i18n import format_date
from ..models import Phase, Side, Status, TestResult
from .xlsx_logo import header_logo
from .xlsx_page_setup import set_print
from .xlsx_writer import Export, formula_text, write_text

RESULT_COLORS = {"pass": "#2E7D32", "fail": "#C62828", "blocked": "#EF8F00", "not_run": "#9E9E9E"}
STATUS_COLORS = {"open": "#9E9E9E", "in_progress": "#1F77B4", "blocked": "#C62828", "done": "#2E7D32"}
RESULT_ORDER = (TestResult.passed, TestResult.failed, TestResult.blocked, TestResult.not_run)
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_STRUCTURED_SPECIAL = re.compile(r"([\[\]#'])")  # escaped with ' in a structured reference
AS_OF_NAME = "docgen_as_of"  # the defined name of the date "overdue" counts against
_NOT_BLOCKING = ("overdue",)  # shown in the readiness sentence, but not a condition of it
_READY_COLORS = {True: "#2E7D32", False: "#C62828"}
_BANNER_LAST_COL = 6  # the readiness sentence spans A:G, above the chart
_BANNER_LINE_CHARS = 72  # characters of the sentence (13 pt bold) that fit on one line of A:G
CHART_WIDTH = 520  # pixels
VALUE_COLUMN_WIDTH = 13  # characters: the figures' columns B:G


@dataclass
class _Summary:
    """A summary sheet being written, top to bottom."""

    export: Export
    sheet: Worksheet
    row: int = 0
    figures: dict[str, tuple[str, int | float]] = field(default_factory=dict)  # name -> (cell, value)
    header_widths: dict[int, float] = field(default_factory=dict)  # column -> width its headers need

    def style(self, **properties: Any):
        return self.export.book.add_format(**properties)

    def ref(self, field_name: str) -> str:
        """Structured reference to a column of the data table, e.g. Checklist[Status]."""
        layout = self.export.layout
        header = self.export.label(layout.column(field_name).label)
        escaped = _STRUCTURED_SPECIAL.sub(r"'\1", header)
        return f"{layout.table}[{escaped}]"

    def text(self, col: int, value: str, style=None) -> None:
        write_text(self.sheet, self.row, col, value, style)

    def formula(self, col: int, formula: str, value: int | float | str, style=None) -> str:
        self.sheet.write_formula(self.row, col, formula, style or self.style(border=1, border_color="#BFBFBF"),
                                 value)
        return xl_rowcol_to_cell(self.row, col, row_abs=True, col_abs=True)

    def share(self, col: int, part: str, whole: str, value: float) -> None:
        style = self.style(num_format="0%", border=1, border_color="#BFBFBF")
        self.formula(col, f"=IF({whole}=0,0,{part}/{whole})", value, style)


def write_summary(export: Export, data_sheet: str, items: list[Any]) -> None:
    sheet = export.book.workbook.add_worksheet(export.label(export.layout.summary_sheet))
    summary = _Summary(export, sheet)
    sheet.set_column(0, 0, 30)
    sheet.set_column(1, 6, VALUE_COLUMN_WIDTH)
    _heading(summary)
    if export.layout.kind == "checklist":
        _checklist(summary, items)
    else:
        _tests(summary, items)
    if export.layout.kind == "customer":
        _sign_off(summary)
    _fit_headers(summary)
    _legend(summary)
    _logo(summary)
    _print_setup(summary)


def _heading(s: _Summary) -> None:
    export, project = s.export, s.export.project.project
    title = s.style(bold=True, font_size=16, font_color=export.primary)
    s.text(0, export.label(export.layout.title), title)
    s.row += 1
    s.text(0, project.title, s.style(bold=True, font_size=12))
    s.row += 1
    s.text(0, f"{export.label('customer')}: {project.customer.name}  |  "
              f"{export.label('vendor')}: {project.vendor.name}")
    s.row += 1
    phase = export.label(f"phase.{project.phase.value}")
    exported = format_date(export.options.timestamp.date(), export.language)
    s.text(0, f"{export.label('xlsx.summary.phase')}: {phase}  |  {export.label('xlsx.summary.exported')}: {exported}")
    s.row += 1
    if export.layout.kind == "checklist":
        _as_of(s)
    s.row += 1


def _as_of(s: _Summary) -> None:
    """The labelled date that due dates count against, behind the defined name AS_OF_NAME."""
    export = s.export
    s.text(0, export.label("xlsx.summary.as_of"), s.style(bold=True))
    style = s.style(num_format=export.date_format, align="left", bold=True)
    s.sheet.write_datetime(s.row, 1, dt.datetime.combine(export.options.today, dt.time()), style)
    sheet = s.sheet.name.replace("'", "''")
    export.book.workbook.define_name(AS_OF_NAME, f"='{sheet}'!{xl_rowcol_to_cell(s.row, 1, True, True)}")


def _section(s: _Summary, title: str, headers: Iterable[str]) -> None:
    style = s.style(bold=True, font_color="#FFFFFF", bg_color=s.export.primary, border=1,
                    border_color="#BFBFBF", text_wrap=True, valign="vcenter")
    s.text(0, title, style)
    for col, header in enumerate(headers, 1):
        s.text(col, header, style)
        s.header_widths[col] = max(s.header_widths.get(col, 0), _header_width(header))
    s.row += 1


def _header_width(header: str) -> float:
    """Column width (in characters) at which a bold header fits on one line."""
    return max(map(len, header.split(" ")), default=0) * 1.2 + 2 if len(header) > 18 else len(header) * 1.2 + 2


def _fit_headers(s: _Summary) -> None:
    """Widen the columns whose headers ("Fehlgeschlagen", "Nicht ausgeführt") would be clipped."""
    for col, width in sorted(s.header_widths.items()):
        if width > VALUE_COLUMN_WIDTH:
            s.sheet.set_column(col, col, width)


def _row_label(s: _Summary, value: str, bold: bool = False) -> None:
    s.text(0, value, s.style(border=1, border_color="#BFBFBF", bold=bold))


# --- checklist ---------------------------------------------------------------------

def _checklist(s: _Summary, items: list[Any]) -> None:
    readiness_row = s.row
    s.row += 2
    _checklist_figures(s, items)
    _status_table(s, items)
    for title, field_name, enum in (("xlsx.summary.by_side", "side", Side),
                                    ("xlsx.summary.by_phase", "phase", Phase)):
        _group_table(s, items, title, field_name, enum)
    _readiness(s, readiness_row, *_checklist_readiness(s))


def _checklist_figures(s: _Summary, items: list[Any]) -> None:
    label, today = s.export.label, s.export.options.today
    done, status, ids = formula_text(label("status.done")), s.ref("status"), s.ref("id")
    rows = [
        ("total", "xlsx.summary.total", f"=COUNTA({ids})", len(items)),
        ("done", "xlsx.summary.done", f"=COUNTIFS({status},{done})", sum(i.is_done for i in items)),
        ("not_done", "xlsx.summary.not_done", f"=COUNTA({ids})-COUNTIFS({status},{done})",
         sum(not i.is_done for i in items)),
        ("overdue", "xlsx.summary.overdue",
         f'=COUNTIFS({s.ref("due")},"<"&{AS_OF_NAME},{status},"<>"&{done})', sum(i.is_overdue(today) for i in items)),
        ("verified", "xlsx.summary.verified", f'=COUNTIFS({s.ref("verified")},{formula_text(label("yes"))})',
         sum(i.verified for i in items)),
    ]
    _figures(s, rows)


def _figures(s: _Summary, rows: list[tuple[str, str, str, int]], count_key: str = "xlsx.summary.count") -> None:
    """Named key figures: label, formula, share of the first (the total)."""
    _section(s, s.export.label("xlsx.summary.key_figures"),
             [s.export.label(count_key), s.export.label("xlsx.summary.share")])
    total_cell = None
    for name, label_key, formula, value in rows:
        _row_label(s, s.export.label(label_key))
        cell = s.formula(1, formula, value)
        total_cell = total_cell or cell
        total = rows[0][3]
        s.share(2, cell, total_cell, value / total if total else 0)
        s.figures[name] = (cell, value)
        s.row += 1
    s.row += 1


def _status_table(s: _Summary, items: list[Any]) -> None:
    label = s.export.label
    _section(s, label("xlsx.summary.by_status"), [label("xlsx.summary.count"), label("xlsx.summary.share")])
    counts = Counter(item.status for item in items)
    first = s.row
    total_cell, total = s.figures["total"]
    for status in Status:
        _row_label(s, label(f"status.{status.value}"))
        cell = s.formula(1, f"=COUNTIFS({s.ref('status')},{formula_text(label(f'status.{status.value}'))})",
                         counts[status])
        s.share(2, cell, total_cell, counts[status] / total if total else 0)
        s.row += 1
    _status_chart(s, first, s.row - 1, max(counts.values(), default=0))
    s.row += 1


def _group_table(s: _Summary, items: list[Any], title: str, field_name: str, enum: Any) -> None:
    label = s.export.label
    _section(s, label(title), [label("xlsx.summary.count"), label("xlsx.summary.done"),
                               label("xlsx.summary.not_done"), label("xlsx.summary.done_share")])
    done, status, column = formula_text(label("status.done")), s.ref("status"), s.ref(field_name)
    for member in enum:
        text = formula_text(label(f"{field_name}.{member.value}"))
        group = [i for i in items if getattr(i, field_name) is member]
        finished = sum(i.is_done for i in group)
        _row_label(s, label(f"{field_name}.{member.value}"))
        all_cell = s.formula(1, f"=COUNTIFS({column},{text})", len(group))
        done_cell = s.formula(2, f"=COUNTIFS({column},{text},{status},{done})", finished)
        s.formula(3, f"={all_cell}-{done_cell}", len(group) - finished)
        s.share(4, done_cell, all_cell, finished / len(group) if group else 0)
        s.row += 1
    s.row += 1


def _checklist_readiness(s: _Summary) -> tuple[str, str, dict[str, tuple[str, int]]]:
    """Ready for launch as far as the sheet can tell (the launch gate's `launch.checklist-done`
    and `launch.qa-recheck` rules): every item done and re-checked by the customer's QA, in
    whatever phase the project is. Who re-checked, on which system and when, the gate checks
    in project.yaml."""
    figures = dict(s.figures)
    total_cell, total = figures["total"]
    verified_cell, verified = figures["verified"]
    figures["unchecked"] = (f"({total_cell}-{verified_cell})", total - verified)
    return "xlsx.ready.launch_yes", "xlsx.ready.launch_no", figures


# --- test protocols ----------------------------------------------------------------

def _tests(s: _Summary, items: list[Any]) -> None:
    readiness_row = s.row
    s.row += 2
    _tests_figures(s, items)
    _area_table(s, items)
    kind = s.export.layout.kind
    _readiness(s, readiness_row, f"xlsx.ready.{kind}_yes", f"xlsx.ready.{kind}_no", s.figures)


def _tests_figures(s: _Summary, items: list[Any]) -> None:
    label, result = s.export.label, s.ref("result")
    counts = Counter(item.result for item in items)
    rows = [("total", "xlsx.summary.tests", f"=COUNTA({s.ref('id')})", len(items))]
    for member in RESULT_ORDER:
        text = formula_text(label(f"result.{member.value}"))
        rows.append((member.value, f"result.{member.value}", f"=COUNTIFS({result},{text})", counts[member]))
    _figures(s, rows, "xlsx.summary.tests")


def _area_table(s: _Summary, items: list[Any]) -> None:
    label = s.export.label
    results = list(RESULT_ORDER)
    _section(s, label("xlsx.summary.by_area"), [*(label(f"result.{r.value}") for r in results),
                                                label("xlsx.summary.total"), label("xlsx.summary.pass_share")])
    first = s.row
    areas = sorted({item.area for item in items})
    for area in areas:
        _area_row(s, area, [item for item in items if item.area == area], results)
    if areas:
        largest = max(Counter(item.area for item in items).values())
        _tests_chart(s, first, s.row - 1, results, largest)
    s.row += 1


def _area_row(s: _Summary, area: str, group: list[Any], results: list[TestResult]) -> None:
    area_cell = xl_rowcol_to_cell(s.row, 0, col_abs=True)
    _row_label(s, area)
    counts = Counter(item.result for item in group)
    for col, member in enumerate(results, 1):
        text = formula_text(s.export.label(f"result.{member.value}"))
        # SUMPRODUCT compares exactly; COUNTIFS would read * ? ~ < = in an area name as operators.
        formula = f"=SUMPRODUCT(({s.ref('area')}={area_cell})*({s.ref('result')}={text}))"
        s.formula(col, formula, counts[member])
    first, last = xl_rowcol_to_cell(s.row, 1), xl_rowcol_to_cell(s.row, len(results))
    total_cell = s.formula(len(results) + 1, f"=SUM({first}:{last})", len(group))
    pass_cell = xl_rowcol_to_cell(s.row, results.index(TestResult.passed) + 1)
    s.share(len(results) + 2, pass_cell, total_cell, counts[TestResult.passed] / len(group))
    s.row += 1


# --- shared parts ------------------------------------------------------------------

def _readiness(s: _Summary, row: int, yes_key: str, no_key: str,
               figures: dict[str, tuple[str, int | float]]) -> None:
    """The readiness sentence as a formula: 'Ready for launch: no – 7 items not done, 2 overdue, …'.

    Every figure the 'no' sentence names must be 0 for 'yes', except those in _NOT_BLOCKING.
    """
    yes, no = s.export.label(yes_key), s.export.label(no_key)
    values = {name: value for name, (_, value) in figures.items()}
    blocking = [name for name in _PLACEHOLDER.findall(no) if name not in _NOT_BLOCKING]
    ready = all(values[name] == 0 for name in blocking)
    condition = "AND(" + ",".join(f"{figures[name][0]}=0" for name in blocking) + ")"
    formula = f"=IF({condition},{_template(yes, figures)},{_template(no, figures)})"
    cached = (yes if ready else no).format(**values)
    style = s.style(bold=True, font_size=13, font_color="#FFFFFF", bg_color=_READY_COLORS[ready],
                    valign="vcenter", text_wrap=True)
    s.sheet.merge_range(row, 0, row, _BANNER_LAST_COL, "", style)
    s.sheet.write_formula(row, 0, formula, style, cached)
    longest = max(len(yes.format(**values)), len(no.format(**values)))
    s.sheet.set_row(row, 24 if longest <= _BANNER_LINE_CHARS else 40)
    for state, test in ((True, condition), (False, f"NOT({condition})")):  # the colour follows the sentence
        s.sheet.conditional_format(row, 0, row, 0, {"type": "formula", "criteria": f"={test}",
                                                    "format": s.style(bg_color=_READY_COLORS[state])})


def _template(text: str, figures: dict[str, tuple[str, int | float]]) -> str:
    """'no – {overdue} overdue' -> '"no – "&$B$9&" overdue"' (text pieces quoted, figures as cells)."""
    pieces = []
    for position, piece in enumerate(_PLACEHOLDER.split(text)):
        if position % 2:
            pieces.append(figures[piece][0])
        elif piece:
            pieces.append(formula_text(piece))
    return "&".join(pieces) or '""'


def _whole_axis(largest: int) -> dict[str, Any]:
    """An axis of counts: from 0, labelled with whole numbers only (never 0.5 items)."""
    return {"min": 0, "major_unit": 1, "num_format": "0"} if largest <= 10 else {"min": 0, "num_format": "0"}


def _status_chart(s: _Summary, first: int, last: int, largest: int) -> None:
    sheet_name = s.sheet.name.replace("'", "''")
    chart = s.export.book.workbook.add_chart({"type": "column"})
    chart.add_series({
        "name": s.export.label("xlsx.summary.chart_status"),
        "categories": [sheet_name, first, 0, last, 0], "values": [sheet_name, first, 1, last, 1],
        "points": [{"fill": {"color": STATUS_COLORS[status.value]}} for status in Status],
        "data_labels": {"value": True},
    })
    chart.set_y_axis(_whole_axis(largest))
    _place_chart(s, chart, "xlsx.summary.chart_status")


def _tests_chart(s: _Summary, first: int, last: int, results: list[TestResult], largest: int) -> None:
    sheet_name = s.sheet.name.replace("'", "''")
    chart = s.export.book.workbook.add_chart({"type": "bar", "subtype": "stacked"})
    for col, member in enumerate(results, 1):
        chart.add_series({
            "name": [sheet_name, first - 1, col], "categories": [sheet_name, first, 0, last, 0],
            "values": [sheet_name, first, col, last, col], "fill": {"color": RESULT_COLORS[member.value]},
            "gap": 60,
        })
    chart.set_y_axis({"reverse": True})
    chart.set_x_axis(_whole_axis(largest))
    _place_chart(s, chart, "xlsx.summary.chart_tests")


def _place_chart(s: _Summary, chart: Any, title_key: str) -> None:
    chart.set_title({"name": s.export.label(title_key), "name_font": {"size": 12, "bold": True}})
    chart.set_legend({"position": "bottom"} if chart.series and len(chart.series) > 1 else {"none": True})
    chart.set_size({"width": CHART_WIDTH, "height": 300})
    s.sheet.insert_chart(6, _chart_column(s), chart, {"x_offset": 20, "y_offset": 0})


def _chart_column(s: _Summary) -> int:
    return 8 if s.export.layout.kind != "checklist" else 6


def _logo(s: _Summary) -> None:
    """The vendor's (else the customer's) logo top right, above the chart's right edge:
    Excel also shows it in the page header, LibreOffice only here."""
    logo = header_logo(s.export.project, s.export.options.project_dir)
    if logo is not None:
        logo.place(s.sheet, 0, _chart_column(s), right_edge_px=20 + CHART_WIDTH)


def _sign_off(s: _Summary) -> None:
    """The customer QA lead's sign-off of the acceptance tests: as recorded in
    `tests.customer_sign_off`, else open lines to sign on paper."""
    export, signed = s.export, s.export.project.tests.customer_sign_off
    name = export.project.person(signed.person).name if signed else ""
    date = format_date(signed.date, export.language) if signed else ""
    _section(s, export.label("xlsx.signoff.title"), [])
    line = s.style(bottom=1, bottom_color="#595959")
    for label, value in (("xlsx.signoff.qa_lead", name), ("date", date), ("xlsx.signoff.signature", "")):
        _row_label(s, export.label(label))
        s.sheet.merge_range(s.row, 1, s.row, 3, "", line)  # a line to sign on; text is written as text
        if value:
            s.text(1, value, line)
        s.sheet.set_row(s.row, 24)
        s.row += 1


def _legend(s: _Summary) -> None:
    s.row += 1
    style = s.style(italic=True, font_color="#595959", text_wrap=True, valign="top")
    s.sheet.merge_range(s.row, 0, s.row, 6, s.export.label("xlsx.summary.legend"), style)
    s.sheet.set_row(s.row, 42)


def _print_setup(s: _Summary) -> None:
    set_print(s.export, s.sheet, pages_tall=1, side_margin=0.5)
    s.sheet.hide_gridlines(2)
