"""Requirements Checklist: every issue and to-do, its owner on either side, its status."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Annotated

from pydantic import Field

from .base import Date, Defines, Id, Markdown, Model, PersonRef, Phase, Side, Text, WorkPackageRef


class Status(str, enum.Enum):
    open = "open"
    in_progress = "in_progress"
    blocked = "blocked"
    done = "done"


class Requirement(Model):
    id: Annotated[Id, Defines("requirement")]
    """Unique id of the requirement, e.g. REQ-010."""
    title: Text
    """Short title of the issue or to-do."""
    description: Markdown = ""
    """Details (Markdown)."""
    phase: Phase = Phase.implementation
    """Phase the item belongs to: initialization, implementation or approval."""
    side: Side
    """Which side has to act: customer or vendor."""
    responsible: PersonRef
    """Id of the person responsible."""
    due: Date | None = None
    """Due date (YYYY-MM-DD); an open item past it counts as overdue."""
    status: Status = Status.open
    """Status: open, in_progress, blocked or done."""
    verified: bool = Field(False, description="Customer QA re-check passed (Approval phase).")
    verified_on: Date | None = None
    """Date of the customer's QA re-check (YYYY-MM-DD)."""
    work_package: WorkPackageRef | None = None
    """Id of the SOW work package the item belongs to."""
    notes: Text = ""
    """Notes on the item, shown in the checklist and among the concept's open points."""
    customer_remarks: Text = ""
    """The customer's remarks, e.g. from the returned checklist."""

    @property
    def is_done(self) -> bool:
        return self.status is Status.done

    def is_overdue(self, today: dt.date) -> bool:
        return not self.is_done and self.due is not None and self.due < today
