"""Shared building blocks of the data model: strict base class, text and id types.

Models never touch files or Office libraries; they only describe and validate data.
"""

import datetime as dt
import enum
import functools
import re
import types
import typing
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

from .limits import MAX_TEXT_CHARS, fits_a_cell

# XML 1.0 cannot hold these characters, so no Office file can either. Rejecting them
# here names the field at load time instead of failing deep inside a renderer.
XML_SAFE_PATTERN = r"^[^\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]*$"
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
HEX_COLOR_PATTERN = r"^#[0-9A-Fa-f]{6}$"
TIME_PATTERN = r"^([01]\d|2[0-3]):[0-5]\d$"
CURRENCY_PATTERN = r"^[A-Z]{3}$"
EXTRA_KEY_PATTERN = r"^[A-Za-z_][A-Za-z0-9_]*$"


class Model(BaseModel):
    """Base of every model: unknown keys are errors, values are re-validated on assignment."""

    # defer_build: a model's validator is built when first used, not at import, so a
    # command that validates only a Project does not build one for every nested model.
    # Attribute docstrings (a string under a field) are the field's description in the
    # JSON Schema, the reference page and editors' hovers; docgen.schema reads them when it
    # writes the schema. pydantic's use_attribute_docstrings would read every class's
    # source at import, a third of the models' import time, for every command.
    model_config = ConfigDict(extra="forbid", validate_assignment=True, populate_by_name=True, defer_build=True)

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        # pydantic asks each default factory's signature whether it takes the validated
        # data; for the builtin `list` that means parsing its text signature, 0.13 ms for
        # each of about 90 fields when the Project's validator is built. An equal Python
        # function answers at once.
        super().__pydantic_init_subclass__(**kwargs)
        for info in cls.__pydantic_fields__.values():
            if info.default_factory is list:
                info.default_factory = new_list
            elif isinstance(info.default_factory, type) and issubclass(info.default_factory, Model):
                info.default_factory = defaults_of(info.default_factory)


def new_list() -> list[Any]:
    """`list()`, as a default factory whose signature Python reads without parsing."""
    return []


def defaults_of(model: type[Model]) -> typing.Callable[[], Model]:
    """A default factory for a section left out (`decision: Decision = Field(default_factory=
    Decision)`): `model.model_construct()`, the instance `model()` gives, whose defaults
    need no validation (tests/test_schema.py compares the two for every such field).
    Calling `model()` would build the section's own validator, in the first project file
    that leaves the section out: a second build of what the Project's validator holds.
    A partial of a module-level function, so that a cached validator can be pickled."""
    return functools.partial(construct_defaults, model)


def construct_defaults(model: type[Model]) -> Model:
    return model.model_construct()


Text = Annotated[str, StringConstraints(pattern=XML_SAFE_PATTERN), AfterValidator(fits_a_cell),
                 Field(json_schema_extra={"maxLength": MAX_TEXT_CHARS})]
"""Plain text from the user: kept verbatim, only XML-impossible characters refused."""

Markdown = Annotated[
    str,
    StringConstraints(pattern=XML_SAFE_PATTERN),
    AfterValidator(fits_a_cell),
    Field(json_schema_extra={"contentMediaType": "text/markdown", "maxLength": MAX_TEXT_CHARS}),
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
    closed = "closed"  # after launch: documentation, lessons learned and the internal retrospective wrapped up


class Stage(str, enum.Enum):
    """The system a test or a re-check ran on."""

    staging = "staging"
    live = "live"


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
TestRef = Annotated[Id, Ref("test")]


ExtraKey = Annotated[str, StringConstraints(pattern=EXTRA_KEY_PATTERN, max_length=64)]
"""A key of `extra:`: an identifier, so a template can write `extra.customer_ref`."""

_EXTRA_SCALARS = (bool, int, float, dt.date, type(None))


def _extra_value(value: Any, path: str = "") -> Any:
    """`value` when it is text, a number, a yes/no, a date, empty, or a list or mapping
    of those (mapping keys identifiers too); a ValueError naming the nested place if not."""
    if isinstance(value, str):
        if not re.match(XML_SAFE_PATTERN, value):
            raise ValueError(f"{path or 'the value'} contains a control character, which documents cannot hold")
        return fits_a_cell(value)
    if isinstance(value, list):
        return [_extra_value(item, f"{path}[{index}]") for index, item in enumerate(value)]
    if isinstance(value, dict):
        for key in value:
            if not isinstance(key, str) or not re.match(EXTRA_KEY_PATTERN, key):
                raise ValueError(f"key '{key}'{f' under {path}' if path else ''} is not an identifier; use letters,"
                                 " digits and '_', not starting with a digit")
        return {key: _extra_value(item, f"{path}.{key}" if path else key) for key, item in value.items()}
    if isinstance(value, _EXTRA_SCALARS) and not isinstance(value, dt.datetime):
        return value
    raise ValueError(f"{path or 'the value'}: expected text, a number, true/false, a date, a list or a mapping")


ExtraValue = Annotated[Any, AfterValidator(_extra_value)]

Extra = Annotated[
    dict[ExtraKey, ExtraValue],
    Field(json_schema_extra={"propertyNames": {"pattern": EXTRA_KEY_PATTERN}}),
]
"""Free-form data of a team's own templates: identifier keys, values that are text, numbers,
true/false, dates, lists or mappings. Every value is data: printed as text, never markup."""


class DocumentInfo(Model):
    """Document control shown on the cover of a DOCX deliverable."""

    version: Text = Field("1.0", description="Version shown on the cover and in the footer.")
    status: DocumentStatus = DocumentStatus.draft
    """Document status: draft, review or final."""
    date: Date | None = Field(
        None,
        description="Date of this version: the document is rendered as of this day. Empty: the cover shows"
        " the project's as_of date and the document is a draft.",
    )
    author: PersonRef | None = None
    """Id of the person shown as the document's author."""


def unwrap_type(tp: Any) -> Any:
    """Strip Annotated and Optional from a type annotation."""
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            if len(args) != 1:
                return tp
            tp = args[0]
        else:
            return tp


def model_at(tp: Any, loc: tuple) -> type[BaseModel] | None:
    """The model class that describes the value at `loc`, following lists and options."""
    tp = unwrap_type(tp)
    if not loc:
        return tp if isinstance(tp, type) and issubclass(tp, BaseModel) else None
    part, rest = loc[0], loc[1:]
    origin = typing.get_origin(tp)
    if origin is list and isinstance(part, int):
        return model_at(typing.get_args(tp)[0], rest)
    if origin is dict:
        return model_at(typing.get_args(tp)[1], rest)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        for field, info in tp.model_fields.items():
            if part in (field, info.alias):
                return model_at(info.annotation, rest)
    return None
