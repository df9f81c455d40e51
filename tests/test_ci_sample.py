"""samples/ci/github-actions.yml, run as a runner would: its jobs in order, each on a fresh
checkout of a repository that holds two projects, with docgen from the wheel.

The workflow's shell steps run unchanged with bash; `${{ matrix.* }}` and `${{ env.* }}`
are expanded, $GITHUB_ENV is honoured, and the artifact actions are emulated by copying
folders. Only `$DOCGEN` differs: the test installs the locally built wheel, which is
what the workflow's comment offers besides the pinned repository URL.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from tests.conftest import SAMPLE, require_soffice
from tests.installed import ROOT, clean_env, docgen_run

import docgen

WORKFLOW = ROOT / "samples" / "ci" / "github-actions.yml"
HOOKS = ROOT / ".pre-commit-hooks.yaml"
EXPRESSION = re.compile(r"\$\{\{\s*(matrix|env|vars)\.(\w+)\s*\}\}")
VARS = {"DOCGEN_REPOSITORY": "https://git.example.org/tools/docgen"}  # the team's repository variable
EPOCH = "1795000000"  # the repository's .source-date-epoch


def load_workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def test_samples_pin_the_release_of_this_version() -> None:
    """The workflow and the pre-commit hook refer to the tag of the package's version."""
    tag = f"v{docgen.__version__}"
    assert load_workflow()["env"]["DOCGEN"].startswith("docgen-deliverables @ git+")
    assert load_workflow()["env"]["DOCGEN"].endswith(f"@{tag}")
    assert f"rev: {tag}" in HOOKS.read_text(encoding="utf-8")
    assert "<owner>" not in WORKFLOW.read_text(encoding="utf-8") + HOOKS.read_text(encoding="utf-8")


@pytest.mark.parametrize("variables, fails", [({"DOCGEN_REPOSITORY": ""}, True), (VARS, False)])
def test_every_job_stops_with_the_fix_until_the_repository_variable_is_set(variables, fails) -> None:
    """GitHub expands an unset variable to "", which would hand pip a URL it cannot read."""
    workflow = load_workflow()
    docgen = expand(workflow["env"]["DOCGEN"], {}, {}, variables)
    for name, job in workflow["jobs"].items():
        install = next(s["run"] for s in job["steps"] if "pip install" in s.get("run", ""))
        guard = install.replace('pip install "$DOCGEN"', "true")  # the guard alone, nothing installed
        done = subprocess.run(["bash", "-e", "-c", guard], env={"DOCGEN": docgen, "PATH": "/usr/bin:/bin"},
                              capture_output=True, text=True)
        assert (done.returncode != 0) == fails, name
        assert ("Set the repository variable DOCGEN_REPOSITORY" in done.stdout) == fails, name


def make_repository(root: Path, installed: Path) -> Path:
    """A team's repository: two projects, deliverables committed as the workflow expects."""
    projects = root / "projects"
    (projects / "mail-migration").mkdir(parents=True)
    shutil.copy(SAMPLE, projects / "mail-migration" / "project.yaml")
    docgen_run(installed, "init", projects / "starter", cwd=root)
    (root / ".source-date-epoch").write_text(EPOCH + "\n")
    env = {**clean_env(installed), "SOURCE_DATE_EPOCH": EPOCH}
    subprocess.run([installed / "docgen", "build", "projects/", "--out", "deliverables"],
                   cwd=root, env=env, check=True, capture_output=True)
    for command in (["init", "-q"], ["add", "-A"],
                    ["-c", "user.name=CI", "-c", "user.email=ci@example.org", "commit", "-qm", "projects"]):
        subprocess.run(["git", *command], cwd=root, check=True, capture_output=True)
    return root


def expand(text: str, matrix: dict[str, object], env: dict[str, str], variables: dict[str, str] = VARS) -> str:
    def value(match: re.Match) -> str:
        return str({"matrix": matrix, "env": env, "vars": variables}[match[1]][match[2]])

    expanded = EXPRESSION.sub(value, text)
    assert "${{" not in expanded, f"an expression the test cannot expand: {expanded}"
    return expanded


