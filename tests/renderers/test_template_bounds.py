"""Runaway templates end quickly with an error that names the template and what ran away."""

from __future__ import annotations

import time

import pytest
from docx import Document

from docgen.errors import TemplateError
from docgen.renderers import get_renderer
from docgen.renderers import sandbox

from .conftest import options


def render_with(tmp_path, tricky_project, tricky_dir, *paragraphs: str):
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    (tmp_path / "templates").mkdir(exist_ok=True)
    document.save(tmp_path / "templates" / "charter.docx")
    return get_renderer("charter").render(tricky_project, options(tricky_dir, templates_dir=tmp_path / "templates"))


def refused(tmp_path, tricky_project, tricky_dir, *paragraphs: str) -> str:
    started = time.monotonic()
    with pytest.raises(TemplateError) as caught:
        render_with(tmp_path, tricky_project, tricky_dir, *paragraphs)
    assert time.monotonic() - started < 10
    message = str(caught.value)
    assert message.startswith(str(tmp_path / "templates" / "charter.docx") + ": ")
    assert "\n" not in message
    return message


def test_two_nested_large_loops_are_stopped(tmp_path, tricky_project, tricky_dir) -> None:
    message = refused(tmp_path, tricky_project, tricky_dir,
                      "{% for i in range(100000) %}{% for j in range(99999) %}x{% endfor %}{% endfor %}")
    assert "range(99999): the template's loops would run more than 1,000,000 times in all" in message
    assert message.endswith("(in the tag {% for j in range(99999) %})")


def test_a_huge_repeated_string_is_stopped(tmp_path, tricky_project, tricky_dir) -> None:
    message = refused(tmp_path, tricky_project, tricky_dir, "{{ 'x' * 10000000000 }}")
    assert "str of 1 repeated 10,000,000,000 times: more than 1,000,000 items" in message


def test_huge_output_is_stopped(tmp_path, tricky_project, tricky_dir, monkeypatch) -> None:
    monkeypatch.setattr(sandbox, "MAX_OUTPUT_CHARS", 100_000)
    message = refused(tmp_path, tricky_project, tricky_dir,
                      "{% for i in range(1000) %}{{ 'y' * 1000 }}{% endfor %}")
    assert "the template's expressions output more than 100,000 characters" in message


def test_a_slow_template_is_stopped_by_the_clock(tmp_path, tricky_project, tricky_dir, monkeypatch) -> None:
    monkeypatch.setattr(sandbox, "MAX_SECONDS", 0.2)
    message = refused(tmp_path, tricky_project, tricky_dir,
                      "{% for i in range(900000) %}{{ i|string|length }}{% endfor %}")
    assert "the template took more than 0.2 s to render" in message


@pytest.mark.parametrize("tag", ["{% include 'header.docx' %}", "{% extends 'base.docx' %}",
                                 "{% import 'macros.docx' as m %}"])
def test_include_extends_and_import_say_they_are_not_supported(tmp_path, tricky_project, tricky_dir, tag) -> None:
    message = refused(tmp_path, tricky_project, tricky_dir, tag)
    assert "a DOCX template cannot include, extend or import other templates" in message
    assert "TypeError" not in message and "no loader" not in message


def test_ordinary_loops_still_work(tmp_path, tricky_project, tricky_dir) -> None:
    [output] = render_with(tmp_path, tricky_project, tricky_dir,
                           "{% for i in range(3) %}[{{ i }}/{{ loop.length }}]{% endfor %} {{ 'ab' * 3 }}")
    text = "\n".join(p.text for p in Document(__import__("io").BytesIO(output.data)).paragraphs)
    assert "[0/3][1/3][2/3] ababab" in text


def test_templates_check_names_an_entity_bomb_in_one_line(tmp_path) -> None:
    import io
    import zipfile

    from docgen.renderers.templates import check_template
    from docgen.renderers.charter import CharterContext

    buffer = io.BytesIO()
    Document().save(buffer)
    entities = "".join(f'<!ENTITY l{n} "{("&l%d;" % (n - 1)) * 10}">' for n in range(1, 10))
    bomb = (f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY l0 "lol">{entities}]>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            '<w:body><w:p><w:r><w:t>&l9;</w:t></w:r></w:p></w:body></w:document>').encode()
    source = zipfile.ZipFile(buffer)
    with zipfile.ZipFile(tmp_path / "charter.docx", "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, bomb if info.filename == "word/document.xml" else source.read(info))
    [problem] = check_template(tmp_path / "charter.docx", CharterContext)
    assert str(problem).startswith(f"{tmp_path / 'charter.docx'}: not a Word document (.docx): ")
    assert "entity" in str(problem) and "\n" not in str(problem)
