"""`--only meeting-minutes:MTG-ID` builds one meeting; minutes are named by their date."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.cli import main
from docgen.loader import load_project
from docgen.renderers.meeting_minutes import minutes_filename
from docgen.renderers.selection import selected_items
from docgen.errors import UsageError
from tests.conftest import SAMPLE


@pytest.fixture
def project(tmp_path: Path) -> Path:
    target = tmp_path / "p" / "project.yaml"
    target.parent.mkdir()
    shutil.copy(SAMPLE, target)
    return target


def build(*args: object):
    return CliRunner().invoke(main, ["build", *map(str, args)])


def test_one_meeting_alone(project: Path, tmp_path: Path) -> None:
    result = build(project, "--only", "meeting-minutes:MTG-2026-11-23", "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    built = sorted(p.name for p in (tmp_path / "out" / "nordhafen-mail").iterdir())
    assert built == ["meeting-minutes-2026-11-23.docx"]


def test_an_unknown_meeting_names_the_known_ones(project: Path, tmp_path: Path) -> None:
    result = build(project, "--only", "meeting-minutes:MTG-2026-11-24", "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert "--only meeting-minutes:MTG-2026-11-24: no meeting 'MTG-2026-11-24' in this project" in result.output
    assert "MTG-2026-11-23" in result.output


def test_items_only_where_a_document_has_them() -> None:
    with pytest.raises(UsageError, match="'charter' is one document and takes no item; items work for: "
                                         "meeting-minutes:<meeting id>"):
        selected_items(["charter:x"])
    with pytest.raises(UsageError, match="nothing after ':'"):
        selected_items(["meeting-minutes:"])
    assert selected_items(["meeting-minutes:A", "meeting-minutes:B", "sow"]) == {"meeting-minutes": {"A", "B"}}
    assert selected_items(["meeting-minutes:A", "meeting-minutes"]) == {}  # the whole set was asked for too
    assert build(SAMPLE, "--only", "charter:x", "-o", "unused").exit_code == 2


def test_minutes_names_carry_the_id_only_when_two_meetings_share_a_day() -> None:
    meetings = load_project(SAMPLE).meetings
    first = meetings[0]
    twin = first.model_copy(update={"id": "MTG-EXTRA"})
    assert minutes_filename(first, meetings) == f"meeting-minutes-{first.date.isoformat()}.docx"
    assert minutes_filename(first, [*meetings, twin]) == f"meeting-minutes-{first.date.isoformat()}-{first.id}.docx"
    assert minutes_filename(twin, [*meetings, twin]) == f"meeting-minutes-{first.date.isoformat()}-MTG-EXTRA.docx"
