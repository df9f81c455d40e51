"""XLSX checklist: docgen's renderer against xlsxwriter writing the same styled table.

Builds the synthetic project (`docgen.synthetic`, 10,000 requirements by default) and
times, interleaved over N rounds with the same GC state, paired medians and spread:
(a) the `requirements-checklist` renderer: styled table, dropdowns, conditional
    formats, summary with formulas and chart, hidden `_lists` and `_meta` sheets;
(b) xlsxwriter (in memory) writing the same cells into the same styled table with
    `write_string` / `write_number`: the cell values are prepared before the clock
    starts, so (b) is xlsxwriter's bare writing time. Target: a/b <= 1.2.
Then renders 100,000 requirements in a fresh subprocess and reports its peak RSS
(`resource.getrusage().ru_maxrss`), next to the peak of a process that only builds
the project. Target: peak < 300 MB.

    .venv/bin/python benchmarks/bench_xlsx.py [--requirements N] [--repeat N]
                                              [--memory-rows N] [--json]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import subprocess
import sys

# _common first: it puts this checkout on sys.path for the docgen imports below.
from _common import add_json_option, base_record, make_parser, paired, print_record, ratio_line, verdict

import xlsxwriter

from docgen.models import Project
from docgen.synthetic import synthetic_project

TARGET_RATIO = 1.2
TARGET_PEAK_MB = 300
TODAY = dt.date(2026, 9, 1)


def build_project(requirements: int) -> Project:
    return Project.model_validate(synthetic_project(requirements=requirements, meetings=5, tests=20))


def render_docgen(project: Project) -> bytes:
    from docgen.renderers import RenderOptions, get_renderer

    [output] = get_renderer("requirements-checklist").render(project, RenderOptions(today=TODAY))
    return output.data


def table_cells(project: Project) -> tuple[list[str], list[list[object]]]:
    """The checklist's header and cell values, as docgen's layout converts them."""
    from docgen.excel.layout import CHECKLIST, cell_context, row_key
    from docgen.excel.values import to_cell
    from docgen.i18n import labels

    text = labels(project.project.language.value)
    context = cell_context(project, text)
    header = [text[column.label] for column in CHECKLIST.columns]
    rows = [[row_key(project.project.id, CHECKLIST.collection, r.id)]
            + [to_cell(c, getattr(r, c.field), context) for c in CHECKLIST.columns[1:]]
            for r in project.requirements]
    return header, rows


def render_xlsxwriter(header: list[str], rows: list[list[object]]) -> bytes:
    """The same styled table, written cell by cell by xlsxwriter."""
    from docgen.excel.layout import CHECKLIST, Kind

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                        "strings_to_numbers": False, "strings_to_urls": False})
    sheet = book.add_worksheet("Checklist")
    formats = [book.add_format({"valign": "top", "text_wrap": c.wrap, "border": 1, "border_color": "#BFBFBF",
                                "num_format": "dd mmm yyyy" if c.kind is Kind.DATE else "@"})
               for c in CHECKLIST.columns]
    head = book.add_format({"bold": True, "bg_color": "#1F4E79", "font_color": "#FFFFFF", "text_wrap": True})
    for col, column in enumerate(CHECKLIST.columns):
        sheet.set_column(col, col, column.width)
    sheet.add_table(0, 0, len(rows), len(header) - 1, {
        "name": "Checklist", "columns": [{"header": h, "header_format": head} for h in header]})
    for number, values in enumerate(rows, 1):
        for col, value in enumerate(values):
            if type(value) is str:
                sheet.write_string(number, col, value, formats[col])
            elif value is not None:
                sheet.write_number(number, col, value, formats[col])
    sheet.freeze_panes(1, 2)
    book.close()
    return buffer.getvalue()


def measure_time(requirements: int, repeat: int) -> dict[str, object]:
    project = build_project(requirements)
    header, rows = table_cells(project)
    result = paired(repeat, lambda: render_docgen(project), lambda: render_xlsxwriter(header, rows))
    docgen_s, xlsxwriter_s = result["median_s"]
    return {"requirements": requirements, "repeat": repeat, "docgen_s": docgen_s,
            "xlsxwriter_s": xlsxwriter_s, "ratio": result["ratio_median"][0],
            "ratio_spread": result["ratio_spread"][0], "spread_s": result["spread_s"],
            "docgen_bytes": len(render_docgen(project)), "xlsxwriter_bytes": len(render_xlsxwriter(header, rows))}


def peak_mb(rows: int, render: bool) -> float:
    """Peak RSS in MB of a fresh process that builds the project and, if asked, renders it."""
    command = [sys.executable, __file__, "--memory-child", str(rows)] + (["--render"] if render else [])
    result = subprocess.run(command, check=True, capture_output=True, text=True)
    return float(result.stdout.strip())


def memory_child(rows: int, render: bool) -> None:
    import gc
    import resource

    project = build_project(rows)
    gc.collect()
    if render:
        assert len(render_docgen(project)) > 0
    print(round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1))  # KiB on Linux


def main(argv: list[str] | None = None) -> int:
    parser = make_parser(__doc__, ("--requirements", 10_000), repeat=7)
    parser.add_argument("--memory-rows", type=int, default=100_000)
    add_json_option(parser)
    parser.add_argument("--memory-child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--render", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.memory_child:
        memory_child(args.memory_child, args.render)
        return 0
    record = measure_time(args.requirements, args.repeat)
    record.update(base_record("xlsx_checklist"), target_ratio=TARGET_RATIO,
                  memory_rows=args.memory_rows, peak_mb=peak_mb(args.memory_rows, True),
                  project_only_peak_mb=peak_mb(args.memory_rows, False), target_peak_mb=TARGET_PEAK_MB,
                  xlsxwriter=xlsxwriter.__version__)
    print_record(record, args.json, _report)
    ok = record["ratio"] <= TARGET_RATIO and record["peak_mb"] < TARGET_PEAK_MB
    return 0 if ok else 1


def _report(record: dict[str, object]) -> None:
    print(f"checklist: {record['requirements']:,} requirements, paired medians of {record['repeat']} rounds")
    print(f"(a) docgen requirements-checklist: {record['docgen_s']:.3f} s ({record['docgen_bytes']:,} bytes)")
    print(f"(b) xlsxwriter, same styled table: {record['xlsxwriter_s']:.3f} s ({record['xlsxwriter_bytes']:,} bytes)")
    print(ratio_line(record["ratio"], TARGET_RATIO))
    print(f"peak RSS for {record['memory_rows']:,} rows: {record['peak_mb']:.0f} MB "
          f"(building the project alone: {record['project_only_peak_mb']:.0f} MB; target < {TARGET_PEAK_MB}) "
          f"{verdict(record['peak_mb'] < TARGET_PEAK_MB)}")


if __name__ == "__main__":
    raise SystemExit(main())
