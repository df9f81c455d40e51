"""`docgen templates doc`: the placeholders each DOCX template may use, from the installed code.

The names come from the same context types that `templates check` verifies against,
so the page is never out of step with what a template can print. Views (dataclasses)
are expanded to their fields, `name[]` marks a list's items, and the project file's
own sections (`project`, `charter`, `requirements`, ...) point to their reference.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from typing import Any

from pydantic import BaseModel

from ..i18n import Labels
from ..models import Project
from .docx_markdown import RichBlock
from .templates import template_contexts

COMMON = ("project", "labels", "lang", "doc", "logos", "brand")
FILTERS = ('date ("04 Mar 2026", "04.03.2026")', 'short_date (the same)', "number", 'money ("EUR")', "markdown")
EXTRA = (
    "Your own placeholders: the project file's extra: mapping, at the top level and on every",
    "item with an id (people, milestones, workshops, work packages, change requests,",
    "requirements, meetings, test cases, trainings):",
    "  {{ extra.customer_ref }}                 the project's",
    "  {% for r in requirements %}{{ r.extra.ticket }}{% endfor %}   an item's",
    "  {{ r.extra.ticket | default('') }}       for a key only some items have",
    "  {{ extra['items'] }}                     for a key named like a mapping's method (items, keys, get)",
    "Values print as text, never markup. 'docgen templates check --project project.yaml'",
    "reports an extra key the project does not define (a build would stop on it).",
)
_DEPTH = 4  # views nest a few levels (raci.rows[].cells[]); deeper would be a cycle


def templates_doc(only: str | None = None) -> str:
    """The placeholder list of every shipped template (or of the template named `only`)."""
    contexts = template_contexts()
    if only is not None:
        contexts = {name: context for name, context in contexts.items() if name in (only, f"{only}.docx")}
        if not contexts:
            from ..errors import UsageError

            known = ", ".join(name.removesuffix(".docx") for name in template_contexts())
            raise UsageError(f"no template '{only}' (known: {known})")
    blocks = [_introduction()] + [_template_block(name, context) for name, context in contexts.items()]
    return "\n\n".join(blocks) + "\n"


def _introduction() -> str:
    common = [line for name in COMMON for line in _describe(name, typing.get_type_hints(_base_context())[name], 0)]
    sections = ", ".join(name for name in Project.model_fields if name != "project")
    return "\n".join([
        "Every template sees:",
        *[f"  {line}" for line in common],
        f"  {sections}",
        "      the project file's sections by name (fields: docs/reference.md or the JSON Schema)",
        "Filters: " + ", ".join(FILTERS) + ".",
        "Markdown fields print as Word paragraphs with a paragraph tag: {{p background }}.",
        *EXTRA,
    ])


def _base_context() -> type:
    from .docx_context import DocxContext

    return DocxContext


def _template_block(name: str, context: type) -> str:
    own = {field: tp for field, tp in typing.get_type_hints(context).items() if field not in COMMON}
    lines = [f"{name} ({context.__name__}):"]
    lines += [f"  {line}" for field, tp in own.items() for line in _describe(field, tp, 0)]
    return "\n".join(lines)


def _describe(path: str, tp: Any, depth: int) -> list[str]:
    """'path  type' lines for `tp` and, for views, for each of their fields below it."""
    lines = [f"{path:<32} {_type_name(tp)}"]
    if depth >= _DEPTH:
        return lines
    item, suffix = _unwrap_lists(tp)
    if dataclasses.is_dataclass(item) and isinstance(item, type) and not hasattr(item, "__html__"):
        for field, field_type in typing.get_type_hints(item).items():
            lines += _describe(f"{path}{suffix}.{field}", field_type, depth + 1)
    return lines


def _unwrap_lists(tp: Any) -> tuple[Any, str]:
    suffix = ""
    while typing.get_origin(tp) is list:
        tp, suffix = typing.get_args(tp)[0], suffix + "[]"
    return _without_none(tp), suffix


def _without_none(tp: Any) -> Any:
    options = [arg for arg in typing.get_args(tp) if arg is not type(None)]
    return options[0] if typing.get_origin(tp) in (typing.Union, types.UnionType) and len(options) == 1 else tp


def _type_name(tp: Any) -> str:
    optional = type(None) in typing.get_args(tp)
    tp = _without_none(tp)
    if typing.get_origin(tp) is list:
        name = f"list of {_type_name(typing.get_args(tp)[0])}"
    else:
        name = _simple_name(tp)
    return f"{name}, or empty" if optional else name


def _simple_name(tp: Any) -> str:
    if tp is str:
        return "text"
    if tp is bool:
        return "true/false"
    if tp in (int, float):
        return "number"
    if tp is RichBlock:
        return "Markdown block (print with {{p name }})"
    if hasattr(tp, "__html__"):  # a logo: {{ logos.customer }} prints it, .small fits a header
        return "image (.small for a header)"
    if tp is Labels:
        return "fixed texts of the document's language, e.g. labels.goals"
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return f"project data ({tp.__name__})"
    if typing.get_origin(tp) is dict:
        return "the item's extra: from project.yaml (your own keys)"
    return getattr(tp, "__name__", str(tp))
