"""Templates' cleaned-up parts kept on disk: read back instead of cleaned up again, never stale."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from docgen.cache_dir import ENV_DIR, ENV_OFF, cache_root
from docgen.renderers import docx_engine, docx_story_cache, get_renderer
from docgen.renderers.docx_common import COMPILED
from docgen.renderers.templates import export_templates

from .conftest import options


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(ENV_DIR, str(folder))
    return folder


@pytest.fixture()
def charter(tmp_path: Path) -> bytes:
    export_templates(tmp_path / "templates")
    return (tmp_path / "templates" / "charter.docx").read_bytes()


def prepare(data: bytes) -> docx_engine.PreparedTemplate:
    return docx_engine.PreparedTemplate("charter.docx", "sha", data)


def no_docxtpl() -> None:
    raise AssertionError("docxtpl was needed")


def test_parts_are_kept_and_read_back_without_docxtpl(cache, charter, monkeypatch) -> None:
    first = prepare(charter)
    assert len(list(cache.glob("docx-parts-*.json"))) == 1
    monkeypatch.setattr(docx_engine, "_docxtpl", no_docxtpl)
    again = prepare(charter)
    assert again.stories == first.stories and any(story.needs_tree for story in again.stories)


def test_another_template_or_other_code_is_a_miss(cache, charter, monkeypatch) -> None:
    prepare(charter)
    assert docx_story_cache.load(charter + b" ") is None
    monkeypatch.setattr(docx_story_cache, "_fingerprint", lambda: "other code")
    assert docx_story_cache.load(charter) is None


@pytest.mark.parametrize("content", ["not json", '{"a": 1}', '[{"part": "word/document.xml"}]'])
def test_an_unreadable_entry_is_cleaned_up_again(cache, charter, content) -> None:
    expected = prepare(charter).stories
    [path] = cache.glob("docx-parts-*.json")
    path.write_text(content, encoding="utf-8")
    assert prepare(charter).stories == expected


def test_old_entries_are_removed(cache, charter, monkeypatch) -> None:
    monkeypatch.setattr(docx_story_cache, "KEEP", 2)
    for version in range(4):
        docx_story_cache.store(charter + bytes([version]), [])
        for entry in cache.glob("docx-parts-*.json"):  # older than the next, however coarse the clock
            os.utime(entry, (entry.stat().st_atime, entry.stat().st_mtime - 10))
    assert len(list(cache.glob("docx-parts-*.json"))) == 2
    assert docx_story_cache.load(charter + bytes([3])) == []


def test_off_keeps_nothing(tmp_path, charter, monkeypatch) -> None:
    monkeypatch.setenv(ENV_OFF, "1")
    monkeypatch.setenv(ENV_DIR, str(tmp_path / "cache"))
    prepare(charter)
    assert cache_root() is None and not (tmp_path / "cache").exists()


def test_an_unwritable_cache_is_no_error(tmp_path, charter, monkeypatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv(ENV_DIR, str(blocker / "cache"))
    assert prepare(charter).stories


def test_a_cache_others_may_write_to_is_not_read(cache, charter) -> None:
    expected = prepare(charter).stories
    [path] = cache.glob("docx-parts-*.json")
    path.write_text("[]", encoding="utf-8")  # what someone else could have put there
    cache.chmod(0o777)
    assert prepare(charter).stories == expected


def test_the_document_is_the_same_from_cached_parts(cache, sample_project) -> None:
    def render() -> bytes:
        COMPILED.clear()
        docx_engine._PREPARED.clear()
        [output] = get_renderer("charter").render(sample_project, options(Path("samples/mail-migration")))
        return output.data

    fresh = render()
    assert list(cache.glob("docx-parts-*.json"))
    assert render() == fresh
