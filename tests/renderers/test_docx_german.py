"""`--lang de`: German labels, dates and amounts in every DOCX deliverable."""

from __future__ import annotations

import io

from docx import Document

from .conftest import document_text


def test_german_labels_dates_and_money(german_outputs):
    charter = document_text(german_outputs["charter"][0].data)
    assert "Projektauftrag" in charter and "Ziele" in charter and "Freigabe" in charter
    assert "23.11.2026" in charter  # the charter's version date
    assert "Jeden Montag um 10:00 Uhr (45 Minuten)" in charter
    assert "Seite" in charter and "von" in charter
    sow = document_text(german_outputs["sow"][0].data).replace("\u00a0", " ")  # Babel: 12,00 € with NBSP
    assert "114.065,00 €" in sow and "1.250,00 €" in sow and "12,5" in sow
    assert "EUR 114,065.00" not in sow
    agenda = document_text(german_outputs["workshop-agenda"][0].data)
    assert "24.03.2026" in agenda and "Teilnehmende" in agenda
    minutes = document_text(german_outputs["meeting-minutes"][0].data)
    assert "Besprechungsprotokoll" in minutes and "Kick-off" in minutes


def test_no_english_label_is_left_in_german_documents(german_outputs):
    english = ["In scope", "Sign-off", "Work packages and prices", "Attendees", "Open points from", "Page ",
               "Action items", "Revision history"]
    for outputs in german_outputs.values():
        for output in outputs:
            text = document_text(output.data)
            assert not [label for label in english if label in text], output.filename


def test_document_language_follows_the_labels(german_outputs):
    document = Document(io.BytesIO(german_outputs["charter"][0].data))
    lang = document.styles.element.xpath("//w:docDefaults//w:lang/@w:val")
    assert lang == ["de-DE"]
    assert document.core_properties.language == "de-DE"
