"""Test protocols: the vendor's internal approval and the customer's acceptance tests."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Annotated

from pydantic import AfterValidator, Field

from .base import Date, Defines, Id, Model, PersonRef, RequirementRef, Stage, Text
from .limits import lines_fit_a_cell
from .signoff import Signature


class TestResult(str, enum.Enum):
    __test__ = False  # not a pytest class
    not_run = "not_run"
    passed = "pass"
    failed = "fail"
    blocked = "blocked"


class TestRun(Model):
    """An earlier execution of a test case, kept so reports can tell what changed when."""

    __test__ = False
    date: Date
    """The day the test was run."""
    result: TestResult
    tester: PersonRef | None = None
    remarks: Text = ""


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
    earlier_runs: list[TestRun] = Field(default_factory=list)
    """Runs before the latest one, whose outcome `result`, `tester` and `date` record."""
    environment: Stage | None = None
    """The system the run used; the launch needs acceptance tests passed on live."""

    def result_on(self, day: dt.date) -> TestResult:
        """The result as it stood on `day`: the latest run dated on or before it.

        An undated current result counts from the start; with no run by then the
        test had not been run."""
        runs = [(run.date, run.result) for run in self.earlier_runs if run.date <= day]
        if self.date is None or self.date <= day:
            runs.append((self.date or dt.date.min, self.result))
        return sorted(runs, key=lambda run: run[0])[-1][1] if runs else TestResult.not_run  # stable: the latest wins a tie


class Tests(Model):
    internal: list[TestCase] = Field(default_factory=list)
    customer: list[TestCase] = Field(default_factory=list)
    customer_sign_off: Signature | None = None
    """The customer QA lead's signature under the customer test protocol."""
