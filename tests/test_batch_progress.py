"""Progress reporters and the summary table of a build."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from docgen.batch import BuildReport, DocumentResult, ProjectResult, ProjectStatus
from docgen.batch.progress import PlainReporter, TerminalReporter, choose_reporter


class FakeTty(io.StringIO):
    def isatty(self) -> bool:
        return True


def ok_project(index: int, name: str) -> ProjectResult:
    result = ProjectResult(index, f"projects/{name}/project.yaml", project_id=name, seconds=0.25)
    result.documents = [DocumentResult("charter", f"{name}/charter.docx", "0" * 64, 10)]
    return result


def failed_project(index: int) -> ProjectResult:
    result = ProjectResult(index, "projects/bad/project.yaml")
    result.fail("projects/bad/project.yaml:3:1: project.id: missing\nprojects/bad/project.yaml:4:1: second")
    return result


def test_plain_reporter_writes_one_line_per_project_and_the_details_of_errors() -> None:
    stream = io.StringIO()
    reporter = PlainReporter(stream)
    reporter.start(12)
    reporter.project_done(ok_project(0, "alpha"))
    reporter.project_done(failed_project(1))
    reporter.finish()
    assert stream.getvalue().splitlines() == [
        "[ 1/12] ok       alpha: 1 document(s), 0.25s",
        "[ 2/12] failed   projects/bad/project.yaml:3:1: project.id: missing",  # the path once
        "    projects/bad/project.yaml:4:1: second",
    ]


def test_terminal_reporter_draws_a_bar_and_prints_failures_above_it() -> None:
    stream = FakeTty()
    reporter = TerminalReporter(stream)
    reporter.start(2)
    reporter.project_done(failed_project(0))
    reporter.project_done(ok_project(1, "alpha"))
    reporter.finish()
    text = stream.getvalue()
    assert "] 2/2 100% alpha" in text and "[#" in text
    assert "\nfailed   projects/bad/project.yaml" in text.replace("\r\x1b[K", "\n")
    assert text.endswith("\r\x1b[K")  # the bar is gone when the summary follows


def test_choose_reporter_uses_the_bar_only_on_an_interactive_terminal_outside_ci(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    assert isinstance(choose_reporter(FakeTty()), TerminalReporter)
    assert isinstance(choose_reporter(io.StringIO()), PlainReporter)
    monkeypatch.setenv("CI", "true")
    assert isinstance(choose_reporter(FakeTty()), PlainReporter)


def test_summary_table_aligns_projects_and_ends_with_totals() -> None:
    report = BuildReport(out=Path("out"), check=False, jobs=2, seconds=1.5)
    report.projects = [ok_project(0, "alpha"), failed_project(1), ok_project(2, "a-much-longer-name")]
    report.projects[2].status = ProjectStatus.ok
    lines = report.summary_table().splitlines()
    assert lines[0].split() == ["project", "docs", "status", "time", "message"]
    status_column = lines[0].index("status")
    assert [line[status_column:].split()[0] for line in lines[1:4]] == ["ok", "failed", "ok"]
    assert lines[2].endswith("project.id: missing (+1 more)")
    assert lines[-1] == "3 project(s): 2 ok, 1 failed; 2 document(s) built in 1.5s with 2 job(s)"
    assert report.exit_code == 1


@pytest.mark.parametrize(("jobs", "offices", "ending"), [
    (1, 2, "with 1 job(s) and 2 LibreOffices"),  # -j 2 --pdf on one project: the spare job converts
    (2, 2, "with 2 job(s)"),  # a LibreOffice per job says nothing new
    (1, 0, "with 1 job(s)"),  # no --pdf
])
def test_the_totals_name_the_libreoffices_when_there_are_more_than_jobs(jobs, offices, ending) -> None:
    report = BuildReport(out=Path("out"), check=False, jobs=jobs, offices=offices, seconds=1.0)
    report.projects = [ok_project(0, "alpha")]
    assert report.summary_table().splitlines()[-1].endswith(ending)
    assert report.to_json()["pdf_offices"] == offices


class RecordingReporter:
    """Keeps every progress step, as a terminal reporter would draw it."""

    def __init__(self) -> None:
        self.steps: list[tuple[str, str, float]] = []
        self.done: list[str] = []

    def start(self, total: int) -> None:
        pass

    def step(self, project: str, document: str, share: float) -> None:
        self.steps.append((project, document, share))

    def project_done(self, result: ProjectResult) -> None:
        self.done.append(result.name)

    def finish(self) -> None:
        pass


def test_terminal_bar_moves_per_document_and_names_project_and_document() -> None:
    stream = FakeTty()
    reporter = TerminalReporter(stream)
    reporter.start(2)
    reporter.step("alpha", "charter.docx", 0.5)
    assert stream.getvalue().endswith("] 0/2  25% alpha: charter.docx")
    reporter.step("beta", "sow.docx", 0.5)
    assert stream.getvalue().endswith("] 0/2  50% beta: sow.docx")
    reporter.project_done(ok_project(0, "alpha"))
    assert stream.getvalue().endswith("] 1/2  75% alpha")  # alpha whole, beta half
    reporter.finish()


@pytest.mark.parametrize("jobs", [1, 2])
def test_workers_report_each_document_of_each_project(tmp_path: Path, jobs: int) -> None:
    from docgen.batch import BuildRequest, run_build
    from tests.conftest import build_fakes

    fakes = build_fakes()
    projects = [fakes.write_project(tmp_path / "projects", name) for name in ("alpha", "beta")]
    reporter = RecordingReporter()
    request = BuildRequest(sources=projects, out=tmp_path / "out", jobs=jobs)
    assert run_build(request, reporter, renderers=fakes.fake_renderers()).exit_code == 0
    for name in ("alpha", "beta"):
        steps = [(document, share) for project, document, share in reporter.steps if project == name]
        assert steps == [("fake-doc.docx", 0.5), ("fake-sheet.xlsx", 1.0)], name
    assert sorted(reporter.done) == ["alpha", "beta"]


def test_pdf_conversions_are_steps_too(tmp_path: Path) -> None:
    from docgen.batch import BuildRequest, run_build
    from tests.conftest import build_fakes, require_soffice

    require_soffice()
    fakes = build_fakes()
    project = fakes.write_project(tmp_path / "projects", "alpha")
    reporter = RecordingReporter()
    request = BuildRequest(sources=[project], out=tmp_path / "out", jobs=1, pdf=True)
    assert run_build(request, reporter, renderers=fakes.fake_renderers()).exit_code == 0
    steps = [(document, share) for _, document, share in reporter.steps]
    assert steps[:2] == [("fake-doc.docx", 0.25), ("fake-sheet.xlsx", 0.5)]
    assert [share for _, share in steps[2:]] == [0.75, 1.0]  # one step per PDF, in the order they appear
    assert {document for document, _ in steps[2:]} == {"fake-doc.pdf", "fake-sheet.pdf"}
