"""Workshop Agendas of the initial workshops: timed topics with owners, and attendees.

`workshop:` is the first initial workshop (workshop-agenda.docx); each entry of
`workshops:` is a further one with its own agenda (workshop-agenda-<id>.docx).
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from .. import i18n
from ..i18n import Labels
from ..models import Environment, InitialWorkshop, Project, Topic, Workshop
from ..models.completeness import missing_content
from .base import Output, RenderOptions
from .docx_common import DocxRenderer, load_template, render_docx
from .docx_context import DocxContext, PersonView, base_fields, name_of, people_views

# The process's standard agenda (architecture overview, technology transfer): label
# keys of each topic, its number of items, and its planned minutes.
TRANSFER = "agenda_transfer"
DEFAULT_AGENDA = (("agenda_architecture", 6, 120), (TRANSFER, 4, 90))


@dataclass(frozen=True)
class AgendaItem:
    start: str
    end: str
    title: str
    items: list[str]
    owner: str
    minutes: int


@dataclass(frozen=True)
class WorkshopContext(DocxContext):
    workshop_title: str  # "" for the first workshop, whose title is the document's
    workshop_date: str
    location: str
    time_range: str
    goals: list[str]
    agenda: list[AgendaItem]
    default_agenda: bool
    attendees: list[PersonView]


def build_context(project: Project, options: RenderOptions, template: object,
                  workshop: Workshop | None = None) -> WorkshopContext:
    workshop = workshop or project.workshop
    base = base_fields(project, options, template, "title_workshop_agenda", workshop.document,
                       complete=not missing_content(project, "workshop-agenda"))
    labels: Labels = base["labels"]
    topics = workshop.topics or default_topics(labels, project.concept.environment)
    agenda = timed_agenda(project, topics, workshop.start_time)
    return WorkshopContext(
        **base,
        workshop_title=workshop.title if isinstance(workshop, InitialWorkshop) else "",
        workshop_date=i18n.format_date(workshop.date, labels.language),
        location=workshop.location,
        time_range=f"{agenda[0].start} \u2013 {agenda[-1].end}",
        goals=list(workshop.goals),
        agenda=agenda,
        default_agenda=not workshop.topics,
        attendees=people_views(project, workshop.attendees, labels),
    )


def default_topics(labels: Labels, environment: Environment | None = None) -> list[Topic]:
    """The seed's agenda; its technology transfer follows the project's components."""
    topics = []
    for key, count, minutes in DEFAULT_AGENDA:
        items = [labels[f"{key}_{n}"] for n in range(1, count + 1)]
        if key == TRANSFER and environment is not None:
            items = transfer_items(environment) or items
        topics.append(Topic(title=labels[key], items=items, minutes=minutes))
    return topics


def transfer_items(environment: Environment) -> list[str]:
    """The names of the project's components; [] when it lists none, so the agenda keeps
    the seed's mail system, load balancer, storage and provisioning."""
    return [component.name for component in environment.components]


def timed_agenda(project: Project, topics: list[Topic], start_time: str) -> list[AgendaItem]:
    """Each topic starts when the one before it ends."""
    clock = dt.datetime.combine(dt.date(2000, 1, 1), dt.time.fromisoformat(start_time))
    agenda = []
    for topic in topics:
        end = clock + dt.timedelta(minutes=topic.minutes)
        agenda.append(AgendaItem(_hhmm(clock), _hhmm(end), topic.title, list(topic.items),
                                 name_of(project, topic.owner), topic.minutes))
        clock = end
    return agenda


def _hhmm(moment: dt.datetime) -> str:
    return moment.strftime("%H:%M")


def agenda_filename(workshop: Workshop) -> str:
    return f"workshop-agenda-{workshop.id}.docx" if isinstance(workshop, InitialWorkshop) else "workshop-agenda.docx"


@dataclass(frozen=True)
class WorkshopRenderer(DocxRenderer):
    def render(self, project: Project, options: RenderOptions) -> list[Output]:
        source = load_template(self.template, options)
        outputs = []
        for workshop in [project.workshop, *project.workshops]:
            build = functools.partial(self.build, workshop=workshop)
            data = render_docx(source, project, options, build)
            outputs.append(Output(self.name, agenda_filename(workshop), data, source.sha256))
        return outputs


RENDERER = WorkshopRenderer(
    name="workshop-agenda",
    title="Workshop Agenda",
    template="workshop-agenda.docx",
    context_type=WorkshopContext,
    build=build_context,
)
