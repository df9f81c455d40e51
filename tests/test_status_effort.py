"""`docgen status` shows booked against planned effort per work package and the early steps."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

from docgen.status import portfolio, project_status
from docgen.status_text import portfolio_line, status_page
from tests.conftest import SAMPLE

JULY = "{work_package: WP-02, month: 2026-07, days: 7.5,"


def _with_booking(tmp_path: Path, new: str) -> Path:
    text = SAMPLE.read_text(encoding="utf-8")
    assert JULY in text
    copy = tmp_path / "project.yaml"
    copy.write_text(text.replace(JULY, new), encoding="utf-8")
    return copy


def _packages(status) -> dict:
    return {p.id: p for p in status.effort.packages}


def test_sample_effort_per_work_package() -> None:
    effort = project_status(SAMPLE).effort
    packages = _packages(project_status(SAMPLE))
    assert (effort.baseline_days, effort.approved_days, effort.planned_days) == ("92", "4", "96")  # CR-01 approved
    assert (effort.booked_days, effort.remaining_days) == ("39.81", "56.19")
    wp02, wp05 = packages["WP-02"], packages["WP-05"]
    assert (wp02.planned_days, wp02.booked_days, wp02.remaining_days, wp02.used_percent) == ("15", "16.5", "-1.5", 110)
    assert wp02.over_budget and [p.id for p in effort.over_budget] == ["WP-02"]
    assert (wp05.planned_days, wp05.booked_days, wp05.remaining_days) == ("18", "15.81", "2.19")  # 15 days + 6.5 h


def test_flipping_a_booking_moves_the_figures_and_the_flag(tmp_path: Path) -> None:
    under = project_status(_with_booking(tmp_path, "{work_package: WP-02, month: 2026-07, days: 5,"))
    wp02 = _packages(under)["WP-02"]
    assert (wp02.booked_days, wp02.remaining_days, wp02.over_budget) == ("14", "1", False)
    assert under.effort.booked_days == "37.31" and under.effort.over_budget == []
    assert "OVER BUDGET" not in status_page(under) and "over budget" not in portfolio_line(under)


def test_effort_counts_up_to_the_as_of_day() -> None:
    earlier = project_status(SAMPLE, dt.date(2026, 6, 20))  # before CR-01 was approved and WP-02 overran
    packages = _packages(earlier)
    assert packages["WP-05"].planned_days == "14" and packages["WP-02"].booked_days == "9"
    assert earlier.effort.booked_days == "16.5" and earlier.effort.over_budget == []


def test_the_page_and_the_portfolio_line_flag_the_over_budget_package() -> None:
    status = project_status(SAMPLE)
    page = status_page(status)
    assert ("effort: 39.81 of 96 planned days booked (SOW 92 + 4 approved changes), 56.19 remaining, "
            "1 work package(s) over budget") in page
    [wp02] = [line for line in page.splitlines() if line.strip().startswith("WP-02")]
    assert "16.5 / 15" in wp02 and "110%" in wp02 and "-1.5 remaining" in wp02 and wp02.endswith("OVER BUDGET")
    assert "effort 39.81/96d (1 WP over budget)" in portfolio_line(status)


def test_the_page_lists_the_early_steps_done_planned_and_overdue() -> None:
    page = status_page(project_status(SAMPLE))
    steps = page[page.index("early steps:"):page.index("next milestone:")].splitlines()
    assert steps[0] == "early steps: 5/6 done"
    assert steps[1].split() == ["done", "2026-02-24", "Technical", "demo"]
    assert "Proof of concept" in steps[3] and steps[6].split()[:2] == ["planned", "2026-12-10"]
    late = status_page(project_status(SAMPLE, dt.date(2026, 12, 11)))
    assert "  overdue  2026-12-10  training: 1st level support" in late


def test_json_carries_effort_and_early_steps() -> None:
    done = subprocess.run([sys.executable, "-m", "docgen", "status", str(SAMPLE), "--json"],
                          capture_output=True, text=True)
    [project] = json.loads(done.stdout)["projects"]
    effort = project["effort"]
    assert effort["planned_days"] == "96" and effort["over_budget"] == ["WP-02"]
    wp02 = next(p for p in effort["packages"] if p["id"] == "WP-02")
    assert wp02 == {"id": "WP-02", "title": "Platform installation (staging and production)", "planned_days": "15",
                    "booked_days": "16.5", "remaining_days": "-1.5", "used_percent": 110, "over_budget": True}
    assert [(s["kind"], s["state"]) for s in project["early_steps"]][:2] == [("demo", "done"), ("workshop", "done")]


def test_a_project_without_sow_or_bookings_has_no_effort(tmp_path: Path, minimal_yaml: str) -> None:
    path = tmp_path / "project.yaml"
    path.write_text(minimal_yaml, encoding="utf-8")
    [status] = portfolio([path])
    assert status.effort is None and "effort: no SOW and no bookings" in status_page(status)
    assert "effort" not in portfolio_line(status)


def test_an_approved_change_that_takes_days_away_reads_as_a_minus(tmp_path: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    old = "      - work_package: WP-05\n        effort_days: 4\n"
    assert old in text
    path = tmp_path / "project.yaml"
    path.write_text(text.replace(old, "      - work_package: WP-05\n        effort_days: -2\n"), encoding="utf-8")
    page = status_page(project_status(path))
    assert "effort: 39.81 of 90 planned days booked (SOW 92 - 2 approved changes)" in page
