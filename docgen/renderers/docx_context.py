"""What every DOCX template sees, and the views shared by several documents.

A document's context is a dataclass: its typed fields are both what the renderer fills
in and what `docgen templates check` knows a template may use. Views hold text ready to
print (dates, amounts and labels formatted for the language); the raw models stay
reachable through `project` and the section shortcuts (`charter`, `requirements`, ...).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal

import babel.numbers

from docxtpl import DocxTemplate

from .. import i18n
from ..i18n import Labels
from ..models import DocumentInfo, Person, Project, Side
from .base import RenderOptions
from .docx_branding import Logo, load_logo
from .docx_markdown import RichBlock


@dataclass(frozen=True)
class DocControl:
    """The cover's document control block and the footer's version."""

    title: str
    version: str
    date: str
    status: str
    author: str


@dataclass(frozen=True)
class Logos:
    customer: Logo | None
    vendor: Logo | None
    header: Logo | None  # the vendor's, else the customer's


@dataclass(frozen=True)
class Brand:
    confidentiality: str
    color: str
    font: str


@dataclass(frozen=True)
class PersonView:
    id: str
    name: str
    role: str
    organisation: str
    side: str
    email: str
    phone: str
    contact: str  # e-mail and phone, one per line


@dataclass(frozen=True)
class Signatory:
    organisation: str
    side: str
    name: str
    role: str


@dataclass(frozen=True)
class TextPart:
    """A titled piece of Markdown text, e.g. one part of the project organisation."""

    title: str
    body: RichBlock


@dataclass(frozen=True)
class HandoverView:
    """The handover to support: the Technical Documentation and Lessons Learned both show it."""

    date: str  # "" while not scheduled
    contact: str  # name and organisation, role, e-mail and phone, one per line; "" while nobody is named
    ticket_process_tested: str  # "Yes" / "No" in the document's language
    notes: str


@dataclass(frozen=True)
class DocxContext:
    project: Project
    labels: Labels
    lang: str
    doc: DocControl
    logos: Logos
    brand: Brand


def base_fields(project: Project, options: RenderOptions, template: DocxTemplate,
                title_key: str, info: DocumentInfo) -> dict[str, object]:
    """The fields of `DocxContext`, for a document titled by label `title_key`."""
    language = options.language_of(project)
    labels = i18n.labels(language)
    title = labels[title_key]
    return {
        "project": project,
        "labels": labels,
        "lang": language,
        "doc": doc_control(project, labels, title, info, options.today),
        "logos": load_logos(project, options),
        "brand": Brand(project.branding.confidentiality, project.branding.primary_color, project.branding.font),
    }


def doc_control(project: Project, labels: Labels, title: str, info: DocumentInfo, today: dt.date) -> DocControl:
    author = project.person(info.author).name if info.author else ""
    date = i18n.format_date(info.date or today, labels.language)
    return DocControl(title, info.version, date, labels[f"docstatus.{info.status.value}"], author)


def load_logos(project: Project, options: RenderOptions) -> Logos:
    info = project.project
    customer = load_logo("project.customer.logo", info.customer.logo, options.project_dir)
    vendor = load_logo("project.vendor.logo", info.vendor.logo, options.project_dir)
    return Logos(customer, vendor, vendor or customer)


# --- shared views --------------------------------------------------------------------


def organisation_of(project: Project, person: Person) -> str:
    if person.organisation:
        return person.organisation
    party = project.project.customer if person.side is Side.customer else project.project.vendor
    return party.name


def person_view(project: Project, person: Person, labels: Labels) -> PersonView:
    contact = "\n".join(part for part in (person.email, person.phone) if part)
    return PersonView(person.id, person.name, person.role, organisation_of(project, person),
                      labels[f"side.{person.side.value}"], person.email, person.phone, contact)


def people_views(project: Project, ids: list[str], labels: Labels) -> list[PersonView]:
    """People by id, customer side first, in the order they are listed in the file."""
    people = [project.person(person_id) for person_id in dict.fromkeys(ids)]
    people.sort(key=lambda p: p.side is not Side.customer)
    return [person_view(project, p, labels) for p in people]


def signatories(project: Project, ids: list[str], labels: Labels) -> list[Signatory]:
    """Who signs: the listed people, else an open line for each side."""
    if ids:
        return [Signatory(v.organisation, v.side, v.name, v.role) for v in people_views(project, ids, labels)]
    info = project.project
    return [Signatory(info.customer.name, labels["side.customer"], "", ""),
            Signatory(info.vendor.name, labels["side.vendor"], "", "")]


def handover_view(project: Project, labels: Labels) -> HandoverView:
    handover = project.launch.support_handover
    contact = ""
    if handover.contact:
        view = person_view(project, project.person(handover.contact), labels)
        contact = "\n".join(part for part in (f"{view.name} ({view.organisation})", view.role, view.contact) if part)
    tested = labels.yes if handover.ticket_process_tested else labels.no
    return HandoverView(i18n.format_date(handover.date, labels.language), contact, tested, handover.notes)


def name_of(project: Project, person_id: str | None) -> str:
    return project.person(person_id).name if person_id else ""


def short_date(value: dt.date | None, language: str) -> str:
    return i18n.format_short_date(value, language)


class Numbers:
    """Babel's number and money formats of a language, applied by Python's own formatting.

    Babel takes a fifth of a millisecond per number, which adds up in an SOW with a
    thousand work packages. The layout (separators, currency symbol and its place) is
    read from Babel's output for a probe value and checked on more; should they ever
    disagree, every number goes through Babel.
    """

    _PROBES = (Decimal("1234567.89"), Decimal("0.5"), Decimal("1000"), Decimal("12.25"), Decimal("0"))

    def __init__(self, language: str, currency: str) -> None:
        self.language, self.currency = language, currency
        group = babel.numbers.get_group_symbol(i18n.locale_of(language))
        decimal = babel.numbers.get_decimal_symbol(i18n.locale_of(language))
        self._separators = str.maketrans({",": group, ".": decimal})
        probe = self._decimal(self._PROBES[0], 2, keep_zeros=True)
        self._prefix, _, self._suffix = i18n.format_money(self._PROBES[0], currency, language).partition(probe)
        self._native = all(self._native_money(p) == i18n.format_money(p, currency, language)
                           and self._decimal(p, 2) == i18n.format_number(p, language, 2) for p in self._PROBES)

    def money(self, amount: Decimal) -> str:
        if self._native:
            return self._native_money(amount)
        return i18n.format_money(amount, self.currency, self.language)

    def days(self, value: Decimal) -> str:
        return self._decimal(value, 2) if self._native else i18n.format_number(value, self.language, 2)

    def _native_money(self, amount: Decimal) -> str:
        return f"{self._prefix}{self._decimal(amount, 2, keep_zeros=True)}{self._suffix}"

    def _decimal(self, value: Decimal, places: int, keep_zeros: bool = False) -> str:
        text = format(Decimal(value).quantize(Decimal(1).scaleb(-places), ROUND_HALF_EVEN), ",f")
        if not keep_zeros and "." in text:
            text = text.rstrip("0").rstrip(".")
        return text.translate(self._separators)
