"""`docgen validate`: a project file's problems (errors) and warnings, located.

Errors make the file unusable; warnings are contradictions the data can live with for
now, such as a document that shows something dated after itself
(`models.chronology`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import Problem, ProjectFileError, format_loc
from .gates import read_project
from .models.chronology import later_citations


@dataclass
class FileCheck:
    file: str
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def check_file(path: str | Path) -> FileCheck:
    """Validate the project at `path`; a valid one is also checked for warnings."""
    try:
        project, source = read_project(path)
    except ProjectFileError as error:
        return FileCheck(str(path), error.problems)
    warnings = [Problem(source.file, source.where(c.loc), format_loc(c.loc), c.message, c.hint)
                for c in later_citations(project)]
    return FileCheck(source.file, [], warnings)


def check_files(paths: list[Path]) -> list[FileCheck]:
    return [check_file(path) for path in paths]
