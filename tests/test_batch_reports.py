"""What a build reports: one-line messages with the full text in `details()`, portable manifests."""

from __future__ import annotations

import ast
import io
import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest

import docgen
from tests.conftest import build_fakes
from docgen.batch import BuildReport, BuildRequest, ProjectResult, run_build
from docgen.batch import runner, worker
from docgen.batch.reports import portable_source
from docgen.batch.reproducible import docgen_version
from docgen.batch.results import MESSAGE_LIMIT, short_message
from docgen.errors import RenderError
from docgen.batch.progress import PlainReporter, describe

HUGE = "T" * 20_000


def fakes():
    return build_fakes()


@dataclass(frozen=True)
class TitledDocx:
    """Puts the title into the core properties, as the real renderers do (python-docx allows 255)."""

    name: str = "titled"
    title: str = "Titled document"
    format: str = "docx"

    def render(self, project, options):
        document = docx.Document()
        document.core_properties.subject = project.project.title
        raise AssertionError("python-docx accepted a title over 255 characters")


@dataclass(frozen=True)
class VerboseFailure:
    name: str = "verbose"
    title: str = "Verbose failure"
    format: str = "docx"

    def render(self, project, options):
        raise RenderError(f"cannot render {project.project.title}\nsecond line")


@pytest.fixture(autouse=True)
def _fixed_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")


def build(sources: list[Path], out: Path, renderers: list | None = None, **options) -> BuildReport:
    request = BuildRequest(sources=sources, out=out, **{"jobs": 1, **options})
    return run_build(request, renderers=renderers if renderers is not None else fakes().fake_renderers())


# --- one-line messages, full details -----------------------------------------------------


def test_short_message_keeps_the_first_line_up_to_the_limit() -> None:
    assert short_message("one line") == "one line"
    assert short_message("\nfirst\nsecond\n") == "first"
    cut = short_message("x" * 1000)
    assert len(cut) == MESSAGE_LIMIT == 300 and cut.endswith("…")
    assert short_message("y" * 300) == "y" * 300
    assert short_message("") == ""


@pytest.mark.parametrize("renderer, start", [
    (TitledDocx(), "internal error: ValueError: exceeded 255 char limit for property, got:"),
    (VerboseFailure(), "cannot render TTTT"),
])
def test_a_huge_message_is_cut_everywhere_and_kept_whole_in_details(
        tmp_path: Path, renderer, start: str) -> None:
    source = fakes().write_project(tmp_path / "projects", "huge", title=HUGE)
    report = build([source], tmp_path / "out", renderers=[renderer], junit=tmp_path / "junit.xml")
    project = report.projects[0]
    assert project.error.startswith(start) and len(project.error) <= MESSAGE_LIMIT
    assert "\n" not in project.error and HUGE in project.detail and HUGE in report.details()
    (failed,) = json.loads((tmp_path / "out" / "manifest.json").read_text())["failed"]
    assert failed["error"] == project.error
    assert report.to_json()["projects"][0]["error"] == project.error
    longest = len(str(source)) + 50 + MESSAGE_LIMIT  # the table's other columns, the reporter's prefix
    assert all(len(line) < longest for line in report.summary_table().splitlines())
    case = ET.parse(tmp_path / "junit.xml").getroot().find(".//testcase")
    assert case[0].get("message") == project.error and HUGE in case[0].text
    stream = io.StringIO()
    PlainReporter(stream).project_done(project)
    assert all(len(line) < longest for line in stream.getvalue().splitlines())


def test_every_problem_of_a_data_error_stays_visible(tmp_path: Path) -> None:
    source = fakes().write_project(tmp_path / "projects", "verbose")
    report = build([source], tmp_path / "out", renderers=[VerboseFailure()])
    project = report.projects[0]
    assert project.error == "cannot render A project" and project.more_lines() == ["second line"]
    assert report.summary_table().splitlines()[1].endswith("cannot render A project (+1 more)")
    assert report.details() == f"--- {source} (failed) ---\ncannot render A project\nsecond line"


