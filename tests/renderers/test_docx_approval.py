"""The Approval-phase documents: Technical Documentation, Lessons Learned and Support Handover."""

from __future__ import annotations

import io

import pytest
from click.testing import CliRunner
from docx import Document

from docgen.cli import main
from docgen.i18n import format_date, format_short_date
from docgen.models import LessonsLearned, TechnicalDocumentation
from docgen.renderers.lessons_learned import LessonsLearnedContext
from docgen.renderers.technical_documentation import TechnicalDocumentationContext
from docgen.renderers.templates import check_template
from docgen.resources import templates_dir

from .conftest import (APPROVAL_RENDERERS, ARABIC, EMOJI, FORMULA, JINJA, TRICKY, document_text, markdown_plain,
                       options)

TECHNICAL, LESSONS = "technical-documentation", "lessons-learned"


def text_of(outputs, name: str) -> str:
    [output] = outputs[name]
    return document_text(output.data)


def missing_from(text: str, values) -> list[str]:
    return [value for value in values if value not in text]


def document_values(project, info) -> list[str]:
    return [info.version, format_date(info.date, "en"), project.person(info.author).name]


def handover_values(project) -> list[str]:
    handover = project.launch.support_handover
    person = project.person(handover.contact)
    return [format_date(handover.date, "en"), person.name, person.role, person.email, handover.notes,
            "Ticket process tested"]


def test_file_names(sample_outputs):
    assert [o.filename for o in sample_outputs[TECHNICAL]] == ["technical-documentation.docx"]
    assert [o.filename for o in sample_outputs[LESSONS]] == ["lessons-learned.docx"]
    for name in (TECHNICAL, LESSONS):
        assert sample_outputs[name][0].document == name
        Document(io.BytesIO(sample_outputs[name][0].data))


def test_technical_documentation_holds_every_value_of_the_sample(sample_outputs, sample_project):
    text = text_of(sample_outputs, TECHNICAL)
    documentation = sample_project.technical_documentation
    values = document_values(sample_project, documentation.document) + markdown_plain(documentation.overview)
    values += [v for s in documentation.systems for v in (s.name, s.role, s.host, s.version, s.notes) if v]
    values += [v for a in documentation.test_accounts for v in (a.login, a.purpose, a.credential)]
    for contact in documentation.contacts:
        person = sample_project.person(contact.person)
        values += [v for v in (person.name, person.role, person.email, person.phone, contact.responsibility) if v]
    launch = sample_project.launch
    values += ["5% of users", format_date(launch.soft_launch.date, "en"), format_date(launch.go_live, "en")]
    values += handover_values(sample_project)
    assert not missing_from(text, values)
    assert "Technical Documentation" in text and "Credential (stored in)" in text
    assert "Bauer Datenbanktechnik e.K." in text  # a person's own organisation
    assert "Customer" in text and "Vendor" in text


def test_lessons_learned_holds_every_value_of_the_sample(sample_outputs, sample_project):
    text = text_of(sample_outputs, LESSONS)
    lessons = sample_project.lessons_learned
    values = document_values(sample_project, lessons.document) + [format_date(lessons.retrospective_date, "en")]
    values += [*lessons.went_well, *lessons.to_improve]
    values += [a.title for a in lessons.actions] + [sample_project.person(a.responsible).name for a in lessons.actions]
    values += [format_short_date(a.due, "en") for a in lessons.actions if a.due]
    values += handover_values(sample_project)
    assert not missing_from(text, values)
    assert "What went well" in text and "What to improve" in text and "Support handover" in text


def test_both_documents_show_the_same_support_handover(sample_outputs):
    def handover_block(name: str) -> list[str]:
        text = text_of(sample_outputs, name)
        return text[text.index("Handover date"):].splitlines()[:8]

    assert handover_block(TECHNICAL) == handover_block(LESSONS)
    assert "Yes (AT-10, 20 Nov 2026)" in handover_block(TECHNICAL)


def test_test_accounts_name_the_secret_store_never_a_secret(sample_outputs):
    document = Document(io.BytesIO(sample_outputs[TECHNICAL][0].data))
    [accounts] = [t for t in document.tables if t.rows[0].cells[0].text == "Login"]
    assert [c.text for c in accounts.rows[0].cells] == ["Login", "Purpose", "Credential (stored in)"]
    assert all(row.cells[2].text.startswith("vault:") for row in accounts.rows[1:])
    assert "never written into this document" in text_of(sample_outputs, TECHNICAL)


