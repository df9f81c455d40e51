"""The registry's template names, which `validate` uses without importing the renderers."""

from __future__ import annotations

from docgen.renderers.registry import get_renderer, renderer_names, template_names


def test_the_registry_names_the_template_of_every_docx_renderer_and_only_those():
    renderers = [get_renderer(name) for name in renderer_names()]
    assert template_names() == [r.template for r in renderers if getattr(r, "template", None)]
    assert all(r.format == "docx" for r in renderers if getattr(r, "template", None))
