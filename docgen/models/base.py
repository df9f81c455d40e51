"""Shared building blocks of the data model: strict base class, text and id types.

Models never touch files or Office libraries; they only describe and validate data.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

# XML 1.0 cannot hold these characters, so no Office file can either. Rejecting them
# here names the field at load time instead of failing deep inside a renderer.
XML_SAFE_PATTERN = r"^[^\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]*$"
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
HEX_COLOR_PATTERN = r"^#[0-9A-Fa-f]{6}$"
TIME_PATTERN = r"^([01]\d|2[0-3]):[0-5]\d$"
CURRENCY_PATTERN = r"^[A-Z]{3}$"
CREDENTIAL_PATTERN = r"^[a-z][a-z0-9+.-]*:\S+$"


class Model(BaseModel):
    """Base of every model: unknown keys are errors, values are re-validated on assignment."""

    # Attribute docstrings (a string under a field) become the field's description in the
    # JSON Schema, the reference page and editors' hovers.
    model_config = ConfigDict(extra="forbid", validate_assignment=True, populate_by_name=True,
                              use_attribute_docstrings=True)


Text = Annotated[str, StringConstraints(pattern=XML_SAFE_PATTERN)]
"""Plain text from the user: kept verbatim, only XML-impossible characters refused."""

Markdown = Annotated[
    str,
    StringConstraints(pattern=XML_SAFE_PATTERN),
    Field(json_schema_extra={"contentMediaType": "text/markdown"}),
]
"""Long text: paragraphs, lists, **bold**, *italic* and [links](url) become Word formatting."""

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=64)]
"""An identifier: letters, digits, '.', '_' and '-', starting with a letter or digit."""

Color = Annotated[str, StringConstraints(pattern=HEX_COLOR_PATTERN)]
TimeOfDay = Annotated[str, StringConstraints(pattern=TIME_PATTERN)]


def _strict_date(value: Any) -> Any:
    """Accept real dates and ISO strings only; YAML ints or datetimes are mistakes."""
    if isinstance(value, dt.datetime):
        raise ValueError("expected a date without a time, as YYYY-MM-DD")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        if _PADDED_DATE.match(text):
            try:
                return dt.date.fromisoformat(text)
            except ValueError:
                raise ValueError(f"{text} is not a date in the calendar (the month or day is out of range)") from None
        if _LOOSE_DATE.match(text):
            raise ValueError(_unpadded_date_message(text))
    raise ValueError("expected a date as YYYY-MM-DD, for example 2026-04-15")


def _unpadded_date_message(text: str) -> str:
    """'2026-9-1' is a date written in the wrong form: say the right form, with this date."""
    year, month, day = text.split("-")
    padded = f"{year}-{int(month):02d}-{int(day):02d}"
    try:
        dt.date.fromisoformat(padded)
    except ValueError:
        return f"{text} is not a date in the calendar; write dates as YYYY-MM-DD"
    return f"{text}: write dates as YYYY-MM-DD with two-digit month and day: {padded}"


_PADDED_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_LOOSE_DATE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")


Date = Annotated[dt.date, BeforeValidator(_strict_date)]


class Side(str, enum.Enum):
    customer = "customer"
    vendor = "vendor"


class Phase(str, enum.Enum):
    initialization = "initialization"
    implementation = "implementation"
    approval = "approval"


class Language(str, enum.Enum):
    en = "en"
    de = "de"


class DocumentStatus(str, enum.Enum):
    draft = "draft"
    review = "review"
    final = "final"


@dataclass(frozen=True)
class Defines:
    """Marks a field whose value is the id of an item of `kind` (must be unique)."""

    kind: str


@dataclass(frozen=True)
class Ref:
    """Marks a field whose value refers to the id of an item of `kind` (must exist)."""

    kind: str


PersonId = Annotated[Id, Defines("person")]
PersonRef = Annotated[Id, Ref("person")]
RequirementRef = Annotated[Id, Ref("requirement")]
WorkPackageRef = Annotated[Id, Ref("work_package")]


class DocumentInfo(Model):
    """Document control shown on the cover of a DOCX deliverable."""

    version: Text = Field("1.0", description="Version shown on the cover and in the footer.")
    status: DocumentStatus = DocumentStatus.draft
    """Document status: draft, review or final."""
    date: Date | None = Field(None, description="Date of this version; defaults to the build date.")
    author: PersonRef | None = None
    """Id of the person shown as the document's author."""
