"""Where a project stands: `docgen status` for one project or a portfolio of them.

The figures come from the data as of a day (see models/history.py): checklist progress
by phase and side, tests by kind and area, booked against planned effort per work
package (models/effort_summary.py), the early steps (demo, proof of concept, workshops,
trainings), milestones, open meeting actions and traceability gaps. The gate that ends
the current phase, and what still blocks it, comes from the gates module as the data
stands now. A portfolio lists projects worst first: red before amber before green, then
by the number of overdue items.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import Path

from .early_steps import StepStatus, early_steps
from .errors import Problem, ProjectFileError
from .gates import check_gates
from .loader import load_project
from .models import Phase, Project, Side, TestResult, TrafficLight
from .models.effort_summary import EffortSummary, PackageEffort, effort_by_work_package
from .models.history import Reason, Snapshot, all_test_cases, snapshot, traffic_light

LIGHT_ORDER = {TrafficLight.red: 0, TrafficLight.amber: 1, TrafficLight.green: 2}


@dataclass(frozen=True)
class Item:
    """A late or open item, ready to print: who must act and by when."""

    id: str
    title: str
    responsible: str
    side: str
    due: str  # ISO date, "" when none


@dataclass(frozen=True)
class ChecklistRow:
    phase: str
    side: str
    total: int
    done: int
    overdue: list[Item]

    @property
    def open(self) -> int:
        return self.total - self.done


@dataclass(frozen=True)
class TestRow:
    __test__ = False
    kind: str
    area: str
    passed: int = 0
    failed: int = 0
    blocked: int = 0
    not_run: int = 0

    @property
    def total(self) -> int:
        return self.passed + self.failed + self.blocked + self.not_run


@dataclass(frozen=True)
class MilestoneItem:
    id: str
    title: str
    date: str


@dataclass(frozen=True)
class PackageRow:
    """A work package's days, as decimal strings like `docgen effort --json`."""

    id: str
    title: str
    planned_days: str  # the SOW plus the change requests approved by the day
    booked_days: str
    remaining_days: str  # negative when over budget
    used_percent: int | None  # None for a package planned with no effort
    over_budget: bool


@dataclass(frozen=True)
class EffortState:
    packages: list[PackageRow]
    baseline_days: str  # the Basic SOW
    approved_days: str  # what the change requests approved by the day add (negative: take away)
    planned_days: str  # the current scope
    booked_days: str
    remaining_days: str

    @property
    def over_budget(self) -> list[PackageRow]:
        return [p for p in self.packages if p.over_budget]


@dataclass(frozen=True)
class StepRow:
    kind: str  # "demo", "proof_of_concept", "workshop", "training"
    id: str
    title: str
    date: str  # ISO date, "" when none
    state: str  # "done", "planned", "overdue"


@dataclass(frozen=True)
class GateState:
    name: str
    passed: bool
    blockers: list[str]  # "project.yaml:561:13: requirements[4].status: ..."


@dataclass(frozen=True)
class Traceability:
    requirements_without_test: list[str]
    tests_without_requirement: list[str]
    work_packages_without_requirements: list[str]

    @property
    def gaps(self) -> int:
        return sum(map(len, (self.requirements_without_test, self.tests_without_requirement,
                             self.work_packages_without_requirements)))


