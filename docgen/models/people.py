"""People on both sides of the project, referred to everywhere by id."""

from pydantic import Field

from .base import Extra, Model, PersonId, Side, Text


class Person(Model):
    id: PersonId
    """Unique id used to refer to the person elsewhere, e.g. jdoe."""
    name: Text
    """Full name as printed in the documents."""
    side: Side
    """Whether the person works for the customer or the vendor."""
    role: Text = ""
    """Role in the project, e.g. Project Lead."""
    organisation: Text = Field("", description="Defaults to the customer's or vendor's name.")
    email: Text = ""
    """E-mail address."""
    phone: Text = ""
    """Phone number."""
    extra: Extra = Field(default_factory=dict)
    """Your own data for your own templates (`{{ x.extra.key }}`): identifier keys, any values."""
