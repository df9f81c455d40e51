"""A plain (non-editable) install finds its templates, schemas and locales."""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """bin/ of a fresh venv with docgen installed from a freshly built wheel."""
    work = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(work), str(ROOT)],
                   check=True, capture_output=True)
    (wheel,) = work.glob("docgen-*.whl")
    env_dir = work / "venv"
    venv.create(env_dir, with_pip=True)
    subprocess.run([env_dir / "bin" / "python", "-m", "pip", "install", "--quiet", str(wheel)],
                   check=True, capture_output=True)
    return env_dir / "bin"


def test_installed_version_and_validate(installed):
    version = subprocess.run([installed / "docgen", "--version"], capture_output=True, text=True, check=True)
    assert "docgen, version" in version.stdout
    samples = sorted(str(p) for p in (ROOT / "samples").glob("*/project.yaml"))
    assert samples, "no sample project to validate"
    done = subprocess.run([installed / "docgen", "validate", *samples], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


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


def test_installed_init_writes_a_valid_project(installed, tmp_path):
    subprocess.run([installed / "docgen", "init", str(tmp_path)], check=True, capture_output=True)
    done = subprocess.run([installed / "docgen", "validate", str(tmp_path / "project.yaml")],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
