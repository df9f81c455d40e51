"""`docgen build --final`: refuse documents that are still drafts, saying what is missing.

What a document must hold is defined in `models/completeness.py`; this use case reads
the projects with locations so each gap is named as project.yaml:line:col.
"""

from __future__ import annotations

from pathlib import Path

from .errors import Problem, ProjectFileError, format_loc
from .gates import read_project
from .models.completeness import drafts


def refuse_drafts(paths: list[Path], documents: list[str] | None = None) -> None:
    """`build --final`: raise ProjectFileError listing every draft's gaps, located."""
    problems = []
    for path in paths:
        project, source = read_project(path)
        for draft in drafts(project, documents):
            problems += [Problem(source.file, source.where(m.loc), format_loc(m.loc),
                                 f"{draft.document} is a draft: {m.what}", m.hint) for m in draft.missing]
    if problems:
        raise ProjectFileError(problems)
