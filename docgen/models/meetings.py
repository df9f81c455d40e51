"""Meeting Minutes: attendees, topics, decisions and action items."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Annotated

from pydantic import Field

from .base import Date, Defines, Id, Model, PersonRef, RequirementRef, Text


class MeetingKind(str, enum.Enum):
    kickoff = "kickoff"
    workshop = "workshop"
    status_call = "status_call"
    steering = "steering"
    review = "review"
    other = "other"


class Action(Model):
    title: Text
    responsible: PersonRef
    due: Date | None = None
    requirement: RequirementRef | None = None
    checklist: bool = False
    """Becomes an item of the Requirements Checklist; `docgen checklist-actions` creates it and links both."""
    done: bool = False
    done_on: Date | None = None
    """The day the action was marked done."""

    def is_done_on(self, day: dt.date) -> bool:
        """Done as of `day`: minutes show an action done later as open."""
        return self.done and (self.done_on is None or self.done_on <= day)


class Meeting(Model):
    id: Annotated[Id, Defines("meeting")]
    date: Date
    kind: MeetingKind = MeetingKind.status_call
    title: Text = ""
    location: Text = ""
    minutes_by: PersonRef | None = Field(None, description="Who took the minutes (shown as author).")
    attendees: list[PersonRef] = Field(default_factory=list)
    topics: list[Text] = Field(default_factory=list)
    decisions: list[Text] = Field(default_factory=list)
    actions: list[Action] = Field(default_factory=list)
