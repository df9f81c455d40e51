"""Test protocols: the vendor's internal approval and the customer's acceptance tests."""

from __future__ import annotations

import enum
from typing import Annotated

from pydantic import AfterValidator, Field

from .base import Date, Defines, Id, Model, PersonRef, RequirementRef, Text
from .limits import lines_fit_a_cell


class TestResult(str, enum.Enum):
    __test__ = False  # not a pytest class
    not_run = "not_run"
    passed = "pass"
    failed = "fail"
    blocked = "blocked"


class TestCase(Model):
    __test__ = False
    id: Annotated[Id, Defines("test")]
    area: Text
    title: Text
    steps: Annotated[list[Text], AfterValidator(lines_fit_a_cell)] = Field(default_factory=list)
    expected: Text = ""
    result: TestResult = TestResult.not_run
    tester: PersonRef | None = None
    date: Date | None = None
    requirement: RequirementRef | None = None
    remarks: Text = ""


class Tests(Model):
    internal: list[TestCase] = Field(default_factory=list)
    customer: list[TestCase] = Field(default_factory=list)
