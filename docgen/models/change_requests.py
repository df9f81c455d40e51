"""Change requests against the Basic SOW, and the scope they make effective.

The SOW stays the baseline: it is never rewritten. An approved change request adds
work packages or changes the effort or day rate of existing ones; the current scope
is the baseline plus every approved change decided on or before a given date.
"""

import datetime as dt
import enum
from decimal import Decimal
from typing import Annotated, NamedTuple

from pydantic import Field, model_validator

from .base import Date, Defines, Extra, Id, Markdown, Model, PersonRef, Text, WorkPackageRef
from .sow import Money, Sow, WorkPackage

DeltaDays = Annotated[Decimal, Field(max_digits=8, decimal_places=2)]
"""Days added to (positive) or taken from (negative) a work package."""

_CENT = Decimal("0.01")


class ChangeRequestStatus(str, enum.Enum):
    proposed = "proposed"
    approved = "approved"
    rejected = "rejected"
    withdrawn = "withdrawn"


class WorkPackageChange(Model):
    """A change of an existing work package of the SOW."""

    work_package: WorkPackageRef
    """Id of the SOW work package this change amends."""
    effort_days: DeltaDays = Decimal(0)
    """Days added (negative: taken away) by the change."""
    day_rate: Money | None = None
    """The new day rate of the work package; empty keeps its rate."""
    reason: Text = ""
    """Why the work package changes, shown in the change request."""


class ChangeRequest(Model):
    id: Annotated[Id, Defines("change_request")]
    """Identifier, e.g. CR-01; used in the document's file name."""
    title: Text
    """What changes, in a few words."""
    description: Markdown = ""
    """What changes and why; shown in the change request document."""
    requested_by: PersonRef
    """Id of the person who asked for the change."""
    requested_on: Date
    """The day the change was requested (YYYY-MM-DD)."""
    status: ChangeRequestStatus = ChangeRequestStatus.proposed
    """proposed, approved, rejected or withdrawn; only an approved change moves scope and price."""
    decided_by: PersonRef | None = None
    """Who approved or rejected it (the customer's signatory as a rule)."""
    decided_on: Date | None = None
    """The day of the decision (YYYY-MM-DD); required once approved or rejected."""
    adds: list[WorkPackage] = Field(default_factory=list)
    """New work packages; their ids can be referred to like the SOW's."""
    changes: list[WorkPackageChange] = Field(default_factory=list)
    """Changes of the effort or day rate of work packages of the SOW."""
    impact: Markdown = ""
    """Effect on timeline, milestones or risks."""
    extra: Extra = Field(default_factory=dict)
    """Your own data for your own templates (`{{ x.extra.key }}`): identifier keys, any values."""

    @model_validator(mode="after")
    def _decision_is_complete(self) -> "ChangeRequest":
        decided = self.status in (ChangeRequestStatus.approved, ChangeRequestStatus.rejected)
        if decided and (self.decided_by is None or self.decided_on is None):
            raise ValueError(f"a change request that is {self.status.value} needs decided_by and decided_on")
        if self.decided_on is not None and self.decided_on < self.requested_on:
            raise ValueError("decided_on must not be before requested_on")
        if not self.adds and not self.changes:
            raise ValueError("a change request needs at least one entry in adds or changes")
        return self

    def is_effective(self, as_of: dt.date | None) -> bool:
        """Approved, and decided on or before `as_of` (None: whenever)."""
        if self.status is not ChangeRequestStatus.approved:
            return False
        return as_of is None or (self.decided_on is not None and self.decided_on <= as_of)


# The records below are NamedTuples: immutable like a frozen dataclass, and about a tenth
# of its cost to define at import (no generated methods compiled), for every command.
class PackageLine(NamedTuple):
    """A work package as the baseline had it and as it is with the changes."""

    id: str
    """Identifier, e.g. CR-01; used in the document's file name."""
    title: str
    """What changes, in a few words."""
    before_days: Decimal
    before_price: Decimal
    after_days: Decimal
    after_price: Decimal
    rate: Decimal

    @property
    def added(self) -> bool:
        return self.before_days == 0 and self.before_price == 0


class Totals(NamedTuple):
    days: Decimal
    price: Decimal


class ScopeTotals(NamedTuple):
    """The SOW's totals: the signed baseline, what approved changes add, the current scope."""

    baseline: Totals
    approved: Totals
    current: Totals


def effective_packages(sow: Sow, change_requests: list[ChangeRequest], as_of: dt.date | None) -> list[PackageLine]:
    """Every work package with its baseline and its current effort, rate and price."""
    lines = {p.id: _baseline_line(sow, p) for p in sow.work_packages}
    for request in sorted(change_requests, key=lambda r: (r.decided_on or r.requested_on, r.id)):
        if request.is_effective(as_of):
            _apply(lines, sow, request)
    return list(lines.values())


def change_lines(sow: Sow, change_requests: list[ChangeRequest], request: ChangeRequest) -> list[PackageLine]:
    """The work packages `request` touches, before and after it, on top of the changes approved before it."""
    before = {line.id: line for line in effective_packages(sow, approved_before(change_requests, request), None)}
    after = dict(before)
    _apply(after, sow, request)
    touched = [p.id for p in request.adds] + [c.work_package for c in request.changes]
    return [_between(before.get(i), after[i]) for i in dict.fromkeys(touched)]


def approved_before(change_requests: list[ChangeRequest], request: ChangeRequest) -> list[ChangeRequest]:
    """The approved change requests decided before `request` (all of them for an undecided one)."""
    position = (request.decided_on or dt.date.max, request.id)
    return [r for r in change_requests
            if r is not request and r.is_effective(None) and (r.decided_on, r.id) < position]


def scope_totals(sow: Sow, change_requests: list[ChangeRequest], as_of: dt.date | None) -> ScopeTotals:
    baseline = Totals(sow.total_days, sow.total_price)
    lines = effective_packages(sow, change_requests, as_of)
    current = Totals(sum((l.after_days for l in lines), Decimal(0)),
                     sum((l.after_price for l in lines), Decimal("0.00")))
    return ScopeTotals(baseline, Totals(current.days - baseline.days, current.price - baseline.price), current)


def _baseline_line(sow: Sow, package: WorkPackage) -> PackageLine:
    price = sow.price_of(package)
    rate = sow.rate_of(package)
    return PackageLine(package.id, package.title, package.effort_days, price, package.effort_days, price, rate)


def _apply(lines: dict[str, PackageLine], sow: Sow, request: ChangeRequest) -> None:
    for package in request.adds:
        rate = sow.rate_of(package)
        lines[package.id] = PackageLine(package.id, package.title, Decimal(0), Decimal("0.00"),
                                        package.effort_days, _price(package.effort_days, rate), rate)
    for change in request.changes:
        line = lines.get(change.work_package)
        if line is None:  # a reference problem the loader reports; nothing to change here
            continue
        days = line.after_days + change.effort_days
        rate = change.day_rate if change.day_rate is not None else line.rate
        lines[line.id] = PackageLine(line.id, line.title, line.before_days, line.before_price,
                                     days, _price(days, rate), rate)


def _between(before: PackageLine | None, after: PackageLine) -> PackageLine:
    if before is None:
        return PackageLine(after.id, after.title, Decimal(0), Decimal("0.00"), after.after_days,
                           after.after_price, after.rate)
    return PackageLine(after.id, after.title, before.after_days, before.after_price, after.after_days,
                       after.after_price, after.rate)


def _price(days: Decimal, rate: Decimal) -> Decimal:
    return (days * rate).quantize(_CENT)
