"""Messages a new user met and found weak now say what to write instead."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest

from docgen.errors import TemplateError
from docgen.loader import check_project
from docgen.models import Project
from docgen.renderers import RenderOptions, get_renderer
from docgen.resources import templates_dir
from tests.conftest import SAMPLE

MINIMAL = (Path(__file__).parent / "data" / "minimal.yaml").read_text(encoding="utf-8")


def problems_of(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "project.yaml"
    path.write_text(text, encoding="utf-8")
    return [str(problem).removeprefix(f"{path}:") for problem in check_project(path)]


@pytest.mark.parametrize("written, message", [
    ("2026-9-1", "project.start: 2026-9-1: write dates as YYYY-MM-DD with two-digit month and day: 2026-09-01"),
    ('"2026-09-1"', "project.start: 2026-09-1: write dates as YYYY-MM-DD with two-digit month and day: 2026-09-01"),
    ("2026-2-30", "project.start: 2026-2-30 is not a date in the calendar; write dates as YYYY-MM-DD"),
    ("2026-02-30", "project.start: 2026-02-30 is not a date in the calendar (the month or day is out of range)"),
])
def test_dates_in_the_wrong_form_say_the_right_form(tmp_path: Path, written: str, message: str) -> None:
    assert problems_of(tmp_path, MINIMAL.replace("start: 2026-01-05", f"start: {written}")) == [f"7:10: {message}"]


def test_numbers_in_the_wrong_form_say_what_a_number_looks_like(tmp_path: Path) -> None:
    text = MINIMAL + ("sow:\n  day_rate: 1.100,00\n  work_packages:\n"
                      "    - {id: WP1, title: Setup, effort_days: 8 days}\n"
                      "workshop:\n  topics:\n    - {title: Intro, minutes: half an hour}\n")
    assert problems_of(tmp_path, text) == [
        "11:13: sow.day_rate: '1.100,00' is not a number "
        "(write digits with a point for decimals, e.g. 8 or 1100.00; no units or thousands separators)",
        "13:44: sow.work_packages[0].effort_days: '8 days' is not a number "
        "(write digits with a point for decimals, e.g. 8 or 1100.00; no units or thousands separators)",
        "16:31: workshop.topics[0].minutes: 'half an hour' is not a whole number "
        "(write digits only, e.g. 30; no units or decimal places)",
    ]


def test_milestones_out_of_order_name_the_milestone(tmp_path: Path) -> None:
    text = MINIMAL + ("charter:\n  milestones:\n"
                      "    - {id: M1, title: Go, date: 2026-05-01, phase: initialization}\n"
                      "    - {id: M2, title: Launch, date: 2026-04-01, phase: approval}\n")
    (problem,) = problems_of(tmp_path, text)
    assert problem.endswith("charter: milestones must be listed in date order: 'M2' (2026-04-01) comes after "
                            "'M1' (2026-05-01); move it up or fix its date")


def test_a_missing_key_with_fixed_values_lists_them(tmp_path: Path) -> None:
    (problem,) = problems_of(tmp_path, MINIMAL.replace(", side: customer}", "}"))
    assert problem == "9:5: people[0]: missing required key 'side' (add 'side:' here, one of: customer, vendor)"


def test_a_key_one_level_too_high_is_sent_where_it_belongs(tmp_path: Path) -> None:
    (alone,) = problems_of(tmp_path, MINIMAL + "retrospective_date: 2026-10-16\n")
    assert alone == ("10:1: (top level): unknown key 'retrospective_date' ('retrospective_date' belongs under "
                     "'lessons_learned:'; move it there)")
    (problem,) = problems_of(tmp_path, MINIMAL + "goals: [Faster mail]\n")
    assert problem == ("10:1: (top level): unknown key 'goals' ('goals' belongs under one of charter, workshop; "
                       "move it there)")
    (shared,) = problems_of(tmp_path, MINIMAL + "document: {version: '2.0'}\n")
    assert shared.endswith("unknown key 'document' ('document' belongs under one of charter, workshop, concept, "
                           "sow, technical_documentation, lessons_learned; move it there)")
    (misspelt,) = problems_of(tmp_path, MINIMAL + "peple: []\n")
    assert misspelt.endswith("unknown key 'peple' (did you mean 'people'?)")  # a close match still wins


def test_a_template_error_names_template_paragraph_and_nearest_placeholder(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(templates_dir(), templates)
    document = docx.Document(str(templates / "charter.docx"))
    document.add_paragraph("Prepared for {{ project.project.titel }}")
    document.save(str(templates / "charter.docx"))
    paragraphs = len(document.element.body.findall(".//{*}p"))
    from docgen.loader import load_project

    project: Project = load_project(SAMPLE)
    with pytest.raises(TemplateError) as raised:
        get_renderer("charter").render(project, RenderOptions(templates_dir=templates, project_dir=SAMPLE.parent))
    assert str(raised.value) == (f"{templates / 'charter.docx'}, paragraph {paragraphs}: "
                                 "{{ project.project.titel }}: not provided by the data model "
                                 "(did you mean 'project.project.title'?)")
