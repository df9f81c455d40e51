"""The shipped sample project: valid, realistic, and a reference for every field."""

from __future__ import annotations

import datetime as dt
import typing
from pathlib import Path

from pydantic import BaseModel

from docgen.models import Phase, Project, Side, Status

TODAY = dt.date(2026, 11, 27)


def test_first_line_points_to_the_schema(sample_path: Path) -> None:
    first = sample_path.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../schemas/project.schema.json"


def test_sample_is_a_realistic_project(sample_project: Project) -> None:
    p = sample_project
    assert p.project.id == "nordhafen-mail"
    assert len(p.requirements) >= 35
    assert {r.side for r in p.requirements} == {Side.customer, Side.vendor}
    assert {person.side for person in p.people} == {Side.customer, Side.vendor}
    assert 10 <= len(p.people) <= 14
    assert p.decision.go is True
    assert p.sow is not None and len(p.sow.work_packages) >= 6


def test_meetings_have_decisions_and_actions(sample_project: Project) -> None:
    meetings = sample_project.meetings
    assert len(meetings) >= 4
    assert all(m.decisions and m.actions and m.attendees for m in meetings)
    actions = [a for m in meetings for a in m.actions]
    assert any(a.done for a in actions) and any(not a.done for a in actions)
    assert any(a.requirement for a in actions)


def test_requirements_mix_statuses_phases_and_overdue_items(sample_project: Project) -> None:
    reqs = sample_project.requirements
    statuses = [r.status for r in reqs]
    assert set(statuses) == set(Status)
    assert statuses.count(Status.done) > len(reqs) / 2
    assert {r.phase for r in reqs} == set(Phase)
    assert len([r for r in reqs if r.is_overdue(TODAY)]) >= 2
    verified = [r for r in reqs if r.verified]
    assert verified and all(r.verified_on and r.verified_on <= TODAY for r in verified)
    assert all(r.is_done for r in verified)


def test_dates_make_sense(sample_project: Project) -> None:
    p = sample_project
    assert p.project.end and p.project.start < p.project.end
    milestones = p.charter.milestones
    assert [m.date for m in milestones] == sorted(m.date for m in milestones)
    assert {m.phase for m in milestones} == set(Phase)
    revisions = p.concept.revisions
    assert [r.date for r in revisions] == sorted(r.date for r in revisions)
    assert p.launch.soft_launch.date < p.launch.go_live
    assert p.launch.soft_launch.percent == 5
    assert p.decision.date and p.project.start <= p.decision.date
    for m in p.meetings:
        assert p.project.start <= m.date <= TODAY
    executed = [t for t in [*p.tests.internal, *p.tests.customer] if t.date]
    assert all(t.date <= TODAY for t in executed)


def test_tests_cover_the_internal_approval_areas(sample_project: Project) -> None:
    internal = sample_project.tests.internal
    areas = {t.area for t in internal}
    assert {"Load balancing", "Database cluster (MySQL/Galera)", "Automated tests", "Load tests (JMeter)"} <= areas
    results = [t.result.value for t in internal]
    assert results.count("pass") > len(results) / 2
    assert {"fail", "blocked", "not_run"} <= set(results)
    assert len(sample_project.tests.customer) >= 8


def test_credentials_are_references_only(sample_project: Project) -> None:
    accounts = sample_project.technical_documentation.test_accounts
    assert accounts and all(a.credential.startswith("vault:") for a in accounts)


# --- every field of every model is used at least once -----------------------------------


def _model_classes(tp: typing.Any, found: set[type[BaseModel]]) -> set[type[BaseModel]]:
    """Every model class reachable from the type `tp` through model fields."""
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        if tp not in found:
            found.add(tp)
            for info in tp.model_fields.values():
                _model_classes(info.annotation, found)
        return found
    for arg in typing.get_args(tp):
        _model_classes(arg, found)
    return found


def _fields_set(value: typing.Any, seen: dict[type, set[str]]) -> dict[type, set[str]]:
    """Per model class, the fields given explicitly anywhere in the loaded data."""
    if isinstance(value, BaseModel):
        seen.setdefault(type(value), set()).update(value.model_fields_set)
        for name in type(value).model_fields:
            _fields_set(getattr(value, name), seen)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _fields_set(item, seen)
    elif isinstance(value, dict):
        for item in value.values():
            _fields_set(item, seen)
    return seen


def test_walkers_find_all_models() -> None:
    classes = {cls.__name__ for cls in _model_classes(Project, set())}
    assert {"Project", "Requirement", "StatusCall", "DocumentInfo", "TestAccount", "Component"} <= classes


def test_sample_sets_every_field_of_every_model(sample_project: Project) -> None:
    seen = _fields_set(sample_project, {})
    never_set = sorted(
        f"{cls.__name__}.{name}"
        for cls in _model_classes(Project, set())
        for name in cls.model_fields
        if name not in seen.get(cls, set())
    )
    assert never_set == []
