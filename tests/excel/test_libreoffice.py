"""LibreOffice opens every workbook, prints it to PDF and recalculates the summary's formulas."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

import openpyxl
import pytest

from docgen.gate_rules import launch_checklist_done, qa_recheck, settings_of
from docgen.i18n import labels
from docgen.models import Phase, Side, Status, TestResult

from .conftest import LATER

KINDS = ["checklist", "internal", "customer", "checklist-de", "checklist-later"]


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


@pytest.mark.parametrize("kind, language", [("checklist", "en"), ("checklist-de", "de"), ("checklist-later", "en")])
def test_checklist_formulas_give_the_data_counts(sample_project, recalculated, today, kind, language):
    text = labels(language)
    values, readiness = _summary_values(recalculated[kind])
    as_of = LATER if kind == "checklist-later" else today
    items = sample_project.requirements
    done = sum(r.is_done for r in items)
    overdue = sum(r.is_overdue(as_of) for r in items)
    verified = sum(r.verified for r in items)
    assert values[text["xlsx.summary.as_of"]][0] == dt.datetime.combine(as_of, dt.time())
    assert values[text["xlsx.summary.total"]][:2] == [len(items), 1]
    assert values[text["xlsx.summary.not_done"]][0] == len(items) - done
    assert values[text["xlsx.summary.overdue"]][0] == overdue
    assert values[text["xlsx.summary.verified"]][0] == verified
    for status in Status:
        count = sum(r.status is status for r in items)
        assert values[text[f"status.{status.value}"]][0] == count, status
    for field, enum in (("side", Side), ("phase", Phase)):
        for member in enum:
            group = [r for r in items if getattr(r, field) is member]
            finished = sum(r.is_done for r in group)
            assert values[text[f"{field}.{member.value}"]][:3] == [len(group), finished, len(group) - finished]
    # Ready for launch as the launch gate has it: every item done and re-checked.
    ready = not launch_findings_of_items(sample_project)
    expected = (text["xlsx.ready.launch_yes"].format(total=len(items)) if ready else
                text["xlsx.ready.launch_no"].format(not_done=len(items) - done, overdue=overdue,
                                                    unchecked=len(items) - verified))
    assert readiness == expected and " – " in readiness
    assert ("open" not in readiness) and ("offen" not in readiness)


def test_the_two_render_dates_give_different_overdue_counts(sample_project, today):
    """Else the test above could not tell the render date from the day LibreOffice ran."""
    items = sample_project.requirements
    assert sum(r.is_overdue(today) for r in items) != sum(r.is_overdue(LATER) for r in items)


@pytest.fixture(scope="module")
def finished(sample_project, today, tmp_path_factory) -> dict[str, Path]:
    """Recalculated checklists of the sample with every item done: 'unchecked' with the QA
    re-check missing for some items, 'checked' with every item re-checked."""
    from .conftest import recalculate, render

    folder = tmp_path_factory.mktemp("finished")
    paths = {}
    for name, unchecked in (("unchecked", 3), ("checked", 0)):
        project = sample_project.model_copy(deep=True)
        for number, item in enumerate(project.requirements):
            item.status = Status.done
            item.verified = number >= unchecked
        paths[name] = folder / f"{name}.xlsx"
        paths[name].write_bytes(render(project, "checklist", today=today))
    return recalculate(paths, folder / "recalc")


def test_ready_for_launch_needs_every_item_re_checked(sample_project, finished):
    text = labels("en")
    total = len(sample_project.requirements)
    _, readiness = _summary_values(finished["unchecked"])
    assert readiness == text["xlsx.ready.launch_no"].format(not_done=0, overdue=0, unchecked=3)
    assert readiness == "Ready for launch: no – 0 items not done, 0 overdue, 3 not re-checked"
    _, readiness = _summary_values(finished["checked"])
    assert readiness == text["xlsx.ready.launch_yes"].format(total=total)
    assert readiness == f"Ready for launch: yes – all {total} items done and re-checked"


def launch_findings_of_items(project) -> list:
    """The launch gate's findings about checklist items (its other rules are not the checklist's)."""
    settings = settings_of(project)
    return [*launch_checklist_done(project, settings), *qa_recheck(project, settings)]


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
