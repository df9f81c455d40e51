"""A placeholder the data does not provide, explained: which template, which paragraph,
which name, and the nearest name that exists.

Jinja only says "'ProjectInfo object' has no attribute 'titel'"; the template check
(templates.py) knows the whole scope and the close matches, and the template's own
paragraphs say where the placeholder sits, counted as Word shows them, from the top.
"""

from __future__ import annotations

from pathlib import Path

import jinja2

from ..models import Project
from .docx_check import placeholder_problems

RUN_CHECK = "run 'docgen templates check' to list every placeholder the data model does not provide"


def undefined_message(path: Path, context_type: type, jinja_message: str,
                      environment: jinja2.Environment, project: Project | None = None) -> str:
    """One line for a StrictUndefined error in the template at `path`; with `project`, an
    `extra` key it does not define is named too."""
    problems = [p for p in placeholder_problems(path, context_type, environment, project) if p.path]
    if not problems:
        return f"{path}: {jinja_message} ({RUN_CHECK})"
    first = problems[0]
    where = f", {first.where}" if first.where else ""
    hint = f" ({first.hint})" if first.hint else f" ({RUN_CHECK})"
    return f"{path}{where}: {{{{ {first.path} }}}}: {first.message}{hint}"