class Runner:
    """Runs one job's steps in a fresh checkout, sharing artifacts between jobs."""

    def __init__(self, repository: Path, work: Path, installed: Path, wheel: Path) -> None:
        self.repository, self.work, self.installed = repository, work, installed
        self.artifacts = work / "artifacts"
        declared = {k: expand(str(v), {}, {}) for k, v in load_workflow()["env"].items()}
        self.env = {**declared, "DOCGEN": str(wheel)}

    def run_job(self, name: str, job: dict, matrix: dict[str, object]) -> None:
        label = "-".join([name, *map(str, matrix.values())])
        checkout = self.work / label
        shutil.copytree(self.repository, checkout)  # actions/checkout
        github_env = self.work / f"{label}.env"
        github_env.write_text("")
        env = {**clean_env(self.installed), **self.env, "CI": "true", "GITHUB_ENV": str(github_env)}
        for step in job["steps"]:
            self.run_step(step, checkout, env, matrix)
            env.update(line.split("=", 1) for line in github_env.read_text().splitlines() if "=" in line)

    def run_step(self, step: dict, checkout: Path, env: dict[str, str], matrix: dict[str, object]) -> None:
        uses = step.get("uses", "")
        options = {k: expand(str(v), matrix, env) for k, v in step.get("with", {}).items()}
        if uses.startswith("actions/upload-artifact"):
            shutil.copytree(checkout / options["path"], self.artifacts / options["name"])
        elif uses.startswith("actions/download-artifact"):
            for artifact in sorted(self.artifacts.glob(options["pattern"])):
                shutil.copytree(artifact, checkout / options["path"] / artifact.name)
        elif "run" in step and not step["run"].startswith("sudo apt-get"):  # LibreOffice is installed here
            script = expand(step["run"], matrix, env)
            done = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", script], cwd=checkout, env=env,
                                  capture_output=True, text=True, timeout=900)
            assert done.returncode == 0, f"step {step.get('name', script)!r} failed:\n{done.stderr}"


def ordered_jobs(jobs: dict[str, dict]) -> list[str]:
    """The jobs in an order that respects `needs` (file order among the ready ones)."""
    done: list[str] = []
    while len(done) < len(jobs):
        ready = [n for n, job in jobs.items() if n not in done and set(_needs(job)) <= set(done)]
        assert ready, f"jobs wait on each other: {sorted(set(jobs) - set(done))}"
        done.append(ready[0])
    return done


def _needs(job: dict) -> list[str]:
    needs = job.get("needs", [])
    return [needs] if isinstance(needs, str) else needs


def matrix_of(job: dict) -> list[dict[str, object]]:
    matrix = job.get("strategy", {}).get("matrix", {})
    combinations: list[dict[str, object]] = [{}]
    for key, values in matrix.items():
        combinations = [{**c, key: v} for c in combinations for v in values]
    return combinations


@pytest.fixture(scope="module")
def workflow_run(installed, wheel, tmp_path_factory) -> Path:
    require_soffice()  # the build job renders PDFs
    work = tmp_path_factory.mktemp("ci")
    runner = Runner(make_repository(work / "repository", installed), work, installed, wheel)
    jobs = load_workflow()["jobs"]
    for name in ordered_jobs(jobs):
        for matrix in matrix_of(jobs[name]):
            runner.run_job(name, jobs[name], matrix)
    return work


def test_every_job_of_the_workflow_passes_and_the_merge_holds_every_document(workflow_run) -> None:
    merged = workflow_run / "merge" / "deliverables"
    committed = workflow_run / "repository" / "deliverables"
    documents = {p.relative_to(committed) for p in committed.glob("*/*.*")}
    assert {p.relative_to(merged) for p in merged.glob("*/*.[dx]*")} == documents
    pdfs = {p.relative_to(merged).with_suffix("") for p in merged.glob("*/*.pdf")}
    assert pdfs == {d.with_suffix("") for d in documents}
    assert sorted(p.name for p in (workflow_run / "artifacts").iterdir()) == [
        "deliverables", "deliverables-1", "deliverables-2", "deliverables-3", "junit-1", "junit-2", "junit-3"]
