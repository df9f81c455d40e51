"""The project as it stood on a given day, computed from the dates the data records.

A requirement exists from its `raised_on` (else from the start) and is done from its
`done_on` (an item marked done without a date counts as done all along); a meeting
action exists from its meeting and is done from its `done_on`; a test's result on a
day is its latest run dated on or before it. The phase and the Go decision are taken
as recorded: the data keeps no history of them.

The traffic light follows documented rules (`traffic_light`), so every reader of the
same data sees the same colour; a status report may override it with a reason.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .charter import Milestone
from .meetings import Action, Meeting
from .project import Project
from .requirements import Requirement
from .status_reports import TrafficLight
from .testing import TestCase, TestResult

TEST_KINDS = ("internal", "customer")
# Overdue checklist items beyond this share of the items due by then make the light red.
RED_OVERDUE_SHARE = 0.2


# --- items on a day ----------------------------------------------------------------


def exists_on(item: Requirement, day: dt.date) -> bool:
    return item.raised_on is None or item.raised_on <= day


def done_on_day(item: Requirement, day: dt.date) -> bool:
    """Whether the item was done on `day` (marked done, and not after that day)."""
    return item.is_done and (item.done_on is None or item.done_on <= day)


def overdue_on(item: Requirement, day: dt.date) -> bool:
    return exists_on(item, day) and not done_on_day(item, day) and item.due is not None and item.due < day


def action_done_on_day(action: Action, day: dt.date) -> bool:
    return action.done and (action.done_on is None or action.done_on <= day)


def milestone_reached(milestone: Milestone, day: dt.date) -> bool:
    """A milestone counts as reached once marked done and its date has come."""
    return milestone.done and milestone.date <= day


@dataclass(frozen=True)
class OpenAction:
    meeting: Meeting
    action: Action

    def overdue_on(self, day: dt.date) -> bool:
        return self.action.due is not None and self.action.due < day


def open_actions(project: Project, day: dt.date) -> list[OpenAction]:
    """Actions agreed by `day` and not done by then, oldest meeting first."""
    meetings = sorted((m for m in project.meetings if m.date <= day), key=lambda m: (m.date, m.id))
    return [OpenAction(m, a) for m in meetings for a in m.actions if not action_done_on_day(a, day)]


def all_test_cases(project: Project) -> list[tuple[str, TestCase]]:
    """(kind, test case) of the internal and then the customer tests."""
    return [(kind, case) for kind in TEST_KINDS for case in getattr(project.tests, kind)]


# --- one day's figures --------------------------------------------------------------


@dataclass(frozen=True)
class Snapshot:
    """The figures of one day: what existed, what was done, what was late."""

    day: dt.date
    items: list[Requirement]
    done: list[Requirement]
    overdue: list[Requirement]
    results: dict[tuple[str, str], TestResult]  # (kind, test id) -> result on the day
    actions: list[OpenAction]
    milestones_overdue: list[Milestone]

    def __post_init__(self) -> None:
        # Membership by id: a set, so large checklists stay linear.
        object.__setattr__(self, "_done_ids", frozenset(item.id for item in self.done))

    def is_done(self, item: Requirement) -> bool:
        return item.id in self._done_ids

    @property
    def open(self) -> list[Requirement]:
        return [item for item in self.items if not self.is_done(item)]

    @property
    def due_by_now(self) -> int:
        return len([item for item in self.items if item.due is not None and item.due < self.day])

    def tests_with(self, *results: TestResult) -> int:
        return len([r for r in self.results.values() if r in results])

    @property
    def overdue_actions(self) -> list[OpenAction]:
        return [a for a in self.actions if a.overdue_on(self.day)]


def snapshot(project: Project, day: dt.date) -> Snapshot:
    items = [r for r in project.requirements if exists_on(r, day)]
    return Snapshot(
        day=day,
        items=items,
        done=[r for r in items if done_on_day(r, day)],
        overdue=[r for r in items if overdue_on(r, day)],
        results={(kind, case.id): case.result_on(day) for kind, case in all_test_cases(project)},
        actions=open_actions(project, day),
        milestones_overdue=[m for m in project.charter.milestones if not milestone_reached(m, day) and m.date < day],
    )


# --- what changed between two days ----------------------------------------------------


@dataclass(frozen=True)
class TestChange:
    __test__ = False
    kind: str
    case: TestCase
    before: TestResult
    after: TestResult


@dataclass(frozen=True)
class Changes:
    """What happened after `since` up to and including `until`."""

    since: dt.date
    until: dt.date
    done: list[Requirement] = field(default_factory=list)
    added: list[Requirement] = field(default_factory=list)
    slipped: list[Requirement] = field(default_factory=list)  # became overdue in the period, still open
    tests: list[TestChange] = field(default_factory=list)
    actions_done: list[OpenAction] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.done or self.added or self.slipped or self.tests or self.actions_done)


def changes_between(project: Project, since: dt.date, until: dt.date) -> Changes:
    def within(day: dt.date | None) -> bool:
        return day is not None and since < day <= until

    items = project.requirements
    return Changes(
        since, until,
        done=[r for r in items if done_on_day(r, until) and not done_on_day(r, since)],
        added=[r for r in items if within(r.raised_on)],
        slipped=[r for r in items if exists_on(r, until) and _fell_overdue(r, since, until)],
        tests=[TestChange(kind, case, before, after) for kind, case in all_test_cases(project)
               if (before := case.result_on(since)) is not (after := case.result_on(until))],
        actions_done=[OpenAction(m, a) for m in project.meetings for a in m.actions
                      if action_done_on_day(a, until) and not action_done_on_day(a, since)],
    )


def _fell_overdue(item: Requirement, since: dt.date, until: dt.date) -> bool:
    """Overdue at the end of the period, not yet at its start: an item is late from the
    day after its due date, so its due date lies in [since, until)."""
    return overdue_on(item, until) and not overdue_on(item, since)


# --- the burn-up ----------------------------------------------------------------------


@dataclass(frozen=True)
class BurnUpPoint:
    day: dt.date
    done: int
    total: int


def burn_up(project: Project, until: dt.date, points: int = 12) -> list[BurnUpPoint]:
    """Done against total checklist items, weekly from the start (or fewer, wider steps)."""
    start = min(project.project.start, until)
    weeks = max(1, -(-(until - start).days // 7))
    step = max(1, -(-weeks // points)) * 7
    days = [start + dt.timedelta(days=offset) for offset in range(0, (until - start).days, step)] + [until]
    return [_point(project, day) for day in days]


def _point(project: Project, day: dt.date) -> BurnUpPoint:
    figures = snapshot(project, day)
    return BurnUpPoint(day, len(figures.done), len(figures.items))


# --- the traffic light ------------------------------------------------------------------


@dataclass(frozen=True)
class Reason:
    """Why the light has its colour: a label key and the number it counts."""

    key: str  # "milestones_overdue", "items_overdue", "tests_failed", ...
    count: int
    light: TrafficLight
    of: int = 0  # what the count is a share of, where the rule compares ("items_overdue_share")


def traffic_light(project: Project, figures: Snapshot) -> tuple[TrafficLight, list[Reason]]:
    """Red: a No-Go, a milestone overdue, or more than a fifth of the items due by now
    still open; amber: anything overdue, or a failed or blocked test; else green."""
    reasons = [*_red_reasons(project, figures), *_amber_reasons(figures)]
    if any(r.light is TrafficLight.red for r in reasons):
        return TrafficLight.red, reasons
    return (TrafficLight.amber if reasons else TrafficLight.green), reasons


def _red_reasons(project: Project, figures: Snapshot) -> list[Reason]:
    red = TrafficLight.red
    reasons = []
    if project.decision.go is False:
        reasons.append(Reason("no_go", 1, red))
    if figures.milestones_overdue:
        reasons.append(Reason("milestones_overdue", len(figures.milestones_overdue), red))
    due = figures.due_by_now
    if figures.overdue and len(figures.overdue) > RED_OVERDUE_SHARE * due:
        reasons.append(Reason("items_overdue_share", len(figures.overdue), red, due))
    return reasons


def _amber_reasons(figures: Snapshot) -> list[Reason]:
    amber = TrafficLight.amber
    counts = {
        "items_overdue": len(figures.overdue),
        "actions_overdue": len(figures.overdue_actions),
        "tests_failed": figures.tests_with(TestResult.failed),
        "tests_blocked": figures.tests_with(TestResult.blocked),
    }
    red_items = figures.overdue and len(figures.overdue) > RED_OVERDUE_SHARE * figures.due_by_now
    return [Reason(key, count, amber) for key, count in counts.items()
            if count and not (key == "items_overdue" and red_items)]
