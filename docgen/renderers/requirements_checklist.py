"""Requirements Checklist (XLSX): every issue and to-do, who does it, until when, its status."""

from __future__ import annotations

from dataclasses import dataclass

from ..models import Project
from .base import Output, RenderOptions


@dataclass(frozen=True)
class XlsxRenderer:
    """A workbook deliverable; its sheets and columns come from `docgen.excel.layout`."""

    name: str
    title: str
    kind: str  # key of docgen.excel.layout.LAYOUTS
    format: str = "xlsx"

    def render(self, project: Project, options: RenderOptions) -> list[Output]:
        from .xlsx import export_workbook
        from ..excel.layout import LAYOUTS

        layout = LAYOUTS[self.kind]
        return [Output(self.name, layout.filename, export_workbook(project, options, layout), final=True)]


RENDERER = XlsxRenderer("requirements-checklist", "Requirements Checklist", "checklist")
