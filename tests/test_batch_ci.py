"""The CI example (workflow, merge script) and the pre-commit hook definition."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

from tests.conftest import build_fakes
from docgen.batch import BuildRequest, run_build

ROOT = Path(__file__).resolve().parent.parent
CI = ROOT / "samples" / "ci"


def fakes():
    return build_fakes()


def test_workflow_matrix_covers_every_shard() -> None:
    workflow = yaml.safe_load((CI / "github-actions.yml").read_text())
    shards = int(workflow["env"]["SHARDS"])
    build = workflow["jobs"]["build"]
    assert build["strategy"]["matrix"]["shard"] == list(range(1, shards + 1))
    commands = " ".join(step.get("run", "") for step in build["steps"])
    assert "--shard ${{ matrix.shard }}/${{ env.SHARDS }}" in commands
    assert workflow["jobs"]["merge"]["needs"] == "build"
    merge_commands = " ".join(step.get("run", "") for step in workflow["jobs"]["merge"]["steps"])
    assert "docgen merge shards/deliverables-* --out deliverables" in merge_commands
    # the portfolio page lands beside the merged documents it links to
    assert "docgen status projects/ --html deliverables/index.html" in merge_commands
    assert merge_commands.index("docgen merge") < merge_commands.index("docgen status")


def test_pre_commit_hook_validates_project_files() -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "docgen-validate" and hook["entry"] == "docgen validate"
    assert hook["language"] == "python"
    pattern = re.compile(hook["files"])
    assert pattern.search("projects/nordhafen/project.yaml") and pattern.search("project.yml")
    assert not pattern.search("projects/nordhafen/myproject.yaml")
    assert not pattern.search("project.yaml.bak")


def test_merged_shards_equal_a_full_build(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    root = tmp_path / "projects"
    for name in ("alpha", "beta", "gamma", "delta"):
        fakes().write_project(root, name)
    renderers = fakes().fake_renderers()
    run_build(BuildRequest(sources=[root], out=tmp_path / "full", jobs=1), renderers=renderers)
    shards = [tmp_path / f"shard-{k}" for k in (1, 2, 3)]
    for k, out in enumerate(shards, start=1):
        run_build(BuildRequest(sources=[root], out=out, jobs=1, shard=(k, 3)), renderers=renderers)
    script = [sys.executable, "-m", "docgen", "merge", *map(str, shards), "--out", str(tmp_path / "merged")]
    done = subprocess.run(script, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "8 file(s), 0 failed" in done.stdout
    full = sorted(p.relative_to(tmp_path / "full") for p in (tmp_path / "full").rglob("*.*"))
    merged = sorted(p.relative_to(tmp_path / "merged") for p in (tmp_path / "merged").rglob("*.*"))
    assert full == merged
    for path in full:
        if path.name != "manifest.json":
            assert (tmp_path / "full" / path).read_bytes() == (tmp_path / "merged" / path).read_bytes()
    (shards[0] / "alpha" / "fake-doc.docx").write_bytes(b"tampered")
    done = subprocess.run(script, capture_output=True, text=True)
    assert done.returncode == 1 and "does not match the sha256" in done.stderr


def test_merge_into_an_unwritable_place_is_a_one_line_usage_error(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    fakes().write_project(tmp_path / "projects", "alpha")
    run_build(BuildRequest(sources=[tmp_path / "projects"], out=tmp_path / "shard", jobs=1),
              renderers=fakes().fake_renderers())
    (tmp_path / "file").write_text("x")
    done = subprocess.run([sys.executable, "-m", "docgen", "merge", str(tmp_path / "shard"),
                           "--out", str(tmp_path / "file" / "out")], capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr.startswith(f"error: --out {tmp_path / 'file' / 'out'}: cannot write")
    assert "Traceback" not in done.stderr
