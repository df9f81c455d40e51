"""Build the shipped DOCX templates reproducibly: `python templates/make_templates.py [DIR]`.

Every template is a plain Word document: named styles (Title, Heading 1-3, Body Text,
List Bullet/Number, the table style "Docgen Table"), a header and footer with PAGE and
NUMPAGES fields, a cover block with document control, and docxtpl tags. Users restyle
them in Word; docgen only relies on the tags. The brand colour 1F4E79 and the font
"Liberation Sans" are sentinels that docgen replaces with the project's branding.

The building blocks live beside this script: `_template_parts.py` (Builder, tables,
header and footer) and `_template_styles.py` (styles, numbering, page setup).
"""

from __future__ import annotations

import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent
if str(OUT) not in sys.path:  # also when loaded by path, e.g. by the test that rebuilds the set
    sys.path.insert(0, str(OUT))

from _template_parts import Builder, light_table, loop_info_table, raci_table, timeline_table  # noqa: E402


# --- tables -------------------------------------------------------------------------

PERSON_COLUMNS = [
    ("labels.name", 3.6, ["**{{ person.name }}"]),
    ("labels.role", 3.9, ["{{ person.role }}"]),
    ("labels.organisation", 3.5, ["{{ person.organisation }}"]),
    ("labels.contact", 5.6, ["~{{ person.contact }}"]),
]
OPEN_POINT_COLUMNS = [
    ("labels.id", 2.0, ["{{ item.id }}"]),
    ("labels.open_point", 7.0, ["**{{ item.title }}", "{%p if item.notes %}", "~{{ item.notes }}", "{%p endif %}"]),
    ("labels.responsible", 3.4, ["{{ item.responsible }}", "~{{ item.side }}"]),
    ("labels.due", 2.2, ["{{ item.due }}"]),
    ("labels.status", 2.0, ["{{ item.status }}"]),
]
PACKAGE_COLUMNS = [
    ("labels.id", 2.0, ["{{ wp.id }}"]),
    ("labels.work_package", 7.0, ["{{ wp.title }}"]),
    ("labels.effort_days", 2.2, ["{{ wp.effort }}"], "right"),
    ("labels.day_rate", 2.6, ["{{ wp.rate }}"], "right"),
    ("labels.price", 2.8, ["{{ wp.price }}"], "right"),
]
PACKAGE_TOTAL = ["**{{ labels.total }}", "", "**{{ total_days }}", "", "**{{ total_price }}"]
_REQUIREMENT_CELL = ["{{ a.requirement }}", "{%p if a.requirement_title %}", "~{{ a.requirement_title }}",
                     "{%p endif %}"]
ACTION_COLUMNS = [
    ("labels.number", 0.8, ["{{ a.number }}"]),
    ("labels.action", 6.0, ["{{ a.title }}"]),
    ("labels.responsible", 3.2, ["{{ a.responsible }}", "~{{ a.side }}"]),
    ("labels.due", 2.2, ["{{ a.due }}"]),
    ("labels.requirement", 4.4, _REQUIREMENT_CELL),
]
CARRIED_COLUMNS = [
    ("labels.action", 5.4, ["{{ a.title }}"]),
    ("labels.responsible", 3.0, ["{{ a.responsible }}"]),
    ("labels.due", 2.2, ["{{ a.due }}"]),
    ("labels.from_meeting", 2.2, ["{{ a.origin }}"]),
    ("labels.requirement", 3.8, _REQUIREMENT_CELL),
]

