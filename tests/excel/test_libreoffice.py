"""LibreOffice opens every workbook, prints it to PDF and recalculates the summary's formulas."""

from __future__ import annotations

import re
from collections import Counter

import openpyxl
import pytest

from docgen.i18n import labels
from docgen.models import Phase, Side, Status, TestResult

KINDS = ["checklist", "internal", "customer", "checklist-de"]


@pytest.fixture(scope="session")
def pdfs(workbooks, tmp_path_factory):
    from tests.conftest import convert_with_soffice

    results = convert_with_soffice(list(workbooks.values()), "pdf", tmp_path_factory.mktemp("pdf"))
    return dict(zip(workbooks, results))


@pytest.mark.parametrize("kind", KINDS)
def test_converts_to_pdf(pdfs, kind):
    data = pdfs[kind].read_bytes()
    pages = re.findall(rb"/Type\s*/Page(?!s)", data)
    assert data.startswith(b"%PDF") and len(pages) >= 2  # the data sheet and the summary


def _summary_values(path):
    """{label in column A: [values of B..G]} of the recalculated summary (first occurrence wins)."""
    sheet = openpyxl.load_workbook(path, data_only=True).worksheets[1]
    found = {}
    for row in sheet.iter_rows(values_only=True):
        if isinstance(row[0], str):
            found.setdefault(row[0], list(row[1:7]))
    return found, sheet["A6"].value


@pytest.mark.parametrize("kind, language", [("checklist", "en"), ("checklist-de", "de")])
def test_checklist_formulas_give_the_data_counts(sample_project, recalculated, today, kind, language):
    text = labels(language)
    values, readiness = _summary_values(recalculated[kind])
    items = sample_project.requirements
    done = sum(r.is_done for r in items)
    overdue = sum(r.is_overdue(today) for r in items)
    assert values[text["xlsx.summary.total"]][:2] == [len(items), 1]
    assert values[text["xlsx.summary.not_done"]][0] == len(items) - done
    assert values[text["xlsx.summary.overdue"]][0] == overdue
    assert values[text["xlsx.summary.verified"]][0] == sum(r.verified for r in items)
    for status in Status:
        count = sum(r.status is status for r in items)
        assert values[text[f"status.{status.value}"]][0] == count, status
    for field, enum in (("side", Side), ("phase", Phase)):
        for member in enum:
            group = [r for r in items if getattr(r, field) is member]
            finished = sum(r.is_done for r in group)
            assert values[text[f"{field}.{member.value}"]][:3] == [len(group), finished, len(group) - finished]
    open_count = len(items) - done
    expected = text["xlsx.ready.launch_no"].format(open=open_count, overdue=overdue) if open_count else None
    assert readiness == expected or (open_count == 0 and readiness.startswith(text["xlsx.ready.launch_yes"][:10]))


@pytest.mark.parametrize("kind", ["internal", "customer"])
def test_test_protocol_formulas_give_the_data_counts(sample_project, recalculated, kind):
    text = labels("en")
    cases = getattr(sample_project.tests, kind)
    values, readiness = _summary_values(recalculated[kind])
    counts = Counter(case.result for case in cases)
    assert values["Tests"][0] == len(cases)
    order = [TestResult.passed, TestResult.failed, TestResult.blocked, TestResult.not_run]
    for area in {case.area for case in cases}:
        group = Counter(case.result for case in cases if case.area == area)
        assert values[area][:5] == [*(group[r] for r in order), sum(group.values())], area
    expected = text[f"xlsx.ready.{kind}_no"].format(
        fail=counts[TestResult.failed], blocked=counts[TestResult.blocked], not_run=counts[TestResult.not_run])
    if counts[TestResult.passed] == len(cases):
        expected = text[f"xlsx.ready.{kind}_yes"].format(total=len(cases))
    assert readiness == expected