@dataclass(frozen=True)
class ProjectStatus:
    file: str
    id: str
    title: str
    customer: str
    as_of: str
    phase: str
    phase_since: str  # ISO date, "" when the data does not tell
    days_in_phase: int | None
    decision: str  # "go", "no-go" or "pending"
    decision_date: str
    decision_by: str  # the name of who decided, "" when nobody is recorded
    light: str
    reasons: list[dict]
    checklist: list[ChecklistRow]
    tests: list[TestRow]
    next_milestone: MilestoneItem | None
    milestones_overdue: list[MilestoneItem]
    open_actions: list[Item]
    overdue_actions: int
    gates: list[GateState]
    traceability: Traceability
    effort: EffortState | None = None  # None when the project has neither an SOW nor bookings
    early_steps: list[StepRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # a file that did not load

    @property
    def items(self) -> int:
        return sum(row.total for row in self.checklist)

    @property
    def done(self) -> int:
        return sum(row.done for row in self.checklist)

    @property
    def overdue(self) -> list[Item]:
        return [item for row in self.checklist for item in row.overdue]

    @property
    def exit_gate(self) -> GateState | None:
        return self.gates[-1] if self.gates else None

    def tests_with(self, result: str) -> int:
        return sum(getattr(row, result) for row in self.tests)

    def sort_key(self) -> tuple:
        return (LIGHT_ORDER[TrafficLight(self.light)], -len(self.overdue), -self.overdue_actions, self.id)

    def to_json(self) -> dict:
        data = asdict(self)
        data["problems"] = [p.as_dict() for p in self.problems]
        data.update(items=self.items, done=self.done, overdue=len(self.overdue))
        if self.effort is not None:
            data["effort"]["over_budget"] = [p.id for p in self.effort.over_budget]
        return data


# --- entry points -------------------------------------------------------------------


def project_status(path: Path, as_of: dt.date | None = None) -> ProjectStatus:
    """The status of the project file at `path`; an invalid file raises ProjectFileError."""
    project = load_project(path)
    gates = check_gates(path, next_gate=True)
    exit_gates = [GateState(g.name, g.passed, [str(p) for p in g.problems]) for g in gates.gates]
    return compute_status(project, str(path), as_of or project.project.as_of or dt.date.today(), exit_gates)


def portfolio(paths: list[Path], as_of: dt.date | None = None) -> list[ProjectStatus]:
    """The status of every project, worst first; a file that does not load comes first."""
    found = []
    for path in paths:
        try:
            found.append(project_status(path, as_of))
        except ProjectFileError as error:
            found.append(unreadable(str(path), error.problems))
    return sorted(found, key=lambda status: (not status.problems, status.sort_key()))


def compute_status(project: Project, file: str, day: dt.date, gates: list[GateState]) -> ProjectStatus:
    figures = snapshot(project, day)
    light, reasons = traffic_light(project, figures)
    since = phase_start(project)
    info = project.project
    return ProjectStatus(
        file=file, id=info.id, title=info.title, customer=info.customer.name, as_of=day.isoformat(),
        phase=info.phase.value, phase_since=_iso(since),
        days_in_phase=(day - since).days if since and since <= day else None,
        decision=_decision(project), decision_date=_iso(project.decision.date),
        decision_by=project.person(project.decision.by).name if project.decision.by else "",
        light=light.value, reasons=[_reason(r) for r in reasons],
        checklist=checklist_rows(project, figures), tests=tests_by_area(project, day),
        next_milestone=_next_milestone(project, day),
        milestones_overdue=[MilestoneItem(m.id, m.title, m.date.isoformat()) for m in figures.milestones_overdue],
        open_actions=[_action_item(project, a) for a in figures.actions],
        overdue_actions=len(figures.overdue_actions),
        gates=gates, traceability=traceability(project),
        effort=effort_state(effort_by_work_package(project, day)),
        early_steps=[_step_row(step) for step in early_steps(project, day)],
    )


def unreadable(file: str, problems: list[Problem]) -> ProjectStatus:
    """A portfolio row for a file that does not load: red, with its problems."""
    return ProjectStatus(
        file=file, id=Path(file).parent.name, title="", customer="", as_of="", phase="", phase_since="",
        days_in_phase=None, decision="", decision_date="", decision_by="", light=TrafficLight.red.value, reasons=[], checklist=[],
        tests=[], next_milestone=None, milestones_overdue=[], open_actions=[], overdue_actions=0, gates=[],
        traceability=Traceability([], [], []), problems=problems)


# --- the parts ----------------------------------------------------------------------


def phase_start(project: Project) -> dt.date | None:
    """Initialization starts with the project, Implementation with the Go, Approval on the
    day the last Initialization or Implementation item was done; None when unknown."""
    phase = project.project.phase
    if phase is Phase.initialization:
        return project.project.start
    if phase is Phase.implementation:
        return project.decision.date if project.decision.go else None
    earlier = [r for r in project.requirements if r.phase is not Phase.approval]
    if not earlier or any(r.done_on is None for r in earlier):
        return None
    return max(r.done_on for r in earlier)


def checklist_rows(project: Project, figures: Snapshot) -> list[ChecklistRow]:
    rows = []
    for phase in Phase:
        for side in Side:
            items = [r for r in figures.items if r.phase is phase and r.side is side]
            if items:
                overdue = [_item(project, r) for r in figures.overdue if r.phase is phase and r.side is side]
                rows.append(ChecklistRow(phase.value, side.value, len(items),
                                         len([r for r in items if figures.is_done(r)]), overdue))
    return rows


def tests_by_area(project: Project, day: dt.date) -> list[TestRow]:
    counts: dict[tuple[str, str], dict[str, int]] = {}
    for kind, case in all_test_cases(project):
        tally = counts.setdefault((kind, case.area), {})
        name = _RESULT_NAMES[case.result_on(day)]
        tally[name] = tally.get(name, 0) + 1
    return [TestRow(kind, area, **tally) for (kind, area), tally in counts.items()]


_RESULT_NAMES = {TestResult.passed: "passed", TestResult.failed: "failed", TestResult.blocked: "blocked",
                 TestResult.not_run: "not_run"}


def traceability(project: Project) -> Traceability:
    tested = {case.requirement for _, case in all_test_cases(project) if case.requirement}
    covered = {r.work_package for r in project.requirements if r.work_package}
    packages = project.sow.work_packages if project.sow else []
    return Traceability(
        requirements_without_test=[r.id for r in project.requirements if r.id not in tested],
        tests_without_requirement=[case.id for _, case in all_test_cases(project) if not case.requirement],
        work_packages_without_requirements=[wp.id for wp in packages if wp.id not in covered],
    )


def effort_state(summary: EffortSummary) -> EffortState | None:
    if not summary.packages:
        return None
    return EffortState([_package_row(p) for p in summary.packages], _days(summary.baseline_days),
                       _days(summary.planned_days - summary.baseline_days), _days(summary.planned_days),
                       _days(summary.booked_days), _days(summary.remaining_days))


def _package_row(package: PackageEffort) -> PackageRow:
    return PackageRow(package.id, package.title, _days(package.planned_days), _days(package.booked_days),
                      _days(package.remaining_days), package.used_percent, package.over_budget)


def _days(value: Decimal) -> str:
    return f"{value.normalize():f}"


def _step_row(step: StepStatus) -> StepRow:
    return StepRow(step.kind, step.id, step.title, _iso(step.date), step.state.value)


def _next_milestone(project: Project, day: dt.date) -> MilestoneItem | None:
    ahead = sorted((m for m in project.charter.milestones if not m.done and m.date >= day), key=lambda m: m.date)
    return MilestoneItem(ahead[0].id, ahead[0].title, ahead[0].date.isoformat()) if ahead else None


def _item(project: Project, item) -> Item:
    person = project.person(item.responsible)
    return Item(item.id, item.title, person.name, person.side.value, _iso(item.due))


def _action_item(project: Project, open_action) -> Item:
    action, person = open_action.action, project.person(open_action.action.responsible)
    return Item(open_action.meeting.id, action.title, person.name, person.side.value, _iso(action.due))


def _decision(project: Project) -> str:
    return {True: "go", False: "no-go", None: "pending"}[project.decision.go]


def _reason(reason: Reason) -> dict:
    return {"key": reason.key, "count": reason.count, "light": reason.light.value, "of": reason.of}


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day else ""
