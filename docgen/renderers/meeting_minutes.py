"""Meeting Minutes: one file per meeting, with the open actions of earlier meetings."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from .. import i18n
from ..i18n import Labels
from ..models import Action, DocumentInfo, DocumentStatus, Meeting, Project
from ..models.completeness import meeting_missing
from .base import Output, RenderOptions
from .docx_common import DocxRenderer, load_template, render_docx
from .docx_context import DocxContext, PersonView, base_fields, people_views, short_date
from .selection import pick


@dataclass(frozen=True)
class MeetingView:
    id: str
    date: str
    kind: str
    title: str
    heading: str  # "Status call – Provisioning review"
    location: str
    extra: dict[str, object]  # the Meeting's own extra: for a team's templates
    extra_of = Meeting  # whose extra: keys `templates check --project` expects (not a field)


@dataclass(frozen=True)
class ActionView:
    number: int
    title: str
    responsible: str
    side: str
    due: str
    requirement: str  # its id
    requirement_title: str
    status: str
    origin: str  # date of the meeting that agreed it


@dataclass(frozen=True)
class MinutesContext(DocxContext):
    meeting: MeetingView
    attendees: list[PersonView]
    topics: list[str]
    decisions: list[str]
    actions: list[ActionView]
    carried: list[ActionView]


def build_context(project: Project, options: RenderOptions, template: object,
                  meeting: Meeting) -> MinutesContext:
    # Minutes have no document control of their own: version 1.0 of the meeting's date,
    # written by whoever took them.
    info = DocumentInfo(version="1.0", status=DocumentStatus.final, date=meeting.date,
                        author=meeting.minutes_by)
    base = base_fields(project, options, template, "title_meeting_minutes", info,
                       complete=not meeting_missing(project, meeting))
    labels: Labels = base["labels"]
    return MinutesContext(
        **base,
        meeting=meeting_view(meeting, labels),
        attendees=people_views(project, meeting.attendees, labels),
        topics=list(meeting.topics),
        decisions=list(meeting.decisions),
        actions=[action_view(project, meeting, a, n, labels, meeting.date) for n, a in enumerate(meeting.actions, 1)],
        carried=carried_actions(project, meeting, labels),
    )


def meeting_view(meeting: Meeting, labels: Labels) -> MeetingView:
    kind = labels[f"meeting.{meeting.kind.value}"]
    heading = f"{kind} \u2013 {meeting.title}" if meeting.title else kind
    return MeetingView(meeting.id, i18n.format_date(meeting.date, labels.language), kind, meeting.title,
                       heading, meeting.location, meeting.extra)


def action_view(project: Project, meeting: Meeting, action: Action, number: int, labels: Labels,
                as_of: dt.date) -> ActionView:
    """The action as it stood on `as_of`, the date of the minutes that show it."""
    person = project.person(action.responsible)
    title = project.requirement(action.requirement).title if action.requirement else ""
    if action.checklist and not action.requirement:  # `docgen checklist-actions` has not run yet
        title = labels.checklist_pending
    status = labels["status.done"] if action.is_done_on(as_of) else labels["status.open"]
    return ActionView(number, action.title, person.name, labels[f"side.{person.side.value}"],
                      short_date(action.due, labels.language), action.requirement or "", title, status,
                      short_date(meeting.date, labels.language))


def carried_actions(project: Project, meeting: Meeting, labels: Labels) -> list[ActionView]:
    """Actions of earlier meetings still open on this meeting's date, oldest meeting first.

    Minutes are final once taken: whatever is marked done after the meeting does not
    change them."""
    earlier = sorted((m for m in project.meetings if (m.date, m.id) < (meeting.date, meeting.id)),
                     key=lambda m: (m.date, m.id))
    return [action_view(project, m, a, n, labels, meeting.date)
            for m in earlier for n, a in enumerate(m.actions, 1) if not a.is_done_on(meeting.date)]


def minutes_filename(meeting: Meeting, meetings: list[Meeting] | None = None) -> str:
    """'meeting-minutes-2026-11-23.docx'; with the id appended only when another of
    `meetings` falls on the same day, so file names stay short and never collide."""
    shared = sum(1 for other in meetings or [] if other.date == meeting.date) > 1
    suffix = f"-{meeting.id}" if shared else ""
    return f"meeting-minutes-{meeting.date.isoformat()}{suffix}.docx"


@dataclass(frozen=True)
class MinutesRenderer(DocxRenderer):
    def render(self, project: Project, options: RenderOptions) -> list[Output]:
        wanted = pick(self.name, options.items, [m.id for m in project.meetings], "meeting")
        meetings = [m for m in project.meetings if wanted is None or m.id in wanted]
        if not meetings:
            return []
        source = load_template(self.template, options)
        outputs = []
        for meeting in sorted(meetings, key=lambda m: (m.date, m.id)):
            build = functools.partial(self.build, meeting=meeting)
            data = render_docx(source, project, options, build)
            outputs.append(Output(self.name, minutes_filename(meeting, project.meetings), data, source.sha256,
                                  final=True))
        return outputs


RENDERER = MinutesRenderer(
    name="meeting-minutes",
    title="Meeting Minutes",
    template="meeting-minutes.docx",
    context_type=MinutesContext,
    build=build_context,
)
