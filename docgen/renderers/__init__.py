"""Renderers: one module per deliverable. Only here and in `excel/` are Office libraries imported."""

from .base import Output, Renderer, RenderOptions
from .registry import get_renderer, renderer_names, select

__all__ = ["Output", "Renderer", "RenderOptions", "get_renderer", "renderer_names", "select"]