SYSTEM_COLUMNS = [
    ("labels.system", 2.6, ["**{{ s.name }}"]),
    ("labels.role", 3.0, ["{{ s.role }}"]),
    ("labels.host", 5.8, ["{{ s.host }}"]),  # host names are long and break badly
    ("labels.version", 2.5, ["{{ s.version }}"]),
    ("labels.notes", 2.7, ["~{{ s.notes }}"]),
]
TEST_ACCOUNT_COLUMNS = [
    ("labels.login", 7.2, ["**{{ t.login }}"]),
    ("labels.purpose", 4.4, ["{{ t.purpose }}"]),
    ("labels.credential_ref", 5.0, ["{{ t.credential }}"]),
]
CONTACT_COLUMNS = [
    ("labels.name", 3.6, ["**{{ c.name }}", "~{{ c.role }}"]),
    ("labels.organisation", 3.4, ["{{ c.organisation }}", "~{{ c.side }}"]),
    ("labels.responsibility", 4.0, ["{{ c.responsibility }}"]),
    ("labels.contact", 5.6, ["~{{ c.contact }}"]),
]
LESSON_ACTION_COLUMNS = [
    ("labels.number", 0.8, ["{{ a.number }}"]),
    ("labels.action", 9.4, ["{{ a.title }}"]),
    ("labels.responsible", 4.0, ["{{ a.responsible }}", "~{{ a.side }}"]),
    ("labels.due", 2.4, ["{{ a.due }}"]),
]


def package_details(b) -> None:
    b.tag("{%p if details %}")
    b.h("{{ labels.package_details }}")
    b.tag("{%p for wp in details %}")
    b.h("{{ wp.id }} \u2013 {{ wp.title }}", 2)
    b.rich("wp.description")
    for key in ("deliverables", "assumptions"):
        b.tag(f"{{%p if wp.{key} %}}")
        b.p(f"{{{{ labels.{key} }}}}", "Heading 3")
        b.bullets(f"wp.{key}", var="entry")
        b.tag("{%p endif %}")
    b.tag("{%p endfor %}")
    b.tag("{%p endif %}")



# --- the documents ------------------------------------------------------------------


def charter() -> Builder:
    b = Builder(cover_page=True)
    b.cover()
    b.tag("{%p if background %}")
    b.h("{{ labels.background }}")
    b.rich("background")
    b.tag("{%p endif %}")
    b.h("{{ labels.goals }}")
    b.bullets_or("goals", "to_be_defined")
    b.h("{{ labels.scope }}")
    b.h("{{ labels.scope_in }}", 2)
    b.bullets_or("scope_in", "to_be_defined")
    b.h("{{ labels.scope_out }}", 2)
    b.bullets_or("scope_out", "none_recorded")
    _stakeholders(b)
    _raci(b)
    _milestones(b)
    _organisation(b)
    b.signoff()
    return b


def _stakeholders(b: Builder) -> None:
    b.h("{{ labels.stakeholders }}")
    b.tag("{%p for group in stakeholder_groups %}")
    b.h("{{ group.organisation }} ({{ group.side }})", 2)
    b.table(PERSON_COLUMNS, "person in group.people")
    b.tag("{%p endfor %}")


def _raci(b: Builder) -> None:
    b.tag("{%p if raci.rows %}")
    b.h("{{ labels.responsibilities }}")
    raci_table(b.doc)
    b.p("{{ labels.raci_legend }}", "Note")
    b.tag("{%p endif %}")


def _milestones(b: Builder) -> None:
    b.tag("{%p if milestones %}")
    b.h("{{ labels.milestones }}")
    timeline_table(b.doc)
    b.table([
        ("labels.milestone", 7.0, ["**{{ m.title }}", "{%p if m.description %}", "~{{ m.description }}",
                                    "{%p endif %}"]),
        ("labels.phase", 3.2, ["{{ m.phase }}"]),
        ("labels.date", 3.2, ["{{ m.date }}"]),
        ("labels.status", 3.2, ["{{ m.status }}"]),
    ], "m in milestones")
    b.tag("{%p endif %}")


def _organisation(b: Builder) -> None:
    # No heading over nothing: the section appears once there is something to say.
    b.tag("{%p if organisation or status_call %}")
    b.h("{{ labels.project_organisation }}")
    b.tag("{%p for part in organisation %}")
    b.h("{{ part.title }}", 2)
    b.rich("part.body")
    b.tag("{%p endfor %}")
    b.tag("{%p if status_call %}")
    b.h("{{ labels.status_call }}", 2)
    b.p("{{ status_call }}")
    b.tag("{%p endif %}")
    b.tag("{%p endif %}")


