"""Customer Implementation Concept: revisions, environment, architecture, open points."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..i18n import Labels
from ..models import Environment, Project, Requirement, Status
from ..models.completeness import missing_content
from .base import RenderOptions
from .docx_common import DocxRenderer
from .docx_context import DocxContext, TextPart, Texts, base_fields, document_day, name_of, short_date
from .docx_markdown import RichBlock
from .early_steps import StepView, WorkshopLine, initialization_steps, workshop_lines

@dataclass(frozen=True)
class RevisionView:
    version: str
    date: str
    author: str
    summary: str


@dataclass(frozen=True)
class OpenPoint:
    id: str
    title: str
    notes: str
    responsible: str
    side: str
    due: str
    status: str
    extra: dict[str, object]  # the Requirement's own extra: for a team's templates
    extra_of = Requirement  # whose extra: keys `templates check --project` expects (not a field)


@dataclass(frozen=True)
class ConceptContext(DocxContext):
    revisions: list[RevisionView]
    environment: list[TextPart]
    architecture: RichBlock
    sections: list[TextPart]
    open_points: list[OpenPoint]
    initialization: list[StepView]  # the technical demo and the proof of concept
    workshops: list[WorkshopLine]  # the initial workshops the concept results from


def build_context(project: Project, options: RenderOptions, template: object) -> ConceptContext:
    concept = project.concept
    base = base_fields(project, options, template, "title_implementation_concept", concept.document,
                       complete=not missing_content(project, "implementation-concept"))
    labels: Labels = base["labels"]
    return ConceptContext(
        **base,
        revisions=[RevisionView(r.version, short_date(r.date, labels.language), name_of(project, r.author),
                                r.summary) for r in concept.revisions],
        environment=environment_parts(concept.environment),
        architecture=RichBlock(concept.architecture),
        sections=[TextPart(s.title, RichBlock(s.body)) for s in concept.sections],
        open_points=open_points(project, labels, document_day(concept.document, options)),
        initialization=initialization_steps(project, document_day(concept.document, options), labels),
        workshops=workshop_lines(project, document_day(concept.document, options), labels),
    )


def environment_parts(environment: Environment) -> list[TextPart]:
    """The components of the environment, each with what was evaluated about it."""
    return [TextPart(c.name, RichBlock(c.details)) for c in environment.components]


def open_points(project: Project, labels: Labels, day: dt.date) -> list[OpenPoint]:
    """The checklist items still open on the concept's own date."""
    texts = Texts(project, labels)  # a 10,000-row table has a few hundred distinct names and dates
    return [open_point(project, r, labels, day, texts) for r in project.requirements if not r.is_done_on(day)]


def open_point(project: Project, requirement: Requirement, labels: Labels, day: dt.date,
               texts: Texts | None = None) -> OpenPoint:
    texts = texts or Texts(project, labels)
    # An item done after the concept's date was open then; what it was before is not recorded.
    # An overdue one is marked as the checklist would have marked it on the concept's date.
    status = texts.labelled(_status_text, requirement.status, requirement.was_overdue_on(day))
    return OpenPoint(requirement.id, requirement.title, requirement.notes, texts.name(requirement.responsible),
                     texts.label("side", requirement.side), texts.short_date(requirement.due), status,
                     requirement.extra)


def _status_text(labels: Labels, status: Status, overdue: bool) -> str:
    text = labels["status.open" if status is Status.done else f"status.{status.value}"]
    return f"{text} \u2013 {labels.overdue}" if overdue else text


RENDERER = DocxRenderer(
    name="implementation-concept",
    title="Customer Implementation Concept",
    template="implementation-concept.docx",
    context_type=ConceptContext,
    build=build_context,
)
