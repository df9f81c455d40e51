"""Stress: imports killed with SIGKILL, and imports raced by a process appending to project.yaml.

Not a speed benchmark: it counts files that a crash or a concurrent writer would have
lost or left half-written, which must be 0. Each scenario runs N iterations (default
200) on a copy of the sample project and an edited checklist:

(kill)  a forked child runs `import_workbook`; the parent sends SIGKILL after a random
        delay within the later part of the import's duration. project.yaml must then be exactly the old
        file or exactly the new one (the result of an uninterrupted import), the backup
        (if any) exactly the old one; temporary files the killed child left must be
        gone after the next import.
(race)  a forked child runs `import_workbook`; the parent appends a line to
        project.yaml after a random delay within the later part of the import's duration. The line must
        be in project.yaml afterwards, whether the import wrote (the line came after
        it) or refused with "the file changed while importing" (the line came before).

    .venv/bin/python benchmarks/stress_import.py [--iterations N] [--json]
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import tempfile
import time
from pathlib import Path

# _common first: it puts this checkout on sys.path for the docgen imports below.
from _common import ROOT, add_json_option, base_record, make_parser, print_record

import openpyxl

from docgen.errors import DocgenError
from docgen.importing import import_workbook
from docgen.renderers import RenderOptions, get_renderer
from docgen.loader import load_project

SAMPLE = ROOT / "samples" / "mail-migration" / "project.yaml"
APPENDED = b"# appended by another process\n"


def prepare(folder: Path) -> tuple[Path, Path, bytes, bytes]:
    """The project, an edited checklist, and project.yaml's bytes before and after importing it."""
    project = folder / "project.yaml"
    shutil.copy(SAMPLE, project)
    [output] = get_renderer("requirements-checklist").render(load_project(project), RenderOptions(project_dir=folder))
    exported = folder / "checklist.xlsx"
    exported.write_bytes(output.data)
    book = openpyxl.load_workbook(exported)
    sheet = book.worksheets[0]
    column = {cell.value: cell.column for cell in sheet[1]}
    for row in range(2, sheet.max_row + 1, 3):
        sheet.cell(row, column["Customer remarks"]).value = f"checked by the customer, row {row}"
    edited = folder / "edited.xlsx"
    book.save(edited)
    old = project.read_bytes()
    import_workbook(edited, project)
    new = project.read_bytes()
    return project, edited, old, new


def reset(project: Path, old: bytes) -> None:
    project.write_bytes(old)
    backup = project.with_name(project.name + ".bak")
    backup.unlink(missing_ok=True)


def child_import(edited: Path, project: Path) -> int:
    """Fork a process that imports and exits: 0 written, 3 refused as changed, 1 other error."""
    pid = os.fork()
    if pid:
        return pid
    code = 1
    try:
        import_workbook(edited, project)
        code = 0
    except DocgenError as error:
        code = 3 if "changed while importing" in str(error) else 1
    finally:
        os._exit(code)


def duration(edited: Path, project: Path, old: bytes) -> float:
    times = []
    for _ in range(3):
        reset(project, old)
        start = time.perf_counter()
        os.waitpid(child_import(edited, project), 0)
        times.append(time.perf_counter() - start)
    return sorted(times)[1]


def temporaries(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def kill_scenario(project: Path, edited: Path, old: bytes, new: bytes, iterations: int, window: float,
                  rng: random.Random) -> dict[str, int]:
    found = {"old": 0, "new": 0, "partial": 0, "bad_backup": 0, "temporaries_left": 0, "temporaries_kept": 0}
    for _ in range(iterations):
        reset(project, old)
        pid = child_import(edited, project)
        time.sleep(rng.uniform(0.3 * window, window))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        data = project.read_bytes()
        found["old" if data == old else "new" if data == new else "partial"] += 1
        backup = project.with_name(project.name + ".bak")
        if backup.exists() and backup.read_bytes() != old:
            found["bad_backup"] += 1
        if temporaries(project.parent):
            found["temporaries_left"] += 1
            reset(project, old)
            os.waitpid(child_import(edited, project), 0)  # the next run cleans them up
            found["temporaries_kept"] += bool(temporaries(project.parent))
    return found


def race_scenario(project: Path, edited: Path, old: bytes, iterations: int, window: float,
                  rng: random.Random) -> dict[str, int]:
    found = {"written": 0, "refused": 0, "failed": 0, "lost": 0}
    for _ in range(iterations):
        reset(project, old)
        pid = child_import(edited, project)
        time.sleep(rng.uniform(0.3 * window, window))
        with project.open("ab") as stream:
            stream.write(APPENDED)
        _, status = os.waitpid(pid, 0)
        code = os.waitstatus_to_exitcode(status)
        found["written" if code == 0 else "refused" if code == 3 else "failed"] += 1
        if APPENDED not in project.read_bytes():
            found["lost"] += 1
    return found


def main() -> int:
    parser = make_parser(__doc__, ("--iterations", 200))
    add_json_option(parser)
    args = parser.parse_args()
    rng = random.Random(11)
    with tempfile.TemporaryDirectory(prefix="docgen-stress-") as tmp:
        project, edited, old, new = prepare(Path(tmp))
        window = duration(edited, project, old)
        killed = kill_scenario(project, edited, old, new, args.iterations, window * 1.2, rng)
        raced = race_scenario(project, edited, old, args.iterations, window * 1.2, rng)
    record = {**base_record("stress_import"), "iterations": args.iterations,
              "import_seconds": round(window, 3), "kill": killed, "race": raced}
    lines = [
        f"import of the sample's checklist: {window:.2f} s (median of 3, forked)",
        f"(kill) {args.iterations} imports killed with SIGKILL at a random moment: "
        f"{killed['old']} old, {killed['new']} new, {killed['partial']} partial, "
        f"{killed['bad_backup']} bad backups; temporary files left by {killed['temporaries_left']} killed runs, "
        f"{killed['temporaries_kept']} still there after the next import",
        f"(race) {args.iterations} imports with a concurrent append: {raced['written']} written, "
        f"{raced['refused']} refused as changed, {raced['failed']} failed otherwise, {raced['lost']} appends lost",
    ]
    print_record(record, args.json, lambda _: print("\n".join(lines)))
    bad = killed["partial"] + killed["bad_backup"] + killed["temporaries_kept"] + raced["lost"] + raced["failed"]
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
