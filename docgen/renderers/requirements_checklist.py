"""Requirements Checklist (XLSX): every issue and to-do, who does it, until when, its status."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

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

    def prepare(self, templates_dir: Path | None) -> None:
        """Import the workbook writer now rather than at the first render (see
        DocxRenderer.prepare); a workbook has no template."""
        from . import xlsx  # noqa: F401
        from ..excel import layout  # noqa: F401


RENDERER = XlsxRenderer("requirements-checklist", "Requirements Checklist", "checklist")