def workshop_agenda() -> Builder:
    b = Builder(cover_page=False)
    b.cover(extra_rows=[
        ("labels.workshop", "workshop_title", "workshop_title"),
        ("labels.workshop_date", "workshop_date", "workshop_date"),
        ("labels.time", "time_range", ""),
        ("labels.location", "location", "location"),
    ])
    b.tag("{%p if goals %}")
    b.h("{{ labels.workshop_goals }}")
    b.bullets("goals")
    b.tag("{%p endif %}")
    b.h("{{ labels.agenda }}")
    b.table([
        ("labels.time", 2.8, ["{{ item.start }} – {{ item.end }}"]),
        ("labels.topic", 10.0, ["**{{ item.title }}", "{%p for point in item.items %}",
                                "• {{ point }}", "{%p endfor %}"]),
        ("labels.owner", 3.8, ["{{ item.owner }}"]),
    ], "item in agenda")
    b.h("{{ labels.attendees }}")
    b.tag("{%p if attendees %}")
    b.table(PERSON_COLUMNS, "person in attendees")
    b.tag("{%p else %}")
    b.p("{{ labels.attendees_tbd }}", "Note")
    b.tag("{%p endif %}")
    return b


def implementation_concept() -> Builder:
    b = Builder(cover_page=True)
    b.cover()
    b.h("{{ labels.revision_history }}")
    b.tag("{%p if revisions %}")
    b.table([
        ("labels.version", 2.0, ["{{ r.version }}"]),
        ("labels.date", 3.0, ["{{ r.date }}"]),
        ("labels.author", 3.6, ["{{ r.author }}"]),
        ("labels.changes", 8.0, ["{{ r.summary }}"]),
    ], "r in revisions")
    b.tag("{%p else %}")
    b.p("{{ labels.no_revisions }}", "Note")
    b.tag("{%p endif %}")
    b.h("{{ labels.environment }}")
    b.tag("{%p if environment %}")
    b.tag("{%p for part in environment %}")
    b.h("{{ part.title }}", 2)
    b.tag("{%p if part.body %}")
    b.rich("part.body")
    b.tag("{%p else %}")
    b.p("{{ labels.component_pending }}", "Note")  # listed, not evaluated yet: say so under its name
    b.tag("{%p endif %}")
    b.tag("{%p endfor %}")
    b.tag("{%p else %}")
    b.p("{{ labels.environment_pending }}", "Note")
    b.tag("{%p endif %}")
    _initialization(b)
    b.tag("{%p if architecture %}")
    b.h("{{ labels.architecture }}")
    b.rich("architecture")
    b.tag("{%p endif %}")
    b.tag("{%p for section in sections %}")
    b.h("{{ section.title }}")
    b.rich("section.body")
    b.tag("{%p endfor %}")
    b.h("{{ labels.open_points }}")
    b.tag("{%p if open_points %}")
    b.table(OPEN_POINT_COLUMNS, "item in open_points")
    b.tag("{%p else %}")
    b.p("{{ labels.no_open_points }}", "Note")
    b.tag("{%p endif %}")
    return b


def _initialization(b: Builder) -> None:
    """What the concept results from: the demo, the proof of concept, the initial workshops."""
    b.tag("{%p if initialization or workshops %}")
    b.h("{{ labels.initialization_steps }}")
    b.tag("{%p for step in initialization %}")
    b.h("{{ step.title }}", 2)
    loop_info_table(b.doc, "row in step.rows")
    b.tag("{%p if step.points %}")
    b.p("{{ step.points_label }}", "Heading 3")
    b.bullets("step.points", var="point")
    b.tag("{%p endif %}")
    b.tag("{%p if step.result %}")
    b.p("{{ step.result }}")
    b.tag("{%p endif %}")
    b.tag("{%p endfor %}")
    b.tag("{%p if workshops %}")
    b.h("{{ labels.initial_workshops }}", 2)
    b.table([
        ("labels.date", 3.2, ["{{ w.date }}"]),
        ("labels.workshop", 8.0, ["{{ w.title }}"]),
        ("labels.agenda_document", 5.4, ["~{{ w.agenda }}"]),
    ], "w in workshops")
    b.tag("{%p endif %}")
    b.tag("{%p endif %}")


