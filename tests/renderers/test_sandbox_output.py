"""What `{{ value }}` prints in the DOCX environment: one call per value counts, formats and
escapes it, in every kind of block, and a value never becomes markup or a tag."""

from __future__ import annotations

import datetime as dt
import enum

import jinja2
import pytest
from markupsafe import Markup

from docgen.renderers import sandbox
from docgen.renderers.docx_common import ENVIRONMENT, current_language

TEXT = """a<b & "c" 'd' {{ 7*7 }} {%p x %}"""
ESCAPED = "a&lt;b &amp; &#34;c&#34; &#39;d&#39; &#123;&#123; 7*7 &#125;&#125; &#123;%p x %&#125;"


class Colour(enum.Enum):
    red = "Rot & <Rosa>"


def render(source: str, **context: object) -> str:
    return ENVIRONMENT.from_string(source).render(context)


@pytest.mark.parametrize("source, expected", [
    ("<w:t>{{ v }}</w:t>", f"<w:t>{ESCAPED}</w:t>"),
    ("{% autoescape false %}{{ v }}{% endautoescape %}", ESCAPED),
    ("{% autoescape flag %}[{{ v }}]{% endautoescape %}", f"[{ESCAPED}]"),
    ("{% macro cell(x) %}<w:t>{{ x }}</w:t>{% endmacro %}{{ cell(v) }}", f"<w:t>{ESCAPED}</w:t>"),
    ("{% set block %}<w:b/>{{ v }}{% endset %}{{ block }}", f"<w:b/>{ESCAPED}"),
    ("{% for x in [v, v] %}<w:p>{{ loop.index }}{{ x }}</w:p>{% endfor %}",
     f"<w:p>1{ESCAPED}</w:p><w:p>2{ESCAPED}</w:p>"),
    ("{% filter upper %}{{ 'x&y' }}{% endfilter %}", "X&AMP;Y"),
    ("{{ v ~ '!' }}|{{ v|length }}", f"{ESCAPED}!|{len(TEXT)}"),
])
def test_every_value_is_escaped_once_in_every_kind_of_block(source, expected) -> None:
    assert render(source, v=TEXT, flag=False) == expected


def test_values_that_are_not_text() -> None:
    token = current_language.set("de")
    try:
        printed = render("[{{ none }}|{{ day }}|{{ colour }}|{{ number }}]", none=None, day=dt.date(2026, 3, 2),
                         colour=Colour.red, number=1.5)
    finally:
        current_language.reset(token)
    assert printed == "[|02.03.2026|Rot &amp; &lt;Rosa&gt;|1.5]"


def test_markup_writes_itself_and_text_never_becomes_markup() -> None:
    class Picture:
        def __html__(self) -> str:
            return "<w:drawing/>"

    assert render("{{ m }}{{ p }}", m=Markup("<w:br/>"), p=Picture()) == "<w:br/><w:drawing/>"
    assert render("{% autoescape false %}{{ p }}{% endautoescape %}", p=Picture()).startswith("<")


def test_a_missing_value_is_still_an_error() -> None:
    with pytest.raises(jinja2.UndefinedError, match="'missing' is undefined"):
        render("<w:t>{{ missing }}</w:t>")


def test_the_output_budget_counts_every_value(monkeypatch) -> None:
    monkeypatch.setattr(sandbox, "MAX_OUTPUT_CHARS", 1_000)
    with sandbox.bounded() as budget:
        render("{% for i in range(10) %}<w:t>{{ v }}</w:t>{% endfor %}", v="x" * 90)
        assert budget.output_chars == 900
        with pytest.raises(sandbox.TemplateLimitError, match="more than 1,000 characters"):
            render("{% for i in range(2) %}{{ v }}{% endfor %}", v="x" * 90)
