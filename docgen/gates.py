"""Phase gates: what must be true before a project may be in, or leave, a phase.

The process has four gates (see the seed and DESIGN.md); each is a list of named
rules with the seed's defaults (`docgen/gate_rules.py`):

- `go` ends Initialization: the customer's dated Go on a released concept and a
  signed Basic SOW.
- `implementation-done` ends Implementation: every checklist item done, the
  internal approval passed in each required area, no internal test left failed.
- `launch` ends Approval: the customer QA's re-check on the live system, acceptance
  tests passed on live with a signed protocol, the soft launch carried out, a
  tested support ticket process.
- `close` ends the project (phase `closed`): technical documentation and lessons
  learned final, a vendor-internal retrospective recorded apart from them.

A project adjusts the rules in its `gates:` section (a rule switched off with a
reason, more internal-test areas, the soft launch's share and tolerance).

A project in phase X must have passed the gates before X; `next_gate` also checks the
gate that ends X. Findings are located in project.yaml like validation problems.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import Problem, ProjectFileError, UsageError, format_loc
from .gate_rules import CLOSE, GATE_NAMES, GO, IMPLEMENTATION_DONE, LAUNCH, RULES, Finding, Rule, settings_of
from .loader import ProjectSource
from .loader import read_project as read_located
from .models import Phase, Project

__all__ = ["CLOSE", "GATE_NAMES", "GO", "IMPLEMENTATION_DONE", "LAUNCH", "GateResult", "GateSource", "ProjectGates",
           "check_gates", "check_projects", "evaluate_gate", "exit_gate", "gates_to_check", "read_project"]

# The gates a project has passed on entering each phase, and the one that ends it.
_PASSED_ON_ENTRY = {Phase.initialization: (), Phase.implementation: (GO,),
                    Phase.approval: (GO, IMPLEMENTATION_DONE), Phase.closed: (GO, IMPLEMENTATION_DONE, LAUNCH)}
# After launch the project is `closed` once its documentation and retrospectives are
# wrapped up: the `close` gate ends it.
_EXIT_GATE = {Phase.initialization: GO, Phase.implementation: IMPLEMENTATION_DONE, Phase.approval: LAUNCH,
              Phase.closed: CLOSE}


class GateSource(ProjectSource):
    """Where a project was read from, so findings can name file:line:col."""

    __slots__ = ()

    def problem(self, rule: Rule, finding: Finding) -> Problem:
        """The finding located in the file; the hint names the rule, to look up or switch off."""
        hint = f"{finding.hint}; rule {rule.id}" if finding.hint else f"rule {rule.id}"
        return Problem(self.file, self.where(finding.loc), format_loc(finding.loc),
                       f"gate '{rule.gate}': {finding.message}", hint)


@dataclass
class GateResult:
    name: str
    problems: list[Problem] = field(default_factory=list)
    rules_off: list[str] = field(default_factory=list)  # ids of rules the project switched off

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
                "gates": [{"name": g.name, "passed": g.passed, "rules_off": g.rules_off,
                           "problems": [p.as_dict() for p in g.problems]} for g in self.gates]}


def gates_to_check(phase: Phase, next_gate: bool = False, only: list[str] | None = None) -> list[str]:
    """The gates for a project in `phase`: those passed on entry, plus its exit gate."""
    for name in only or []:
        if name not in GATE_NAMES:
            raise UsageError(f"unknown gate '{name}' (known: {', '.join(GATE_NAMES)})")
    if only:
        return [name for name in GATE_NAMES if name in only]
    names = list(_PASSED_ON_ENTRY[phase])
    return names + [_EXIT_GATE[phase]] if next_gate else names


def read_project(path: str | Path) -> tuple[Project, GateSource]:
    """The project at `path` and where it came from; an invalid file raises ProjectFileError."""
    project, source = read_located(path)
    return project, GateSource(source.file, source.parsed)


def evaluate_gate(project: Project, gate: str, source: GateSource) -> GateResult:
    """The findings of every rule of `gate` in force for `project`, located via `source`."""
    settings = settings_of(project)
    rules = [rule for rule in RULES if rule.gate == gate]
    off = [rule.id for rule in rules if project.gates.is_off(rule.id)]
    problems = [source.problem(rule, finding) for rule in rules if rule.id not in off
                for finding in rule.check(project, settings)]
    return GateResult(gate, problems, off)


def exit_gate(project: Project, source: GateSource) -> GateResult:
    """The gate that ends the project's current phase, with its findings (`docgen status`)."""
    return evaluate_gate(project, _EXIT_GATE[project.project.phase], source)


def check_gates(path: str | Path, next_gate: bool = False, only: list[str] | None = None) -> ProjectGates:
    """Evaluate the gates of the project file at `path`; invalid files raise ProjectFileError."""
    project, source = read_project(path)
    results = [evaluate_gate(project, gate, source)
               for gate in gates_to_check(project.project.phase, next_gate, only)]
    return ProjectGates(source.file, project.project.phase.value, results)


def check_projects(paths: list[Path], next_gate: bool = False, only: list[str] | None = None) -> list[ProjectGates]:
    """The gates of every project; an invalid file is a failed result, not an exception."""
    results = []
    for path in paths:
        try:
            results.append(check_gates(path, next_gate, only))
        except ProjectFileError as error:
            results.append(ProjectGates(str(path), "", [], error.problems))
    return results