def _trainings(b: Builder) -> None:
    b.tag("{%p if trainings %}")
    b.h("{{ labels.trainings }}")
    b.table([
        ("labels.training", 5.0, ["**{{ t.title }}", "~{{ t.audience }}"]),
        ("labels.date", 2.6, ["{{ t.date }}", "~{{ labels.held }}: {{ t.held }}"]),
        ("labels.trainer", 3.0, ["{{ t.trainer }}"]),
        ("labels.attendees", 3.0, ["{{ t.attendees }}"]),
        ("labels.material", 3.0, ["{%p for m in t.material %}", "~{{ m }}", "{%p endfor %}"]),
    ], "t in trainings")
    b.tag("{%p endif %}")


def sow() -> Builder:
    b = Builder(cover_page=True)
    b.cover(extra_rows=[("labels.reference", "reference", "reference")])
    b.tag("{%p if introduction %}")
    b.h("{{ labels.introduction }}")
    b.rich("introduction")
    b.tag("{%p endif %}")
    b.h("{{ labels.work_packages }}")
    b.tag("{%p if packages %}")
    b.table(PACKAGE_COLUMNS, "wp in packages", total=PACKAGE_TOTAL)
    b.p("{{ labels.prices_note }}", "Note")
    b.tag("{%p else %}")
    b.p("{{ labels.no_work_packages }}", "Note")
    b.tag("{%p endif %}")
    _approved_changes(b)
    package_details(b)
    for key in ("assumptions", "exclusions", "acceptance"):
        b.tag(f"{{%p if {key} %}}")
        b.h(f"{{{{ labels.{key} }}}}")
        b.bullets(key)
        b.tag("{%p endif %}")
    b.h("{{ labels.commercial_terms }}")
    b.rich("payment_terms")
    b.p("{{ terms }}")
    b.signoff()
    return b


SCOPE_TOTAL_COLUMNS = [
    ("labels.scope", 8.4, ["**{{ t.label }}"]),
    ("labels.effort_days", 3.6, ["{{ t.days }}"], "right"),
    ("labels.price", 4.6, ["{{ t.price }}"], "right"),
]


def _approved_changes(b: Builder) -> None:
    """The SOW stays the baseline; approved change requests and the current totals follow it."""
    b.tag("{%p if changes %}")
    b.h("{{ labels.approved_changes }}")
    b.p("{{ labels.approved_changes_intro }}")
    b.table([
        ("labels.id", 2.0, ["{{ c.id }}"]),
        ("labels.change_request", 6.6, ["{{ c.title }}"]),
        ("labels.decided_on", 2.8, ["{{ c.decided_on }}"]),
        ("labels.effort_days", 2.4, ["{{ c.days }}"], "right"),
        ("labels.price", 2.8, ["{{ c.price }}"], "right"),
    ], "c in changes")
    b.p("")
    b.table(SCOPE_TOTAL_COLUMNS, "t in scope_totals")
    b.tag("{%p endif %}")


