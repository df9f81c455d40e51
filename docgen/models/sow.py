"""Basic Statement of Work: work packages, effort, price. Totals are computed."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import Field

from .base import CURRENCY_PATTERN, Date, Defines, DocumentInfo, Id, Markdown, Model, PersonRef, Text
from .signoff import Signature

Money = Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=2)]
Days = Annotated[Decimal, Field(ge=0, max_digits=8, decimal_places=2)]


class WorkPackage(Model):
    id: Annotated[Id, Defines("work_package")]
    title: Text
    description: Markdown = ""
    effort_days: Days
    day_rate: Money | None = Field(None, description="Overrides the SOW's day rate.")
    deliverables: list[Text] = Field(default_factory=list)
    assumptions: list[Text] = Field(default_factory=list)


class Sow(Model):
    document: DocumentInfo = Field(default_factory=DocumentInfo)
    reference: Text = Field("", description="The customer's RFI/RFQ this SOW answers.")
    introduction: Markdown = ""
    currency: Annotated[str, Field(pattern=CURRENCY_PATTERN)] = "EUR"
    day_rate: Money
    work_packages: list[WorkPackage] = Field(default_factory=list)
    assumptions: list[Text] = Field(default_factory=list)
    exclusions: list[Text] = Field(default_factory=list)
    acceptance: list[Text] = Field(default_factory=list)
    payment_terms: Markdown = ""
    valid_until: Date | None = None
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
