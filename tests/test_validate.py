"""`docgen validate` finds what `docgen build` would refuse, before anything is rendered."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.renderers.conftest import png_bytes

from docgen.cli import main
from docgen.resources import templates_dir

MINIMAL = (Path(__file__).parent / "data" / "minimal.yaml").read_text(encoding="utf-8")


def project_with_logo(folder: Path, logo: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "project.yaml"
    path.write_text(MINIMAL.replace("customer: {name: ACME}", f"customer: {{name: ACME, logo: '{logo}'}}"),
                    encoding="utf-8")
    return path


def run(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_a_directory_of_projects_is_validated_like_build_takes_it(tmp_path: Path) -> None:
    for name in ("alpha", "beta"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "project.yaml").write_text(MINIMAL, encoding="utf-8")
    result = run("validate", tmp_path)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [f"ok: {tmp_path / n / 'project.yaml'}" for n in ("alpha", "beta")]


def test_a_good_logo_inside_the_folder_passes(tmp_path: Path) -> None:
    (tmp_path / "brand").mkdir()
    (tmp_path / "brand" / "logo.png").write_bytes(png_bytes())
    result = run("validate", project_with_logo(tmp_path, "brand/logo.png"))
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("logo, content, message", [
    ("missing.png", None, "file 'missing.png' not found"),
    ("logo.png", b"GIF-less text", "'logo.png' is not an image Word can show"),
    ("../outside.png", png_bytes(), "'../outside.png' is outside the project folder"),
    ("logo.gif", b"GIF89a\x28\x00\x14\x00\x00\x00\x00;", "'logo.gif' is a GIF image"),
    ("logo.png", png_bytes()[:33], "'logo.png' is not an image Word can show (the file ends early)"),
], ids=["missing", "not-an-image", "outside", "gif", "truncated"])
def test_a_bad_logo_is_a_located_problem_and_build_refuses_it_alike(tmp_path: Path, logo, content, message) -> None:
    folder = tmp_path / "project"
    project = project_with_logo(folder, logo)
    if content is not None:
        (folder / logo).write_bytes(content)
    result = run("validate", project)
    assert result.exit_code == 1
    assert f"{project}:5:32: project.customer.logo: {message}" in result.output
    built = run("build", project, "--only", "charter", "-o", tmp_path / "out")
    assert built.exit_code == 1 and message in built.output


def test_an_absolute_logo_path_is_refused(tmp_path: Path) -> None:
    (tmp_path / "logo.png").write_bytes(png_bytes())
    result = run("validate", project_with_logo(tmp_path / "p", str(tmp_path / "logo.png")))
    assert result.exit_code == 1 and "outside the project folder" in result.output


def test_templates_a_build_would_not_find_or_fill_are_problems(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(templates_dir(), templates)
    (templates / "sow.docx").unlink()
    shutil.copy(Path(__file__).parent.parent / "samples" / "mail-migration" / "project.yaml", tmp_path)
    result = run("validate", tmp_path / "project.yaml", "--templates", templates)
    assert result.exit_code == 1
    assert f"{templates / 'sow.docx'}: template missing" in result.output
    assert f"ok: {tmp_path / 'project.yaml'}" in result.output


def test_json_lists_the_template_folder_as_checked(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(templates_dir(), templates)
    result = run("validate", project_with_logo(tmp_path, "x.png"), "--templates", templates, "--json")
    report = json.loads(result.output)
    assert [f["valid"] for f in report["files"]] == [False, True]
    assert report["problems"][0]["where"] == "5:32"
