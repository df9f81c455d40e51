"""Booked effort: the time spent on the work packages of the SOW.

Bookings come from the vendor's time tracking, either typed into project.yaml (one
entry per day and person, or one per month) or imported with `docgen import-effort`.
"""

import datetime as dt
from decimal import Decimal
from typing import Annotated

from pydantic import Field, model_validator

from .base import Date, Model, Text, WorkPackageRef

Hours = Annotated[Decimal, Field(gt=0, le=24 * 31, max_digits=8, decimal_places=2)]
BookedDays = Annotated[Decimal, Field(gt=0, le=31, max_digits=6, decimal_places=2)]
MONTH_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"


class Booking(Model):
    """Effort booked on one work package: on a day, or summed up for a month."""

    work_package: WorkPackageRef
    """Id of the work package the time is booked on (of the SOW or an approved change request)."""
    date: Date | None = None
    """The day worked; leave empty and give `month` for a monthly total."""
    month: Annotated[str, Field(pattern=MONTH_PATTERN)] | None = None
    """The month (YYYY-MM) of a monthly total, instead of `date`."""
    hours: Hours | None = None
    """Hours worked; give either hours or days."""
    days: BookedDays | None = None
    """Person days worked; give either hours or days."""
    person: Text = ""
    """Who worked, as the time tracking names them (login or name)."""
    ticket: Text = ""
    """The ticket or requirement id the time was booked on, if any."""
    note: Text = ""
    """What the time was spent on, as the time-tracking tool recorded it."""

    @model_validator(mode="after")
    def _one_period_and_one_amount(self) -> "Booking":
        if (self.date is None) == (self.month is None):
            raise ValueError("give either date (a day) or month (YYYY-MM), not both and not neither")
        if (self.hours is None) == (self.days is None):
            raise ValueError("give either hours or days, not both and not neither")
        return self

    @property
    def first_day(self) -> dt.date:
        """The day the booking counts from: its date, or the first of its month."""
        if self.date is not None:
            return self.date
        year, month = self.month.split("-")  # type: ignore[union-attr]
        return dt.date(int(year), int(month), 1)

    def in_days(self, hours_per_day: Decimal) -> Decimal:
        return self.days if self.days is not None else self.hours / hours_per_day  # type: ignore[operator]


class Effort(Model):
    hours_per_day: Annotated[Decimal, Field(gt=0, le=24, max_digits=4, decimal_places=2)] = Decimal(8)
    """Hours in one person day, to compare booked hours with the SOW's days."""
    bookings: list[Booking] = Field(default_factory=list)
    """The booked time entries, per day (hours) or per month (days)."""
