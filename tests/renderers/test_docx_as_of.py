"""Documents as of their own date: minutes as they stood at the meeting, the concept's
overdue marks at the concept's date, whatever happened later."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from docgen.models import Project
from docgen.renderers import get_renderer

from .conftest import document_text, options

MINUTES = get_renderer("meeting-minutes")
CONCEPT = get_renderer("implementation-concept")


def minutes_of(project: Project) -> dict[str, bytes]:
    return {output.filename: output.data for output in MINUTES.render(project, options())}


def action(project: Project, meeting_id: str, title_start: str):
    meeting = next(m for m in project.meetings if m.id == meeting_id)
    return next(a for a in meeting.actions if a.title.startswith(title_start))


def test_minutes_do_not_change_when_a_later_action_is_marked_done(sample_project):
    before = minutes_of(sample_project)
    later = sample_project.model_copy(deep=True)
    fix = action(later, "MTG-2026-11-16", "Fix tariff change")
    fix.done, fix.done_on = True, dt.date(2026, 11, 30)  # after every meeting of the sample
    assert minutes_of(later) == before


def test_an_action_done_before_a_meeting_leaves_its_carried_list(sample_project):
    name = "meeting-minutes-2026-11-23.docx"
    assert "Fix tariff change for business tariffs" in document_text(minutes_of(sample_project)[name])
    earlier = sample_project.model_copy(deep=True)
    fix = action(earlier, "MTG-2026-11-16", "Fix tariff change")
    fix.done, fix.done_on = True, dt.date(2026, 11, 20)
    after = minutes_of(earlier)
    assert "Fix tariff change for business tariffs" not in document_text(after[name])
    before = minutes_of(sample_project)
    assert [n for n in before if before[n] != after[n]] == [name]


def test_an_action_done_after_its_meeting_shows_open_in_later_minutes_until_then(sample_project):
    # 'Order the licence extension' (16 Nov) was done on 18 Nov: minutes of a meeting on
    # 17 Nov carry it as open, the minutes of 23 Nov do not.
    project = sample_project.model_copy(deep=True)
    extra = project.meetings[-2].model_copy(update={"id": "MTG-2026-11-17", "date": dt.date(2026, 11, 17),
                                                    "actions": []})
    project.meetings.insert(len(project.meetings) - 1, extra)
    texts = {name: document_text(data) for name, data in minutes_of(project).items()}
    assert "Order the licence extension" in texts["meeting-minutes-2026-11-17.docx"]
    assert "Order the licence extension" not in texts["meeting-minutes-2026-11-23.docx"]


def test_the_concept_marks_overdue_items_at_its_own_date(sample_project):
    # The concept is dated 2026-11-20; REQ-031 is due 2026-11-25 and REQ-015 was due
    # 2026-10-30. At the project's as-of date (27 Nov) both are overdue, at the concept's not.
    [output] = CONCEPT.render(sample_project, options())
    lines = document_text(output.data).splitlines()
    status_of = {item: lines[lines.index(item) + 6] for item in ("REQ-015", "REQ-031")}
    assert status_of["REQ-015"] == "In progress \u2013 Overdue"
    assert status_of["REQ-031"] == "In progress"


def test_an_item_done_after_the_concept_is_an_open_point_in_it(sample_project):
    project = sample_project.model_copy(deep=True)
    item = project.requirement("REQ-031")
    item.status, item.done_on = item.status.done, dt.date(2026, 11, 26)
    [output] = CONCEPT.render(project, options())
    assert "REQ-031" in document_text(output.data).splitlines()


def test_a_cover_is_never_dated_by_the_build_day(sample_project):
    def cover_date(project, today):
        [output] = get_renderer("charter").render(project, replace(options(), today=today))
        lines = document_text(output.data).splitlines()
        return lines[lines.index("Date") + 1], "DRAFT" in lines

    undated = sample_project.model_copy(deep=True)
    undated.charter.document.date = None
    assert cover_date(undated, dt.date(2030, 1, 1)) == ("27 Nov 2026", True)  # the as-of date; a draft
    undated.project.as_of = None
    assert cover_date(undated, dt.date(2030, 1, 1)) == ("not dated", True)
    assert cover_date(sample_project, dt.date(2030, 1, 1)) == ("23 Nov 2026", False)
