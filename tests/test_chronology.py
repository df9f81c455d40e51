"""A document that shows something dated after itself: a located warning, and the
document itself shows the state of its own date."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from docgen.cli import main
from docgen.renderers import get_renderer
from docgen.validation import check_file
from tests.renderers.conftest import document_text, options

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "mail-migration" / "project.yaml"
SAMPLE_DATA = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
D = dt.date


def write(tmp_path: Path, change) -> Path:
    data = copy.deepcopy(SAMPLE_DATA)
    change(data)
    path = tmp_path / "project.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_the_sample_has_no_warnings():
    assert check_file(SAMPLE).warnings == []


CASES = [
    (lambda d: d["lessons_learned"]["document"].update(date=D(2026, 10, 20)),
     "launch.support_handover.ticket_process_test",
     "lessons_learned dated 2026-10-20 shows the ticket process test AT-10 of 2026-11-20"),
    (lambda d: d["concept"]["document"].update(date=D(2026, 9, 30)), "concept.revisions[3].date",
     "the concept dated 2026-09-30 lists revision 1.2 of 2026-11-20"),
    (lambda d: d["charter"]["document"].update(date=D(2026, 9, 1)), "charter.milestones[3].done",
     "the charter dated 2026-09-01 shows milestone M4 of 2026-10-02 as done"),
    (lambda d: d["lessons_learned"].update(retrospective_date=D(2026, 11, 26)), "lessons_learned.retrospective_date",
     "the lessons learned dated 2026-11-25 report a retrospective of 2026-11-26"),
]


@pytest.mark.parametrize(("change", "path", "message"), CASES, ids=[c[1] for c in CASES])
def test_a_later_fact_is_a_located_warning(tmp_path, change, path, message):
    result = check_file(write(tmp_path, change))
    assert result.problems == []
    (warning,) = result.warnings
    assert (warning.path, warning.message) == (path, message) and warning.where


def test_validate_prints_warnings_and_still_passes(tmp_path):
    path = write(tmp_path, CASES[0][0])
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 0 and result.stdout.strip() == f"ok: {path}"
    assert result.stderr.startswith(f"warning: {path}:") and "ticket process test AT-10" in result.stderr


def test_lessons_learned_show_the_handover_as_of_their_own_date(sample_project):
    project = sample_project.model_copy(deep=True)
    project.lessons_learned.document.date = D(2026, 10, 20)
    [output] = get_renderer("lessons-learned").render(project, options())
    lines = document_text(output.data).splitlines()
    assert lines[lines.index("Ticket process tested") + 1] == "No"  # AT-10 ran on 20 November
