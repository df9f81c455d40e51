"""The compiled DOCX engine: prepared once, rendered straight into the package."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from docgen.renderers import docx_engine, get_renderer
from docgen.renderers.templates import export_templates

from .conftest import TRICKY, document_text, options
from .test_docx_cache import user_charter


def entries(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_turning_autoescape_off_never_lets_a_value_become_markup(tmp_path, tricky_project, tricky_dir):
    folder = user_charter(tmp_path / "raw", "{% autoescape false %}Raw: {{ project.project.title }}{% endautoescape %}")
    [output] = get_renderer("charter").render(tricky_project, options(tricky_dir, templates_dir=folder))
    assert f"Raw: Title {TRICKY}" in document_text(output.data)  # still text, and the XML still parses


def test_a_template_is_prepared_once_per_process(sample_project):
    docx_engine._PREPARED.clear()
    outputs = get_renderer("meeting-minutes").render(sample_project, options(Path("samples/mail-migration")))
    assert len(outputs) > 1 and len(docx_engine._PREPARED) == 1


def test_parts_without_tags_are_copied_as_they_are(tmp_path, sample_project):
    export_templates(tmp_path)
    template = entries((tmp_path / "charter.docx").read_bytes())
    [output] = get_renderer("charter").render(sample_project, options(templates_dir=tmp_path))
    rendered = entries(output.data)
    untouched = [name for name, data in template.items() if name.startswith("word/") and b"{" not in data
                 and not name.startswith(("word/styles", "word/numbering", "word/_rels"))]
    assert untouched and all(rendered[name] == template[name] for name in untouched)


def test_only_tables_that_need_it_are_parsed_after_rendering(tmp_path):
    export_templates(tmp_path)
    trees = {}
    for name in ("charter", "implementation-concept", "sow"):
        prepared = docx_engine.PreparedTemplate(name, "0", (tmp_path / f"{name}.docx").read_bytes())
        trees[name] = [story.needs_tree for story in prepared.stories if story.is_body]
    # The charter loops over columns (RACI, timeline); the others only over rows.
    assert trees == {"charter": [True], "implementation-concept": [False], "sow": [False]}
