"""`docgen gates --explain`: the gate rules in force for a project, and where each comes from.

A rule is in force by default (the seed's rule) unless the project's `gates:` section
switches it off; parameters come from the defaults or from `gates:`. Each adjustment is
named by its place in project.yaml, so a reader can find and question it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .gate_rules import GATE_NAMES, RULES
from .gates import GateSource, read_project
from .models import Project
from .models.gates import DEFAULT_INTERNAL_TEST_AREAS, DEFAULT_SOFT_LAUNCH_SHARE, DEFAULT_SOFT_LAUNCH_TOLERANCE

DEFAULT = "default"


@dataclass(frozen=True)
class RuleInForce:
    rule: str
    gate: str
    says: str
    in_force: bool
    source: str  # "default", or "project.yaml:12:5" where the project switched it off
    reason: str = ""


@dataclass(frozen=True)
class Parameter:
    name: str
    value: str
    source: str


@dataclass(frozen=True)
class Explanation:
    file: str
    rules: list[RuleInForce]
    parameters: list[Parameter]

    def lines(self) -> list[str]:
        out = [f"{self.file}: gate rules"]
        for gate in GATE_NAMES:
            out.append(f"{gate}:")
            out += [_rule_line(rule) for rule in self.rules if rule.gate == gate]
        out.append("parameters:")
        out += [f"  {p.name} = {p.value}  [{p.source}]" for p in self.parameters]
        return out

    def to_json(self) -> dict:
        return {"file": self.file,
                "rules": [vars(rule) for rule in self.rules],
                "parameters": [vars(parameter) for parameter in self.parameters]}


def explain_gates(path: str | Path) -> Explanation:
    """The rules and parameters in force for the project at `path`."""
    project, source = read_project(path)
    return Explanation(source.file, _rules(project, source), _parameters(project, source))


def _rule_line(rule: RuleInForce) -> str:
    if rule.in_force:
        return f"  on   {rule.rule}: {rule.says}  [{rule.source}]"
    return f"  OFF  {rule.rule}: {rule.says}  [switched off at {rule.source}: {rule.reason}]"


def _rules(project: Project, source: GateSource) -> list[RuleInForce]:
    index = {switch.rule: n for n, switch in enumerate(project.gates.switched_off)}
    rules = []
    for rule in RULES:
        if rule.id in index:
            n = index[rule.id]
            place = _place(source, ("gates", "switched_off", n))
            rules.append(RuleInForce(rule.id, rule.gate, rule.says, False, place, project.gates.switched_off[n].reason))
        else:
            rules.append(RuleInForce(rule.id, rule.gate, rule.says, True, DEFAULT))
    return rules


def _parameters(project: Project, source: GateSource) -> list[Parameter]:
    gates = project.gates
    areas = [Parameter("internal test area", area, DEFAULT) for area in DEFAULT_INTERNAL_TEST_AREAS]
    areas += [Parameter("internal test area", area, _place(source, ("gates", "internal_test_areas", n)))
              for n, area in enumerate(gates.internal_test_areas)]
    return areas + [
        _number("soft launch share (%)", gates.soft_launch_share, DEFAULT_SOFT_LAUNCH_SHARE, source,
                "soft_launch_share"),
        _number("soft launch tolerance (points)", gates.soft_launch_tolerance, DEFAULT_SOFT_LAUNCH_TOLERANCE,
                source, "soft_launch_tolerance"),
    ]


def _number(name: str, value: float | None, default: float, source: GateSource, key: str) -> Parameter:
    if value is None:
        return Parameter(name, f"{default:g}", DEFAULT)
    return Parameter(name, f"{value:g}", _place(source, ("gates", key)))


def _place(source: GateSource, loc: tuple) -> str:
    where = source.where(loc)
    return f"{source.file}:{where}" if where else source.file


def explain_projects(paths: list[Path]) -> list[Explanation]:
    """`explain_gates` for each project; an invalid file raises ProjectFileError."""
    return [explain_gates(path) for path in paths]
