"""Requirements Checklist: every issue and to-do, its owner on either side, its status."""

import datetime as dt
import enum
from typing import Annotated

from pydantic import Field, ValidationInfo, field_validator

from .base import Date, Defines, Extra, Id, Markdown, Model, PersonRef, Phase, Ref, Side, Stage, Text, WorkPackageRef


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
    raised_on: Date | None = None
    """The day the item was added to the checklist; empty: it has been there from the start."""
    status: Status = Status.open
    """Status: open, in_progress, blocked or done."""
    verified: bool = Field(False, description="Customer QA re-check passed (Approval phase).")
    verified_on: Date | None = None
    """Date of the customer's QA re-check (YYYY-MM-DD)."""
    verified_by: PersonRef | None = None
    """Who re-checked the item: a person of the customer's quality assurance."""
    verified_system: Stage | None = None
    """The system the re-check ran on; the seed's re-check is on the live system."""
    work_package: WorkPackageRef | None = None
    """Id of the SOW work package the item belongs to."""
    notes: Text = ""
    """Notes on the item, shown in the checklist and among the concept's open points."""
    meeting: Annotated[Id, Ref("meeting")] | None = None
    """The meeting whose action created this item (its action refers back to it)."""
    customer_remarks: Text = ""
    """The customer's remarks, e.g. from the returned checklist."""
    done_on: Date | None = None
    """The day the item was marked done; `docgen import` sets it from the project's as-of date."""
    extra: Extra = Field(default_factory=dict)
    """Your own data for your own templates (`{{ x.extra.key }}`): identifier keys, any values."""

    @field_validator("verified")
    @classmethod
    def _re_check_needs_a_done_item(cls, verified: bool, info: ValidationInfo) -> bool:
        # Located on `verified`, so a checklist import names the QA re-check cell.
        status = info.data.get("status")
        if verified and status is not None and status is not Status.done:
            raise ValueError(f"only a done item can be re-checked; this one is {status.value.replace('_', ' ')}")
        return verified

    @property
    def is_done(self) -> bool:
        return self.status is Status.done

    def is_overdue(self, today: dt.date) -> bool:
        """Open as its status stands now, and due before `today` (the checklist's view)."""
        return not self.is_done and self.due is not None and self.due < today

    def was_overdue_on(self, day: dt.date) -> bool:
        """Not yet done on `day`, and due before it: how a document dated `day` sees the item."""
        return not self.is_done_on(day) and self.due is not None and self.due < day

    def is_done_on(self, day: dt.date) -> bool:
        """Done as of `day`: an item marked done later was still open then."""
        return self.is_done and (self.done_on is None or self.done_on <= day)
