"""docgen's XML escaping gives xml.sax.saxutils' results, character for character."""

from __future__ import annotations

from xml.sax import saxutils

from hypothesis import given
from hypothesis import strategies as st

from docgen.renderers.xml_text import escape, quoteattr

# Mostly the characters that matter, so that most examples hold several of them.
TEXT = st.text(alphabet=st.sampled_from("&<>\"'\n\r\t a{}") | st.characters(), max_size=30)


@given(TEXT)
def test_escape_is_saxutils_escape(text: str) -> None:
    assert escape(text) == saxutils.escape(text)
    assert escape(text, {'"': "&quot;"}) == saxutils.escape(text, {'"': "&quot;"})


@given(TEXT)
def test_quoteattr_is_saxutils_quoteattr(text: str) -> None:
    assert quoteattr(text) == saxutils.quoteattr(text)


def test_the_three_quotings():
    assert [quoteattr(t) for t in ("a&b", 'say "hi"', "it's \"x\"")] == [
        '"a&amp;b"', "'say \"hi\"'", '"it\'s &quot;x&quot;"']
