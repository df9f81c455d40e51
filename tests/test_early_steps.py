"""The early steps of the process: demo, proof of concept, several initial workshops, trainings."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from docgen.loader import load_project
from docgen.models import InitialWorkshop, Project, ProofOfConcept
from docgen.renderers import RenderOptions, get_renderer
from tests.renderers.conftest import document_text

OPTIONS = RenderOptions(today=dt.date(2026, 11, 27))


def texts(project: Project, name: str) -> dict[str, str]:
    return {o.filename: document_text(o.data) for o in get_renderer(name).render(project, OPTIONS)}


def test_every_initial_workshop_gets_its_own_agenda(sample_project: Project) -> None:
    agendas = texts(sample_project, "workshop-agenda")
    assert sorted(agendas) == ["workshop-agenda-migration.docx", "workshop-agenda.docx"]
    deep_dive = agendas["workshop-agenda-migration.docx"]
    assert "Migration and provisioning deep dive" in deep_dive and "10:00 \u2013 11:30" in deep_dive
    assert "Architecture overview" not in deep_dive and "Architecture overview" in agendas["workshop-agenda.docx"]


def test_a_file_with_only_workshop_keeps_its_single_agenda(minimal_yaml: str, tmp_path) -> None:
    path = tmp_path / "project.yaml"
    path.write_text(minimal_yaml + "workshop: {date: 2026-02-02, location: Hamburg}\n", encoding="utf-8")
    assert list(texts(load_project(path), "workshop-agenda")) == ["workshop-agenda.docx"]


def test_further_workshops_need_an_id_and_a_title() -> None:
    with pytest.raises(ValidationError, match="id"):
        InitialWorkshop.model_validate({"title": "Deep dive"})


def test_the_concept_shows_demo_poc_and_the_workshops(sample_project: Project) -> None:
    concept = texts(sample_project, "implementation-concept")["implementation-concept.docx"]
    for expected in ("Technical demo", "24 Feb 2026", "Webcast", "Proof of concept",
                     "30 Mar 2026 \u2013 10 Apr 2026", "Successful", "Log-in against the customer's LDAP",
                     "Initial workshops", "workshop-agenda-migration.docx"):
        assert expected in concept, expected


def test_the_concept_shows_no_step_after_its_own_date(sample_project: Project) -> None:
    document = sample_project.concept.document.model_copy(update={"date": dt.date(2026, 3, 1)})
    concept = sample_project.concept.model_copy(update={"document": document})
    text = texts(sample_project.model_copy(update={"concept": concept}), "implementation-concept")
    body = text["implementation-concept.docx"]
    assert "Technical demo" in body and "Proof of concept" not in body and "Initial workshops" not in body


def test_the_technical_documentation_lists_the_trainings(sample_project: Project) -> None:
    text = texts(sample_project, "technical-documentation")["technical-documentation.docx"]
    for expected in ("Training workshops", "Administration of the groupware platform", "Administrators",
                     "Kerem Yılmaz", "Administration handbook 1.0", "1st level support"):
        assert expected in text, expected


def test_a_proof_of_concept_cannot_end_before_it_starts() -> None:
    with pytest.raises(ValidationError, match="end must not be before its start"):
        ProofOfConcept(start=dt.date(2026, 4, 1), end=dt.date(2026, 3, 1))


def test_early_steps_in_date_order_with_their_state(sample_project: Project) -> None:
    from docgen.early_steps import StepState, early_steps

    steps = early_steps(sample_project)
    assert [(s.kind, s.id, s.state) for s in steps] == [
        ("demo", "demo", StepState.done),
        ("workshop", "workshop", StepState.done),
        ("proof_of_concept", "proof_of_concept", StepState.done),
        ("workshop", "migration", StepState.done),
        ("training", "TR-01", StepState.done),
        ("training", "TR-02", StepState.planned),
    ]
    later = {s.id: s.state for s in early_steps(sample_project, dt.date(2026, 12, 11))}
    assert later["TR-02"] is StepState.overdue  # its day passed and it is not recorded as held
    earlier = {s.id: s.state for s in early_steps(sample_project, dt.date(2026, 3, 1))}
    assert earlier["demo"] is StepState.done and earlier["workshop"] is StepState.planned
