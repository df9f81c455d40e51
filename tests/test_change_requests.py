"""Change requests: the SOW stays the baseline; approved changes move the current total."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from pydantic import ValidationError

from docgen.models import ChangeRequest, ChangeRequestStatus, Language, Project
from docgen.models.change_requests import change_lines, scope_totals
from docgen.renderers import RenderOptions, get_renderer
from tests.renderers.conftest import document_text


def with_status(project: Project, status: ChangeRequestStatus) -> Project:
    first = project.change_requests[0].model_copy(update={"status": status})
    return project.model_copy(update={"change_requests": [first, *project.change_requests[1:]]})


def render(project: Project, name: str, today: dt.date = dt.date(2026, 11, 27)) -> dict[str, str]:
    outputs = get_renderer(name).render(project, RenderOptions(today=today))
    return {o.filename: document_text(o.data) for o in outputs}


def test_approved_change_moves_the_current_total_and_rejected_does_not(sample_project: Project) -> None:
    sow = sample_project.sow
    totals = scope_totals(sow, sample_project.change_requests, None)
    assert totals.baseline.days == sow.total_days and totals.baseline.price == sow.total_price
    assert (totals.approved.days, totals.approved.price) == (Decimal(4), Decimal("5000.00"))  # CR-01 only
    rejected = with_status(sample_project, ChangeRequestStatus.rejected)
    assert scope_totals(sow, rejected.change_requests, None).current.price == sow.total_price


def test_change_requires_a_decision_when_approved(sample_project: Project) -> None:
    data = sample_project.change_requests[0].model_dump()
    data.update(decided_by=None)
    with pytest.raises(ValidationError, match="needs decided_by and decided_on"):
        ChangeRequest.model_validate(data)


def test_change_lines_show_before_and_after(sample_project: Project) -> None:
    sow = sample_project.sow
    [line] = change_lines(sow, sample_project.change_requests, sample_project.change_requests[2])  # CR-03
    assert (line.id, line.before_days, line.after_days) == ("WP-08", Decimal("11.5"), Decimal("13"))
    assert line.after_price == Decimal("15600.00")  # the new rate of 1200 applies to the whole package
    [added] = change_lines(sow, sample_project.change_requests, sample_project.change_requests[1])  # CR-02
    assert added.added and added.after_price == Decimal("9440.00")


def reissued(project: Project) -> Project:
    """The sample's SOW 1.0 re-issued as 1.1 after CR-01 was approved (2026-06-22)."""
    document = project.sow.document.model_copy(update={"version": "1.1", "date": dt.date(2026, 6, 23)})
    return project.model_copy(update={"sow": project.sow.model_copy(update={"document": document})})


def test_sow_shows_baseline_approved_and_current_totals(sample_project: Project) -> None:
    text = render(reissued(sample_project), "sow")["sow.docx"]
    assert "Approved changes" in text and "CR-01" in text and "CR-02" not in text
    assert "Baseline (this SOW)" in text and "Current total" in text and "EUR 119,065.00" in text
    rejected = render(with_status(reissued(sample_project), ChangeRequestStatus.rejected), "sow")["sow.docx"]
    assert "Approved changes" not in rejected and "EUR 119,065.00" not in rejected


def test_sow_dated_before_the_approval_shows_no_change(sample_project: Project) -> None:
    sow = sample_project.sow.model_copy(update={"document": sample_project.sow.document.model_copy(
        update={"date": dt.date(2026, 4, 10)})})
    text = render(sample_project.model_copy(update={"sow": sow}), "sow")["sow.docx"]
    assert "Approved changes" not in text


def test_each_change_request_renders_an_addendum_with_sign_off(sample_project: Project) -> None:
    documents = render(sample_project, "change-requests")
    assert sorted(documents) == ["change-request-CR-01.docx", "change-request-CR-02.docx",
                                 "change-request-CR-03.docx"]
    first = documents["change-request-CR-01.docx"]
    for expected in ("CR-01 \u2013 Second provisioning endpoint", "Approved by Dr. Henrike Koch on 22 Jun 2026",
                     "WP-05 \u2013 Provisioning connector", "EUR 17,500.00", "EUR 22,500.00",
                     "Total before this change", "EUR 114,065.00", "EUR 119,065.00", "Sign-off"):
        assert expected in first, expected
    proposed = documents["change-request-CR-03.docx"]
    assert "awaiting the customer's decision" in proposed
    assert "EUR 119,065.00" in proposed  # on top of the approved CR-01


def test_german_change_request(sample_project: Project) -> None:
    outputs = get_renderer("change-requests").render(sample_project, RenderOptions(language=Language.de))
    text = document_text(outputs[0].data)
    assert "Änderungsantrag" in text and "Genehmigt von Dr. Henrike Koch" in text


def test_problems_are_located_in_the_project_file(tmp_path) -> None:
    from docgen.loader import check_project
    from tests.conftest import SAMPLE

    text = SAMPLE.read_text(encoding="utf-8")
    broken = text.replace("    decided_by: hkoch\n    decided_on: 2026-06-22\n", "", 1)
    broken = broken.replace("      - work_package: WP-08\n", "      - work_package: WP-88\n", 1)
    path = tmp_path / "project.yaml"
    path.write_text(broken, encoding="utf-8")
    messages = [f"{p.path}: {p.message}" for p in check_project(path)]
    assert any(m.startswith("change_requests[0]: ") and "needs decided_by and decided_on" in m for m in messages)
    assert "change_requests[2].changes[0].work_package: no work package 'WP-88'" in messages


def test_a_change_cannot_take_more_than_a_package_has(sample_project: Project) -> None:
    data = sample_project.model_dump()
    data["change_requests"][0]["changes"][0]["effort_days"] = -20
    with pytest.raises(ValidationError, match="take more effort from WP-05 than it has"):
        Project.model_validate(data)


def test_checklist_items_may_refer_to_a_package_a_change_request_adds(tmp_path, sample_project) -> None:
    """The workbook import checks references of changed items against the same ids the loader knows."""
    from docgen.importing import import_workbook
    from docgen.loader import load_project
    from tests.conftest import SAMPLE
    from tests.excel.conftest import edit, row_of

    text = SAMPLE.read_text(encoding="utf-8")
    old = "    due: 2027-03-31\n    status: open\n"  # REQ-042, the last item
    assert text.count(old) == 1
    path = tmp_path / "project.yaml"
    path.write_text(text.replace(old, old + "    work_package: WP-09\n"), encoding="utf-8")
    project = load_project(path)
    [workbook] = get_renderer("requirements-checklist").render(project, RenderOptions(today=dt.date(2026, 11, 27)))
    (tmp_path / "checklist.xlsx").write_bytes(workbook.data)

    def change(sheet, col):
        sheet.cell(row_of(sheet, "REQ-042"), col["Status"]).value = "In progress"

    import_workbook(edit(tmp_path / "checklist.xlsx", change), path)
    item = load_project(path).requirement("REQ-042")
    assert item.work_package == "WP-09" and item.status.value == "in_progress"
