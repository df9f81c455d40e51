"""Every DOCX deliverable opens, is named as agreed, and holds the project's data."""

from __future__ import annotations

import hashlib
import io

import pytest
from docx import Document

from docgen.i18n import format_money
from docgen.resources import templates_dir

from .conftest import DOCX_RENDERERS, TODAY, document_text, markdown_plain


def test_each_renderer_gives_docx_outputs_that_open(sample_outputs):
    for name in DOCX_RENDERERS:
        outputs = sample_outputs[name]
        assert outputs, name
        for output in outputs:
            assert output.document == name
            assert output.filename.endswith(".docx")
            Document(io.BytesIO(output.data))  # opens in python-docx


def test_file_names_and_template_hashes(sample_outputs, sample_project):
    assert [o.filename for o in sample_outputs["charter"]] == ["charter.docx"]
    assert [o.filename for o in sample_outputs["sow"]] == ["sow.docx"]
    meetings = sorted(sample_project.meetings, key=lambda m: m.date)
    expected = [f"meeting-minutes-{m.date.isoformat()}.docx" for m in meetings]  # one meeting a day here
    assert [o.filename for o in sample_outputs["meeting-minutes"]] == expected
    template = (templates_dir() / "charter.docx").read_bytes()
    assert sample_outputs["charter"][0].template_hash == hashlib.sha256(template).hexdigest()


def test_charter_holds_goals_scope_people_raci_milestones_organisation(sample_outputs, sample_project):
    text = document_text(sample_outputs["charter"][0].data)
    charter = sample_project.charter
    values = [*charter.goals, *charter.scope.included, *charter.scope.excluded,
              *(r.activity for r in charter.responsibilities), *(m.title for m in charter.milestones),
              *(p.name for p in sample_project.people), *(p.email for p in sample_project.people if p.email)]
    for markdown in (charter.background, charter.organisation.documentation, charter.organisation.reporting,
                     charter.organisation.communication):
        values += markdown_plain(markdown)
    missing = [v for v in values if v not in text]
    assert not missing
    assert "Every Monday at 10:00 (45 minutes)" in text
    assert "Page" in text and "Sign-off" in text


def test_markdown_becomes_formatting_not_asterisks(sample_outputs):
    data = sample_outputs["charter"][0].data
    text = document_text(data)
    assert "**" not in text and "180,000 private and business customers" in text
    document = Document(io.BytesIO(data))
    bold = [run.text for p in document.paragraphs for run in p.runs if run.bold]
    assert "180,000 private and business customers" in bold
    links = [link.url for p in document.paragraphs for link in p.hyperlinks]
    assert "https://example.com/groupware/docs" in links


def test_workshop_agenda_times_topics_owners_attendees(sample_outputs, sample_project):
    text = document_text(sample_outputs["workshop-agenda"][0].data)
    workshop = sample_project.workshop
    for topic in workshop.topics:
        assert topic.title in text
        assert all(item in text for item in topic.items)
    # 09:30 + 15 + 120 + 150 + 30 + 30 minutes
    for span in ("09:30 – 09:45", "09:45 – 11:45", "11:45 – 14:15", "14:15 – 14:45", "14:45 – 15:15"):
        assert span in text
    assert all(sample_project.person(a).name in text for a in workshop.attendees)


def test_concept_holds_revisions_environment_sections_open_points(sample_outputs, sample_project):
    text = document_text(sample_outputs["implementation-concept"][0].data)
    concept = sample_project.concept
    values = [r.summary for r in concept.revisions] + [s.title for s in concept.sections]
    values += [c.name for c in concept.environment.components] + markdown_plain(concept.architecture)
    values += [line for c in concept.environment.components for line in markdown_plain(c.details)]
    values += [r.title for r in sample_project.open_requirements()]
    assert not [v for v in values if v not in text]
    done = [r for r in sample_project.requirements if r.is_done]
    assert done[0].title not in text  # only open checklist items are open points


def test_sow_prices_and_totals_are_computed(sample_outputs, sample_project):
    text = document_text(sample_outputs["sow"][0].data)
    sow = sample_project.sow
    for package in sow.work_packages:
        assert package.title in text
        assert format_money(sow.price_of(package), sow.currency, "en") in text
    assert format_money(sow.total_price, "EUR", "en") == "EUR 114,065.00"
    assert "EUR 114,065.00" in text and "EUR 1,080.00" in text  # the package's own day rate
    assert not [v for v in (*sow.assumptions, *sow.exclusions, *sow.acceptance) if v not in text]


def test_minutes_hold_attendees_topics_decisions_actions_and_carry_open_ones(sample_outputs, sample_project):
    meetings = sorted(sample_project.meetings, key=lambda m: m.date)
    for meeting, output in zip(meetings, sample_outputs["meeting-minutes"]):
        text = document_text(output.data)
        values = [*meeting.topics, *meeting.decisions, *(a.title for a in meeting.actions),
                  *(sample_project.person(a).name for a in meeting.attendees)]
        values += [a.requirement for a in meeting.actions if a.requirement]
        assert not [v for v in values if v not in text], meeting.id
        earlier_open = [a for m in meetings if m.date < meeting.date for a in m.actions if not a.done]
        assert all(a.title in text for a in earlier_open)
        if not earlier_open:
            assert "Open action items from earlier meetings" not in text


def test_tables_repeat_their_header_row(sample_outputs):
    document = Document(io.BytesIO(sample_outputs["sow"][0].data))
    headers = [t.rows[0]._tr.trPr for t in document.tables if t.rows[0]._tr.trPr is not None]
    assert any(trPr.xpath("./w:tblHeader") for trPr in headers)


def test_footer_has_page_fields(sample_outputs):
    document = Document(io.BytesIO(sample_outputs["charter"][0].data))
    instructions = "".join(document.sections[0].footer._element.xpath(".//w:instrText/text()"))
    assert "PAGE" in instructions and "NUMPAGES" in instructions


@pytest.mark.parametrize("name", ["sow", "meeting-minutes"])
def test_documents_without_data_are_skipped(sample_project, name):
    from docgen.renderers import get_renderer

    from .conftest import options

    empty = sample_project.model_copy(update={"sow": None, "meetings": []})
    assert get_renderer(name).render(empty, options()) == []


def test_open_points_mark_overdue_items_like_the_checklist(sample_project):
    from docgen.renderers.implementation_concept import open_point
    from docgen.i18n import labels

    overdue = [r for r in sample_project.open_requirements() if r.is_overdue(TODAY)]
    on_time = [r for r in sample_project.open_requirements() if not r.is_overdue(TODAY)]
    assert overdue and on_time, "the sample has both kinds of open items"
    assert open_point(sample_project, overdue[0], labels("en"), TODAY).status.endswith("\u2013 Overdue")
    assert "Overdue" not in open_point(sample_project, on_time[0], labels("en"), TODAY).status
