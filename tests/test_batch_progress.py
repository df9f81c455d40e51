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
