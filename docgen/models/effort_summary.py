"""Booked against planned effort per work package: what is left, what is over budget.

Planned effort is the current scope: the SOW's work packages with every change
request approved by `as_of` (`change_requests.py`). Booked effort counts the
bookings up to `as_of`; hours become days by the project's `effort.hours_per_day`.

A pure function over the model, so that `docgen effort`, `docgen status` and the
weekly status report (rendered as of its own date) count alike.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from .change_requests import ScopeTotals, effective_packages, scope_totals
from .project import Project

_HUNDREDTH = Decimal("0.01")


@dataclass(frozen=True)
class PackageEffort:
    id: str
    title: str
    baseline_days: Decimal  # as the SOW has it
    planned_days: Decimal  # with the approved change requests
    booked_days: Decimal

    @property
    def remaining_days(self) -> Decimal:
        return self.planned_days - self.booked_days

    @property
    def over_budget(self) -> bool:
        return self.booked_days > self.planned_days

    @property
    def used_percent(self) -> int | None:
        """Booked as a share of planned, rounded; None for a package planned with no effort."""
        if not self.planned_days:
            return None
        return int((self.booked_days * 100 / self.planned_days).quantize(Decimal(1)))

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "title": self.title, "baseline_days": str(self.baseline_days),
                "planned_days": str(self.planned_days), "booked_days": str(self.booked_days),
                "remaining_days": str(self.remaining_days), "over_budget": self.over_budget}


@dataclass(frozen=True)
class EffortSummary:
    as_of: dt.date | None
    packages: list[PackageEffort]
    scope: ScopeTotals | None  # days and price: baseline, approved changes, current; None without an SOW

    @property
    def baseline_days(self) -> Decimal:
        return sum((p.baseline_days for p in self.packages), Decimal(0))

    @property
    def planned_days(self) -> Decimal:
        return sum((p.planned_days for p in self.packages), Decimal(0))

    @property
    def booked_days(self) -> Decimal:
        return sum((p.booked_days for p in self.packages), Decimal(0))

    @property
    def remaining_days(self) -> Decimal:
        return self.planned_days - self.booked_days

    @property
    def over_budget(self) -> list[PackageEffort]:
        return [p for p in self.packages if p.over_budget]

    def render_table(self) -> str:
        """A plain-text table for the terminal: one line per work package, then the totals."""
        rows = [("WP", "TITLE", "BASELINE", "PLANNED", "BOOKED", "REMAINING", "")]
        rows += [(p.id, _clip(p.title, 40), _days(p.baseline_days), _days(p.planned_days), _days(p.booked_days),
                  _days(p.remaining_days), "OVER BUDGET" if p.over_budget else "") for p in self.packages]
        rows.append(("", "total", _days(self.baseline_days), _days(self.planned_days), _days(self.booked_days),
                     _days(self.remaining_days), f"{len(self.over_budget)} over budget" if self.over_budget else ""))
        widths = [max(len(r[i]) for r in rows) for i in range(7)]
        numeric = {2, 3, 4, 5}
        return "\n".join("  ".join(c.rjust(w) if i in numeric else c.ljust(w) for i, (c, w) in
                                   enumerate(zip(r, widths))).rstrip() for r in rows)

    def to_json(self) -> dict[str, object]:
        return {"as_of": self.as_of.isoformat() if self.as_of else None,
                "packages": [p.to_json() for p in self.packages],
                "totals": {"baseline_days": str(self.baseline_days), "planned_days": str(self.planned_days),
                           "booked_days": str(self.booked_days), "remaining_days": str(self.remaining_days)},
                "over_budget": [p.id for p in self.over_budget], "scope": _scope_json(self.scope)}


def effort_by_work_package(project: Project, as_of: dt.date | None = None) -> EffortSummary:
    """Planned (baseline + approved changes), booked and remaining days per work package.

    `as_of` defaults to the project's `as_of`; None there counts everything. Bookings
    on work packages only a later change request adds still show, with nothing planned.
    """
    as_of = as_of or project.project.as_of
    booked = booked_days(project, as_of)
    packages = []
    if project.sow is not None:
        for line in effective_packages(project.sow, project.change_requests, as_of):
            packages.append(PackageEffort(line.id, line.title, line.before_days, line.after_days,
                                          booked.pop(line.id, Decimal(0))))
    titles = _all_titles(project)
    packages += [PackageEffort(wp, titles.get(wp, wp), Decimal(0), Decimal(0), days) for wp, days in booked.items()]
    scope = scope_totals(project.sow, project.change_requests, as_of) if project.sow else None
    return EffortSummary(as_of, packages, scope)


def booked_days(project: Project, as_of: dt.date | None) -> dict[str, Decimal]:
    """Days booked per work package id up to `as_of`, rounded to hundredths."""
    per_day = project.effort.hours_per_day
    totals: dict[str, Decimal] = {}
    for booking in project.effort.bookings:
        if as_of is None or booking.first_day <= as_of:
            totals[booking.work_package] = totals.get(booking.work_package, Decimal(0)) + booking.in_days(per_day)
    return {wp: days.quantize(_HUNDREDTH) for wp, days in totals.items()}


def _scope_json(scope: ScopeTotals | None) -> dict[str, dict[str, str]] | None:
    if scope is None:
        return None
    return {name: {"days": str(t.days), "price": str(t.price)}
            for name, t in (("baseline", scope.baseline), ("approved", scope.approved), ("current", scope.current))}


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "\u2026"


def _days(value: Decimal) -> str:
    return f"{value.quantize(_HUNDREDTH).normalize():f}"


def _all_titles(project: Project) -> dict[str, str]:
    return {p.id: p.title for r in project.change_requests for p in r.adds}
