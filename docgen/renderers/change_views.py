"""Views of change requests shared by the SOW and the change request documents."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from .. import i18n
from ..i18n import Labels
from ..models import ChangeRequest, Project, ScopeTotals
from ..models.change_requests import scope_totals
from .docx_context import Numbers


@dataclass(frozen=True)
class TotalsView:
    """One line of the SOW's totals: baseline, approved changes or current."""

    label: str
    days: str
    price: str


@dataclass(frozen=True)
class ChangeSummary:
    """An approved change request as one line of the SOW."""

    id: str
    title: str
    decided_on: str
    days: str  # signed: "+4"
    price: str  # signed: "+ €5,000.00"


def signed(value: Decimal, text: str) -> str:
    """A change shown with its sign; the number itself is formatted without it."""
    if value > 0:
        return f"+\u202f{text}"
    if value < 0:
        return f"\u2212\u202f{text}"
    return text


def totals_views(totals: ScopeTotals, labels: Labels, numbers: Numbers) -> list[TotalsView]:
    approved = totals.approved
    return [
        TotalsView(labels.scope_baseline, numbers.days(totals.baseline.days), numbers.money(totals.baseline.price)),
        TotalsView(labels.scope_approved, signed(approved.days, numbers.days(abs(approved.days))),
                   signed(approved.price, numbers.money(abs(approved.price)))),
        TotalsView(labels.scope_current, numbers.days(totals.current.days), numbers.money(totals.current.price)),
    ]


def approved_changes(project: Project, as_of: dt.date | None, labels: Labels,
                     numbers: Numbers) -> list[ChangeSummary]:
    """The change requests approved by `as_of`, each with what it changed on its own."""
    assert project.sow is not None
    effective = [r for r in project.change_requests if r.is_effective(as_of)]
    return [_summary(project, r, labels, numbers) for r in sorted(effective, key=lambda r: (r.decided_on, r.id))]


def _summary(project: Project, request: ChangeRequest, labels: Labels, numbers: Numbers) -> ChangeSummary:
    assert project.sow is not None
    alone = scope_totals(project.sow, [request], None)
    return ChangeSummary(request.id, request.title, i18n.format_date(request.decided_on, labels.language),
                         signed(alone.approved.days, numbers.days(abs(alone.approved.days))),
                         signed(alone.approved.price, numbers.money(abs(alone.approved.price))))
