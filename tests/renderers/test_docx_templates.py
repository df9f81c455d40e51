"""Shipped templates: reproducible, checked, exportable, replaceable by the user's own."""

from __future__ import annotations

import importlib.util
import io
from pathlib import Path

import pytest
from docx import Document

from docgen.errors import UsageError
from docgen.renderers import get_renderer
from docgen.renderers.templates import check_templates, export_templates
from docgen.resources import templates_dir

from .conftest import document_text, options

SHIPPED = ["change-request.docx", "charter.docx", "implementation-concept.docx", "lessons-learned.docx",
           "meeting-minutes.docx", "sow.docx", "status-report.docx", "technical-documentation.docx",
           "workshop-agenda.docx"]


def add_paragraph(path: Path, text: str) -> None:
    document = Document(path)
    document.add_paragraph(text)
    document.save(path)


def test_shipped_templates_pass_the_check():
    assert check_templates() == []


def test_shipped_templates_are_what_make_templates_builds(tmp_path):
    script = templates_dir() / "make_templates.py"
    spec = importlib.util.spec_from_file_location("make_templates", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    built = module.build_all(tmp_path)
    assert sorted(p.name for p in built) == SHIPPED
    stale = [p.name for p in built if p.read_bytes() != (templates_dir() / p.name).read_bytes()]
    assert not stale, "run: python templates/make_templates.py"


def test_check_names_a_placeholder_the_model_lacks(tmp_path):
    export_templates(tmp_path)
    add_paragraph(tmp_path / "charter.docx", "{{ project.titel }}")
    add_paragraph(tmp_path / "sow.docx", "{% for r in requirements %}{{ r.titel }}{% endfor %}")
    add_paragraph(tmp_path / "meeting-minutes.docx", "{{ labels.no_such_label }}{{ meeting.dat }}")
    problems = {(Path(p.file).name, p.path): p for p in check_templates(tmp_path)}
    assert set(problems) == {("charter.docx", "project.titel"), ("sow.docx", "r.titel"),
                             ("meeting-minutes.docx", "labels.no_such_label"),
                             ("meeting-minutes.docx", "meeting.dat")}
    titel = problems[("charter.docx", "project.titel")]
    assert titel.message == "not provided by the data model"
    assert titel.hint == "did you mean 'project.project.title'?"
    assert problems[("sow.docx", "r.titel")].hint == "did you mean 'r.title'?"


def test_check_knows_computed_values_loops_and_nested_paths(tmp_path):
    export_templates(tmp_path)
    add_paragraph(tmp_path / "sow.docx", "{% for wp in packages %}{{ wp.price }}{{ loop.index }}{% endfor %}"
                  "{{ total_price }}{{ project.sow.work_packages[0].effort_days }}{{ labels['side.customer'] }}"
                  "{% set ps = project.people|sort(attribute='name') %}{% for p in ps %}{{ p.email }}{% endfor %}")
    assert check_templates(tmp_path) == []


def test_check_reports_a_missing_template(tmp_path):
    export_templates(tmp_path)
    (tmp_path / "sow.docx").unlink()
    [problem] = check_templates(tmp_path)
    assert problem.file.endswith("sow.docx") and "missing" in problem.message


def test_export_refuses_to_overwrite(tmp_path):
    assert sorted(p.name for p in export_templates(tmp_path)) == SHIPPED
    with pytest.raises(UsageError, match="--force"):
        export_templates(tmp_path)
    assert len(export_templates(tmp_path, force=True)) == len(SHIPPED)


def test_build_uses_user_templates(tmp_path, sample_project):
    export_templates(tmp_path)
    add_paragraph(tmp_path / "charter.docx", "Rebranded: {{ project.project.customer.name }}")
    document = Document(tmp_path / "workshop-agenda.docx")
    document.styles["Heading 1"].font.name = "DejaVu Serif"  # a user restyles in Word
    document.save(tmp_path / "workshop-agenda.docx")
    opts = options(templates_dir=tmp_path)
    [charter] = get_renderer("charter").render(sample_project, opts)
    assert "Rebranded: Stadtwerke Nordhafen Telekom GmbH" in document_text(charter.data)
    agenda = get_renderer("workshop-agenda").render(sample_project, opts)[0]
    heading = Document(io.BytesIO(agenda.data)).styles["Heading 1"]
    assert heading.font.name == "DejaVu Serif"


def test_branding_reaches_styles(tricky_outputs):
    document = Document(io.BytesIO(tricky_outputs["charter"][0].data))
    styles = document.styles.element
    assert styles.xpath("//w:style[@w:styleId='Heading1']//w:color/@w:val") == ["8C7600"]  # readable gold
    assert styles.xpath("//w:style[@w:styleId='DocgenTable']//w:tblStylePr[@w:type='firstRow']//w:shd/@w:fill") \
        == ["FFD700"]
    # gold is light: header text turns dark to stay readable
    assert styles.xpath("//w:tblStylePr[@w:type='firstRow']//w:color/@w:val") == ["1A1A1A"]
