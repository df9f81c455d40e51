"""`extra:`: a team's own data for its own templates, per project and per item. It reaches
the templates as text, its keys are identifiers, and `templates check` knows them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from docx.oxml.ns import qn

from docgen.cli import main
from docgen.errors import ProjectFileError, TemplateError
from docgen.loader import load_project
from docgen.renderers import get_renderer
from docgen.renderers.templates import check_templates, export_templates
from tests.renderers.conftest import document_text, options

MINIMAL = (Path(__file__).parent / "data" / "minimal.yaml").read_text(encoding="utf-8")
MARKUP = '<w:p>R&D "x"</w:p> {{ 7*7 }} =SUM(A1)'
PROJECT = MINIMAL + f"""
requirements:
  - {{id: R-1, title: First, side: customer, responsible: jdoe, extra: {{ticket: T-1}}}}
  - {{id: R-2, title: Second, side: customer, responsible: jdoe}}
extra:
  customer_ref: {json.dumps(MARKUP)}
  contacts: {{invoices: billing@acme.example}}
  count: 3
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "project.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def add_paragraph(path: Path, text: str) -> None:
    document = Document(path)
    document.add_paragraph(text)
    document.save(path)


def templates_using(tmp_path: Path, text: str) -> Path:
    """The shipped templates, the charter with one more paragraph of `text`."""
    folder = tmp_path / "templates"
    export_templates(folder)
    add_paragraph(folder / "charter.docx", text)
    return folder


def test_extra_reaches_a_docx_template_as_text(tmp_path: Path) -> None:
    project = load_project(write(tmp_path, PROJECT))
    folder = templates_using(tmp_path, "Ref [{{ extra.customer_ref }}] {{ extra.contacts.invoices }} "
                                       "{{ extra['count'] }} {% for r in requirements %}"
                                       "<{{ r.extra.ticket | default('none') }}>{% endfor %}")
    (charter,) = get_renderer("charter").render(project, options(tmp_path, templates_dir=folder))
    assert f"Ref [{MARKUP}] billing@acme.example 3 <T-1><none>" in document_text(charter.data)


def test_item_views_carry_their_items_extra(tmp_path: Path, sample_project) -> None:
    folder = tmp_path / "templates"
    export_templates(folder)
    add_paragraph(folder / "sow.docx", "{% for wp in packages %}[{{ wp.id }}:{{ wp.extra.order_item | default('') }}]"
                                       "{% endfor %}")
    (sow,) = get_renderer("sow").render(sample_project, options(tmp_path, templates_dir=folder))
    assert "[WP-01:10][WP-02:]" in document_text(sow.data)


def test_templates_check_knows_the_projects_extra_keys(tmp_path: Path) -> None:
    project = load_project(write(tmp_path, PROJECT))
    folder = templates_using(tmp_path, "{{ extra.customer_ref }} {{ extra.customer_rev }} {{ extra.items() }}"
                                       "{% for r in requirements %}{{ r.extra.ticket }}{{ r.extra.tikcet }}{% endfor %}"
                                       "{{ extra.get('anything') }}")
    assert check_templates(folder) == []  # without a project, any key may be meant
    problems = [str(p) for p in check_templates(folder, project)]
    charter = folder / "charter.docx"
    paragraph = len(list(Document(charter).element.body.iter(qn("w:p"))))  # tables' paragraphs count too
    assert problems == [
        f"{charter}: paragraph {paragraph}: extra.customer_rev: no such key in the project's extra: "
        "(did you mean 'extra.customer_ref'?)",
        f"{charter}: paragraph {paragraph}: r.extra.tikcet: no Requirement has this key in its extra: "
        "(did you mean 'r.extra.ticket'?)",
    ]


def test_templates_check_command_takes_the_project(tmp_path: Path) -> None:
    path = write(tmp_path, PROJECT)
    folder = templates_using(tmp_path, "{{ extra.po_number }}")
    assert CliRunner().invoke(main, ["templates", "check", str(folder)]).exit_code == 0
    result = CliRunner().invoke(main, ["templates", "check", str(folder), "--project", str(path)])
    assert result.exit_code == 1
    assert result.output.strip().endswith(f"extra.po_number: no such key in the extra: of {path} "
                                          "(define po_number under extra:)")
    assert len(result.output.strip().splitlines()) == 1


def paragraph_count(folder: Path) -> int:
    """The charter's last paragraph, the one `templates_using` added (tables' paragraphs count too)."""
    return len(list(Document(folder / "charter.docx").element.body.iter(qn("w:p"))))


def test_validate_with_templates_names_an_undefined_extra_key_and_the_project_lacking_it(tmp_path: Path) -> None:
    """With several projects, each line names the one that lacks the key."""
    (tmp_path / "first").mkdir(), (tmp_path / "second").mkdir()
    first = write(tmp_path / "first", PROJECT)
    second = write(tmp_path / "second", PROJECT.replace("customer_ref:", "po_number: PO-1\n  customer_ref:", 1))
    folder = templates_using(tmp_path, "{{ extra.po_number }}")
    result = CliRunner().invoke(main, ["validate", str(first), str(second), "--templates", str(folder)])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if "po_number" in line]
    assert lines == [f"{folder / 'charter.docx'}: paragraph {paragraph_count(folder)}: extra.po_number: "
                     f"no such key in the extra: of {first} (define po_number under extra:)"]


def test_a_build_stopped_by_an_undefined_extra_key_names_it(tmp_path: Path) -> None:
    project = load_project(write(tmp_path, PROJECT))
    folder = templates_using(tmp_path, "{{ extra.customer_rf }}")
    with pytest.raises(TemplateError, match=r"charter\.docx, paragraph \d+: \{\{ extra\.customer_rf \}\}: no such key "
                                            r"in the project's extra: \(did you mean 'extra\.customer_ref'\?\)"):
        get_renderer("charter").render(project, options(tmp_path, templates_dir=folder))


@pytest.mark.parametrize(("extra", "column", "expected"), [
    ("{customer-ref: x}", 4, "extra.customer-ref: 'customer-ref' is not an identifier (extra keys become "
                             "placeholders such as {{ extra.customer_ref }}: use letters, digits and '_', "
                             "not starting with a digit)"),
    ("{refs: {2nd: x}}", 10, "extra.refs: key '2nd' is not an identifier; use letters, digits and '_', "
                             "not starting with a digit"),
    ('{note: [ok, "a\\x01b"]}', 10, "extra.note: [1] contains a control character, which documents cannot hold"),
])
def test_extra_keys_are_identifiers_and_values_plain_data(tmp_path: Path, extra: str, column: int,
                                                          expected: str) -> None:
    path = write(tmp_path, MINIMAL + f"extra:\n  {extra}\n")
    with pytest.raises(ProjectFileError) as caught:
        load_project(path)
    [problem] = caught.value.problems
    line = MINIMAL.count("\n") + 2
    assert str(problem) == f"{path}:{line}:{column}: {expected}"
