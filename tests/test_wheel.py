"""docgen as users get it: the wheel alone, installed into a fresh virtualenv.

One wheel and one virtualenv serve the whole session (tests/installed.py). Every
command runs there, on copies of the sample, in a folder outside the checkout, so a
run-time import that is not an install requirement, or a resource that is not
shipped in the wheel, fails here.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from email.parser import HeaderParser
from pathlib import Path
from zipfile import ZipFile

import pytest
from tests.conftest import SAMPLE, convert_with_soffice, soffice_path
from tests.installed import DISTRIBUTION, ROOT, docgen_run

import docgen


@pytest.fixture(scope="module")
def projects(tmp_path_factory) -> Path:
    """A repository's projects/ folder: a copy of the sample and room for a starter."""
    root = tmp_path_factory.mktemp("repo") / "projects"
    (root / "mail-migration").mkdir(parents=True)
    shutil.copy(SAMPLE, root / "mail-migration" / "project.yaml")
    return root


def test_wheel_metadata_names_the_distribution_and_its_requirements(wheel) -> None:
    with ZipFile(wheel) as archive:
        (name,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        headers = HeaderParser().parsestr(archive.read(name).decode())
    assert headers["Name"] == DISTRIBUTION and headers["Version"] == docgen.__version__
    requires = {r.split(";")[0].strip() for r in headers.get_all("Requires-Dist") if "extra ==" not in r}
    assert any(r.startswith("python-calamine") for r in requires)


def test_version_is_the_package_version(installed, tmp_path) -> None:
    done = docgen_run(installed, "--version", cwd=tmp_path)
    assert done.stdout.strip() == f"docgen, version {docgen.__version__}"


def test_installed_resources_are_found(installed):
    code = (
        "from docgen.resources import templates_dir, schemas_dir\n"
        "from docgen.i18n import labels\n"
        "print(sorted(p.name for p in templates_dir().glob('*.docx')))\n"
        "print((schemas_dir() / 'project.schema.json').is_file(), labels('de')['status.done'])\n"
    )
    done = subprocess.run([installed / "python", "-c", code], capture_output=True, text=True, check=True,
                          cwd=installed.parent)
    shipped = sorted(p.name for p in (ROOT / "templates").glob("*.docx"))
    assert done.stdout.splitlines() == [str(shipped), "True Erledigt"]


def test_init_validate_and_schema(installed, projects) -> None:
    repo = projects.parent
    docgen_run(installed, "init", projects / "starter", cwd=repo)
    first = (projects / "starter" / "project.yaml").read_text(encoding="utf-8").splitlines()[0]
    link = (projects / "starter" / first.removeprefix("# yaml-language-server: $schema=")).resolve()
    assert link.is_file() and link.is_relative_to(repo.resolve()), first  # never into the venv
    docgen_run(installed, "validate", projects / "starter" / "project.yaml",
               projects / "mail-migration" / "project.yaml", cwd=repo)
    docgen_run(installed, "schema", "--out", repo / "schemas", cwd=repo)
    shipped = (ROOT / "schemas" / "project.schema.json").read_text(encoding="utf-8")
    assert (repo / "schemas" / "project.schema.json").read_text(encoding="utf-8") == shipped
    docgen_run(installed, "schema", "--out", repo / "schemas", "--check", cwd=repo)


def test_build_in_shards_then_merge_and_gates(installed, projects) -> None:
    repo = projects.parent
    docgen_run(installed, "init", projects / "starter", "--force", cwd=repo)
    for shard in ("1/2", "2/2"):
        docgen_run(installed, "build", projects, "--shard", shard, "--out", repo / f"shard-{shard[0]}", cwd=repo)
    docgen_run(installed, "merge", repo / "shard-1", repo / "shard-2", "--out", repo / "deliverables", cwd=repo)
    built = {p.parent.name for p in (repo / "deliverables").glob("*/*.docx")}
    assert len(built) == 2, built  # the sample's and the starter's documents
    docgen_run(installed, "build", projects, "--out", repo / "deliverables", "--check", cwd=repo)
    docgen_run(installed, "gates", projects / "mail-migration", cwd=repo)


def test_build_with_pdf(installed, projects) -> None:
    if not soffice_path() and os.environ.get("DOCGEN_REQUIRE_LIBREOFFICE") != "1":
        pytest.skip("LibreOffice (soffice) is not installed")
    repo = projects.parent
    docgen_run(installed, "build", projects / "mail-migration", "--only", "charter,requirements-checklist",
               "--pdf", "--out", repo / "pdf", cwd=repo)
    pdfs = sorted(p.name for p in (repo / "pdf").glob("*/*.pdf"))
    assert pdfs == ["charter.pdf", "requirements-checklist.pdf"]


def test_import_of_a_workbook_that_libreoffice_saved(installed, projects, tmp_path) -> None:
    project = tmp_path / "project.yaml"
    shutil.copy(projects / "mail-migration" / "project.yaml", project)
    docgen_run(installed, "build", project, "--only", "requirements-checklist", "--out", tmp_path / "out",
               cwd=tmp_path)
    (exported,) = (tmp_path / "out").glob("*/requirements-checklist.xlsx")
    (resaved,) = convert_with_soffice([exported], "xlsx", tmp_path / "resaved")
    done = docgen_run(installed, "import", resaved, "--project", project, cwd=tmp_path)
    assert "error" not in done.stderr.lower()
    assert project.read_text(encoding="utf-8") == SAMPLE.read_text(encoding="utf-8")  # nothing was edited


def test_templates_export_and_check(installed, tmp_path) -> None:
    exported = docgen_run(installed, "templates", "export", tmp_path / "templates", cwd=tmp_path)
    shipped = sorted(p.name for p in (ROOT / "templates").glob("*.docx"))
    assert sorted(p.name for p in (tmp_path / "templates").glob("*.docx")) == shipped
    assert len(exported.stdout.splitlines()) == len(shipped)
    docgen_run(installed, "templates", "check", tmp_path / "templates", cwd=tmp_path)
    docgen_run(installed, "templates", "check", cwd=tmp_path)
    described = docgen_run(installed, "templates", "doc", "charter", cwd=tmp_path).stdout
    assert "charter.docx (CharterContext):" in described and "  raci.rows[].activity" in described