def change_request() -> Builder:
    b = Builder(cover_page=False)
    b.cover(extra_rows=[
        ("labels.change_request", "request.id + ' \u2013 ' + request.title", ""),
        ("labels.amends", "reference", "reference"),
        ("labels.requested_by", "request.requested_by + ', ' + request.requested_on", ""),
        ("labels.cr_status", "request.decision", ""),
    ])
    b.tag("{%p if description %}")
    b.h("{{ labels.cr_description }}")
    b.rich("description")
    b.tag("{%p endif %}")
    b.h("{{ labels.cr_effort_price }}")
    b.table([
        ("labels.work_package", 5.0, ["**{{ l.id }} \u2013 {{ l.title }}", "{%p if l.new %}",
                                      "~{{ labels.cr_new_package }}", "{%p endif %}",
                                      "{%p if l.reason %}", "~{{ l.reason }}", "{%p endif %}"]),
        ("labels.effort_before", 2.1, ["{{ l.before_days }}"], "right"),
        ("labels.effort_after", 2.1, ["{{ l.after_days }}", "~{{ l.delta_days }}"], "right"),
        ("labels.price_before", 3.2, ["{{ l.before_price }}"], "right"),
        ("labels.price_after", 3.2, ["{{ l.after_price }}", "~{{ l.delta_price }}"], "right"),
    ], "l in lines")
    b.h("{{ labels.cr_sow_totals }}", 2)
    b.table(SCOPE_TOTAL_COLUMNS, "t in totals")
    b.p("{{ labels.prices_note }}", "Note")
    b.tag("{%p if impact %}")
    b.h("{{ labels.cr_impact }}")
    b.rich("impact")
    b.tag("{%p endif %}")
    b.signoff()
    return b


def meeting_minutes() -> Builder:
    b = Builder(cover_page=False)
    b.cover(extra_rows=[
        ("labels.meeting", "meeting.heading", ""),
        ("labels.location", "meeting.location", "meeting.location"),
    ])
    b.h("{{ labels.attendees }}")
    b.tag("{%p if attendees %}")
    b.table(PERSON_COLUMNS, "person in attendees")
    b.tag("{%p else %}")
    b.p("{{ labels.none_recorded }}", "Note")
    b.tag("{%p endif %}")
    for key, style in (("topics", "List Bullet"), ("decisions", "List Number")):
        b.h(f"{{{{ labels.{key} }}}}")
        b.tag(f"{{%p if {key} %}}")
        b.bullets(key, style=style)
        b.tag("{%p else %}")
        b.p("{{ labels.none_recorded }}", "Note")
        b.tag("{%p endif %}")
    b.h("{{ labels.action_items }}")
    b.tag("{%p if actions %}")
    b.table(ACTION_COLUMNS, "a in actions")
    b.tag("{%p else %}")
    b.p("{{ labels.no_actions }}", "Note")
    b.tag("{%p endif %}")
    b.tag("{%p if carried %}")
    b.h("{{ labels.carried_forward }}")
    b.table(CARRIED_COLUMNS, "a in carried")
    b.tag("{%p endif %}")
    return b


def technical_documentation() -> Builder:
    b = Builder(cover_page=True)
    b.cover()
    b.tag("{%p if overview %}")
    b.h("{{ labels.overview }}")
    b.rich("overview")
    b.tag("{%p endif %}")
    b.h("{{ labels.systems }}")
    b.table_or("systems", SYSTEM_COLUMNS, "s in systems", "no_systems")
    b.h("{{ labels.test_accounts }}")
    b.table_or("test_accounts", TEST_ACCOUNT_COLUMNS, "t in test_accounts", "no_test_accounts", "credentials_note")
    b.h("{{ labels.people_in_charge }}")
    b.table_or("contacts", CONTACT_COLUMNS, "c in contacts", "no_contacts")
    _trainings(b)
    b.h("{{ labels.launch }}")
    b.info_table([
        ("labels.soft_launch", "launch_plan.soft_launch_share", ""),
        ("labels.soft_launch_date", "launch_plan.soft_launch_date or labels.to_be_scheduled", ""),
        ("labels.go_live", "launch_plan.go_live or labels.to_be_scheduled", ""),
    ])
    support_handover(b, level=2)
    return b


def lessons_learned() -> Builder:
    b = Builder(cover_page=False)
    b.cover(extra_rows=[("labels.retrospective_date", "retrospective_date", "retrospective_date")])
    b.h("{{ labels.went_well }}")
    b.bullets_or("went_well", "none_recorded")
    b.h("{{ labels.to_improve }}")
    b.bullets_or("to_improve", "none_recorded")
    b.h("{{ labels.action_items }}")
    b.table_or("actions", LESSON_ACTION_COLUMNS, "a in actions", "no_actions")
    support_handover(b, level=1)
    return b


