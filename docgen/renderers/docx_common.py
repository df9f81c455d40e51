"""Rendering a DOCX deliverable: template lookup, the sandboxed Jinja environment, the
docxtpl run, and the finishing touches that make the bytes reproducible.

Text from project.yaml is data, never markup: every printed value is XML-escaped, and
its braces become character references, so neither Jinja nor docxtpl's own tag
handling can ever read a value as a tag ({{ 7*7 }} stays "{{ 7*7 }}").
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import enum
import hashlib
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import jinja2
from docxtpl import DocxTemplate
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup, escape

from .. import i18n
from ..errors import TemplateError, UsageError
from ..models import Project
from ..resources import templates_dir
from .base import Output, RenderOptions
from .docx_branding import apply_branding, fit_loop_tables
from .docx_cache import CachedDocxTemplate, CompiledTemplates, render_dependent
from .docx_markdown import RichBlock, current_template
from .package import finalize_package, normalize_zip

# The language of the document being rendered, for the date and number filters.
current_language: contextvars.ContextVar[str] = contextvars.ContextVar("docgen_language", default="en")


# --- the Jinja environment ---------------------------------------------------------


def _finalize(value: object) -> object:
    """What `{{ value }}` prints: dates and enums readable, everything else escaped."""
    if value.__class__ is not str:
        if value is None:
            return ""
        if hasattr(value, "__html__"):
            return value  # RichBlock, InlineImage, Markup: they write their own XML
        if isinstance(value, enum.Enum):
            value = value.value
        elif isinstance(value, dt.date):
            value = i18n.format_date(value, current_language.get())
        value = str(value)
    text = escape(value)
    if "{" in value or "}" in value:
        text = Markup(str(text).replace("{", "&#123;").replace("}", "&#125;"))
    return text


def _filter_date(value: dt.date | None) -> str:
    return i18n.format_date(value, current_language.get())


def _filter_short_date(value: dt.date | None) -> str:
    return i18n.format_short_date(value, current_language.get())


def _filter_number(value: Decimal | float | int, decimals: int = 1) -> str:
    return i18n.format_number(value, current_language.get(), decimals)


def _filter_money(value: Decimal, currency: str = "EUR") -> str:
    return i18n.format_money(Decimal(value), currency, current_language.get())


class _Sandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox, with its verdicts cached.

    Whether an attribute is safe depends only on the object's type and the attribute's
    name, and asking afresh for every row of a long table costs more than the row.
    """

    def __init__(self, **options: object) -> None:
        super().__init__(**options)
        self._verdicts: dict[tuple[type, str], bool] = {}

    def getattr(self, obj: object, attribute: str) -> object:
        # The common case first: a data attribute of a type already judged safe.
        if self._verdicts.get((type(obj), attribute)):
            try:
                value = getattr(obj, attribute)
            except AttributeError:
                pass
            else:
                if not callable(value) or self.wrap_str_format(value) is None:
                    return value
        return super().getattr(obj, attribute)

    def is_safe_attribute(self, obj: object, attr: str, value: object) -> bool:
        key = (type(obj), attr)
        verdict = self._verdicts.get(key)
        if verdict is None:
            verdict = self._verdicts[key] = super().is_safe_attribute(obj, attr, value)
        return verdict


def make_environment() -> jinja2.Environment:
    """Templates may come from partners: sandboxed, strict and autoescaping."""
    env = _Sandbox(undefined=jinja2.StrictUndefined, autoescape=True, finalize=_finalize)
    filters = dict(date=_filter_date, short_date=_filter_short_date, number=_filter_number,
                   money=_filter_money, markdown=RichBlock)
    # Their results depend on the render's language or document: see docx_cache.py.
    env.filters.update({name: render_dependent(func) for name, func in filters.items()})
    return env


ENVIRONMENT = make_environment()
# Compiled parts of the templates rendered in this process, reused by later renders.
COMPILED = CompiledTemplates(ENVIRONMENT, maxsize=64)


# --- templates -----------------------------------------------------------------------


@dataclass(frozen=True)
class TemplateSource:
    path: Path
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def load_template(filename: str, options: RenderOptions) -> TemplateSource:
    """The user's template from --templates DIR when given, else the shipped one."""
    directory = options.templates_dir or templates_dir()
    path = directory / filename
    try:
        return TemplateSource(path, path.read_bytes())
    except FileNotFoundError:
        hint = "run 'docgen templates export DIR' to get a complete set" if options.templates_dir else \
            "the installation is incomplete; reinstall docgen"
        raise UsageError(f"{path}: template not found ({hint})") from None
    except OSError as error:
        raise UsageError(f"{path}: cannot read template: {error.strerror}") from None


# --- rendering -----------------------------------------------------------------------

ContextBuilder = Callable[[Project, RenderOptions, DocxTemplate], object]


