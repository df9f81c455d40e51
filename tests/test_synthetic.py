"""Synthetic projects: valid through the real loader, deterministic, realistic enough."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from docgen.loader import load_project
from docgen.models import Project, Side, find_reference_problems
from docgen.synthetic import synthetic_project, write_synthetic_project

SMALL = {"requirements": 200, "meetings": 8, "tests": 30}


@pytest.fixture(scope="module")
def small_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_synthetic_project(tmp_path_factory.mktemp("synthetic") / "project.yaml", **SMALL)


def test_written_project_loads_through_the_loader(small_file: Path) -> None:
    project = load_project(small_file)
    assert len(project.requirements) == 200
    assert len(project.meetings) == 8
    assert len(project.tests.internal) + len(project.tests.customer) == 30
    assert project.tests.internal and project.tests.customer
    assert project.sow is not None and project.sow.work_packages


def test_data_validates_directly_without_reference_problems() -> None:
    data = synthetic_project(**SMALL, seed=3)
    Project.model_validate(data)
    assert find_reference_problems(data, Project) == []


def test_data_is_plain_and_safe_dumpable() -> None:
    data = synthetic_project(**SMALL)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    assert yaml.safe_load(text) == data


def test_same_seed_same_output(tmp_path: Path) -> None:
    assert synthetic_project(**SMALL, seed=7) == synthetic_project(**SMALL, seed=7)
    first = write_synthetic_project(tmp_path / "a.yaml", **SMALL, seed=7)
    second = write_synthetic_project(tmp_path / "b.yaml", **SMALL, seed=7)
    assert first.read_bytes() == second.read_bytes()


def test_different_seed_different_output(tmp_path: Path) -> None:
    assert synthetic_project(**SMALL, seed=1) != synthetic_project(**SMALL, seed=2)
    first = write_synthetic_project(tmp_path / "a.yaml", **SMALL, seed=1)
    second = write_synthetic_project(tmp_path / "b.yaml", **SMALL, seed=2)
    assert first.read_bytes() != second.read_bytes()


def test_requested_sizes_are_honoured() -> None:
    data = synthetic_project(requirements=37, meetings=0, tests=0)
    project = Project.model_validate(data)
    assert len(project.requirements) == 37
    assert project.meetings == [] and project.tests.internal == [] and project.tests.customer == []


def test_content_is_varied_and_realistic(small_file: Path) -> None:
    project = load_project(small_file)
    titles = [r.title for r in project.requirements]
    assert len(set(titles)) > len(titles) // 2
    assert {r.side for r in project.requirements} == {Side.customer, Side.vendor}
    assert len({r.status for r in project.requirements}) == 4
    text = small_file.read_text(encoding="utf-8")
    assert any(ch in text for ch in "äöüÄÖÜß")
    verified = [r for r in project.requirements if r.verified]
    assert verified and all(r.is_done and r.verified_on for r in verified)


def test_dates_are_consistent() -> None:
    project = Project.model_validate(synthetic_project(**SMALL, seed=11))
    assert project.project.end and project.project.start < project.project.end
    milestones = [m.date for m in project.charter.milestones]
    assert milestones == sorted(milestones)
    assert project.launch.soft_launch.date < project.launch.go_live
    meetings = [m.date for m in project.meetings]
    assert meetings == sorted(meetings)
    assert all(isinstance(d, dt.date) for d in meetings)
