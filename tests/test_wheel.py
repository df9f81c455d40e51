"""docgen as users get it: the wheel alone, installed into a fresh virtualenv.

One wheel and one virtualenv serve the whole module. Every command runs there, on
copies of the sample, in a folder outside the checkout, so a run-time import that is
not an install requirement, or a resource that is not shipped in the wheel, fails here.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from email.parser import HeaderParser
from pathlib import Path
from zipfile import ZipFile

import pytest
from tests.conftest import SAMPLE, convert_with_soffice, soffice_path

import docgen

ROOT = Path(__file__).resolve().parent.parent
DISTRIBUTION = "docgen-deliverables"
# What setup.cfg packages: the package, its data files, and the long description.
SOURCES = ("setup.cfg", "pyproject.toml", "README.md", "docgen", "templates", "schemas")


def copy_sources(target: Path) -> Path:
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            target.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, target / name)
    return target


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel, built from a copy of the sources so that no build/ is left in the checkout
    (setuptools would reuse a stale build/lib for the next wheel)."""
    work = tmp_path_factory.mktemp("wheel")
    source = copy_sources(work / "source")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(work), str(source)],
                   check=True, capture_output=True)
    (built,) = work.glob("docgen_deliverables-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """bin/ of a fresh venv with nothing but the wheel (and its requirements) installed."""
    env_dir = tmp_path_factory.mktemp("venv")
    venv.create(env_dir, with_pip=True)
    subprocess.run([env_dir / "bin" / "python", "-m", "pip", "install", "--quiet", str(wheel)],
                   check=True, capture_output=True)
    return env_dir / "bin"


@pytest.fixture(scope="module")
def projects(tmp_path_factory) -> Path:
    """A repository's projects/ folder: a copy of the sample and room for a starter."""
    root = tmp_path_factory.mktemp("repo") / "projects"
    (root / "mail-migration").mkdir(parents=True)
    shutil.copy(SAMPLE, root / "mail-migration" / "project.yaml")
    return root


def docgen_run(installed: Path, *args: object, cwd: Path, expect: int = 0) -> subprocess.CompletedProcess:
    """Run the installed `docgen` outside the checkout; fail with its stderr on a wrong exit code."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    done = subprocess.run([installed / "docgen", *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == expect, f"docgen {' '.join(map(str, args))}: exit {done.returncode}\n{done.stderr}"
    return done


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
