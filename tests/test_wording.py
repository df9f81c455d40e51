"""Wording a customer reads: German terms a German team would use, and no internal notes."""

from __future__ import annotations

from docgen.i18n import labels
from docgen.loader import load_project
from docgen.models import Language
from docgen.renderers import RenderOptions, get_renderer
from tests.conftest import SAMPLE
from tests.renderers.conftest import document_text


def test_german_terms() -> None:
    german = labels("de")
    assert german["xlsx.summary.pass_share"] == "Erfolgsquote"
    assert german["soft_launch_date"] == "Start des Soft Launchs"
    assert german["docstatus.final"] == "Freigegeben"
    assert german["xlsx.ready.internal_yes"].startswith("Interne Freigabe:")
    assert german["xlsx.ready.internal_no"].startswith("Interne Freigabe:")


def test_the_default_agenda_carries_no_note_about_its_preparation() -> None:
    project = load_project(SAMPLE)
    project = project.model_copy(update={"workshop": project.workshop.model_copy(update={"topics": []})})
    for language in (Language.en, Language.de):
        output = get_renderer("workshop-agenda").render(project, RenderOptions(language=language))[0]
        text = document_text(output.data).lower()
        assert "standard agenda" not in text and "standard-agenda" not in text
        assert "in preparation" not in text and "in der vorbereitung" not in text
        assert "agenda" in text
    assert "default_agenda_note" not in labels("en") and "default_agenda_note" not in labels("de")


def test_a_section_without_content_has_no_heading() -> None:
    project = load_project(SAMPLE)
    empty = project.charter.organisation.model_copy(update={"documentation": "", "reporting": "",
                                                            "communication": "", "status_call": None})
    bare = project.model_copy(update={"charter": project.charter.model_copy(update={"organisation": empty})})
    (with_it,) = get_renderer("charter").render(project, RenderOptions())
    (without,) = get_renderer("charter").render(bare, RenderOptions())
    heading = labels("en")["project_organisation"]
    assert heading in document_text(with_it.data) and heading not in document_text(without.data)


def test_the_default_agenda_transfers_the_projects_own_components() -> None:
    from docgen.models import Component
    from docgen.renderers.workshop_agenda import default_topics

    project = load_project(SAMPLE)
    english = labels("en")
    seed = default_topics(english)[1].items
    assert seed == ["Mail system", "Load balancer", "Storage", "Provisioning"]
    environment = project.concept.environment.model_copy(update={
        "components": [Component(name="Load balancer", details="F5 pair"), Component(name="Monitoring"),
                       Component(name="Backup")]})
    assert default_topics(english, environment)[1].items == ["Load balancer", "Monitoring", "Backup"]
    empty = environment.model_copy(update={"components": []})
    assert default_topics(english, empty)[1].items == seed
