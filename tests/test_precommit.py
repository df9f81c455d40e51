"""The pre-commit hook of .pre-commit-hooks.yaml, used from another repository.

`pre-commit try-repo` installs this checkout (uncommitted changes included) into a
hook environment of its own, as it would from the pinned tag, and runs the hook on
the files staged in a project repository: an invalid project file blocks the commit,
a valid one passes. The tests share one PRE_COMMIT_HOME, so a clean checkout
installs the hook environment once.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import ROOT, SAMPLE

pytest.importorskip("pre_commit", reason="pre-commit is in the test extra")


def git(repository: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *args],
                   cwd=repository, check=True, capture_output=True)


def staged_repository(root: Path, project_text: str) -> Path:
    """A project repository with projects/demo/project.yaml staged for a commit."""
    (root / "projects" / "demo").mkdir(parents=True)
    (root / "projects" / "demo" / "project.yaml").write_text(project_text, encoding="utf-8")
    (root / "notes.yaml").write_text("not: a project file\n")  # the hook's `files` pattern skips it
    git(root, "init", "-q")
    git(root, "add", "-A")
    return root


def try_repo(repository: Path, home: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    env.pop("VIRTUAL_ENV", None)
    return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "docgen-validate"],
                          cwd=repository, env=env, capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


def test_the_hook_passes_a_valid_project_file(tmp_path: Path, home: Path) -> None:
    repository = staged_repository(tmp_path / "repo", SAMPLE.read_text(encoding="utf-8"))
    done = try_repo(repository, home)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "docgen validate" in done.stdout and "Passed" in done.stdout


def test_the_hook_blocks_an_invalid_project_file(tmp_path: Path, home: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8").replace("schema_version: 1", "schema_version: 1\nbogus_key: 1", 1)
    repository = staged_repository(tmp_path / "repo", text)
    done = try_repo(repository, home)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Failed" in done.stdout
    assert "projects/demo/project.yaml:" in done.stdout and "bogus_key" in done.stdout
