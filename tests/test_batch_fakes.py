"""Fake renderers and project files for the batch-build tests (no tests of its own).

The fakes follow the Renderer protocol and make real Office files (python-docx,
xlsxwriter) that, like careless renderers would, carry the clock time in their zip
entries and core properties, so the build's normalisation is what makes them
reproducible.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import docx
import xlsxwriter

from docgen.errors import RenderError
from docgen.models import Project
from docgen.renderers import Output, RenderOptions

MINIMAL_PROJECT = """\
schema_version: 1
project:
  id: {id}
  title: {title}
  customer: {{name: Customer {id}}}
  vendor: {{name: Vendor GmbH}}
  start: 2026-03-02
people:
  - {{id: alice, name: Alice Example, side: vendor}}
requirements:
  - {{id: R1, title: First requirement, side: vendor, responsible: alice, due: 2026-04-01}}
"""


def write_project(root: Path, project_id: str, title: str = "A project", dirname: str | None = None) -> Path:
    path = root / (dirname or project_id) / "project.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(MINIMAL_PROJECT.format(id=project_id, title=title), encoding="utf-8")
    return path


@dataclass(frozen=True)
class FakeDocx:
    name: str = "fake-doc"
    title: str = "Fake document"
    format: str = "docx"

    def render(self, project: Project, options: RenderOptions) -> list[Output]:
        if project.project.id.startswith("broken-render"):
            raise RenderError(f"{self.name}: cannot render {project.project.id}")
        if project.project.id.startswith("crash"):
            raise ZeroDivisionError("a bug in a renderer")
        document = docx.Document()
        document.add_heading(project.project.title, level=1)
        overdue = [r.id for r in project.requirements if r.is_overdue(options.today)]
        document.add_paragraph(f"Overdue: {', '.join(overdue) or 'none'}")
        buffer = io.BytesIO()
        document.save(buffer)
        return [Output(self.name, f"{self.name}.docx", buffer.getvalue(), template_hash="f" * 64)]


@dataclass(frozen=True)
class FakeXlsx:
    name: str = "fake-sheet"
    title: str = "Fake workbook"
    format: str = "xlsx"

    def render(self, project: Project, options: RenderOptions) -> list[Output]:
        buffer = io.BytesIO()
        workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
        sheet = workbook.add_worksheet("Checklist")
        for row, requirement in enumerate(project.requirements):
            sheet.write_string(row, 0, requirement.id)
            sheet.write_string(row, 1, requirement.title)
        workbook.close()
        return [Output(self.name, f"{self.name}.xlsx", buffer.getvalue())]


def fake_renderers() -> list:
    return [FakeDocx(), FakeXlsx()]
