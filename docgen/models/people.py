"""People on both sides of the project, referred to everywhere by id."""

from __future__ import annotations

from pydantic import Field

from .base import Model, PersonId, Side, Text


class Person(Model):
    id: PersonId
    name: Text
    side: Side
    role: Text = ""
    organisation: Text = Field("", description="Defaults to the customer's or vendor's name.")
    email: Text = ""
    phone: Text = ""
