"""Test protocols: the vendor's internal approval and the customer's acceptance tests."""

import datetime as dt
import enum
from typing import Annotated

from pydantic import AfterValidator, Field

from .base import Date, Defines, Extra, Id, Model, PersonRef, RequirementRef, Stage, Text
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
    """The outcome of that run: pass, fail, blocked or not_run."""
    tester: PersonRef | None = None
    """Id of the person who ran it."""
    remarks: Text = ""
    """What the tester observed in that run."""


class TestCase(Model):
    __test__ = False
    id: Annotated[Id, Defines("test")]
    """Unique id of the test, e.g. AT-01."""
    area: Text
    """Area under test, e.g. Load balancing or Webmail."""
    title: Text
    """What is tested."""
    steps: Annotated[list[Text], AfterValidator(lines_fit_a_cell)] = Field(default_factory=list)
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
    earlier_runs: list[TestRun] = Field(default_factory=list)
    """Runs before the latest one, whose outcome `result`, `tester` and `date` record."""
    environment: Stage | None = None
    """The system the run used; the launch needs acceptance tests passed on live."""
    extra: Extra = Field(default_factory=dict)
    """Your own data for your own templates (`{{ x.extra.key }}`): identifier keys, any values."""

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
    """The internal test protocol: approval of the complete system before the customer tests."""
    customer: list[TestCase] = Field(default_factory=list)
    """The customer test protocol: the customer's acceptance tests."""
    customer_sign_off: Signature | None = None
    """The customer QA lead's signature under the customer test protocol."""
