"""Compiled templates are reused within a process without changing a single byte."""

from __future__ import annotations

import io
from pathlib import Path

import jinja2
import pytest
from docx import Document
from jinja2.sandbox import ImmutableSandboxedEnvironment

from docgen.errors import TemplateError
from docgen.models import Language
from docgen.renderers import get_renderer
from docgen.renderers.docx_cache import CompiledTemplates
from docgen.renderers.docx_common import COMPILED, ENVIRONMENT
from docgen.renderers.templates import export_templates

from .conftest import APPROVAL_RENDERERS, DOCX_RENDERERS, document_text, options

ALL_DOCX = DOCX_RENDERERS + list(APPROVAL_RENDERERS)


def render_set(project, opts) -> list[bytes]:
    return [output.data for name in ALL_DOCX for output in get_renderer(name).render(project, opts)]


def user_charter(directory: Path, *paragraphs: str) -> Path:
    """A user template directory whose charter is the shipped one plus `paragraphs`."""
    export_templates(directory)
    document = Document(directory / "charter.docx")
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(directory / "charter.docx")
    return directory


def owners() -> set[tuple[str, str]]:
    return {key[:2] for key in COMPILED.keys()}


@pytest.mark.parametrize("language", [None, Language.de])
def test_a_warm_cache_gives_the_bytes_of_a_cold_one(tricky_project, tricky_dir, monkeypatch, language):
    opts = options(tricky_dir, language=language)
    with monkeypatch.context() as uncached:
        uncached.setattr(COMPILED, "maxsize", 0)  # every part compiled afresh, as without a cache
        fresh = render_set(tricky_project, opts)
    COMPILED.clear()
    cold = render_set(tricky_project, opts)
    misses = COMPILED.misses
    warm = render_set(tricky_project, opts)
    assert COMPILED.misses == misses and COMPILED.hits > 0  # nothing compiled the second time
    assert warm == cold == fresh


def test_meeting_minutes_compile_their_template_once(sample_project):
    COMPILED.clear()
    outputs = get_renderer("meeting-minutes").render(sample_project, options(Path("samples/mail-migration")))
    assert len(outputs) > 1
    assert COMPILED.misses == len(COMPILED.keys())  # every part compiled for the first document only
    assert len(owners()) == 1


def test_templates_and_template_dirs_never_share_entries(tmp_path, sample_project):
    first = user_charter(tmp_path / "first")
    second = user_charter(tmp_path / "second", "Second: {{ project.project.title }}")
    COMPILED.clear()
    for opts in (options(), options(templates_dir=first), options(templates_dir=second)):
        for name in ("charter", "workshop-agenda"):
            before = set(COMPILED.keys())
            get_renderer(name).render(sample_project, opts)
            added = {key[:2] for key in set(COMPILED.keys()) - before}
            assert len(added) == 1 and not added & {key[:2] for key in before}, (name, opts.templates_dir)
    assert len(owners()) == 6  # two templates from three places: nothing was reused across them
    assert COMPILED.misses == len(COMPILED.keys())
    # The shipped templates share the very same header XML, yet each has its own entry.
    digests = [key[3] for key in COMPILED.keys() if key[2] == "/word/header1.xml"]
    assert len(digests) == 6 and len(set(digests)) < len(digests)


def test_sandbox_and_strict_undefined_hold_with_a_warm_cache(tmp_path, tricky_project, tricky_dir):
    escape = user_charter(tmp_path / "escape", "{{ project.__class__.__mro__ }}")
    missing = user_charter(tmp_path / "missing", "{{ project.titel }}")
    for _ in range(2):
        with pytest.raises(TemplateError, match="unsafe"):
            get_renderer("charter").render(tricky_project, options(tricky_dir, templates_dir=escape))
        with pytest.raises(TemplateError, match="titel"):
            get_renderer("charter").render(tricky_project, options(tricky_dir, templates_dir=missing))
    assert {template.environment for template in COMPILED.templates()} == {ENVIRONMENT}
    assert isinstance(ENVIRONMENT, ImmutableSandboxedEnvironment)
    assert ENVIRONMENT.undefined is jinja2.StrictUndefined


def test_a_syntax_error_is_never_cached(tmp_path, sample_project):
    broken = user_charter(tmp_path / "broken", "{{ project.project.title ")
    COMPILED.clear()
    for _ in range(2):
        with pytest.raises(TemplateError, match="syntax error"):
            get_renderer("charter").render(sample_project, options(templates_dir=broken))
    assert not any(key[0].startswith(str(broken)) and key[2] == "/word/document.xml" for key in COMPILED.keys())


def test_filters_on_constants_follow_each_render(tmp_path, sample_project):
    """Jinja runs filters on constants while compiling; such a part is compiled every time."""
    folder = user_charter(tmp_path / "constants", "Rate {{ 1234.5|number }}",
                          "{{p '[the portal](https://example.com/portal)'|markdown }}")
    texts = []
    for language in (Language.en, Language.de, Language.en):
        [output] = get_renderer("charter").render(sample_project, options(templates_dir=folder, language=language))
        texts.append(document_text(output.data))
        links = [link for p in Document(io.BytesIO(output.data)).paragraphs for link in p.hyperlinks]
        assert ("the portal", "https://example.com/portal") in [(link.text, link.url) for link in links]
    assert ["Rate 1,234.5" in texts[0], "Rate 1.234,5" in texts[1], "Rate 1,234.5" in texts[2]] == [True] * 3
    assert not any(key[0] == str(folder / "charter.docx") and key[2] == "/word/document.xml"
                   for key in COMPILED.keys())


def test_the_cache_is_bounded_and_least_recently_used_goes_first():
    cache = CompiledTemplates(ENVIRONMENT, maxsize=2)
    owner = ("t.docx", "0" * 64)
    first = cache.get(owner, "/a", "{{ a }}")
    cache.get(owner, "/b", "{{ b }}")
    assert cache.get(owner, "/a", "{{ a }}") is first  # now the most recently used
    cache.get(owner, "/c", "{{ c }}")
    assert [key[2] for key in cache.keys()] == ["/a", "/c"]
    assert (cache.hits, cache.misses) == (1, 3)
    assert cache.get(owner, "/a", "{{ a2 }}") is not first  # same part, other source
