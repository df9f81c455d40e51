"""`docgen init` links the starter to a schema beside the projects, never into an installation."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen import resources
from docgen.cli import main
from docgen.schema import SCHEMA_FILE, schema_text
from docgen.starter import find_project_schema, init_project

PREFIX = "# yaml-language-server: $schema="


def schema_link(project: Path) -> Path:
    first = project.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith(PREFIX)
    return (project.parent / first.removeprefix(PREFIX)).resolve()


def test_projects_in_a_repository_share_one_schema_beside_them(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    first = init_project(tmp_path / "projects" / "alpha")
    assert first == [tmp_path / "projects" / "alpha" / "project.yaml", tmp_path / "projects" / SCHEMA_FILE]
    assert init_project(tmp_path / "projects" / "beta") == [tmp_path / "projects" / "beta" / "project.yaml"]
    for name in ("alpha", "beta"):
        assert schema_link(tmp_path / "projects" / name / "project.yaml") == (tmp_path / "projects" / SCHEMA_FILE)
    assert (tmp_path / "projects" / SCHEMA_FILE).read_text(encoding="utf-8") == schema_text()


def test_outside_a_repository_the_schema_goes_beside_the_project(tmp_path: Path) -> None:
    written = init_project(tmp_path / "alone")
    assert written[1] == tmp_path / "alone" / SCHEMA_FILE
    assert schema_link(written[0]) == written[1]


def test_a_schemas_folder_above_is_found(tmp_path: Path) -> None:
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / SCHEMA_FILE).write_text(schema_text())
    (project,) = init_project(tmp_path / "samples" / "demo")
    assert project.read_text().splitlines()[0] == PREFIX + "../../schemas/project.schema.json"


def test_a_schema_inside_the_python_environment_is_never_used(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    environment = tmp_path / "venv"
    (environment / "projects").mkdir(parents=True)
    (environment / SCHEMA_FILE).write_text(schema_text())
    monkeypatch.setattr(sys, "prefix", str(environment))
    assert find_project_schema(environment / "projects") is None


def test_the_search_stops_at_the_repository_root(tmp_path: Path) -> None:
    (tmp_path / SCHEMA_FILE).write_text(schema_text())  # outside the repository: not the team's
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    assert find_project_schema(tmp_path / "repo" / "projects") is None


def test_schema_without_out_writes_to_the_current_directory_when_installed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(resources, "in_checkout", lambda: False)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0 and (tmp_path / SCHEMA_FILE).read_text() == schema_text()


def test_init_prints_every_file_it_writes(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["init", str(tmp_path / "p")])
    assert result.output.splitlines() == [f"wrote {tmp_path / 'p' / 'project.yaml'}",
                                          f"wrote {tmp_path / 'p' / SCHEMA_FILE}"]


def test_a_new_project_starts_on_the_next_monday_with_every_date_moved_alike(tmp_path):
    import datetime as dt

    from docgen.loader import load_project

    (path, *_) = init_project(tmp_path / "new", today=dt.date(2027, 3, 3))  # a Wednesday
    project = load_project(path)
    assert project.project.start == dt.date(2027, 3, 8)
    shift = project.project.start - dt.date(2026, 1, 12)
    assert project.project.end == dt.date(2026, 6, 30) + shift
    assert all(m.date >= project.project.start for m in project.charter.milestones)
