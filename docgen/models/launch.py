"""Launch: soft launch to a small share of users, go-live, support handover."""

from pydantic import Field, model_validator

from .base import Date, Model, PersonRef, RequirementRef, TestRef, Text


class SoftLaunch(Model):
    percent: float = Field(5, gt=0, le=100, description="Share of users in the soft launch.")
    date: Date | None = None
    """Date of the soft launch (YYYY-MM-DD)."""
    carried_out_on: Date | None = None
    """The day the soft launch actually went live; empty while it is only planned."""
    actual_percent: float | None = Field(None, gt=0, le=100)
    """The share of users it actually reached."""
    outcome: Text = ""
    """How it went, in a sentence or two."""
    issues: list[RequirementRef] = Field(default_factory=list)
    """Checklist items for the issues it uncovered; the launch waits until each is done."""


class SupportHandover(Model):
    date: Date | None = None
    """Date of the handover to support (YYYY-MM-DD)."""
    contact: PersonRef | None = None
    """Id of the support contact who takes over."""
    ticket_process_test: TestRef | None = None
    """The test case (internal or customer protocol) that tested the support ticket process."""
    notes: Text = ""
    """Remarks on the handover."""


class Launch(Model):
    soft_launch: SoftLaunch = Field(default_factory=SoftLaunch)
    """The soft launch to a small share of users before the launch."""
    go_live: Date | None = None
    """Date of the launch for all users (YYYY-MM-DD)."""
    support_handover: SupportHandover = Field(default_factory=SupportHandover)
    """Handover to support and its tested ticket process."""

    @model_validator(mode="after")
    def _soft_launch_before_go_live(self) -> "Launch":
        soft = self.soft_launch.date
        if soft and self.go_live and soft > self.go_live:
            raise ValueError("soft_launch.date must not be after go_live")
        return self
