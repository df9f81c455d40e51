"""A placeholder the data does not provide, explained: which template, which paragraph,
which name, and the nearest name that exists.

Jinja only says "'ProjectInfo object' has no attribute 'titel'"; the template check
(templates.py) knows the whole scope and the close matches, and the template's own
paragraphs say where the placeholder sits, counted as Word shows them, from the top.
"""

from __future__ import annotations

import io
from pathlib import Path

import docx
import jinja2
from docx.oxml.ns import qn

from .docx_check import placeholder_problems

RUN_CHECK = "run 'docgen templates check' to list every placeholder the data model does not provide"


def undefined_message(path: Path, data: bytes, context_type: type, jinja_message: str,
                      environment: jinja2.Environment) -> str:
    """One line for a StrictUndefined error in the template at `path` (whose bytes are `data`)."""
    problems = [p for p in placeholder_problems(path, context_type, environment) if p.path]
    if not problems:
        return f"{path}: {jinja_message} ({RUN_CHECK})"
    first = problems[0]
    where = _paragraph_of(data, first.path)
    hint = f" ({first.hint})" if first.hint else f" ({RUN_CHECK})"
    return f"{path}{where}: {{{{ {first.path} }}}}: {first.message}{hint}"


def _paragraph_of(data: bytes, placeholder: str) -> str:
    """', paragraph 12' for the first paragraph of the body that names `placeholder`."""
    name = placeholder.split(".")[-1].split("[")[0]
    body = docx.Document(io.BytesIO(data)).element.body
    for number, paragraph in enumerate(body.iter(qn("w:p")), 1):
        text = "".join(t.text or "" for t in paragraph.iter(qn("w:t")))
        if "{" in text and name in text:
            return f", paragraph {number}"
    return ""
