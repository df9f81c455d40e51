"""Test protocols: the vendor's internal approval and the customer's acceptance tests."""

from __future__ import annotations

import enum
from typing import Annotated

from pydantic import Field

from .base import Date, Defines, Id, Model, PersonRef, RequirementRef, Stage, Text
from .signoff import Signature


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
    steps: list[Text] = Field(default_factory=list)
    expected: Text = ""
    result: TestResult = TestResult.not_run
    tester: PersonRef | None = None
    date: Date | None = None
    requirement: RequirementRef | None = None
    remarks: Text = ""
    environment: Stage | None = None
    """The system the run used; the launch needs acceptance tests passed on live."""


class Tests(Model):
    internal: list[TestCase] = Field(default_factory=list)
    customer: list[TestCase] = Field(default_factory=list)
    customer_sign_off: Signature | None = None
    """The customer QA lead's signature under the customer test protocol."""
