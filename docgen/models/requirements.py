"""Requirements Checklist: every issue and to-do, its owner on either side, its status."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Annotated

from pydantic import Field

from .base import Date, Defines, Id, Ref, Markdown, Model, PersonRef, Phase, Side, Text, WorkPackageRef


class Status(str, enum.Enum):
    open = "open"
    in_progress = "in_progress"
    blocked = "blocked"
    done = "done"


class Requirement(Model):
    id: Annotated[Id, Defines("requirement")]
    title: Text
    description: Markdown = ""
    phase: Phase = Phase.implementation
    side: Side
    responsible: PersonRef
    due: Date | None = None
    raised_on: Date | None = None
    """The day the item was added to the checklist; empty: it has been there from the start."""
    status: Status = Status.open
    verified: bool = Field(False, description="Customer QA re-check passed (Approval phase).")
    verified_on: Date | None = None
    work_package: WorkPackageRef | None = None
    notes: Text = ""
    meeting: Annotated[Id, Ref("meeting")] | None = None
    """The meeting whose action created this item (its action refers back to it)."""
    customer_remarks: Text = ""
    done_on: Date | None = None
    """The day the item was marked done; `docgen import` sets it from the project's as-of date."""

    @property
    def is_done(self) -> bool:
        return self.status is Status.done

    def is_overdue(self, today: dt.date) -> bool:
        return not self.is_done and self.due is not None and self.due < today
