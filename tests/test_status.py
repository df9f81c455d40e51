"""`docgen status`: figures as of a day, matching the data, moving when the data moves."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from docgen.loader import load_project
from docgen.models import Status, TestResult
from docgen.models.history import changes_between, snapshot, traffic_light
from docgen.status import portfolio, project_status
from tests.conftest import ROOT, SAMPLE

SECOND = ROOT / "samples" / "business-groupware" / "project.yaml"


def _flip(tmp_path: Path, item_id: str, old: str, new: str) -> Path:
    text = SAMPLE.read_text(encoding="utf-8")
    start = text.index(f"  - id: {item_id}\n")
    at = text.index(old, start)
    copy = tmp_path / "project.yaml"
    copy.write_text(text[:at] + new + text[at + len(old):], encoding="utf-8")
    return copy


def test_figures_match_the_data(sample_project) -> None:
    status = project_status(SAMPLE)
    items = sample_project.requirements
    assert (status.items, status.done) == (len(items), len([r for r in items if r.status is Status.done]))
    as_of = sample_project.project.as_of
    assert sorted(i.id for i in status.overdue) == sorted(r.id for r in items if r.is_overdue(as_of))
    cases = [*sample_project.tests.internal, *sample_project.tests.customer]
    for result, name in ((TestResult.passed, "passed"), (TestResult.failed, "failed"),
                         (TestResult.blocked, "blocked"), (TestResult.not_run, "not_run")):
        assert status.tests_with(name) == len([c for c in cases if c.result is result])
    assert status.phase == "implementation" and status.phase_since == "2026-04-24"
    assert status.exit_gate.name == "implementation-done" and not status.exit_gate.passed
    assert status.next_milestone.id == "M5"


def test_flipping_one_item_moves_the_figures(tmp_path: Path) -> None:
    before = project_status(SAMPLE)
    after = project_status(_flip(tmp_path, "REQ-015", "status: in_progress", "status: done"))
    assert after.done == before.done + 1
    assert len(after.overdue) == len(before.overdue) - 1
    assert len(after.exit_gate.blockers) == len(before.exit_gate.blockers) - 1


def test_as_of_an_earlier_day_counts_only_what_was_done_by_then(sample_project) -> None:
    status = project_status(SAMPLE, dt.date(2026, 11, 20))
    done_by_then = [r for r in sample_project.requirements if r.done_on and r.done_on <= dt.date(2026, 11, 20)]
    assert status.done == len(done_by_then)
    assert status.items == len([r for r in sample_project.requirements
                                if not r.raised_on or r.raised_on <= dt.date(2026, 11, 20)])
    assert status.tests_with("failed") == 2  # AT-02 failed then; it passed on 2026-11-24


def test_changes_between_two_report_dates(sample_project) -> None:
    changes = changes_between(sample_project, dt.date(2026, 11, 20), dt.date(2026, 11, 27))
    assert [r.id for r in changes.done] == ["REQ-017", "REQ-032"]
    assert [r.id for r in changes.added] == ["REQ-035"]
    assert [r.id for r in changes.slipped] == ["REQ-024", "REQ-031"]  # late since 11-21 and 11-26
    assert [(c.case.id, c.before.value, c.after.value) for c in changes.tests] == [
        ("AT-01", "not_run", "pass"), ("AT-02", "fail", "pass"), ("AT-03", "not_run", "pass"),
        ("AT-04", "not_run", "pass"), ("AT-05", "not_run", "pass")]
    assert not changes_between(sample_project, dt.date(2026, 11, 27), dt.date(2026, 11, 27))


def test_traffic_light_rules(sample_project) -> None:
    light, reasons = traffic_light(sample_project, snapshot(sample_project, dt.date(2026, 11, 27)))
    assert light.value == "amber"
    assert {r.key: r.count for r in reasons} == {"items_overdue": 3, "tests_failed": 1, "tests_blocked": 1}
    early = snapshot(sample_project, dt.date(2026, 3, 1))
    assert traffic_light(sample_project, early)[0].value == "green"


def test_traceability_gaps(sample_project) -> None:
    trace = project_status(SAMPLE).traceability
    tested = {c.requirement for c in [*sample_project.tests.internal, *sample_project.tests.customer]}
    assert "REQ-015" not in trace.requirements_without_test and "REQ-001" in trace.requirements_without_test
    assert set(trace.requirements_without_test) == {r.id for r in sample_project.requirements} - tested
    assert trace.tests_without_requirement == ["IT-08", "IT-09", "AT-01", "AT-02", "AT-03", "AT-04", "AT-05"]
    assert project_status(SECOND).traceability.work_packages_without_requirements == ["WP-02", "WP-03"]


def test_portfolio_is_worst_first_and_an_invalid_file_comes_first(tmp_path: Path) -> None:
    broken = tmp_path / "broken" / "project.yaml"
    broken.parent.mkdir()
    broken.write_text("schema_version: 1\nproject: {}\n", encoding="utf-8")
    rows = portfolio([SAMPLE, SECOND, broken])
    assert [r.id for r in rows] == ["broken", "altmark-business-mail", "nordhafen-mail"]
    assert rows[0].problems and [r.light for r in rows[1:]] == ["red", "amber"]


def _docgen(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "docgen", *args], capture_output=True, text=True)


def test_cli_prints_a_page_for_one_project_and_lines_for_a_directory() -> None:
    page = _docgen("status", str(SAMPLE))
    assert page.returncode == 0, page.stderr
    assert "checklist: 24/42 done, 18 open, 3 overdue" in page.stdout
    assert "gate implementation-done (ends this phase): blocked by" in page.stdout
    assert "decision: Go on 2026-04-24 by " in page.stdout
    lines = _docgen("status", str(ROOT / "samples")).stdout.splitlines()
    assert [line.split()[:2] for line in lines] == [["RED", "altmark-business-mail"], ["AMBER", "nordhafen-mail"]]


def test_cli_json_and_as_of() -> None:
    done = _docgen("status", str(SAMPLE), "--json", "--as-of", "2026-11-20")
    [project] = json.loads(done.stdout)["projects"]
    assert project["as_of"] == "2026-11-20" and project["id"] == "nordhafen-mail"
    assert project["done"] == 22 and project["light"] in ("green", "amber", "red")
    bad = _docgen("status", str(SAMPLE), "--as-of", "27.11.2026")
    assert bad.returncode == 2


@pytest.mark.parametrize(("field", "old"), [("done_on", "done_on: 2026-03-12"), ("raised_on", "status: done")])
def test_history_dates_are_validated(tmp_path: Path, field: str, old: str) -> None:
    path = _flip(tmp_path, "REQ-001", old, f"{field}: 2026-02-30" + ("\n    status: done" if old == "status: done" else ""))
    done = _docgen("validate", str(path))
    assert done.returncode == 1 and f"requirements[0].{field}" in done.stderr


def test_second_sample_is_early_initialization_with_no_go_pending() -> None:
    project = load_project(SECOND)
    assert project.project.phase.value == "initialization" and project.decision.go is None
    assert project.project.language.value == "de"


@pytest.mark.parametrize(("reports", "message"), [
    ("  - {date: 2026-02-06, overall: red}", "status_reports[0]: an overridden traffic light needs overall_reason"),
    ("  - {date: 2026-02-06}\n  - {date: 2026-02-06}", "two status reports are dated 2026-02-06"),
    ("  - {date: 2026-02-06, risks: [{title: x, owner: nobody}]}", "status_reports[0].risks[0].owner: no person"),
])
def test_status_reports_are_validated(tmp_path: Path, minimal_yaml: str, reports: str, message: str) -> None:
    path = tmp_path / "project.yaml"
    path.write_text(minimal_yaml + "status_reports:\n" + reports + "\n", encoding="utf-8")
    done = _docgen("validate", str(path))
    assert done.returncode == 1 and message in done.stderr, done.stderr


def test_a_project_without_history_counts_undated_items_as_always_done(tmp_path: Path, minimal_yaml: str) -> None:
    path = tmp_path / "project.yaml"
    path.write_text(minimal_yaml + "requirements:\n  - {id: R1, title: t, side: customer, responsible: jdoe,"
                    " status: done}\n", encoding="utf-8")
    status = project_status(path, dt.date(2026, 1, 5))
    assert (status.items, status.done, status.light) == (1, 1, "green")
    assert status.phase_since == "2026-01-05" and status.days_in_phase == 0
