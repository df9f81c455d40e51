"""The weekly status report: as of its own date, what changed since the previous one, a chart."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document

from docgen.i18n import labels
from docgen.models import Booking
from docgen.models.effort_summary import EffortSummary, PackageEffort
from docgen.renderers.docx_context import Numbers
from docgen.renderers.status_report import effort_view
from docgen.renderers import get_renderer
from tests.conftest import convert_with_soffice

from .conftest import document_text, options


def _reports(project) -> dict[str, bytes]:
    outputs = get_renderer("status-report").render(project, options(Path("samples/mail-migration")))
    return {o.filename: o.data for o in outputs}


def _tables(data: bytes) -> dict[str, list[list[str]]]:
    """The first table under each heading, as rows of cell texts; a second one as 'heading+'."""
    document = Document(io.BytesIO(data))
    found, heading = {}, ""
    for block in document.iter_inner_content():
        if hasattr(block, "rows"):
            found[heading + "+" if heading in found else heading] = [[c.text for c in r.cells] for r in block.rows]
        elif block.style.name.startswith("Heading"):
            heading = block.text
    return found


def test_one_report_per_entry_named_by_its_date(sample_project) -> None:
    assert list(_reports(sample_project)) == ["status-report-2026-11-20.docx", "status-report-2026-11-27.docx"]


def test_since_the_previous_report_lists_exactly_what_changed(sample_project) -> None:
    tables = _tables(_reports(sample_project)["status-report-2026-11-27.docx"])
    assert [row[0] for row in tables["Items done"][1:]] == ["REQ-017", "REQ-032"]
    assert [row[0] for row in tables["Items added"][1:]] == ["REQ-035"]
    assert [row[0] for row in tables["Due dates that slipped"][1:]] == ["REQ-024", "REQ-031"]
    assert [(r[0], r[2], r[3]) for r in tables["Tests whose result changed"][1:]] == [
        ("AT-01", "Not run", "Pass"), ("AT-02", "Fail", "Pass"), ("AT-03", "Not run", "Pass"),
        ("AT-04", "Not run", "Pass"), ("AT-05", "Not run", "Pass")]


def test_each_report_shows_the_state_of_its_own_date(sample_project) -> None:
    earlier = _tables(_reports(sample_project)["status-report-2026-11-20.docx"])
    figures = dict(row for row in earlier["Overall status+"][1:])  # the figures table follows the light
    assert figures["Checklist items done"] == "22 / 41"
    text = document_text(_reports(sample_project)["status-report-2026-11-20.docx"])
    assert "20 Nov 2026" in text and "REQ-035" not in text.split("Progress since")[1].split("Burn-up")[0]


def test_the_override_and_its_reason_are_shown(sample_project) -> None:
    text = document_text(_reports(sample_project)["status-report-2026-11-27.docx"])
    assert "Set by the project lead; by the rules the status would be Amber." in text
    assert "threatens milestone M5" in text
    light = _tables(_reports(sample_project)["status-report-2026-11-27.docx"])["Overall status"]
    assert light[0][0] == "Red" and "3 checklist items overdue." in light[0][1]


def test_the_burn_up_is_a_native_chart_with_cached_values(sample_project) -> None:
    data = _reports(sample_project)["status-report-2026-11-27.docx"]
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        chart = package.read("word/charts/chart1.xml").decode("utf-8")
        assert "drawingml.chart+xml" in package.read("[Content_Types].xml").decode("utf-8")
    assert "<c:numCache>" in chart and "<c:v>24</c:v>" in chart and "<c:v>42</c:v>" in chart


def test_german_report(sample_project) -> None:
    german = sample_project.model_copy(deep=True)
    german.project.language = "de"
    text = document_text(_reports(german)["status-report-2026-11-27.docx"])
    assert "Wöchentlicher Statusbericht" in text and "Fortschritt seit dem letzten Bericht" in text


def test_the_chart_shows_in_libreoffices_pdf(sample_project, tmp_path: Path) -> None:
    path = tmp_path / "status-report.docx"
    path.write_bytes(_reports(sample_project)["status-report-2026-11-27.docx"])
    [pdf] = convert_with_soffice([path], "pdf", tmp_path)
    assert shutil.which("pdftotext"), "pdftotext (poppler-utils) is needed to read the PDF"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    burn_up = text[text.index("Burn-up"):text.index("Risks")]
    # The legend and the axis labels are drawn by the chart: present only if it rendered.
    assert "Checklist items" in burn_up and "Done" in burn_up
    assert "02 Mar" in burn_up and "27 Nov" in burn_up and "40" in burn_up
    effort = text[text.index("Effort against the SOW"):text.index("Risks")]
    assert "Over budget" in effort and "Current total" in effort and "39.81" in effort


def test_effort_against_the_sow_as_of_the_report_date(sample_project) -> None:
    reports = _reports(sample_project)
    table = _tables(reports["status-report-2026-11-27.docx"])["Effort against the SOW"]
    assert table[0] == ["ID", "Work package", "Planned (days)", "Booked (days)", "Remaining (days)", "Used"]
    rows = {row[0]: row for row in table[1:]}
    assert rows["WP-02"][2:] == ["15", "16.5", "-1.5", "110%\nOver budget"]
    assert rows["WP-05"][1] == "Provisioning connector\nincl. +4 from change requests"  # CR-01, approved
    assert rows["WP-05"][2:5] == ["18", "15.81", "2.19"]
    assert rows["WP-08"][2] == "11.5"  # CR-03 is only proposed
    assert rows[""] == ["", "Current total", "96", "39.81", "56.19", "41%"]
    text = document_text(reports["status-report-2026-11-27.docx"])
    assert "Over budget: WP-02 by 1.5 days." in text and "approved by 27 Nov 2026" in text
    figures = dict(row for row in _tables(reports["status-report-2026-11-27.docx"])["Overall status+"][1:])
    assert figures["Effort booked (days)"] == "39.81 / 96"


def test_an_earlier_report_counts_the_effort_booked_by_its_date(sample_project) -> None:
    later = sample_project.model_copy(deep=True)
    later.effort.bookings.append(Booking(work_package="WP-05", date=dt.date(2026, 11, 24), hours=Decimal(8)))

    def wp05(project, report: str) -> list[str]:
        table = _tables(_reports(project)[f"status-report-{report}.docx"])["Effort against the SOW"]
        return next(row for row in table if row[0] == "WP-05")[2:5]

    assert wp05(sample_project, "2026-11-20") == wp05(later, "2026-11-20") == ["18", "15.81", "2.19"]
    assert wp05(later, "2026-11-27") == ["18", "16.81", "1.19"]  # a day booked on 24 Nov


def test_the_over_budget_mark_is_red_and_goes_when_the_booking_shrinks(sample_project) -> None:
    data = _reports(sample_project)["status-report-2026-11-27.docx"]
    [cell] = [row.cells[5] for row in _effort_table(data).rows if row.cells[0].text == "WP-02"]
    runs = [r for paragraph in cell.paragraphs for r in paragraph.runs if r.text.strip()]
    assert [(r.text, r.bold, str(r.font.color.rgb)) for r in runs] == [
        ("110%", True, "C0392B"), ("Over budget", True, "C0392B")]
    smaller = sample_project.model_copy(deep=True)
    smaller.effort.bookings[3].days = 5  # WP-02's July: 14 of 15 days booked
    text = document_text(_reports(smaller)["status-report-2026-11-27.docx"])
    assert "Over budget" not in text
    rows = {r[0]: r for r in _tables(_reports(smaller)["status-report-2026-11-27.docx"])["Effort against the SOW"][1:]}
    assert rows["WP-02"][2:] == ["15", "14", "1", "93%"]


def test_german_effort_section(sample_project) -> None:
    german = sample_project.model_copy(deep=True)
    german.project.language = "de"
    table = _tables(_reports(german)["status-report-2026-11-27.docx"])["Aufwand gegenüber dem SOW"]
    rows = {row[0]: row for row in table[1:]}
    assert rows["WP-02"][2:] == ["15", "16,5", "-1,5", "110 %\nBudget überschritten"]


def _effort_table(data: bytes):
    document = Document(io.BytesIO(data))
    return next(t for t in document.tables if [c.text for c in t.rows[0].cells][-1:] == ["Used"])


@pytest.mark.parametrize("language, over, expected", [
    ("en", "1", "WP-02 by 1 day"), ("en", "1.5", "WP-02 by 1.5 days"), ("en", "2.00", "WP-02 by 2 days"),
    ("de", "1", "WP-02 um 1 Tag"), ("de", "0.5", "WP-02 um 0,5 Tage"),
])
def test_an_overrun_says_day_or_days_as_the_number_reads(language, over, expected) -> None:
    package = PackageEffort("WP-02", "Mailbox migration", Decimal(10), Decimal(10), Decimal(10) + Decimal(over))
    summary = EffortSummary(as_of=dt.date(2026, 11, 27), packages=[package], scope=None)
    note = effort_view(summary, labels(language), Numbers(language, "EUR")).over_note
    assert note.endswith(f"{expected}."), note
