"""Workshop Agendas of the initial workshop(s)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .base import Date, Defines, DocumentInfo, Id, Model, PersonRef, Text, TimeOfDay


class Topic(Model):
    title: Text
    items: list[Text] = Field(default_factory=list)
    minutes: int = Field(30, gt=0, le=600, description="Planned duration in minutes.")
    owner: PersonRef | None = None


class Workshop(Model):
    document: DocumentInfo = Field(default_factory=DocumentInfo)
    date: Date | None = None
    start_time: TimeOfDay = "09:00"
    location: Text = ""
    goals: list[Text] = Field(default_factory=list)
    attendees: list[PersonRef] = Field(default_factory=list)
    topics: list[Topic] = Field(
        default_factory=list, description="Empty means the default agenda of the process."
    )


class InitialWorkshop(Workshop):
    """One of several initial workshops, each with its own agenda document."""

    id: Annotated[Id, Defines("workshop")]
    """Names the agenda file: workshop-agenda-<id>.docx."""
    title: Text
    """What this workshop is about, e.g. "Architecture overview"."""
