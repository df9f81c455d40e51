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

from _template_parts import Builder, raci_table, timeline_table  # noqa: E402


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
    b.rich("part.body")
    b.tag("{%p endfor %}")
    b.tag("{%p else %}")
    b.p("{{ labels.environment_pending }}", "Note")
    b.tag("{%p endif %}")
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
    "meeting-minutes.docx": meeting_minutes,
    "technical-documentation.docx": technical_documentation,
    "lessons-learned.docx": lessons_learned,
}


def build_all(directory: Path = OUT) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    return [make().save(name, directory) for name, make in DOCUMENTS.items()]


if __name__ == "__main__":
    for path in build_all(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT):
        print(path, path.stat().st_size)
