"""What every DOCX template sees, and the views shared by several documents.

A document's context is a dataclass: its typed fields are both what the renderer fills
in and what `docgen templates check` knows a template may use. Views hold text ready to
print (dates, amounts and labels formatted for the language); the raw models stay
reachable through `project` and the section shortcuts (`charter`, `requirements`, ...).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal

from .. import i18n
from ..i18n import Labels
from ..models import DocumentInfo, DocumentStatus, Person, Project, Side, Signature, TestResult
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
    draft: str  # "DRAFT" on the cover and in the header while incomplete or a draft; "" when not


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
    extra: dict[str, object]  # the Person's own extra: for a team's templates
    extra_of = Person  # whose extra: keys `templates check --project` expects (not a field)


@dataclass(frozen=True)
class Signatory:
    organisation: str
    side: str
    name: str
    role: str
    signed_on: str = ""  # the date of their recorded signature, in the document's language


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


def base_fields(project: Project, options: RenderOptions, template: object,
                title_key: str, info: DocumentInfo, complete: bool = True) -> dict[str, object]:
    """The fields of `DocxContext`, for a document titled by label `title_key`; an
    incomplete one (`drafts.missing_content`) is marked as a draft."""
    language = options.language_of(project)
    labels = i18n.labels(language)
    title = labels[title_key]
    return {
        "project": project,
        "labels": labels,
        "lang": language,
        "doc": doc_control(project, labels, title, info if complete else _as_draft(info)),
        "logos": load_logos(project, options),
        "brand": Brand(project.branding.confidentiality or labels["confidential"], project.branding.primary_color,
                       project.branding.font),
    }


def document_day(info: DocumentInfo, options: RenderOptions) -> dt.date:
    """The day a document is rendered as of: its own date, else the project's as-of date."""
    return info.date or options.today


def doc_control(project: Project, labels: Labels, title: str, info: DocumentInfo) -> DocControl:
    """The cover's document control. Its date is the document's own, else the date the
    project data reflects (`as_of`); never the day of the build."""
    author = project.person(info.author).name if info.author else ""
    day = info.date or project.project.as_of
    date = i18n.format_date(day, labels.language) if day else labels["undated"]
    draft = labels["draft_mark"] if info.status is DocumentStatus.draft else ""
    return DocControl(title, info.version, date, labels[f"docstatus.{info.status.value}"], author, draft)


def _as_draft(info: DocumentInfo) -> DocumentInfo:
    """An incomplete document is a draft, whatever status its data gives it."""
    return info.model_copy(update={"status": DocumentStatus.draft})


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
                      labels[f"side.{person.side.value}"], person.email, person.phone, contact, person.extra)


def people_views(project: Project, ids: list[str], labels: Labels) -> list[PersonView]:
    """People by id, customer side first, in the order they are listed in the file."""
    people = [project.person(person_id) for person_id in dict.fromkeys(ids)]
    people.sort(key=lambda p: p.side is not Side.customer)
    return [person_view(project, p, labels) for p in people]


def signatories(project: Project, ids: list[str], labels: Labels,
                signed: list[Signature] | None = None) -> list[Signatory]:
    """Who signs, with the date each signed (`signed`): the listed people and anyone who
    signed, else an open line for each side."""
    dates = {s.person: i18n.format_date(s.date, labels.language) for s in signed or []}
    ids = [*ids, *(person for person in dates if person not in ids)]
    if ids:
        return [Signatory(v.organisation, v.side, v.name, v.role, dates.get(v.id, ""))
                for v in people_views(project, ids, labels)]
    info = project.project
    return [Signatory(info.customer.name, labels["side.customer"], "", ""),
            Signatory(info.vendor.name, labels["side.vendor"], "", "")]


def handover_view(project: Project, labels: Labels, day: dt.date) -> HandoverView:
    """The support handover as it stood on `day`, the date of the document that shows it."""
    handover = project.launch.support_handover
    contact = ""
    if handover.contact:
        view = person_view(project, project.person(handover.contact), labels)
        contact = "\n".join(part for part in (f"{view.name} ({view.organisation})", view.role, view.contact) if part)
    return HandoverView(i18n.format_date(handover.date, labels.language), contact,
                        ticket_test_text(project, labels, day), handover.notes)


