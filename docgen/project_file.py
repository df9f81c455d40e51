"""project.yaml read for an edit and written back: the file's bytes, text, data and model.

Every command that changes a project file (`import`, `import-effort`,
`checklist-actions`) reads it here, edits the text in place (`docgen.yaml.edit`),
checks that the edited data still validates as a whole, and writes it back through
`project_write.replace_project`: atomically, under a lock, keeping project.yaml.bak,
and never over a file that changed since it was read.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import Problem, ProjectFileError, UsageError
from .loader import MAX_FILE_BYTES, ParsedYaml, parse_yaml, read_text, validate_project_data
from .models import Project
from .project_write import replace_project
from .yaml.edit import Edit
from .yaml.verify import expected_data


@dataclass
class ProjectFile:
    """project.yaml as read: its bytes (to detect a concurrent change), text and data."""

    path: Path
    raw: bytes
    text: str
    bom: bool
    parsed: ParsedYaml
    project: Project


def find_project(beside: Path, project: Path | None) -> Path:
    """The project file: as given, else project.yaml beside `beside` (the workbook or
    timesheet), else in the current directory."""
    if project is not None:
        return Path(project)
    for candidate in (beside.parent / "project.yaml", Path.cwd() / "project.yaml"):
        if candidate.is_file():
            return candidate
    raise UsageError(f"no project.yaml beside {beside} or in the current directory; name it with --project")


def load_project_file(path: Path) -> ProjectFile:
    """Read and validate `path`, keeping its bytes for the write back."""
    read_text(path, MAX_FILE_BYTES)  # size, existence and UTF-8 checks, with their messages
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _changed(path) from None
    parsed = parse_yaml(text, str(path))
    project = validate_project_data(parsed, str(path))
    return ProjectFile(path, raw, text, raw.startswith(codecs.BOM_UTF8), parsed, project)


def check_merged(data: Any, edits: list[Edit], target: Path) -> None:
    """The edited project must pass `docgen validate` as a whole, or nothing is written:
    checks of single rows cannot see every rule that spans the project. `apply_edits` has
    verified that the new text reads as `data` with `edits`, so that data is validated,
    without parsing the file again."""
    merged = expected_data(data, edits)[1]
    try:
        validate_project_data(ParsedYaml(merged, None), str(target))
    except ProjectFileError as error:
        raise ProjectFileError([Problem(str(target), "", p.path, f"the import would make the file invalid: {p.message}",
                                        p.hint or "nothing was written") for p in error.problems]) from None


def write_project(state: ProjectFile, text: str) -> Path:
    """Replace project.yaml, keeping the previous file as project.yaml.bak, unless it
    changed since it was read (`docgen.project_write`); return the backup's path."""
    return replace_project(state.path, state.raw, (codecs.BOM_UTF8 if state.bom else b"") + text.encode("utf-8"))


def _changed(path: Path) -> ProjectFileError:
    return ProjectFileError([Problem(str(path), "", "", "the file changed while importing; nothing was written",
                                     "run the import again")])
