"""Shared test fixtures: the sample project and headless LibreOffice."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "mail-migration" / "project.yaml"


@pytest.fixture(scope="session", autouse=True)
def signing_key_file(tmp_path_factory) -> Path:
    """One workbook signing key for the whole run (docgen.signing), outside the checkout:
    workbooks rendered anywhere import into projects copied anywhere."""
    from docgen.signing import KEY_ENV

    path = tmp_path_factory.mktemp("signing") / "docgen-signing.key"
    os.environ[KEY_ENV] = str(path)
    return path


@pytest.fixture(scope="session", autouse=True)
def docx_cache_dir(tmp_path_factory) -> Path:
    """The templates' cleaned-up parts (renderers/docx_story_cache.py) kept for this run
    only, never in the user's cache directory; subprocesses inherit it."""
    from docgen.renderers.docx_story_cache import CACHE_ENV

    path = tmp_path_factory.mktemp("docx-cache")
    os.environ[CACHE_ENV] = str(path)
    return path



def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def require_soffice() -> str:
    """The soffice binary; skip the test without it unless CI demands LibreOffice."""
    found = soffice_path()
    if found:
        return found
    if os.environ.get("DOCGEN_REQUIRE_LIBREOFFICE") == "1":
        pytest.fail("LibreOffice (soffice) is required (DOCGEN_REQUIRE_LIBREOFFICE=1) but not installed")
    pytest.skip("LibreOffice (soffice) is not installed")


def convert_with_soffice(files: list[Path], target: str, outdir: Path, timeout: int = 300) -> list[Path]:
    """Convert `files` with one headless LibreOffice run ('pdf', 'xlsx', ...); return the results.

    Each call uses its own profile directory so parallel runs never share a lock.
    """
    binary = require_soffice()
    outdir.mkdir(parents=True, exist_ok=True)
    profile = outdir / ".lo-profile"
    command = [
        binary, "--headless", "--norestore", "--nolockcheck",
        f"-env:UserInstallation={profile.resolve().as_uri()}",
        "--convert-to", target, "--outdir", str(outdir), *map(str, files),
    ]
    subprocess.run(command, check=True, timeout=timeout, capture_output=True)
    extension = target.split(":")[0]
    results = [outdir / f"{Path(f).stem}.{extension}" for f in files]
    missing = [str(r) for r in results if not r.is_file()]
    assert not missing, f"LibreOffice did not produce {missing}"
    return results


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def sample_project():
    from docgen.loader import load_project

    return load_project(SAMPLE)


@pytest.fixture
def minimal_yaml() -> str:
    """The smallest valid project file."""
    return (ROOT / "tests" / "data" / "minimal.yaml").read_text(encoding="utf-8")


def build_fakes():
    """tests/test_batch_fakes.py as a module (importlib mode puts no test dir on sys.path).

    Registered in sys.modules before it runs, so its fake renderers pickle by name
    into build worker processes.
    """
    import importlib.util
    import sys

    name = "test_batch_fakes"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name(f"{name}.py"))
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


@pytest.fixture(scope="session")
def wheel(tmp_path_factory) -> Path:
    """The wheel of docgen, built from a copy of the sources once per session."""
    from tests.installed import build_wheel

    return build_wheel(tmp_path_factory.mktemp("wheel"))


@pytest.fixture(scope="session")
def installed(wheel, tmp_path_factory) -> Path:
    """bin/ of a fresh venv with only the wheel (and its requirements) installed."""
    from tests.installed import install_in_fresh_venv

    return install_in_fresh_venv(wheel, tmp_path_factory.mktemp("venv"))
