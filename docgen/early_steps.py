"""Where the early steps of the process stand: demo, proof of concept, initial
workshops and training workshops, in date order, each done, planned or overdue.

A pure function over the model for `docgen status` and the weekly status report.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from .models import Outcome, Project


class StepState(str, enum.Enum):
    done = "done"
    planned = "planned"
    overdue = "overdue"  # its date passed without the step being recorded as done


@dataclass(frozen=True)
class StepStatus:
    kind: str  # "demo" | "proof_of_concept" | "workshop" | "training"
    id: str  # the workshop's or training's id; the kind for the demo, the POC and `workshop:`
    title: str
    date: dt.date | None
    state: StepState
    result: str = ""

    def to_json(self) -> dict[str, object]:
        return {"kind": self.kind, "id": self.id, "title": self.title, "state": self.state.value,
                "date": self.date.isoformat() if self.date else None, "result": self.result}


def early_steps(project: Project, as_of: dt.date | None = None) -> list[StepStatus]:
    """The steps recorded in the project, as of `as_of` (default: the project's as_of, else today)."""
    today = as_of or project.project.as_of or dt.date.today()
    steps = _initialization(project, today) + _workshops(project, today) + _trainings(project, today)
    return sorted(steps, key=lambda s: (s.date or dt.date.max, s.kind, s.id))


def _initialization(project: Project, today: dt.date) -> list[StepStatus]:
    steps = []
    demo, poc = project.initialization.demo, project.initialization.proof_of_concept
    if demo is not None:
        steps.append(StepStatus("demo", "demo", "Technical demo", demo.date, _by_date(demo.date, today), demo.result))
    if poc is not None:
        steps.append(StepStatus("proof_of_concept", "proof_of_concept", "Proof of concept", poc.start,
                                _poc_state(poc.outcome, poc.end or poc.start, today), poc.result))
    return steps


def _workshops(project: Project, today: dt.date) -> list[StepStatus]:
    first = project.workshop
    steps = [StepStatus("workshop", "workshop", "Initial workshop", first.date, _by_date(first.date, today))] \
        if first.date else []
    return steps + [StepStatus("workshop", w.id, w.title, w.date, _by_date(w.date, today)) for w in project.workshops]


def _trainings(project: Project, today: dt.date) -> list[StepStatus]:
    return [StepStatus("training", t.id, t.title, t.date,
                       StepState.done if t.held else (StepState.overdue if t.date < today else StepState.planned))
            for t in project.trainings]


def _by_date(date: dt.date | None, today: dt.date) -> StepState:
    """Steps without a 'held' flag count as done once their day has come."""
    return StepState.done if date is not None and date <= today else StepState.planned


def _poc_state(outcome: Outcome, end: dt.date, today: dt.date) -> StepState:
    if outcome is not Outcome.pending:
        return StepState.done
    return StepState.overdue if end < today else StepState.planned
