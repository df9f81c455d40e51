"""Weekly status reports: the lead's own words for one reporting date.

The figures of a report (progress, overdue items, the burn-up) are computed from the
rest of the data as of the report's date; this model holds only what the data cannot
know: highlights, risks, decisions the steering board must take, next steps, and an
override of the computed traffic light when the lead judges it differently.
"""

import enum

from pydantic import Field, model_validator

from .base import Date, DocumentInfo, Model, PersonRef, Text


class TrafficLight(str, enum.Enum):
    green = "green"
    amber = "amber"
    red = "red"


class Impact(str, enum.Enum):
    low = "low"
    medium = "medium"
    high = "high"


class Risk(Model):
    title: Text
    """The risk, in a sentence."""
    owner: PersonRef
    """Who watches the risk and acts on it."""
    impact: Impact = Impact.medium
    """low, medium or high."""
    mitigation: Text = ""
    """What is done to reduce or avoid it."""


class StatusReport(Model):
    date: Date
    """The reporting date: the report shows the project as it stood on this day."""
    document: DocumentInfo = Field(default_factory=DocumentInfo)
    """Version, status and author of the report; its date is the reporting date."""
    overall: TrafficLight | None = None
    """Overrides the traffic light computed from the data; give the reason in `overall_reason`."""
    overall_reason: Text = ""
    """Why the lead sets the traffic light by hand; required with `overall`."""
    highlights: list[Text] = Field(default_factory=list)
    """What went well or was achieved in the period, one line each."""
    risks: list[Risk] = Field(default_factory=list)
    """Risks with their owner and impact."""
    decisions_needed: list[Text] = Field(default_factory=list)
    """Decisions the steering committee or the customer must take."""
    next_steps: list[Text] = Field(default_factory=list)
    """What happens until the next report."""

    @model_validator(mode="after")
    def _override_has_a_reason(self) -> "StatusReport":
        if self.overall is not None and not self.overall_reason.strip():
            raise ValueError("an overridden traffic light needs overall_reason: say why it differs from the rules")
        return self
