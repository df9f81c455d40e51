"""Test protocols: the vendor's internal approval and the customer's acceptance tests."""

from __future__ import annotations

import enum
from typing import Annotated

from pydantic import Field

from .base import Date, Defines, Id, Model, PersonRef, RequirementRef, Text


class TestResult(str, enum.Enum):
    __test__ = False  # not a pytest class
    not_run = "not_run"
    passed = "pass"
    failed = "fail"
    blocked = "blocked"


class TestCase(Model):
    __test__ = False
    id: Annotated[Id, Defines("test")]
    """Unique id of the test, e.g. AT-01."""
    area: Text
    """Area under test, e.g. Load balancing or Webmail."""
    title: Text
    """What is tested."""
    steps: list[Text] = Field(default_factory=list)
    """Steps to carry out, in order."""
    expected: Text = ""
    """The expected result."""
    result: TestResult = TestResult.not_run
    """Outcome: not_run, pass, fail or blocked."""
    tester: PersonRef | None = None
    """Id of the person who ran the test."""
    date: Date | None = None
    """Date the test was run (YYYY-MM-DD)."""
    requirement: RequirementRef | None = None
    """Id of the requirement the test covers."""
    remarks: Text = ""
    """Observations of the tester."""


class Tests(Model):
    internal: list[TestCase] = Field(default_factory=list)
    """The internal test protocol: approval of the complete system before the customer tests."""
    customer: list[TestCase] = Field(default_factory=list)
    """The customer test protocol: the customer's acceptance tests."""
