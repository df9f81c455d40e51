"""No heading over nothing: every DOCX deliverable, rendered from thin data, has content
under each heading (text, a table, an image or a note), never just the next heading."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import yaml
from docx import Document
from docx.oxml.ns import qn

from docgen.loader import load_project
from docgen.models import Project
from docgen.renderers import get_renderer
from docgen.starter import starter_text

from .conftest import APPROVAL_RENDERERS, DOCX_RENDERERS, options

ROOT = Path(__file__).resolve().parents[2]
# What a new project adds first: one meeting, one status report, one change request and
# a start on the Approval documents, each with no more than its required fields.
THIN = {
    "meetings": [{"id": "MTG-1", "date": "2026-01-20", "kind": "status_call"}],
    "status_reports": [{"date": "2026-01-23"}],
    "change_requests": [{"id": "CR-01", "title": "More", "requested_by": "cust-lead", "requested_on": "2026-01-21",
                         "changes": [{"work_package": "WP1", "effort_days": 1}]}],
    "technical_documentation": {"systems": [{"name": "App"}]},
    "lessons_learned": {"went_well": ["Good"]},
    "initialization": {"demo": {"date": "2026-01-14"}, "proof_of_concept": {"start": "2026-01-15"}},
    "workshops": [{"id": "deep-dive", "title": "Deep dive"}],
    "trainings": [{"id": "TR-1", "title": "Admins", "date": "2026-02-02", "audience": "Administrators"}],
}


def thin_project(language: str) -> Project:
    data = yaml.safe_load(starter_text(language=language)) | THIN
    return Project.model_validate(data)


def headings_over_nothing(data: bytes) -> list[str]:
    """Each heading whose next block is a heading of the same or a higher level, or nothing."""
    blocks = [block for block in Document(io.BytesIO(data)).element.body if _has_content(block)]
    found = []
    for index, block in enumerate(blocks):
        level = _heading_level(block)
        if level is None:
            continue
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        next_level = _heading_level(following) if following is not None else 0
        if next_level is not None and next_level <= level:
            found.append(_text(block))
    return found


def _heading_level(block) -> int | None:
    if block.tag != qn("w:p"):
        return None
    style = block.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    value = style.get(qn("w:val")) if style is not None else ""
    return int(value.removeprefix("Heading")) if value.startswith("Heading") and value[7:].isdigit() else None


def _has_content(block) -> bool:
    if block.tag == qn("w:tbl"):
        return True
    return block.tag == qn("w:p") and bool(_text(block).strip() or block.findall(f".//{qn('w:drawing')}"))


def _text(block) -> str:
    return "".join(t.text or "" for t in block.iter(qn("w:t")))


def rendered(project: Project, project_dir: Path) -> dict[str, bytes]:
    outputs = {}
    for name in [*DOCX_RENDERERS, *APPROVAL_RENDERERS, "change-requests"]:
        for output in get_renderer(name).render(project, options(project_dir)):
            outputs[output.filename] = output.data
    return outputs


@pytest.mark.parametrize("language", ["en", "de"])
def test_thin_data_prints_no_heading_without_content(language: str) -> None:
    outputs = rendered(thin_project(language), ROOT)
    assert {"charter.docx", "implementation-concept.docx", "change-request-CR-01.docx",
            "technical-documentation.docx", "lessons-learned.docx"} <= set(outputs)
    assert {name: found for name, data in outputs.items() if (found := headings_over_nothing(data))} == {}


def test_the_samples_print_no_heading_without_content() -> None:
    for sample in ("mail-migration", "business-groupware"):
        folder = ROOT / "samples" / sample
        outputs = rendered(load_project(folder / "project.yaml"), folder)
        assert {name: found for name, data in outputs.items() if (found := headings_over_nothing(data))} == {}


def test_a_component_not_evaluated_yet_says_so_under_its_name() -> None:
    (concept,) = get_renderer("implementation-concept").render(thin_project("de"), options(ROOT))
    paragraphs = [(p.style.name, p.text) for p in Document(io.BytesIO(concept.data)).paragraphs]
    index = paragraphs.index(("Heading 2", "Mailsystem"))
    assert paragraphs[index + 1] == ("Note", "Noch nicht bewertet.")


def test_the_check_sees_a_heading_over_nothing() -> None:
    document = Document()
    document.add_heading("Empty", 1)
    document.add_heading("Next", 1)
    document.add_paragraph("text")
    document.add_heading("Last", 2)
    stream = io.BytesIO()
    document.save(stream)
    assert headings_over_nothing(stream.getvalue()) == ["Empty", "Last"]
