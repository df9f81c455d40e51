"""Basic Statement of Work: work packages, effort, price. Totals are computed."""

from decimal import Decimal
from typing import Annotated

from pydantic import Field

from .base import CURRENCY_PATTERN, Date, Defines, DocumentInfo, Extra, Id, Markdown, Model, PersonRef, Text
from .signoff import Signature

Money = Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=2)]
Days = Annotated[Decimal, Field(ge=0, max_digits=8, decimal_places=2)]


class WorkPackage(Model):
    id: Annotated[Id, Defines("work_package")]
    """Unique id of the work package, e.g. WP1."""
    title: Text
    """Title of the work package."""
    description: Markdown = ""
    """What the work package covers (Markdown)."""
    effort_days: Days
    """Effort in person-days, e.g. 12.5."""
    day_rate: Money | None = Field(None, description="Overrides the SOW's day rate.")
    deliverables: list[Text] = Field(default_factory=list)
    """What the customer receives from this work package."""
    assumptions: list[Text] = Field(default_factory=list)
    """Assumptions the effort rests on."""
    extra: Extra = Field(default_factory=dict)
    """Your own data for your own templates (`{{ x.extra.key }}`): identifier keys, any values."""


class Sow(Model):
    document: DocumentInfo = Field(default_factory=DocumentInfo)
    """Version, status, date and author of the SOW."""
    reference: Text = Field("", description="The customer's RFI/RFQ this SOW answers.")
    introduction: Markdown = ""
    """Opening text of the SOW (Markdown)."""
    currency: Annotated[str, Field(pattern=CURRENCY_PATTERN)] = "EUR"
    """Currency of all prices, as an ISO 4217 code such as EUR."""
    day_rate: Money
    """Price of one person-day, e.g. 1200.00."""
    work_packages: list[WorkPackage] = Field(default_factory=list)
    """The work packages with their effort; totals are computed."""
    assumptions: list[Text] = Field(default_factory=list)
    """Assumptions of the whole offer."""
    exclusions: list[Text] = Field(default_factory=list)
    """What the offer does not include."""
    acceptance: list[Text] = Field(default_factory=list)
    """Criteria by which the customer accepts the work."""
    payment_terms: Markdown = ""
    """Payment terms (Markdown)."""
    valid_until: Date | None = None
    """Date until which the offer is valid (YYYY-MM-DD)."""
    signatories: list[PersonRef] = Field(
        default_factory=list, description="Who signs the SOW; empty means the charter's signatories."
    )
    signed: list[Signature] = Field(default_factory=list)
    """Who signed the SOW, on each side, and when; the Go needs it signed."""

    def rate_of(self, package: WorkPackage) -> Decimal:
        return package.day_rate if package.day_rate is not None else self.day_rate

    def price_of(self, package: WorkPackage) -> Decimal:
        return (package.effort_days * self.rate_of(package)).quantize(Decimal("0.01"))

    @property
    def total_days(self) -> Decimal:
        return sum((p.effort_days for p in self.work_packages), Decimal(0))

    @property
    def total_price(self) -> Decimal:
        return sum((self.price_of(p) for p in self.work_packages), Decimal("0.00"))
