"""Text from project.yaml is data: it reaches the document exactly as written."""

from __future__ import annotations

import io

import pytest
from docx import Document
from pydantic import ValidationError

from docgen.errors import RenderError, TemplateError
from docgen.models import Project
from docgen.renderers import get_renderer

from .conftest import ARABIC, EMOJI, FORMULA, JINJA, JINJA_MD, TRICKY, document_text, options, tricky_data

VERBATIM = [TRICKY, FORMULA, JINJA, ARABIC, EMOJI]


@pytest.mark.parametrize("name", ["charter", "workshop-agenda", "implementation-concept", "sow",
                                  "meeting-minutes", "technical-documentation", "lessons-learned",
                                  "status-report"])
def test_special_text_appears_verbatim(tricky_outputs, name):
    for output in tricky_outputs[name]:
        text = document_text(output.data)
        present = [value for value in VERBATIM if value in text]
        assert present, (output.filename, text[:500])
        assert "49" not in text.replace("+49 1", "")  # {{ 7*7 }} was never evaluated


def test_every_tricky_value_reaches_the_charter(tricky_outputs):
    text = document_text(tricky_outputs["charter"][0].data)
    for value in VERBATIM + [f"Title {TRICKY}", f"Conf {TRICKY}", f"chan {EMOJI}", f"ms {JINJA}"]:
        assert value in text, value


def test_markdown_with_special_text(tricky_outputs):
    document = Document(io.BytesIO(tricky_outputs["charter"][0].data))
    texts = [p.text for p in document.paragraphs]
    assert f"bullet {TRICKY}" in texts and f"bullet {JINJA_MD}" in texts
    assert f"first {FORMULA}" in texts and f"second {ARABIC}" in texts
    styles = {p.text: p.style.name for p in document.paragraphs}
    assert styles[f"bullet {TRICKY}"] == "List Bullet" and styles[f"first {FORMULA}"] == "List Number"
    link = next(link for p in document.paragraphs for link in p.hyperlinks)
    assert link.url == "https://example.com/a?b=1&c=2" and link.text == "a link"


def test_logos_are_embedded_in_cover_and_header(tricky_outputs):
    document = Document(io.BytesIO(tricky_outputs["charter"][0].data))
    assert len(document.inline_shapes) == 2  # customer and vendor on the cover
    header = document.sections[0].header._element
    assert header.xpath(".//pic:pic")


def test_missing_logo_names_field_and_path(tricky_dir):
    project = Project.model_validate(tricky_data(logo="missing/logo.png"))
    with pytest.raises(RenderError, match=r"project\.customer\.logo.*missing/logo\.png"):
        get_renderer("charter").render(project, options(tricky_dir))


def test_a_logo_that_is_no_image_is_a_render_error(tricky_dir):
    (tricky_dir / "notes.txt").write_text("not an image")
    project = Project.model_validate(tricky_data(logo="notes.txt"))
    with pytest.raises(RenderError, match=r"project\.customer\.logo.*notes\.txt"):
        get_renderer("charter").render(project, options(tricky_dir))


def test_control_characters_never_reach_a_renderer():
    data = tricky_data()
    data["charter"]["goals"] = ["bell \x07 here"]
    with pytest.raises(ValidationError, match="goals"):
        Project.model_validate(data)


def test_a_template_cannot_escape_the_sandbox(tmp_path, tricky_project, tricky_dir):
    from docx import Document as NewDocument

    for name in ("charter.docx",):
        document = NewDocument()
        document.add_paragraph("{{ project.__class__.__mro__ }}")
        document.save(tmp_path / name)
    with pytest.raises(TemplateError):
        get_renderer("charter").render(tricky_project, options(tricky_dir, templates_dir=tmp_path))


def test_a_missing_placeholder_is_an_error_not_a_blank(tmp_path, tricky_project, tricky_dir):
    from docx import Document as NewDocument

    document = NewDocument()
    document.add_paragraph("{{ project.titel }}")
    document.save(tmp_path / "charter.docx")
    with pytest.raises(TemplateError, match="titel"):
        get_renderer("charter").render(tricky_project, options(tricky_dir, templates_dir=tmp_path))


def test_a_runaway_template_is_a_template_error(tmp_path, tricky_project, tricky_dir):
    from docx import Document as NewDocument

    document = NewDocument()
    document.add_paragraph("{{ range(10**8)|list|length }}")
    document.save(tmp_path / "charter.docx")
    with pytest.raises(TemplateError, match=r"charter\.docx: range\(100000000\): the template's loops would run"):
        get_renderer("charter").render(tricky_project, options(tricky_dir, templates_dir=tmp_path))


def test_a_title_longer_than_a_core_property_is_clipped_there_only(tricky_dir):
    import docx

    data = tricky_data()
    data["project"]["title"] = "Long title " * 100
    [output] = get_renderer("charter").render(Project.model_validate(data), options(tricky_dir))
    document = docx.Document(io.BytesIO(output.data))
    assert len(document.core_properties.subject) == 255 and document.core_properties.subject.endswith("\u2026")
    assert any(("Long title " * 100).strip() in p.text for p in document.paragraphs)
