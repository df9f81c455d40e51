"""`docgen status` for a terminal: a page per project, or one line per project."""

from __future__ import annotations

from .i18n import labels
from .status import ProjectStatus

_LIST_LIMIT = 12  # ids shown per traceability gap before "and N more"


def reasons_text(status: ProjectStatus) -> str:
    """The traffic light's reasons in the words of the status report (English), in one line."""
    english = labels("en")
    texts = [english.count(f"reason.{r['key']}", r["count"], due=r.get("of", 0)).rstrip(".") for r in status.reasons]
    return "; ".join(text[0].lower() + text[1:] for text in texts) or "no open issues"


def portfolio_line(status: ProjectStatus) -> str:
    """One line: light, id, phase, checklist and tests, the exit gate."""
    if status.problems:
        return f"RED    {status.file}: not a valid project file ({len(status.problems)} problem(s))"
    days = f" {status.days_in_phase}d" if status.days_in_phase is not None else ""
    tests = sum(row.total for row in status.tests)
    tests_text = f"tests {status.tests_with('passed')}/{tests} passed" if tests else "no tests"
    gate = status.exit_gate
    gate_text = f"{gate.name} {'ready' if gate.passed else f'{len(gate.blockers)} blocking'}" if gate else ""
    return (f"{status.light.upper():6} {status.id:24} {status.phase}{days}  "
            f"checklist {status.done}/{status.items} ({len(status.overdue)} overdue)  "
            f"{tests_text}  {_effort_short(status)}gate {gate_text}")


def _effort_short(status: ProjectStatus) -> str:
    effort = status.effort
    if effort is None:
        return ""
    over = f" ({len(effort.over_budget)} WP over budget)" if effort.over_budget else ""
    return f"effort {effort.booked_days}/{effort.planned_days}d{over}  "


def status_page(status: ProjectStatus) -> str:
    if status.problems:
        return "\n".join(str(p) for p in status.problems)
    lines = [f"{status.id}: {status.title} ({status.customer})",
             f"as of {status.as_of}: {status.light.upper()} ({reasons_text(status)})",
             _phase_line(status), _decision_line(status)]
    lines += _checklist(status) + _tests(status) + _effort(status) + _early_steps(status)
    lines += _milestones(status) + _actions(status)
    lines += _gates(status) + _traceability(status)
    return "\n".join(lines)


def _phase_line(status: ProjectStatus) -> str:
    if not status.phase_since:
        return f"phase: {status.phase}"
    return f"phase: {status.phase} since {status.phase_since} ({status.days_in_phase} days)"


def _decision_line(status: ProjectStatus) -> str:
    words = {"go": "Go", "no-go": "No-Go", "pending": "pending"}[status.decision]
    on = f" on {status.decision_date}" if status.decision_date else ""
    return f"decision: {words}{on}" + (f" by {status.decision_by}" if status.decision_by else "")


def _checklist(status: ProjectStatus) -> list[str]:
    lines = [f"checklist: {status.done}/{status.items} done, {status.items - status.done} open, "
             f"{len(status.overdue)} overdue"]
    for row in status.checklist:
        lines.append(f"  {row.phase:15} {row.side:9} {row.done:3}/{row.total:<3} done  {row.open:3} open  "
                     f"{len(row.overdue):3} overdue")
    for item in status.overdue:
        lines.append(f"  overdue: {item.id} {item.title} ({item.responsible}, {item.side}; due {item.due})")
    return lines


def _tests(status: ProjectStatus) -> list[str]:
    lines = ["tests:" if status.tests else "tests: none recorded"]
    for row in status.tests:
        lines.append(f"  {row.kind:9} {row.area:34} {row.passed:3} passed {row.failed:3} failed "
                     f"{row.blocked:3} blocked {row.not_run:3} not run")
    return lines


def _effort(status: ProjectStatus) -> list[str]:
    effort = status.effort
    if effort is None:
        return ["effort: no SOW and no bookings"]
    over = f", {len(effort.over_budget)} work package(s) over budget" if effort.over_budget else ""
    changed = effort.approved_days
    sign, changed = ("-", changed[1:]) if changed.startswith("-") else ("+", changed)
    lines = [f"effort: {effort.booked_days} of {effort.planned_days} planned days booked (SOW {effort.baseline_days}"
             f" {sign} {changed} approved changes), {effort.remaining_days} remaining{over}"]
    for p in effort.packages:
        used = f"{p.used_percent:3}%" if p.used_percent is not None else "   -"
        flag = "  OVER BUDGET" if p.over_budget else ""
        lines.append(f"  {p.id:8} {_clip(p.title, 40):40} {p.booked_days:>7} / {p.planned_days:<7} days {used}  "
                     f"{p.remaining_days:>7} remaining{flag}")
    return lines


def _early_steps(status: ProjectStatus) -> list[str]:
    if not status.early_steps:
        return ["early steps: none recorded"]
    done = len([s for s in status.early_steps if s.state == "done"])
    lines = [f"early steps: {done}/{len(status.early_steps)} done"]
    lines += [f"  {s.state:8} {s.date or '-':10}  {_step_title(s.kind, s.title)}" for s in status.early_steps]
    return lines


def _step_title(kind: str, title: str) -> str:
    """A workshop's or training's own title, with its kind unless the title names it."""
    return title if kind not in ("workshop", "training") or kind in title.lower() else f"{kind}: {title}"


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "\u2026"


def _milestones(status: ProjectStatus) -> list[str]:
    upcoming = status.next_milestone
    lines = [f"next milestone: {upcoming.id} {upcoming.title} on {upcoming.date}" if upcoming
             else "next milestone: none planned"]
    lines += [f"  overdue milestone: {m.id} {m.title} (planned {m.date})" for m in status.milestones_overdue]
    return lines


def _actions(status: ProjectStatus) -> list[str]:
    lines = [f"open meeting actions: {len(status.open_actions)} ({status.overdue_actions} overdue)"]
    lines += [f"  {a.title} ({a.responsible}; due {a.due or '-'}; from {a.id})" for a in status.open_actions]
    return lines


def _gates(status: ProjectStatus) -> list[str]:
    lines = []
    for gate in status.gates:
        role = "ends this phase" if gate is status.exit_gate else "passed on entry"
        verdict = "met" if gate.passed else f"blocked by {len(gate.blockers)}"
        lines.append(f"gate {gate.name} ({role}): {verdict}")
        lines += [f"  {blocker}" for blocker in gate.blockers]
    return lines


def _traceability(status: ProjectStatus) -> list[str]:
    trace = status.traceability
    return [f"traceability: {trace.gaps} gap(s)",
            f"  requirements without a test: {_ids(trace.requirements_without_test)}",
            f"  tests without a requirement: {_ids(trace.tests_without_requirement)}",
            f"  work packages without requirements: {_ids(trace.work_packages_without_requirements)}"]


def _ids(ids: list[str]) -> str:
    if not ids:
        return "none"
    shown = ", ".join(ids[:_LIST_LIMIT])
    return shown + (f" and {len(ids) - _LIST_LIMIT} more" if len(ids) > _LIST_LIMIT else "")
