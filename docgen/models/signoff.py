"""Sign-off: who signed a document, on which side, and when."""

from .base import Date, Model, PersonRef


class Signature(Model):
    """One signature under a document (charter, SOW, customer test protocol)."""

    person: PersonRef
    """Who signed; their side (customer or vendor) comes from `people`."""
    date: Date
    """The day they signed."""
