"""One set of text limits: what validate accepts, the build and the import accept alike."""

from __future__ import annotations

from pathlib import Path

import pytest

from docgen.errors import ProjectFileError, WorkbookError
from docgen.renderers import xlsx_writer as writer
from docgen.loader import load_project
from docgen.models.limits import MAX_TEXT_CHARS
from tests.conftest import SAMPLE


def with_remark(tmp_path: Path, remark: str) -> Path:
    text = SAMPLE.read_text(encoding="utf-8")
    start = text.index("  - id: REQ-001")
    path = tmp_path / "project.yaml"
    path.write_text(text[:start] + f"  - customer_remarks: '{remark}'\n    id: REQ-001" +
                    text[start + len("  - id: REQ-001"):], encoding="utf-8")
    return path


def test_the_writer_uses_the_models_limit() -> None:
    assert writer.MAX_CELL_CHARS == MAX_TEXT_CHARS == 32_767


def test_a_remark_longer_than_a_cell_fails_validation_naming_the_field(tmp_path: Path) -> None:
    with pytest.raises(ProjectFileError) as caught:
        load_project(with_remark(tmp_path, "x" * 40_000))
    [problem] = caught.value.problems
    assert problem.path == "requirements[0].customer_remarks"
    assert "text of 40,000 characters is longer than 32,767, the most a spreadsheet cell holds" in problem.message


def test_emoji_count_twice_as_excel_counts_them(tmp_path: Path) -> None:
    with pytest.raises(ProjectFileError, match="text of 32,768 characters"):
        load_project(with_remark(tmp_path, "\U0001F600" * 16_384))
    load_project(with_remark(tmp_path, "\U0001F600" * 16_383))


def test_a_remark_at_the_limit_validates_and_builds(tmp_path: Path) -> None:
    from docgen.renderers import RenderOptions, get_renderer

    project = load_project(with_remark(tmp_path, "x" * MAX_TEXT_CHARS))
    [output] = get_renderer("requirements-checklist").render(project, RenderOptions())
    assert output.data


def test_test_steps_that_share_a_cell_must_fit_it_together(tmp_path: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    marker = "      steps:\n"
    start = text.index(marker, text.index("tests:"))
    steps = "".join(f"        - '{'s' * 10_000}'\n" for _ in range(4))
    path = tmp_path / "project.yaml"
    path.write_text(text[:start] + marker + steps + text[start + len(marker):], encoding="utf-8")
    with pytest.raises(ProjectFileError, match=r"steps: the lines add up to 40,\d{3} characters"):
        load_project(path)


def test_the_import_refuses_a_cell_longer_than_the_limit(tmp_path: Path, sample_project) -> None:
    import shutil

    from docgen.importing import import_workbook
    from tests.excel.conftest import edit, render

    shutil.copy(SAMPLE, tmp_path / "project.yaml")
    (tmp_path / "checklist.xlsx").write_bytes(render(sample_project, "checklist"))

    def long_remark(sheet, columns) -> None:
        sheet.cell(2, columns["Customer remarks"]).value = "y" * 40_000  # a reader keeps 32,767 of them

    edited = edit(tmp_path / "checklist.xlsx", long_remark)
    before = (tmp_path / "project.yaml").read_bytes()
    with pytest.raises(WorkbookError) as caught:
        import_workbook(edited)
    assert (tmp_path / "project.yaml").read_bytes() == before
    assert "Checklist!Q2" in str(caught.value)  # customer remarks
    assert "the cell holds 32,767 characters, the most a cell can hold; its text was probably cut" in str(caught.value)


def test_a_title_cut_for_display_is_reported(tmp_path: Path) -> None:
    import json

    from click.testing import CliRunner

    from docgen.cli import main

    text = SAMPLE.read_text(encoding="utf-8")
    start = text.index("  title: ", text.index("project:"))
    end = text.index("\n", start)
    long_title = "Migration of the mail platform " * 12
    (tmp_path / "project.yaml").write_text(text[:start] + f"  title: '{long_title.strip()}'" + text[end:],
                                           encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(tmp_path / "project.yaml"), "-o", str(tmp_path / "out"),
                                       "--only", "charter,requirements-checklist", "-j", "1", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output[result.output.index("{"):])
    notes = {d["path"].split("/")[-1]: d["note"] for d in report["projects"][0]["documents"]}
    assert "project.title in the page footer: 371 characters, shortened to" in notes["requirements-checklist.xlsx"]
    assert "project.title in the document properties: 371 characters, shortened to 254" in notes["charter.docx"]
