"""Batch builds with the real renderers on the sample project: the issue's "done when"."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from docgen.batch import BuildRequest, ProjectStatus, run_build
from docgen.batch.worker import ProjectRenderer, WorkerSettings, prepare_process
from docgen.renderers import select
from docgen.renderers.docx_common import COMPILED
from docgen.renderers import renderer_names
from docgen.renderers.package import read_custom_properties
from tests.conftest import SAMPLE


@pytest.fixture(scope="module")
def projects(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample, and a German copy of it under another id."""
    root = tmp_path_factory.mktemp("projects")
    shutil.copytree(SAMPLE.parent, root / "mail-migration")
    german = root / "mail-migration-de" / "project.yaml"
    german.parent.mkdir()
    text = SAMPLE.read_text(encoding="utf-8")
    german.write_text(text.replace("id: nordhafen-mail", "id: nordhafen-mail-de", 1)
                      .replace("language: en", "language: de", 1), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def built(projects: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two builds of the same projects, serial and parallel, into two directories."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1767225600")
        outs = tmp_path_factory.mktemp("first"), tmp_path_factory.mktemp("second")
        junit = outs[0] / "junit.xml"
        first = run_build(BuildRequest(sources=[projects], out=outs[0], jobs=1, junit=junit))
        second = run_build(BuildRequest(sources=[projects], out=outs[1], jobs=2))
    assert first.exit_code == second.exit_code == 0, first.summary_table()
    return outs


def files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.*") if p.name != "junit.xml")


def test_two_builds_are_byte_identical(built: tuple[Path, Path]) -> None:
    first, second = built
    assert files(first) == files(second) and "manifest.json" in files(first)
    assert {name.split("/")[0] for name in files(first)} == {"nordhafen-mail", "nordhafen-mail-de", "manifest.json"}
    for name in files(first):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_every_renderer_contributes_and_carries_provenance(built: tuple[Path, Path], projects: Path) -> None:
    manifest = json.loads((built[0] / "manifest.json").read_text())
    assert {entry["document"] for entry in manifest["documents"]} == set(renderer_names())
    data_hash = hashlib.sha256((projects / "mail-migration" / "project.yaml").read_bytes()).hexdigest()
    for entry in manifest["documents"]:
        data = (built[0] / entry["path"]).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest() and entry["size"] == len(data)
        props = read_custom_properties(data)
        assert props["docgen.template_sha256"] == (entry["template_hash"] or "none")
        if entry["project"] == "nordhafen-mail":
            assert props["docgen.data_sha256"] == entry["data_hash"] == data_hash


def test_junit_lists_every_document(built: tuple[Path, Path]) -> None:
    root = ET.parse(built[0] / "junit.xml").getroot()
    suites = root.findall("testsuite")
    assert [suite.get("name").split("/")[-2] for suite in suites] == ["mail-migration", "mail-migration-de"]
    for suite, project_id in zip(suites, ["nordhafen-mail", "nordhafen-mail-de"]):
        cases = [case.get("name") for case in suite.findall("testcase")]
        assert cases[0] == "project.yaml"
        assert sorted(cases[1:]) == [name for name in files(built[0]) if name.startswith(project_id + "/")]
    assert root.get("failures") == root.get("errors") == "0"
    assert int(root.get("tests")) == len(files(built[0])) - 1 + 2  # not manifest.json; + one per project


def test_check_passes_after_a_build_and_fails_after_a_data_change(
        built: tuple[Path, Path], projects: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    changed = tmp_path / "projects"
    shutil.copytree(projects, changed)
    request = BuildRequest(sources=[changed], out=built[0], jobs=2, check=True)
    assert run_build(request).exit_code == 0
    data = changed / "mail-migration" / "project.yaml"
    text = data.read_text(encoding="utf-8")
    assert text.count("Brightwave Consulting GmbH") > 1
    data.write_text(text.replace("name: Brightwave Consulting GmbH", "name: Brightwave Consulting AG", 1),
                    encoding="utf-8")
    report = run_build(request)
    assert report.exit_code == 1
    assert "nordhafen-mail/charter.docx" in report.differences()
    assert not [path for path in report.differences() if path.startswith("nordhafen-mail-de/")]
    assert "differs: nordhafen-mail/charter.docx" in report.summary_table()


def test_a_dropped_meeting_loses_its_minutes_on_the_next_build(
        projects: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    data = tmp_path / "mail-migration" / "project.yaml"
    shutil.copytree(projects / "mail-migration", data.parent)
    out = tmp_path / "out"
    assert run_build(BuildRequest(sources=[data], out=out, jobs=1)).exit_code == 0
    (out / "nordhafen-mail" / "notes.txt").write_text("the team's own file")
    text = data.read_text(encoding="utf-8")
    start = text.index("  - id: MTG-2026-03-10\n")
    data.write_text(text[:start] + text[text.index("  - id: ", start + 1):], encoding="utf-8")
    check = run_build(BuildRequest(sources=[data], out=out, jobs=1, check=True))
    dropped = [path for path in check.differences() if "2026-03-10" in path]
    assert len(dropped) == 1 and dropped[0].startswith("nordhafen-mail/meeting-minutes")
    report = run_build(BuildRequest(sources=[data], out=out, jobs=1))
    assert report.removed() == dropped and not (out / dropped[0]).exists()
    assert report.stale() == ["nordhafen-mail/notes.txt"] and (out / "nordhafen-mail" / "notes.txt").is_file()
    assert dropped[0] not in (out / "manifest.json").read_text()
    assert run_build(BuildRequest(sources=[data], out=out, jobs=1, check=True)).exit_code == 0


def _settings(tmp_path: Path, templates_dir: Path | None = None) -> WorkerSettings:
    return WorkerSettings(only=None, language=None, templates_dir=templates_dir, epoch=None,
                          today=dt.date(2026, 3, 16), version="test", pdf=False, pdf_timeout=60.0,
                          scratch=tmp_path)


def test_workers_forked_after_preparing_compile_nothing(tmp_path: Path) -> None:
    # The main process prepares before the pool forks: a worker's first project then
    # finds every template it renders compiled already.
    COMPILED.clear()
    settings = _settings(tmp_path)
    prepare_process(settings, select(None), SAMPLE)
    compiled = COMPILED.misses
    assert compiled > 0
    worker = ProjectRenderer(settings)
    assert worker.render(0, SAMPLE).status == ProjectStatus.ok
    assert COMPILED.misses == compiled


def test_preparing_leaves_a_bad_template_directory_to_the_projects(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    settings = _settings(tmp_path, templates_dir=tmp_path / "templates")
    prepare_process(settings, select(None), tmp_path / "missing.yaml")  # neither raises
    result = ProjectRenderer(settings).render(0, SAMPLE)
    assert result.status == ProjectStatus.failed and "template not found" in (result.error or "")
