"""Phase gates: located findings, the gates a phase implies, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.cli import main
from docgen.errors import UsageError
from docgen.gates import GATE_NAMES, check_gates, gates_to_check
from docgen.models import Phase

MINIMAL = (Path(__file__).parent / "data" / "minimal.yaml").read_text(encoding="utf-8")

READY = """\
decision: {go: true, date: 2026-02-01, by: jdoe}
charter:
  goals: [Move all mailboxes]
sow:
  day_rate: 1000
  work_packages:
    - {id: WP1, title: Setup, effort_days: 2}
requirements:
  - {id: R1, title: Test access, side: customer, responsible: jdoe, status: done, verified: true}
  - {id: R2, title: Go-live check, side: customer, responsible: jdoe, phase: approval, status: done, verified: true}
tests:
  internal:
    - {id: IT1, area: Load balancing, title: Failover, result: pass}
  customer:
    - {id: AT1, area: Webmail, title: Login, result: pass}
launch:
  soft_launch: {percent: 5, date: 2026-05-01}
  go_live: 2026-06-01
  support_handover: {ticket_process_tested: true}
"""


def project(tmp_path: Path, phase: str, extra: str = READY) -> Path:
    path = tmp_path / "project.yaml"
    path.write_text(MINIMAL.replace("  start:", f"  phase: {phase}\n  start:") + extra, encoding="utf-8")
    return path


def messages(result) -> list[str]:
    return [str(p) for gate in result.gates for p in gate.problems]


def test_a_phase_implies_the_gates_passed_before_it():
    assert gates_to_check(Phase.initialization) == []
    assert gates_to_check(Phase.implementation) == ["go"]
    assert gates_to_check(Phase.approval) == ["go", "implementation-done"]
    assert gates_to_check(Phase.approval, next_gate=True) == list(GATE_NAMES)
    with pytest.raises(UsageError, match="unknown gate 'golive'"):
        gates_to_check(Phase.approval, only=["golive"])


def test_a_ready_project_passes_every_gate(tmp_path):
    result = check_gates(project(tmp_path, "approval"), next_gate=True)
    assert [(g.name, g.passed) for g in result.gates] == [(name, True) for name in GATE_NAMES]


def test_implementation_without_go_fails_at_the_decision(tmp_path):
    path = project(tmp_path, "implementation", READY.replace("go: true", "go: false"))
    (problem,) = messages(check_gates(path))
    assert problem == (f"{path}:11:16: decision.go: gate 'go': the customer decided No-Go "
                       "(Implementation starts only after a Go: set decision.go: true)")


def test_open_items_and_failed_internal_tests_block_approval(tmp_path):
    text = READY.replace("status: done, verified: true}", "status: blocked}", 1).replace("result: pass}", "result: fail}", 1)
    path = project(tmp_path, "approval", text)
    assert messages(check_gates(path)) == [
        f"{path}:19:77: requirements[0].status: gate 'implementation-done': R1 'Test access' is blocked "
        "(Implementation ends when every checklist item is done)",
        f"{path}:23:64: tests.internal[0].result: gate 'implementation-done': internal test IT1 'Failover' "
        "is failed (the internal approval needs every internal test passed)",
    ]


def test_launch_needs_the_re_check_soft_launch_and_tested_support(tmp_path):
    text = READY.replace("status: done, verified: true}", "status: done}", 1).replace(
        "soft_launch: {percent: 5, date: 2026-05-01}", "soft_launch: {percent: 5}").replace(
        "ticket_process_tested: true", "ticket_process_tested: false")
    found = messages(check_gates(project(tmp_path, "approval", text), only=["launch"]))
    assert [m.split(": gate 'launch': ")[1].split(" (")[0] for m in found] == [
        "R1 'Test access' is not re-checked",
        "no soft launch is planned",
        "the support ticket process is not tested",
    ]
    assert "launch to about 5% of users first" in found[1]


def test_cli_exit_codes_and_json(tmp_path):
    runner = CliRunner()
    ready = project(tmp_path, "approval")
    passed = runner.invoke(main, ["gates", "--next", str(ready)])
    assert passed.exit_code == 0
    assert passed.stdout.strip() == f"ok: {ready}: approval; go passed, implementation-done passed, launch passed"
    ready.write_text(ready.read_text().replace("go: true", "go: null"))
    failed = runner.invoke(main, ["gates", "--json", str(ready)])
    assert failed.exit_code == 1
    report = json.loads(failed.stdout)
    assert report["passed"] is False
    gate = report["projects"][0]["gates"][0]
    assert gate["name"] == "go" and gate["problems"][0]["path"] == "decision.go"


def test_an_invalid_file_fails_with_its_validation_problems(tmp_path):
    path = tmp_path / "project.yaml"
    path.write_text(MINIMAL.replace("title:", "titel:"))
    result = CliRunner().invoke(main, ["gates", str(path)])
    assert result.exit_code == 1
    assert "unknown key 'titel'" in result.stderr and f"fail: {path}: not a valid project file" in result.stdout
