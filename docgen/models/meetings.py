"""Meeting Minutes: attendees, topics, decisions and action items."""

import datetime as dt
import enum
from typing import Annotated

from pydantic import Field

from .base import Date, Defines, Extra, Id, Model, PersonRef, RequirementRef, Text


class MeetingKind(str, enum.Enum):
    kickoff = "kickoff"
    workshop = "workshop"
    status_call = "status_call"
    steering = "steering"
    review = "review"
    other = "other"


class Action(Model):
    title: Text
    """What has to be done."""
    responsible: PersonRef
    """Id of the person who does it."""
    due: Date | None = None
    """Date by which it is done (YYYY-MM-DD)."""
    requirement: RequirementRef | None = None
    """Id of the checklist requirement this action belongs to, if any."""
    checklist: bool = False
    """Becomes an item of the Requirements Checklist; `docgen checklist-actions` creates it and links both."""
    done: bool = False
    """true once the action is done."""
    done_on: Date | None = None
    """The day the action was marked done."""

    def is_done_on(self, day: dt.date) -> bool:
        """Done as of `day`: minutes show an action done later as open."""
        return self.done and (self.done_on is None or self.done_on <= day)


class Meeting(Model):
    id: Annotated[Id, Defines("meeting")]
    """Unique id of the meeting, e.g. MTG-2026-03-10."""
    date: Date
    """Date of the meeting (YYYY-MM-DD)."""
    kind: MeetingKind = MeetingKind.status_call
    """Kind of meeting: kickoff, workshop, status_call, steering, review or other."""
    title: Text = ""
    """Title of the meeting, shown after its kind in the heading of the minutes."""
    location: Text = ""
    """Room, site or video-conference of the meeting."""
    minutes_by: PersonRef | None = Field(None, description="Who took the minutes (shown as author).")
    attendees: list[PersonRef] = Field(default_factory=list)
    """Ids of the people who attended."""
    topics: list[Text] = Field(default_factory=list)
    """Topics discussed, one per entry."""
    decisions: list[Text] = Field(default_factory=list)
    """Decisions taken, one per entry."""
    actions: list[Action] = Field(default_factory=list)
    """Action items: who does what until when."""
    extra: Extra = Field(default_factory=dict)
    """Your own data for your own templates (`{{ x.extra.key }}`): identifier keys, any values."""