ITEM_COLUMNS = [
    ("labels.id", 2.0, ["{{ item.id }}"]),
    ("labels.open_point", 7.2, ["{{ item.title }}"]),
    ("labels.responsible", 3.8, ["{{ item.responsible }}", "~{{ item.side }}"]),
    ("labels.due", 2.0, ["{{ item.due }}"]),
    ("labels.status", 1.6, ["{{ item.status }}"]),
]
TEST_CHANGE_COLUMNS = [
    ("labels.id", 2.0, ["{{ t.id }}"]),
    ("labels.test", 8.6, ["{{ t.title }}", "~{{ t.kind }}"]),
    ("labels.result_before", 3.0, ["{{ t.before }}"]),
    ("labels.result_after", 3.0, ["**{{ t.after }}"]),
]
SIDE_COLUMNS = [
    ("labels.side", 4.6, ["**{{ s.side }}"]),
    ("labels.total", 3.0, ["{{ s.total }}"], "right"),
    ("labels['status.done']", 3.0, ["{{ s.done }}"], "right"),
    ("labels['status.open']", 3.0, ["{{ s.open }}"], "right"),
    ("labels.overdue", 3.0, ["{{ s.overdue }}"], "right"),
]
MILESTONE_AHEAD_COLUMNS = [
    ("labels.milestone", 9.0, ["**{{ m.title }}"]),
    ("labels.date", 3.6, ["{{ m.date }}"]),
    ("labels.when", 4.0, ["{{ m.days }}"]),
]
RISK_COLUMNS = [
    ("labels.risk", 6.0, ["**{{ r.title }}"]),
    ("labels.owner", 3.2, ["{{ r.owner }}"]),
    ("labels.impact", 2.6, ["{{ r.impact }}"]),
    ("labels.mitigation", 4.8, ["{{ r.mitigation }}"]),
]


def status_report() -> Builder:
    b = Builder(cover_page=False)
    b.cover(extra_rows=[("labels.reporting_period", "changes.period", "")])
    b.h("{{ labels.overall_status }}")
    traffic_light(b)
    b.table([("labels.figure", 10.6, ["{{ f.label }}"]), ("labels.value", 6.0, ["**{{ f.value }}"], "right")],
            "f in figures")
    b.h("{{ labels.highlights }}")
    b.bullets_or("highlights", "none_recorded")
    _since_previous(b)
    b.h("{{ labels.open_by_side }}")
    b.table(SIDE_COLUMNS, "s in by_side")
    b.tag("{%p if overdue %}")
    b.h("{{ labels.overdue_items }}", 2)
    b.table(ITEM_COLUMNS, "item in overdue")
    b.tag("{%p endif %}")
    b.h("{{ labels.upcoming_milestones }}")
    b.table_or("milestones", MILESTONE_AHEAD_COLUMNS, "m in milestones", "no_milestones_ahead")
    b.h("{{ labels.burn_up }}")
    b.p("{{ chart }}")
    b.p("{{ labels.burn_up_note }}", "Note")
    _effort(b)
    b.h("{{ labels.risks }}")
    b.table_or("risks", RISK_COLUMNS, "r in risks", "no_risks")
    b.h("{{ labels.decisions_needed }}")
    b.bullets_or("decisions_needed", "none_recorded")
    b.h("{{ labels.next_steps }}")
    b.bullets_or("next_steps", "none_recorded")
    return b


_USED_CELL = ["{%p if e.over_budget %}", "!!{{ e.used }}", "!!{{ labels.over_budget }}", "{%p else %}",
              "{{ e.used }}", "{%p endif %}"]
