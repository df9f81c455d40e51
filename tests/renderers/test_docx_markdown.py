"""The Markdown subset of long text fields."""

from __future__ import annotations

import pytest

from docgen.markdown import parse_blocks, parse_inline
from docgen.renderers.docx_markdown import RichBlock


def runs(text: str) -> list[tuple]:
    return [(r.text, r.bold, r.italic, r.url, r.code) for r in parse_inline(text)]


def test_bold_italic_links_and_code():
    assert runs("a **b** *c* __d__ _e_ [f](https://x.example) `g*h*`") == [
        ("a ", False, False, "", False), ("b", True, False, "", False), (" ", False, False, "", False),
        ("c", False, True, "", False), (" ", False, False, "", False), ("d", True, False, "", False),
        (" ", False, False, "", False), ("e", False, True, "", False), (" ", False, False, "", False),
        ("f", False, False, "https://x.example", False), (" ", False, False, "", False),
        ("g*h*", False, False, "", True)]


@pytest.mark.parametrize("text", ["2 * 3 * 4", "{{ 7*7 }}", "snake_case_name", "a*b*c", "**", "R&D <x>",
                                  "=SUM(A1)", "[x](javascript:alert(1))"])
def test_text_that_only_looks_like_markup_stays(text):
    assert "".join(r.text for r in parse_inline(text)) == text
    assert not any(r.bold or r.italic or r.url for r in parse_inline(text))


def test_escapes():
    assert runs(r"\*not italic\*") == [("*not italic*", False, False, "", False)]


def test_blocks():
    blocks = parse_blocks("one\ntwo\n\n- a\n  more\n  - nested\n1. x\n2) y\n\nend")
    assert [(b.kind, b.level, b.lines) for b in blocks] == [
        ("p", 0, ["one", "two"]), ("bullet", 0, ["a", "more"]), ("bullet", 1, ["nested"]),
        ("number", 0, ["x"]), ("number", 0, ["y"]), ("p", 0, ["end"])]


def test_xml_escapes_text_and_braces():
    xml = RichBlock("R&D <t> {_{x").__html__()
    assert "R&amp;D &lt;t&gt; &#123;_&#123;x" in xml
    assert not RichBlock("  \n ") and RichBlock("").__html__() == ""
