"""Launch: soft launch to a small share of users, go-live, support handover."""

from __future__ import annotations

from pydantic import Field, model_validator

from .base import Date, Model, PersonRef, Text


class SoftLaunch(Model):
    percent: float = Field(5, gt=0, le=100, description="Share of users in the soft launch.")
    date: Date | None = None


class SupportHandover(Model):
    date: Date | None = None
    contact: PersonRef | None = None
    ticket_process_tested: bool = False
    notes: Text = ""


class Launch(Model):
    soft_launch: SoftLaunch = Field(default_factory=SoftLaunch)
    go_live: Date | None = None
    support_handover: SupportHandover = Field(default_factory=SupportHandover)

    @model_validator(mode="after")
    def _soft_launch_before_go_live(self) -> "Launch":
        soft = self.soft_launch.date
        if soft and self.go_live and soft > self.go_live:
            raise ValueError("soft_launch.date must not be after go_live")
        return self
