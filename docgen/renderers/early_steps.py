"""Views of the process's early steps: the technical demo, the proof of concept, the
initial workshops (for the Implementation Concept) and the training workshops (for
the Technical Documentation). Each document shows what happened by its own date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .. import i18n
from ..i18n import Labels
from ..models import InitialWorkshop, Project, Training
from .docx_context import name_of, people_views


@dataclass(frozen=True)
class StepView:
    """The demo or the proof of concept: a heading and label/value rows, lists and a result."""

    title: str
    rows: list[tuple[str, str]]  # (label, value), values already formatted
    points_label: str
    points: list[str]
    result: str


@dataclass(frozen=True)
class WorkshopLine:
    date: str
    title: str
    agenda: str  # the agenda document's file name


@dataclass(frozen=True)
class TrainingView:
    title: str
    date: str
    audience: str
    trainer: str
    attendees: str  # names, comma-separated
    material: list[str]
    held: str  # Yes / No


def initialization_steps(project: Project, as_of: dt.date, labels: Labels) -> list[StepView]:
    """The technical demo and the proof of concept, when they took place by `as_of`."""
    steps = []
    demo, poc = project.initialization.demo, project.initialization.proof_of_concept
    if demo is not None and demo.date <= as_of:
        steps.append(StepView(labels.technical_demo, [
            (labels.date, i18n.format_date(demo.date, labels.language)),
            (labels.demo_format, labels[f"demo_format.{demo.format.value}"]),
            (labels.presenter, name_of(project, demo.presenter)),
            (labels.audience, _names(project, demo.audience, labels)),
        ], labels.features_shown, list(demo.features), demo.result))
    if poc is not None and poc.start <= as_of:
        period = i18n.format_date(poc.start, labels.language)
        if poc.end:
            period += " \u2013 " + i18n.format_date(poc.end, labels.language)
        steps.append(StepView(labels.proof_of_concept, [
            (labels.period, period),
            (labels.poc_environment, poc.environment),
            (labels.audience, _names(project, poc.audience, labels)),
            (labels.outcome, labels[f"outcome.{poc.outcome.value}"]),
        ], labels.success_criteria, list(poc.criteria), poc.result))
    return steps


def workshop_lines(project: Project, as_of: dt.date, labels: Labels) -> list[WorkshopLine]:
    """The initial workshops held or planned by `as_of`, first the one of `workshop:`."""
    from .workshop_agenda import agenda_filename

    first = project.workshop
    lines = [WorkshopLine(i18n.format_date(first.date, labels.language), labels.initial_workshop,
                          agenda_filename(first))] if first.date and first.date <= as_of else []
    return lines + [WorkshopLine(i18n.format_date(w.date, labels.language), w.title, agenda_filename(w))
                    for w in _dated(project.workshops, as_of)]


def training_views(project: Project, as_of: dt.date, labels: Labels) -> list[TrainingView]:
    trainings = sorted((t for t in project.trainings if t.date <= as_of or not t.held), key=lambda t: (t.date, t.id))
    return [_training(project, t, labels) for t in trainings]


def _training(project: Project, training: Training, labels: Labels) -> TrainingView:
    return TrainingView(training.title, i18n.format_date(training.date, labels.language), training.audience,
                        name_of(project, training.trainer), _names(project, training.attendees, labels),
                        list(training.material), labels.yes if training.held else labels.no)


def _dated(workshops: list[InitialWorkshop], as_of: dt.date) -> list[InitialWorkshop]:
    return [w for w in workshops if w.date is not None and w.date <= as_of]


def _names(project: Project, ids: list[str], labels: Labels) -> str:
    return ", ".join(p.name for p in people_views(project, ids, labels))
