"""`docgen import`: merge a customer's edited checklist or test protocol into project.yaml.

The workbook is read into a change set (`excel.changes`), the edits are applied to
project.yaml's text in place (`docgen.yaml.edit`), the edited project is validated as a
whole, and only then is the file replaced (`project_file.write_project`: atomic, under a
lock, keeping project.yaml.bak). Any problem or open conflict raises before anything is
written, so a failed import leaves project.yaml byte-identical.

Without `--project`, the project file is `project.yaml` beside the workbook, else
`project.yaml` in the current directory.
"""

from __future__ import annotations

from pathlib import Path

from .excel.changes import ImportOptions, read_changes
from .excel.report import ImportReport
from .project_file import check_merged, find_project, load_project_file, write_project
from .yaml.edit import apply_edits
from .yaml.read import gc_paused


def import_workbook(workbook: Path, project: Path | None = None, *, dry_run: bool = False, strict: bool = False,
                    prefer: str | None = None, accept_deletions: bool = False,
                    defaults: dict[str, str] | None = None, without_meta: bool = False) -> ImportReport:
    """Merge an edited checklist or test protocol into project.yaml; return what changed.

    Raises `WorkbookError` for a file that cannot be imported or has invalid cells,
    `MergeConflictError` for open conflicts, `ProjectFileError` for a broken
    project.yaml or one that cannot be replaced; in every case project.yaml is left
    as it was.
    """
    workbook = Path(workbook)
    options = ImportOptions(dry_run, strict, prefer, accept_deletions, defaults or {}, without_meta)
    target = find_project(workbook, project)
    with gc_paused():
        state = load_project_file(target)
        report, edits = read_changes(workbook, state.parsed, state.project, target, options)
        if not edits:
            return report
        new_text = apply_edits(state.text, edits, state.parsed, str(target))
        if new_text != state.text:
            check_merged(state.parsed.data, edits, target)
        if new_text != state.text and not dry_run:
            report.backup = write_project(state, new_text)
            report.written = True
    return report
