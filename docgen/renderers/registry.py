"""The explicit list of deliverables. Modules are imported only when used."""

from __future__ import annotations

import importlib

from ..errors import UsageError
from .base import Renderer
from .selection import selected_items, split_entry

# name -> "module:attribute" of its Renderer; the order is the order of a build.
_RENDERERS: dict[str, str] = {
    "charter": ".charter:RENDERER",
    "workshop-agenda": ".workshop_agenda:RENDERER",
    "implementation-concept": ".implementation_concept:RENDERER",
    "sow": ".sow:RENDERER",
    "change-requests": ".change_request:RENDERER",
    "meeting-minutes": ".meeting_minutes:RENDERER",
    "technical-documentation": ".technical_documentation:RENDERER",
    "lessons-learned": ".lessons_learned:RENDERER",
    "status-report": ".status_report:RENDERER",
    "requirements-checklist": ".requirements_checklist:RENDERER",
    "internal-test-protocol": ".test_protocols:INTERNAL",
    "customer-test-protocol": ".test_protocols:CUSTOMER",
}

# name -> the template file of each DOCX renderer (its `template`; a test keeps the two
# equal): `validate` checks that the templates exist without importing the renderers.
_TEMPLATES: dict[str, str] = {
    "charter": "charter.docx",
    "workshop-agenda": "workshop-agenda.docx",
    "implementation-concept": "implementation-concept.docx",
    "sow": "sow.docx",
    "change-requests": "change-request.docx",
    "meeting-minutes": "meeting-minutes.docx",
    "technical-documentation": "technical-documentation.docx",
    "lessons-learned": "lessons-learned.docx",
    "status-report": "status-report.docx",
}


def renderer_names() -> list[str]:
    return list(_RENDERERS)


def template_names() -> list[str]:
    """The template files a build renders from, in build order."""
    return [_TEMPLATES[name] for name in _RENDERERS if name in _TEMPLATES]


def get_renderer(name: str) -> Renderer:
    try:
        module, attribute = _RENDERERS[name].split(":")
    except KeyError:
        raise UsageError(f"unknown document '{name}' (known: {', '.join(_RENDERERS)})") from None
    return getattr(importlib.import_module(module, __package__), attribute)


def select(only: list[str] | None) -> list[Renderer]:
    """Renderers for the names in `only` (all when empty), in build order. An entry may
    name items too (`meeting-minutes:MTG-1`, see selection.py); they are checked here."""
    selected_items(only)
    names = [split_entry(entry)[0] for entry in only or []]
    for name in names:
        if name not in _RENDERERS:
            get_renderer(name)  # raises the error that lists the known names
    return [get_renderer(name) for name in renderer_names() if not names or name in names]
