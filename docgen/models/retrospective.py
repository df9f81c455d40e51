"""The vendor-internal project retrospective, kept apart from the customer-facing lessons learned."""

from pydantic import Field

from .approval import LessonAction
from .base import Date, Model, PersonRef, Text


class InternalRetrospective(Model):
    """The vendor's own look back (time tracking, change management, staffing); it is
    never rendered into a customer document."""

    date: Date | None = None
    """The day it was held."""
    participants: list[PersonRef] = Field(default_factory=list)
    """Who took part: people of the vendor's side."""
    findings: list[Text] = Field(default_factory=list)
    """What the team found, for the vendor's eyes only."""
    actions: list[LessonAction] = Field(default_factory=list)
    """What the vendor changes because of it."""