@dataclass(frozen=True)
class DocxRenderer:
    """One deliverable rendered from one template into one file."""

    name: str
    title: str
    template: str
    context_type: type
    build: ContextBuilder
    format: str = "docx"
    # Whether the project holds anything for this document yet; without it (no SOW,
    # no retrospective) there is no output rather than an empty document.
    has_content: Callable[[Project], bool] | None = None

    def render(self, project: Project, options: RenderOptions) -> list[Output]:
        if self.has_content is not None and not self.has_content(project):
            return []
        source = load_template(self.template, options)
        data = render_docx(source, project, options, self.build)
        return [Output(self.name, f"{self.name}.docx", data, source.sha256)]


def render_docx(source: TemplateSource, project: Project, options: RenderOptions,
                build: ContextBuilder) -> bytes:
    """Render `source` with the context `build` makes; the finished, reproducible bytes."""
    template = _open_template(source)
    context = build(project, options, template)
    language = options.language_of(project)
    with _rendering(template, language):
        _render(template, source, context_dict(context), type(context))
    fit_loop_tables(template.docx)
    apply_branding(template.docx, project.branding, language)
    set_core_properties(template.docx, context, project, options)
    buffer = io.BytesIO()
    template.save(buffer)
    return finalize_package(buffer.getvalue(), options.properties, options.timestamp)


def context_dict(context: object) -> dict[str, object]:
    """The names a template sees: the context's fields plus the project's sections."""
    values = dict(vars(context))
    project = values["project"]
    shortcuts = {name: getattr(project, name) for name in type(project).model_fields if name != "project"}
    return {**shortcuts, **values}


def fixed_zip(data: bytes, timestamp: dt.datetime) -> bytes:
    """`data` with fixed zip entry times, order and attributes (see renderers/package.py)."""
    return normalize_zip(data, timestamp)


def _open_template(source: TemplateSource) -> DocxTemplate:
    template = CachedDocxTemplate(source.data, (str(source.path), source.sha256), COMPILED)
    try:
        template.init_docx()
    except Exception as error:  # python-docx raises several types for a broken package
        raise TemplateError(f"{source.path}: not a Word document (.docx): {error}") from None
    return template


@contextlib.contextmanager
def _rendering(template: DocxTemplate, language: str) -> Iterator[None]:
    language_token = current_language.set(language)
    template_token = current_template.set(template)
    try:
        yield
    finally:
        current_template.reset(template_token)
        current_language.reset(language_token)


def _render(template: DocxTemplate, source: TemplateSource, context: dict[str, object],
            context_type: type) -> None:
    try:
        template.render(context, jinja_env=ENVIRONMENT, autoescape=True)
    except jinja2.UndefinedError as error:
        from .template_errors import undefined_message

        raise TemplateError(undefined_message(source.path, source.data, context_type, error.message)) from None
    except jinja2.TemplateSyntaxError as error:
        raise TemplateError(f"{source.path}: template syntax error: {error.message}") from None
    except jinja2.exceptions.SecurityError as error:
        raise TemplateError(f"{source.path}: the template tried an unsafe operation: {error}") from None
    except jinja2.TemplateError as error:
        raise TemplateError(f"{source.path}: {error}") from None
    except (OverflowError, RecursionError, MemoryError) as error:
        # The sandbox caps range() with OverflowError; runaway recursion or output is
        # the template's doing too, not a bug in docgen.
        raise TemplateError(f"{source.path}: the template computes too much "
                            f"({type(error).__name__}: {str(error)[:100]})") from None


def set_core_properties(document, context: object, project: Project, options: RenderOptions) -> None:
    """Title, author and dates from the data, never from the clock or the template."""
    doc = getattr(context, "doc", None)
    props = document.core_properties
    info = project.project
    stamp = options.timestamp.astimezone(dt.timezone.utc).replace(tzinfo=None)
    props.title = _property(doc.title if doc else "")
    props.subject = _property(info.title)
    props.author = _property((doc.author if doc and doc.author else "") or info.vendor.name)
    props.last_modified_by = props.author
    props.comments = props.keywords = props.category = props.content_status = ""
    props.identifier = info.id
    props.language = i18n.locale_of(options.language_of(project)).replace("_", "-")
    props.created = props.modified = stamp
    if props.last_printed is not None:
        props.last_printed = stamp
    props.revision = 1
    _set_app_properties(document, info.vendor.name)


def _property(text: str) -> str:
    """Word's core properties hold at most 255 characters; the document body keeps the rest."""
    return text if len(text) <= 255 else text[:254] + "\u2026"


_APP_XML = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
            'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
            '<Application>docgen</Application><DocSecurity>0</DocSecurity><Company>{company}</Company>'
            '</Properties>')


def _set_app_properties(document, company: str) -> None:
    """docProps/app.xml: the company; the template's page and word counts would be stale."""
    for rel in document.part.package.rels.values():
        if rel.reltype.endswith("/extended-properties") and not rel.is_external:
            rel.target_part._blob = _APP_XML.format(company=escape(company)).encode("utf-8")

