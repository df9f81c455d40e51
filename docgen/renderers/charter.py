"""Project Charter: goals, scope, stakeholders, RACI, milestones, organisation, sign-off."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from babel.dates import get_day_names

from .. import i18n
from ..i18n import Labels
from ..models import Charter, Milestone, Project, Side
from ..models.completeness import missing_content
from .base import RenderOptions
from .docx_common import DocxRenderer
from .docx_context import (DocxContext, PersonView, Signatory, TextPart, base_fields, people_views,
                           document_day, short_date, signatories)
from .docx_markdown import RichBlock

TIMELINE_WIDTH = 6  # milestones per timeline row; more would not fit their titles

@dataclass(frozen=True)
class StakeholderGroup:
    organisation: str
    side: str
    people: list[PersonView]


@dataclass(frozen=True)
class RaciRow:
    activity: str
    cells: list[str]  # "R", "A", "R/A", ... one per person of the matrix


@dataclass(frozen=True)
class Raci:
    people: list[PersonView]
    rows: list[RaciRow]


@dataclass(frozen=True)
class MilestoneView:
    id: str
    title: str
    description: str
    date: str
    phase: str
    status: str
    marker: str  # filled when done
    extra: dict[str, object]  # the Milestone's own extra: for a team's templates
    extra_of = Milestone  # whose extra: keys `templates check --project` expects (not a field)


@dataclass(frozen=True)
class CharterContext(DocxContext):
    background: RichBlock
    goals: list[str]
    scope_in: list[str]
    scope_out: list[str]
    stakeholder_groups: list[StakeholderGroup]
    raci: Raci
    milestones: list[MilestoneView]
    timeline: list[list[MilestoneView]]
    organisation: list[TextPart]
    status_call: str
    signatories: list[Signatory]


def build_context(project: Project, options: RenderOptions, template: object) -> CharterContext:
    charter = project.charter
    base = base_fields(project, options, template, "title_charter", charter.document,
                       complete=not missing_content(project, "charter"))
    labels: Labels = base["labels"]
    milestones = [_milestone(m, labels, document_day(charter.document, options)) for m in charter.milestones]
    return CharterContext(
        **base,
        background=RichBlock(charter.background),
        goals=list(charter.goals),
        scope_in=list(charter.scope.included),
        scope_out=list(charter.scope.excluded),
        stakeholder_groups=_stakeholder_groups(project, labels),
        raci=_raci(project, charter, labels),
        milestones=milestones,
        timeline=_rows_of(milestones),
        organisation=_organisation(charter, labels),
        status_call=_status_call(charter, labels),
        signatories=signatories(project, charter.signatories, labels, charter.signed),
    )


def _rows_of(milestones: list[MilestoneView]) -> list[list[MilestoneView]]:
    """Timeline rows of at most TIMELINE_WIDTH milestones, as even as possible (8 = 4 + 4)."""
    if not milestones:
        return []
    rows = -(-len(milestones) // TIMELINE_WIDTH)
    size = -(-len(milestones) // rows)
    return [milestones[i:i + size] for i in range(0, len(milestones), size)]


def _stakeholder_groups(project: Project, labels: Labels) -> list[StakeholderGroup]:
    ids = project.charter.stakeholders or [p.id for p in project.people]
    people = people_views(project, ids, labels)
    groups = []
    for side, party in ((Side.customer, project.project.customer), (Side.vendor, project.project.vendor)):
        members = [p for p in people if p.side == labels[f"side.{side.value}"]]
        if members:
            groups.append(StakeholderGroup(party.name, labels[f"side.{side.value}"], members))
    return groups


def _raci(project: Project, charter: Charter, labels: Labels) -> Raci:
    rows = charter.responsibilities
    ids = [pid for r in rows for pid in (*r.responsible, r.accountable, *r.consulted, *r.informed)]
    people = people_views(project, ids, labels)
    return Raci(people, [RaciRow(r.activity, [_raci_cell(r, p.id) for p in people]) for r in rows])


def _raci_cell(row, person_id: str) -> str:
    roles = [("R", person_id in row.responsible), ("A", person_id == row.accountable),
             ("C", person_id in row.consulted), ("I", person_id in row.informed)]
    return "/".join(letter for letter, applies in roles if applies)


def _milestone(milestone: Milestone, labels: Labels, today: dt.date) -> MilestoneView:
    if milestone.done:
        status = labels["status.done"]
    else:
        status = labels.overdue if milestone.date < today else labels.planned
    return MilestoneView(milestone.id, milestone.title, milestone.description,
                         short_date(milestone.date, labels.language), labels[f"phase.{milestone.phase.value}"],
                         status, "\u25cf" if milestone.done else "\u25cb", milestone.extra)


def _organisation(charter: Charter, labels: Labels) -> list[TextPart]:
    org = charter.organisation
    parts = [(labels.documentation, org.documentation), (labels.reporting, org.reporting),
             (labels.communication, org.communication)]
    return [TextPart(title, RichBlock(text)) for title, text in parts if text.strip()]


def _status_call(charter: Charter, labels: Labels) -> str:
    call = charter.organisation.status_call
    if call is None:
        return ""
    channel = labels.status_call_channel.format(channel=call.channel) if call.channel else ""
    return labels.status_call_text.format(weekday=weekday_name(call.weekday, labels.language),
                                          time=call.time, minutes=call.duration_minutes, channel=channel)


def weekday_name(text: str, language: str) -> str:
    """'Monday' in the document's language when it is an English weekday, else as written."""
    english = get_day_names("wide", locale="en")
    for index, name in english.items():
        if name.lower() == text.strip().lower():
            return get_day_names("wide", locale=i18n.locale_of(language))[index]
    return text


RENDERER = DocxRenderer(
    name="charter",
    title="Project Charter",
    template="charter.docx",
    context_type=CharterContext,
    build=build_context,
)
