"""Import: an edited 10,000-row checklist merged into the 10,000-requirement project.

Writes the synthetic project of `docgen.synthetic`, exports its Requirements
Checklist, and edits it as a customer would (openpyxl, not timed): statuses ticked,
due dates and people changed, rows added below the table, rows deleted. Then, best
of N with the runs alternating, it times

(a) `import_workbook(edited, project)` end to end: open and check the workbook,
    verify `_meta`, load and validate project.yaml, merge, validate, write back
    (atomically, with a backup); project.yaml is restored between runs, untimed;
(b) the bare pair: python-calamine reading the data sheet, plus PyYAML's C loader
    on project.yaml.

Targets: (a) under 1.5 s and a/b within 5. Exit code 1 when a target is missed.

    .venv/bin/python benchmarks/bench_import.py [--requirements N] [--repeat N] [--json]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import openpyxl  # noqa: E402
import python_calamine  # noqa: E402
import yaml  # noqa: E402

from docgen.excel.import_ import import_workbook  # noqa: E402
from docgen.loader import load_project  # noqa: E402
from docgen.renderers import RenderOptions, get_renderer  # noqa: E402
from docgen.synthetic import write_synthetic_project  # noqa: E402

TARGET_SECONDS = 1.5
TARGET_RATIO = 5.0


def best_of(repeat: int, *funcs: Callable[[], object], before: Callable[[], object] = lambda: None) -> list[float]:
    """The fastest of `repeat` runs of each function, taking turns; `before` runs untimed."""
    times: list[list[float]] = [[] for _ in funcs]
    for _ in range(repeat):
        for func, spent in zip(funcs, times):
            before()
            start = time.perf_counter()
            func()
            spent.append(time.perf_counter() - start)
    return [min(spent) for spent in times]


def export_checklist(project_path: Path, target: Path) -> None:
    project = load_project(project_path)
    [output] = get_renderer("requirements-checklist").render(project, RenderOptions())
    target.write_bytes(output.data)


def edit_like_a_customer(source: Path, target: Path) -> dict[str, int]:
    """Tick 5% of the items, move 2% of the due dates, hand over 1%, add 20 rows, delete 10."""
    book = openpyxl.load_workbook(source)
    sheet = book.worksheets[0]
    column = {cell.value: cell.column for cell in sheet[1]}
    sheet.delete_rows(sheet.max_row - 9, 10)
    last = sheet.max_row
    for row in range(2, last + 1, 20):
        sheet.cell(row, column["Status"]).value = "Done"
    for row in range(3, last + 1, 50):
        sheet.cell(row, column["Due"]).value = dt.date(2027, 6, 30)
    for row in range(4, last + 1, 100):
        sheet.cell(row, column["Responsible"]).value = sheet.cell(2, column["Responsible"]).value
    for number in range(20):
        row = last + 3 + number
        for label, value in (("Title", f"New requirement {number} from the customer"), ("Side", "Customer"),
                             ("Responsible", sheet.cell(2, column["Responsible"]).value),
                             ("Due", "2027-01-15")):
            sheet.cell(row, column[label]).value = value
    book.save(target)
    return {"rows": last - 1, "added": 20, "deleted": 10}


def bare_pair(workbook: Path, project: Path, sheet_name: str) -> None:
    python_calamine.CalamineWorkbook.from_path(str(workbook)).get_sheet_by_name(sheet_name).to_python()
    yaml.load(project.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def measure(requirements: int, repeat: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="docgen-bench-import-") as tmp:
        folder = Path(tmp)
        original = write_synthetic_project(folder / "original.yaml", requirements=requirements)
        export_checklist(original, folder / "checklist.xlsx")
        edits = edit_like_a_customer(folder / "checklist.xlsx", folder / "edited.xlsx")
        project, edited = folder / "project.yaml", folder / "edited.xlsx"
        sheet = python_calamine.CalamineWorkbook.from_path(str(edited)).sheet_names[0]
        restore = lambda: shutil.copyfile(original, project)  # noqa: E731
        restore()
        report = import_workbook(edited, project)
        import_s, bare_s = best_of(repeat, lambda: import_workbook(edited, project),
                                   lambda: bare_pair(edited, project, sheet), before=restore)
        restore()
        size = project.stat().st_size
    return {
        "benchmark": "import", "date": dt.date.today().isoformat(), "requirements": requirements,
        "file_bytes": size, "repeat": repeat, **{f"sheet_{k}": v for k, v in edits.items()},
        "changes": report.counts(), "import_s": round(import_s, 4), "bare_calamine_yaml_s": round(bare_s, 4),
        "ratio": round(import_s / bare_s, 3), "target_s": TARGET_SECONDS, "target_ratio": TARGET_RATIO,
        "python": platform.python_version(), "cpus": os.cpu_count(), "machine": platform.machine(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requirements", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="print one JSON record instead of text")
    args = parser.parse_args(argv)
    record = measure(args.requirements, args.repeat)
    ok = record["import_s"] < TARGET_SECONDS and record["ratio"] <= TARGET_RATIO
    if args.json:
        print(json.dumps(record, sort_keys=True))
    else:
        print(f"project: {record['requirements']:,} requirements, {record['file_bytes']:,} bytes; "
              f"changes: {record['changes']}")
        print(f"(a) import_workbook end to end     best of {args.repeat}: {record['import_s']:.3f} s "
              f"(target < {TARGET_SECONDS} s)")
        print(f"(b) calamine read + yaml CSafeLoader best of {args.repeat}: {record['bare_calamine_yaml_s']:.3f} s")
        print(f"ratio a/b: {record['ratio']:.2f} (target <= {TARGET_RATIO}) {'ok' if ok else 'ABOVE TARGET'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
