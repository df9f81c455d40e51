"""Draft or final: incomplete documents are marked DRAFT, and `build --final` refuses them."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from docgen.cli import main
from docgen.errors import ProjectFileError
from docgen.drafts import refuse_drafts
from docgen.models import Language, Project
from docgen.models.completeness import drafts, missing_content
from docgen.renderers import get_renderer
from tests.renderers.conftest import document_text, options

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "mail-migration" / "project.yaml"
SAMPLE_DATA = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))


def write(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "project.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def final_sample() -> dict:
    """The sample with its two unfinished documents agreed: nothing is a draft."""
    data = copy.deepcopy(SAMPLE_DATA)
    data["concept"]["document"]["status"] = "final"
    data["technical_documentation"]["document"]["status"] = "final"
    return data


def test_the_sample_has_two_documents_in_progress(sample_project):
    found = {d.document: [m.what for m in d.missing] for d in drafts(sample_project)}
    assert found == {"implementation-concept": ["its status is review"],
                     "technical-documentation": ["its status is draft"]}


# (document, a change that leaves out required content, the field path named)
GAPS = [
    ("charter", ("charter", "goals", []), "charter.goals"),
    ("charter", ("charter", "signatories", ["jwinter"]), "charter.signatories"),
    ("charter", ("charter", "document", "date", None), "charter.document"),
    ("workshop-agenda", ("workshop", "attendees", []), "workshop"),
    ("implementation-concept", ("concept", "environment", "components", 2, "details", ""),
     "concept.environment.components[2]"),
    ("implementation-concept", ("concept", "environment", "components", []), "concept.environment"),
    ("sow", ("sow", "acceptance", []), "sow"),
    ("technical-documentation", ("technical_documentation", "contacts", []), "technical_documentation"),
    ("lessons-learned", ("lessons_learned", "went_well", []), "lessons_learned"),
    ("meeting-minutes MTG-2026-03-10", ("meetings", 0, "topics", []), "meetings[0].topics"),
]


@pytest.mark.parametrize(("document", "change", "path"), GAPS, ids=[g[2] for g in GAPS])
def test_missing_content_makes_a_draft_that_build_final_refuses(tmp_path, document, change, path):
    data = final_sample()
    target = data
    for part in change[:-2]:
        target = target[part]
    target[change[-2]] = change[-1]
    project_file = write(tmp_path, data)
    with pytest.raises(ProjectFileError) as caught:
        refuse_drafts([project_file])
    (problem,) = caught.value.problems
    assert problem.path == path and problem.message.startswith(f"{document} is a draft: ")
    assert problem.where and problem.file == str(project_file)
    refuse_drafts([write(tmp_path, final_sample())])  # and back: nothing is refused


def test_an_incomplete_document_is_marked_draft_on_cover_and_header(sample_project: Project):
    charter = get_renderer("charter")
    [final] = charter.render(sample_project, options())
    assert "DRAFT" not in document_text(final.data)
    incomplete = sample_project.model_copy(deep=True)
    incomplete.charter.organisation.reporting = ""
    assert [m.what for m in missing_content(incomplete, "charter")] == ["no reporting in the organisation"]
    [draft] = charter.render(incomplete, options())
    lines = document_text(draft.data).splitlines()
    assert "DRAFT" in lines  # on the cover, under the title
    assert any(line.endswith("Project Charter \u00b7 DRAFT") or "\u00b7 DRAFT\t" in line for line in lines)
    assert lines[lines.index("Status") + 1] == "Draft"  # its data says final, but it is not complete


def test_german_documents_say_entwurf(sample_project: Project):
    [output] = get_renderer("technical-documentation").render(sample_project, options(language=Language.de))
    assert "ENTWURF" in document_text(output.data).splitlines()


def test_build_final_refuses_drafts_and_writes_nothing(tmp_path):
    out = tmp_path / "out"
    refused = CliRunner().invoke(main, ["build", str(SAMPLE), "-o", str(out), "--final"])
    assert refused.exit_code == 1 and not out.exists()
    assert f"{SAMPLE}:" in refused.stderr
    assert "technical-documentation is a draft: its status is draft" in refused.stderr
    built = CliRunner().invoke(main, ["build", str(SAMPLE), "-o", str(out), "--final", "--only", "charter,sow"])
    assert built.exit_code == 0, built.output
    assert sorted(p.name for p in (out / "nordhafen-mail").iterdir()) == ["charter.docx", "sow.docx"]
