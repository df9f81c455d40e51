"""Phase gates: the seed's rules, each flipped by one change to the sample's data.

The sample is late in Implementation, so its gates fail for reasons a reader can follow
(`test_the_sample_fails_for_reasons_a_reader_can_follow`). `ready()` moves it to the day
before launch, with every rule satisfied; each flip then changes one value and the gate
fails with a finding of exactly that rule, located in the file.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any, Callable

import pytest
import yaml
from click.testing import CliRunner

from docgen.cli import main
from docgen.errors import ProjectFileError, UsageError
from docgen.gate_rules import RULES
from docgen.gates import GATE_NAMES, check_gates, exit_gate, gates_to_check, read_project
from docgen.gates_explain import explain_gates
from docgen.models import Phase
from docgen.models.gates import RULE_IDS

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "mail-migration" / "project.yaml"
SAMPLE_DATA = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
D = dt.date


def ready() -> dict[str, Any]:
    """The sample on the day before launch, its documents wrapped up: every gate rule satisfied."""
    data = copy.deepcopy(SAMPLE_DATA)
    data["project"].update(phase="approval", as_of=D(2027, 2, 26), approval_start=D(2027, 1, 4))
    for item in data["requirements"]:
        item.update(status="done", verified=True, verified_by="aluebben", verified_system="live",
                    verified_on=D(2027, 1, 20))
    for case in data["tests"]["internal"]:
        case.update(result="pass", tester="lschaefer", date=D(2026, 12, 15))
    for case in data["tests"]["customer"]:
        case.update(result="pass", environment="live", tester="aluebben", date=D(2027, 1, 18))
    data["tests"]["customer_sign_off"] = {"person": "aluebben", "date": D(2027, 1, 22)}
    data["launch"]["soft_launch"].update(carried_out_on=D(2027, 2, 1), actual_percent=5.2, issues=["REQ-040"],
                                         outcome="9,360 mailboxes live; two FAQ gaps found and fixed.")
    data["technical_documentation"]["document"].update(status="final", version="1.0")
    return data


def write(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "project.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def all_problems(path: Path):
    return [p for gate in check_gates(path, only=list(GATE_NAMES)).gates for p in gate.problems]


def add_item(phase: str) -> Callable[[dict], None]:
    def change(data: dict) -> None:
        data["requirements"].append({"id": "REQ-099", "title": "Late change", "phase": phase, "side": "vendor",
                                     "responsible": "kyilmaz", "status": "open"})
    return change


def setter(*loc: Any, value: Any) -> Callable[[dict], None]:
    def change(data: dict) -> None:
        target = data
        for part in loc[:-1]:
            target = target[part]
        target[loc[-1]] = value
    return change


# (rule, one change to the ready sample, the field path the finding names)
FLIPS = [
    ("go.decided", setter("decision", "go", value=False), "decision.go"),
    ("go.customer-decides", setter("decision", "by", value="jwinter"), "decision.by"),
    ("go.customer-decides", setter("decision", "date", value=None), "decision"),
    ("go.concept-released", setter("concept", "revisions", 1, "version", value="0.9"), "concept.revisions"),
    ("go.sow-exists", setter("sow", "document", "date", value=D(2026, 5, 4)), "sow.document.date"),
    ("go.sow-signed", setter("gates", "switched_off", value=[]), "sow.signed"),
    ("go.charter-goals", setter("charter", "goals", value=[]), "charter.goals"),
    ("implementation-done.checklist-done", add_item("implementation"), "requirements[42].status"),
    ("implementation-done.internal-test-areas", setter("tests", "internal", 9, "area", value="Automated tests"),
     "gates.internal_test_areas[0]"),
    ("implementation-done.internal-test-areas", setter("tests", "internal", 0, "area", value="Load"),
     None),  # IT-02 and IT-03 still cover load balancing: no finding
    ("implementation-done.internal-tests-passed", setter("tests", "internal", 5, "result", value="fail"),
     "tests.internal[5].result"),
    ("launch.checklist-done", add_item("approval"), "requirements[42].status"),
    ("launch.qa-recheck", setter("requirements", 0, "verified_system", value="staging"),
     "requirements[0].verified_system"),
    ("launch.qa-recheck", setter("requirements", 0, "verified_by", value="lschaefer"),
     "requirements[0].verified_by"),
    ("launch.qa-recheck", setter("requirements", 0, "verified_on", value=D(2026, 4, 24)),
     "requirements[0].verified_on"),
    ("launch.qa-recheck", setter("requirements", 0, "verified", value=False), "requirements[0].verified"),
    ("launch.acceptance-on-live", setter("tests", "customer", 0, "environment", value="staging"),
     "tests.customer[0].environment"),
    ("launch.acceptance-on-live", setter("tests", "customer", 0, "result", value="not_run"),
     "tests.customer[0].result"),
    ("launch.test-protocol-signed", setter("tests", "customer_sign_off", value=None), "tests"),
    ("launch.test-protocol-signed", setter("tests", "customer_sign_off", "person", value="lschaefer"),
     "tests.customer_sign_off.person"),
    ("launch.soft-launch", setter("launch", "soft_launch", "carried_out_on", value=None), "launch.soft_launch"),
    ("launch.soft-launch", setter("launch", "soft_launch", "carried_out_on", value=D(2027, 2, 27)),
     "launch.soft_launch"),  # after the as-of date: still only planned
    ("launch.soft-launch", setter("launch", "soft_launch", "actual_percent", value=100),
     "launch.soft_launch.actual_percent"),
    ("launch.soft-launch", setter("launch", "soft_launch", "outcome", value=""), "launch.soft_launch"),
    ("launch.soft-launch", setter("launch", "soft_launch", "issues", value=["REQ-099"]),
     "launch.soft_launch.issues[0]"),
    ("launch.go-live", setter("launch", "go_live", value=None), "launch"),
    ("launch.ticket-process-tested", setter("launch", "support_handover", "ticket_process_test", value=None),
     "launch.support_handover"),
    ("launch.ticket-process-tested", setter("launch", "support_handover", "ticket_process_test", value="IT-06"),
     None),  # another passed test case also counts
    ("close.checklist-done", add_item("closed"), "requirements[42].status"),
    ("close.technical-documentation-final", setter("technical_documentation", "document", "status", value="review"),
     "technical_documentation.document.status"),
    ("close.technical-documentation-final", setter("technical_documentation", "test_accounts", value=[]),
     "technical_documentation"),
    ("close.lessons-learned-final", setter("lessons_learned", "went_well", value=[]), "lessons_learned"),
    ("close.internal-retrospective", setter("internal_retrospective", "findings", value=[]),
     "internal_retrospective"),
    ("close.internal-retrospective", setter("internal_retrospective", "participants", 0, value="aluebben"),
     "internal_retrospective.participants[0]"),
]


def test_the_ready_sample_passes_every_gate(tmp_path):
    result = check_gates(write(tmp_path, ready()), only=list(GATE_NAMES))
    assert [(g.name, g.passed) for g in result.gates] == [(name, True) for name in GATE_NAMES]
    assert result.gates[0].rules_off == ["go.sow-signed"]


@pytest.mark.parametrize(("rule", "change", "path"), FLIPS, ids=[f"{f[0]}-{f[2]}" for f in FLIPS])
def test_one_change_flips_one_rule(tmp_path, rule, change, path):
    data = ready()
    change(data)
    if rule == "launch.soft-launch" and "REQ-099" in data["launch"]["soft_launch"]["issues"]:
        add_item("approval")(data)  # the issue is a checklist item; it is open
    found = all_problems(write(tmp_path, data))
    if path is None:
        assert found == []
        return
    mine = [p for p in found if p.hint.endswith(f"rule {rule}")]
    assert path in [p.path for p in mine], [str(p) for p in found]
    problem = next(p for p in mine if p.path == path)
    line, column = problem.where.split(":")
    assert int(line) > 0 and int(column) > 0
    assert problem.message.startswith(f"gate '{rule.split('.')[0]}': ")
    others = {p.hint.rsplit("rule ", 1)[1] for p in found} - {rule}
    # An open item fails every later gate's checklist rule too; the one flipped is the earliest.
    later = {"launch.checklist-done", "close.checklist-done"}
    allowed = later if path.startswith("requirements[42]") or "issues" in path else set()
    assert others <= allowed


def test_every_rule_has_a_flip():
    assert {flip[0] for flip in FLIPS if flip[2]} == set(RULE_IDS)
    assert tuple(rule.id for rule in RULES) == RULE_IDS


def test_a_rule_switched_off_does_not_fail_and_explain_shows_why(tmp_path):
    data = ready()
    data["decision"]["by"] = "jwinter"
    path = write(tmp_path, data)
    assert {p.hint.rsplit("rule ", 1)[1] for p in all_problems(path)} == {"go.customer-decides"}
    data["gates"]["switched_off"].append({"rule": "go.customer-decides",
                                          "reason": "Go given by the framework contract"})
    path = write(tmp_path, data)
    assert all_problems(path) == []
    lines = explain_gates(path).lines()
    off = [line for line in lines if "go.customer-decides" in line]
    assert len(off) == 1 and off[0].startswith("  OFF  ")
    assert f"switched off at {path}:" in off[0] and off[0].endswith(": Go given by the framework contract]")


def test_explain_names_the_sample_adjustments_by_line():
    lines = explain_gates(SAMPLE).lines()
    text = SAMPLE.read_text(encoding="utf-8").splitlines()
    area = next(line for line in lines if "Provisioning interface" in line)
    line_number = int(area.split(f"{SAMPLE}:")[1].split(":")[0])
    assert "internal_test_areas: [Provisioning interface]" in text[line_number - 1]
    assert "  internal test area = Load balancing  [default]" in lines
    assert any(line.startswith("  soft launch tolerance (points) = 1  [") for line in lines)
    assert sum(line.startswith("  on   ") for line in lines) == len(RULE_IDS) - 1


def test_an_unknown_rule_is_a_located_validation_error(tmp_path):
    data = ready()
    data["gates"]["switched_off"][0]["rule"] = "go.sow-signd"
    with pytest.raises(ProjectFileError) as caught:
        read_project(write(tmp_path, data))
    (problem,) = caught.value.problems
    assert problem.path == "gates.switched_off[0].rule" and "did you mean 'go.sow-signed'?" in problem.message


def test_a_re_check_of_an_open_item_is_a_validation_error(tmp_path):
    data = ready()
    data["requirements"][3]["status"] = "in_progress"
    with pytest.raises(ProjectFileError) as caught:
        read_project(write(tmp_path, data))
    (problem,) = caught.value.problems
    assert problem.path == "requirements[3].verified" and "only a done item can be re-checked" in problem.message


def test_the_sample_fails_for_reasons_a_reader_can_follow():
    result = check_gates(SAMPLE, next_gate=True)
    go, done = result.gates
    assert go.passed and go.rules_off == ["go.sow-signed"]
    rules = [p.hint.rsplit("rule ", 1)[1] for p in done.problems]
    assert rules.count("implementation-done.checklist-done") == 11
    assert [p.message for p in done.problems if p.hint.endswith("internal-test-areas")] == [
        "gate 'implementation-done': no passed internal test in the area 'Provisioning interface': IT-10 blocked"]
    assert rules.count("implementation-done.internal-tests-passed") == 4


def test_exit_gate_is_the_gate_ending_the_current_phase():
    project, source = read_project(SAMPLE)
    result = exit_gate(project, source)
    assert result.name == "implementation-done" and not result.passed
    assert all(p.file == str(SAMPLE) and p.where for p in result.problems)


def test_a_phase_implies_the_gates_passed_before_it():
    assert gates_to_check(Phase.initialization) == []
    assert gates_to_check(Phase.implementation) == ["go"]
    assert gates_to_check(Phase.approval) == ["go", "implementation-done"]
    assert gates_to_check(Phase.approval, next_gate=True) == ["go", "implementation-done", "launch"]
    assert gates_to_check(Phase.closed) == ["go", "implementation-done", "launch"]
    assert gates_to_check(Phase.closed, next_gate=True) == list(GATE_NAMES)
    with pytest.raises(UsageError, match="unknown gate 'golive'"):
        gates_to_check(Phase.approval, only=["golive"])


def test_cli_exit_codes_json_and_explain(tmp_path):
    runner = CliRunner()
    path = write(tmp_path, ready())
    passed = runner.invoke(main, ["gates", "--next", str(path)])
    assert passed.exit_code == 0, passed.output
    assert passed.stdout.strip() == f"ok: {path}: approval; go passed, implementation-done passed, launch passed"
    data = ready()
    data["decision"]["go"] = None
    write(tmp_path, data)
    failed = runner.invoke(main, ["gates", "--json", str(path)])
    assert failed.exit_code == 1
    gate = json.loads(failed.stdout)["projects"][0]["gates"][0]
    assert gate["name"] == "go" and gate["problems"][0]["path"] == "decision.go"
    assert gate["rules_off"] == ["go.sow-signed"]
    explained = runner.invoke(main, ["gates", "--explain", str(path)])
    assert explained.exit_code == 0 and "  OFF  go.sow-signed: " in explained.stdout
    report = json.loads(runner.invoke(main, ["gates", "--explain", "--json", str(path)]).stdout)
    assert [r["rule"] for r in report["projects"][0]["rules"]] == list(RULE_IDS)


def test_an_invalid_file_fails_with_its_validation_problems(tmp_path):
    path = tmp_path / "project.yaml"
    path.write_text(SAMPLE.read_text(encoding="utf-8").replace("  title: Migration", "  titel: Migration"))
    result = CliRunner().invoke(main, ["gates", str(path)])
    assert result.exit_code == 1
    assert "unknown key 'titel'" in result.stderr and f"fail: {path}: not a valid project file" in result.stdout
