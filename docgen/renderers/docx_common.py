"""Rendering a DOCX deliverable: template lookup, the sandboxed Jinja environment, the
context a template sees, and the document properties; docx_engine.py writes the package.

Text from project.yaml is data, never markup: every printed value is XML-escaped, and
its braces become character references, so neither Jinja nor docxtpl's own tag
handling can ever read a value as a tag ({{ 7*7 }} stays "{{ 7*7 }}").
"""

from __future__ import annotations

import contextvars
import datetime as dt
import enum
import functools
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import jinja2
from markupsafe import escape

from .. import i18n
from ..display_cuts import report_cut
from ..errors import TemplateError, UsageError
from ..models import Project
from ..resources import templates_dir
from . import docx_engine
from .base import Output, RenderOptions
from .docx_cache import CompiledTemplates, render_dependent
from .docx_markdown import RichBlock
from .docx_parts import app_part, core_part, core_properties_xml
from .package import TEMPLATE_HASH_PROPERTY, w3cdtf
from .sandbox import BoundedSandbox, TemplateLimitError, bounded, offending_tag

# The language of the document being rendered, for the date and number filters.
current_language: contextvars.ContextVar[str] = contextvars.ContextVar("docgen_language", default="en")


# --- the Jinja environment ---------------------------------------------------------


def _text_of(value: object) -> object:
    """What `{{ value }}` shows of a value that is not a str: dates and enums readable,
    None as nothing, markup (RichBlock, Picture, Markup) as it writes itself. The sandbox
    counts and escapes the text (sandbox.py), in the same call.
    """
    if value is None:
        return ""
    if hasattr(value, "__html__"):
        return value
    if isinstance(value, enum.Enum):
        value = value.value
    elif isinstance(value, dt.date):
        value = i18n.format_date(value, current_language.get())
    return str(value)


def _filter_date(value: dt.date | None) -> str:
    return i18n.format_date(value, current_language.get())


def _filter_short_date(value: dt.date | None) -> str:
    return i18n.format_short_date(value, current_language.get())


def _filter_number(value: Decimal | float | int, decimals: int = 1) -> str:
    return i18n.format_number(value, current_language.get(), decimals)


def _filter_money(value: Decimal, currency: str = "EUR") -> str:
    return i18n.format_money(Decimal(value), currency, current_language.get())


class _Sandbox(BoundedSandbox):
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
    env = _Sandbox(undefined=jinja2.StrictUndefined, autoescape=True, finalize=_text_of)
    filters = dict(date=_filter_date, short_date=_filter_short_date, number=_filter_number,
                   money=_filter_money, markdown=RichBlock)
    # Their results depend on the render's language or document: see docx_cache.py.
    env.filters.update({name: render_dependent(func) for name, func in filters.items()})
    return env


ENVIRONMENT = make_environment()
# Compiled parts of the templates rendered in this process, reused by later renders and,
# through the disk, by later processes.
COMPILED = CompiledTemplates(ENVIRONMENT, maxsize=64, on_disk=True)


# --- templates -----------------------------------------------------------------------


@dataclass(frozen=True)
class TemplateSource:
    path: Path
    data: bytes

    @functools.cached_property
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

# The third argument is the render's template; no builder needs it any more.
ContextBuilder = Callable[[Project, RenderOptions, object], object]


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
        return [Output(self.name, f"{self.name}.docx", data, source.sha256, final=True)]

    def prepare(self, templates_dir: Path | None) -> None:
        """Read, clean up and compile the template now rather than at the first render.

        A build's main process calls this before its workers fork, so they share the
        result instead of each preparing every template again.
        """
        source = load_template(self.template, RenderOptions(templates_dir=templates_dir))
        template = docx_engine.prepared(str(source.path), source.sha256, source.data)
        for story in template.stories:
            COMPILED.get(template.owner, story.partname, story.source)


def render_docx(source: TemplateSource, project: Project, options: RenderOptions,
                build: ContextBuilder) -> bytes:
    """Render `source` with the context `build` makes; the finished, reproducible bytes.

    They carry every provenance property (the options' and the template's hash), so the
    build writes them as they are: the package is zipped exactly once.
    """
    template = docx_engine.prepared(str(source.path), source.sha256, source.data)
    context = build(project, options, template)
    language = options.language_of(project)
    token = current_language.set(language)
    try:
        with bounded():
            entries, _ = docx_engine.render(template, COMPILED, context_dict(context), project.branding, language)
    except jinja2.UndefinedError as error:
        from .template_errors import undefined_message

        raise TemplateError(undefined_message(source.path, type(context), error.message,
                                              ENVIRONMENT, project)) from None
    except TemplateLimitError as error:
        tag = offending_tag("".join(story.source for story in template.stories), error)
        raise TemplateError(f"{source.path}: {error}" + (f" (in the tag {tag})" if tag else "")) from None
    except Exception as error:
        mapped = docx_engine.compile_error(str(source.path), error)
        if mapped is None:
            raise
        raise mapped from None
    finally:
        current_language.reset(token)
    set_document_properties(entries, context, project, options)
    props = {**options.properties, TEMPLATE_HASH_PROPERTY: source.sha256}
    return docx_engine.write(entries, props, options.timestamp)


def context_dict(context: object) -> dict[str, object]:
    """The names a template sees: the context's fields plus the project's sections."""
    values = dict(vars(context))
    project = values["project"]
    shortcuts = {name: getattr(project, name) for name in type(project).model_fields if name != "project"}
    return {**shortcuts, **values}



def set_document_properties(entries: dict[str, bytes], context: object, project: Project,
                            options: RenderOptions) -> None:
    """Title, author and dates from the data, never from the clock or the template."""
    doc = getattr(context, "doc", None)
    info = project.project
    stamp = w3cdtf(options.timestamp)
    author = _property((doc.author if doc and doc.author else "") or info.vendor.name)
    values = {
        "title": _property(doc.title if doc else "", "the document title in the document properties"),
        "subject": _property(info.title, "project.title in the document properties"),
        "author": author, "last_modified_by": author,
        "comments": "", "keywords": "", "category": "", "content_status": "",
        "identifier": info.id, "language": i18n.locale_of(options.language_of(project)).replace("_", "-"),
        "last_printed": stamp, "revision": "1",  # created and modified: see package.py
    }
    core = core_part(entries)
    entries[core] = core_properties_xml(entries.get(core), values)
    app = app_part(entries)
    if app is not None:  # the template's page and word counts would be stale
        entries[app] = _APP_XML.format(company=escape(info.vendor.name)).encode("utf-8")


def _property(text: str, what: str = "") -> str:
    """Word's core properties hold at most 255 characters; the document body keeps the rest."""
    if len(text) <= 255:
        return text
    report_cut(what or "a document property", len(text), 254)
    return text[:254] + "\u2026"


_APP_XML = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
            'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
            '<Application>docgen</Application><DocSecurity>0</DocSecurity><Company>{company}</Company>'
            '</Properties>')