def test_german_labels(german_outputs):
    technical = text_of(german_outputs, TECHNICAL).replace("\u00a0", " ")
    for label in ("Technische Dokumentation", "Installierte Systeme und Komponenten", "Testzugänge",
                  "Zugangsdaten hinterlegt in", "Ansprechpersonen und Zuständigkeiten", "Inbetriebnahme",
                  "5 % der Nutzerinnen und Nutzer", "01.02.2027", "Produktivstart", "Übergabe an den Support",
                  "Ticketprozess getestet", "Ja", "Kunde", "Dienstleister", "Seite"):
        assert label in technical, label
    lessons = text_of(german_outputs, LESSONS)
    for label in ("Lessons Learned und Übergabe an den Support", "Retrospektive", "16.10.2026",
                  "Was gut lief", "Was wir verbessern wollen", "Aufgaben", "18.12.2026", "Übergabedatum"):
        assert label in lessons, label
    english = ["Installed systems", "Test accounts", "People in charge", "Support handover", "Handover date",
               "Ticket process tested", "What went well", "What to improve", "Go-live", "of users", "Retrospective"]
    assert not [label for label in english if label in technical + lessons]


def test_special_text_reaches_both_documents_verbatim(tricky_outputs):
    technical = text_of(tricky_outputs, TECHNICAL)
    for value in (f"sys {TRICKY}", FORMULA, ARABIC, EMOJI, JINJA, f"login {TRICKY}", "vault:{{7*7}}&<x>",
                  f"resp {JINJA}", f"handover {JINJA}", "2.5% of users", f"Overview {TRICKY}"):
        assert value in technical, value
    lessons = text_of(tricky_outputs, LESSONS)
    assert not missing_from(lessons, [TRICKY, EMOJI, JINJA, f"lesson {FORMULA}", f"handover {JINJA}"])


@pytest.mark.parametrize("name", [TECHNICAL, LESSONS])
def test_rendering_twice_gives_identical_bytes(tricky_project, tricky_dir, tricky_outputs, name):
    again = APPROVAL_RENDERERS[name].render(tricky_project, options(tricky_dir))
    assert [o.data for o in again] == [o.data for o in tricky_outputs[name]]


@pytest.mark.parametrize(("name", "context"), [("technical-documentation.docx", TechnicalDocumentationContext),
                                               ("lessons-learned.docx", LessonsLearnedContext)])
def test_shipped_templates_pass_the_check(name, context):
    assert check_template(templates_dir() / name, context) == []


def test_templates_check_command_passes_for_the_shipped_templates():
    result = CliRunner().invoke(main, ["templates", "check"])
    assert result.exit_code == 0, result.output


def test_no_document_while_the_section_is_empty(sample_project):
    empty = sample_project.model_copy(update={"technical_documentation": TechnicalDocumentation(),
                                              "lessons_learned": LessonsLearned()})
    assert [APPROVAL_RENDERERS[name].render(empty, options()) for name in (TECHNICAL, LESSONS)] == [[], []]


def test_a_barely_started_technical_documentation_says_what_is_missing(sample_project):
    project = sample_project.model_copy(update={
        "technical_documentation": TechnicalDocumentation(overview="First notes."),
        "launch": type(sample_project.launch)()})
    [output] = APPROVAL_RENDERERS[TECHNICAL].render(project, options())
    text = document_text(output.data)
    for note in ("First notes.", "No systems recorded yet.", "No test accounts recorded yet.",
                 "No people in charge named yet.", "5% of users", "To be scheduled", "To be named"):
        assert note in text, note
    assert "Notes" not in text and "Ticket process tested\nNo" in text


def test_lessons_learned_with_findings_only(sample_project):
    project = sample_project.model_copy(update={"lessons_learned": LessonsLearned(went_well=["Kick-off"])})
    [output] = APPROVAL_RENDERERS[LESSONS].render(project, options())
    text = document_text(output.data)
    assert "Kick-off" in text and "None recorded." in text and "No action items." in text
    assert "Retrospective" not in text  # no date, no row


def test_both_convert_to_pdf_in_the_shared_run(all_pdfs):
    for prefix in ("en", "de", "tricky"):
        for name in (TECHNICAL, LESSONS):
            assert all_pdfs[f"{prefix}-{name}.docx"].read_bytes().startswith(b"%PDF"), (prefix, name)