def ticket_test_text(project: Project, labels: Labels, day: dt.date) -> str:
    """'Yes (AT-10, 20 Nov 2026)' when the linked test case had passed by `day`, else 'No'."""
    test_id = project.launch.support_handover.ticket_process_test
    case = next((c for c in project.tests.internal + project.tests.customer if c.id == test_id), None)
    if case is None or case.result is not TestResult.passed or (case.date is not None and case.date > day):
        return labels.no
    when = f", {i18n.format_date(case.date, labels.language)}" if case.date else ""
    return f"{labels.yes} ({case.id}{when})"


def name_of(project: Project, person_id: str | None) -> str:
    return project.person(person_id).name if person_id else ""


def short_date(value: dt.date | None, language: str) -> str:
    return i18n.format_short_date(value, language)


class Texts:
    """Names, dates and labels of one document, each distinct one formatted once.

    A long table repeats a few hundred people, dates and statuses over thousands of
    rows; formatting each row's afresh costs more than the rest of the row.
    """

    def __init__(self, project: Project, labels: Labels) -> None:
        self._project, self._labels = project, labels
        self._done: dict[tuple[object, ...], str] = {}

    def labelled(self, format_: Callable[..., str], *args: Hashable) -> str:
        """`format_(labels, *args)` with the document's labels, computed on the first call
        with these arguments."""
        key = (format_, *args)
        text = self._done.get(key)
        if text is None:
            text = self._done[key] = format_(self._labels, *args)
        return text

    def name(self, person_id: str | None) -> str:
        key = ("name", person_id)
        text = self._done.get(key)
        if text is None:
            text = self._done[key] = name_of(self._project, person_id)
        return text

    def short_date(self, value: dt.date | None) -> str:
        return self.labelled(_short_date, value)

    def label(self, prefix: str, value: enum.Enum) -> str:
        """The label `prefix.value` ("side.customer")."""
        return self.labelled(_enum_label, prefix, value)


def _short_date(labels: Labels, value: dt.date | None) -> str:
    return short_date(value, labels.language)


def _enum_label(labels: Labels, prefix: str, value: enum.Enum) -> str:
    return labels[f"{prefix}.{value.value}"]


class Numbers:
    """Babel's number and money formats of a language, applied by Python's own formatting.

    Babel takes a fifth of a millisecond per number, which adds up in an SOW with a
    thousand work packages. The layout (separators, currency symbol and its place) is
    read from Babel's output for a probe value and checked on more; should they ever
    disagree, every number goes through Babel. Each distinct amount of a document is
    formatted once: a thousand work packages share a few rates and efforts.
    """

    _PROBES = (Decimal("1234567.89"), Decimal("0.5"), Decimal("1000"), Decimal("12.25"), Decimal("0"))

    def __init__(self, language: str, currency: str) -> None:
        import babel.numbers  # here: only documents with amounts need it (4 ms of start-up)

        self.language, self.currency = language, currency
        group = babel.numbers.get_group_symbol(i18n.locale_of(language))
        decimal = babel.numbers.get_decimal_symbol(i18n.locale_of(language))
        self._separators = str.maketrans({",": group, ".": decimal})
        probe = self._decimal(self._PROBES[0], 2, keep_zeros=True)
        self._prefix, _, self._suffix = i18n.format_money(self._PROBES[0], currency, language).partition(probe)
        self._native = all(self._native_money(p) == i18n.format_money(p, currency, language)
                           and self._decimal(p, 2) == i18n.format_number(p, language, 2) for p in self._PROBES)
        # Formatted amounts by value: natively 1.5 and 1.50 print alike (rounded to two places).
        self._moneys: dict[Decimal, str] = {}
        self._days: dict[Decimal, str] = {}

    def money(self, amount: Decimal) -> str:
        if not self._native:
            return i18n.format_money(amount, self.currency, self.language)
        text = self._moneys.get(amount)
        if text is None:
            text = self._moneys[amount] = self._native_money(amount)
        return text

    def days(self, value: Decimal) -> str:
        if not self._native:
            return i18n.format_number(value, self.language, 2)
        text = self._days.get(value)
        if text is None:
            text = self._days[value] = self._decimal(value, 2)
        return text

    def _native_money(self, amount: Decimal) -> str:
        return f"{self._prefix}{self._decimal(amount, 2, keep_zeros=True)}{self._suffix}"

    def _decimal(self, value: Decimal, places: int, keep_zeros: bool = False) -> str:
        text = format(Decimal(value).quantize(Decimal(1).scaleb(-places), ROUND_HALF_EVEN), ",f")
        if not keep_zeros and "." in text:
            text = text.rstrip("0").rstrip(".")
        return text.translate(self._separators)
