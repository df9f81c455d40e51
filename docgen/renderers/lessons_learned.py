"""Lessons Learned (Approval phase): the retrospective's findings and actions, and the
handover to support with its tested ticket process."""

from __future__ import annotations

from dataclasses import dataclass

from .. import i18n
from ..i18n import Labels
from ..models import LessonAction, LessonsLearned, Project
from ..models.completeness import missing_content
from .base import RenderOptions
from .docx_common import DocxRenderer
from .docx_context import DocxContext, HandoverView, base_fields, document_day, handover_view, short_date


@dataclass(frozen=True)
class LessonActionView:
    number: int
    title: str
    responsible: str
    side: str
    due: str


@dataclass(frozen=True)
class LessonsLearnedContext(DocxContext):
    retrospective_date: str
    went_well: list[str]
    to_improve: list[str]
    actions: list[LessonActionView]
    handover: HandoverView


def build_context(project: Project, options: RenderOptions, template: object) -> LessonsLearnedContext:
    lessons = project.lessons_learned
    base = base_fields(project, options, template, "title_lessons_learned", lessons.document,
                       complete=not missing_content(project, "lessons-learned"))
    labels: Labels = base["labels"]
    return LessonsLearnedContext(
        **base,
        retrospective_date=i18n.format_date(lessons.retrospective_date, labels.language),
        went_well=list(lessons.went_well),
        to_improve=list(lessons.to_improve),
        actions=[action_view(project, a, n, labels) for n, a in enumerate(lessons.actions, 1)],
        handover=handover_view(project, labels, document_day(lessons.document, options)),
    )


def action_view(project: Project, action: LessonAction, number: int, labels: Labels) -> LessonActionView:
    person = project.person(action.responsible)
    return LessonActionView(number, action.title, person.name, labels[f"side.{person.side.value}"],
                            short_date(action.due, labels.language))


def is_empty(lessons: LessonsLearned) -> bool:
    """No retrospective yet: no date, findings or actions."""
    return not (lessons.retrospective_date or lessons.went_well or lessons.to_improve or lessons.actions)


RENDERER = DocxRenderer(
    name="lessons-learned",
    title="Lessons Learned and Support Handover",
    template="lessons-learned.docx",
    context_type=LessonsLearnedContext,
    build=build_context,
    has_content=lambda project: not is_empty(project.lessons_learned),  # none before the retrospective
)
