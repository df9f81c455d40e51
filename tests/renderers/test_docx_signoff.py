"""Sign-off blocks show who signed, on which side, and when."""

from __future__ import annotations

from docgen.renderers import get_renderer

from .conftest import document_text, options


def signoff_rows(data: bytes) -> list[str]:
    text = document_text(data)
    return text[text.index("Signature\n") + len("Signature\n"):].splitlines()[:12]


def test_the_sow_shows_each_signature_with_its_date(sample_project):
    [output] = get_renderer("sow").render(sample_project, options())
    rows = signoff_rows(output.data)
    assert rows[:4] == ["Stadtwerke Nordhafen Telekom GmbH", "Customer", "Dr. Henrike Koch",
                        "Head of Internet Services (project sponsor)"]
    assert rows[4] == "28 Apr 2026"
    assert "Julia Winter" in rows and rows[rows.index("Project manager") + 1] == "22 Apr 2026"


def test_an_unsigned_charter_leaves_the_date_open(sample_project):
    project = sample_project.model_copy(deep=True)
    project.charter.signed = [s for s in project.charter.signed if s.person != "mjanssen"]
    [output] = get_renderer("charter").render(project, options())
    rows = signoff_rows(output.data)
    koch, janssen = rows.index("Dr. Henrike Koch"), rows.index("Malte Janßen")
    assert rows[koch + 2] == "12 Mar 2026"
    assert rows[janssen + 1:janssen + 3] == ["Project lead", ""]  # an open line to sign
