"""Phase gates: what must be true before a project may be in, or leave, a phase.

The process has three gates (see the seed and DESIGN.md):

- `go`: a Go decision ends Initialization; it accepts an offer (the SOW) for a
  chartered project.
- `implementation-done`: Implementation ends when every checklist item of the
  Initialization and Implementation phases is done and the internal approval
  (the internal test protocol) has passed.
- `launch`: Approval ends with the customer's QA re-check of every item, passed
  acceptance tests, a soft launch to a small share of users and a support handover
  whose ticket process was tested.

A project in phase X must have passed the gates before X; `next_gate` also checks the
gate that ends X. Findings are located in project.yaml like validation problems.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from .errors import Problem, ProjectFileError, UsageError, format_loc
from .loader import parse_yaml, read_text, validate_project_data
from .models import Phase, Project, Status, TestResult
from .models.refs import Loc
from .yaml.locate import locate

GO, IMPLEMENTATION_DONE, LAUNCH = "go", "implementation-done", "launch"
GATE_NAMES = (GO, IMPLEMENTATION_DONE, LAUNCH)
# The gates a project has passed on entering each phase, and the one that ends it.
_PASSED_ON_ENTRY = {Phase.initialization: (), Phase.implementation: (GO,),
                    Phase.approval: (GO, IMPLEMENTATION_DONE)}
_EXIT_GATE = {Phase.initialization: GO, Phase.implementation: IMPLEMENTATION_DONE, Phase.approval: LAUNCH}


@dataclass(frozen=True)
class Finding:
    loc: Loc
    message: str
    hint: str


@dataclass
class GateResult:
    name: str
    problems: list[Problem] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.problems


@dataclass
class ProjectGates:
    file: str
    phase: str
    gates: list[GateResult]
    load_problems: list[Problem] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return all(gate.passed for gate in self.gates) and not self.load_problems

    @property
    def problems(self) -> list[Problem]:
        return self.load_problems + [p for gate in self.gates for p in gate.problems]

    def summary(self) -> str:
        if self.load_problems:
            return f"fail: {self.file}: not a valid project file"
        if not self.gates:
            return f"ok: {self.file}: {self.phase}, no gate passed yet"
        verdicts = ", ".join(f"{g.name} {'passed' if g.passed else f'FAILED ({len(g.problems)})'}" for g in self.gates)
        return f"{'ok' if self.passed else 'fail'}: {self.file}: {self.phase}; {verdicts}"

    def to_json(self) -> dict:
        return {"file": self.file, "phase": self.phase, "passed": self.passed,
                "load_problems": [p.as_dict() for p in self.load_problems],
                "gates": [{"name": g.name, "passed": g.passed, "problems": [p.as_dict() for p in g.problems]}
                          for g in self.gates]}


def gates_to_check(phase: Phase, next_gate: bool = False, only: list[str] | None = None) -> list[str]:
    """The gates for a project in `phase`: those passed on entry, plus its exit gate."""
    for name in only or []:
        if name not in GATE_NAMES:
            raise UsageError(f"unknown gate '{name}' (known: {', '.join(GATE_NAMES)})")
    if only:
        return [name for name in GATE_NAMES if name in only]
    names = list(_PASSED_ON_ENTRY[phase])
    return names + [_EXIT_GATE[phase]] if next_gate else names


def check_gates(path: str | Path, next_gate: bool = False, only: list[str] | None = None) -> ProjectGates:
    """Evaluate the gates of the project file at `path`; invalid files raise ProjectFileError."""
    name = str(path)
    parsed = parse_yaml(read_text(Path(path)), name)
    project = validate_project_data(parsed, name)
    results = []
    for gate in gates_to_check(project.project.phase, next_gate, only):
        problems = [Problem(name, locate(parsed.node, f.loc), format_loc(f.loc), f"gate '{gate}': {f.message}", f.hint)
                    for f in _CHECKS[gate](project)]
        results.append(GateResult(gate, problems))
    return ProjectGates(name, project.project.phase.value, results)


def check_projects(paths: list[Path], next_gate: bool = False, only: list[str] | None = None) -> list[ProjectGates]:
    """The gates of every project; an invalid file is a failed result, not an exception."""
    results = []
    for path in paths:
        try:
            results.append(check_gates(path, next_gate, only))
        except ProjectFileError as error:
            results.append(ProjectGates(str(path), "", [], error.problems))
    return results


def go_findings(project: Project) -> Iterator[Finding]:
    decision = project.decision
    if decision.go is not True:
        said = "the customer decided No-Go" if decision.go is False else "no Go decision is recorded"
        yield Finding(("decision", "go"), said, "Implementation starts only after a Go: set decision.go: true")
    else:
        if decision.date is None:
            yield Finding(("decision",), "the Go decision has no date", "add decision.date")
        if decision.by is None:
            yield Finding(("decision",), "the Go decision names nobody", "add decision.by: the person who decided")
    if project.sow is None or not project.sow.work_packages:
        yield Finding(("sow",), "no SOW with work packages", "the Go accepts an offer: describe it in sow.work_packages")
    if not project.charter.goals:
        yield Finding(("charter", "goals"), "the charter states no goals", "add charter.goals")


def implementation_findings(project: Project) -> Iterator[Finding]:
    for index, item in enumerate(project.requirements):
        if item.phase is not Phase.approval and item.status is not Status.done:
            yield Finding(("requirements", index, "status"), f"{item.id} '{item.title}' is {_words(item.status)}",
                          "Implementation ends when every checklist item is done")
    yield from _tests_not_passed(project, "internal", "the internal approval needs every internal test passed")


def launch_findings(project: Project) -> Iterator[Finding]:
    for index, item in enumerate(project.requirements):
        if item.status is not Status.done:
            yield Finding(("requirements", index, "status"), f"{item.id} '{item.title}' is {_words(item.status)}",
                          "every checklist item must be done before launch")
        elif not item.verified:
            yield Finding(("requirements", index, "verified"), f"{item.id} '{item.title}' is not re-checked",
                          "the customer's QA re-checks every item on the live system")
    yield from _tests_not_passed(project, "customer", "launch needs every customer acceptance test passed")
    yield from _launch_plan_findings(project)


def _launch_plan_findings(project: Project) -> Iterator[Finding]:
    launch = project.launch
    if launch.soft_launch.date is None:
        yield Finding(("launch", "soft_launch"), "no soft launch is planned",
                      f"launch to about {launch.soft_launch.percent:g}% of users first: set launch.soft_launch.date")
    if launch.go_live is None:
        yield Finding(("launch",), "no go-live date", "set launch.go_live")
    if not launch.support_handover.ticket_process_tested:
        yield Finding(("launch", "support_handover", "ticket_process_tested"),
                      "the support ticket process is not tested", "test it with support, then set it to true")


def _tests_not_passed(project: Project, kind: str, hint: str) -> Iterator[Finding]:
    cases = getattr(project.tests, kind)
    if not cases:
        yield Finding(("tests", kind), f"no {kind} tests are recorded", hint)
    for index, case in enumerate(cases):
        if case.result is not TestResult.passed:
            yield Finding(("tests", kind, index, "result"),
                          f"{kind} test {case.id} '{case.title}' is {_words(case.result)}", hint)


def _words(value: Status | TestResult) -> str:
    return {"fail": "failed", "pass": "passed"}.get(value.value, value.value.replace("_", " "))


_CHECKS: dict[str, Callable[[Project], Iterator[Finding]]] = {
    GO: go_findings, IMPLEMENTATION_DONE: implementation_findings, LAUNCH: launch_findings,
}
