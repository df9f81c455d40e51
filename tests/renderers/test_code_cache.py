"""Compiled template code on disk: reused by the next process, never trusted blindly,
never changing a byte of the output."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from docgen.models import Language
from docgen.renderers import code_cache, docx_common
from docgen.cache_dir import ENV_DIR, ENV_OFF
from docgen.renderers.code_cache import CodeCache, environment_fingerprint
from docgen.renderers.docx_cache import CompiledTemplates
from docgen.renderers.docx_common import ENVIRONMENT, make_environment

from ..conftest import ROOT
from .conftest import document_text, options
from .test_docx_cache import render_set, user_charter


def entries(directory: Path) -> list[Path]:
    return sorted(directory.glob("templates-*/*.jinja"))


@pytest.fixture
def cache_dir(tmp_path, monkeypatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv(ENV_DIR, str(directory))
    monkeypatch.delenv(ENV_OFF, raising=False)
    return directory


def fresh_store(monkeypatch, on_disk: bool = True) -> CompiledTemplates:
    """A new process's store: nothing compiled in memory yet."""
    store = CompiledTemplates(ENVIRONMENT, maxsize=64, on_disk=on_disk)
    monkeypatch.setattr(docx_common, "COMPILED", store)
    return store


def test_a_second_process_loads_what_the_first_compiled_and_renders_the_same_bytes(
        cache_dir, monkeypatch, tricky_project, tricky_dir):
    opts = options(tricky_dir)
    without = fresh_store(monkeypatch, on_disk=False)
    expected = render_set(tricky_project, opts)
    assert without.disk() is None and not entries(cache_dir)

    first = fresh_store(monkeypatch)
    assert render_set(tricky_project, opts) == expected
    # Templates share parts (the same header XML): one entry for each distinct source.
    written = first.disk().writes
    assert first.disk().hits + written == first.misses and len(entries(cache_dir)) == written > 0

    second = fresh_store(monkeypatch)
    assert render_set(tricky_project, opts) == expected
    assert second.disk().hits == second.misses == first.misses and second.disk().writes == 0


def test_the_cache_directory_is_private(cache_dir, monkeypatch, sample_project):
    fresh_store(monkeypatch)
    render_set(sample_project, options())
    directory = entries(cache_dir)[0].parent
    assert directory.stat().st_mode & 0o777 == 0o700


def test_code_is_never_loaded_from_a_directory_others_may_write_to(cache_dir, monkeypatch, sample_project):
    fresh_store(monkeypatch)
    expected = render_set(sample_project, options())
    directory = entries(cache_dir)[0].parent
    directory.chmod(0o777)
    store = fresh_store(monkeypatch)
    assert render_set(sample_project, options()) == expected
    assert store.disk().hits == store.disk().writes == 0  # compiled, as without a cache


def test_a_damaged_entry_is_compiled_again_and_replaced(cache_dir, monkeypatch, sample_project):
    fresh_store(monkeypatch)
    expected = render_set(sample_project, options())
    for entry in entries(cache_dir):
        entry.write_bytes(entry.read_bytes()[:40])  # truncated inside the marshalled code
    damaged = len(entries(cache_dir))
    store = fresh_store(monkeypatch)
    assert render_set(sample_project, options()) == expected
    # Each damaged entry compiled again and rewritten once; a part shared by several
    # templates loads the rewritten entry for all but the first.
    assert store.disk().writes == damaged and store.disk().hits == store.misses - damaged
    store = fresh_store(monkeypatch)
    render_set(sample_project, options())
    assert store.disk().hits == store.misses and store.disk().writes == 0


def test_docgen_no_cache_turns_it_off(cache_dir, monkeypatch, sample_project):
    monkeypatch.setenv(ENV_OFF, "1")
    store = fresh_store(monkeypatch)
    render_set(sample_project, options())
    assert store.disk() is None and not cache_dir.exists()


def test_parts_whose_filters_ran_while_compiling_stay_off_the_disk(cache_dir, monkeypatch, tmp_path, sample_project):
    from docgen.renderers import get_renderer

    folder = user_charter(tmp_path / "constants", "Rate {{ 1234.5|number }}")
    texts = []
    for language in (Language.en, Language.de):
        store = fresh_store(monkeypatch)
        [output] = get_renderer("charter").render(sample_project, options(templates_dir=folder, language=language))
        texts.append(document_text(output.data))
    # The second process loaded every part but the folded document.xml, which it compiled.
    assert store.disk().hits == store.misses - 1 and store.disk().writes == 0
    assert "Rate 1,234.5" in texts[0] and "Rate 1.234,5" in texts[1]


def test_another_environment_never_meets_these_entries():
    other = make_environment()
    other.filters["shout"] = str.upper
    assert environment_fingerprint(make_environment()) == environment_fingerprint(ENVIRONMENT)
    assert environment_fingerprint(other) != environment_fingerprint(ENVIRONMENT)


def test_the_oldest_entries_go_beyond_the_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(code_cache, "MAX_ENTRIES", 3)
    cache = CodeCache(ENVIRONMENT, tmp_path)
    sources = [f"{{{{ value{number} }}}}" for number in range(5)]
    for number, source in enumerate(sources):
        before = set(entries(tmp_path))
        cache.save(source, ENVIRONMENT.compile(source))
        [new] = set(entries(tmp_path)) - before
        os.utime(new, (1_000_000 + number, 1_000_000 + number))  # written in this order
    assert len(entries(tmp_path)) == 3
    assert [cache.load(source) is not None for source in sources] == [False, False, True, True, True]


def test_the_command_line_fills_the_cache_and_its_next_run_uses_it(tmp_path):
    """Two `docgen build` processes: the second compiles nothing, the output is the same."""
    cache = tmp_path / "cache"
    env = {**os.environ, ENV_DIR: str(cache), "SOURCE_DATE_EPOCH": "1767225600"}
    env.pop(ENV_OFF, None)
    outputs = []
    for run in range(2):
        out = tmp_path / f"out{run}"
        subprocess.run([sys.executable, "-m", "docgen", "build", str(ROOT / "samples/mail-migration/project.yaml"),
                        "-o", str(out), "-j", "1"], check=True, capture_output=True, env=env, cwd=tmp_path)
        written = {path: path.stat().st_mtime_ns for path in entries(cache)}
        outputs.append({path.relative_to(out): path.read_bytes() for path in out.rglob("*.docx")})
        if run == 0:
            first_written = written
    assert first_written and written == first_written  # nothing compiled, nothing rewritten
    assert outputs[0] == outputs[1] and len(outputs[0]) > 5


def test_no_cache_without_the_source_of_the_code_generator_to_key_by(tmp_path, monkeypatch):
    """Installed without sources (a zip): an edited docgen of the same version could
    otherwise load code an older generator made."""
    def no_source(obj):
        raise TypeError("no source")

    monkeypatch.setattr(code_cache.inspect, "getfile", no_source)
    cache = CodeCache(ENVIRONMENT, tmp_path)
    cache.save("{{ a }}", ENVIRONMENT.compile("{{ a }}"))
    assert cache.fingerprint == "" and cache.load("{{ a }}") is None and not entries(tmp_path)