EFFORT_COLUMNS = [
    ("labels.id", 1.6, ["{{ e.id }}"]),
    ("labels.work_package", 5.4, ["{{ e.title }}", "{%p if e.from_changes %}", "~{{ e.from_changes }}",
                                  "{%p endif %}"]),
    ("labels.planned_days", 2.2, ["{{ e.planned }}"], "right"),
    ("labels.booked_days", 2.2, ["{{ e.booked }}"], "right"),
    ("labels.remaining_days", 2.3, ["{%p if e.over_budget %}", "!!{{ e.remaining }}", "{%p else %}",
                                    "{{ e.remaining }}", "{%p endif %}"], "right"),
    ("labels.effort_used", 2.9, _USED_CELL, "right"),
]
EFFORT_TOTAL = ["", "**{{ effort.total.title }}", "**{{ effort.total.planned }}", "**{{ effort.total.booked }}",
                "**{{ effort.total.remaining }}", "**{{ effort.total.used }}"]


def _effort(b: Builder) -> None:
    """Booked against planned days per work package, the over-budget ones in red."""
    b.h("{{ labels.effort_against_sow }}")
    b.tag("{%p if effort %}")
    b.p("{{ effort.intro }}")
    b.table(EFFORT_COLUMNS, "e in effort.rows", total=EFFORT_TOTAL)
    b.tag("{%p if effort.over_note %}")
    b.p("{{ effort.over_note }}", "Note")
    b.tag("{%p endif %}")
    b.tag("{%p else %}")
    b.p("{{ labels.no_effort }}", "Note")
    b.tag("{%p endif %}")


def _since_previous(b: Builder) -> None:
    b.h("{{ labels.since_previous }}")
    b.tag("{%p if changes.any %}")
    for key, label in (("done", "items_done"), ("added", "items_added"), ("slipped", "due_dates_slipped")):
        b.tag(f"{{%p if changes.{key} %}}")
        b.h(f"{{{{ labels.{label} }}}}", 2)
        b.table(ITEM_COLUMNS, f"item in changes.{key}")
        b.tag("{%p endif %}")
    b.tag("{%p if changes.tests %}")
    b.h("{{ labels.test_results_changed }}", 2)
    b.table(TEST_CHANGE_COLUMNS, "t in changes.tests")
    b.tag("{%p endif %}")
    b.tag("{%p if changes.actions_done %}")
    b.h("{{ labels.actions_done }}", 2)
    b.bullets("changes.actions_done")
    b.tag("{%p endif %}")
    b.tag("{%p else %}")
    b.p("{{ labels.no_changes }}", "Note")
    b.tag("{%p endif %}")


def traffic_light(b: Builder) -> None:
    """The light as a coloured cell (docxtpl's cellbg), its reasons beside it."""
    table = light_table(b.doc)
    b.tag("{%p if light.overridden %}")
    b.p("{{ labels.light_override }} {{ light.computed }}. {{ light.reason }}", "Note")
    b.tag("{%p endif %}")
    return table


def support_handover(b: Builder, level: int) -> None:
    """The handover to support and its tested ticket process, the same in both Approval documents."""
    b.h("{{ labels.support_handover }}", level)
    b.info_table([
        ("labels.handover_date", "handover.date or labels.to_be_scheduled", ""),
        ("labels.support_contact", "handover.contact or labels.to_be_named", ""),
        ("labels.ticket_process_tested", "handover.ticket_process_tested", ""),
        ("labels.notes", "handover.notes", "handover.notes"),
    ])


DOCUMENTS = {
    "charter.docx": charter,
    "workshop-agenda.docx": workshop_agenda,
    "implementation-concept.docx": implementation_concept,
    "sow.docx": sow,
    "change-request.docx": change_request,
    "meeting-minutes.docx": meeting_minutes,
    "technical-documentation.docx": technical_documentation,
    "lessons-learned.docx": lessons_learned,
    "status-report.docx": status_report,
}


def build_all(directory: Path = OUT) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    return [make().save(name, directory) for name, make in DOCUMENTS.items()]


if __name__ == "__main__":
    for path in build_all(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT):
        print(path, path.stat().st_size)