def test_details_hold_the_traceback_of_an_internal_error(tmp_path: Path) -> None:
    crash = fakes().write_project(tmp_path / "projects", "crash")
    fine = fakes().write_project(tmp_path / "projects", "fine")
    report = build([crash, fine], tmp_path / "out", renderers=[fakes().FakeDocx()])
    details = report.details()
    assert details.startswith(f"--- {crash} (failed) ---\nTraceback (most recent call last):")
    assert "ZeroDivisionError: a bug in a renderer" in details and str(fine) not in details
    assert build([fine], tmp_path / "out2").details() == ""


def test_details_name_the_parts_of_a_document_that_differ(tmp_path: Path) -> None:
    source = fakes().write_project(tmp_path / "projects", "alpha")
    build([source], tmp_path / "out")
    source.write_text(source.read_text().replace("First requirement", "Changed"))
    report = build([source], tmp_path / "out", check=True)
    assert "--- alpha/fake-sheet.xlsx (differs) ---\nparts that differ: docProps/custom.xml, " in report.details()
    assert "--- alpha/fake-doc.docx (differs) ---\nparts that differ: docProps/custom.xml" in report.details()


def test_a_message_that_starts_with_the_path_names_it_once() -> None:
    located = ProjectResult(0, "multi/p3/project.yaml")
    located.fail("multi/p3/project.yaml:59:18: not valid YAML")
    assert describe(located) == "failed   multi/p3/project.yaml:59:18: not valid YAML"
    elsewhere = ProjectResult(0, "multi/p3/project.yaml")
    elsewhere.fail("templates/charter.docx: broken")
    assert describe(elsewhere) == "failed   multi/p3/project.yaml: templates/charter.docx: broken"
    prefix_only = ProjectResult(0, "p/project.yaml")
    prefix_only.fail("p/project.yaml.bak: unrelated")
    assert describe(prefix_only) == "failed   p/project.yaml: p/project.yaml.bak: unrelated"


# --- the manifest --------------------------------------------------------------------


def test_manifest_is_the_same_for_absolute_and_relative_sources(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fakes().write_project(tmp_path / "projects", "alpha")
    (tmp_path / "projects" / "bad").mkdir()
    (tmp_path / "projects" / "bad" / "project.yaml").write_text("schema_version: 1\nproject: [\n")
    monkeypatch.chdir(tmp_path)
    build([Path("projects")], Path("relative"))
    build([tmp_path / "projects"], tmp_path / "absolute")
    relative, absolute = (json.loads((tmp_path / name / "manifest.json").read_text())
                          for name in ("relative", "absolute"))
    assert relative == absolute
    assert {entry["source"] for entry in relative["documents"]} == {"projects/alpha/project.yaml"}
    assert relative["failed"][0]["source"] == "projects/bad/project.yaml"
    assert relative["failed"][0]["error"].startswith("projects/bad/project.yaml:")


def test_portable_source_outside_the_current_directory_stays_as_given(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "here").mkdir()
    monkeypatch.chdir(tmp_path / "here")
    assert portable_source(str(tmp_path / "here" / "p" / "project.yaml")) == "p/project.yaml"
    assert portable_source("./p/../q/project.yaml") == "q/project.yaml"
    assert portable_source("../elsewhere/project.yaml") == "../elsewhere/project.yaml"
    assert portable_source(str(tmp_path / "x.yaml")) == (tmp_path / "x.yaml").as_posix()


def test_the_manifest_holds_no_timings() -> None:
    from docgen.batch import reports

    assert "byte-identical" in reports.__doc__ and "render_seconds" not in reports.__doc__


# --- internal invariants and the version ------------------------------------------------


def test_no_assert_guards_the_build() -> None:
    # `python -O` strips asserts; an internal invariant must raise with a message instead.
    for module in sorted(Path(runner.__file__).parent.glob("*.py")):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        assert not [node.lineno for node in ast.walk(tree) if isinstance(node, ast.Assert)], module


def test_broken_invariants_raise_runtime_errors(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(worker, "_WORKER", None)
    with pytest.raises(RuntimeError, match="init_worker did not run"):
        worker.render_in_worker(0, Path("p/project.yaml"))
    request = BuildRequest(sources=[], out=tmp_path)
    collector = runner._Collector(request, BuildReport(out=tmp_path, check=False, jobs=1), None)
    with pytest.raises(RuntimeError, match="p/project.yaml rendered without a project id"):
        collector._claim_id(ProjectResult(0, "p/project.yaml"))


def test_docgen_version_is_the_package_version() -> None:
    assert docgen_version() == docgen.__version__
