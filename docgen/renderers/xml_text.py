"""Text and attribute values escaped for the XML docgen writes, as xml.sax.saxutils does.

saxutils would do, but importing it imports urllib.request, and with it http.client
and ssl, for the parser helpers beside its escaping: about 15 ms of every build's
start-up (CPU, beyond what the build imports anyway), for three string replacements.
The results are saxutils' to the character (tests/renderers/test_xml_text.py).
"""

from __future__ import annotations


def escape(text: str, entities: dict[str, str] | None = None) -> str:
    """`&`, `>` and `<` as entities, then each key of `entities` replaced by its value."""
    text = text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")
    for char, entity in (entities or {}).items():
        text = text.replace(char, entity)
    return text


def quoteattr(text: str) -> str:
    """`text` as a quoted attribute value: in double quotes, or single ones when it holds a
    double quote and no single one; line breaks and tabs as character references."""
    text = escape(text, {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})
    if '"' not in text:
        return f'"{text}"'
    if "'" not in text:
        return f"'{text}'"
    return '"' + text.replace('"', "&quot;") + '"'
