"""Workshop Agendas of the initial workshop(s)."""

from typing import Annotated

from pydantic import Field

from .base import Date, Defines, DocumentInfo, Extra, Id, Model, PersonRef, Text, TimeOfDay


class Topic(Model):
    title: Text
    """Title of the agenda item."""
    items: list[Text] = Field(default_factory=list)
    """Points to cover under this topic."""
    minutes: int = Field(30, gt=0, le=600, description="Planned duration in minutes.")
    owner: PersonRef | None = None
    """Id of the person who leads the topic."""


class Workshop(Model):
    document: DocumentInfo = Field(default_factory=DocumentInfo)
    """Version, status, date and author of the Workshop Agenda."""
    date: Date | None = None
    """Date of the workshop (YYYY-MM-DD)."""
    start_time: TimeOfDay = "09:00"
    """Start time (HH:MM, 24-hour clock); the agenda's times follow from it."""
    location: Text = ""
    """Where the workshop takes place."""
    goals: list[Text] = Field(default_factory=list)
    """What the workshop should achieve."""
    attendees: list[PersonRef] = Field(default_factory=list)
    """Ids of the people invited."""
    topics: list[Topic] = Field(
        default_factory=list, description="Empty means the default agenda of the process."
    )
    extra: Extra = Field(default_factory=dict)
    """Your own data for your own templates (`{{ x.extra.key }}`): identifier keys, any values."""


class InitialWorkshop(Workshop):
    """One of several initial workshops, each with its own agenda document."""

    id: Annotated[Id, Defines("workshop")]
    """Names the agenda file: workshop-agenda-<id>.docx."""
    title: Text
    """What this workshop is about, e.g. "Architecture overview"."""
