"""The seed's rules for the four phase gates, as data: one named check per rule.

Each rule yields findings (where in project.yaml, what is wrong, what to do). The
parameters some rules take (internal-test areas, soft-launch share and tolerance)
come from `Settings`: the seed's defaults, adjusted by the project's `gates:` section.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Callable, Iterator

from .models import Phase, Project, Side, Stage, Status, TestCase, TestResult
from .models.gates import (DEFAULT_INTERNAL_TEST_AREAS, DEFAULT_SOFT_LAUNCH_SHARE, DEFAULT_SOFT_LAUNCH_TOLERANCE,
                           area_key)
from .models.refs import Loc
from .models.completeness import drafts
from .models.signoff import Signature

GO, IMPLEMENTATION_DONE, LAUNCH, CLOSE = "go", "implementation-done", "launch", "close"
GATE_NAMES = (GO, IMPLEMENTATION_DONE, LAUNCH, CLOSE)


@dataclass(frozen=True)
class Finding:
    loc: Loc
    message: str
    hint: str


@dataclass(frozen=True)
class Settings:
    """The rule parameters in force for one project."""

    internal_test_areas: tuple[str, ...]
    soft_launch_share: float
    soft_launch_tolerance: float


def settings_of(project: Project) -> Settings:
    gates = project.gates
    share = gates.soft_launch_share if gates.soft_launch_share is not None else DEFAULT_SOFT_LAUNCH_SHARE
    tolerance = (gates.soft_launch_tolerance if gates.soft_launch_tolerance is not None
                 else DEFAULT_SOFT_LAUNCH_TOLERANCE)
    return Settings(DEFAULT_INTERNAL_TEST_AREAS + tuple(gates.internal_test_areas), share, tolerance)


Check = Callable[[Project, Settings], Iterator[Finding]]


@dataclass(frozen=True)
class Rule:
    id: str
    says: str  # what the rule requires, one line for `docgen gates --explain`
    check: Check

    @property
    def gate(self) -> str:
        return self.id.split(".", 1)[0]


# --- go ------------------------------------------------------------------------------


def go_decided(project: Project, _: Settings) -> Iterator[Finding]:
    decision = project.decision
    if decision.go is not True:
        said = "the customer decided No-Go" if decision.go is False else "no Go decision is recorded"
        yield Finding(("decision", "go"), said, "Implementation starts only after a Go: set decision.go: true")


def go_customer_decides(project: Project, _: Settings) -> Iterator[Finding]:
    decision = project.decision
    if decision.date is None:
        yield Finding(("decision",), "the Go decision has no date", "add decision.date")
    if decision.by is None:
        yield Finding(("decision",), "the Go decision names nobody", "add decision.by: the customer's decider")
    elif project.person(decision.by).side is not Side.customer:
        yield Finding(("decision", "by"), f"the Go is recorded by {_who(project, decision.by)}",
                      "the customer decides: name the customer's decider in decision.by")


def go_concept_released(project: Project, _: Settings) -> Iterator[Finding]:
    go_date = project.decision.date
    released = [r for r in project.concept.revisions if _is_release(r.version) and (not go_date or r.date <= go_date)]
    if not released:
        when = f" by the Go on {go_date.isoformat()}" if go_date else ""
        yield Finding(("concept", "revisions"), f"the Customer Implementation Concept has no released version{when}",
                      "the Go rests on a released concept: record its version 1.0 (or later) in concept.revisions")


def go_sow_exists(project: Project, _: Settings) -> Iterator[Finding]:
    sow, go_date = project.sow, project.decision.date
    if sow is None or not sow.work_packages:
        yield Finding(("sow",), "no SOW with work packages",
                      "the Go accepts an offer: describe it in sow.work_packages")
    elif go_date and sow.document.date and sow.document.date > go_date:
        yield Finding(("sow", "document", "date"), f"the SOW is dated {sow.document.date}, after the Go on {go_date}",
                      "the Go accepts an SOW that exists: date the SOW on or before the decision")


def go_sow_signed(project: Project, _: Settings) -> Iterator[Finding]:
    if project.sow is None:
        return
    yield from _signed_by_both_sides(project, ("sow", "signed"), project.sow.signed, "the SOW", project.decision.date)


def go_charter_goals(project: Project, _: Settings) -> Iterator[Finding]:
    if not project.charter.goals:
        yield Finding(("charter", "goals"), "the charter states no goals", "add charter.goals")


def _signed_by_both_sides(project: Project, loc: Loc, signed: list[Signature], what: str,
                          by_day: dt.date | None) -> Iterator[Finding]:
    for side in Side:
        on_time = [s for s in signed if project.person(s.person).side is side and (not by_day or s.date <= by_day)]
        if not on_time:
            before = f" by {by_day.isoformat()}" if by_day else ""
            yield Finding(loc, f"{what} is not signed on the {side.value}'s side{before}",
                          f"record the {side.value}'s signature (person, date) in {'.'.join(map(str, loc))}")


# --- implementation-done -----------------------------------------------------------------


def implementation_checklist_done(project: Project, _: Settings) -> Iterator[Finding]:
    for index, item in enumerate(project.requirements):
        if item.phase in (Phase.initialization, Phase.implementation) and item.status is not Status.done:
            yield Finding(("requirements", index, "status"), f"{item.id} '{item.title}' is {_words(item.status)}",
                          "Implementation ends when every checklist item is done")


def internal_test_areas(project: Project, settings: Settings) -> Iterator[Finding]:
    cases = project.tests.internal
    for number, area in enumerate(settings.internal_test_areas):
        in_area = [c for c in cases if area_key(c.area) == area_key(area)]
        if not any(c.result is TestResult.passed for c in in_area):
            tried = ", ".join(f"{c.id} {_words(c.result)}" for c in in_area) or "none recorded"
            added = number - len(DEFAULT_INTERNAL_TEST_AREAS)
            loc: Loc = ("gates", "internal_test_areas", added) if added >= 0 else ("tests", "internal")
            yield Finding(loc, f"no passed internal test in the area '{area}': {tried}",
                          "the internal approval covers every required area: pass a test case with this area")


def internal_tests_passed(project: Project, _: Settings) -> Iterator[Finding]:
    yield from _tests_not_passed(project, "internal", "the internal approval leaves no test failed or unrun")


# --- launch --------------------------------------------------------------------------


def launch_checklist_done(project: Project, _: Settings) -> Iterator[Finding]:
    for index, item in enumerate(project.requirements):
        if item.phase is not Phase.closed and item.status is not Status.done:
            yield Finding(("requirements", index, "status"), f"{item.id} '{item.title}' is {_words(item.status)}",
                          "every checklist item up to Approval must be done before launch")


def qa_recheck(project: Project, _: Settings) -> Iterator[Finding]:
    start = project.project.approval_start
    for index, item in enumerate(project.requirements):
        if item.status is not Status.done or item.phase is Phase.closed:
            continue  # an open item cannot be re-checked (the checklist rule reports it); closing work is after launch
        flaw = _recheck_flaw(project, item.verified, item.verified_by, item.verified_system, item.verified_on, start)
        if flaw:
            field, why = flaw
            yield Finding(("requirements", index, field), f"{item.id} '{item.title}': {why}",
                          "the customer's QA re-checks every item on the live system in Approval")


def _recheck_flaw(project: Project, verified: bool, by: str | None, system: Stage | None, on: dt.date | None,
                  start: dt.date | None) -> tuple[str, str] | None:
    """What keeps a re-check from counting: (field, why), or None when it counts."""
    if not verified:
        return "verified", "not re-checked"
    if by is None or project.person(by).side is not Side.customer:
        return "verified_by", f"re-checked by {_who(project, by)}, not by the customer's QA"
    if system is not Stage.live:
        return "verified_system", f"re-checked on {system.value if system else 'an unnamed system'}, not on live"
    if on is None:
        return "verified_on", "the re-check has no date"
    if start is None or on < start:
        began = f"Approval began {start.isoformat()}" if start else "Approval has not begun (project.approval_start)"
        return "verified_on", f"re-checked {on.isoformat()}, before Approval ({began})"
    return None


def acceptance_on_live(project: Project, _: Settings) -> Iterator[Finding]:
    yield from _tests_not_passed(project, "customer", "launch needs every customer acceptance test passed")
    for index, case in enumerate(project.tests.customer):
        if case.result is TestResult.passed and case.environment is not Stage.live:
            where = case.environment.value if case.environment else "an unnamed system"
            yield Finding(("tests", "customer", index, "environment"),
                          f"customer test {case.id} '{case.title}' passed on {where}, not on live",
                          "acceptance counts on the live system: repeat the test there and set environment: live")


def test_protocol_signed(project: Project, _: Settings) -> Iterator[Finding]:
    sign_off = project.tests.customer_sign_off
    if sign_off is None:
        yield Finding(("tests",), "the customer test protocol is not signed",
                      "record the customer QA lead's signature in tests.customer_sign_off")
    elif project.person(sign_off.person).side is not Side.customer:
        yield Finding(("tests", "customer_sign_off", "person"),
                      f"the customer test protocol is signed by {_who(project, sign_off.person)}",
                      "the customer's QA lead signs it")


def soft_launch_done(project: Project, settings: Settings) -> Iterator[Finding]:
    soft, loc = project.launch.soft_launch, ("launch", "soft_launch")
    low, high = settings.soft_launch_share - settings.soft_launch_tolerance, \
        settings.soft_launch_share + settings.soft_launch_tolerance
    done_on, as_of = soft.carried_out_on, project.project.as_of
    if done_on is None or (as_of is not None and done_on > as_of):
        planned = f"only planned for {soft.date.isoformat()}" if soft.date else "not planned"
        yield Finding(loc, f"the soft launch is {planned}, not carried out",
                      f"launch to about {settings.soft_launch_share:g}% of users first, then record "
                      "carried_out_on, actual_percent and outcome")
        return
    if soft.actual_percent is None or not low <= soft.actual_percent <= high:
        share = f"{soft.actual_percent:g}%" if soft.actual_percent is not None else "an unrecorded share"
        yield Finding((*loc, "actual_percent"), f"the soft launch reached {share} of users",
                      f"a soft launch reaches {low:g}-{high:g}% of users (gates.soft_launch_share, tolerance)")
    if not soft.outcome.strip():
        yield Finding(loc, "the soft launch's outcome is not recorded", "describe it in launch.soft_launch.outcome")
    for index, item_id in enumerate(soft.issues):
        item = project.requirement(item_id)
        if not item.is_done:
            yield Finding((*loc, "issues", index), f"soft-launch issue {item.id} '{item.title}' is not fixed",
                          "fix every issue the soft launch uncovered before the launch")
    go_live = project.launch.go_live
    if go_live is not None and done_on >= go_live:
        yield Finding((*loc, "carried_out_on"), f"the soft launch on {done_on} is not before go-live on {go_live}",
                      "the soft launch comes first")


def go_live_set(project: Project, _: Settings) -> Iterator[Finding]:
    if project.launch.go_live is None:
        yield Finding(("launch",), "no go-live date", "set launch.go_live")


def ticket_process_tested(project: Project, _: Settings) -> Iterator[Finding]:
    loc = ("launch", "support_handover", "ticket_process_test")
    test_id = project.launch.support_handover.ticket_process_test
    case = _test_case(project, test_id)
    if case is None:
        yield Finding(loc[:-1], "no test of the support ticket process is linked",
                      "test the ticket process as a protocol test case and set ticket_process_test to its id")
    elif case.result is not TestResult.passed:
        yield Finding(loc, f"the ticket process test {case.id} is {_words(case.result)}",
                      "the handover needs the ticket process tested and passed")


# --- close ---------------------------------------------------------------------------


def close_checklist_done(project: Project, _: Settings) -> Iterator[Finding]:
    for index, item in enumerate(project.requirements):
        if item.status is not Status.done:
            yield Finding(("requirements", index, "status"), f"{item.id} '{item.title}' is {_words(item.status)}",
                          "the project closes when every checklist item is done")


def technical_documentation_final(project: Project, _: Settings) -> Iterator[Finding]:
    yield from _final(project, "technical-documentation", "technical_documentation")


def lessons_learned_final(project: Project, _: Settings) -> Iterator[Finding]:
    yield from _final(project, "lessons-learned", "lessons_learned")


def _final(project: Project, document: str, section: str) -> Iterator[Finding]:
    """The document is complete and its status is final (`models.completeness`)."""
    for draft in drafts(project, [document]):
        for gap in draft.missing:
            yield Finding(gap.loc, f"{section.replace('_', ' ')} is not final: {gap.what}", gap.hint)


def internal_retrospective(project: Project, _: Settings) -> Iterator[Finding]:
    retro, loc = project.internal_retrospective, ("internal_retrospective",)
    if retro.date is None or not retro.findings:
        yield Finding(loc, "no internal retrospective is recorded",
                      "record the vendor's own retrospective (date, participants, findings) apart from the "
                      "lessons learned")
    for index, person_id in enumerate(retro.participants):
        if project.person(person_id).side is not Side.vendor:
            yield Finding((*loc, "participants", index),
                          f"the internal retrospective includes {_who(project, person_id)}",
                          "it is the vendor's internal review; the customer's view goes into the lessons learned")


# --- shared helpers -----------------------------------------------------------------------


def _tests_not_passed(project: Project, kind: str, hint: str) -> Iterator[Finding]:
    cases = getattr(project.tests, kind)
    if not cases:
        yield Finding(("tests", kind), f"no {kind} tests are recorded", hint)
    for index, case in enumerate(cases):
        if case.result is not TestResult.passed:
            yield Finding(("tests", kind, index, "result"),
                          f"{kind} test {case.id} '{case.title}' is {_words(case.result)}", hint)


def _test_case(project: Project, test_id: str | None) -> TestCase | None:
    return next((c for c in project.tests.internal + project.tests.customer if c.id == test_id), None)


def _who(project: Project, person_id: str | None) -> str:
    if person_id is None:
        return "nobody named"
    person = project.person(person_id)
    return f"{person.id} ({person.side.value} side)"


def _is_release(version: str) -> bool:
    """'1.0', '2.3' are released versions; '0.4' and names without a number are drafts."""
    match = re.match(r"\s*v?(\d+)", version)
    return bool(match) and int(match.group(1)) >= 1


def _words(value: Status | TestResult) -> str:
    return {"fail": "failed", "pass": "passed"}.get(value.value, value.value.replace("_", " "))


RULES: tuple[Rule, ...] = (
    Rule("go.decided", "a Go is recorded (decision.go: true)", go_decided),
    Rule("go.customer-decides", "the Go is dated and decided by a person on the customer's side",
         go_customer_decides),
    Rule("go.concept-released", "the Customer Implementation Concept has a released version (1.0 or later) "
         "by the Go", go_concept_released),
    Rule("go.sow-exists", "a Basic SOW with work packages exists, dated on or before the Go", go_sow_exists),
    Rule("go.sow-signed", "the SOW is signed on the customer's and the vendor's side by the Go", go_sow_signed),
    Rule("go.charter-goals", "the charter states the project's goals", go_charter_goals),
    Rule("implementation-done.checklist-done", "every checklist item of Initialization and Implementation is done",
         implementation_checklist_done),
    Rule("implementation-done.internal-test-areas", "the internal approval has a passed test in each required area",
         internal_test_areas),
    Rule("implementation-done.internal-tests-passed", "no internal test is left failed, blocked or not run",
         internal_tests_passed),
    Rule("launch.checklist-done", "every checklist item up to Approval is done", launch_checklist_done),
    Rule("launch.qa-recheck", "the customer's QA re-checked every item up to Approval: a customer-side person, "
         "on live, dated in Approval", qa_recheck),
    Rule("launch.acceptance-on-live", "every customer acceptance test passed on the live system",
         acceptance_on_live),
    Rule("launch.test-protocol-signed", "the customer test protocol is signed by the customer", test_protocol_signed),
    Rule("launch.soft-launch", "a soft launch to about the soft-launch share of users was carried out before "
         "go-live, its outcome recorded and its issues fixed", soft_launch_done),
    Rule("launch.go-live", "a go-live date is set", go_live_set),
    Rule("launch.ticket-process-tested", "the support ticket process was tested by a passed protocol test case",
         ticket_process_tested),
    Rule("close.checklist-done", "every checklist item, including the closing work, is done", close_checklist_done),
    Rule("close.technical-documentation-final", "the technical documentation is complete and final",
         technical_documentation_final),
    Rule("close.lessons-learned-final", "the lessons learned are complete and final", lessons_learned_final),
    Rule("close.internal-retrospective", "a vendor-internal retrospective is recorded, apart from the lessons learned",
         internal_retrospective),
)
